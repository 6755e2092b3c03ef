// The example workflows of workflows/ (CONTRACT.md) compile and pass the analyser, LocalStack target included.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generate } from '../../src/generator/index.ts';

const root = new URL('../../', import.meta.url).pathname;
const EXAMPLES = ['artifact-pipeline', 'bucket-to-queue', 'daily-events', 'media-archive', 'showcase'];

describe('example workflows', () => {
  it('all five generate with no analyser error', async () => {
    const outcome = await generate({ projectRoot: root, target: 'localstack', secondOpinion: true });
    const names = outcome.workflows.map((workflow) => workflow.name);
    for (const name of EXAMPLES) assert.ok(names.includes(name), `workflows/ exports "${name}"`);
    const errors = outcome.findings.filter((finding) => finding.severity === 'error');
    assert.deepEqual(errors, []);
    for (const name of EXAMPLES) {
      const schema = JSON.parse(outcome.files.get(`build/schema/${name}.input.json`)!);
      assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    }
  });
});
