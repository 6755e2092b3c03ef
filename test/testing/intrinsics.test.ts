// The 18 intrinsic functions, evaluated as a Pass state's Parameters would.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callIntrinsic } from '../../src/testing/intrinsics.ts';
import type { JsonValue } from '../../src/testing/json.ts';
import { seeded } from '../../src/testing/random.ts';

const data = { n: 3, sku: 'ab', list: [1, 2, 2, 3], obj: { a: 1 }, text: 'a.b+c', json: '{"k":[1]}' };
const call = (text: string, random = seeded(7)): JsonValue =>
  callIntrinsic(text, {
    data,
    context: { State: { Name: 'S' } },
    variable: (name) => (name === 'v' ? 'var' : undefined),
    random,
  });

describe('intrinsic functions', () => {
  it('States.Format, with escapes, paths, variables and nesting', () => {
    assert.equal(call("States.Format('{} x {}', $.n, $.sku)"), '3 x ab');
    assert.equal(call("States.Format('\\{literal\\} {} {}', $v, $$.State.Name)"), '{literal} var S');
    assert.equal(call("States.Format('n={}', States.MathAdd($.n, 1))"), 'n=4');
    assert.throws(() => call("States.Format('{} {}', 1)"), /States.IntrinsicFailure/);
    assert.equal(call("States.Format('{} {} {}', $.obj, States.Array(1, 'x'), 1.5)"), '{a=1} [1, x] 1.5');
  });
  it('JSON: StringToJson, JsonToString, JsonMerge (shallow only)', () => {
    assert.deepEqual(call('States.StringToJson($.json)'), { k: [1] });
    assert.equal(call('States.JsonToString($.obj)'), '{"a":1}');
    assert.deepEqual(call('States.JsonMerge($.obj, States.StringToJson(\'{"b":2}\'), false)'), { a: 1, b: 2 });
    assert.throws(() => call('States.JsonMerge($.obj, $.obj, true)'), /shallow/);
  });
  it('arrays: Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength, ArrayUnique', () => {
    assert.deepEqual(call("States.Array(1, 'two', $.obj, null, true)"), [1, 'two', { a: 1 }, null, true]);
    assert.deepEqual(call('States.ArrayPartition($.list, 3)'), [[1, 2, 2], [3]]);
    assert.equal(call('States.ArrayContains($.list, 3)'), true);
    assert.equal(call('States.ArrayContains($.list, 9)'), false);
    assert.deepEqual(call('States.ArrayRange(1, 9, 3)'), [1, 4, 7]);
    assert.deepEqual(call('States.ArrayRange(5, 1, -2)'), [5, 3, 1]);
    assert.throws(() => call('States.ArrayRange(1, 5000, 1)'), /1000/);
    assert.equal(call('States.ArrayGetItem($.list, 3)'), 3);
    assert.throws(() => call('States.ArrayGetItem($.list, 4)'), /out of bounds/);
    assert.equal(call('States.ArrayLength($.list)'), 4);
    assert.deepEqual(call('States.ArrayUnique($.list)'), [1, 2, 3]);
  });
  it('encoding and hashing: Base64Encode, Base64Decode, Hash', () => {
    assert.equal(call("States.Base64Encode('Data to encode')"), 'RGF0YSB0byBlbmNvZGU=');
    assert.equal(call("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')"), 'Data to encode');
    assert.equal(call("States.Hash('input data', 'SHA-1')"), 'aaff4a450a104cd177d28d18d74485e8cae074b7');
    assert.throws(() => call("States.Hash('x', 'CRC32')"), /algorithm/);
    assert.throws(() => call("States.Hash($.obj, 'MD5')"), /must be a string/);
  });
  it('math and strings: MathRandom (seeded), MathAdd, StringSplit, UUID (seeded)', () => {
    const first = call('States.MathRandom(1, 10)');
    assert.equal(call('States.MathRandom(1, 10)'), first);
    assert.ok(typeof first === 'number' && first >= 1 && first < 10);
    assert.equal(call('States.MathRandom(0, 1000, 42)'), call('States.MathRandom(0, 1000, 42)', seeded(99)));
    assert.equal(call('States.MathAdd(-2, 5)'), 3);
    assert.equal(call('States.MathAdd(1.5, 1)'), 3);
    assert.throws(() => call("States.MathAdd('1', 1)"), /number/);
    assert.deepEqual(call("States.StringSplit($.text, '.+')"), ['a', 'b', 'c']);
    const uuid = call('States.UUID()');
    assert.match(String(uuid), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(call('States.UUID()'), uuid);
  });
  it('refuses unknown functions and bad syntax with States.IntrinsicFailure', () => {
    assert.throws(() => call('States.Nope(1)'), /States.IntrinsicFailure/);
    assert.throws(() => call("States.Format('x'"), /States.IntrinsicFailure/);
  });
});
