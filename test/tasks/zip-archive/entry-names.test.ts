import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entryName, uniqueEntryNames } from '../../../tasks/zip-archive/entry-names.ts';
import { parseZipArchivePayload } from '../../../tasks/zip-archive/index.ts';

function names(files: Array<{ source: string; destination?: string }>): string[] {
  return uniqueEntryNames(parseZipArchivePayload({ files }).files.map(entryName));
}

describe('zip-archive entry names', () => {
  it('uses the base name, a rename, or a folder', () => {
    assert.deepEqual(
      names([
        { source: 'media/2024/cat.jpg' },
        { source: 's3://other-bucket/deep/dog.png', destination: 'pets/best-dog.png' },
        { source: 'media/bird.gif', destination: 'pets/birds' },
        { source: 'media/fish.gif', destination: 'pets/birds/' },
        { source: 'media/README', destination: 'docs' },
      ]),
      ['cat.jpg', 'pets/best-dog.png', 'pets/birds/bird.gif', 'pets/birds/fish.gif', 'docs/README'],
    );
  });

  it('suffixes duplicates before the extension, in order, skipping names already taken', () => {
    assert.deepEqual(
      names([
        { source: 'a/photo.jpg' },
        { source: 'b/photo.jpg' },
        { source: 'x', destination: 'photo (2).jpg' },
        { source: 'c/photo.jpg' },
        { source: 'd/README' },
        { source: 'e/README' },
        { source: 'f/archive.tar.gz', destination: 'out' },
        { source: 'g/archive.tar.gz', destination: 'out' },
        { source: 'h/.env' },
        { source: 'i/.env' },
      ]),
      [
        'photo.jpg',
        'photo (1).jpg',
        'photo (2).jpg',
        'photo (3).jpg',
        'README',
        'README (1)',
        'out/archive.tar.gz',
        'out/archive.tar (1).gz',
        '.env',
        '.env (1)',
      ],
    );
  });

  it('treats names differing only in case as distinct', () => {
    assert.deepEqual(uniqueEntryNames(['A.txt', 'a.txt', 'a.txt']), ['A.txt', 'a.txt', 'a (1).txt']);
  });
});
