// EXPRESS workflows through the HTTP API, against an EXPRESS state machine on the shared LocalStack: POST starts one
// (or, with `Prefer: wait`, runs it to its end and returns the result); the routes that need Step Functions' record
// of an execution, which EXPRESS executions do not have, answer 409 saying so instead of 404 or 500.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp, type SfnPort } from '../../src/server/index.ts';
import { type DeployedFixture, deployFixture, localstackAppOptions } from '../support/server/localstack-fixture.ts';

const DEFINITION = {
  StartAt: 'Check',
  States: {
    Check: { Type: 'Choice', Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'Refuse' }], Default: 'Greet' },
    Refuse: { Type: 'Fail', Error: 'Demo.Refused', Cause: 'asked to fail' },
    Greet: {
      Type: 'Pass',
      Parameters: { 'text.$': "States.Format('hello {}', $.name)" },
      ResultPath: '$.greeting',
      End: true,
    },
  },
};
const SCHEMA = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string' }, fail: { type: 'boolean' } },
};

interface Problem {
  readonly status: number;
  readonly detail: string;
  readonly workflowType?: string;
}

async function problem(response: Response, status: number): Promise<Problem> {
  assert.equal(response.status, status, await response.clone().text());
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  return (await response.json()) as Problem;
}

/** The SFN port with a count of DescribeStateMachine calls (the type lookup). */
function countingTypeLookups(port: SfnPort): { port: SfnPort; lookups: () => number } {
  let lookups = 0;
  return {
    port: {
      ...port,
      describeStateMachine: (input) => {
        lookups++;
        return port.describeStateMachine(input);
      },
    },
    lookups: () => lookups,
  };
}

let express: DeployedFixture;
let standard: DeployedFixture;
before(async () => {
  [express, standard] = await Promise.all([
    deployFixture('quick', DEFINITION, SCHEMA, 'EXPRESS'),
    deployFixture('steady', DEFINITION, SCHEMA, 'STANDARD'),
  ]);
});
after(async () => Promise.all([express.remove(), standard.remove()]));

function appFor(fixture: DeployedFixture) {
  const options = localstackAppOptions(fixture.files);
  const counting = countingTypeLookups(options.sfn);
  return { app: createApp({ ...options, sfn: counting.port }), lookups: counting.lookups };
}

function post(app: ReturnType<typeof createApp>, path: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('POST to an EXPRESS workflow', () => {
  test('without Prefer: 201 with the express execution ARN, no links and no Location', async () => {
    const { app } = appFor(express);
    const response = await post(app, '/workflows/quick/executions', { name: 'ada' });
    assert.equal(response.status, 201, await response.clone().text());
    const body = (await response.json()) as { execution: string; executionArn: string; status: string; links: object };
    assert.match(body.executionArn, /^arn:aws:states:[^:]+:\d+:express:/);
    assert.equal(body.executionArn.split(':')[7], body.execution);
    assert.equal(body.status, 'RUNNING');
    assert.deepEqual(body.links, {});
    assert.equal(response.headers.get('location'), null);
  });

  test('Prefer: wait runs it to the end: 200 with status, input and output, Preference-Applied: wait', async () => {
    const { app } = appFor(express);
    const response = await post(app, '/workflows/quick/executions', { name: 'ada' }, { prefer: 'wait' });
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal(response.headers.get('preference-applied'), 'wait');
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body.status, 'SUCCEEDED');
    assert.deepEqual(body.input, { name: 'ada' });
    assert.deepEqual(body.output, { name: 'ada', greeting: { text: 'hello ada' } });
    assert.equal(body.error, null);
    assert.match(String(body.executionArn), /:express:/);
    assert.ok(Date.parse(String(body.stoppedAt)) >= Date.parse(String(body.startedAt)));
  });

  test('Prefer: wait on a failing execution: 200 with FAILED, its error and cause (the request itself worked)', async () => {
    const { app } = appFor(express);
    const response = await post(
      app,
      '/workflows/quick/executions',
      { name: 'bob', fail: true },
      { prefer: 'respond-async, wait=30' },
    );
    assert.equal(response.status, 200, await response.clone().text());
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(
      [body.status, body.error, body.cause, body.output],
      ['FAILED', 'Demo.Refused', 'asked to fail', null],
    );
  });

  test('the body is validated first: 400 naming the field, nothing runs', async () => {
    const { app, lookups } = appFor(express);
    const detail = (await problem(await post(app, '/workflows/quick/executions', { name: 7 }, { prefer: 'wait' }), 400))
      .detail;
    assert.match(detail, /^body\.name: /);
    assert.equal(lookups(), 0);
  });

  test('Idempotency-Key is refused with a 400 naming the header: a retry could not be recognised', async () => {
    const { app } = appFor(express);
    const body = await problem(
      await post(app, '/workflows/quick/executions', { name: 'ada' }, { 'idempotency-key': 'k-1' }),
      400,
    );
    assert.match(body.detail, /^Idempotency-Key header: "quick" is an EXPRESS workflow/);
    assert.equal(body.workflowType, 'EXPRESS');
  });
});

describe('routes that need an execution record, on an EXPRESS workflow', () => {
  let execution: string;
  before(async () => {
    const { app } = appFor(express);
    execution = (
      (await (await post(app, '/workflows/quick/executions', { name: 'ada' })).json()) as { execution: string }
    ).execution;
  });

  for (const [label, method, path] of [
    ['describe', 'GET', ''],
    ['history (steps)', 'GET', '/history'],
    ['history (events)', 'GET', '/history?view=events'],
    ['stream', 'GET', '/stream'],
    ['stop', 'POST', '/stop'],
  ] as const) {
    test(`${label}: 409 problem saying the workflow is EXPRESS, not 404 or 500`, async () => {
      const { app } = appFor(express);
      const body = await problem(await app.request(`/workflows/quick/executions/${execution}${path}`, { method }), 409);
      assert.match(
        body.detail,
        /^workflow: "quick" is an EXPRESS workflow, and Step Functions keeps no record of EXPRESS executions/,
      );
      assert.equal(body.workflowType, 'EXPRESS');
    });
  }

  test('listing executions: 409 as well', async () => {
    const { app } = appFor(express);
    const body = await problem(await app.request('/workflows/quick/executions'), 409);
    assert.match(body.detail, /its executions cannot be listed/);
  });

  test('the type is looked up once and kept', async () => {
    const { app, lookups } = appFor(express);
    for (let round = 0; round < 3; round++)
      await problem(await app.request(`/workflows/quick/executions/${execution}`), 409);
    assert.equal(lookups(), 1);
  });
});

describe('a STANDARD workflow is unchanged', () => {
  test('Prefer: wait is ignored (201, a running execution with links), and no type lookup on reads', async () => {
    const { app, lookups } = appFor(standard);
    const response = await post(app, '/workflows/steady/executions', { name: 'ada' }, { prefer: 'wait' });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('preference-applied'), null);
    const body = (await response.json()) as { execution: string; links: { self: string } };
    assert.equal(response.headers.get('location'), body.links.self);
    const lookupsAfterPost = lookups();
    assert.equal(lookupsAfterPost, 1, 'Prefer: wait needs the type');
    assert.equal((await app.request(`${body.links.self}/history?view=events`)).status, 200);
    assert.equal((await app.request(body.links.self)).status, 200);
    assert.equal((await app.request('/workflows/steady/executions/never-ran')).status, 404);
    assert.equal(lookups(), lookupsAfterPost, 'successful reads cost no lookup; a 404 reuses the cached type');
  });
});

describe('OpenAPI', () => {
  test('documents Prefer, the 200 result of an EXPRESS run and the 409s', async () => {
    const { app } = appFor(express);
    const document = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { parameters: { name: string }[]; responses: Record<string, unknown> }>>;
    };
    const start = document.paths['/workflows/{workflow}/executions']!.post!;
    assert.ok(start.parameters.some((parameter) => parameter.name === 'Prefer'));
    assert.match(JSON.stringify(start.responses['200']), /TIMED_OUT/);
    for (const [path, method] of [
      ['/workflows/{workflow}/executions', 'get'],
      ['/workflows/{workflow}/executions/{execution}', 'get'],
      ['/workflows/{workflow}/executions/{execution}/history', 'get'],
      ['/workflows/{workflow}/executions/{execution}/stream', 'get'],
      ['/workflows/{workflow}/executions/{execution}/stop', 'post'],
    ] as const) {
      assert.ok(document.paths[path]![method]!.responses['409'], `${method} ${path} documents 409`);
    }
  });
});
