// Declared queues with a DLQ, through the generator: the manifest deploy reads and the Serverless resources.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import YAML from 'yaml';
import { placeholder, type QueueDeclaration, workflow } from '../../src/dsl/index.ts';
import { GenerateError } from '../../src/generator/index.ts';
import { manifestOf } from '../../src/generator/write/manifest.ts';
import type { CompiledWorkflow } from '../../src/generator/write/project.ts';
import { toServerlessYaml } from '../../src/generator/write/serverless.ts';

function compiled(name: string, queues: readonly QueueDeclaration[]): CompiledWorkflow {
  const declared = workflow(name, { resources: { queues } });
  declared.pass('Where', { parameters: { queue: placeholder.queueUrl('jobs') } });
  return { name, type: 'STANDARD', asl: declared.toAsl() as never, resources: declared.resources(), tasks: [] };
}

describe('declared DLQs in the generator output', () => {
  const workflows = [
    compiled('standard', [{ name: 'jobs', deadLetter: { maxReceiveCount: 3 } }]),
    compiled('ordered', [{ name: 'ordered.fifo', fifo: true, deadLetter: {} }]),
  ];

  it('the manifest carries each DLQ with its maxReceiveCount', () => {
    const manifest = manifestOf(workflows) as { queues: unknown };
    assert.deepEqual(manifest.queues, [
      { name: 'jobs', fifo: false, dlq: { name: 'jobs-dlq', maxReceiveCount: 3 } },
      { name: 'ordered.fifo', fifo: true, dlq: { name: 'ordered-dlq.fifo', maxReceiveCount: 5 } },
    ]);
  });

  it('serverless-localstack.yml declares the DLQ and a RedrivePolicy pointing at it', () => {
    const resources = YAML.parse(toServerlessYaml(workflows)).resources.Resources;
    assert.deepEqual(resources.QueueJobsDlq, {
      Type: 'AWS::SQS::Queue',
      Properties: { QueueName: 'jobs-dlq', MessageRetentionPeriod: 1209600 },
    });
    assert.deepEqual(resources.QueueJobs.Properties, {
      QueueName: 'jobs',
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['QueueJobsDlq', 'Arn'] }, maxReceiveCount: 3 },
    });
    assert.deepEqual(resources.QueueOrderedDlqFifo.Properties, {
      QueueName: 'ordered-dlq.fifo',
      FifoQueue: true,
      MessageRetentionPeriod: 1209600,
    });
    assert.deepEqual(resources.QueueOrderedFifo.Properties.RedrivePolicy, {
      deadLetterTargetArn: { 'Fn::GetAtt': ['QueueOrderedDlqFifo', 'Arn'] },
      maxReceiveCount: 5,
    });
  });

  it('two workflows that give one queue different DLQs are refused, naming both', () => {
    const clashing = [...workflows, compiled('other', [{ name: 'jobs', deadLetter: { maxReceiveCount: 9 } }])];
    assert.throws(
      () => manifestOf(clashing),
      (error: unknown) =>
        error instanceof GenerateError &&
        /queue "jobs": workflow "standard" declares it with DLQ "jobs-dlq" \(maxReceiveCount 3\), workflow "other" with DLQ "jobs-dlq" \(maxReceiveCount 9\)/.test(
          error.message,
        ),
    );
    const dlqAsQueue = [...workflows, compiled('reader', ['jobs-dlq'])];
    assert.throws(
      () => toServerlessYaml(dlqAsQueue),
      /queue "jobs-dlq" is the DLQ of "jobs" in workflow "standard" and a queue of its own in workflow "reader"/,
    );
  });
});
