// Task tokens of the run: a `.waitForTaskToken` task (or an activity) waits until a mock, any mock of the run,
// answers its token with sendTaskSuccess / sendTaskFailure, as a worker would through the Step Functions API;
// sendTaskHeartbeat resets the task's HeartbeatSeconds countdown.
import { TaskFailure } from './mocks.ts';

interface Waiting {
  readonly resolve: (output: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly heartbeat: () => void;
  readonly answered: Promise<unknown>;
}

/** The errors the Step Functions API answers a bad token with, so a test sees the same names. */
export class TaskTokenError extends Error {
  constructor(name: 'InvalidToken' | 'TaskDoesNotExist', message: string) {
    super(message);
    this.name = name;
  }
}

export class TaskTokens {
  private readonly waiting = new Map<string, Waiting>();
  private issued = 0;

  /** A number for the next token, unique in the run (child executions of a Distributed Map included). */
  nextNumber(): number {
    this.issued += 1;
    return this.issued;
  }

  /** Opens a token for one attempt of a task; `close` when the attempt ends, answered or not. */
  open(token: string, heartbeat: () => void): { readonly answered: Promise<unknown>; readonly close: () => void } {
    let resolve!: (output: unknown) => void;
    let reject!: (error: unknown) => void;
    const answered = new Promise<unknown>((onResolve, onReject) => {
      resolve = onResolve;
      reject = onReject;
    });
    // An attempt that never waits for its callback must not leave an unhandled rejection behind.
    answered.catch(() => undefined);
    this.waiting.set(token, { resolve, reject, heartbeat, answered });
    return { answered, close: () => this.waiting.delete(token) };
  }

  sendTaskSuccess(token: string, output: unknown): void {
    const waiting = this.find(token);
    this.waiting.delete(token);
    waiting.resolve(output);
  }

  sendTaskFailure(token: string, error = '', cause = ''): void {
    const waiting = this.find(token);
    this.waiting.delete(token);
    waiting.reject(new TaskFailure(error, cause));
  }

  sendTaskHeartbeat(token: string): void {
    this.find(token).heartbeat();
  }

  private find(token: string): Waiting {
    const waiting = this.waiting.get(token);
    if (!waiting)
      throw new TaskTokenError(
        'TaskDoesNotExist',
        `no task is waiting for the token ${token} (answered already, or timed out)`,
      );
    return waiting;
  }
}
