// Every finding code the analyser reports is in src/generator/README.md's "Finding codes", and nothing else is.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const generator = new URL('../../src/generator/', import.meta.url).pathname;

describe('finding codes', () => {
  it('match the README table', () => {
    const sources = [
      ...readdirSync(join(generator, 'analyse')).map((file) => join('analyse', file)),
      'probe/probe-check.ts',
    ];
    const used = new Set<string>();
    for (const file of sources) {
      for (const match of readFileSync(join(generator, file), 'utf8').matchAll(/\.(?:error|warning)\(\s*'([A-Z_]+)'/g))
        used.add(match[1]!);
    }
    // The codes are the "Finding codes" section's; other sections name environment variables the same way.
    const readme =
      readFileSync(join(generator, 'README.md'), 'utf8')
        .split(/^## Finding codes/m)[1]
        ?.split(/^## /m)[0] ?? '';
    const documented = new Set([...readme.matchAll(/`([A-Z][A-Z_]+[A-Z])`/g)].map((match) => match[1]!));
    documented.delete('ASL_VALIDATOR_'); // the prefix of asl-validator's codes
    assert.ok(used.size > 40, `found ${used.size} codes`);
    assert.deepEqual([...used].filter((code) => !documented.has(code)).sort(), [], 'undocumented codes');
    assert.deepEqual([...documented].filter((code) => !used.has(code)).sort(), [], 'documented but never reported');
  });
});
