/**
 * The dispatch envelope (docs/internal-contracts.md): `{ input, execution, state }`, plus `taskToken` on the queue.
 * An activity may also deliver a bare input, for hand-written definitions.
 */
export interface Dispatch {
  readonly input: unknown;
  readonly execution: string | undefined;
  readonly state: string | undefined;
}

export interface QueueDispatch extends Dispatch {
  readonly taskToken: string;
}

/** Why a dispatch could not be read; the message says what is wrong with which field. */
export class EnvelopeError extends Error {
  override readonly name = 'EnvelopeError';
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new EnvelopeError(`${what} is not JSON: ${(error as Error).message}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalText(record: Record<string, unknown>, field: string): string | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new EnvelopeError(`envelope field "${field}" must be a string`);
  return value;
}

/** An activity task's input: the envelope, or a bare input when it has no `input` key. */
export function readActivityInput(text: string | undefined): Dispatch {
  const parsed = parseJson(text ?? 'null', 'activity input');
  if (isRecord(parsed) && 'input' in parsed) {
    return { input: parsed.input, execution: optionalText(parsed, 'execution'), state: optionalText(parsed, 'state') };
  }
  return { input: parsed, execution: undefined, state: undefined };
}

/** A dispatch queue message body: the envelope with a `taskToken`, without which nobody could be answered. */
export function readQueueBody(body: string | undefined): QueueDispatch {
  const parsed = parseJson(body ?? '', 'message body');
  if (!isRecord(parsed)) throw new EnvelopeError('message body must be a JSON object (the dispatch envelope)');
  const taskToken = optionalText(parsed, 'taskToken');
  if (!taskToken) throw new EnvelopeError('envelope field "taskToken" is missing');
  if (!('input' in parsed)) throw new EnvelopeError('envelope field "input" is missing');
  return {
    input: parsed.input,
    execution: optionalText(parsed, 'execution'),
    state: optionalText(parsed, 'state'),
    taskToken,
  };
}
