#!/usr/bin/env node
// Node 20 cannot run TypeScript by itself: register tsx's loader, then hand over to the CLI.
// Bun and Deno run src/cli/main.ts directly.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
