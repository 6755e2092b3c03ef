import type { Change, PlannedAction } from './plan.ts';

const DONE: Record<Change, string> = {
  create: 'created',
  update: 'updated',
  unchanged: 'unchanged',
  delete: 'deleted',
  retain: 'retained',
};

function details(action: PlannedAction): string {
  if (action.change === 'update') return ` (${action.differences.join(', ')})`;
  if (action.change === 'retain' && 'reason' in action) return ` (not in the build; ${action.reason})`;
  return '';
}

const PLANNED: Record<Change, string> = {
  create: 'create',
  update: 'update',
  unchanged: 'unchanged',
  delete: 'delete',
  retain: 'retain',
};

/** `created    queue          app-tasks`, as the report and deploy's progress print it. */
export function formatAction(action: PlannedAction, tense: 'done' | 'planned' = 'done'): string {
  const verb = (tense === 'done' ? DONE : PLANNED)[action.change];
  return `${verb.padEnd(10)} ${action.resource.padEnd(14)} ${action.physicalName}${details(action)}`;
}

/** `deploy --dry-run`: one line per resource in the future tense, and a total that says nothing was changed. */
export function formatPlan(actions: readonly PlannedAction[]): string {
  const count = (change: Change) => actions.filter((action) => action.change === change).length;
  const total =
    `plan: ${count('create')} to create, ${count('update')} to update, ${count('delete')} to delete, ` +
    `${count('retain')} to retain, ${count('unchanged')} unchanged (dry run: nothing was changed)`;
  return `${[...actions.map((action) => formatAction(action, 'planned')), total].join('\n')}\n`;
}

/**
 * One line per resource and a closing total, so a second deploy visibly says it changed nothing, and what it
 * deleted or kept of what the build no longer has.
 */
export function formatReport(actions: readonly PlannedAction[], deploymentPath: string): string {
  const lines = actions.map((action) => formatAction(action));
  const count = (change: Change) => actions.filter((action) => action.change === change).length;
  const [created, updated, deleted, retained] = [count('create'), count('update'), count('delete'), count('retain')];
  // Deleted and retained appear only when there are some, so a deploy without leftovers reads as it always did.
  const removed = `${deleted ? `, ${deleted} deleted` : ''}${retained ? `, ${retained} retained` : ''}`;
  const total =
    created + updated + deleted === 0
      ? `no changes: ${count('unchanged')} resources unchanged${removed}`
      : `${created} created, ${updated} updated, ${count('unchanged')} unchanged${removed}`;
  return `${[...lines, `${total}; wrote ${deploymentPath}`].join('\n')}\n`;
}
