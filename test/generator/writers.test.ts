import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import YAML from 'yaml';
import type { JsonObject } from '../../src/generator/asl/json.ts';
import { buildModel } from '../../src/generator/asl/model.ts';
import { canonicalAsl, toJsonText, toMermaid, toYamlText } from '../../src/generator/index.ts';
import { corpusFiles, readCorpusFile } from '../support/corpus/corpus-files.ts';

describe('canonical ASL', () => {
  it('gives the same bytes whatever order the ASL fields were created in; payloads and states keep theirs', () => {
    const built: JsonObject = {
      StartAt: 'Check',
      Comment: 'c',
      States: {
        Check: {
          Choices: [
            {
              Next: 'Fan',
              And: [
                { IsPresent: true, Variable: '$.a' },
                { Variable: '$.b', NumericEquals: 1 },
              ],
            },
          ],
          Default: 'Fan',
          Type: 'Choice',
        },
        Fan: {
          End: true,
          Branches: [{ States: { In: { End: true, Type: 'Pass', Parameters: { z: 1, a: 2 } } }, StartAt: 'In' }],
          Catch: [{ Next: 'Check', ResultPath: '$.e', ErrorEquals: ['States.ALL'] }],
          Retry: [{ BackoffRate: 2, ErrorEquals: ['X'], MaxAttempts: 1 }],
          Type: 'Parallel',
        },
      },
    };
    const written: JsonObject = {
      Comment: 'c',
      StartAt: 'Check',
      States: {
        Check: {
          Type: 'Choice',
          Choices: [
            {
              And: [
                { Variable: '$.a', IsPresent: true },
                { Variable: '$.b', NumericEquals: 1 },
              ],
              Next: 'Fan',
            },
          ],
          Default: 'Fan',
        },
        Fan: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'In', States: { In: { Type: 'Pass', Parameters: { z: 1, a: 2 }, End: true } } }],
          Retry: [{ ErrorEquals: ['X'], MaxAttempts: 1, BackoffRate: 2 }],
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.e', Next: 'Check' }],
          End: true,
        },
      },
    };
    assert.equal(toJsonText(canonicalAsl(built)), toJsonText(canonicalAsl(written)));
    assert.equal(toJsonText(canonicalAsl(written)), toJsonText(written), 'already canonical input is unchanged');
    assert.deepEqual(Object.keys((canonicalAsl(built).States as JsonObject).Fan as JsonObject), [
      'Type',
      'Branches',
      'Retry',
      'Catch',
      'End',
    ]);
  });
});

describe('writers on the ASL corpus', () => {
  it('YAML reads back as the JSON, and Mermaid declares every state, on every definition', () => {
    for (const file of corpusFiles()) {
      const definition = readCorpusFile(file) as JsonObject;
      const asl = canonicalAsl(definition);
      assert.deepEqual(YAML.parse(toYamlText(asl)), JSON.parse(toJsonText(asl)), file);
      const diagram = toMermaid(asl);
      assert.equal(diagram, toMermaid(canonicalAsl(definition)), `${file}: deterministic`);
      const states = buildModel(asl).states;
      for (let index = 0; index < states.length; index++)
        assert.match(diagram, new RegExp(`\\bs${index}\\b`), `${file}: s${index}`);
      // Every quoted label holds no raw quote (written as a single one), so Mermaid can parse it.
      for (const line of diagram.split('\n')) assert.equal((line.match(/"/g) ?? []).length % 2, 0, `${file}: ${line}`);
    }
  });
});
