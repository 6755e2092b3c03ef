// The proof that the DSL covers ASL: every definition of the corpus is imported to DSL source, all generated
// modules are type-checked in one program, then each is loaded and its toAsl() must deep-equal the original.
// Single states (test_state/) become a one-state workflow; only that state is compared. Intentionally invalid
// definitions are refused by the analyser instead, each with its reason and the message asserted.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, it } from 'node:test';
import ts from 'typescript';
import { isWorkflow, type JsonObject, type JsonValue } from '../../src/dsl/index.ts';
import { analyse } from '../../src/generator/analyse/index.ts';
import { generate } from '../../src/generator/index.ts';
import { importDefinition, ImportError, type ImportResult, workflowNameFor } from '../../src/generator/import/index.ts';
import { corpusFiles, INVALID, moduleNameFor, readCorpusFile } from '../support/corpus/import-corpus.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const OUT = join(ROOT, '.stepforge/tmp/import-roundtrip');
const BUILD = join(ROOT, '.stepforge/tmp/import-roundtrip-build');
const INVALID_OUT = join(ROOT, '.stepforge/tmp/import-invalid');

/** Invalid definitions the importer itself refuses (it cannot build them with the DSL), and what it says. */
const REFUSED_BY_IMPORT: Readonly<Record<string, RegExp>> = {
  'base/invalid_der.json5': /^definition\.States: missing/,
  'validation/invalid_base_no_startat.json5': /^definition\.StartAt: missing/,
  'test_state/base_invalid_state_definition.json5':
    /^ExistingButInvalidState\.Type: unknown state type "TypeThatDoesNotExist"/,
  'test_state/base_map_state_machine_choice_fail.json5':
    /^definition\.StartAt: "MapState" is not a state of this graph/,
  'assign/task_retry_reference_exception.json5':
    /^Task\.Retry\[0\]\.IntervalSeconds: must be a number, got "\$intervalSeconds"/,
  'errorhandling/task_lambda_invoke_catch_tbd.json5':
    /^InvokeLambda\.Catch\[0\]\.ErrorEquals: must be a non-empty list/,
  'errorhandling/task_service_lambda_invoke_catch_tbd.json5':
    /^InvokeLambda\.Catch\[0\]\.ErrorEquals: must be a non-empty list/,
};

interface Imported {
  readonly file: string;
  readonly original: JsonValue;
  readonly modulePath: string;
  readonly result: ImportResult;
}

const isObject = (value: JsonValue): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The whole regenerated machine, or for a single state just that state (its stand-ins are not in the original). */
function compared(asl: JsonObject, entry: Imported): JsonValue {
  if (entry.result.kind === 'state') {
    assert.equal(asl.StartAt, entry.result.stateName);
    return (asl.States as JsonObject)[entry.result.stateName!]!;
  }
  return asl;
}

describe('import round-trip over the ASL corpus', () => {
  const files = corpusFiles();
  const valid = files.filter((file) => !INVALID[file]);
  const imported: Imported[] = [];
  const importFailures: string[] = [];

  before(() => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const dslImport = relative(OUT, join(ROOT, 'src/dsl/index.ts'));
    for (const file of valid) {
      const original = readCorpusFile(file);
      try {
        // Named after the path, not the base name: a few base names repeat across folders, and generate needs unique names.
        const result = importDefinition(original, {
          name: moduleNameFor(file),
          dslImport,
          source: `asl-corpus/${file}`,
        });
        const modulePath = join(OUT, `${moduleNameFor(file)}.ts`);
        writeFileSync(modulePath, result.source);
        imported.push({ file, original, modulePath, result });
      } catch (error) {
        importFailures.push(`${file}: import: ${(error as Error).message}`);
      }
    }
  });

  it('covers the whole corpus, test_state/ included', () => {
    assert.ok(files.length >= 370, `only ${files.length} files`);
    assert.ok(files.filter((file) => file.startsWith('test_state/')).length >= 40);
    for (const listed of Object.keys(INVALID))
      assert.ok(files.includes(listed), `${listed} is listed as invalid but not in the corpus`);
  });

  it('refuses each intentionally invalid definition with a precise analyser message', () => {
    for (const [file, refusal] of Object.entries(INVALID)) {
      const definition = readCorpusFile(file);
      // A single state is analysed as the one-state machine the importer would make of it.
      const machine =
        isObject(definition) &&
        definition.States === undefined &&
        definition.StartAt === undefined &&
        definition.Type !== undefined
          ? { StartAt: workflowNameFor(file), States: { [workflowNameFor(file)]: definition } }
          : definition;
      const errors = analyse(machine, { secondOpinion: false }).filter((finding) => finding.severity === 'error');
      const match = errors.find((finding) => finding.code === refusal.code && finding.statePath === refusal.statePath);
      assert.ok(
        match,
        `${file} (${refusal.reason}): expected ${refusal.code} at "${refusal.statePath}", got ${JSON.stringify(errors)}`,
      );
      assert.match(match.message, refusal.message, `${file}: message`);
    }
  });

  it('imports the other invalid ones, and validation then names the offending DSL call (file:line)', async () => {
    rmSync(INVALID_OUT, { recursive: true, force: true });
    mkdirSync(INVALID_OUT, { recursive: true });
    const dslImport = relative(INVALID_OUT, join(ROOT, 'src/dsl/index.ts'));
    const written = new Map<string, string>();
    for (const file of Object.keys(INVALID)) {
      const refusal = REFUSED_BY_IMPORT[file];
      try {
        const { source } = importDefinition(readCorpusFile(file), { name: moduleNameFor(file), dslImport });
        assert.equal(refusal, undefined, `${file}: expected the importer to refuse it`);
        const path = join(INVALID_OUT, `${moduleNameFor(file)}.ts`);
        writeFileSync(path, source);
        written.set(moduleNameFor(file), path);
      } catch (error) {
        if (!(error instanceof ImportError) || !refusal) throw error;
        assert.match(error.message, refusal, file);
      }
    }
    assert.equal(written.size, Object.keys(INVALID).length - Object.keys(REFUSED_BY_IMPORT).length);
    const outcome = await generate({
      projectRoot: ROOT,
      workflowsDir: relative(ROOT, INVALID_OUT),
      outDir: relative(ROOT, `${INVALID_OUT}-build`),
      secondOpinion: false,
    });
    for (const [file, refusal] of Object.entries(INVALID)) {
      const path = written.get(moduleNameFor(file));
      if (!path) continue;
      const finding = outcome.findings.find(
        (found) => found.workflow === moduleNameFor(file) && found.code === refusal.code,
      );
      assert.ok(finding, `${file}: validation did not report ${refusal.code}`);
      assert.match(finding.message, refusal.message, file);
      assert.equal(finding.location?.file, relative(ROOT, path), `${file}: the finding names the imported module`);
      const line = readFileSync(path, 'utf8').split('\n')[finding.location!.line - 1] ?? '';
      const stateName = refusal.statePath.split('/').pop()!;
      if (stateName)
        assert.ok(
          line.includes(`'${stateName}'`),
          `${file}: line ${finding.location!.line} is the DSL call of "${stateName}": ${line}`,
        );
    }
  });

  it('type-checks every generated module in one program', () => {
    assert.ok(imported.length > 0, 'nothing was imported');
    const configFile = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
    const program = ts.createProgram(
      imported.map((entry) => entry.modulePath),
      options,
    );
    const problems: string[] = [];
    for (const entry of imported) {
      const source = program.getSourceFile(entry.modulePath);
      assert.ok(source, entry.modulePath);
      for (const diagnostic of [
        ...program.getSyntacticDiagnostics(source),
        ...program.getSemanticDiagnostics(source),
      ]) {
        const { line } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
        problems.push(
          `${entry.file} -> ${relative(ROOT, entry.modulePath)}:${line + 1}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`,
        );
      }
    }
    assert.deepEqual(problems, []);
  });

  it('regenerates every valid definition exactly (prints round-trip: N of M)', async () => {
    const failures = [...importFailures];
    let passed = 0;
    for (const entry of imported) {
      try {
        const module = (await import(pathToFileURL(entry.modulePath).href)) as Record<string, unknown>;
        const workflows = Object.values(module).filter(isWorkflow);
        assert.equal(workflows.length, 1, 'exports one workflow');
        assert.deepStrictEqual(compared(workflows[0]!.toAsl(), entry), entry.original);
        passed++;
      } catch (error) {
        failures.push(`${entry.file}: ${(error as Error).message}`);
      }
    }
    console.log(`round-trip: ${passed} of ${valid.length}`);
    assert.deepEqual(failures, []);
    assert.equal(passed, valid.length);
  });

  it('gives the same ASL through the generator (generate in memory, as `stepforge generate` does)', async () => {
    // Analyser findings are not asserted here (test/generator/corpus.test.ts owns them); the ASL it would write is.
    const outcome = await generate({
      projectRoot: ROOT,
      workflowsDir: relative(ROOT, OUT),
      outDir: relative(ROOT, BUILD),
      secondOpinion: false,
    });
    const failures: string[] = [];
    let passed = 0;
    for (const entry of imported) {
      const name = moduleNameFor(entry.file);
      const text = outcome.files.get(relative(ROOT, join(BUILD, 'asl', `${name}.asl.json`)));
      try {
        assert.ok(text, `no asl/${name}.asl.json generated`);
        assert.deepStrictEqual(compared(JSON.parse(text) as JsonObject, entry), entry.original);
        passed++;
      } catch (error) {
        failures.push(`${entry.file}: ${(error as Error).message}`);
      }
    }
    console.log(`round-trip through generate: ${passed} of ${valid.length}`);
    assert.deepEqual(failures, []);
    assert.equal(passed, valid.length);
  });
});
