// The queues a workflow declares in `resources.queues`: a bare name, or a name with FIFO-ness and a dead-letter queue.
// Types refuse what they can (a FIFO queue or FIFO DLQ without `.fifo`, misspelt keys); the rest is refused at the
// workflow(...) call, naming the field.
import type { SourceLocation } from './call-site.ts';
import { DslError } from './dsl-error.ts';
import type { QueueSpec } from '../contracts/index.ts';

export interface DeadLetterDeclaration<Name extends string = string> {
  /** Receives before SQS moves a message to the DLQ: a whole number 1..1000, default 5. */
  readonly maxReceiveCount?: number;
  /** Default `<queue>-dlq`, with `.fifo` kept last for a FIFO queue (`jobs.fifo` -> `jobs-dlq.fifo`). */
  readonly name?: Name;
}

export interface StandardQueueDeclaration {
  readonly name: string;
  readonly fifo?: false;
  readonly deadLetter?: DeadLetterDeclaration;
}

/** SQS requires the `.fifo` suffix on a FIFO queue and on its DLQ (which must be FIFO too). */
export interface FifoQueueDeclaration {
  readonly name: `${string}.fifo`;
  readonly fifo?: true;
  readonly deadLetter?: DeadLetterDeclaration<`${string}.fifo`>;
}

/** A bare name is a queue without a DLQ, FIFO when it ends in `.fifo`. */
export type QueueDeclaration = string | StandardQueueDeclaration | FifoQueueDeclaration;

export const DEFAULT_MAX_RECEIVE_COUNT = 5;

const FIFO_SUFFIX = '.fifo';
// SQS: up to 80 characters of letters, digits, hyphens and underscores, `.fifo` included for FIFO queues.
const QUEUE_NAME = /^[A-Za-z0-9_-]+(\.fifo)?$/;
const QUEUE_KEYS = ['name', 'fifo', 'deadLetter'];
const DEAD_LETTER_KEYS = ['maxReceiveCount', 'name'];

export function defaultDeadLetterName(queueName: string): string {
  return queueName.endsWith(FIFO_SUFFIX)
    ? `${queueName.slice(0, -FIFO_SUFFIX.length)}-dlq${FIFO_SUFFIX}`
    : `${queueName}-dlq`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Turns declarations into specs, or throws a DslError naming `<field>[i]...` at the workflow(...) call. */
export function declaredQueueSpecs(
  declarations: readonly QueueDeclaration[],
  field: string,
  site: SourceLocation,
): QueueSpec[] {
  const fail = (path: string, reason: string): never => {
    throw new DslError(`${field}${path}: ${reason}`, site);
  };
  const checkName = (value: unknown, path: string): string => {
    if (typeof value !== 'string' || !QUEUE_NAME.test(value) || value.length > 80) {
      fail(
        path,
        `must be a queue name of at most 80 letters, digits, "-" or "_" (and ".fifo" last), got ${JSON.stringify(value)}`,
      );
    }
    return value as string;
  };
  const rejectUnknownKeys = (value: Record<string, unknown>, known: readonly string[], path: string): void => {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) fail(`${path}.${key}`, `is not an option (${known.join(', ')})`);
    }
  };

  const specs: QueueSpec[] = [];
  declarations.forEach((declaration, index) => {
    const at = `[${index}]`;
    if (typeof declaration === 'string') {
      const name = checkName(declaration, at);
      specs.push({ name, fifo: name.endsWith(FIFO_SUFFIX) });
      return;
    }
    // Plain JavaScript callers (and casts) get past the types, so the shape is checked as unknown.
    const raw: unknown = declaration;
    if (!isRecord(raw))
      fail(at, `must be a queue name or { name, fifo?, deadLetter? }, got ${JSON.stringify(declaration)}`);
    rejectUnknownKeys(raw as Record<string, unknown>, QUEUE_KEYS, at);
    const name = checkName(declaration.name, `${at}.name`);
    const fifo = name.endsWith(FIFO_SUFFIX);
    if (declaration.fifo !== undefined && declaration.fifo !== fifo) {
      fail(
        `${at}.fifo`,
        fifo
          ? `is false, but "${name}" ends in ".fifo", which SQS reserves for FIFO queues`
          : `is true, but a FIFO queue's name must end in ".fifo" ("${name}")`,
      );
    }
    const deadLetter: unknown = declaration.deadLetter;
    if (deadLetter === undefined) {
      specs.push({ name, fifo });
      return;
    }
    if (!isRecord(deadLetter))
      fail(`${at}.deadLetter`, `must be { maxReceiveCount?, name? }, got ${JSON.stringify(deadLetter)}`);
    const dead = deadLetter as Record<string, unknown>;
    rejectUnknownKeys(dead, DEAD_LETTER_KEYS, `${at}.deadLetter`);
    const maxReceiveCount = dead.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT;
    if (
      typeof maxReceiveCount !== 'number' ||
      !Number.isInteger(maxReceiveCount) ||
      maxReceiveCount < 1 ||
      maxReceiveCount > 1000
    ) {
      fail(
        `${at}.deadLetter.maxReceiveCount`,
        `must be a whole number from 1 to 1000, got ${JSON.stringify(maxReceiveCount)}`,
      );
    }
    const dlqName = checkName(dead.name ?? defaultDeadLetterName(name), `${at}.deadLetter.name`);
    if (dlqName.endsWith(FIFO_SUFFIX) !== fifo) {
      fail(
        `${at}.deadLetter.name`,
        fifo
          ? `must end in ".fifo": the DLQ of a FIFO queue is FIFO, got "${dlqName}"`
          : `ends in ".fifo", but "${name}" is a standard queue`,
      );
    }
    if (dlqName === name) fail(`${at}.deadLetter.name`, `is the queue itself ("${name}")`);
    specs.push({ name, fifo, dlq: { name: dlqName, maxReceiveCount: maxReceiveCount as number } });
  });

  // One name, one queue: declared twice differently, or both a queue and another queue's DLQ, deploy could not say which.
  const seen = new Map<string, string>();
  const claim = (name: string, role: string): void => {
    const earlier = seen.get(name);
    if (earlier !== undefined && earlier !== role) fail('', `"${name}" is declared as ${earlier} and as ${role}`);
    seen.set(name, role);
  };
  for (const spec of specs) {
    const kind = spec.fifo ? 'a FIFO queue' : 'a standard queue';
    claim(
      spec.name,
      spec.dlq
        ? `${kind} with DLQ "${spec.dlq.name}" (maxReceiveCount ${spec.dlq.maxReceiveCount})`
        : `${kind} without DLQ`,
    );
  }
  for (const spec of specs) if (spec.dlq) claim(spec.dlq.name, `the DLQ of "${spec.name}"`);
  return specs;
}
