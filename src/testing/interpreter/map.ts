// Map: items from ItemsPath (JSONPath) or Items (JSONata), or (DISTRIBUTED) from ItemReader over the run's S3; each
// shaped by ItemSelector (or the older Parameters) with $$.Map.Item.Index/Value, grouped by ItemBatcher
// (DISTRIBUTED), and run through ItemProcessor (or Iterator) at most MaxConcurrency(Path) at once. The result is the
// array of iteration outputs in item order, or what ResultWriter gives (DISTRIBUTED). An iteration failure fails the
// state, unless (DISTRIBUTED only) ToleratedFailureCount/Percentage(Path) allow it (past the threshold:
// States.ExceedToleratedFailureThreshold). A DISTRIBUTED Map records MapRunStarted/Succeeded/Failed, its Map Run
// ARN named by Label (else the state's name).
import { RunnerError, StatesError, STATES, toStatesError } from '../errors.ts';
import { evaluateJsonataTemplate } from '../jsonata.ts';
import { applyTemplate, evaluate } from '../jsonpath/index.ts';
import { isJsonObject, type JsonObject, type JsonValue, numberFromPath } from '../json.ts';
import { uuidFrom } from '../random.ts';
import { runConcurrently, type ThreadResult } from './concurrent.ts';
import {
  batchItems,
  type MapRun,
  readItemsFromS3,
  readToleranceLimits,
  runChildExecution,
  toleratedFailures,
  writeResults,
} from './distributed-map/index.ts';
import type { Outcome } from './outcome.ts';
import { withRetryAndCatch } from './retry-catch.ts';
import { succeededBefore } from './resume.ts';
import { runStates, type StatesGraph } from './run-states.ts';
import type { StateRun } from './state-run.ts';
import { integerField } from './integer-field.ts';

const DISTRIBUTED_ONLY = ['ItemReader', 'ResultWriter', 'ItemBatcher', 'Label'] as const;
const LABEL = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]{1,40}$/u;

export async function runMap(run: StateRun): Promise<Outcome> {
  const processor = (run.state.ItemProcessor ?? run.state.Iterator) as unknown as StatesGraph | undefined;
  if (!processor) throw new RunnerError(`Map state "${run.name}" has no ItemProcessor (or Iterator)`);
  const distributed = isDistributed(
    ((run.state.ItemProcessor ?? run.state.Iterator) as JsonObject | undefined)?.ProcessorConfig,
  );
  checkDistributedFields(run, distributed);
  return withRetryAndCatch(run, async () => {
    const jsonata = run.language === 'JSONata';
    const effective = jsonata ? run.input : run.effectiveInput();
    const result = distributed
      ? await runMapRun(run, processor, effective, jsonata)
      : await runInlineMap(run, processor, effective, jsonata);
    return run.complete(result, effective);
  });
}

async function runInlineMap(
  run: StateRun,
  processor: StatesGraph,
  effective: JsonValue,
  jsonata: boolean,
): Promise<JsonValue> {
  const inputs = await iterationInputs(run, effective, await readItems(run, effective, jsonata), jsonata);
  const limit = await maxConcurrency(run, effective, jsonata);
  const started = run.frame.execution.history.add(run.frame.thread, 'MapStateStarted', { length: inputs.length });
  const results = await runIterations(run, inputs, processor, limit, started, null);
  run.frame.execution.history.add(run.frame.thread, 'MapStateSucceeded');
  return results;
}

async function iterationInputs(
  run: StateRun,
  effective: JsonValue,
  items: readonly JsonValue[],
  jsonata: boolean,
): Promise<JsonValue[]> {
  const inputs: JsonValue[] = [];
  for (const [index, value] of items.entries())
    inputs.push(await iterationInput(run, effective, index, value, jsonata));
  run.contextExtra = {};
  return inputs;
}

function checkDistributedFields(run: StateRun, distributed: boolean): void {
  for (const field of DISTRIBUTED_ONLY) {
    if (run.state[field] !== undefined && !distributed)
      throw new RunnerError(`Map state "${run.name}" uses ${field}, which only a DISTRIBUTED Map may have`);
  }
  const label = run.state.Label;
  if (label !== undefined && (typeof label !== 'string' || !LABEL.test(label)))
    throw new RunnerError(
      `Map state "${run.name}" has an invalid Label ${JSON.stringify(label)}: 1-40 characters, no whitespace or special characters`,
    );
}

async function readItems(run: StateRun, effective: JsonValue, jsonata: boolean): Promise<JsonValue[]> {
  let items: JsonValue | undefined;
  if (jsonata) items = run.state.Items === undefined ? run.input : await run.jsonataField('Items');
  else
    items =
      run.state.ItemsPath === undefined
        ? effective
        : evaluate(String(run.state.ItemsPath), run.pathScope(effective), `ItemsPath of state '${run.name}'`);
  // Step Functions names this States.QueryEvaluationError (after an EvaluationFailed event) for ItemsPath as for
  // JSONata Items: LocalStack's state_map.py, built from AWS-validated snapshots, and its answer to both.
  if (!Array.isArray(items)) {
    const kind = items === null ? 'null' : typeof items;
    const expression = typeof run.state.Items === 'string' ? run.state.Items.replace(/^\{%\s*|\s*%\}$/g, '') : '';
    throw new StatesError(
      STATES.QueryEvaluationError,
      jsonata && run.state.Items !== undefined
        ? `The JSONata expression '${expression}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${kind}' for value: ${JSON.stringify(items)}`
        : `Map state input must be an array but was: ${kind} (state '${run.name}')`,
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

async function maxConcurrency(run: StateRun, effective: JsonValue, jsonata: boolean): Promise<number> {
  let value = jsonata ? await run.jsonataField('MaxConcurrency') : run.state.MaxConcurrency;
  if (value === undefined && typeof run.state.MaxConcurrencyPath === 'string')
    value = numberFromPath(run.pathField('MaxConcurrencyPath', effective));
  if (value === undefined) return 0;
  return integerField(value, `The MaxConcurrency of Map state '${run.name}'`, 0);
}

/**
 * A DISTRIBUTED Map's Map Run, in the order Step Functions records it (LocalStack's AWS-validated histories): items
 * given in the input and MaxConcurrency are evaluated before MapStateStarted (length 0 when an ItemReader will read
 * them), the tolerated failure thresholds before MapRunStarted; the ItemReader, ItemSelector and ItemBatcher run
 * inside the Map Run, so their failure is MapRunFailed (then MapStateFailed). Then the child executions, the
 * tolerated failures and the ResultWriter.
 */
async function runMapRun(
  run: StateRun,
  processor: StatesGraph,
  effective: JsonValue,
  jsonata: boolean,
): Promise<JsonValue> {
  const { execution, thread } = run.frame;
  const { history } = execution;
  const reader = isJsonObject(run.state.ItemReader) ? run.state.ItemReader : undefined;
  const given = reader ? undefined : await readItems(run, effective, jsonata);
  const limit = await maxConcurrency(run, effective, jsonata);
  history.add(thread, 'MapStateStarted', { length: given?.length ?? 0 });
  const limits = await readToleranceLimits(run, effective);
  const machineName = String((execution.contextBase.StateMachine as JsonObject).Name);
  const label = typeof run.state.Label === 'string' ? run.state.Label : run.name;
  // A redrive continues the Map Run (MapRunRedriven): its successful child executions are not run again.
  const mapRunKey = `${run.frame.key}/${run.name}`;
  const redriven = execution.resume?.mapRunArns.get(mapRunKey);
  const mapRunArn =
    redriven ??
    `arn:aws:states:${execution.region}:${execution.account}:mapRun:${machineName}/${label}:${uuidFrom(execution.random)}`;
  execution.records.mapRunArns.set(mapRunKey, mapRunArn);
  const mapRun: MapRun = { mapRunArn, stateName: run.name, executions: [] };
  execution.mapRuns.push(mapRun);
  const started = redriven
    ? history.add(thread, 'MapRunRedriven', { mapRunArn, redriveCount: execution.redriveCount })
    : history.add(thread, 'MapRunStarted', { mapRunArn });
  const childArn = (): string =>
    `arn:aws:states:${execution.region}:${execution.account}:execution:${machineName}/${label}:${uuidFrom(execution.random)}`;
  let failure: unknown;
  let results: JsonValue[] = [];
  try {
    const items = given ?? (await readItemsFromS3(run, reader as JsonObject, effective));
    let inputs = await iterationInputs(run, effective, items, jsonata);
    if (isJsonObject(run.state.ItemBatcher)) inputs = await batchItems(run, run.state.ItemBatcher, inputs, effective);
    const tolerance = toleratedFailures(limits, inputs.length);
    results = await runIterations(run, inputs, processor, limit, started, tolerance, { record: mapRun, childArn });
  } catch (error) {
    failure = error;
  }
  if (failure instanceof RunnerError || (failure !== undefined && run.frame.signal.aborted)) throw failure;
  const writer = run.state.ResultWriter;
  let written: JsonValue | undefined;
  if (isJsonObject(writer)) {
    const ordered = [...mapRun.executions].sort((left, right) => left.index - right.index);
    try {
      written = await writeResults(run, writer, mapRunArn, ordered, effective);
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure !== undefined) {
    const error = toStatesError(failure);
    history.add(thread, 'MapRunFailed', { error: error.error, cause: error.cause });
    throw error;
  }
  history.add(thread, 'MapRunSucceeded');
  history.add(thread, 'MapStateSucceeded');
  return written ?? results;
}

/** The Map Run a DISTRIBUTED Map's iterations run in: each becomes a child execution. */
interface InMapRun {
  readonly record: MapRun;
  childArn(): string;
}

async function runIterations(
  run: StateRun,
  inputs: JsonValue[],
  processor: StatesGraph,
  limit: number,
  started: number,
  tolerance: number | null,
  mapRun?: InMapRun,
): Promise<JsonValue[]> {
  const { history } = run.frame.execution;
  let failures = 0;
  const results = await runConcurrently(
    inputs.length,
    run.frame,
    started,
    {
      stateName: run.name,
      limit,
      keepGoing: (result) => {
        if (result.ok) return true;
        failures += 1;
        return tolerance !== null && failures <= tolerance;
      },
    },
    async (index, frame) => {
      const input = inputs[index] as JsonValue;
      if (mapRun) return runChildExecution(frame, mapRun.record, mapRun.childArn(), processor, input, index);
      const kept = succeededBefore(frame);
      if (kept) return kept.output;
      history.add(frame.thread, 'MapIterationStarted', { name: run.name, index });
      try {
        const output = await runStates(processor, input, frame);
        history.add(frame.thread, 'MapIterationSucceeded', { name: run.name, index });
        return output;
      } catch (error) {
        const aborted = frame.signal.aborted && frame.signal.reason === error && !(error instanceof RunnerError);
        history.add(frame.thread, aborted ? 'MapIterationAborted' : 'MapIterationFailed', { name: run.name, index });
        throw error;
      }
    },
  );
  run.frame.thread.last = history.events.length;
  const failed = results.filter(
    (result): result is Extract<ThreadResult, { ok: false }> => result !== undefined && !result.ok,
  );
  const runnerError = failed.find((result) => result.error instanceof RunnerError);
  if (runnerError) throw runnerError.error;
  if (failed.length > 0 && (tolerance === null || failed.length > tolerance)) {
    if (tolerance !== null) {
      throw new StatesError(
        STATES.ExceedToleratedFailureThreshold,
        `The specified tolerated failure threshold was exceeded (${failed.length} of ${inputs.length} items failed)`,
      );
    }
    throw toStatesError((failed[0] as { error: unknown }).error);
  }
  return results.map((result) => {
    if (result?.ok) return result.value;
    const error = toStatesError(result?.error);
    return { Error: error.error, Cause: error.cause };
  });
}

function isDistributed(config: JsonValue | undefined): boolean {
  return isJsonObject(config ?? null) && (config as JsonObject).Mode === 'DISTRIBUTED';
}
