// The small pieces under the routes: the route table's schema checks, cursors, bearer comparison, execution ARNs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { constantTimeEqual, decodeCursor, encodeCursor, HttpProblem, requireBearer } from '../../src/server/http/index.ts';
import { executionArnFor } from '../../src/server/sfn/index.ts';
import { validateJsonSchema } from '../../src/server/validation/index.ts';

const STATE_MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:orders';

describe('route-table schema checks', () => {
  test('names the path of each issue', () => {
    const schema = {
      type: 'object',
      required: ['a'],
      properties: { a: { type: 'array', items: { type: 'string', pattern: '^x' } }, 'odd key': { type: 'integer', maximum: 3 } },
    };
    assert.deepEqual(validateJsonSchema(schema, { a: ['xa', 'b'], 'odd key': 4 }), [
      { path: 'a[1]', message: 'must match ^x' },
      { path: '["odd key"]', message: 'must be <= 3' },
    ]);
    assert.deepEqual(validateJsonSchema(schema, {}), [{ path: 'a', message: 'is required' }]);
    assert.deepEqual(validateJsonSchema({ type: 'integer' }, 1.5), [{ path: '', message: 'must be integer, got number' }]);
  });

  test('enum, const, $ref, anyOf and additionalProperties', () => {
    const schema = {
      $defs: { level: { enum: ['low', 'high'] } },
      type: 'object',
      additionalProperties: false,
      properties: { level: { $ref: '#/$defs/level' }, kind: { const: 'k' }, size: { anyOf: [{ type: 'integer' }, { type: 'null' }] } },
    };
    assert.deepEqual(validateJsonSchema(schema, { level: 'low', kind: 'k', size: null }), []);
    assert.deepEqual(
      validateJsonSchema(schema, { level: 'mid', kind: 'j', size: 'big', extra: 1 }).map((issue) => issue.path),
      ['level', 'kind', 'size', 'extra'],
    );
  });
});

describe('cursors', () => {
  test('round-trip both kinds and refuse anything else, naming the parameter', () => {
    assert.deepEqual(decodeCursor(encodeCursor({ token: 'abc/+=' })), { token: 'abc/+=' });
    assert.deepEqual(decodeCursor(encodeCursor({ offset: 42 })), { offset: 42 });
    assert.equal(decodeCursor(undefined), undefined);
    for (const bad of ['%%%', encodeCursor({ offset: 1 }).slice(0, -2), btoa('{"o":-1}')]) {
      assert.throws(() => decodeCursor(bad), (error: unknown) => error instanceof HttpProblem && error.status === 400 && /^cursor: /.test(error.detail));
    }
  });
});

describe('bearer auth', () => {
  test('constant-time comparison is still a comparison', () => {
    assert.equal(constantTimeEqual('token', 'token'), true);
    assert.equal(constantTimeEqual('token', 'tokem'), false);
    assert.equal(constantTimeEqual('token', 'token2'), false);
    assert.equal(constantTimeEqual('', 'x'), false);
    assert.equal(constantTimeEqual('ü', 'u'), false);
  });

  test('no configured token lets everything through; otherwise 401 / 403', () => {
    assert.doesNotThrow(() => requireBearer(undefined, undefined));
    assert.throws(() => requireBearer('t', undefined), (error: unknown) => error instanceof HttpProblem && error.status === 401);
    assert.throws(() => requireBearer('t', 'Bearer u'), (error: unknown) => error instanceof HttpProblem && error.status === 403);
    assert.doesNotThrow(() => requireBearer('t', 'bearer t'));
  });
});

describe('execution ARNs', () => {
  test('from a name, or a full ARN of the same state machine', () => {
    assert.equal(executionArnFor(STATE_MACHINE, 'run-1'), 'arn:aws:states:us-east-1:000000000000:execution:orders:run-1');
    const arn = 'arn:aws:states:us-east-1:000000000000:execution:orders:run-2';
    assert.equal(executionArnFor(STATE_MACHINE, arn), arn);
    assert.throws(() => executionArnFor(STATE_MACHINE, 'arn:aws:states:us-east-1:000000000000:execution:ordersX:run'), /404 Not Found/);
    assert.throws(() => executionArnFor(STATE_MACHINE, 'a b'), /400 Bad Request: execution: /);
  });
});
