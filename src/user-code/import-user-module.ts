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
  return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
}
