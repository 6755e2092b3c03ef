import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { localStackPaths } from '../../src/localstack/index.ts';
import { runCommand } from '../../src/localstack/run-command.ts';
import { installVenvHooks } from '../../src/localstack/venv-hooks.ts';

// What each hook changes, seen from the venv's interpreter: twisted's default listen interface, and the provider's
// activity poll, driven with an activity that has no task for its first two looks.
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
print(name, *((pull(activity), activity.looks) if name.endswith("_often") else ()))
`;

describe('start-up hooks in the LocalStack venv', () => {
  const paths = localStackPaths();
  const inspect = async (env: Record<string, string>) => {
    const { PATH, HOME } = process.env;
    const result = await runCommand(paths.venvPython, ['-W', 'ignore', '-c', INSPECT], { env: { PATH, HOME, ...env } });
    assert.equal(result.code, 0, result.stderr);
    return result.stdout.trim().split('\n');
  };

  it('bind twisted to STEPFORGE_LISTEN_HOST and poll activities every STEPFORGE_ACTIVITY_POLL_SECONDS, only when set', async (context) => {
    if (!existsSync(paths.venvPython)) {
      context.skip('LocalStack is not installed in this checkout yet');
      return;
    }
    installVenvHooks(paths);
    assert.deepEqual(await inspect({ STEPFORGE_LISTEN_HOST: '127.0.0.1', STEPFORGE_ACTIVITY_POLL_SECONDS: '0.01' }), [
      "'127.0.0.1'",
      '_pull_activity_task_often task 3',
    ]);
    // Without the variables LocalStack's own code runs (its poll would sleep a second per look: not called here).
    const [interfaceUnset, pullUnset] = await inspect({});
    assert.equal(interfaceUnset, "''");
    assert.equal(pullUnset, 'StepFunctionsProvider');
  });
});
