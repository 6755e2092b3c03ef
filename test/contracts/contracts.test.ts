// The pure contracts: canonical JSON, the string order, and the one reader of deployment.json.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canonicalJson,
  compareCodeUnits,
  DeploymentFileError,
  parseDeployment,
  sameJson,
} from '../../src/contracts/index.ts';

describe('canonical JSON', () => {
  it('sorts keys at every level and drops spacing', () => {
    assert.equal(canonicalJson({ b: 1, a: [{ d: 2, c: null }], é: true }), '{"a":[{"c":null,"d":2}],"b":1,"é":true}');
    assert.equal(sameJson('{ "b": 1, "a": { "y": [1, 2], "x": "s" } }', { a: { x: 's', y: [1, 2] }, b: 1 }), true);
    assert.equal(sameJson('{"a": [2, 1]}', { a: [1, 2] }), false, 'array order matters');
  });

  it('treats undefined as JSON.stringify does, so a value and its JSON text compare equal', () => {
    const value = { keep: 1, drop: undefined, list: [undefined, 2] };
    assert.equal(canonicalJson(value), '{"keep":1,"list":[null,2]}');
    assert.equal(sameJson(JSON.stringify(value), value), true);
    assert.equal(canonicalJson(undefined), 'null');
  });

  it('is false, not an error, for text that is not JSON', () => {
    assert.equal(sameJson('{ broken', {}), false);
    assert.equal(sameJson(undefined, null), true);
  });
});

describe('compareCodeUnits', () => {
  it('orders as < does, independent of locale: upper case before lower, "a" before "aa"', () => {
    assert.deepEqual(['b', 'aa', 'B', 'a', 'ä', 'A'].sort(compareCodeUnits), ['A', 'B', 'a', 'aa', 'b', 'ä']);
    assert.equal(compareCodeUnits('x', 'x'), 0);
  });
});

describe('parseDeployment', () => {
  const arn = 'arn:aws:states:us-east-1:000000000000:stateMachine:orders';

  it('reads what deploy writes, from text or from a parsed value', () => {
    const written = {
      endpoint: null,
      region: 'us-east-1',
      prefix: '',
      workflows: { orders: { stateMachineArn: arn, asl: 'asl/orders.asl.json', tasks: ['consume'] } },
      activities: { 'stepforge-consume': 'arn:aws:states:us-east-1:000000000000:activity:stepforge-consume' },
      queues: { jobs: { url: 'http://q/jobs', arn: 'arn:aws:sqs:us-east-1:000000000000:jobs' } },
      buckets: { media: 'media' },
    };
    assert.deepEqual(parseDeployment(JSON.stringify(written)), written);
    assert.deepEqual(parseDeployment(written), written);
  });

  it('accepts a partial file: absent sections read as empty, an absent task list as none', () => {
    assert.deepEqual(parseDeployment(JSON.stringify({ workflows: { orders: { stateMachineArn: arn } } })), {
      workflows: { orders: { stateMachineArn: arn, tasks: [] } },
      activities: {},
      queues: {},
      buckets: {},
    });
  });

  it('names the source and the field at fault', () => {
    const problem = (value: unknown) => {
      try {
        parseDeployment(value, 'build/deployment.json');
      } catch (error) {
        assert.ok(error instanceof DeploymentFileError);
        return error.message;
      }
      assert.fail('accepted');
    };
    assert.match(problem('{ broken'), /^build\/deployment\.json: is not valid JSON \(/);
    assert.equal(problem('[]'), 'build/deployment.json: must be a JSON object');
    assert.equal(problem({ endpoint: 4566 }), 'build/deployment.json: endpoint must be a URL or null');
    assert.equal(
      problem({ workflows: [] }),
      'build/deployment.json: workflows must be an object of logical name -> resource',
    );
    assert.equal(
      problem({ workflows: { w: { stateMachineArn: 'x' } } }),
      'build/deployment.json: workflows.w.stateMachineArn must be a state machine ARN',
    );
    assert.equal(
      problem({ workflows: { w: { stateMachineArn: arn, tasks: 'consume' } } }),
      'build/deployment.json: workflows.w.tasks must be a list of task names',
    );
    assert.equal(
      problem({ queues: { q: { arn: 'a' } } }),
      'build/deployment.json: queues.q must be an object { url, arn?, dlqUrl?, dlqArn? }',
    );
    assert.equal(problem({ activities: { a: 1 } }), 'build/deployment.json: activities.a must be a string');
  });
});
