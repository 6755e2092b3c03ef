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

/**
 * One line per resource and a closing total, so a second deploy visibly says it changed nothing, and what it
 * deleted or kept of what the build no longer has.
 */
export function formatReport(actions: readonly PlannedAction[], deploymentPath: string): string {
  const lines = actions.map(
    (action) =>
      `${DONE[action.change].padEnd(10)} ${action.resource.padEnd(14)} ${action.physicalName}${details(action)}`,
  );
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
