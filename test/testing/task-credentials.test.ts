// Task `Credentials` (the role Step Functions assumes for a cross-account task): evaluated in each form and handed
// to the mock and to the TaskScheduled event, as LocalStack's and AWS's histories show it (`taskCredentials`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RunnerError, runWorkflow, type TaskCall } from '../../src/testing/index.ts';
import type { JsonObject } from '../../src/testing/json.ts';
import { eventTypes, machine } from './support.ts';

const ROLE = 'arn:aws:iam::111122223333:role/cross-account';
const task = (credentials: JsonObject, head: JsonObject = {}): JsonObject =>
  machine(
    { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Credentials: credentials, End: true } },
    head,
  );

async function seenRole(definition: JsonObject, input: unknown): Promise<{ role?: string; scheduled?: unknown }> {
  let call: TaskCall | undefined;
  const run = await runWorkflow(definition, input, {
    tasks: {
      T: (given) => {
        call = given;
        return {};
      },
    },
  });
  assert.equal(run.status, 'SUCCEEDED', run.cause);
  const scheduled = run.events.find((event) => event.type === 'TaskScheduled')?.taskScheduledEventDetails as
    | { taskCredentials?: unknown }
    | undefined;
  return { ...(call?.credentials && { role: call.credentials.roleArn }), scheduled: scheduled?.taskCredentials };
}

describe('Task Credentials', () => {
  it('a literal RoleArn, a RoleArn.$ path, intrinsic or Context path, and a JSONata RoleArn', async () => {
    const input = { role: ROLE, account: '111122223333' };
    const forms: [JsonObject, JsonObject?][] = [
      [{ RoleArn: ROLE }],
      [{ 'RoleArn.$': '$.role' }],
      [{ 'RoleArn.$': "States.Format('arn:aws:iam::{}:role/cross-account', $.account)" }],
      [{ 'RoleArn.$': '$$.Execution.Input.role' }],
      [{ RoleArn: '{% $states.input.role %}' }, { QueryLanguage: 'JSONata' }],
    ];
    for (const [credentials, head] of forms) {
      const seen = await seenRole(task(credentials, head), input);
      assert.deepEqual(seen, { role: ROLE, scheduled: { roleArn: ROLE } }, JSON.stringify(credentials));
    }
  });
  it('a task without Credentials gives the mock none', async () => {
    const seen = await seenRole(
      machine({ T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } }),
      {},
    );
    assert.deepEqual(seen, { scheduled: undefined });
  });
  it('a path that finds nothing fails the state with States.Runtime before TaskScheduled', async () => {
    const run = await runWorkflow(task({ 'RoleArn.$': '$.nope' }), {}, { tasks: { T: () => ({}) } });
    assert.equal(run.error, 'States.Runtime');
    assert.ok(!eventTypes(run).includes('TaskScheduled'));
  });
  it('a RoleArn that is not a string: States.Runtime (JSONPath), States.QueryEvaluationError (JSONata)', async () => {
    const byPath = await runWorkflow(task({ 'RoleArn.$': '$.role' }), { role: 5 }, { tasks: { T: () => ({}) } });
    assert.equal(byPath.error, 'States.Runtime');
    assert.match(byPath.cause ?? '', /Credentials RoleArn of Task state 'T' must be a non-empty string, got 5/);
    const byJsonata = await runWorkflow(
      task({ RoleArn: '{% $states.input.role %}' }, { QueryLanguage: 'JSONata' }),
      { role: 5 },
      { tasks: { T: () => ({}) } },
    );
    assert.equal(byJsonata.error, 'States.QueryEvaluationError');
  });
  it('refuses Credentials that AWS refuses at creation: empty, or another field (the corpus credentials/ cases)', async () => {
    const refused: JsonObject[] = [{}, { InvalidField: 'invalid' }, { RoleArn: ROLE, 'RoleArn.$': '$.role' }];
    for (const credentials of refused) {
      await assert.rejects(
        runWorkflow(task(credentials), {}, { tasks: { T: () => ({}) } }),
        (error: unknown) =>
          error instanceof RunnerError && /Credentials must be an object with exactly one field/.test(error.message),
      );
    }
  });
});
