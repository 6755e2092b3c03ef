// The one LocalStack health probe (CLI, dev loop, npm test, test helpers), against small local servers: no LocalStack.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, test } from 'node:test';
import { missingServices, probeEndpoint, STARTED_SERVICES } from '../../src/localstack/health.ts';
import { freePort } from '../support/free-port.ts';

const servers: Server[] = [];
after(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

async function serve(status: number, body: string): Promise<string> {
  const server = createServer((request, response) => {
    response
      .writeHead(request.url === '/_localstack/health' ? status : 418, { 'content-type': 'application/json' })
      .end(body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

test('tells a LocalStack (with its services), another server and a free port apart', async () => {
  const localstack = await serve(
    200,
    JSON.stringify({
      version: '4.0.0',
      edition: 'community',
      services: { s3: 'running', sqs: 'available', stepfunctions: 'running' },
    }),
  );
  const state = await probeEndpoint(localstack);
  assert.equal(state.kind, 'localstack');
  assert.ok(state.kind === 'localstack');
  assert.equal(state.health.version, '4.0.0');
  assert.deepEqual(missingServices(state.health, STARTED_SERVICES), ['sts']);

  const other = await probeEndpoint(await serve(404, 'not here'));
  assert.deepEqual(other, { kind: 'other', detail: 'HTTP 404 not here' });

  assert.deepEqual(await probeEndpoint(`http://127.0.0.1:${await freePort()}`), { kind: 'free' });
});
