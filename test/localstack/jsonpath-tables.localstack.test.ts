import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createLogger } from '../../src/aws/index.ts';
import { localStackPaths } from '../../src/localstack/index.ts';
import { ensureJsonPathTables } from '../../src/localstack/jsonpath-tables.ts';
import { runCommand } from '../../src/localstack/run-command.ts';

// Parses with both grammars LocalStack uses while PLY's table generator is made to fail: passes only when the
// parsers load the written tables, and checks the parsed paths still mean what they say.
const PARSE_WITHOUT_GENERATING = `
import ply.yacc
def refuse(*args, **kwargs):
    raise SystemExit("PLY regenerated an LALR table")
ply.yacc.LRGeneratedTable.__init__ = refuse
from jsonpath_ng import parse
from jsonpath_ng.ext import parse as parse_ext
data = {"Execution": {"Id": "arn:x"}, "items": [{"n": 1}, {"n": 5}]}
print(parse("$.Execution.Id").find(data)[0].value)
print([m.value["n"] for m in parse_ext("$.items[?(@.n > 2)]").find(data)])
`;

describe('JSONPath parser tables in the LocalStack venv', () => {
  const paths = localStackPaths();
  it('are written once and used by both jsonpath-ng grammars instead of regenerating them', async (context) => {
    if (!existsSync(paths.venvPython)) {
      context.skip('LocalStack is not installed in this checkout yet');
      return;
    }
    await ensureJsonPathTables(paths, createLogger({ pretty: false, level: 'error', write: () => {} }));
    const result = await runCommand(paths.venvPython, ['-c', PARSE_WITHOUT_GENERATING]);
    assert.equal(result.stderr.trim(), '');
    assert.equal(result.code, 0);
    assert.deepEqual(result.stdout.trim().split('\n'), ['arn:x', '[5]']);
  });
});
