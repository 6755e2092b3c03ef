// The generator on workflows written with the real DSL (the other tests use hand-made seam objects).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { generate } from '../../src/generator/index.ts';

const fixtures = new URL('../fixtures/generator/', import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), 'stepforge-dsl-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('generate on DSL workflows', () => {
  it('compiles the ASL and reads the input schema from workflow<Order>', async () => {
    const outcome = await generate({
      projectRoot: root,
      workflowsDir: join(fixtures, 'dsl/workflows'),
      secondOpinion: false,
    });
    assert.deepEqual(outcome.findings, []);
    const asl = JSON.parse(outcome.files.get('build/asl/orders.asl.json')!);
    assert.equal(asl.StartAt, 'Normalize');
    assert.deepEqual(Object.keys(asl.States), ['Normalize', 'Big?', 'Yes', 'No']);
    const schema = JSON.parse(outcome.files.get('build/schema/orders.input.json')!);
    assert.equal(schema.description, 'An order as the shop sends it.');
    assert.deepEqual(schema.required, ['order']);
    assert.deepEqual(schema.properties.order.properties.channel, { enum: ['web', 'store'] });
    assert.equal(schema.properties.order.properties.items.description, 'Line items, at least one.');
  });

  it('names the line of the DSL call that created an unreachable state', async () => {
    const outcome = await generate({
      projectRoot: root,
      workflowsDir: join(fixtures, 'dsl-broken/workflows'),
      secondOpinion: false,
    });
    const [finding] = outcome.findings;
    assert.equal(finding?.code, 'UNREACHABLE_STATE');
    assert.equal(finding?.statePath, 'Forgotten');
    assert.match(finding!.location!.file, /dsl-broken\/workflows\/leftover\.ts$/);
    assert.equal(finding!.location!.line, 5);
  });
});
