import { setMaxListeners } from 'node:events';
import {
  ChangeMessageVisibilityCommand,
  type Message,
  type MessageSystemAttributeName,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Logger } from '../../../src/aws/index.ts';
import { errorMessage } from '../aws-error.ts';
import type { Slots } from '../slots.ts';
import { DeleteBatcher } from './delete-batcher.ts';
import { handBack } from './hand-back.ts';
import type { IntakeHandler, IntakeSummary, MessageOutcome } from './outcome.ts';
import { VisibilityExtender, visibilityFor } from './visibility-extender.ts';
import { pause } from '../pause.ts';

export interface SqsIntakeOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly logger: Logger;
  /** The work slots: a message (or, with a batch handler, a received batch) holds one until it is settled. */
  readonly slots: Slots;
  /**
   * Aborted: start no new receive; the work in flight is settled before `run` ends. A receive under way is let run to
   * its end (at most `waitTimeSeconds`): SQS cannot tell that a client gave up on a long poll and would hand a cut
   * poll a message that then stays invisible for its visibility timeout; what it brings is handed back at once instead.
   */
  readonly signal: AbortSignal;
  /** Aborted: cut a receive under way too (what SQS may still hand it is late by its visibility). Default: never. */
  readonly hardStop?: AbortSignal;
  /** The visibility a received message gets, extended by as much every third of it while it is worked on. Default 60. */
  readonly visibilityTimeoutSeconds?: number;
  /** Long poll; default 20 (SQS's maximum). */
  readonly waitTimeSeconds?: number;
  /**
   * Stop once nothing was received or worked on for this long (a message that fails comes back for another attempt:
   * it must not find the intake gone); default: receive until `signal`.
   */
  readonly idleSeconds?: number;
  /** Receive no more than this many messages in all; default no limit. */
  readonly maxMessages?: number;
  readonly attributeNames?: readonly MessageSystemAttributeName[];
  /** The visibility a failed message is given, i.e. the delay before SQS delivers it again; default: left as it is. */
  readonly retryDelaySeconds?: number;
  /** Failed receives in a row after which the intake ends with the last error; default: it keeps trying. */
  readonly maxReceiveFailures?: number;
  /**
   * Names an error no retry fixes (a missing queue, a refused permission): the intake stops and `run` rejects with
   * the returned error once the work in flight is settled.
   */
  readonly fatalError?: (error: unknown, operation: 'receive' | 'delete') => Error | undefined;
}

const MAX_PER_RECEIVE = 10;
const MAX_RECEIVERS = 8;
const MAX_PAUSE_MS = 5_000;

/**
 * The one SQS intake of the task containers (queue dispatch, consume, zip-archive --from-queue): long-polls for as
 * many messages as there are free slots, keeps each invisible while it is worked on, hands it to the handler, then
 * deletes what succeeded (in batches) and leaves what failed for redelivery. Resolves with the counts once stopped by
 * the signal (once the receive under way returned), by `idleSeconds` or by `maxMessages`; rejects with the error
 * `fatalError` named.
 */
export function runSqsIntake(options: SqsIntakeOptions, handler: IntakeHandler): Promise<IntakeSummary> {
  return new SqsIntake(options, handler).run();
}

class SqsIntake {
  private readonly counts = { received: 0, succeeded: 0, failed: 0 };
  private readonly stopping = new AbortController();
  private readonly receiving: AbortSignal;
  /** Cuts a receive under way: the hard stop, or a fatal error (no message is worth waiting for then). */
  private readonly cutting: AbortSignal;
  private readonly extender: VisibilityExtender;
  private readonly deleter: DeleteBatcher;
  private readonly inFlight = new Set<Promise<void>>();
  /**
   * Messages being worked on here, by id. SQS hands a message out again when an extension of its visibility came
   * late (a loaded endpoint); it must not run twice, and its newest receipt handle is the one SQS deletes with.
   */
  private readonly working = new Map<string, Message>();
  private readonly visibilityTimeoutSeconds: number;
  /** When a message last arrived or was settled: the idle time counts from there, and not while work is in flight. */
  private busyAt = Date.now();
  /** Messages asked for by receives under way: with several receivers, `maxMessages` must count them too. */
  private requested = 0;
  private receiveFailures = 0;

  constructor(
    private readonly options: SqsIntakeOptions,
    private readonly handler: IntakeHandler,
  ) {
    const { sqs, queueUrl, logger, fatalError } = options;
    this.visibilityTimeoutSeconds = options.visibilityTimeoutSeconds ?? 60;
    this.cutting = AbortSignal.any([options.hardStop ?? new AbortController().signal, this.stopping.signal]);
    this.receiving = AbortSignal.any([options.signal, this.cutting]);
    // Each receiver listens while it waits for a slot and while its receive is under way.
    setMaxListeners(2 * MAX_RECEIVERS + 10, this.receiving, this.cutting);
    this.extender = new VisibilityExtender(sqs, queueUrl, visibilityFor(this.visibilityTimeoutSeconds), logger);
    this.deleter = new DeleteBatcher(sqs, queueUrl, logger, (error) => fatalError?.(error, 'delete'));
  }

  async run(): Promise<IntakeSummary> {
    let receivers: PromiseSettledResult<void>[];
    try {
      receivers = await Promise.allSettled(
        Array.from({ length: this.receiverCount() }, () =>
          this.receiveLoop().catch((error: unknown) => {
            this.stopping.abort(error);
            throw error;
          }),
        ),
      );
    } finally {
      await Promise.all(this.inFlight);
      await this.deleter.close();
      this.extender.stop();
    }
    const failure = receivers.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    if (this.deleter.refused) throw this.deleter.refused;
    return { ...this.counts };
  }

  /** One receive brings at most 10 messages: enough receivers run at once to keep every slot fed. */
  private receiverCount(): number {
    const size = this.options.slots.size;
    return Math.max(1, Math.min(MAX_RECEIVERS, 'batch' in this.handler ? size : Math.ceil(size / MAX_PER_RECEIVE)));
  }

  private async receiveLoop(): Promise<void> {
    while (!this.receiving.aborted) {
      const budget = this.remainingBudget();
      if (budget <= 0) return;
      const held = await this.takeSlots(budget);
      if (held === undefined) return;
      let messages: Message[];
      try {
        messages = await this.receive(held.wanted);
      } catch (error) {
        this.options.slots.release(held.slots);
        if (this.receiving.aborted) return;
        await this.pauseAfterReceiveFailure(error);
        continue;
      }
      if (messages.length === 0) {
        this.options.slots.release(held.slots);
        if (this.idleLongEnough()) return;
        continue;
      }
      this.busyAt = Date.now();
      this.start(messages, held.slots);
    }
  }

  private remainingBudget(): number {
    return (this.options.maxMessages ?? Number.POSITIVE_INFINITY) - this.counts.received - this.requested;
  }

  /**
   * Waits for a free slot, then takes as many more as one receive can use right now (a message each), or for a batch
   * handler just the one; undefined once the intake is stopping.
   */
  private async takeSlots(budget: number): Promise<{ slots: number; wanted: number } | undefined> {
    try {
      await this.options.slots.acquire(this.receiving);
    } catch {
      return undefined;
    }
    if ('batch' in this.handler) return { slots: 1, wanted: Math.min(MAX_PER_RECEIVE, budget) };
    const slots = 1 + this.options.slots.tryAcquire(Math.min(MAX_PER_RECEIVE - 1, budget - 1));
    return { slots, wanted: slots };
  }

  private async receive(wanted: number): Promise<Message[]> {
    this.requested += wanted;
    try {
      const received = await this.options.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.options.queueUrl,
          MaxNumberOfMessages: wanted,
          WaitTimeSeconds: this.waitSeconds(),
          VisibilityTimeout: this.visibilityTimeoutSeconds,
          ...(this.options.attributeNames ? { MessageSystemAttributeNames: [...this.options.attributeNames] } : {}),
        }),
        { abortSignal: this.cutting },
      );
      const messages = this.withoutRedelivered(received.Messages ?? []);
      this.receiveFailures = 0;
      if (this.receiving.aborted) {
        await handBack(this.options.sqs, this.options.queueUrl, messages, this.options.logger, this.cutting);
        return [];
      }
      this.counts.received += messages.length;
      return messages;
    } finally {
      this.requested -= wanted;
    }
  }

  /** Keeps a message already being worked on here invisible under its new receipt handle instead of running it again. */
  private withoutRedelivered(messages: readonly Message[]): Message[] {
    return messages.filter((message) => {
      const working = message.MessageId === undefined ? undefined : this.working.get(message.MessageId);
      if (!working) return true;
      this.extender.remove(working.ReceiptHandle!);
      working.ReceiptHandle = message.ReceiptHandle;
      this.extender.add(working.ReceiptHandle!);
      this.options.logger.warn('message received again while being worked on: kept, not run twice', {
        messageId: message.MessageId,
      });
      return false;
    });
  }

  /** The long poll, cut to what is left of the idle time so that an idle intake stops on time. */
  private waitSeconds(): number {
    const wait = this.options.waitTimeSeconds ?? 20;
    if (this.options.idleSeconds === undefined) return wait;
    const idleLeft = this.options.idleSeconds - this.idleSeconds();
    return Math.max(0, Math.min(wait, Math.ceil(idleLeft)));
  }

  private idleSeconds(): number {
    return this.inFlight.size > 0 ? 0 : (Date.now() - this.busyAt) / 1000;
  }

  private idleLongEnough(): boolean {
    const { idleSeconds } = this.options;
    return idleSeconds !== undefined && this.idleSeconds() >= idleSeconds;
  }

  /** Throws when the failure is fatal or one too many in a row; otherwise waits a little longer each time. */
  private async pauseAfterReceiveFailure(error: unknown): Promise<void> {
    const fatal = this.options.fatalError?.(error, 'receive');
    if (fatal) throw fatal;
    this.receiveFailures++;
    if (this.receiveFailures >= (this.options.maxReceiveFailures ?? Number.POSITIVE_INFINITY)) throw error;
    this.options.logger.warn('receive failed', { queueUrl: this.options.queueUrl, error: errorMessage(error) });
    await pause(Math.min(500 * this.receiveFailures, MAX_PAUSE_MS), this.receiving);
  }

  /** Hands the messages to the handler; each keeps its slot and stays invisible until it is settled. */
  private start(messages: Message[], slots: number): void {
    if ('batch' in this.handler) {
      this.track(messages, slots, this.handleBatch(this.handler.batch, messages));
      return;
    }
    this.options.slots.release(slots - messages.length);
    for (const message of messages) this.track([message], 1, this.handleOne(this.handler.eachMessage, message));
  }

  private track(messages: readonly Message[], slots: number, handling: Promise<void>): void {
    for (const message of messages) {
      this.extender.add(message.ReceiptHandle!);
      if (message.MessageId !== undefined) this.working.set(message.MessageId, message);
    }
    const work: Promise<void> = handling
      .catch((error: unknown) => this.options.logger.error('message settling failed', { error: errorMessage(error) }))
      .finally(() => {
        for (const message of messages) {
          this.extender.remove(message.ReceiptHandle!);
          this.doneWith(message);
        }
        this.options.slots.release(slots);
        this.inFlight.delete(work);
        this.busyAt = Date.now();
      });
    this.inFlight.add(work);
  }

  /** Forgets a message worked on here, unless a later delivery of it is already being worked on in its place. */
  private doneWith(message: Message): void {
    if (message.MessageId !== undefined && this.working.get(message.MessageId) === message)
      this.working.delete(message.MessageId);
  }

  private async handleOne(handle: (message: Message) => Promise<MessageOutcome>, message: Message): Promise<void> {
    const outcome = await handle(message).catch((error: unknown) => this.handlerFailed(error, [message]));
    await this.settle(message, outcome);
  }

  private async handleBatch(
    handle: (messages: readonly Message[]) => Promise<readonly MessageOutcome[]>,
    messages: readonly Message[],
  ): Promise<void> {
    const outcomes = await handle(messages).catch((error: unknown) =>
      messages.map(() => this.handlerFailed(error, messages)),
    );
    await Promise.all(messages.map((message, index) => this.settle(message, outcomes[index] ?? 'failed')));
  }

  private handlerFailed(error: unknown, messages: readonly Message[]): MessageOutcome {
    const messageIds = messages.map((message) => message.MessageId);
    this.options.logger.error('message handling failed', { messageIds, error: errorMessage(error) });
    return 'failed';
  }

  /** Deletes a message that succeeded; one that failed (or whose delete SQS did not take) stays for redelivery. */
  private async settle(message: Message, outcome: MessageOutcome): Promise<void> {
    if (outcome === 'succeeded' && (await this.deleter.delete(message.ReceiptHandle!))) {
      this.counts.succeeded++;
      return;
    }
    this.counts.failed++;
    if (this.deleter.refused) this.stopping.abort(this.deleter.refused);
    if (outcome === 'failed') await this.delayRetry(message);
  }

  private async delayRetry(message: Message): Promise<void> {
    const { retryDelaySeconds, sqs, queueUrl, logger } = this.options;
    if (retryDelaySeconds === undefined) return;
    // Extended no more, or the next extension would undo the delay; and forgotten before it is visible again: its next
    // delivery is the retry, not a duplicate of this attempt to keep out of the way.
    this.extender.remove(message.ReceiptHandle!);
    this.doneWith(message);
    await sqs
      .send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrl,
          ReceiptHandle: message.ReceiptHandle,
          VisibilityTimeout: retryDelaySeconds,
        }),
      )
      .catch((error: unknown) => logger.warn('could not set the retry delay', { error: errorMessage(error) }));
  }
}
