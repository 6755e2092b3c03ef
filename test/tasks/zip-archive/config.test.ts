import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/aws/index.ts';
import { readZipArchiveConfig } from '../../../tasks/zip-archive/index.ts';

const base = {
  ARCHIVE_BASE_URL: 'https://downloads.example.com/',
  S3_DESTINATION_BUCKET: 'archives',
  S3_SOURCE_BUCKET: 'media',
};

function configError(env: Record<string, string>, options = {}): ConfigError {
  try {
    readZipArchiveConfig(env, options);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error;
  }
  assert.fail('the environment was accepted');
}

describe('zip-archive configuration', () => {
  it('reads the environment with its defaults', () => {
    const config = readZipArchiveConfig({ ...base, ALLOWED_SOURCE_BUCKETS: 'extra-one, extra-two' });
    assert.equal(config.archiveBaseUrl, 'https://downloads.example.com');
    assert.equal(config.filePrefix, 'download');
    assert.equal(config.compressionLevel, undefined);
    assert.equal(config.destinationQueueUrl, undefined);
    assert.deepEqual([...config.allowedSourceBuckets], ['media', 'extra-one', 'extra-two']);
  });

  it('names the missing or malformed variable', () => {
    assert.equal(configError({ ...base, ARCHIVE_BASE_URL: '' }).variable, 'ARCHIVE_BASE_URL');
    assert.equal(configError({ ...base, ARCHIVE_BASE_URL: 'not a url' }).variable, 'ARCHIVE_BASE_URL');
    assert.equal(
      configError({ ARCHIVE_BASE_URL: 'http://x', S3_SOURCE_BUCKET: 'media' }).variable,
      'S3_DESTINATION_BUCKET',
    );
    assert.equal(configError({ ...base, S3_SOURCE_BUCKET: 'Bad_Bucket' }).variable, 'S3_SOURCE_BUCKET');
    assert.equal(configError({ ...base, ALLOWED_SOURCE_BUCKETS: 'ok-bucket,B' }).variable, 'ALLOWED_SOURCE_BUCKETS');
    assert.equal(configError({ ...base, S3_FILE_PREFIX: 'a/b' }).variable, 'S3_FILE_PREFIX');
    assert.equal(configError({ ...base, ZIP_COMPRESSION_LEVEL: '11' }).variable, 'ZIP_COMPRESSION_LEVEL');
    assert.equal(configError({ ...base, SQS_DESTINATION_QUEUE: 'queue' }).variable, 'SQS_DESTINATION_QUEUE');
    assert.equal(configError(base, { requireSourceQueue: true }).variable, 'SQS_SOURCE_QUEUE');
  });
});
