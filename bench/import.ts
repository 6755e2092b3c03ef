/**
 * Time to import the whole ASL corpus (test/fixtures/asl-corpus) into DSL source and to regenerate ASL from it.
 *
 *   node --import tsx bench/import.ts [--rounds 3]
 *
 * Phases, over every valid definition (the intentionally invalid ones are left out, as in the round-trip test):
 * - parse: JSON5 text -> value (the baseline the other phases are compared with, measured in the same run)
 * - import (core): value -> TypeScript text, without formatting
 * - import: value -> formatted TypeScript text (ts-morph's formatter), what `stepforge import` does
 * - load: each generated module imported once (tsx transform + DSL construction)
 * - toAsl: every loaded workflow rendered back to ASL
 * - generate: `generate` over the folder of imported modules, in memory (discovery, analysis, input schemas,
 *   diagrams), as `stepforge generate` would run on them; one round
 * Each in-process phase runs `--rounds` times and reports the median; totals, per-file means and ratios to parse
 * are printed. No absolute figure is asserted.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import JSON5 from 'json5';
import { isWorkflow, type JsonValue, type Workflow } from '../src/dsl/index.ts';
import { generate } from '../src/generator/index.ts';
import { importDefinition } from '../src/generator/import/index.ts';
import { corpusFiles, INVALID, moduleNameFor, readCorpusText } from '../test/support/corpus/import-corpus.ts';
import { median, numberOption } from './support.ts';

const ROUNDS = numberOption('rounds', 3);
const ROOT = new URL('../', import.meta.url).pathname;
const OUT = join(ROOT, '.stepforge/tmp/import-bench');
const DSL = relative(OUT, join(ROOT, 'src/dsl/index.ts'));

const files = corpusFiles().filter((file) => !INVALID[file]);
const count = files.length;
const texts = files.map((file) => readCorpusText(file));

function timed(run: () => void): number {
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

let values: JsonValue[] = [];
const parseMs = timed(() => {
  values = texts.map((text) => JSON5.parse(text) as JsonValue);
});
// Named after the corpus path: generate needs unique workflow names and a few base names repeat.
const importOptions = (index: number) => ({ name: moduleNameFor(files[index]!), dslImport: DSL });
const coreMs = timed(() => {
  for (const [index, value] of values.entries()) importDefinition(value, { ...importOptions(index), format: false });
});
let sources: string[] = [];
const importMs = timed(() => {
  sources = values.map((value, index) => importDefinition(value, importOptions(index)).source);
});

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const paths = files.map((file, index) => {
  const path = join(OUT, `${moduleNameFor(file)}.ts`);
  writeFileSync(path, sources[index]!);
  return path;
});
const loadStart = performance.now();
const workflows: Workflow<unknown, 'JSONPath' | 'JSONata'>[] = [];
for (const path of paths) {
  const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  workflows.push(Object.values(module).find(isWorkflow)!);
}
const loadMs = performance.now() - loadStart;
const toAslMs = timed(() => {
  for (const workflow of workflows) workflow.toAsl();
});
const generateStart = performance.now();
const outcome = await generate({
  projectRoot: ROOT,
  workflowsDir: relative(ROOT, OUT),
  outDir: relative(ROOT, `${OUT}-build`),
  secondOpinion: false,
});
const generateMs = performance.now() - generateStart;
if (outcome.workflows.length !== count)
  throw new Error(`generate compiled ${outcome.workflows.length} of ${count} workflows`);
rmSync(OUT, { recursive: true, force: true });

const row = (label: string, ms: number) =>
  `${label.padEnd(16)} ${ms.toFixed(1).padStart(9)} ms total  ${(ms / count).toFixed(3).padStart(8)} ms/file  ${(ms / parseMs).toFixed(1).padStart(7)} x parse`;
console.log(`import benchmark: ${count} definitions, median of ${ROUNDS} rounds (load and generate: one round)`);
console.log(row('parse (baseline)', parseMs));
console.log(row('import (core)', coreMs));
console.log(row('import', importMs));
console.log(row('load modules', loadMs));
console.log(row('toAsl', toAslMs));
console.log(row('generate', generateMs));
console.log(row('import+load+toAsl', importMs + loadMs + toAslMs));
