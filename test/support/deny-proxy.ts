// An S3/SQS endpoint for tests of access-denied paths: LocalStack does not enforce IAM, so this proxy forwards every
// request to it except the ones a test denies, which it answers with AWS's own 403 error shapes. It records every
// request it saw, so a test can also prove what was (not) attempted after a refusal. It can also slow answers down
// (a source read that takes minutes).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, request as forward, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AwsClients, createAwsClients, readAwsConfig } from '../../src/aws/index.ts';

/** One request as the proxy understood it: `operation` is the AWS API name (GetObject, SendMessageBatch, ...). */
export interface SeenRequest {
  readonly service: 's3' | 'sqs';
  readonly operation: string;
  readonly bucket?: string;
  readonly key?: string;
  readonly queueUrl?: string;
  readonly denied: boolean;
}

export type DenyRule = (request: Omit<SeenRequest, 'denied'>) => boolean;

export interface DenyProxy {
  readonly endpoint: string;
  /** Clients whose every request goes through the proxy. */
  readonly clients: AwsClients;
  readonly requests: SeenRequest[];
  /** Requests of one operation, in the order they came. */
  seen(operation: string): SeenRequest[];
  close(): Promise<void>;
}

// The endpoint every integration test uses (scripts/test.mjs sets it), so the proxy fronts the same LocalStack or AWS.
const UPSTREAM = process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4566';
const ACCOUNT = '000000000000';

/** S3 REST API, path-style (`/bucket/key`), as the SDK sends it to a custom endpoint. */
function s3Operation(method: string, url: URL, headers: IncomingMessage['headers']): Omit<SeenRequest, 'denied'> {
  const [, bucket = '', ...keyParts] = url.pathname.split('/');
  // Bucket-level requests come as `/bucket` or `/bucket/`.
  const joined = keyParts.join('/');
  const key = joined === '' ? undefined : joined.split('/').map(decodeURIComponent).join('/');
  const has = (name: string) => url.searchParams.has(name);
  let operation: string;
  if (key === undefined) {
    if (method === 'GET')
      operation = has('uploads') ? 'ListMultipartUploads' : has('list-type') ? 'ListObjectsV2' : 'ListObjects';
    else if (method === 'POST' && has('delete')) operation = 'DeleteObjects';
    else operation = { HEAD: 'HeadBucket', PUT: 'CreateBucket', DELETE: 'DeleteBucket' }[method] ?? `${method}Bucket`;
  } else if (method === 'GET') operation = 'GetObject';
  else if (method === 'HEAD') operation = 'HeadObject';
  else if (method === 'PUT')
    operation = has('uploadId') ? 'UploadPart' : headers['x-amz-copy-source'] ? 'CopyObject' : 'PutObject';
  else if (method === 'POST') operation = has('uploads') ? 'CreateMultipartUpload' : 'CompleteMultipartUpload';
  else operation = has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject';
  return { service: 's3', operation, bucket: decodeURIComponent(bucket), ...(key !== undefined ? { key } : {}) };
}

/** SQS speaks the JSON protocol: the operation is in X-Amz-Target, the queue in the body. */
function sqsOperation(target: string, body: Buffer): Omit<SeenRequest, 'denied'> {
  let queueUrl: string | undefined;
  try {
    queueUrl = (JSON.parse(body.toString('utf8')) as { QueueUrl?: string }).QueueUrl;
  } catch {
    queueUrl = undefined;
  }
  return { service: 'sqs', operation: target.replace(/^AmazonSQS\./, ''), ...(queueUrl ? { queueUrl } : {}) };
}

/** What S3 answers an IAM refusal with; a HEAD answer has no body (the SDK then names the error `Forbidden`). */
function denyS3(response: ServerResponse, method: string): void {
  const requestId = randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase();
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>${requestId}</RequestId><HostId>stub</HostId></Error>`;
  response.writeHead(403, { 'content-type': 'application/xml', 'x-amz-request-id': requestId });
  response.end(method === 'HEAD' ? undefined : body);
}

/**
 * What SQS's JSON protocol answers an IAM refusal with: a coral AccessDeniedException, plus the query-compatible code
 * in `x-amzn-query-error` that the SDK puts on the error as `Code`.
 */
function denySqs(response: ServerResponse, seen: Omit<SeenRequest, 'denied'>): void {
  const action = `sqs:${seen.operation.replace(/Batch$/, '').toLowerCase()}`;
  const queueName = seen.queueUrl?.split('/').pop() ?? '*';
  const message =
    `User: arn:aws:iam::${ACCOUNT}:user/stub is not authorized to perform: ${action} on resource: ` +
    `arn:aws:sqs:us-east-1:${ACCOUNT}:${queueName} because no identity-based policy allows the ${action} action`;
  response.writeHead(403, {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-requestid': randomUUID(),
    'x-amzn-query-error': 'AccessDenied;Sender',
  });
  response.end(JSON.stringify({ __type: 'com.amazon.coral.service#AccessDeniedException', message }));
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Writes the answer's body at most `bytesPerSecond`, in tenths of a second: a slow network, as a reader sees it. */
async function trickle(answer: IncomingMessage, response: ServerResponse, bytesPerSecond: number): Promise<void> {
  const slice = Math.max(1, Math.floor(bytesPerSecond / 10));
  for await (const chunk of answer as AsyncIterable<Buffer>) {
    for (let start = 0; start < chunk.length; start += slice) {
      if (response.destroyed) return;
      response.write(chunk.subarray(start, start + slice));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  response.end();
}

function proxy(
  request: IncomingMessage,
  body: Buffer,
  response: ServerResponse,
  target: URL,
  bytesPerSecond?: number,
): void {
  const headers = { ...request.headers, host: target.host };
  const outgoing = forward(
    { host: target.hostname, port: target.port, method: request.method, path: request.url, headers },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      if (bytesPerSecond === undefined) answer.pipe(response);
      else trickle(answer, response, bytesPerSecond).catch((error: Error) => response.destroy(error));
    },
  );
  outgoing.on('error', (error) => response.destroy(error));
  outgoing.end(body);
}

export interface ProxyOptions {
  /** LocalStack, or another endpoint. */
  readonly target?: string;
  /** Answers to slow down: the body of each request it gives a rate for is sent at that many bytes per second. */
  readonly slow?: (request: Omit<SeenRequest, 'denied'>) => number | undefined;
}

/** Starts the proxy on 127.0.0.1 (a random port) in front of LocalStack; `deny` picks the requests to refuse. */
export async function startDenyProxy(deny: DenyRule, options: ProxyOptions = {}): Promise<DenyProxy> {
  const target = options.target ?? UPSTREAM;
  const targetUrl = new URL(target);
  const requests: SeenRequest[] = [];
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://stub');
    const amzTarget = request.headers['x-amz-target'];
    const seen =
      typeof amzTarget === 'string' && amzTarget.startsWith('AmazonSQS.')
        ? sqsOperation(amzTarget, body)
        : s3Operation(request.method ?? 'GET', url, request.headers);
    const denied = deny(seen);
    requests.push({ ...seen, denied });
    if (!denied) proxy(request, body, response, targetUrl, options.slow?.(seen));
    else if (seen.service === 's3') denyS3(response, request.method ?? 'GET');
    else denySqs(response, seen);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clients = createAwsClients({ ...readAwsConfig(), endpoint: new URL(endpoint), forcePathStyle: true });
  return {
    endpoint,
    clients,
    requests,
    seen: (operation) => requests.filter((request) => request.operation === operation),
    close: async () => {
      for (const client of [clients.s3, clients.sqs, clients.sfn]) client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
