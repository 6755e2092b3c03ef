import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it, type TestContext } from 'node:test';
import { localStackPaths } from '../../src/localstack/index.ts';
import { runCommand } from '../../src/localstack/run-command.ts';
import { installVenvHooks } from '../../src/localstack/venv-hooks.ts';

// What each hook changes, seen from the venv's interpreter: twisted's default listen interface, the provider's
// activity poll (driven with an activity that has no task for its first two looks), and the activity handoff.
const INSPECT = `
from twisted.internet import endpoints, reactor
print(repr(endpoints.TCP4ServerEndpoint(reactor, 0)._interface))
import localstack.services.stepfunctions.provider as provider
class Activity:
    looks = 0
    def get_task(self):
        self.looks += 1
        if self.looks < 3:
            raise IndexError()
        return "task"
activity = Activity()
pull = provider.StepFunctionsProvider._pull_activity_task
name = pull.__qualname__.split(".")[0]
print(name, *((pull(activity), activity.looks) if name.endswith("_task") else ()))
`;

// The three ways a queued activity task got lost (see the module): whether the token is registered when the task
// becomes visible to pollers; whether an execution still starting breaks the lookup of the token; whether a poll
// whose client disconnected takes a task.
const HANDOFF = `
import types
import rolo.serving.twisted as rolo_twisted
import localstack.services.stepfunctions.provider as provider
from localstack.services.stepfunctions.asl.eval.callback.callback import CallbackPoolManager
from localstack.services.stepfunctions.backend.activity import Activity
arn = "arn:aws:states:us-east-1:000000000000:activity:a"
arn_b = "arn:aws:states:us-east-1:000000000000:activity:b"
class Watched(Activity):
    def add_task(self, task):
        print("registered before queued:", manager.get(task.task_token) is not None)
        super().add_task(task)
queued = Activity(arn_b, "b")
manager = CallbackPoolManager(activity_store={arn: Watched(arn, "a"), arn_b: queued})
manager.add_activity_task("token-1", arn, "{}")

starting = types.SimpleNamespace(exec_worker=None)
env_not_built = types.SimpleNamespace(exec_worker=types.SimpleNamespace(env=None))
owner = types.SimpleNamespace(exec_worker=types.SimpleNamespace(env=types.SimpleNamespace(callback_pool_manager=manager)))
sfn = provider.StepFunctionsProvider.__new__(provider.StepFunctionsProvider)
sfn._get_executions = lambda context: [starting, env_not_built, owner]
try:
    sfn._send_activity_task_started(None, "token-1", worker_name="w")
    print("started despite executions still starting:", manager.get("token-1").get_activity_task_start_endpoint().wait(0).worker_name)
except Exception as error:
    print("started despite executions still starting:", type(error).__name__)

from twisted.web.http_headers import Headers
environ = {}
address = types.SimpleNamespace(host="127.0.0.1", port=1)
closed = types.SimpleNamespace(_disconnected=True, requestHeaders=Headers(), path=b"/", uri=b"/", getClientAddress=lambda: address)
rolo_twisted.update_wsgi_environment(environ, closed)
manager.add_activity_task("token-2", arn_b, "{}")
sfn._get_executions = lambda context: [owner]
sfn._validate_activity_arn = lambda arn: None
sfn._get_activity = lambda context, activity_arn: queued
context = types.SimpleNamespace(request=types.SimpleNamespace(environ=environ))
answer = sfn.get_activity_task(context, arn_b)
print("a poll whose client left took:", answer.get("taskToken"), "left queued:", len(queued._tasks))
`;

describe('start-up hooks in the LocalStack venv', () => {
  const paths = localStackPaths();
  const hooksInstalled = (context: TestContext) => {
    if (!existsSync(paths.venvPython)) context.skip('LocalStack is not installed in this checkout yet');
    else installVenvHooks(paths);
    return existsSync(paths.venvPython);
  };
  const run = async (code: string, env: Record<string, string>) => {
    const { PATH, HOME } = process.env;
    const result = await runCommand(paths.venvPython, ['-W', 'ignore', '-c', code], { env: { PATH, HOME, ...env } });
    assert.equal(result.code, 0, result.stderr);
    return result.stdout.trim().split('\n');
  };

  it('bind twisted to STEPFORGE_LISTEN_HOST and poll activities every STEPFORGE_ACTIVITY_POLL_SECONDS, only when set', async (context) => {
    if (!hooksInstalled(context)) return;
    assert.deepEqual(
      await run(INSPECT, { STEPFORGE_LISTEN_HOST: '127.0.0.1', STEPFORGE_ACTIVITY_POLL_SECONDS: '0.01' }),
      ["'127.0.0.1'", '_pull_activity_task task 3'],
    );
    // Without the variables LocalStack's own code runs (its poll would sleep a second per look: not called here).
    const [interfaceUnset, pullUnset] = await run(INSPECT, {});
    assert.equal(interfaceUnset, "''");
    assert.equal(pullUnset, 'StepFunctionsProvider');
  });

  it('STEPFORGE_ACTIVITY_HANDOFF: a task is queued only once its token is known, survives starting executions, and goes to no departed client', async (context) => {
    if (!hooksInstalled(context)) return;
    assert.deepEqual(await run(HANDOFF, { STEPFORGE_ACTIVITY_POLL_SECONDS: '0.01', STEPFORGE_ACTIVITY_HANDOFF: '1' }), [
      'registered before queued: True',
      'started despite executions still starting: w',
      'a poll whose client left took: None left queued: 1',
    ]);
    // LocalStack's own code: the token is registered after the task is queued, a starting execution breaks the
    // lookup, and a poll takes the task whoever is listening (this one's client left).
    assert.deepEqual(await run(HANDOFF, { STEPFORGE_ACTIVITY_POLL_SECONDS: '0.01' }), [
      'registered before queued: False',
      'started despite executions still starting: AttributeError',
      'a poll whose client left took: token-2 left queued: 0',
    ]);
  });
});
