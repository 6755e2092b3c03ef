import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LocalStackError, parseServiceList, servicesToRun, STARTED_SERVICES } from '../../src/localstack/index.ts';
import { localStackEnvironment } from '../../src/localstack/runtime-env.ts';
import { localStackPaths } from '../../src/localstack/state-paths.ts';

describe('the services a LocalStack runs', () => {
  it('adds --services and the environment SERVICES to ours, each once, ours first', () => {
    assert.deepEqual(servicesToRun(['cloudformation', 'iam', 'sqs'], 'iam, events'), [...STARTED_SERVICES, 'cloudformation', 'iam', 'events']);
    assert.deepEqual(servicesToRun(), [...STARTED_SERVICES]);
  });

  it('refuses a name LocalStack cannot have, naming where it came from', () => {
    assert.throws(() => parseServiceList('cloudformation,IAM', '--services'), (error: Error) => {
      assert.ok(error instanceof LocalStackError);
      assert.match(error.message, /^--services: "IAM" is not a LocalStack service name/);
      return true;
    });
    assert.throws(() => servicesToRun([], 's3;sqs'), { message: /^SERVICES: "s3;sqs" is not/ });
  });

  it('hands LocalStack the whole list in SERVICES, whatever the environment said', () => {
    const env = localStackEnvironment(localStackPaths(4599), 4599, { SERVICES: 'iam' }, servicesToRun(['cloudformation'], 'iam'));
    assert.equal(env.SERVICES, [...STARTED_SERVICES, 'cloudformation', 'iam'].join(','));
    assert.equal(localStackEnvironment(localStackPaths(4599), 4599, { SERVICES: 'iam' }).SERVICES, STARTED_SERVICES.join(','));
  });
});
