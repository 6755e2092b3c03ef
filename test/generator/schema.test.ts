import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSchemaProject, inputSchemaFor } from '../../src/generator/schema/from-type.ts';
import { compileSchema, type JsonSchema, validateAgainstSchema } from '../../src/generator/schema/index.ts';

const root = new URL('../../', import.meta.url).pathname;
const fixture = new URL('../fixtures/generator/schema/inputs.ts', import.meta.url).pathname;

describe('input schema from the workflow<Input> type argument', () => {
  const project = createSchemaProject(root);
  const { schema, warnings } = inputSchemaFor(project, { file: fixture, line: 46 }, 'everything');
  const properties = schema.properties!;

  it('writes a 2020-12 document with JSDoc descriptions and required fields', () => {
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(schema.description, 'The whole request.');
    assert.equal(schema.type, 'object');
    assert.equal(schema.additionalProperties, undefined, 'objects stay open');
    assert.ok(!schema.required!.includes('maybe'));
    assert.ok(schema.required!.includes('files'));
    assert.deepEqual(warnings, []);
  });

  it('maps each kind of type', () => {
    assert.deepEqual(properties.files, {
      type: 'array',
      items: {
        type: 'object',
        description: "Where an archive's files come from.",
        properties: {
          source: { description: 'A key in the source bucket, or s3://bucket/key.', type: 'string' },
          destination: { type: 'string' },
        },
        required: ['source'],
      },
    });
    assert.deepEqual(properties.mode, { enum: ['fast', 'safe'] });
    assert.deepEqual(properties.level, { enum: [1, 2] });
    assert.deepEqual(properties.flag, { type: 'boolean' });
    assert.deepEqual(properties.maybe, { type: 'number' });
    assert.deepEqual(properties.nullable, { anyOf: [{ type: 'null' }, { type: 'string' }] });
    assert.deepEqual(properties.mixed, { anyOf: [{ type: 'string' }, { type: 'number' }] });
    assert.deepEqual(properties.pair, {
      type: 'array',
      prefixItems: [{ type: 'string' }, { type: 'number' }],
      minItems: 2,
      maxItems: 2,
      items: false,
    });
    assert.deepEqual(properties.tags, { type: 'object', additionalProperties: { type: 'string' } });
    assert.deepEqual(properties.byIndex, { type: 'object', additionalProperties: { type: 'number' } });
    assert.deepEqual(properties.anything, {});
    assert.deepEqual(properties.when, { type: 'string', format: 'date-time' });
    assert.deepEqual(properties.literalTrue, { enum: [true] });
    assert.deepEqual(properties.nested, {
      type: 'object',
      properties: { deep: { type: 'object', properties: { value: { enum: ['x'] } }, required: ['value'] } },
      required: ['deep'],
    });
    assert.deepEqual(properties.tree, { $ref: '#/$defs/TreeNode' });
    assert.deepEqual(schema.$defs!.TreeNode!.properties!.children, {
      type: 'array',
      items: { $ref: '#/$defs/TreeNode' },
    });
    assert.deepEqual(properties.readonlyList, { type: 'array', items: { type: 'number' } });
  });

  it('follows imported types (the full project reads what the fast one cannot resolve)', () => {
    const file = new URL('../fixtures/generator/schema/imported.ts', import.meta.url).pathname;
    const result = inputSchemaFor(project, { file, line: 7 }, 'imported');
    assert.deepEqual(result.schema.properties, {
      mode: { enum: ['fast', 'safe'] },
      flag: { type: 'boolean' },
      extra: { type: 'string' },
    });
    assert.deepEqual(result.schema.required, ['mode', 'flag', 'extra']);
  });

  it('accepts any JSON, with a warning, when the call has no type argument', () => {
    const result = inputSchemaFor(project, { file: fixture, line: 48 }, 'untyped');
    assert.equal(result.schema.type, undefined);
    assert.match(result.warnings[0]!, /has no type argument/);
  });

  it('validates a body against it, naming the field at fault', () => {
    const validate = compileSchema(schema);
    const good = {
      files: [{ source: 'a' }],
      mode: 'fast',
      level: 2,
      flag: true,
      nullable: null,
      mixed: 3,
      pair: ['a', 1],
      tags: { a: 'b' },
      byIndex: {},
      anything: [1],
      when: '2026-01-02T03:04:05Z',
      literalTrue: true,
      nested: { deep: { value: 'x' } },
      tree: { label: 'r', children: [{ label: 'c', children: [] }] },
      readonlyList: [1],
      extra: 'kept',
    };
    assert.deepEqual(validate(good), []);
    const bad = {
      ...good,
      files: [{ destination: 1 }],
      mode: 'slow',
      pair: ['a', 1, 2],
      tags: { a: 1 },
      when: 'yesterday',
      tree: { label: 'r', children: [{ label: 5, children: [] }] },
    };
    assert.deepEqual(
      validate(bad).map((error) => error.path),
      [
        '$.files[0].source',
        '$.files[0].destination',
        '$.mode',
        '$.pair',
        '$.pair[2]',
        '$.tags.a',
        '$.when',
        '$.tree.children[0].label',
      ],
    );
    assert.deepEqual(validate('text'), [{ path: '$', message: 'must be object, got string' }]);
  });
});

describe('schema validator', () => {
  it('handles anyOf by reporting the closest option, closed objects and odd keys', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        'a b': {
          anyOf: [{ type: 'string' }, { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] }],
        },
      },
      additionalProperties: false,
    };
    assert.deepEqual(validateAgainstSchema(schema, { 'a b': 'x' }), []);
    assert.deepEqual(validateAgainstSchema(schema, { 'a b': { n: 1.5 } }), [
      { path: '$["a b"].n', message: 'must be integer, got number' },
    ]);
    assert.deepEqual(validateAgainstSchema(schema, { 'a b': true }), [
      { path: '$["a b"]', message: 'matches none of the allowed shapes' },
    ]);
    assert.deepEqual(validateAgainstSchema(schema, { other: 1 }), [
      { path: '$.other', message: 'is not an allowed field' },
    ]);
  });
});
