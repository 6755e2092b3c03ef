#!/usr/bin/env node
// `npm run build:console` (and `prepare`, so `npm ci` runs it): writes src/console/assets.generated.ts.
import { writeFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const { buildConsoleAssets, GENERATED_FILE, readGeneratedAssets } = await import('../src/console/build.ts');
const built = await buildConsoleAssets();
if ((await readGeneratedAssets()) !== built.module) writeFileSync(GENERATED_FILE, built.module);
// On stderr: `npm pack --json` runs this (prepare) and its stdout must stay the JSON report.
process.stderr.write(`console assets: ${built.js.length} bytes of script, ${built.css.length} of style\n`);
