// Task: the mock for the state (by name, else by resource) does the work. Each attempt records Scheduled, Started
// and Succeeded/Failed/TimedOut events; TimeoutSeconds and HeartbeatSeconds (or their ...Path forms) run in the
// run's clock and fail the attempt with States.Timeout / States.HeartbeatTimeout. A task with a token may wait for
// a callback (sendTaskSuccess/Failure from any mock of the run). Retry and Catch wrap it all.
import { RunnerError, StatesError, STATES, toStatesError } from '../errors.ts';
import { payload } from '../history.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import { resolveMock, type TaskHandler } from '../mocks.ts';
import { s3SdkHandler } from '../s3/index.ts';
import type { Outcome } from './outcome.ts';
import { withRetryAndCatch } from './retry-catch.ts';
import type { StateRun } from './state-run.ts';
import { type TaskCredentials, taskCredentials } from './task-credentials.ts';
import { describeResource, type TaskResource } from './task-resource.ts';
import { integerField } from './integer-field.ts';

export async function runTask(run: StateRun): Promise<Outcome> {
  const resource = describeResource(String(run.state.Resource));
  return withRetryAndCatch(run, async () => {
    const jsonata = run.language === 'JSONata';
    const effective = jsonata ? run.input : run.effectiveInput();
    run.contextExtra = resource.needsToken ? { Task: { Token: newToken(run) } } : {};
    const taskInput = jsonata ? ((await run.jsonataField('Arguments')) ?? run.input) : run.parameters(effective);
    const timeoutSeconds = await secondsField(run, 'TimeoutSeconds', effective);
    const heartbeatSeconds = await secondsField(run, 'HeartbeatSeconds', effective);
    checkHeartbeatBelowTimeout(run);
    const credentials = await taskCredentials(run, effective);
    const result = await attemptTask(run, resource, taskInput, { timeoutSeconds, heartbeatSeconds, credentials });
    return run.complete(result, effective);
  });
}

/** AWS refuses a definition whose literal HeartbeatSeconds is not below its TimeoutSeconds. */
function checkHeartbeatBelowTimeout(run: StateRun): void {
  const { TimeoutSeconds: timeout, HeartbeatSeconds: heartbeat } = run.state;
  if (typeof timeout === 'number' && typeof heartbeat === 'number' && heartbeat >= timeout) {
    throw new RunnerError(
      `Task state "${run.name}": HeartbeatSeconds (${heartbeat}) must be smaller than TimeoutSeconds (${timeout})`,
    );
  }
}

function newToken(run: StateRun): string {
  const execution = run.frame.execution;
  return Buffer.from(
    `stepforge-testing/${String((execution.contextBase.Execution as JsonObject).Name)}/${execution.tokens.nextNumber()}`,
  ).toString('base64');
}

async function secondsField(run: StateRun, field: string, effective: JsonValue): Promise<number | undefined> {
  let value: JsonValue | undefined;
  if (run.state[field] !== undefined)
    value = run.language === 'JSONata' ? await run.jsonataField(field) : run.state[field];
  else if (run.state[`${field}Path`] !== undefined) value = run.pathField(`${field}Path`, effective);
  else return undefined;
  return integerField(value, `The ${field} of Task state '${run.name}'`, 1);
}

/** What the state's fields say about one attempt: its limits and the role it runs as. */
interface AttemptSettings {
  readonly timeoutSeconds: number | undefined;
  readonly heartbeatSeconds: number | undefined;
  readonly credentials: TaskCredentials | undefined;
}

async function attemptTask(
  run: StateRun,
  resource: TaskResource,
  input: JsonValue,
  { timeoutSeconds, heartbeatSeconds, credentials }: AttemptSettings,
): Promise<JsonValue> {
  const { execution, thread } = run.frame;
  const { history, clock } = execution;
  const prefix = resource.eventPrefix;
  const named = prefix === 'Task' ? { resourceType: resource.resourceType, resource: resource.resource } : {};
  history.add(thread, `${prefix}Scheduled`, {
    ...named,
    ...(prefix === 'Task'
      ? { region: execution.region, parameters: JSON.stringify(input) }
      : { resource: resource.arn, ...payload('input', input) }),
    ...(timeoutSeconds !== undefined && { timeoutInSeconds: timeoutSeconds }),
    ...(heartbeatSeconds !== undefined && { heartbeatInSeconds: heartbeatSeconds }),
    ...(credentials !== undefined && { taskCredentials: { roleArn: credentials.roleArn } }),
  });
  history.add(
    thread,
    `${prefix}Started`,
    prefix === 'Task' ? named : prefix === 'Activity' ? { workerName: 'stepforge-testing' } : undefined,
  );
  const mock = resolveMock(execution.mocks, run.name, resource.arn, builtIn(run, resource.arn));
  const call = (execution.calls.get(mock.key) ?? 0) + 1;
  execution.calls.set(mock.key, call);
  const attempt = new AbortController();
  const stop = (): void => attempt.abort(run.frame.signal.reason);
  run.frame.signal.addEventListener('abort', stop, { once: true });
  let lastBeat = clock.now();
  const token = (run.contextExtra.Task as JsonObject | undefined)?.Token;
  const context = run.context;
  const beat = (): void => {
    lastBeat = clock.now();
  };
  const callback = typeof token === 'string' ? execution.tokens.open(token, beat) : undefined;
  const { tokens } = execution;
  const work = Promise.resolve().then(() =>
    mock.handler({
      input,
      stateName: run.name,
      resource: resource.arn,
      retryCount: run.retryCount,
      call,
      ...(typeof token === 'string' && { taskToken: token }),
      ...(credentials !== undefined && { credentials }),
      context,
      sleep: (seconds: number) => clock.sleep(seconds * 1000, attempt.signal),
      heartbeat: beat,
      signal: attempt.signal,
      realTime: async (work) => {
        const release = clock.hold();
        try {
          return await work();
        } finally {
          release();
        }
      },
      waitForCallback: () => {
        if (!callback)
          throw new RunnerError(
            `Task state "${run.name}" has no task token to wait on: its resource is not .waitForTaskToken or an activity`,
          );
        return callback.answered;
      },
      sendTaskSuccess: (other, output) => tokens.sendTaskSuccess(other, output),
      sendTaskFailure: (other, error, cause) => tokens.sendTaskFailure(other, error, cause),
      sendTaskHeartbeat: (other) => tokens.sendTaskHeartbeat(other),
    }),
  );
  // The attempt ends when the execution does, even if the mock never looks at its signal: the thread then stops where
  // it is (a redrive starts it there again) instead of hanging on.
  const ended = new Promise<never>((_, reject) => {
    attempt.signal.addEventListener('abort', () => reject(attempt.signal.reason), { once: true });
  });
  ended.catch(() => undefined);
  const racers: Promise<unknown>[] = [work, ended];
  if (timeoutSeconds !== undefined) {
    racers.push(
      clock.sleep(timeoutSeconds * 1000, attempt.signal).then(() => {
        throw new StatesError(
          STATES.Timeout,
          `Task '${run.name}' did not finish within TimeoutSeconds (${timeoutSeconds})`,
        );
      }),
    );
  }
  if (heartbeatSeconds !== undefined) {
    const watch = async (): Promise<never> => {
      for (;;) {
        await clock.sleep(lastBeat + heartbeatSeconds * 1000 - clock.now(), attempt.signal);
        if (clock.now() >= lastBeat + heartbeatSeconds * 1000) {
          throw new StatesError(
            STATES.HeartbeatTimeout,
            `Task '${run.name}' sent no heartbeat for HeartbeatSeconds (${heartbeatSeconds})`,
          );
        }
      }
    };
    racers.push(watch());
  }
  try {
    const result = toJson(await Promise.race(racers), run.name);
    history.add(thread, `${prefix}Succeeded`, { ...named, ...payload('output', result) });
    return result;
  } catch (thrown) {
    if (run.frame.signal.aborted || thrown instanceof RunnerError) throw thrown;
    const error = toStatesError(thrown);
    const timedOut = error.error === STATES.Timeout || error.error === STATES.HeartbeatTimeout;
    history.add(thread, `${prefix}${timedOut ? 'TimedOut' : 'Failed'}`, {
      ...named,
      error: error.error,
      cause: error.cause,
    });
    throw error;
  } finally {
    callback?.close();
    attempt.abort();
    run.frame.signal.removeEventListener('abort', stop);
  }
}

/** The runner's own handler for a resource, when the run has one: `aws-sdk:s3:*` against the run's S3. */
function builtIn(run: StateRun, arn: string): TaskHandler | undefined {
  const { execution } = run.frame;
  const s3 = execution.s3Integrations ? s3SdkHandler(arn) : undefined;
  return s3 && (({ input }) => s3(execution.s3, input as JsonValue));
}

/** A handler's answer as JSON: undefined is null, and anything JSON cannot hold is a clear error. */
function toJson(value: unknown, stateName: string): JsonValue {
  if (value === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(value)) as JsonValue;
  } catch (error) {
    throw new StatesError(
      STATES.Runtime,
      `The mock of Task state '${stateName}' returned a value that is not JSON: ${(error as Error).message}`,
    );
  }
}
