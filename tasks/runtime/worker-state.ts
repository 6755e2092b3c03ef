import type { AwsClients, Logger } from '../../src/aws/index.ts';
import type { Slots } from './slots.ts';
import type { AnyTaskDefinition } from './task.ts';

/** What the dispatchers of one worker process share. */
export interface WorkerState {
  readonly definition: AnyTaskDefinition;
  readonly clients: AwsClients;
  readonly logger: Logger;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly workerName: string;
  readonly heartbeatMs: number;
  readonly graceSeconds: number;
  readonly slots: Slots;
  /** Aborted on SIGTERM/SIGINT: take no new work. */
  readonly stopTaking: AbortSignal;
  /** Aborted when the grace period is over: in-flight work is abandoned and failed with Worker.Shutdown. */
  readonly hardStop: AbortSignal;
}
