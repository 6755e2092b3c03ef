import { isWorkflow } from '../../dsl/index.ts';
import type { SourceLocation } from '../analyse/index.ts';
import type { WorkflowResources } from '../../contracts/index.ts';

/**
 * What the generator reads from a workflow value (docs/internal-contracts.md, "DSL -> generator"). Declared here
 * structurally, so that the generator depends on the seam, not on the DSL's classes.
 */
export interface WorkflowSeam {
  readonly name: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  toAsl(): unknown;
  locations(): ReadonlyMap<string, SourceLocation>;
  resources(): WorkflowResources;
  /** Absent on workflows built by an older stepforge. */
  workerEnvironment?(): Readonly<Record<string, Readonly<Record<string, string> | undefined>>>;
}

export function isWorkflowValue(value: unknown): value is WorkflowSeam {
  return isWorkflow(value);
}
