// A Distributed Map runs each item (or batch) as a child execution of its Map Run, with a history of its own
// (ExecutionStarted ... ExecutionSucceeded/Failed/Aborted), as Step Functions does: the parent's history shows only
// MapRunStarted and MapRunSucceeded/Failed. The children are kept for ResultWriter and for `run.mapRuns`. A child's
// Context object is its own: `$$.Execution` names the child execution (its ARN, name, input and start), and
// `$$.StateMachine` the Map Run's state machine (`<machine>/<Label>`), as DescribeExecution shows a child; what a
// child needs of the parent's execution it is given through ItemSelector (`$$.Execution.Id` there is the parent's).
import { RunnerError, toStatesError } from '../../errors.ts';
import { beginExecution, History, type HistoryEvent, payload } from '../../history.ts';
import type { JsonObject, JsonValue } from '../../json.ts';
import type { Frame } from '../execution.ts';
import { succeededBefore } from '../resume.ts';
import { runStates, type StatesGraph } from '../run-states.ts';
import type { ChildRun } from './result-writer.ts';

/** One child execution as a run reports it: its ResultWriter record and its own history. */
export interface ChildExecution extends ChildRun {
  readonly events: readonly HistoryEvent[];
}

/** A Distributed Map's Map Run: its ARN (named by Label, else the state) and its child executions. */
export interface MapRun {
  readonly mapRunArn: string;
  readonly stateName: string;
  readonly executions: ChildExecution[];
}

export async function runChildExecution(
  parent: Frame,
  mapRun: MapRun,
  childArn: string,
  processor: StatesGraph,
  input: JsonValue,
  index: number,
): Promise<JsonValue> {
  const { execution } = parent;
  const { clock } = execution;
  const kept = succeededBefore(parent);
  if (kept?.child) {
    mapRun.executions.push(kept.child);
    return kept.output;
  }
  const before = execution.resume?.threads.get(parent.key)?.child;
  const history = new History(() => clock.now());
  const thread = { last: 0 };
  const stateMachineArn = mapRun.mapRunArn.replace(':mapRun:', ':stateMachine:').replace(/:[^:]+$/, '');
  const roleArn = (execution.contextBase.Execution as JsonObject).RoleArn;
  const redriveCount = before ? (before.redriveCount ?? 0) + 1 : 0;
  // A redrive continues the child execution that did not succeed: its ARN, its history, then ExecutionRedriven.
  beginExecution(
    history,
    thread,
    { ...payload('input', input), roleArn, stateMachineArn },
    before && { events: before.events, redriveCount },
  );
  const arn = before?.executionArn ?? childArn;
  const base = {
    index,
    name: arn.slice(arn.lastIndexOf(':') + 1),
    executionArn: arn,
    input,
    startDate: before?.startDate ?? new Date(clock.now()).toISOString(),
    events: history.events,
    redriveCount,
  };
  const keep = (child: ChildExecution): void => {
    mapRun.executions.push(child);
    const record = execution.records.threads.get(parent.key);
    if (record) execution.records.threads.set(parent.key, { ...record, child });
  };
  const stopDate = (): string => new Date(clock.now()).toISOString();
  const contextBase = childContext(execution.contextBase, arn, stateMachineArn, input, {
    startTime: base.startDate,
    redriveCount,
    redriveTime: new Date(clock.now()).toISOString(),
  });
  try {
    const output = await runStates(processor, input, {
      ...parent,
      execution: { ...execution, history, contextBase },
      thread,
    });
    history.add(thread, 'ExecutionSucceeded', payload('output', output));
    keep({ ...base, stopDate: stopDate(), status: 'SUCCEEDED', output });
    return output;
  } catch (thrown) {
    if (thrown instanceof RunnerError) throw thrown;
    const aborted = parent.signal.aborted && parent.signal.reason === thrown;
    const error = toStatesError(thrown);
    const named = {
      ...(error.error !== '' && { error: error.error }),
      ...(error.cause !== '' && { cause: error.cause }),
    };
    history.add(thread, aborted ? 'ExecutionAborted' : 'ExecutionFailed', named);
    keep({
      ...base,
      stopDate: stopDate(),
      status: aborted ? 'ABORTED' : 'FAILED',
      error: error.error,
      cause: error.cause,
    });
    throw thrown;
  }
}

/** The Context object's execution part inside a child execution: the child's own, the parent's role. */
function childContext(
  parent: JsonObject,
  childArn: string,
  stateMachineArn: string,
  input: JsonValue,
  times: { readonly startTime: string; readonly redriveCount: number; readonly redriveTime: string },
): JsonObject {
  const execution = parent.Execution as JsonObject;
  return {
    ...parent,
    Execution: {
      Id: childArn,
      Input: input,
      Name: childArn.slice(childArn.lastIndexOf(':') + 1),
      RoleArn: execution.RoleArn ?? null,
      StartTime: times.startTime,
      RedriveCount: times.redriveCount,
      // "RedriveTime ... is only available if you've redriven an execution. If you've redriven a Map Run, the
      // RedriveTime context object is only available for child workflows of the Standard type."
      // (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html)
      ...(times.redriveCount > 0 && { RedriveTime: times.redriveTime }),
    },
    StateMachine: { Id: stateMachineArn, Name: stateMachineArn.slice(stateMachineArn.lastIndexOf(':') + 1) },
  };
}
