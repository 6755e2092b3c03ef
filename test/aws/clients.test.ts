import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { ListActivitiesCommand } from '@aws-sdk/client-sfn';
import { ACTIVITY_POLL_TIMEOUT_MS, createAwsClients, createSfnClient, readAwsConfig } from '../../src/aws/index.ts';

describe('createAwsClients', () => {
  it('points every client at AWS_ENDPOINT_URL with path-style S3 and the region', async () => {
    const clients = createAwsClients(
      readAwsConfig({ AWS_ENDPOINT_URL: 'http://127.0.0.1:4566/', AWS_REGION: 'eu-central-1' }),
    );
    for (const client of [clients.s3, clients.sqs, clients.sfn]) {
      const endpoint = await client.config.endpoint?.();
      assert.equal(endpoint?.hostname, '127.0.0.1');
      assert.equal(endpoint?.port, 4566);
      assert.equal(endpoint?.protocol, 'http:');
      assert.equal(await client.config.region(), 'eu-central-1');
    }
    assert.equal(clients.s3.config.forcePathStyle, true);
    assert.equal(clients.config.region, 'eu-central-1');
  });

  it('uses the real AWS endpoints and virtual-hosted S3 without AWS_ENDPOINT_URL', async () => {
    const clients = createAwsClients(readAwsConfig({ AWS_REGION: 'us-west-2' }));
    assert.equal(clients.sfn.config.endpoint, undefined);
    assert.equal(clients.s3.config.forcePathStyle, false);
  });

  it('falls back to the test credentials only for a custom endpoint without credentials in the environment', async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, profile: process.env.AWS_PROFILE };
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_PROFILE;
    try {
      const clients = createAwsClients(readAwsConfig({ AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' }));
      const credentials = await clients.sqs.config.credentials();
      assert.equal(credentials.accessKeyId, 'test');
      assert.equal(credentials.secretAccessKey, 'test');
    } finally {
      if (saved.id !== undefined) process.env.AWS_ACCESS_KEY_ID = saved.id;
      if (saved.profile !== undefined) process.env.AWS_PROFILE = saved.profile;
    }
  });

  it('gives activity pollers more than the 60 s GetActivityTask holds a request', () => {
    assert.ok(ACTIVITY_POLL_TIMEOUT_MS >= 65_000);
  });

  it('ends a request that gets no answer at requestTimeoutMs (the SDK alone would only log a warning and wait on)', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const sfn = createSfnClient(readAwsConfig({ AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` }), {
      requestTimeoutMs: 200,
    });
    try {
      await assert.rejects(sfn.send(new ListActivitiesCommand({}), { abortSignal: AbortSignal.timeout(20_000) }), {
        name: 'TimeoutError',
      });
    } finally {
      sfn.destroy();
      silent.closeAllConnections();
      silent.close();
    }
  });
});
