import type { Deployment, Manifest } from '../deploy/index.ts';

const TOKEN = /\$\{(?:(bucket|queue|queueArn|activity):([^}]+)|(endpoint))\}/g;

/** A declared value with its placeholders resolved from the deploy, or the names it could not resolve. */
export function resolveDeclared(value: string, deployment: Deployment): { value: string; unresolved: string[] } {
  const unresolved: string[] = [];
  const resolved = value.replace(TOKEN, (token, kind: string | undefined, name: string | undefined) => {
    const found =
      kind === undefined
        ? (deployment.endpoint ?? undefined)
        : kind === 'bucket'
          ? deployment.buckets[name!]
          : kind === 'queue'
            ? deployment.queues[name!]?.url
            : kind === 'queueArn'
              ? deployment.queues[name!]?.arn
              : deployment.activities[name!];
    if (found === undefined) unresolved.push(token);
    return found ?? token;
  });
  return { value: resolved, unresolved };
}

/** What the workflows declare for `task`'s worker (`workerEnvironment`), merged in workflow name order. */
export function declaredEnvironment(task: string, manifest: Manifest | undefined): Record<string, string> {
  const merged: Record<string, string> = {};
  const workflows = [...(manifest?.workflows ?? [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const workflow of workflows) {
    for (const [name, value] of Object.entries(workflow.workerEnvironment?.[task] ?? {})) merged[name] ??= value;
  }
  return merged;
}

/**
 * Environment the dev loop gives a task worker: what the workflows declare for it (`workerEnvironment`, e.g. the
 * media-archive example names the buckets and queue zip-archive works with), placeholders resolved from the deploy.
 * Anything the user exported wins; a value that names a resource the deploy does not have is left out, and reported.
 */
export function taskEnvironment(
  task: string,
  manifest: Manifest | undefined,
  deployment: Deployment,
  env: NodeJS.ProcessEnv,
  report: (message: string) => void = () => {},
): NodeJS.ProcessEnv {
  const filled: NodeJS.ProcessEnv = { ...env };
  for (const [name, declared] of Object.entries(declaredEnvironment(task, manifest))) {
    if (filled[name]) continue;
    const { value, unresolved } = resolveDeclared(declared, deployment);
    if (unresolved.length)
      report(`worker ${task}: ${name} names ${unresolved.join(', ')}, which the deploy did not create; left unset`);
    else filled[name] = value;
  }
  return filled;
}
