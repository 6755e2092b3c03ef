// Building and serialising a 200-state workflow: the stepforge DSL + generator writer against AWS CDK's synth of the
// same definition, both measured in this run on this machine. Prints medians and the ratio (goal: >= 10x).
//
//   node --import tsx bench/generate.ts [--runs 15]   (the first run installs aws-cdk-lib into .stepforge/bench-deps)
//
// The definition: 99 Pass states (Parameters) alternating with 99 Task states (lambda:invoke with Retry and a
// Catch to a shared Fail state), ending in a Succeed: 200 states.
import { performance } from 'node:perf_hooks';
import { isJsonObject } from '../src/generator/asl/json.ts';
import { canonicalAsl, toJsonText } from '../src/generator/index.ts';
import { workflow } from '../src/dsl/index.ts';
import { type CdkChain, loadCdk } from './cdk-on-demand.ts';
import { median, numberOption } from './support.ts';

const { App, Stack, sfn } = loadCdk();

const PAIRS = 99;
const RESOURCE = 'arn:aws:states:::lambda:invoke';
const RETRY = { errors: ['States.TaskFailed'], intervalSeconds: 2, maxAttempts: 3, backoffRate: 2 };

function buildDslWorkflow() {
  const wf = workflow('bench');
  const failed = wf.fail('Failed', { error: 'Bench.Failed' });
  let previous: { next(target: never): unknown } | undefined;
  for (let index = 0; index < PAIRS; index++) {
    const pass = wf.pass(`Prepare${index}`, { parameters: { step: index, 'payload.$': '$.payload' } });
    const task = wf.task(`Call${index}`, {
      resource: RESOURCE,
      parameters: { FunctionName: `fn-${index}`, 'Payload.$': '$' },
      resultPath: '$.payload',
      retry: [RETRY],
      catch: [{ errors: ['States.ALL'], next: failed }],
    });
    if (previous) previous.next(pass as never);
    pass.next(task);
    previous = task as unknown as { next(target: never): unknown };
  }
  previous!.next(wf.succeed('Done') as never);
  return wf;
}

function serialise(wf: ReturnType<typeof workflow>): string {
  const asl = wf.toAsl();
  if (!isJsonObject(asl)) throw new Error('toAsl() did not return an object');
  return toJsonText(canonicalAsl(asl));
}

function buildWithCdk(): string {
  const app = new App();
  const stack = new Stack(app, 'Bench');
  const failed = new sfn.Fail(stack, 'Failed', { error: 'Bench.Failed' });
  let chain: CdkChain | undefined;
  for (let index = 0; index < PAIRS; index++) {
    const pass = new sfn.Pass(stack, `Prepare${index}`, {
      parameters: { step: index, payload: sfn.JsonPath.stringAt('$.payload') },
    });
    const task = new sfn.CustomState(stack, `Call${index}`, {
      stateJson: {
        Type: 'Task',
        Resource: RESOURCE,
        Parameters: { FunctionName: `fn-${index}`, 'Payload.$': '$' },
        ResultPath: '$.payload',
      },
    });
    task.addRetry({ errors: ['States.TaskFailed'], interval: undefined, maxAttempts: 3, backoffRate: 2 });
    task.addCatch(failed, { errors: ['States.ALL'] });
    chain = chain ? chain.next(pass).next(task) : sfn.Chain.start(pass).next(task);
  }
  chain = chain!.next(new sfn.Succeed(stack, 'Done'));
  new sfn.StateMachine(stack, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(chain) });
  const assembly = app.synth();
  const template = assembly.getStackByName('Bench').template as {
    Resources: Record<string, { Type: string; Properties: { DefinitionString: unknown } }>;
  };
  const machine = Object.values(template.Resources).find(
    (resource) => resource.Type === 'AWS::StepFunctions::StateMachine',
  );
  return JSON.stringify(machine!.Properties.DefinitionString);
}

function measure(label: string, runs: number, body: () => string): { median: number; states: number } {
  let output = body(); // warm-up: module loading and JIT are not what is compared
  body();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    output = body();
    times.push(performance.now() - started);
  }
  const states = (output.match(/\\?"Type\\?"\s*:/g) ?? []).length;
  console.log(
    `${label.padEnd(28)} median ${median(times).toFixed(2).padStart(9)} ms over ${runs} runs (${states} states in output)`,
  );
  return { median: median(times), states };
}

const runs = numberOption('runs', 15);
const dsl = measure('stepforge DSL + writer', runs * 4, () => serialise(buildDslWorkflow()));
const built = buildDslWorkflow();
const writer = measure('  of which toAsl + writer', runs * 4, () => serialise(built));
const cdk = measure('aws-cdk-lib synth', runs, buildWithCdk);
console.log(`ratio (CDK synth / stepforge): ${(cdk.median / dsl.median).toFixed(1)}x  (goal >= 10x)`);
console.log(
  `share of the DSL's build step (call-site capture per state included): ${(100 * (1 - writer.median / dsl.median)).toFixed(0)}%`,
);
