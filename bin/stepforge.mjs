#!/usr/bin/env node
// Node 20 cannot run TypeScript by itself: register tsx's loader, then hand over to the CLI.
// Bun and Deno run src/cli/main.ts directly.
import { register } from 'tsx/esm/api';

register();
// The AWS SDK prints a multi-line notice on Node < 22 in every process, which breaks JSON-lines logs; our SDK
// versions are pinned, so the notice is in the README instead. Set the variable to "false" to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
