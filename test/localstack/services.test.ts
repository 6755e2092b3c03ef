import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { createLogger } from '../../src/aws/index.ts';
import {
  LocalStackError,
  parseServiceList,
  servicesToRun,
  STARTED_SERVICES,
  startLocalStack,
} from '../../src/localstack/index.ts';
import { localStackEnvironment } from '../../src/localstack/runtime-env.ts';
import { localStackPaths } from '../../src/localstack/state-paths.ts';

describe('the services a LocalStack runs', () => {
  it('adds --services and the environment SERVICES to ours, each once, ours first', () => {
    assert.deepEqual(servicesToRun(['cloudformation', 'iam', 'sqs'], 'iam, events'), [
      ...STARTED_SERVICES,
      'cloudformation',
      'iam',
      'events',
    ]);
    assert.deepEqual(servicesToRun(), [...STARTED_SERVICES]);
  });

  it('refuses a name LocalStack cannot have, naming where it came from', () => {
    assert.throws(
      () => parseServiceList('cloudformation,IAM', '--services'),
      (error: Error) => {
        assert.ok(error instanceof LocalStackError);
        assert.match(error.message, /^--services: "IAM" is not a LocalStack service name/);
        return true;
      },
    );
    assert.throws(() => servicesToRun([], 's3;sqs'), { message: /^SERVICES: "s3;sqs" is not/ });
  });

  it('hands LocalStack the whole list in SERVICES, whatever the environment said', () => {
    const env = localStackEnvironment(
      localStackPaths(4599),
      4599,
      { SERVICES: 'iam' },
      servicesToRun(['cloudformation'], 'iam'),
    );
    assert.equal(env.SERVICES, [...STARTED_SERVICES, 'cloudformation', 'iam'].join(','));
    assert.equal(
      localStackEnvironment(localStackPaths(4599), 4599, { SERVICES: 'iam' }).SERVICES,
      STARTED_SERVICES.join(','),
    );
  });
});

describe('starting with --services when a LocalStack already serves the port', () => {
  it('refuses one that runs without them, naming them and saying how to get them, instead of waiting for them', async () => {
    // A stand-in answering the health route as a LocalStack started without cloudformation and iam does.
    const running = Object.fromEntries(STARTED_SERVICES.map((name) => [name, 'running']));
    const health = JSON.stringify({
      version: '2026.3.0',
      edition: 'community',
      services: { ...running, cloudformation: 'disabled', iam: 'disabled' },
    });
    const server = createServer((_, response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end(health),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const quiet = createLogger({ pretty: false, level: 'error', write: () => {} });
      await assert.rejects(
        startLocalStack({ port, logger: quiet, services: ['cloudformation', 'iam'], timeoutMs: 10_000 }),
        {
          name: 'LocalStackError',
          message: `the LocalStack on port ${port} runs without cloudformation, iam, and services cannot be added to a running LocalStack: stop it (stepforge localstack stop --port ${port}) and start it again with --services cloudformation,iam`,
        },
      );
      assert.equal(
        (await startLocalStack({ port, logger: quiet, timeoutMs: 10_000 })).reused,
        true,
        'without --services it is reused as before',
      );
    } finally {
      server.close();
    }
  });
});
