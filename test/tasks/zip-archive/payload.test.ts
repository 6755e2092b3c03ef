import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TaskError } from '../../../tasks/runtime/task-error.ts';
import { parseZipArchivePayload } from '../../../tasks/zip-archive/index.ts';

function rejection(raw: unknown): { error: string; cause: string } {
  try {
    parseZipArchivePayload(raw);
  } catch (error) {
    assert.ok(error instanceof TaskError, `expected a TaskError, got ${String(error)}`);
    return { error: error.error, cause: error.cause };
  }
  assert.fail('the payload was accepted');
}

describe('zip-archive payload validation', () => {
  it('accepts a minimal payload, normalises destinations and ignores unknown fields', () => {
    const payload = parseZipArchivePayload({
      files: [{ source: 'a/b.jpg' }, { source: 's3://other-bucket/x/y.png', destination: './photos//2024/', extra: 1 }],
      metadata: { user: 7 },
      unknown: true,
    });
    assert.deepEqual(payload, {
      files: [
        { source: 'a/b.jpg', location: { bucket: undefined, key: 'a/b.jpg' }, destination: undefined },
        {
          source: 's3://other-bucket/x/y.png',
          location: { bucket: 'other-bucket', key: 'x/y.png' },
          destination: 'photos/2024',
        },
      ],
      metadata: { user: 7 },
    });
  });

  it('parses a JSON string body and defaults metadata to null', () => {
    assert.deepEqual(parseZipArchivePayload('{"files":[{"source":"k.txt","destination":null}]}').metadata, null);
  });

  const cases: Array<[string, unknown, string, RegExp]> = [
    ['malformed JSON', '{"files": [', 'payload', /not valid JSON/],
    ['a JSON array', '[1]', 'payload', /must be a JSON object, got an array/],
    ['a number', 42, 'payload', /got a number/],
    ['missing files', { metadata: {} }, 'files', /is required/],
    ['null files', { files: null }, 'files', /is required/],
    ['files as an object', { files: { source: 'a' } }, 'files', /must be an array, got an object/],
    ['empty files', { files: [] }, 'files', /at least one/],
    ['a file that is a string', { files: ['a.txt'] }, 'files[0]', /must be an object/],
    [
      'a numeric source',
      { files: [{ source: 'ok.txt' }, { source: 12 }] },
      'files[1].source',
      /must be a string, got a number/,
    ],
    ['a missing source', { files: [{ destination: 'x' }] }, 'files[0].source', /must be a string, got undefined/],
    ['an empty source', { files: [{ source: '' }] }, 'files[0].source', /must not be empty/],
    ['a folder source', { files: [{ source: 'photos/' }] }, 'files[0].source', /names a folder/],
    ['s3:/// without bucket', { files: [{ source: 's3:///k' }] }, 'files[0].source', /has no bucket/],
    ['s3://b/ without key', { files: [{ source: 's3://bucket/' }] }, 'files[0].source', /has no key/],
    [
      's3://b without slash',
      { files: [{ source: 's3://bucket' }] },
      'files[0].source',
      /not an s3:\/\/bucket\/key URI/,
    ],
    ['s3:/ single slash', { files: [{ source: 's3:/bucket/k' }] }, 'files[0].source', /not an s3:\/\/bucket\/key URI/],
    ['an invalid bucket', { files: [{ source: 's3://Bad_Bucket/k' }] }, 'files[0].source', /not a valid bucket name/],
    ['a numeric destination', { files: [{ source: 'a', destination: 5 }] }, 'files[0].destination', /must be a string/],
    [
      'an absolute destination',
      { files: [{ source: 'a' }, { source: 'b', destination: '/etc/x' }] },
      'files[1].destination',
      /absolute/,
    ],
    ['a drive letter', { files: [{ source: 'a', destination: 'C:/x' }] }, 'files[0].destination', /absolute/],
    [
      'a .. segment',
      { files: [{ source: 'a' }, { source: 'b' }, { source: 'c', destination: 'x/../../y' }] },
      'files[2].destination',
      /"\.\." segment/,
    ],
    ['a backslash', { files: [{ source: 'a', destination: 'x\\y' }] }, 'files[0].destination', /backslash/],
    [
      'a control character',
      { files: [{ source: 'a', destination: 'x\ny' }] },
      'files[0].destination',
      /control character/,
    ],
  ];
  for (const [title, raw, field, problem] of cases) {
    it(`refuses ${title}, naming ${field}`, () => {
      const { error, cause } = rejection(raw);
      assert.equal(error, 'ZipArchive.InvalidPayload');
      assert.ok(cause.startsWith(`${field}: `), cause);
      assert.match(cause, problem);
    });
  }

  it('accepts keys with spaces, unicode and a "..." inside a name', () => {
    const payload = parseZipArchivePayload({ files: [{ source: 'my photos/été 2024.jpg', destination: 'a...b' }] });
    assert.equal(payload.files[0]!.location.key, 'my photos/été 2024.jpg');
    assert.equal(payload.files[0]!.destination, 'a...b');
  });
});
