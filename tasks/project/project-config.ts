import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { StepforgeConfig } from '../../src/config/index.ts';
import { ProjectError } from './project-error.ts';
import { importUserModule } from '../../src/user-code/index.ts';

const CONFIG_FILES = ['stepforge.config.ts', 'stepforge.config.mts', 'stepforge.config.js', 'stepforge.config.mjs'];

/** Where a project keeps its own actions and tasks, as absolute folders, and which file said so. */
export interface ProjectFolders {
  readonly actions: readonly string[];
  readonly tasks: readonly string[];
  /** `stepforge.config.ts`, `package.json` or undefined (the defaults). */
  readonly source: string | undefined;
}

function folderList(value: unknown, field: string, source: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value !== '') return [value];
  if (Array.isArray(value) && value.every((entry) => typeof entry === 'string' && entry !== '')) return value;
  throw new ProjectError(`${source}: ${field} must be a folder or a list of folders, got ${JSON.stringify(value)}`);
}

/** A configured folder must exist; a default one is used only when present. */
function folders(root: string, configured: string[] | undefined, fallback: string, field: string, source?: string) {
  if (configured === undefined) {
    const path = join(root, fallback);
    return existsSync(path) && statSync(path).isDirectory() ? [path] : [];
  }
  return configured.map((folder) => {
    const path = resolve(root, folder);
    if (!existsSync(path) || !statSync(path).isDirectory())
      throw new ProjectError(`${source}: ${field} "${folder}" is not a folder of this project (${path})`);
    return path;
  });
}

async function readConfigModule(file: string): Promise<unknown> {
  try {
    const module = (await importUserModule(file)) as { default?: unknown };
    return module.default;
  } catch (error) {
    throw new ProjectError(`${file}: cannot load it: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function readPackageField(root: string): unknown {
  const path = join(root, 'package.json');
  if (!existsSync(path)) return undefined;
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { stepforge?: unknown }).stepforge;
  } catch (error) {
    throw new ProjectError(`package.json: not valid JSON (${(error as Error).message})`);
  }
}

/**
 * The project's action and task folders: `stepforge.config.ts`'s default export, else package.json's `"stepforge"`
 * field, else `actions/` and `tasks/` when they exist.
 */
export async function readProjectFolders(root: string): Promise<ProjectFolders> {
  const configFile = CONFIG_FILES.map((name) => join(root, name)).find((path) => existsSync(path));
  let config: unknown;
  let source: string | undefined;
  if (configFile) {
    config = await readConfigModule(configFile);
    source = configFile.slice(root.length + 1);
    if (typeof config !== 'object' || config === null)
      throw new ProjectError(`${source}: its default export must be defineConfig({ ... })`);
  } else {
    config = readPackageField(root);
    if (config !== undefined) {
      source = 'package.json';
      if (typeof config !== 'object' || config === null)
        throw new ProjectError('package.json: "stepforge" must be an object such as { "actions": "actions" }');
    }
  }
  const { actions, tasks } = (config ?? {}) as StepforgeConfig;
  return {
    actions: folders(root, folderList(actions, 'actions', source ?? ''), 'actions', 'actions', source),
    tasks: folders(root, folderList(tasks, 'tasks', source ?? ''), 'tasks', 'tasks', source),
    source,
  };
}
