// The importer's own behaviour: idiomatic output (references, intrinsic helpers, Condition helpers), what is kept
// as written (JSONata, `${...}` placeholders, odd paths), single states, YAML, bad input, and the CLI edge.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { isWorkflow, type JsonObject, type JsonValue } from '../../src/dsl/index.ts';
import { importDefinition, ImportError, readDefinition } from '../../src/generator/import/index.ts';
import { runStepforge } from '../support/stepforge-cli.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const OUT = join(ROOT, '.stepforge/tmp/import-unit');
const DSL = relative(OUT, join(ROOT, 'src/dsl/index.ts'));
let counter = 0;

/** Writes generated source as a module next to the others and returns its workflow's ASL. */
async function regenerate(source: string): Promise<JsonObject> {
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, `case-${process.pid}-${counter++}.ts`);
  writeFileSync(path, source);
  const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  const workflow = Object.values(module).find(isWorkflow);
  assert.ok(workflow, 'the module exports a workflow');
  return workflow.toAsl();
}

const importAs = (definition: JsonValue, name = 'case') => importDefinition(definition, { name, dslImport: DSL });

after(() => rmSync(OUT, { recursive: true, force: true }));

describe('importDefinition', () => {
  it('turns paths, intrinsics and rules into typed DSL calls, and regenerates the same ASL', async () => {
    const definition: JsonObject = {
      Comment: 'orders',
      StartAt: 'Normalize',
      States: {
        Normalize: {
          Type: 'Pass',
          Comment: 'shape the order',
          Parameters: {
            'id.$': '$.order.id',
            'first.$': '$.order.items[0].sku',
            'note.$': "States.Format('order {} for {}', $.order.id, $$.Execution.Name)",
            'total.$': 'States.MathAdd($.order.total, 1)',
            'odd.$': '$..sku',
            fixed: [{ 'kept.$': '$.inside.array' }],
          },
          Next: 'Big?',
        },
        'Big?': {
          Type: 'Choice',
          Choices: [
            {
              And: [
                { Variable: '$.total', NumericGreaterThan: 10 },
                { Variable: '$.id', IsPresent: true },
              ],
              Next: 'Yes',
            },
            { Variable: '$.id', StringEqualsPath: '$$.Execution.Name', Next: 'Yes', Comment: 'same' },
          ],
          Default: 'No',
        },
        Yes: { Type: 'Succeed' },
        No: { Type: 'Fail', Error: 'Small', Cause: 'too small' },
      },
    };
    const { source, kind } = importAs(definition);
    assert.equal(kind, 'state-machine');
    assert.match(source, /export const \w+ = workflow<unknown>\('case', \{ comment: 'orders' \}\);/);
    assert.match(source, /id: input\.order\.id/);
    assert.match(source, /first: input\.order\.items\[0\]\.sku/);
    assert.match(source, /note: States\.Format\('order \{\} for \{\}', input\.order\.id, context\.Execution\.Name\)/);
    assert.match(source, /total: States\.MathAdd\(input\.order\.total, 1\)/);
    assert.match(source, /'odd\.\$': '\$\.\.sku'/, 'a path the DSL cannot write stays a string');
    assert.match(source, /fixed: \[\{ 'kept\.\$': '\$\.inside\.array' \}\]/, 'arrays stay literal');
    assert.match(
      source,
      /Condition\.and\(Condition\.numericGreaterThan\(input\.total, 10\), Condition\.isPresent\(input\.id\)\)/,
    );
    assert.match(source, /Condition\.stringEqualsPath\(input\.id, context\.Execution\.Name\)/);
    assert.match(source, /comment: 'shape the order'/);
    assert.deepStrictEqual(await regenerate(source), definition);
  });

  it('keeps JSONata and ${...} placeholders exactly as written', async () => {
    const definition: JsonObject = {
      QueryLanguage: 'JSONata',
      StartAt: 'Archive',
      States: {
        Archive: {
          Type: 'Task',
          Resource: '${activity:stepforge-zip-archive}',
          Arguments: { queue: '${queue:stepforge-zip-archive-tasks}', files: '{% $states.input.files %}' },
          Output: '{% $merge([$states.input, {"archive": $states.result}]) %}',
          Assign: { count: '{% $count($states.input.files) %}' },
          Retry: [{ ErrorEquals: ['ZipArchive.SourceNotFound'], MaxAttempts: 0 }],
          Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% $states.errorOutput %}', Next: 'Failed' }],
          End: true,
        },
        Failed: { Type: 'Fail', Error: '{% $states.input.Error %}' },
      },
    };
    const { source } = importAs(definition);
    assert.match(source, /queryLanguage: 'JSONata'/);
    assert.match(source, /resource: '\$\{activity:stepforge-zip-archive\}'/);
    assert.match(source, /queue: '\$\{queue:stepforge-zip-archive-tasks\}'/);
    assert.match(source, /files: '\{% \$states\.input\.files %\}'/);
    assert.match(source, /\.retry\(\{ errors: \['ZipArchive\.SourceNotFound'\], maxAttempts: 0 \}\)/);
    assert.match(source, /\.catch\(failed, \{ output: '\{% \$states\.errorOutput %\}' \}\)/);
    assert.deepStrictEqual(await regenerate(source), definition);
  });

  it('imports a single state as a one-state workflow with stand-ins for the states it continues to', async () => {
    const state: JsonObject = {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token' } },
      Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'OnTimeout' }],
      Next: 'NEXT_STATE',
    };
    const result = importAs(state, 'send');
    assert.equal(result.kind, 'state');
    assert.equal(result.stateName, 'send');
    assert.deepEqual(result.standIns, ['OnTimeout', 'NEXT_STATE']);
    assert.match(result.source, /token: context\.Task\.Token/);
    const asl = await regenerate(result.source);
    assert.equal(asl.StartAt, 'send');
    assert.deepStrictEqual((asl.States as JsonObject).send, state);
  });

  it('writes plain Next links as chains (loops too) and known error names through Errors', async () => {
    const definition: JsonObject = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Next: 'B' },
        B: { Type: 'Pass', Next: 'C' },
        C: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Retry: [{ ErrorEquals: ['States.Timeout', 'Custom.Error'], MaxAttempts: 2 }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'A' }],
          Next: 'D',
        },
        D: { Type: 'Wait', Seconds: 1, Next: 'E' },
        E: { Type: 'Pass', Next: 'D' },
      },
    };
    const { source } = importAs(definition);
    assert.match(source, /^a\.next\(b\)\.next\(c\);$/m);
    assert.match(
      source,
      /^c\.retry\(\{ errors: \[Errors\.Timeout, 'Custom\.Error'\], maxAttempts: 2 \}\)\.catch\(a\)\.next\(d\);$/m,
    );
    assert.match(source, /^d\.next\(e\)\.next\(d\);$/m);
    assert.match(source, /import \{ arn, Errors, workflow \} from/);
    assert.match(source, /resource: arn\.lambdaInvoke\(\)/);
    assert.deepStrictEqual(await regenerate(source), definition);
  });

  it('writes Resource through arn helpers when they give it back, and ItemsPath as a typed reference', async () => {
    const definition: JsonObject = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.orders',
          ItemProcessor: {
            StartAt: 'Notify',
            States: {
              Notify: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish.waitForTaskToken', Next: 'Sdk' },
              Sdk: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:listObjectsV2', Next: 'Child' },
              Child: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Next: 'Fn' },
              Fn: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:legacy', Next: 'Tbd' },
              Tbd: { Type: 'Task', Resource: '${activity:stepforge-action}', End: true },
            },
          },
          End: true,
        },
      },
    };
    const { source } = importAs(definition);
    assert.match(source, /items: input\.orders/);
    assert.match(source, /resource: arn\.snsPublish\('waitForTaskToken'\)/);
    assert.match(source, /resource: arn\.awsSdk\('s3', 'listObjectsV2'\)/);
    assert.match(source, /resource: arn\.startExecution\('sync:2'\)/);
    assert.match(source, /resource: 'arn:aws:lambda:us-east-1:123456789012:function:legacy'/);
    assert.match(source, /resource: '\$\{activity:stepforge-action\}'/);
    assert.deepStrictEqual(await regenerate(source), definition);
  });

  it('types the workflow with its Task states (withTasks), a nested builder returning its chain', async () => {
    // test/fixtures/import/orders.ts is this import, checked in: test/testing/type-claims.ts mocks it typed.
    const path = 'test/fixtures/import/orders.asl.json';
    const definition = readDefinition(readFileSync(join(ROOT, path), 'utf8'), path);
    const { source } = importDefinition(definition, {
      name: 'imported-orders',
      dslImport: '../../../src/dsl/index.ts',
      source: path,
    });
    assert.equal(source, readFileSync(join(ROOT, 'test/fixtures/import/orders.ts'), 'utf8'));
    assert.match(source, /^const draft = workflow<unknown>\('imported-orders'/m);
    assert.match(source, /^ {2}return priceLine\.next\(roundPrice\);$/m);
    assert.match(source, /^export const importedOrders = draft\.withTasks\(charge, priceLines, notify\);$/m);
    assert.deepStrictEqual(await regenerate(source), definition);
  });

  it('leaves the mocks untyped, saying why, when a nested builder links Task states its type cannot carry', async () => {
    const task = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true };
    const mapOver = (processor: JsonObject): JsonObject => ({
      StartAt: 'Each',
      States: { Each: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: processor, End: true } },
    });
    const linear = mapOver({
      StartAt: 'First',
      States: { First: { Type: 'Task', Resource: task.Resource, Next: 'A' }, A: task },
    });
    const typed = importAs(linear).source;
    const choice = { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'A' }], Default: 'B' };
    const branching = mapOver({ StartAt: 'First', States: { First: choice, A: task, B: task } });
    // Imported second in one process: the formatter once applied the first text's edits to it (`item  s`).
    const { source } = importAs(branching, 'orders');
    assert.match(typed, /withTasks\(each\)/);
    assert.match(
      source,
      /^\/\/ Its mocks take any name: .*\n\/\/ \(Each\/ItemProcessor\/A, Each\/ItemProcessor\/B\)\.$/m,
    );
    assert.match(source, /^export const orders = workflow<unknown>\('orders'\);$/m);
    assert.doesNotMatch(source, /withTasks|draft/);
    assert.match(source, /orders\.map\('Each', \(\{ input \}\) => \(\{ items: input\.items \}\), \(item\) => \{$/m);
    assert.deepStrictEqual(await regenerate(source), branching);
  });

  it('names variables so that no state name clashes with an import, a keyword or another state', async () => {
    const names = ['arn', 'Errors', 'States', 'workflow', 'class', '1st step', 'first-step', 'First Step', "it's"];
    const States: JsonObject = {};
    names.forEach((name, index) => {
      States[name] =
        index < names.length - 1
          ? {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Catch: [{ ErrorEquals: ['States.Timeout'], Next: names[0]! }],
              Next: names[index + 1]!,
            }
          : { Type: 'Succeed' };
    });
    const definition: JsonObject = { StartAt: 'arn', States };
    const { source } = importAs(definition, 'workflow');
    assert.deepStrictEqual(await regenerate(source), definition);
  });

  it('reads YAML and JSON5 alike', async () => {
    const yaml = [
      'StartAt: Hello',
      'States:',
      '  Hello:',
      '    Type: Pass',
      '    Result: { greeting: hi }',
      '    End: true',
      '',
    ].join('\n');
    const json5 =
      "{ StartAt: 'Hello', States: { Hello: { Type: 'Pass', Result: { greeting: 'hi' }, End: true, }, }, // comment\n}";
    const fromYaml = readDefinition(yaml, 'hello.asl.yaml');
    assert.deepStrictEqual(fromYaml, readDefinition(json5, 'hello.json5'));
    assert.deepStrictEqual(await regenerate(importAs(fromYaml).source), fromYaml);
  });

  it('refuses bad input naming the problem', () => {
    assert.throws(
      () => readDefinition('{ "StartAt": ', 'broken.asl.json'),
      (error: Error) => error instanceof ImportError && /broken\.asl\.json: not valid JSON/.test(error.message),
    );
    assert.throws(
      () => readDefinition('- a\n- b\n', 'list.yaml'),
      /list\.yaml: a definition must be an object, got an array/,
    );
    assert.throws(() => readDefinition('key: [unclosed', 'bad.yml'), /bad\.yml: not valid YAML/);
    assert.throws(
      () => importAs({ Comment: 'nothing' }),
      /neither a state machine \(no "States"\) nor a single state \(no "Type"\)/,
    );
    assert.throws(() => importAs({ StartAt: 'A' }), /definition\.States: missing/);
    assert.throws(
      () => importAs({ StartAt: 'A', States: { A: { Type: 'Sleep', End: true } } }),
      /A\.Type: unknown state type "Sleep"/,
    );
    assert.throws(
      () => importAs({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } }),
      /A\.Next: "B" is not a state of this graph/,
    );
    assert.throws(
      () => importAs({ StartAt: 'A', States: { A: { Type: 'Pass', End: true, Bogus: 1 } } }),
      /A\.Bogus: not a field of a Pass state/,
    );
    assert.throws(
      () =>
        importAs({
          StartAt: 'T',
          States: { T: { Type: 'Task', Resource: 'r', End: true, Retry: [{ ErrorEquals: ['X'], MaxAttempts: '3' }] } },
        }),
      /T\.Retry\[0\]\.MaxAttempts: must be a number, got "3"/,
    );
  });
});

// The two tests use different files, so their CLI runs overlap.
describe('stepforge import (CLI)', { concurrency: true }, () => {
  const cli = (...args: string[]) => runStepforge(['import', ...args], { cwd: ROOT });
  const input = join(OUT, `cli-${process.pid}.asl.json`);
  const outFile = join(OUT, 'workflows', `cli-${process.pid}.ts`);

  it('prints the module without --out, writes it with --out, and refuses to overwrite without --force', async () => {
    mkdirSync(OUT, { recursive: true });
    const definition = { StartAt: 'Wait', States: { Wait: { Type: 'Wait', SecondsPath: '$.delay', End: true } } };
    writeFileSync(input, JSON.stringify(definition));
    const printed = await cli(input);
    assert.equal(printed.status, 0, printed.stderr);
    assert.match(printed.stdout, /\.wait\('Wait', \{ secondsPath: '\$\.delay' \}\)/);
    const written = await cli(input, '--out', relative(ROOT, outFile));
    assert.equal(written.status, 0, written.stderr);
    assert.match(written.stdout, /as workflow "cli-\d+"/);
    const source = readFileSync(outFile, 'utf8');
    assert.match(
      source,
      new RegExp(`from '${relative(join(OUT, 'workflows'), join(ROOT, 'src/dsl/index.ts')).replace(/[./]/g, '\\$&')}'`),
    );
    assert.deepStrictEqual(await regenerate(source.replace(/from '[^']+'/, `from '${DSL}'`)), definition);
    const again = await cli(input, '--out', relative(ROOT, outFile));
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already exists \(use --force to replace it\)/);
    assert.equal((await cli(input, '--out', relative(ROOT, outFile), '--force')).status, 0);
  });

  it("in a user's project (not stepforge's repository) the module imports the package, printed or written", async () => {
    const project = mkdtempSync(join(tmpdir(), 'stepforge-import-'));
    try {
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-flows', type: 'module' }));
      const definition = { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } };
      writeFileSync(join(project, 'done.asl.json'), JSON.stringify(definition));
      const inProject = (...args: string[]) => runStepforge(['import', ...args], { cwd: project });
      const [printed, written] = await Promise.all([
        inProject('done.asl.json'),
        inProject('done.asl.json', '--out', 'workflows/done.ts'),
      ]);
      assert.equal(printed.status, 0, printed.stderr);
      assert.match(printed.stdout, /from 'stepforge';/);
      assert.equal(written.status, 0, written.stderr);
      const source = readFileSync(join(project, 'workflows/done.ts'), 'utf8');
      assert.match(source, /from 'stepforge';/);
      assert.doesNotMatch(source, /src\/dsl/);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('exits 1 naming the problem on bad input and 2 on bad usage', async () => {
    mkdirSync(OUT, { recursive: true });
    const bad = join(OUT, `bad-${process.pid}.json`);
    writeFileSync(bad, '{"Comment": "no states"}');
    const [refused, missing, noArguments, badOption] = await Promise.all([
      cli(bad),
      cli(join(OUT, 'missing.json')),
      cli(),
      cli(bad, '--colour', 'red'),
    ]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /bad-\d+\.json: neither a state machine/);
    assert.equal(refused.stderr.trim().split('\n').length, 1, 'one line');
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /missing\.json: cannot read the file \(ENOENT\)/);
    assert.equal(noArguments.status, 2);
    assert.equal(badOption.status, 2);
    assert.ok(!existsSync(join(OUT, 'missing.ts')));
  });
});
