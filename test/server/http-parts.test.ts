// The small pieces under the routes: the route table's schema checks, cursors, bearer comparison, execution ARNs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkApiToken,
  createCursorCodec,
  depthExceededAt,
  HttpProblem,
  isJsonMediaType,
  parseJsonBody,
} from '../../src/server/http/index.ts';
import { executionArnFor } from '../../src/server/sfn/index.ts';
import { validateJsonSchema } from '../../src/server/validation/index.ts';

const STATE_MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:orders';

describe('route-table schema checks', () => {
  test('names the path of each issue', () => {
    const schema = {
      type: 'object',
      required: ['a'],
      properties: {
        a: { type: 'array', items: { type: 'string', pattern: '^x' } },
        'odd key': { type: 'integer', maximum: 3 },
      },
    };
    assert.deepEqual(validateJsonSchema(schema, { a: ['xa', 'b'], 'odd key': 4 }), [
      { path: 'a[1]', message: 'must match ^x' },
      { path: '["odd key"]', message: 'must be <= 3' },
    ]);
    assert.deepEqual(validateJsonSchema(schema, {}), [{ path: 'a', message: 'is required' }]);
    assert.deepEqual(validateJsonSchema({ type: 'integer' }, 1.5), [
      { path: '', message: 'must be integer, got number' },
    ]);
  });

  test('enum, const, $ref, anyOf and additionalProperties', () => {
    const schema = {
      $defs: { level: { enum: ['low', 'high'] } },
      type: 'object',
      additionalProperties: false,
      properties: {
        level: { $ref: '#/$defs/level' },
        kind: { const: 'k' },
        size: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
      },
    };
    assert.deepEqual(validateJsonSchema(schema, { level: 'low', kind: 'k', size: null }), []);
    assert.deepEqual(
      validateJsonSchema(schema, { level: 'mid', kind: 'j', size: 'big', extra: 1 }).map((issue) => issue.path),
      ['level', 'kind', 'size', 'extra'],
    );
  });
});

describe('cursors', () => {
  const codec = createCursorCodec('test-secret');
  const refused = (error: unknown) =>
    error instanceof HttpProblem && error.status === 400 && /^cursor: /.test(error.detail);

  test('round-trip both kinds within their listing', async () => {
    assert.deepEqual(await codec.decode(await codec.encode({ token: 'abc/+=' }, 'list:a'), 'list:a'), {
      token: 'abc/+=',
    });
    assert.deepEqual(await codec.decode(await codec.encode({ offset: 42 }, 'list:a'), 'list:a'), { offset: 42 });
    assert.equal(await codec.decode(undefined, 'list:a'), undefined);
  });

  test('refuse a cursor the server did not issue, or issued for another listing or by another key', async () => {
    const issued = await codec.encode({ offset: 1 }, 'list:a');
    const forged = [
      '%%%',
      btoa('{"t":"x"}'),
      btoa('{"o":-1}'),
      `${btoa('{"t":"x"}').replace(/=+$/, '')}.AAAAAAAAAAAAAAAAAAAAAA`,
      issued.slice(0, -2),
      `${issued}.x`,
      await createCursorCodec('another-secret').encode({ offset: 1 }, 'list:a'),
    ];
    for (const bad of forged) await assert.rejects(codec.decode(bad, 'list:a'), refused, bad);
    await assert.rejects(codec.decode(issued, 'list:b'), refused);
  });

  test('without a secret, each codec has a key of its own', async () => {
    const one = createCursorCodec();
    await assert.rejects(createCursorCodec().decode(await one.encode({ offset: 3 }, 's'), 's'), refused);
    assert.deepEqual(await one.decode(await one.encode({ offset: 3 }, 's'), 's'), { offset: 3 });
  });
});

describe('JSON bodies', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  const status = (run: () => unknown) => {
    try {
      run();
      return 0;
    } catch (error) {
      return error instanceof HttpProblem ? error.status : -1;
    }
  };

  test('depth is measured without recursion, ignoring brackets inside strings', () => {
    assert.equal(depthExceededAt('{"a":[1,{"b":2}]}', 3), -1);
    assert.equal(depthExceededAt('{"a":[1,{"b":2}]}', 2), 8);
    assert.equal(depthExceededAt('{"a":"[[[[{{{{\\"}', 1), -1);
    assert.equal(depthExceededAt('{"a":"\\"[[["}', 1), -1);
    assert.equal(depthExceededAt('['.repeat(1_000_000), 64), 64);
  });

  test('application/json and +json types in UTF-8 only', () => {
    for (const type of [
      'application/json',
      'Application/JSON; charset=utf-8',
      'application/merge-patch+json',
      'application/json;charset="UTF-8"',
    ]) {
      assert.equal(isJsonMediaType(type), true, type);
    }
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin1',
      'application/jsonp',
    ]) {
      assert.equal(isJsonMediaType(type), false, type);
    }
  });

  test('415 for another type, 400 for bad UTF-8, deep nesting or bad JSON; empty is undefined', () => {
    assert.equal(
      status(() => parseJsonBody(bytes('{}'), 'text/plain;charset=UTF-8')),
      415,
    );
    assert.equal(
      status(() => parseJsonBody(bytes('{}'), null)),
      415,
    );
    assert.equal(
      status(() => parseJsonBody(bytes(''), 'text/plain')),
      415,
    );
    assert.equal(parseJsonBody(bytes(''), null), undefined);
    assert.equal(
      status(() =>
        parseJsonBody(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), 'application/json'),
      ),
      400,
    );
    assert.equal(
      status(() => parseJsonBody(bytes(`${'['.repeat(65)}${']'.repeat(65)}`), 'application/json')),
      400,
    );
    assert.deepEqual(
      parseJsonBody(bytes(`${'['.repeat(64)}${']'.repeat(64)}`), 'application/json'),
      JSON.parse(`${'['.repeat(64)}${']'.repeat(64)}`),
    );
    assert.equal(
      status(() => parseJsonBody(bytes('{"a":'), 'application/json')),
      400,
    );
  });
});

describe('bearer token', () => {
  test('a configured token must be one a client can send as a bearer token', () => {
    assert.doesNotThrow(() => checkApiToken('s3cret-token.v1~/+='));
    assert.throws(() => checkApiToken('has space'), /^Error: STEPFORGE_API_TOKEN: /);
    assert.throws(() => checkApiToken('quote"'), /STEPFORGE_API_TOKEN/);
  });
});

describe('execution ARNs', () => {
  test('from a name, or a full ARN of the same state machine', () => {
    assert.equal(
      executionArnFor(STATE_MACHINE, 'run-1'),
      'arn:aws:states:us-east-1:000000000000:execution:orders:run-1',
    );
    const arn = 'arn:aws:states:us-east-1:000000000000:execution:orders:run-2';
    assert.equal(executionArnFor(STATE_MACHINE, arn), arn);
    assert.throws(
      () => executionArnFor(STATE_MACHINE, 'arn:aws:states:us-east-1:000000000000:execution:ordersX:run'),
      /404 Not Found/,
    );
    assert.throws(() => executionArnFor(STATE_MACHINE, 'a b'), /400 Bad Request: execution: /);
  });
});
