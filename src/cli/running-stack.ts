import { findRunningStack } from '../localstack/discovery.ts';

/**
 * For the commands that talk to AWS: when `AWS_ENDPOINT_URL` is unset and this project runs a dev loop or a
 * `stepforge localstack start`, point this process at that LocalStack (with LocalStack's test credentials when none
 * are configured) and say so in one line on stderr. With nothing running, nothing changes: the command goes to AWS.
 * It sets the process environment because every client, and every child a command starts, reads it from there.
 */
export function useRunningStack(env: NodeJS.ProcessEnv = process.env, project: string = process.cwd()): void {
  if (env.AWS_ENDPOINT_URL?.trim()) return;
  const found = findRunningStack(project);
  if (!found) return;
  env.AWS_ENDPOINT_URL = found.endpoint;
  if (!env.AWS_ACCESS_KEY_ID && !env.AWS_PROFILE) {
    env.AWS_ACCESS_KEY_ID = 'test';
    env.AWS_SECRET_ACCESS_KEY = 'test';
  }
  process.stderr.write(`using LocalStack at ${found.endpoint} (started by ${found.startedBy}, pid ${found.pid})\n`);
}
