/** A project's `stepforge.config.ts` (or the `"stepforge"` field of its package.json). */
export interface StepforgeConfig {
  /** Folder(s) of the project's actions (`defineAction`), relative to the project; default `actions` when present. */
  readonly actions?: string | readonly string[];
  /** Folder(s) of the project's task containers (`defineTask`); default `tasks` when present. */
  readonly tasks?: string | readonly string[];
}

/** `export default defineConfig({ actions: 'actions', tasks: 'tasks' })`: the identity, for its types. */
export function defineConfig(config: StepforgeConfig): StepforgeConfig {
  return config;
}
