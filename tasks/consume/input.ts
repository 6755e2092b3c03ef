import type { BoundAction } from '../action/action.ts';
import { readActionSpec } from '../action/registry.ts';
import { InputReader } from '../runtime/input-fields.ts';

export const ERROR_PREFIX = 'Consume';

export interface ConsumeInput {
  readonly queueUrl: string;
  readonly action: BoundAction;
  /** Actions (or, for a batch action, received batches) running at once; default 10. */
  readonly concurrency: number;
  /** Stop once the queue stayed empty this long; default 20. */
  readonly idleSeconds: number;
  /** Stop receiving after this many messages; default no limit. */
  readonly maxMessages: number | undefined;
  /** Delete the S3 object after its action succeeded, before the message; default false. */
  readonly deleteSource: boolean;
  /** The bucket a legacy body `{"name", "path"}` means (its key is `name`); without it such bodies are invalid. */
  readonly legacyBucket: string | undefined;
  /** Visibility a failed message gets, i.e. the delay before its redelivery; default: left as it was (<= 60 s). */
  readonly retryDelaySeconds: number | undefined;
}

export function parseConsumeInput(raw: unknown): ConsumeInput {
  const read = new InputReader(ERROR_PREFIX);
  const input = read.record(raw);
  return {
    queueUrl: read.httpUrl(input, 'queueUrl'),
    action: readActionSpec(input, read),
    concurrency: read.optionalInteger(input, 'concurrency', 1, 1000) ?? 10,
    idleSeconds: read.optionalInteger(input, 'idleSeconds', 0, 86_400) ?? 20,
    maxMessages: read.optionalInteger(input, 'maxMessages', 1, Number.MAX_SAFE_INTEGER),
    deleteSource: read.optionalBoolean(input, 'deleteSource') ?? false,
    legacyBucket: read.optionalString(input, 'legacyBucket'),
    retryDelaySeconds: read.optionalInteger(input, 'retryDelaySeconds', 0, 43_200),
  };
}
