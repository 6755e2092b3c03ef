import { readdirSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Action } from '../action/action.ts';
import { type DefinitionKind, definitionKind } from '../define/brand.ts';
import type { AnyTaskDefinition } from '../runtime/task.ts';
import { ProjectError } from './project-error.ts';
import { importUserModule } from '../../src/user-code/index.ts';

/** A definition and where it came from, for error messages that name both sides of a clash. */
export interface Found<Definition> {
  readonly definition: Definition;
  /** `actions/greet.ts`, relative to the project; `built-in` for stepforge's own. */
  readonly origin: string;
}

export interface Discovered {
  readonly actions: readonly Found<Action>[];
  readonly tasks: readonly Found<AnyTaskDefinition>[];
}

/** The `.ts`/`.js` modules of a folder (not declarations, not tests), sorted: one action or task per file, usually. */
export function moduleFiles(directory: string): string[] {
  return readdirSync(directory)
    .filter((entry) => /\.(m?ts|m?js)$/.test(entry) && !/\.d\.m?ts$/.test(entry) && !/\.test\.m?[tj]s$/.test(entry))
    .map((entry) => resolve(directory, entry))
    .filter((path) => statSync(path).isFile())
    .sort();
}

/** Every definition of one kind a module exports: its default export and named exports that are definitions. */
async function definitionsOf(file: string, kind: DefinitionKind, root: string): Promise<unknown[]> {
  let module: Record<string, unknown>;
  try {
    module = await importUserModule(file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ProjectError(`${relative(root, file)}: cannot load it: ${message}`);
  }
  const values = new Set<unknown>();
  for (const value of Object.values(module)) {
    const found = definitionKind(value);
    if (found === kind) values.add(value);
    else if (found !== undefined) {
      const folder = kind === 'action' ? 'an actions' : 'a tasks';
      throw new ProjectError(
        `${relative(root, file)}: exports a ${found === 'action' ? 'defineAction' : 'defineTask'} result in ${folder} folder; move it to the ${found === 'action' ? 'actions' : 'tasks'} folder`,
      );
    }
  }
  return [...values];
}

async function discoverKind<Definition extends { readonly name: string }>(
  folders: readonly string[],
  kind: DefinitionKind,
  root: string,
): Promise<Found<Definition>[]> {
  const found: Found<Definition>[] = [];
  for (const folder of folders) {
    for (const file of moduleFiles(folder)) {
      for (const definition of await definitionsOf(file, kind, root))
        found.push({ definition: definition as Definition, origin: relative(root, file) });
    }
  }
  return found;
}

/** Refuses two definitions of one name (a built-in included), naming where each comes from. */
export function checkUniqueNames<Definition extends { readonly name: string }>(
  what: 'action' | 'task',
  entries: readonly Found<Definition>[],
): void {
  const byName = new Map<string, Found<Definition>>();
  for (const entry of entries) {
    const other = byName.get(entry.definition.name);
    if (other) {
      throw new ProjectError(
        `two ${what}s are named "${entry.definition.name}": ${other.origin} and ${entry.origin}; rename one`,
      );
    }
    byName.set(entry.definition.name, entry);
  }
}

/** Imports every module of the project's action and task folders (`.ts` through the CLI's tsx loader). */
export async function discoverDefinitions(
  folders: { readonly actions: readonly string[]; readonly tasks: readonly string[] },
  root: string,
): Promise<Discovered> {
  return {
    actions: await discoverKind<Action>(folders.actions, 'action', root),
    tasks: await discoverKind<AnyTaskDefinition>(folders.tasks, 'task', root),
  };
}
