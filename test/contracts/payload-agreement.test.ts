// One source for the task payloads: the DSL, the workers and tasks/README.md agree with src/contracts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { TASK_INPUT_FIELDS, TASK_OUTPUT_FIELDS, type TaskContainerName } from '../../src/contracts/index.ts';

const root = new URL('../../', import.meta.url).pathname;

describe('task payload contracts', () => {
  it('the DSL and the workers use exactly the contract types (payload-types.ts compiles, every claim needed)', () => {
    const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
    const file = join(root, 'test/contracts/payload-types.ts');
    const program = ts.createProgram({ rootNames: [file], options });
    const found = ts.getPreEmitDiagnostics(program, program.getSourceFile(file));
    const host = {
      getCanonicalFileName: (name: string) => name,
      getCurrentDirectory: () => root,
      getNewLine: () => '\n',
    };
    assert.equal(found.length, 0, ts.formatDiagnostics(found, host));
  });

  it('tasks/README.md documents every field of every payload, and no field the contracts lack', () => {
    const readme = readFileSync(join(root, 'tasks/README.md'), 'utf8');
    const rows = new Map(
      [...readme.matchAll(/^\| `([a-z-]+)` \| `\{ (.*?) \}` \| `\{ (.*?) \}`/gm)].map((match) => [
        match[1]!,
        { input: match[2]!, output: match[3]! },
      ]),
    );
    // Top-level field names only: what stands at nesting depth 0 before `?`, `:` or `,`.
    const topLevel = (text: string) => {
      const names: string[] = [];
      let depth = 0;
      for (const part of text.split(/([{}[\],])/)) {
        if (part === '{' || part === '[') depth++;
        else if (part === '}' || part === ']') depth--;
        else if (depth === 0) {
          const name = /^\s*([A-Za-z]+)/.exec(part)?.[1];
          if (name) names.push(name);
        }
      }
      return names.sort();
    };
    for (const task of Object.keys(TASK_INPUT_FIELDS) as TaskContainerName[]) {
      const row = rows.get(task);
      assert.ok(row, `tasks/README.md has no payload row for ${task}`);
      assert.deepEqual(topLevel(row.input), [...TASK_INPUT_FIELDS[task]].sort(), `${task} input`);
      assert.deepEqual(topLevel(row.output), [...TASK_OUTPUT_FIELDS[task]].sort(), `${task} output`);
    }
  });
});
