import type { WorkflowEntry } from '../catalog/index.ts';
import { HttpProblem } from '../http/index.ts';
import type { RouteDeps } from './route.ts';

export async function requireWorkflow(deps: RouteDeps, name: string): Promise<WorkflowEntry> {
  const entry = await deps.catalog.workflow(name);
  if (!entry) throw new HttpProblem(404, 'Not Found', `workflow: no deployed workflow named "${name}"`);
  return entry;
}
