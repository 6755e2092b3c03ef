/**
 * Marks what `defineAction`/`defineTask` return, so discovery tells definitions from a module's other exports.
 * `Symbol.for`: a project's copy of stepforge/tasks and the CLI's agree even when loaded twice.
 */
export const DEFINITION = Symbol.for('stepforge.definition');

export type DefinitionKind = 'action' | 'task';

export interface Branded<Kind extends DefinitionKind> {
  readonly [DEFINITION]: Kind;
}

export function definitionKind(value: unknown): DefinitionKind | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const kind = (value as { [DEFINITION]?: unknown })[DEFINITION];
  return kind === 'action' || kind === 'task' ? kind : undefined;
}
