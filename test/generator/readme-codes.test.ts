// Every finding code the analyser can report is documented in src/generator/README.md, and nothing else is.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const generator = new URL('../../src/generator/', import.meta.url).pathname;

describe('finding codes', () => {
  it('match the README table', () => {
    const sources = [...readdirSync(join(generator, 'analyse')).map((file) => join('analyse', file)), 'probe/probe-check.ts'];
    const used = new Set<string>();
    for (const file of sources) {
      for (const match of readFileSync(join(generator, file), 'utf8').matchAll(/\.(?:error|warning)\('([A-Z_]+)'/g)) used.add(match[1]!);
    }
    const readme = readFileSync(join(generator, 'README.md'), 'utf8');
    const documented = new Set([...readme.matchAll(/`([A-Z][A-Z_]+[A-Z])`/g)].map((match) => match[1]!));
    documented.delete('ASL_VALIDATOR_'); // the prefix of asl-validator's codes
    assert.ok(used.size > 40, `found ${used.size} codes`);
    assert.deepEqual([...used].filter((code) => !documented.has(code)).sort(), [], 'undocumented codes');
    assert.deepEqual([...documented].filter((code) => !used.has(code)).sort(), [], 'documented but never reported');
  });
});
