import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  archiveKey,
  archiveUrl,
  canonicalJson,
  canonicalPayload,
  isArchiveKeyIn,
} from '../../../tasks/zip-archive/archive-key.ts';
import { parseZipArchivePayload } from '../../../tasks/zip-archive/index.ts';

const date = new Date('2026-03-04T23:59:59Z');

describe('zip-archive key and link', () => {
  it('is sha256(requestId + canonical payload) / prefix-date.zip', () => {
    const payload = parseZipArchivePayload({
      files: [{ source: 'a.jpg', destination: 'x' }],
      metadata: { b: 1, a: [2, { d: 3, c: 4 }] },
    });
    const canonical = '{"files":[{"destination":"x","source":"a.jpg"}],"metadata":{"a":[2,{"c":4,"d":3}],"b":1}}';
    assert.equal(canonicalPayload(payload), canonical);
    const hex = createHash('sha256').update(`req-1${canonical}`).digest('hex');
    assert.equal(archiveKey('req-1', payload, 'download', date), `${hex}/download-2026-03-04.zip`);
    assert.match(archiveKey('req-1', payload, 'media', date), /^[0-9a-f]{64}\/media-2026-03-04\.zip$/);
  });

  it('does not depend on key order or unknown fields, but on request id and content', () => {
    const one = parseZipArchivePayload({ files: [{ source: 'a.jpg' }], metadata: { x: 1, y: 2 } });
    const two = parseZipArchivePayload({
      metadata: { y: 2, x: 1 },
      files: [{ source: 'a.jpg', color: 'red' }],
      other: 1,
    });
    const three = parseZipArchivePayload({ files: [{ source: 'b.jpg' }], metadata: { x: 1, y: 2 } });
    assert.equal(archiveKey('r', one, 'download', date), archiveKey('r', two, 'download', date));
    assert.notEqual(archiveKey('r', one, 'download', date), archiveKey('s', one, 'download', date));
    assert.notEqual(archiveKey('r', one, 'download', date), archiveKey('r', three, 'download', date));
  });

  it('joins the link with exactly one slash', () => {
    assert.equal(
      archiveUrl('https://cdn.example.com/archives/', 'abc/download-2026-01-01.zip'),
      'https://cdn.example.com/archives/abc/download-2026-01-01.zip',
    );
    assert.equal(archiveUrl('https://cdn.example.com', 'abc/d.zip'), 'https://cdn.example.com/abc/d.zip');
  });

  it('writes canonical JSON for scalars like JSON.stringify', () => {
    assert.equal(canonicalJson(['é', null, true, 1.5]), '["é",null,true,1.5]');
  });

  it('recognises the keys an earlier attempt of the same request wrote', () => {
    const folder = 'a'.repeat(64);
    assert.equal(isArchiveKeyIn(folder, 'download', `${folder}/download-2020-01-31.zip`), true);
    assert.equal(isArchiveKeyIn(folder, 'download', `${folder}/download-2020-01-31.zip.tmp`), false);
    assert.equal(isArchiveKeyIn(folder, 'download', `${folder}/media-2020-01-31.zip`), false);
    assert.equal(isArchiveKeyIn(folder, 'download', `${'b'.repeat(64)}/download-2020-01-31.zip`), false);
  });
});
