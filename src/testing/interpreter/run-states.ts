// The loop every thread of states runs: the execution's top level, each Parallel branch and each Map iteration.
// It records `<Type>StateEntered`/`Exited`, keeps the path and the step rows, and hands each state to its type.
import { RunnerError, type StatesError, toStatesError } from '../errors.ts';
import { payload } from '../history.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import { runChoice } from './choice.ts';
import type { Frame, StepRecord } from './execution.ts';
import { runFail } from './fail.ts';
import { recordEvaluationFailure } from './failure-events.ts';
import { runMap } from './map.ts';
import type { Outcome } from './outcome.ts';
import { runParallel } from './parallel.ts';
import { runPass } from './pass.ts';
import { succeededBefore } from './resume.ts';
import { StateRun } from './state-run.ts';
import { runSucceed } from './succeed.ts';
import { runTask } from './task.ts';
import { runWait } from './wait.ts';

/** A state machine, a Parallel branch or a Map's ItemProcessor. */
export interface StatesGraph {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, JsonObject>>;
}

const BY_TYPE: Readonly<Record<string, (run: StateRun) => Promise<Outcome>>> = {
  Pass: runPass,
  Task: runTask,
  Choice: runChoice,
  Wait: runWait,
  Succeed: runSucceed,
  Fail: runFail,
  Parallel: runParallel,
  Map: runMap,
};

/**
 * Runs states from StartAt until one ends the thread; its output is the thread's output. In a redrive, a thread that
 * succeeded before gives its output again without running, and one that stopped starts again at the state it stopped
 * at, with that state's input and its own variables as they were.
 */
export async function runStates(graph: StatesGraph, input: JsonValue, frame: Frame): Promise<JsonValue> {
  const { execution } = frame;
  const kept = succeededBefore(frame);
  if (kept) return kept.output;
  const record = execution.resume?.threads.get(frame.key);
  const stopped = record?.status === 'stopped' ? record : undefined;
  let name = stopped?.state ?? graph.StartAt;
  let current = stopped?.input ?? input;
  if (stopped) frame.scope.assign(stopped.variables);
  try {
    const output = await runFrom(graph, name, current, frame, (at, value) => {
      name = at;
      current = value;
    });
    execution.records.threads.set(frame.key, { status: 'succeeded', output });
    return output;
  } catch (thrown) {
    execution.records.threads.set(frame.key, {
      status: 'stopped',
      state: name,
      input: current,
      variables: frame.scope.own(),
    });
    throw thrown;
  }
}

async function runFrom(
  graph: StatesGraph,
  start: string,
  input: JsonValue,
  frame: Frame,
  reached: (name: string, input: JsonValue) => void,
): Promise<JsonValue> {
  const { execution } = frame;
  let name = start;
  let current = input;
  for (;;) {
    reached(name, current);
    if (frame.signal.aborted) throw frame.signal.reason;
    const state = graph.States[name];
    if (!state) throw new RunnerError(`the definition names state "${name}", which does not exist`);
    const type = String(state.Type);
    const byType = BY_TYPE[type];
    if (!byType)
      throw new RunnerError(`state "${name}" has Type "${type}"; the runner knows ${Object.keys(BY_TYPE).join(', ')}`);
    execution.path.push(name);
    const enteredTime = new Date(execution.clock.now()).toISOString();
    const enteredEventId = execution.history.add(frame.thread, `${type}StateEntered`, {
      name,
      ...payload('input', current),
    });
    const step: StepRecord = { name, type, status: 'running', input: current, attempts: 1, enteredEventId };
    execution.steps.push(step);
    const run = new StateRun(frame, name, state, current, enteredTime);
    let outcome: Outcome;
    try {
      outcome = await byType(run);
    } catch (thrown) {
      step.attempts = run.retryCount + 1;
      if (!(thrown instanceof RunnerError)) {
        const error: StatesError = toStatesError(thrown);
        recordEvaluationFailure(frame, name, error);
        Object.assign(step, { status: 'failed', error: error.error, cause: error.cause });
      }
      throw thrown;
    }
    step.attempts = run.retryCount + 1;
    Object.assign(step, { status: outcome.caught ? 'caught' : 'succeeded', output: outcome.output });
    execution.history.add(frame.thread, `${type}StateExited`, { name, ...payload('output', outcome.output) });
    if (outcome.next === null) return outcome.output;
    name = outcome.next;
    current = outcome.output;
  }
}
