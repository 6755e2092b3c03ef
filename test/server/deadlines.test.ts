// The deadline wrapper around the Step Functions port, with stand-in ports: a call past its deadline fails with
// DeadlineExceeded and its signal is aborted (also when the port ignores the signal); the client going away aborts too.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CallOptions, SfnPort } from '../../src/server/index.ts';
import { DeadlineExceeded, withDeadlines } from '../../src/server/sfn/index.ts';

/** A port whose every call hangs for ever (ignoring its signal) and records the signal it was given. */
function hungPort(signals: (AbortSignal | undefined)[]): SfnPort {
  const hang = (_input: unknown, options?: CallOptions) => {
    signals.push(options?.abortSignal);
    return new Promise<never>(() => {});
  };
  return {
    startExecution: hang,
    describeExecution: hang,
    listExecutions: hang,
    getExecutionHistory: hang,
    stopExecution: hang,
    startSyncExecution: hang,
    describeStateMachine: hang,
  };
}

describe('withDeadlines', () => {
  test('a read past its deadline fails with DeadlineExceeded naming the operation, and its call is aborted', async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const port = withDeadlines(hungPort(signals), { readMs: 30, startMs: 60 });
    await assert.rejects(port.describeExecution({ executionArn: 'arn:x' }), (error: unknown) => {
      assert.ok(error instanceof DeadlineExceeded);
      assert.equal(error.operation, 'DescribeExecution');
      assert.equal(error.ms, 30);
      assert.equal(error.message, 'Step Functions: DescribeExecution did not answer within 30 ms');
      return true;
    });
    await assert.rejects(
      port.startExecution({ stateMachineArn: 'arn:y' }),
      (error: unknown) => error instanceof DeadlineExceeded && error.ms === 60,
    );
    assert.equal(signals.length, 2);
    assert.ok(signals.every((signal) => signal?.aborted));
  });

  test('the client going away aborts the call with its own reason, not a deadline', async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const client = new AbortController();
    const port = withDeadlines(hungPort(signals), { readMs: 60_000, startMs: 60_000 }, client.signal);
    const pending = port.listExecutions({ stateMachineArn: 'arn:z' });
    client.abort(new Error('client left'));
    await assert.rejects(pending, /client left/);
    assert.equal(signals[0]?.aborted, true);
  });

  test("a caller's own signal (e.g. /health's 3 s bound) aborts the call before the route's deadline", async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const port = withDeadlines(hungPort(signals), { readMs: 60_000, startMs: 60_000 }, new AbortController().signal);
    const own = new AbortController();
    const pending = port.describeStateMachine({ stateMachineArn: 'arn:sm' }, { abortSignal: own.signal });
    own.abort(new Error('probe bound'));
    await assert.rejects(pending, /probe bound/);
    assert.equal(signals[0]?.aborted, true);
  });

  test('an answer in time passes through, errors keep their names', async () => {
    const answering: SfnPort = {
      ...hungPort([]),
      describeExecution: async () => ({
        executionArn: 'arn:x',
        stateMachineArn: 'arn:sm',
        startDate: new Date(0),
        status: 'SUCCEEDED',
        $metadata: {},
      }),
      stopExecution: async () => {
        throw Object.assign(new Error('gone'), { name: 'ExecutionDoesNotExist', $metadata: {} });
      },
    };
    const port = withDeadlines(answering, { readMs: 1000, startMs: 1000 });
    assert.equal((await port.describeExecution({ executionArn: 'arn:x' })).status, 'SUCCEEDED');
    await assert.rejects(port.stopExecution({ executionArn: 'arn:x' }), { name: 'ExecutionDoesNotExist' });
  });
});
