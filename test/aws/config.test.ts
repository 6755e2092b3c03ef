import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, flag, optionalInteger, readAwsConfig, requiredString } from '../../src/aws/index.ts';

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a ConfigError');
}

describe('readAwsConfig', () => {
  it('defaults to us-east-1 and the real AWS endpoints when nothing is set', () => {
    const config = readAwsConfig({});
    assert.equal(config.region, 'us-east-1');
    assert.equal(config.endpoint, undefined);
    assert.equal(config.forcePathStyle, false);
    assert.equal(config.devMode, false);
    assert.equal(config.debug, false);
  });

  it('treats a blank AWS_REGION as missing and falls back to AWS_DEFAULT_REGION, then us-east-1', () => {
    assert.equal(readAwsConfig({ AWS_REGION: '  ', AWS_DEFAULT_REGION: 'eu-west-3' }).region, 'eu-west-3');
    assert.equal(readAwsConfig({ AWS_REGION: '' }).region, 'us-east-1');
    assert.equal(
      readAwsConfig({ AWS_REGION: 'ap-southeast-2', AWS_DEFAULT_REGION: 'eu-west-3' }).region,
      'ap-southeast-2',
    );
  });

  it('names AWS_REGION when the region is malformed', () => {
    const error = configError(() => readAwsConfig({ AWS_REGION: 'Frankfurt' }));
    assert.equal(error.variable, 'AWS_REGION');
    assert.equal(error.message, 'AWS_REGION: is not an AWS region name (like us-east-1), got "Frankfurt"');
  });

  it('names AWS_DEFAULT_REGION when that is the malformed one', () => {
    const error = configError(() => readAwsConfig({ AWS_DEFAULT_REGION: 'us_east_1' }));
    assert.equal(error.message, 'AWS_DEFAULT_REGION: is not an AWS region name (like us-east-1), got "us_east_1"');
  });

  it('reads AWS_ENDPOINT_URL and switches S3 to path-style', () => {
    const config = readAwsConfig({ AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' });
    assert.equal(config.endpoint?.toString(), 'http://127.0.0.1:4566/');
    assert.equal(config.forcePathStyle, true);
  });

  it('rejects a malformed AWS_ENDPOINT_URL with the exact message', () => {
    const error = configError(() => readAwsConfig({ AWS_ENDPOINT_URL: 'http//127.0.0.1:4566' }));
    assert.equal(error.variable, 'AWS_ENDPOINT_URL');
    assert.equal(error.message, 'AWS_ENDPOINT_URL: is not a valid URL: "http//127.0.0.1:4566"');
    assert.equal(
      configError(() => readAwsConfig({ AWS_ENDPOINT_URL: '127.0.0.1' })).message,
      'AWS_ENDPOINT_URL: is not a valid URL: "127.0.0.1"',
    );
  });

  it('rejects a non-http AWS_ENDPOINT_URL with the exact message', () => {
    const error = configError(() => readAwsConfig({ AWS_ENDPOINT_URL: 'ftp://127.0.0.1:4566' }));
    assert.equal(error.message, 'AWS_ENDPOINT_URL: must be an http:// or https:// URL, got "ftp://127.0.0.1:4566"');
    // A scheme-less host:port parses as the scheme "localhost:", so it gets the same hint.
    const schemeless = configError(() => readAwsConfig({ AWS_ENDPOINT_URL: 'localhost:4566' }));
    assert.equal(schemeless.message, 'AWS_ENDPOINT_URL: must be an http:// or https:// URL, got "localhost:4566"');
  });

  it('reads DEV_MODE and APP_DEBUG flags and names a bad one', () => {
    const config = readAwsConfig({ DEV_MODE: 'true', APP_DEBUG: '1' });
    assert.equal(config.devMode, true);
    assert.equal(config.debug, true);
    assert.equal(readAwsConfig({ DEV_MODE: 'off', APP_DEBUG: '0' }).devMode, false);
    const error = configError(() => readAwsConfig({ DEV_MODE: 'maybe' }));
    assert.equal(error.message, 'DEV_MODE: must be 1/0, true/false, yes/no or on/off, got "maybe"');
    assert.equal(configError(() => readAwsConfig({ APP_DEBUG: '2' })).variable, 'APP_DEBUG');
  });
});

describe('env readers', () => {
  it('requiredString names the missing variable', () => {
    assert.equal(
      configError(() => requiredString({}, 'S3_SOURCE_BUCKET')).message,
      'S3_SOURCE_BUCKET: is required but not set',
    );
    assert.equal(
      configError(() => requiredString({ S3_SOURCE_BUCKET: ' ' }, 'S3_SOURCE_BUCKET')).message,
      'S3_SOURCE_BUCKET: is required but not set',
    );
    assert.equal(requiredString({ S3_SOURCE_BUCKET: ' media ' }, 'S3_SOURCE_BUCKET'), 'media');
  });

  it('optionalInteger checks form and range', () => {
    assert.equal(optionalInteger({ N: '7' }, 'N', { min: 0, max: 9 }), 7);
    assert.equal(
      configError(() => optionalInteger({ N: '7.5' }, 'N', { min: 0, max: 9 })).message,
      'N: must be a whole number, got "7.5"',
    );
    assert.equal(
      configError(() => optionalInteger({ N: '10' }, 'N', { min: 0, max: 9 })).message,
      'N: must be between 0 and 9, got 10',
    );
  });

  it('flag accepts the usual spellings in any case', () => {
    for (const value of ['1', 'TRUE', 'yes', 'On']) assert.equal(flag({ F: value }, 'F'), true);
    for (const value of ['0', 'False', 'NO', 'off']) assert.equal(flag({ F: value }, 'F'), false);
  });
});
