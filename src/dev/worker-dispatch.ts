import type { Deployment } from '../deploy/index.ts';

/**
 * The dispatch a dev worker serves, from what the deploy created: a workflow step chooses activity or queue, and a
 * worker asked for a dispatch whose resource does not exist refuses to start.
 */
export function workerDispatch(task: string, deployment: Deployment): 'activity' | 'queue' | 'both' | undefined {
  const activity = `stepforge-${task}` in deployment.activities;
  const queue = `stepforge-${task}-tasks` in deployment.queues;
  if (activity && queue) return 'both';
  if (activity) return 'activity';
  return queue ? 'queue' : undefined;
}
