import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { testClients, uniqueName } from '../support/localstack.ts';

describe('SQS on LocalStack', () => {
  const { sqs } = testClients();
  const created: string[] = [];
  const createQueue = async (name: string, attributes: Record<string, string> = {}) => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
    created.push(QueueUrl!);
    return QueueUrl!;
  };
  const queueArn = async (queueUrl: string) =>
    (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes!
      .QueueArn!;

  after(async () => {
    for (const queueUrl of created)
      await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl })).catch(() => undefined);
  });

  it('sends, receives and deletes a message', async () => {
    const queueUrl = await createQueue(uniqueName('sf-std'));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"bucket":"b","key":"k"}' }));
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 5 }));
    assert.equal(received.Messages?.length, 1);
    assert.equal(received.Messages![0]!.Body, '{"bucket":"b","key":"k"}');
    await sqs.send(
      new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: received.Messages![0]!.ReceiptHandle! }),
    );
    const after = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    assert.equal(after.Attributes?.ApproximateNumberOfMessages, '0');
    assert.equal(after.Attributes?.ApproximateNumberOfMessagesNotVisible, '0');
  });

  it('keeps FIFO order within a group and drops a duplicate inside the dedup window', async () => {
    const queueUrl = await createQueue(`${uniqueName('sf-fifo')}.fifo`, { FifoQueue: 'true' });
    const entries = ['a', 'b', 'c', 'a'].map((body, index) => ({
      Id: `m${index}`,
      MessageBody: body,
      MessageGroupId: 'group-1',
      MessageDeduplicationId: `dedup-${body}`,
    }));
    const sent = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
    assert.equal(sent.Failed?.length ?? 0, 0);
    const bodies: string[] = [];
    for (let attempt = 0; attempt < 5 && bodies.length < 3; attempt++) {
      const received = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      for (const message of received.Messages ?? []) {
        bodies.push(message.Body!);
        await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle! }));
      }
    }
    assert.deepEqual(bodies, ['a', 'b', 'c']);
  });

  it('moves a message to the DLQ after maxReceiveCount receives', async () => {
    const dlqUrl = await createQueue(uniqueName('sf-dlq'));
    const sourceUrl = await createQueue(uniqueName('sf-src'), {
      VisibilityTimeout: '1',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: await queueArn(dlqUrl), maxReceiveCount: 2 }),
    });
    await sqs.send(new SendMessageCommand({ QueueUrl: sourceUrl, MessageBody: 'poison' }));
    let receives = 0;
    // Receive without deleting: each receive counts; once the count passes 2 the next receive finds it gone.
    for (let attempt = 0; attempt < 10; attempt++) {
      const received = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: sourceUrl, WaitTimeSeconds: 2, VisibilityTimeout: 1 }),
      );
      if (received.Messages?.length) receives++;
      else if (receives >= 2) break;
    }
    assert.equal(receives, 2);
    const dead = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: dlqUrl,
        WaitTimeSeconds: 5,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );
    assert.equal(dead.Messages?.[0]?.Body, 'poison');
  });
});
