#!/usr/bin/env node
// The CLI entry. Installed from the package, it runs the compiled JavaScript in dist/ (user workflow and action files
// are still TypeScript: src/user-code loads them through tsx's scoped tsImport). In a checkout of the repository,
// where src/ sits next to this file, it runs the sources through tsx instead, so tests and tools never see a stale
// build. Bun and Deno run TypeScript themselves and need no loader either way.
import { existsSync } from 'node:fs';
import { register } from 'node:module';

// The AWS SDK prints a multi-line notice on Node < 22 in every process, which breaks JSON-lines logs; our SDK
// versions are pinned, so the notice is in the README instead. Set the variable to "false" to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const sources = new URL('../src/cli/main.ts', import.meta.url);
const runsTypeScript = typeof globalThis.Bun !== 'undefined' || typeof globalThis.Deno !== 'undefined';
let main;
if (existsSync(sources)) {
  if (!runsTypeScript) {
    register('./source-condition.mjs', import.meta.url);
    (await import('tsx/esm/api')).register();
  }
  ({ main } = await import(sources.href));
} else {
  ({ main } = await import('../dist/cli/main.js'));
}
process.exitCode = await main(process.argv.slice(2));
