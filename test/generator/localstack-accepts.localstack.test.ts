// Integration: what the generator writes (and its analyser passes) is accepted by Step Functions on LocalStack.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CreateStateMachineCommand, DeleteStateMachineCommand, DescribeStateMachineCommand } from '@aws-sdk/client-sfn';
import { createSfnClient } from '../../src/aws/index.ts';
import { generate } from '../../src/generator/index.ts';
import { resolvePlaceholders } from '../../src/generator/write/serverless.ts';
import type { JsonValue } from '../../src/generator/asl/json.ts';

const fixtures = new URL('../fixtures/generator/', import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), 'stepforge-accept-'));
const sfn = createSfnClient();
const created: string[] = [];
after(async () => {
  for (const arn of created)
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn })).catch(() => undefined);
  rmSync(root, { recursive: true, force: true });
});

describe('generated ASL on LocalStack', () => {
  for (const folder of ['valid/workflows', 'dsl/workflows']) {
    it(`CreateStateMachine accepts every workflow of ${folder}`, async () => {
      const outcome = await generate({ projectRoot: root, workflowsDir: join(fixtures, folder), secondOpinion: false });
      assert.ok(!outcome.findings.some((finding) => finding.severity === 'error'));
      for (const workflow of outcome.workflows) {
        const definition = JSON.stringify(
          resolvePlaceholders(JSON.parse(outcome.files.get(`build/asl/${workflow.name}.asl.json`)!) as JsonValue),
        );
        const name = `gen-${workflow.name}-${randomBytes(4).toString('hex')}`;
        const { stateMachineArn } = await sfn.send(
          new CreateStateMachineCommand({
            name,
            definition,
            type: workflow.type,
            roleArn: 'arn:aws:iam::000000000000:role/stepforge-generator-test',
          }),
        );
        created.push(stateMachineArn!);
        const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
        assert.deepEqual(JSON.parse(described.definition!), JSON.parse(definition));
      }
    });
  }
});
