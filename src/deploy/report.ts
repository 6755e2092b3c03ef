import type { Change, PlannedAction } from './plan.ts';

const DONE: Record<Change, string> = { create: 'created', update: 'updated', unchanged: 'unchanged' };

/** One line per resource and a closing total, so a second deploy visibly says it changed nothing. */
export function formatReport(actions: readonly PlannedAction[], deploymentPath: string): string {
  const lines = actions.map((action) => {
    const details = action.change === 'update' ? ` (${action.differences.join(', ')})` : '';
    return `${DONE[action.change].padEnd(10)} ${action.resource.padEnd(14)} ${action.physicalName}${details}`;
  });
  const count = (change: Change) => actions.filter((action) => action.change === change).length;
  const created = count('create');
  const updated = count('update');
  const total =
    created + updated === 0
      ? `no changes: ${actions.length} resources unchanged`
      : `${created} created, ${updated} updated, ${count('unchanged')} unchanged`;
  return `${[...lines, `${total}; wrote ${deploymentPath}`].join('\n')}\n`;
}
