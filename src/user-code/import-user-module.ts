import { pathToFileURL } from 'node:url';

/** Bun and Deno import TypeScript themselves; Node needs a loader. */
function runtimeLoadsTypeScript(): boolean {
  return (
    typeof (globalThis as { Bun?: unknown }).Bun !== 'undefined' ||
    typeof (globalThis as { Deno?: unknown }).Deno !== 'undefined'
  );
}

/**
 * Imports a module of the user's project (a workflow, an action), TypeScript included. On Node it goes through tsx's
 * `tsImport`, a loader scoped to that import: stepforge's own code is compiled JavaScript and does not need it, and
 * a file outside any `"type": "module"` package loads as CommonJS there instead of failing with Node's
 * `Cannot require() ES Module ... in a cycle` (what a plain `import()` under a global tsx hook gives).
 */
export async function importUserModule(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  if (runtimeLoadsTypeScript()) return (await import(url)) as Record<string, unknown>;
  const { tsImport } = await import('tsx/esm/api');
  return esModuleExports((await tsImport(url, import.meta.url)) as Record<string, unknown>);
}

/**
 * A file loaded as CommonJS (outside any `"type": "module"` package) arrives as `{ default: module.exports }`, its
 * `export default` one level down in `module.exports.default`: give back the module's own exports, as ESM would.
 */
function esModuleExports(namespace: Record<string, unknown>): Record<string, unknown> {
  const commonJs = namespace.default;
  if (typeof commonJs === 'object' && commonJs !== null && (commonJs as { __esModule?: unknown }).__esModule === true)
    return { ...namespace, ...(commonJs as Record<string, unknown>) };
  return namespace;
}
