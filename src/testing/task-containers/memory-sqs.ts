// An in-memory SQS for the task-container fakes: queues by URL, messages that go invisible when received (for the
// VisibilityTimeout asked, in real time, as the task code measures it) and come back unless deleted. A queue exists
// once created; a URL ending in `.fifo` makes a FIFO queue.
import { randomUUID } from 'node:crypto';

export interface QueuedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly groupId?: string;
  receiveCount: number;
  invisibleUntil: number;
  receiptHandle?: string;
}

export class MemorySqs {
  private readonly queues = new Map<string, QueuedMessage[]>();

  constructor(queueUrls: readonly string[] = []) {
    for (const url of queueUrls) this.createQueue(url);
  }

  createQueue(url: string): void {
    if (!this.queues.has(url)) this.queues.set(url, []);
  }

  hasQueue(url: string): boolean {
    return this.queues.has(url);
  }

  send(url: string, body: string, groupId?: string): string {
    const messageId = randomUUID();
    this.queue(url).push({
      messageId,
      body,
      ...(groupId !== undefined && { groupId }),
      receiveCount: 0,
      invisibleUntil: 0,
    });
    return messageId;
  }

  receive(url: string, max: number, visibilitySeconds: number): QueuedMessage[] {
    const now = Date.now();
    const visible = this.queue(url)
      .filter((message) => message.invisibleUntil <= now)
      .slice(0, max);
    for (const message of visible) {
      message.receiveCount += 1;
      message.invisibleUntil = now + visibilitySeconds * 1000;
      message.receiptHandle = randomUUID();
    }
    return visible;
  }

  /** Deletes by receipt handle; an unknown or stale handle is ignored, as SQS does. */
  delete(url: string, receiptHandle: string): void {
    const messages = this.queue(url);
    const index = messages.findIndex((message) => message.receiptHandle === receiptHandle);
    if (index >= 0) messages.splice(index, 1);
  }

  changeVisibility(url: string, receiptHandle: string, seconds: number): void {
    const message = this.queue(url).find((candidate) => candidate.receiptHandle === receiptHandle);
    if (message) message.invisibleUntil = Date.now() + seconds * 1000;
  }

  /** The bodies of the messages still in the queue (received or not), oldest first, for assertions. */
  bodies(url: string): string[] {
    return this.queue(url).map((message) => message.body);
  }

  private queue(url: string): QueuedMessage[] {
    const messages = this.queues.get(url);
    if (!messages) {
      throw Object.assign(new Error(`The specified queue does not exist: ${url}`), {
        name: 'QueueDoesNotExist',
        $metadata: { httpStatusCode: 400 },
      });
    }
    return messages;
  }
}
