// Region and credentials as the clients resolve them: the SDK's default chain and profile loader (a temporary HOME
// stands in for ~/.aws), with LocalStack's test pair only as the fallback on a local endpoint. No network: the
// instance-metadata step of the chain is switched off for these tests.
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import {
  createAwsClients,
  isLocalEndpoint,
  localEndpointCredentials,
  readAwsConfig,
  regionInUse,
} from '../../src/aws/index.ts';

const VARIABLES = [
  'HOME',
  'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_EC2_METADATA_DISABLED',
] as const;

let saved: Record<string, string | undefined> = {};
let home = '';

/** A HOME of its own with the given ~/.aws files; nothing else that could name credentials or a region. */
async function useHome(files: { credentials?: string; config?: string } = {}): Promise<void> {
  await mkdir(join(home, '.aws'), { recursive: true });
  if (files.credentials !== undefined) await writeFile(join(home, '.aws', 'credentials'), files.credentials);
  if (files.config !== undefined) await writeFile(join(home, '.aws', 'config'), files.config);
}

beforeEach(async () => {
  saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of VARIABLES) delete process.env[name];
  home = await mkdtemp(join(tmpdir(), 'stepforge-aws-home-'));
  process.env.HOME = home;
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
});

afterEach(async () => {
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await rm(home, { recursive: true, force: true });
});

const LOCAL = { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' };

describe('credentials', () => {
  it('a profile in ~/.aws/credentials is honoured on a local endpoint', async () => {
    await useHome({
      credentials: '[default]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profile-secret\n',
    });
    const credentials = await createAwsClients(readAwsConfig(LOCAL)).sqs.config.credentials();
    assert.equal(credentials.accessKeyId, 'AKIDPROFILE');
    assert.equal(credentials.secretAccessKey, 'profile-secret');
  });

  it('AWS_PROFILE picks a named profile on a local endpoint', async () => {
    await useHome({
      credentials:
        '[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = d\n[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = dev-secret\n',
    });
    process.env.AWS_PROFILE = 'dev';
    const credentials = await createAwsClients(readAwsConfig(LOCAL)).s3.config.credentials();
    assert.equal(credentials.accessKeyId, 'AKIDDEV');
  });

  it('nothing configured on a local endpoint gives LocalStack test/test', async () => {
    await useHome();
    for (const endpoint of ['http://127.0.0.1:4566', 'http://localhost:4577/']) {
      const credentials = await createAwsClients(
        readAwsConfig({ AWS_ENDPOINT_URL: endpoint }),
      ).sfn.config.credentials();
      assert.deepEqual([credentials.accessKeyId, credentials.secretAccessKey], ['test', 'test'], endpoint);
    }
  });

  it("nothing configured against AWS, or an endpoint elsewhere, is the SDK's own error", async () => {
    await useHome();
    for (const env of [{}, { AWS_ENDPOINT_URL: 'http://storage.internal:9000' }]) {
      await assert.rejects(createAwsClients(readAwsConfig(env)).sqs.config.credentials(), {
        name: 'CredentialsProviderError',
        message: /Could not load credentials from any providers/,
      });
    }
  });

  it('the fallback is decided once; an error that is not "found nothing" is not hidden', async () => {
    let asked = 0;
    const empty: AwsCredentialIdentityProvider = async () => {
      asked++;
      throw Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      });
    };
    const fallback = localEndpointCredentials(new URL('http://127.0.0.1:4566'), empty)!;
    assert.equal((await fallback()).accessKeyId, 'test');
    assert.equal((await fallback()).accessKeyId, 'test');
    assert.equal(asked, 1);
    const broken = localEndpointCredentials(new URL('http://127.0.0.1:4566'), async () => {
      throw new TypeError('credential_process printed no JSON');
    })!;
    await assert.rejects(broken(), { name: 'TypeError' });
    assert.equal(localEndpointCredentials(new URL('https://sqs.eu-west-1.amazonaws.com'), empty), undefined);
  });

  it('knows which endpoints are local', () => {
    for (const url of [
      'http://localhost:4566',
      'http://127.0.0.1:4566',
      'http://[::1]:4566',
      'https://localhost.localstack.cloud:4566',
    ]) {
      assert.equal(isLocalEndpoint(new URL(url)), true, url);
    }
    for (const url of ['http://localstack:4566', 'https://s3.amazonaws.com', 'http://10.0.0.5:4566']) {
      assert.equal(isLocalEndpoint(new URL(url)), false, url);
    }
    assert.equal(isLocalEndpoint(undefined), false);
  });
});

describe('region', () => {
  it("without AWS_REGION the profile's region in ~/.aws/config is used, then us-east-1", async () => {
    await useHome({ config: '[default]\nregion = eu-west-3\n[profile dev]\nregion = ap-south-1\n' });
    const config = readAwsConfig(LOCAL);
    assert.equal(config.region, 'us-east-1', 'the documented default, used when no profile names a region');
    const clients = createAwsClients(config);
    assert.equal(await regionInUse(clients), 'eu-west-3');
    for (const client of [clients.s3, clients.sqs, clients.sfn])
      assert.equal(await client.config.region(), 'eu-west-3');

    process.env.AWS_PROFILE = 'dev';
    assert.equal(await regionInUse(createAwsClients(readAwsConfig(LOCAL))), 'ap-south-1');
    process.env.AWS_PROFILE = 'no-region';
    assert.equal(await regionInUse(createAwsClients(readAwsConfig(LOCAL))), 'us-east-1');
  });

  it('AWS_REGION (then AWS_DEFAULT_REGION) wins over the profile', async () => {
    await useHome({ config: '[default]\nregion = eu-west-3\n' });
    assert.equal(
      await regionInUse(createAwsClients(readAwsConfig({ ...LOCAL, AWS_REGION: 'eu-central-1' }))),
      'eu-central-1',
    );
    assert.equal(await regionInUse(createAwsClients(readAwsConfig({ AWS_DEFAULT_REGION: 'us-west-2' }))), 'us-west-2');
  });

  it('nothing configured anywhere is us-east-1', async () => {
    await useHome();
    assert.equal(await regionInUse(createAwsClients(readAwsConfig({}))), 'us-east-1');
  });
});
