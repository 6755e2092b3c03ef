// Map (inline; a DISTRIBUTED ProcessorConfig runs the same way, without ItemReader/ResultWriter/ItemBatcher yet,
// its iterations recorded in a child history as AWS's child executions are, the parent showing MapRunStarted/...):
// items from ItemsPath (JSONPath) or Items (JSONata), each shaped by ItemSelector (or the older Parameters) with
// $$.Map.Item.Index/Value, run through ItemProcessor (or Iterator) at most MaxConcurrency at once. The result is
// the array of iteration outputs in item order. An iteration failure fails the state, unless (DISTRIBUTED mode only)
// ToleratedFailureCount/Percentage allow it (then the threshold decides: States.ExceedToleratedFailureThreshold).
import { RunnerError, StatesError, STATES, toStatesError } from '../errors.ts';
import { History } from '../history.ts';
import { evaluateJsonataTemplate } from '../jsonata.ts';
import { applyTemplate, evaluate } from '../jsonpath/index.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import { runConcurrently, type ThreadResult } from './concurrent.ts';
import type { Execution } from './execution.ts';
import type { Outcome } from './outcome.ts';
import { withRetryAndCatch } from './retry-catch.ts';
import { runStates, type StatesGraph } from './run-states.ts';
import type { StateRun } from './state-run.ts';

export async function runMap(run: StateRun): Promise<Outcome> {
  for (const unsupported of ['ItemReader', 'ResultWriter', 'ItemBatcher']) {
    if (run.state[unsupported] !== undefined) {
      throw new RunnerError(
        `Map state "${run.name}" uses ${unsupported}, which the runner does not support yet (issue 15)`,
      );
    }
  }
  const processor = (run.state.ItemProcessor ?? run.state.Iterator) as unknown as StatesGraph | undefined;
  if (!processor) throw new RunnerError(`Map state "${run.name}" has no ItemProcessor (or Iterator)`);
  return withRetryAndCatch(run, async () => {
    const jsonata = run.language === 'JSONata';
    const effective = jsonata ? run.input : run.effectiveInput();
    const items = await readItems(run, effective, jsonata);
    const inputs: JsonValue[] = [];
    for (const [index, value] of items.entries())
      inputs.push(await iterationInput(run, effective, index, value, jsonata));
    run.contextExtra = {};
    const results = await runIterations(run, inputs, processor, await maxConcurrency(run, jsonata));
    return run.complete(results, effective);
  });
}

async function readItems(run: StateRun, effective: JsonValue, jsonata: boolean): Promise<JsonValue[]> {
  let items: JsonValue | undefined;
  if (jsonata) items = run.state.Items === undefined ? run.input : await run.jsonataField('Items');
  else
    items =
      run.state.ItemsPath === undefined
        ? effective
        : evaluate(String(run.state.ItemsPath), run.pathScope(effective), `ItemsPath of state '${run.name}'`);
  if (!Array.isArray(items)) {
    throw new StatesError(
      STATES.Runtime,
      `The items of Map state '${run.name}' must be a JSON array, got ${JSON.stringify(items)}`,
    );
  }
  return items;
}

async function iterationInput(
  run: StateRun,
  effective: JsonValue,
  index: number,
  value: JsonValue,
  jsonata: boolean,
): Promise<JsonValue> {
  const selector = run.state.ItemSelector ?? run.state.Parameters;
  if (selector === undefined) return value;
  run.contextExtra = { Map: { Item: { Index: index, Value: value } } };
  if (jsonata) return evaluateJsonataTemplate(selector, run.jsonataScope(), `${run.name}.ItemSelector`);
  return applyTemplate(selector, run.pathScope(effective), `ItemSelector of state '${run.name}'`);
}

async function maxConcurrency(run: StateRun, jsonata: boolean): Promise<number> {
  const value = jsonata ? await run.jsonataField('MaxConcurrency') : run.state.MaxConcurrency;
  return typeof value === 'number' && value > 0 ? value : 0;
}

async function runIterations(
  run: StateRun,
  inputs: JsonValue[],
  processor: StatesGraph,
  limit: number,
): Promise<JsonValue[]> {
  const { history } = run.frame.execution;
  const started = history.add(run.frame.thread, 'MapStateStarted', { length: inputs.length });
  // Tolerated failures are a Distributed Map feature: an inline Map fails on its first failed iteration.
  const distributed = isDistributed(
    ((run.state.ItemProcessor ?? run.state.Iterator) as JsonObject | undefined)?.ProcessorConfig,
  );
  const tolerance = distributed ? toleratedFailures(run.state, inputs.length) : null;
  // A Distributed Map runs its items as child executions: the parent's history shows a Map Run, not the iterations.
  const mapRun = distributed ? history.add(run.frame.thread, 'MapRunStarted', { mapRunArn: mapRunArn(run) }) : 0;
  const iterationsFrame = distributed ? { ...run.frame, execution: childExecution(run.frame.execution) } : run.frame;
  let failures = 0;
  const results = await runConcurrently(
    inputs.length,
    iterationsFrame,
    distributed ? 0 : started,
    {
      limit,
      keepGoing: (result) => {
        if (result.ok) return true;
        failures += 1;
        return tolerance !== null && failures <= tolerance;
      },
    },
    async (index, frame) => {
      const iterations = frame.execution.history;
      iterations.add(frame.thread, 'MapIterationStarted', { name: run.name, index });
      try {
        const output = await runStates(processor, inputs[index] as JsonValue, frame);
        iterations.add(frame.thread, 'MapIterationSucceeded', { name: run.name, index });
        return output;
      } catch (error) {
        const aborted = frame.signal.aborted && frame.signal.reason === error && !(error instanceof RunnerError);
        iterations.add(frame.thread, aborted ? 'MapIterationAborted' : 'MapIterationFailed', { name: run.name, index });
        throw error;
      }
    },
  );
  run.frame.thread.last = distributed ? mapRun : history.events.length;
  const failed = results.filter(
    (result): result is Extract<ThreadResult, { ok: false }> => result !== undefined && !result.ok,
  );
  const runnerError = failed.find((result) => result.error instanceof RunnerError);
  if (runnerError) throw runnerError.error;
  const runFailed = failed.length > 0 && (tolerance === null || failed.length > tolerance);
  if (distributed) history.add(run.frame.thread, runFailed ? 'MapRunFailed' : 'MapRunSucceeded');
  if (runFailed) {
    if (tolerance !== null) {
      throw new StatesError(
        STATES.ExceedToleratedFailureThreshold,
        `The specified tolerated failure threshold was exceeded (${failed.length} of ${inputs.length} items failed)`,
      );
    }
    throw toStatesError((failed[0] as { error: unknown }).error);
  }
  history.add(run.frame.thread, 'MapStateSucceeded');
  return results.map((result) => {
    if (result?.ok) return result.value;
    const error = toStatesError(result?.error);
    return { Error: error.error, Cause: error.cause };
  });
}

/** arn:aws:states:<region>:<account>:mapRun:<state machine>/<Label or state name>:<run id>, as AWS shapes it. */
function mapRunArn(run: StateRun): string {
  const { execution } = run.frame;
  const machine = (execution.contextBase.StateMachine as JsonObject | undefined)?.Name;
  const label = typeof run.state.Label === 'string' ? run.state.Label : run.name;
  return `arn:aws:states:${execution.region}:${execution.account}:mapRun:${String(machine)}/${label}:${execution.history.events.length}`;
}

/** The iterations' own execution: everything shared with the parent except the history they write. */
function childExecution(parent: Execution): Execution {
  return Object.create(parent, { history: { value: new History(() => parent.clock.now()) } }) as Execution;
}

function isDistributed(config: JsonValue | undefined): boolean {
  return typeof config === 'object' && config !== null && !Array.isArray(config) && config.Mode === 'DISTRIBUTED';
}

/** How many failed items the state tolerates (null: none, the first failure fails it). */
function toleratedFailures(state: JsonObject, total: number): number | null {
  const count = typeof state.ToleratedFailureCount === 'number' ? state.ToleratedFailureCount : null;
  const percentage =
    typeof state.ToleratedFailurePercentage === 'number'
      ? Math.floor((state.ToleratedFailurePercentage / 100) * total)
      : null;
  if (count === null && percentage === null) return null;
  return Math.max(count ?? 0, percentage ?? 0);
}
