// The one JSON Schema validator: the library's errors become one issue per field, named as a property access.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileSchema, validateAgainstSchema } from '../../src/json-schema/index.ts';

describe('JSON Schema issues', () => {
  it('names paths from the root given: $, body or nothing', () => {
    const schema = {
      type: 'object',
      properties: { files: { type: 'array', items: { type: 'object', properties: { source: { type: 'string' } } } } },
    };
    const value = { files: [{ source: 'a' }, { source: 5 }] };
    assert.deepEqual(validateAgainstSchema(schema, value), [
      { path: '$.files[1].source', message: 'must be string, got number' },
    ]);
    assert.deepEqual(validateAgainstSchema(schema, value, 'body'), [
      { path: 'body.files[1].source', message: 'must be string, got number' },
    ]);
    assert.deepEqual(validateAgainstSchema(schema, value, ''), [
      { path: 'files[1].source', message: 'must be string, got number' },
    ]);
    assert.deepEqual(validateAgainstSchema(schema, { files: { '~/odd': 1 } }, 'body'), [
      { path: 'body.files', message: 'must be array, got object' },
    ]);
  });

  it('reports every missing field by name, and each other keyword in the words people use', () => {
    const schema = {
      type: 'object',
      required: ['a', 'b', 'c'],
      properties: {
        a: { type: 'string', minLength: 2, pattern: '^x' },
        list: { type: 'array', minItems: 3, uniqueItems: true },
        n: { type: 'number', exclusiveMinimum: 0, multipleOf: 5 },
        when: { type: 'string', format: 'date-time' },
        no: { not: { type: 'string' } },
      },
    };
    assert.deepEqual(validateAgainstSchema(schema, { a: 'y', b: 1, list: [1, 1], n: 0, when: 'yesterday', no: 's' }), [
      { path: '$.c', message: 'is required' },
      { path: '$.a', message: 'must be at least 2 characters long' },
      { path: '$.a', message: 'must match ^x' },
      { path: '$.list', message: 'must hold at least 3 items' },
      { path: '$.list', message: 'must not contain duplicate items' },
      { path: '$.n', message: 'must be > 0' },
      { path: '$.when', message: 'must be an RFC 3339 date-time' },
      { path: '$.no', message: 'must not match the excluded shape' },
    ]);
    assert.deepEqual(
      validateAgainstSchema(schema, {}).map((issue) => issue.path),
      ['$.a', '$.b', '$.c'],
    );
  });

  it('picks the anyOf option whose shape matched, also when that option is a closed object', () => {
    const closed = {
      type: 'object',
      properties: { kind: { const: 'file' }, size: { type: 'integer' } },
      required: ['kind'],
      additionalProperties: false,
    };
    const schema = { type: 'object', properties: { item: { anyOf: [{ type: 'string' }, closed] } } };
    assert.deepEqual(validateAgainstSchema(schema, { item: { kind: 'file', size: 1, extra: true } }), [
      { path: '$.item.extra', message: 'is not an allowed field' },
    ]);
    assert.deepEqual(validateAgainstSchema(schema, { item: 3 }), [
      { path: '$.item', message: 'matches none of the allowed shapes' },
    ]);
    assert.deepEqual(validateAgainstSchema(schema, { item: 'x' }), []);
  });

  it('follows recursive $refs and tuples closed with items: false', () => {
    const schema = {
      $defs: {
        tree: {
          type: 'object',
          properties: { label: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/tree' } } },
        },
      },
      type: 'object',
      properties: {
        tree: { $ref: '#/$defs/tree' },
        pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], items: false },
      },
    };
    assert.deepEqual(
      validateAgainstSchema(schema, {
        tree: { label: 'r', children: [{ label: 'c', children: [{ label: 7 }] }] },
        pair: ['a', 1, 2],
      }),
      [
        { path: '$.tree.children[0].children[0].label', message: 'must be string, got number' },
        { path: '$.pair[2]', message: 'is not allowed here' },
      ],
    );
  });

  it('leaves the caller’s schema as it was and compiles it once per root name', () => {
    const schema = Object.freeze({ type: 'object', additionalProperties: false });
    const check = compileSchema(schema, 'body');
    assert.equal(compileSchema(schema, 'body'), check);
    assert.deepEqual(check({ x: 1 }), [{ path: 'body.x', message: 'is not an allowed field' }]);
    assert.deepEqual(Object.keys(schema), ['type', 'additionalProperties']);
    assert.deepEqual(
      validateAgainstSchema(
        { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
        { a: undefined },
      ),
      [{ path: '$.a', message: 'is required' }],
      'checked as its JSON',
    );
    assert.deepEqual(validateAgainstSchema(true, 1), []);
    assert.deepEqual(validateAgainstSchema(false, 1, 'body'), [{ path: 'body', message: 'is not allowed' }]);
  });
});
