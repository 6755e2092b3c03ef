import { readdirSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { importUserModule } from '../../user-code/index.ts';
import { GenerateError } from '../generate-error.ts';
import { isWorkflowValue, type WorkflowSeam } from './workflow-seam.ts';

export interface DiscoveredWorkflow {
  readonly workflow: WorkflowSeam;
  /** The module it was exported from, absolute. */
  readonly file: string;
  readonly exportName: string;
}

/** `workflows/*.ts`, sorted; declaration files and tests are not workflow modules. */
export function workflowFiles(directory: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(directory);
  } catch {
    throw new GenerateError(`--workflows: no folder ${directory}`);
  }
  return entries
    .filter((entry) => /\.(ts|mts)$/.test(entry) && !/\.d\.m?ts$/.test(entry) && !/\.test\.m?ts$/.test(entry))
    .map((entry) => resolve(directory, entry))
    .filter((path) => statSync(path).isFile())
    .sort();
}

/**
 * One line for a module that threw while loading: a DSL error names the call at fault (`file:line: message`),
 * anything else the module. Absolute paths are shortened to the project's.
 */
function loadFailure(error: unknown, file: string, cwd: string): string {
  const message = (error instanceof Error ? error.message : String(error)).split(`${cwd}/`).join('');
  const locations = (error as { locations?: unknown } | null)?.locations;
  const first = Array.isArray(locations) ? (locations[0] as { file?: unknown; line?: unknown } | undefined) : undefined;
  if (first && typeof first.file === 'string' && typeof first.line === 'number')
    return `${relative(cwd, first.file)}:${first.line}: ${message}`;
  return `${relative(cwd, file)}: cannot load the workflow module: ${message}`;
}

/**
 * Imports each workflow module (TypeScript through the user-code loader) and collects its
 * exported workflows. The same workflow exported twice counts once; two workflows of one name are an error naming
 * both modules.
 */
export async function discoverWorkflows(directory: string, cwd = process.cwd()): Promise<DiscoveredWorkflow[]> {
  const found: DiscoveredWorkflow[] = [];
  const seen = new Set<WorkflowSeam>();
  for (const file of workflowFiles(directory)) {
    let module: Record<string, unknown>;
    try {
      module = await importUserModule(file);
    } catch (error) {
      throw new GenerateError(loadFailure(error, file, cwd));
    }
    for (const exportName of Object.keys(module).sort()) {
      const value = module[exportName];
      if (!isWorkflowValue(value) || seen.has(value)) continue;
      seen.add(value);
      found.push({ workflow: value, file, exportName });
    }
  }
  const byName = new Map<string, DiscoveredWorkflow>();
  for (const entry of found) {
    const other = byName.get(entry.workflow.name);
    if (other) {
      throw new GenerateError(
        `two workflows are named "${entry.workflow.name}": ${relative(cwd, other.file)} (export ${other.exportName}) and ${relative(cwd, entry.file)} (export ${entry.exportName})`,
      );
    }
    byName.set(entry.workflow.name, entry);
  }
  return found;
}
