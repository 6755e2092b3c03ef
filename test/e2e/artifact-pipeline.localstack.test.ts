import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import {
  clients,
  type DeployedExamples,
  deployExamples,
  removeExamples,
  type RunningWorker,
  runExecution,
  startWorker,
} from '../support/e2e/harness.ts';

// The original: a lister published one message per artifact under a prefix; a consumer POSTed each artifact to the
// results service's import endpoint (multipart form), then deleted the artifact and the message. Here the
// `artifact-pipeline` workflow runs list-and-publish then consume with `http-post` and deleteSource.
let examples: DeployedExamples;
let workers: RunningWorker[];
let receiver: Server;
let receiverUrl: string;
const received: { field: string; fileName: string; content: string }[] = [];

before(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      // The Fetch API's own multipart parser reads the form as the results service's framework would.
      const form = await new Response(Buffer.concat(chunks), {
        headers: { 'content-type': request.headers['content-type'] ?? '' },
      }).formData();
      for (const [field, value] of form) {
        if (typeof value !== 'string') received.push({ field, fileName: value.name, content: await value.text() });
      }
      response.writeHead(201, { 'content-type': 'application/json' }).end('{"imported":true}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/import`;
  examples = await deployExamples('artifacts');
  workers = [startWorker('list-and-publish', examples), startWorker('consume', examples)];
});

after(async () => {
  const codes = await Promise.all(workers.map((worker) => worker.stop()));
  receiver.close();
  await removeExamples(examples);
  assert.deepEqual(codes, [0, 0], workers.map((worker) => worker.log()).join('\n'));
});

test('artifacts under the prefix are listed, posted to the receiver, then deleted with their messages', {
  timeout: 240_000,
}, async () => {
  const bucket = examples.deployment.buckets.artifacts!;
  const artifacts: Record<string, string> = {
    'builds/42/junit/suite-a.xml': '<testsuite name="a" tests="3"/>',
    'builds/42/junit/suite-b.xml': '<testsuite name="b" tests="5"/>',
    'builds/42/coverage.json': '{"lines":91.5}',
  };
  const outsidePrefix = 'builds/43/coverage.json';
  for (const [key, body] of Object.entries({ ...artifacts, [outsidePrefix]: '{"lines":80}' })) {
    await clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  }

  const result = await runExecution(examples.deployment.workflows['artifact-pipeline']!.stateMachineArn, {
    prefix: 'builds/42/',
    receiverUrl,
  });
  assert.equal(
    result.status,
    'SUCCEEDED',
    `${result.error}: ${result.cause}\n${workers.map((worker) => worker.log()).join('\n')}`,
  );
  const output = result.output as {
    listed: { published: number };
    posted: { received: number; succeeded: number; failed: number };
  };
  assert.equal(output.listed.published, 3);
  assert.deepEqual(output.posted, { received: 3, succeeded: 3, failed: 0 });

  // Each artifact arrived once, as the `file` part of a multipart form, named after the object and with its bytes.
  assert.deepEqual(received.map(({ field, fileName, content }) => [field, fileName, content]).sort(), [
    ['file', 'coverage.json', artifacts['builds/42/coverage.json']],
    ['file', 'suite-a.xml', artifacts['builds/42/junit/suite-a.xml']],
    ['file', 'suite-b.xml', artifacts['builds/42/junit/suite-b.xml']],
  ]);

  // The posted artifacts are gone, the one outside the prefix is untouched, and no message is left or in flight.
  const left = await clients.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  assert.deepEqual(
    (left.Contents ?? []).map((object) => object.Key),
    [outsidePrefix],
  );
  const { Attributes } = await clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: examples.deployment.queues['artifact-queue']!.url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  assert.deepEqual(Attributes, { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
});
