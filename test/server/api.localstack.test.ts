// Every route and every error status of the HTTP API through app.request(), against the shared LocalStack.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { createApp } from '../../src/server/index.ts';
import { expectProblem as problem } from '../support/server/problem.ts';
import {
  type DeployedFixture,
  deployFixture,
  localstackAppOptions,
  sfnClient,
  uniqueSuffix,
  waitForEnd,
} from '../support/server/localstack-fixture.ts';

const DEFINITION = {
  StartAt: 'Check',
  States: {
    Check: { Type: 'Choice', Choices: [{ Variable: '$.slow', BooleanEquals: true, Next: 'Slow' }], Default: 'Fast' },
    Slow: { Type: 'Wait', Seconds: 120, Next: 'Fast' },
    Fast: { Type: 'Pass', End: true },
  },
};
const SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1 },
    slow: { type: 'boolean' },
    files: {
      type: 'array',
      items: { type: 'object', required: ['source'], properties: { source: { type: 'string' } } },
    },
  },
};

let fixture: DeployedFixture;
let app: ReturnType<typeof createApp>;
const base = () => `/workflows/${fixture.workflow}`;

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

before(async () => {
  fixture = await deployFixture('orders', DEFINITION, SCHEMA);
  app = createApp(localstackAppOptions(fixture.files));
});
after(async () => fixture.remove());

describe('health and workflows', () => {
  test('GET /health gives the endpoint and the deployed workflow count', async () => {
    const response = await app.request('/health');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      status: 'ok',
      endpoint: process.env.AWS_ENDPOINT_URL,
      deployed: true,
      workflows: 1,
    });
  });

  test('GET /health without a deployment says nothing is deployed (503: the server cannot serve a workflow)', async () => {
    const empty = createApp(localstackAppOptions({}));
    const body = await problem(await empty.request('/health'), 503);
    assert.equal((body as unknown as { deployed: boolean }).deployed, false);
  });

  test('GET /workflows lists name, ARN and input schema', async () => {
    const body = (await (await app.request('/workflows')).json()) as {
      workflows: { name: string; stateMachineArn: string; inputSchema: unknown }[];
    };
    assert.deepEqual(
      body.workflows.map((item) => [item.name, item.stateMachineArn, item.inputSchema]),
      [['orders', fixture.stateMachineArn, SCHEMA]],
    );
  });

  test('GET /workflows/:workflow gives ASL, input schema and Mermaid', async () => {
    const body = (await (await app.request(base())).json()) as { asl: unknown; inputSchema: unknown; diagram: string };
    assert.deepEqual(body.asl, DEFINITION);
    assert.deepEqual(body.inputSchema, SCHEMA);
    assert.match(body.diagram, /^flowchart TD/);
  });

  test('an unknown workflow is 404 naming it, a malformed name 400', async () => {
    assert.match(
      (await problem(await app.request('/workflows/nope'), 404)).detail,
      /workflow: no deployed workflow named "nope"/,
    );
    assert.match((await problem(await app.request('/workflows/bad%20name'), 400)).detail, /^workflow path parameter/);
  });

  test('an unknown path is a 404 problem', async () => {
    assert.match((await problem(await app.request('/nothing/here'), 404)).detail, /path: no route GET \/nothing\/here/);
  });
});

describe('POST /workflows/:workflow/executions', () => {
  test('starts an execution: 201 with execution, executionArn, status and links', async () => {
    const response = await post(`${base()}/executions`, { name: 'first' });
    assert.equal(response.status, 201);
    const body = (await response.json()) as {
      execution: string;
      executionArn: string;
      status: string;
      links: Record<string, string>;
    };
    assert.equal(body.status, 'RUNNING');
    assert.ok(body.executionArn.endsWith(`:${body.execution}`));
    assert.equal(response.headers.get('location'), body.links.self);
    assert.equal(body.links.history, `${base()}/executions/${body.execution}/history`);
    assert.equal(await waitForEnd(body.executionArn), 'SUCCEEDED');
  });

  test('input not matching the schema is 400 naming the field', async () => {
    assert.equal(
      (await problem(await post(`${base()}/executions`, { name: 5 }), 400)).detail,
      'body.name: must be string, got number',
    );
    assert.equal((await problem(await post(`${base()}/executions`, {}), 400)).detail, 'body.name: is required');
    const nested = await problem(
      await post(`${base()}/executions`, { name: 'x', files: [{ source: 'a' }, { source: 1 }] }),
      400,
    );
    assert.equal(nested.detail, 'body.files[1].source: must be string, got number');
    assert.equal(
      (await problem(await post(`${base()}/executions`, { name: 'x', extra: 1 }), 400)).detail,
      'body.extra: is not an allowed field',
    );
  });

  test('malformed JSON is 400, an unknown workflow 404, a body over 256 KiB 413', async () => {
    assert.match((await problem(await post(`${base()}/executions`, '{"name": '), 400)).detail, /^body: not valid JSON/);
    assert.match((await problem(await post('/workflows/ghost/executions', { name: 'x' }), 404)).detail, /ghost/);
    const huge = JSON.stringify({ name: 'x'.repeat(300 * 1024) });
    assert.match(
      (await problem(await post(`${base()}/executions`, huge), 413)).detail,
      /^body: larger than 262144 bytes/,
    );
  });

  test('a body over the limit without Content-Length is still refused while it streams', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 10) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await app.request(`${base()}/executions`, { method: 'POST', body, duplex: 'half' } as RequestInit);
    await problem(response, 413);
    assert.ok(sent < 10, 'stopped reading before the whole body arrived');
  });

  test('Idempotency-Key: 201 first, 200 with the same execution after, 409 with another body', async () => {
    const key = `order-${uniqueSuffix()}`;
    const first = await post(`${base()}/executions`, { name: 'idem' }, { 'idempotency-key': key });
    assert.equal(first.status, 201);
    const firstBody = (await first.json()) as { executionArn: string; execution: string };
    assert.equal(firstBody.execution, key);
    const retry = await post(`${base()}/executions`, { name: 'idem' }, { 'idempotency-key': key });
    assert.equal(retry.status, 200);
    assert.equal(((await retry.json()) as { executionArn: string }).executionArn, firstBody.executionArn);
    const conflict = await problem(
      await post(`${base()}/executions`, { name: 'other' }, { 'idempotency-key': key }),
      409,
    );
    assert.match(conflict.detail, /^Idempotency-Key header: /);
    const listed = (await (await app.request(`${base()}/executions?limit=1000`)).json()) as {
      executions: { execution: string }[];
    };
    assert.equal(listed.executions.filter((item) => item.execution === key).length, 1, 'the retry started nothing new');
  });

  test('a malformed Idempotency-Key is 400 naming the header', async () => {
    const tooLong = await problem(
      await post(`${base()}/executions`, { name: 'x' }, { 'idempotency-key': 'k'.repeat(81) }),
      400,
    );
    assert.match(tooLong.detail, /^Idempotency-Key header: must match/);
    await problem(await post(`${base()}/executions`, { name: 'x' }, { 'idempotency-key': 'has space' }), 400);
  });
});

describe('bearer auth (STEPFORGE_API_TOKEN)', () => {
  const token = 's3cret-token';
  const secured = () => createApp(localstackAppOptions(fixture.files, { apiToken: token }));
  const send = (path: string, authorization?: string) =>
    secured().request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ name: 'auth' }),
    });

  test('mutating routes: 401 without a token, 403 with a wrong one, through with the right one', async () => {
    assert.match((await problem(await send(`${base()}/executions`), 401)).detail, /^Authorization header/);
    assert.match(
      (await problem(await send(`${base()}/executions`, 'Bearer wrong'), 403)).detail,
      /^Authorization header/,
    );
    assert.match((await problem(await send(`${base()}/executions`, `Basic ${token}`), 401)).detail, /Bearer/);
    assert.equal((await send(`${base()}/executions`, `Bearer ${token}`)).status, 201);
    await problem(await send(`${base()}/executions/whatever/stop`), 401);
    await problem(await send(`${base()}/executions/whatever/stop`, 'Bearer nope'), 403);
  });

  test('reading routes need no token', async () => {
    assert.equal((await secured().request('/workflows')).status, 200);
    assert.equal((await secured().request(`${base()}/executions`)).status, 200);
  });
});

describe('executions: list, describe, stop', () => {
  let names: string[] = [];
  before(async () => {
    names = [];
    for (const index of [1, 2, 3]) {
      const response = await post(
        `${base()}/executions`,
        { name: `list-${index}` },
        { 'idempotency-key': `list-${index}-${uniqueSuffix()}` },
      );
      names.push(((await response.json()) as { execution: string }).execution);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  test('lists newest first, paged by limit and cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = (await (await app.request(`${base()}/executions?limit=2${query}`)).json()) as {
        executions: { execution: string; startedAt: string }[];
        nextCursor: string | null;
      };
      assert.ok(page.executions.length <= 2);
      seen.push(...page.executions.map((item) => item.execution));
      cursor = page.nextCursor;
    } while (cursor);
    const ours = seen.filter((name) => names.includes(name));
    assert.deepEqual(ours, [...names].reverse());
  });

  test('filters by status', async () => {
    for (const name of names)
      await waitForEnd(`${fixture.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`);
    const body = (await (await app.request(`${base()}/executions?status=SUCCEEDED&limit=1000`)).json()) as {
      executions: { status: string }[];
    };
    assert.ok(body.executions.length >= 3);
    assert.ok(body.executions.every((item) => item.status === 'SUCCEEDED'));
    const none = (await (await app.request(`${base()}/executions?status=TIMED_OUT`)).json()) as {
      executions: unknown[];
    };
    assert.deepEqual(none.executions, []);
  });

  test('bad status, limit or cursor is 400 naming the parameter', async () => {
    assert.match(
      (await problem(await app.request(`${base()}/executions?status=DONE`), 400)).detail,
      /^status query parameter: must be one of/,
    );
    assert.match(
      (await problem(await app.request(`${base()}/executions?limit=0`), 400)).detail,
      /^limit query parameter: must be >= 1/,
    );
    assert.match(
      (await problem(await app.request(`${base()}/executions?limit=ten`), 400)).detail,
      /^limit query parameter: must be integer/,
    );
    assert.match((await problem(await app.request(`${base()}/executions?cursor=garbage`), 400)).detail, /^cursor: /);
  });

  test('describes status, input, output, times', async () => {
    const body = (await (await app.request(`${base()}/executions/${names[0]}`)).json()) as Record<string, unknown>;
    assert.equal(body.status, 'SUCCEEDED');
    assert.deepEqual(body.input, { name: 'list-1' });
    assert.deepEqual(body.output, { name: 'list-1' });
    assert.equal(body.error, null);
    assert.ok(Date.parse(String(body.stoppedAt)) >= Date.parse(String(body.startedAt)));
  });

  test('an unknown execution is 404, a malformed name 400', async () => {
    assert.match((await problem(await app.request(`${base()}/executions/never-ran`), 404)).detail, /^execution: /);
    await problem(await app.request(`${base()}/executions/${encodeURIComponent('a:b')}`), 400);
    await problem(
      await app.request(`${base()}/executions/${encodeURIComponent('arn:aws:states:us-east-1:0:execution:other:x')}`),
      404,
    );
  });

  test('stops a running execution (200 ABORTED); a finished one is a 409 saying how it ended', async () => {
    const started = (await (await post(`${base()}/executions`, { name: 'slow', slow: true })).json()) as {
      execution: string;
    };
    const response = await post(`${base()}/executions/${started.execution}/stop`, {
      error: 'Test.Stop',
      cause: 'test',
    });
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { status: string }).status, 'ABORTED');
    const again = await problem(await post(`${base()}/executions/${started.execution}/stop`, ''), 409);
    assert.equal(again.executionStatus, 'ABORTED');
    const finished = await problem(await post(`${base()}/executions/${names[0]}/stop`, ''), 409);
    assert.equal(finished.executionStatus, 'SUCCEEDED');
    assert.match(String(finished.detail), /^execution: it had already ended \(SUCCEEDED\)/);
    await problem(await post(`${base()}/executions/never-ran/stop`, ''), 404);
    assert.match(
      (await problem(await post(`${base()}/executions/${names[0]}/stop`, { reason: 1 }), 400)).detail,
      /^body.reason: /,
    );
  });
});

describe('history', () => {
  let execution: string;
  let executionArn: string;
  before(async () => {
    const body = (await (await post(`${base()}/executions`, { name: 'history' })).json()) as {
      execution: string;
      executionArn: string;
    };
    execution = body.execution;
    executionArn = body.executionArn;
    await waitForEnd(executionArn);
  });

  test('view=steps (default): one row per state entered', async () => {
    const body = (await (await app.request(`${base()}/executions/${execution}/history`)).json()) as {
      view: string;
      steps: { name: string; type: string; status: string; attempts: number }[];
    };
    assert.equal(body.view, 'steps');
    assert.deepEqual(
      body.steps.map((step) => [step.name, step.type, step.status, step.attempts]),
      [
        ['Check', 'Choice', 'succeeded', 1],
        ['Fast', 'Pass', 'succeeded', 1],
      ],
    );
  });

  test('view=events pages through the same events the SDK returns, forwards and in reverse', async () => {
    const direct = await sfnClient.send(new GetExecutionHistoryCommand({ executionArn }));
    const expected = (direct.events ?? []).map((event) => event.id);
    for (const reverse of [false, true]) {
      const ids: number[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `view=events&limit=2&reverse=${reverse}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = (await (await app.request(`${base()}/executions/${execution}/history?${query}`)).json()) as {
          events: { id: number; timestamp: string }[];
          nextCursor: string | null;
        };
        assert.ok(page.events.length <= 2);
        assert.equal(typeof page.events[0]?.timestamp, 'string');
        ids.push(...page.events.map((event) => event.id));
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(ids, reverse ? [...expected].reverse() : expected);
    }
  });

  test('bad view, reverse or limit is 400 naming the parameter; unknown execution 404', async () => {
    const path = `${base()}/executions/${execution}/history`;
    assert.match((await problem(await app.request(`${path}?view=table`), 400)).detail, /^view query parameter/);
    assert.match((await problem(await app.request(`${path}?reverse=maybe`), 400)).detail, /^reverse query parameter/);
    assert.match((await problem(await app.request(`${path}?limit=1001`), 400)).detail, /^limit query parameter/);
    await problem(await app.request(`${base()}/executions/never-ran/history`), 404);
    await problem(await app.request(`${base()}/executions/never-ran/history?view=events`), 404);
  });
});

describe('GET /openapi.json', () => {
  test('an OpenAPI 3.1 document of every route, from the same table that validates', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            parameters: { name: string; in: string; schema: { pattern?: string } }[];
            security?: unknown;
            responses: Record<string, unknown>;
          }
        >
      >;
      components: { schemas: Record<string, unknown> };
    };
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(Object.keys(doc.paths).sort(), [
      '/health',
      '/health/live',
      '/openapi.json',
      '/workflows',
      '/workflows/{workflow}',
      '/workflows/{workflow}/executions',
      '/workflows/{workflow}/executions/{execution}',
      '/workflows/{workflow}/executions/{execution}/history',
      '/workflows/{workflow}/executions/{execution}/stop',
      '/workflows/{workflow}/executions/{execution}/stream',
    ]);
    const start = doc.paths['/workflows/{workflow}/executions']!.post!;
    const key = start.parameters.find((parameter) => parameter.name === 'Idempotency-Key')!;
    assert.equal(key.in, 'header');
    // The documented pattern is the one that rejected "has space" above.
    assert.equal(new RegExp(key.schema.pattern!).test('has space'), false);
    assert.ok(start.security);
    assert.deepEqual(Object.keys(start.responses).sort(), [
      '200',
      '201',
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '415',
      '502',
      '504',
    ]);
    assert.deepEqual(doc.components.schemas['orders.input'], SCHEMA);
  });
});
