// `/health` as a readiness check (endpoint reachable, deployment there, 503 with the reason otherwise) and
// `/health/live` as liveness, through app.request() against the shared LocalStack and against endpoints that refuse
// or hang.
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createAwsClients, readAwsConfig } from '../../src/aws/index.ts';
import { createApp, sfnPortFromClient } from '../../src/server/index.ts';
import { freePort } from '../support/free-port.ts';
import { type DeployedFixture, deployFixture, localstackAppOptions } from '../support/server/localstack-fixture.ts';

const DEFINITION = { StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } };

interface HealthProblem {
  status: number;
  detail: string;
  reason: string;
  endpoint: string;
  deployed: boolean;
  workflows: number;
  missing?: string[];
}

async function unhealthy(response: Response): Promise<HealthProblem> {
  assert.equal(response.status, 503, await response.clone().text());
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  return (await response.json()) as HealthProblem;
}

/** The app with its Step Functions client pointed at `endpoint` instead of the shared LocalStack. */
function appAt(endpoint: string, files: Record<string, string>) {
  const { sfn } = createAwsClients(readAwsConfig({ ...process.env, AWS_ENDPOINT_URL: endpoint }));
  return createApp(localstackAppOptions(files, { sfn: sfnPortFromClient(sfn), endpoint }));
}

/** A TCP server that accepts connections and never answers: a hung endpoint, like a SIGSTOPped LocalStack. */
async function silentServer(): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

let fixture: DeployedFixture;
before(async () => {
  fixture = await deployFixture('ready', DEFINITION, undefined);
});
after(async () => fixture.remove());

describe('GET /health', () => {
  test('200 when the endpoint answers and every deployed state machine exists there', async () => {
    const response = await createApp(localstackAppOptions(fixture.files)).request('/health');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      status: 'ok',
      endpoint: process.env.AWS_ENDPOINT_URL,
      deployed: true,
      workflows: 1,
    });
  });

  test('503 "missing" naming the workflows whose state machine is gone (a LocalStack restarted empty)', async () => {
    const ghostArn = fixture.stateMachineArn.replace(/[^:]+$/, 'stepforge-health-ghost');
    const deployment = JSON.parse(fixture.files['deployment.json']!) as { workflows: Record<string, object> };
    deployment.workflows.ghost = { stateMachineArn: ghostArn };
    const app = createApp(localstackAppOptions({ ...fixture.files, 'deployment.json': JSON.stringify(deployment) }));
    const body = await unhealthy(await app.request('/health'));
    assert.equal(body.reason, 'missing');
    assert.deepEqual(body.missing, ['ghost']);
    assert.equal(body.workflows, 2);
    assert.match(body.detail, /^endpoint: the deployment is missing at .*: no state machine for ghost/);
  });

  test('503 "unreachable" when nothing listens at the endpoint', async () => {
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    const body = await unhealthy(await appAt(endpoint, fixture.files).request('/health'));
    assert.equal(body.reason, 'unreachable');
    assert.equal(body.endpoint, endpoint);
    assert.match(body.detail, /is unreachable \(ECONNREFUSED\)/);
  });

  test('503 "timeout" when the endpoint accepts but never answers; /health/live still answers', async () => {
    const silent = await silentServer();
    try {
      const app = appAt(silent.url, fixture.files);
      const body = await unhealthy(await app.request('/health'));
      assert.equal(body.reason, 'timeout');
      assert.match(body.detail, /did not answer within 3 s/);
      const live = await app.request('/health/live');
      assert.equal(live.status, 200);
      assert.deepEqual(await live.json(), { status: 'ok' });
    } finally {
      await silent.close();
    }
  });

  test('503 "not-deployed" without build/deployment.json', async () => {
    const body = await unhealthy(await createApp(localstackAppOptions({})).request('/health'));
    assert.equal(body.reason, 'not-deployed');
    assert.equal(body.deployed, false);
    assert.match(body.detail, /^deployment: build\/deployment.json not found/);
  });
});
