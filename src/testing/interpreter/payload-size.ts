// Step Functions limits every payload (state input after Parameters, task result, state output) to 256 KiB of
// UTF-8 JSON; over it the state fails with States.DataLimitExceeded, which States.ALL does not catch.
import { StatesError, STATES } from '../errors.ts';
import { toJsonText, type JsonValue } from '../json.ts';

export const PAYLOAD_LIMIT_BYTES = 256 * 1024;

export function checkPayloadSize(value: JsonValue, stateName: string, what: string): void {
  const text = toJsonText(value);
  // Cheap first: a string of n UTF-16 units is at most 3n bytes of UTF-8.
  if (text.length * 3 <= PAYLOAD_LIMIT_BYTES) return;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > PAYLOAD_LIMIT_BYTES) {
    throw new StatesError(
      STATES.DataLimitExceeded,
      `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit (${what}: ${bytes} bytes > ${PAYLOAD_LIMIT_BYTES}).`,
    );
  }
}
