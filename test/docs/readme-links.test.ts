// The README is short because it links to where the details live: every relative link of the docs must reach a file
// that exists and, with `#anchor`, a heading of that file (GitHub's anchors: lower case, punctuation dropped).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, it } from 'node:test';

const root = new URL('../..', import.meta.url).pathname;

function withoutCodeBlocks(markdown: string): string {
  return markdown.replace(/```[\s\S]*?```/g, '');
}

function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(file: string): Set<string> {
  const headings = withoutCodeBlocks(readFileSync(join(root, file), 'utf8')).matchAll(/^#{1,6} (.+)$/gm);
  return new Set([...headings].map((match) => headingAnchor(match[1]!)));
}

function docs(): string[] {
  const folders = [...readdirSync(join(root, 'src')).map((name) => join('src', name)), 'tasks', 'workflows', 'test'];
  const readmes = folders.map((folder) => join(folder, 'README.md')).filter((file) => existsSync(join(root, file)));
  const docsFolder = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name));
  return ['README.md', 'CHANGELOG.md', ...readmes, ...docsFolder].sort();
}

describe('README links', () => {
  it('every relative link reaches a file, and every #anchor a heading of it', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const doc of docs()) {
      for (const [, target] of withoutCodeBlocks(readFileSync(join(root, doc), 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const [path, anchor] = target!.split('#');
        const file = path ? normalize(join(dirname(doc), path)) : doc;
        checked++;
        if (!existsSync(join(root, file))) broken.push(`${doc}: ${target} (no such file)`);
        else if (anchor && !anchorsOf(file).has(anchor)) broken.push(`${doc}: ${target} (no such heading)`);
      }
    }
    assert.ok(checked > 20, `checked ${checked} links`);
    assert.deepEqual(broken, []);
  });
});
