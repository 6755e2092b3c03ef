import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readyBanner } from '../../src/dev/banner.ts';
import { serialised } from '../../src/dev/debounced-watch.ts';
import { sampleFromSchema, shellQuote } from '../../src/dev/sample-input.ts';
import { taskEnvironment } from '../../src/dev/task-environment.ts';
import { workerDispatch } from '../../src/dev/worker-dispatch.ts';
import type { Deployment, Manifest } from '../../src/deploy/index.ts';

// Unit: the pure pieces of the dev loop.
const deployment: Deployment = {
  endpoint: 'http://127.0.0.1:4566',
  region: 'us-east-1',
  prefix: 'p-',
  workflows: {},
  activities: { 'stepforge-consume': 'arn:a', 'stepforge-zip-archive': 'arn:z' },
  queues: {
    'stepforge-consume-tasks': { url: 'http://q/c', arn: 'arn:q' },
    'media-notifications': { url: 'http://q/n', arn: 'arn:n' },
  },
  buckets: { 'media-source': 'p-media-source', 'media-archives': 'p-media-archives', 'media-extra': 'p-media-extra' },
};

test('sample input follows required properties, examples, enums and formats', () => {
  const schema = {
    type: 'object',
    required: ['id', 'tier', 'items', 'when'],
    properties: {
      id: { type: 'string' },
      tier: { enum: ['gold', 'silver'] },
      items: {
        type: 'array',
        items: { type: 'object', required: ['n'], properties: { n: { type: 'integer', minimum: 2 } } },
      },
      when: { type: 'string', format: 'date-time' },
      optional: { type: 'string' },
      hinted: { type: 'string', examples: ['x'] },
    },
  };
  assert.deepEqual(sampleFromSchema(schema), {
    id: 'example',
    tier: 'gold',
    items: [{ n: 2 }],
    when: '2026-01-01T00:00:00Z',
  });
  assert.deepEqual(sampleFromSchema({ type: 'object', examples: [{ a: 1 }] }), { a: 1 });
  assert.deepEqual(sampleFromSchema(true), {});
});

test('shell quoting survives a single quote inside the JSON', () => {
  assert.equal(shellQuote(`{"name":"O'Brien"}`), `'{"name":"O'\\''Brien"}'`);
});

test('a worker serves the dispatches its deploy created', () => {
  assert.equal(workerDispatch('consume', deployment), 'both');
  assert.equal(workerDispatch('zip-archive', deployment), 'activity');
  assert.equal(workerDispatch('list-and-publish', deployment), undefined);
});

const manifest: Manifest = {
  workflows: [
    {
      name: 'media-archive',
      type: 'STANDARD',
      asl: 'asl/media-archive.asl.json',
      tasks: ['zip-archive'],
      workerEnvironment: {
        'zip-archive': {
          S3_SOURCE_BUCKET: '${bucket:media-source}',
          FROM_QUEUE: '${queue:media-notifications}',
          QUEUE_ARN: '${queueArn:media-notifications}',
          ACTIVITY: '${activity:stepforge-zip-archive}',
          LINK: '${endpoint}/${bucket:media-archives}/',
          S3_FILE_PREFIX: 'media',
        },
      },
    },
    // A later workflow declaring the same variable does not override the first by name.
    {
      name: 'other',
      type: 'STANDARD',
      asl: 'asl/other.asl.json',
      tasks: ['zip-archive'],
      workerEnvironment: {
        'zip-archive': { S3_FILE_PREFIX: 'other', ZIP_COMPRESSION_LEVEL: '6', SQS_SOURCE_QUEUE: '${queue:absent}' },
      },
    },
  ],
  activities: [],
  queues: [],
  buckets: [],
};

test('a worker gets what the workflows declare for its task, placeholders resolved from the deploy; exported values win', () => {
  const reports: string[] = [];
  const env = taskEnvironment('zip-archive', manifest, deployment, { S3_SOURCE_BUCKET: 'mine' }, (message) =>
    reports.push(message),
  );
  assert.equal(env.S3_SOURCE_BUCKET, 'mine');
  assert.equal(env.FROM_QUEUE, 'http://q/n');
  assert.equal(env.QUEUE_ARN, 'arn:n');
  assert.equal(env.ACTIVITY, 'arn:z');
  assert.equal(env.LINK, 'http://127.0.0.1:4566/p-media-archives/');
  assert.equal(env.S3_FILE_PREFIX, 'media');
  assert.equal(env.ZIP_COMPRESSION_LEVEL, '6');
  assert.equal(env.SQS_SOURCE_QUEUE, undefined);
  assert.deepEqual(reports, [
    'worker zip-archive: SQS_SOURCE_QUEUE names ${queue:absent}, which the deploy did not create; left unset',
  ]);
  assert.deepEqual(taskEnvironment('consume', manifest, deployment, { A: '1' }), { A: '1' });
  assert.deepEqual(taskEnvironment('zip-archive', undefined, deployment, { A: '1' }), { A: '1' });
});

test('serialised runs one job at a time and coalesces requests made meanwhile into one more run', async () => {
  let runs = 0;
  let release: () => void = () => {};
  const job = serialised(async () => {
    runs++;
    if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
  });
  const first = job();
  void job();
  void job();
  release();
  await first;
  assert.equal(runs, 2);
});

test('the banner: the curl sends the token by name when STEPFORGE_API_TOKEN is set, and says who owns LocalStack', async () => {
  const facts = {
    apiUrl: 'http://127.0.0.1:8787',
    endpoint: 'http://127.0.0.1:4650',
    localStackPid: 42,
    workflowsDir: 'workflows',
    buildDir: '/nonexistent',
    tasks: ['zip-archive'],
    deployment: {
      ...deployment,
      workflows: { showcase: { stateMachineArn: 'arn:s', asl: 'asl/showcase.asl.json', tasks: [] } },
    },
  };
  const withToken = await readyBanner({ ...facts, tokenSet: true });
  assert.match(
    withToken,
    /curl -sS -X POST http:\/\/127\.0\.0\.1:8787\/workflows\/showcase\/executions -H 'content-type: application\/json' -H "authorization: Bearer \$STEPFORGE_API_TOKEN" -d '\{\}'/,
  );
  assert.match(withToken, /npx stepforge start showcase --input '\{\}' --wait/);
  assert.match(withToken, /LocalStack {2}http:\/\/127\.0\.0\.1:4650 {2}\(started by this loop, pid 42\)/);
  assert.match(withToken, /console {5}http:\/\/127\.0\.0\.1:8787\/ui\/workflows/);
  const withoutToken = await readyBanner({ ...facts, localStackPid: undefined, tokenSet: false });
  assert.doesNotMatch(withoutToken, /authorization/);
  assert.match(withoutToken, /\(already running; left running on exit\)/);
});
