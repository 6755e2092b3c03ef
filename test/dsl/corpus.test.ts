// Expressiveness: every valid definition of the shared ASL corpus (../shared/asl-corpus) is rebuilt through the DSL's
// public API and must render to the same JSON (key order aside). test_state/ files are single states (TestState API
// input); each is wrapped in a one-state machine and its state compared.
import { ASL_CORPUS_DIR } from '../support/corpus/corpus-path.ts';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import JSON5 from 'json5';
import type { JsonValue } from '../../src/dsl/index.ts';
import { buildFromAsl } from '../support/dsl/build-from-asl.ts';

const corpus = ASL_CORPUS_DIR;

/** Definitions that are not valid ASL, kept in the corpus to test LocalStack's error handling. */
const INVALID: Record<string, string> = {
  'base/invalid_der.json5': 'no States',
  'validation/invalid_base_no_startat.json5': 'no StartAt',
  'test_state/base_invalid_state_definition.json5': 'not a state',
  'test_state/base_map_state_machine_choice_fail.json5': 'StartAt names no state',
};

function files(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.json5') ? [path] : [];
  });
}

type Asl = { [key: string]: JsonValue };

function asMachine(definition: Asl): { machine: Asl; single?: string } {
  if (typeof definition.Type !== 'string') return { machine: definition };
  const states: Asl = { TestedState: definition };
  // A tested state may point at states that are not part of the file; stand-ins make the transition expressible.
  const targets: string[] = [
    definition.Next,
    definition.Default,
    ...JSON.stringify(definition).matchAll(/"Next":"([^"]+)"/g),
  ].flatMap((match) => (typeof match === 'string' ? [match] : Array.isArray(match) ? [String(match[1])] : []));
  for (const target of targets) if (!(target in states)) states[target] = { Type: 'Succeed' };
  return { machine: { StartAt: 'TestedState', States: states }, single: 'TestedState' };
}

describe('ASL corpus round trip', () => {
  const all = files(corpus).sort();

  it('expresses every valid definition exactly', () => {
    const failures: string[] = [];
    const folders = new Set<string>();
    let checked = 0;
    for (const file of all) {
      const name = relative(corpus, file);
      if (INVALID[name]) continue;
      const definition = JSON5.parse(readFileSync(file, 'utf8')) as Asl;
      const { machine, single } = asMachine(definition);
      try {
        const rendered = JSON.parse(JSON.stringify(buildFromAsl('corpus', machine).toAsl())) as Asl;
        const actual = single ? (rendered.States as Asl)[single] : rendered;
        assert.deepStrictEqual(actual, definition);
        checked += 1;
        folders.add(name.split('/')[0]);
      } catch (error) {
        failures.push(
          `${name}: ${String((error as Error).message)
            .split('\n')
            .slice(0, 6)
            .join(' ')}`,
        );
      }
    }
    assert.deepStrictEqual(failures, []);
    assert.ok(checked >= 370, `only ${checked} definitions checked`);
    const expectedFolders = new Set(readdirSync(corpus).filter((entry) => statSync(join(corpus, entry)).isDirectory()));
    assert.deepStrictEqual([...folders].sort(), [...expectedFolders].sort());
  });
});
