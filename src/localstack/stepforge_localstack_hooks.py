"""Start-up hooks that make the project's LocalStack behave like AWS where its code falls short.

Imported at interpreter start-up through `stepforge_localstack_hooks.pth` in the venv. Each hook does nothing unless
its variable is set, which only the LocalStack process started by stepforge has (src/localstack/runtime-env.ts).

STEPFORGE_LISTEN_HOST: LocalStack's default HTTP server (twisted) ignores the host of GATEWAY_LISTEN for IPv4 (its
source creates `endpoints.TCP4ServerEndpoint(reactor, port)` with the comment "TODO: interface = host?") and listens
on 0.0.0.0. Its alternative server (hypercorn) binds correctly but serves about 30% fewer requests per second
(SendMessageBatch: ~1,900 vs ~2,700 messages/s). The hook gives TCP4ServerEndpoint that host as its default interface.

STEPFORGE_ACTIVITY_POLL_SECONDS: LocalStack's GetActivityTask looks for a queued task, and when there is none sleeps a
whole second before looking again (`time.sleep(1)` in StepFunctionsProvider._pull_activity_task). A worker that
polls again right after finishing a task, a moment before Step Functions queues the next one, so waits up to a second
for it; AWS answers a waiting poll as soon as a task is scheduled. The hook looks every POLL seconds instead, for the
same 60 seconds in all.
"""

import importlib.abc
import importlib.util
import os
import sys
import time

_LISTEN_HOST = os.environ.get("STEPFORGE_LISTEN_HOST")
_ACTIVITY_POLL_SECONDS = os.environ.get("STEPFORGE_ACTIVITY_POLL_SECONDS")
_STEPFUNCTIONS_PROVIDER = "localstack.services.stepfunctions.provider"
_ACTIVITY_POLL_TOTAL_SECONDS = 60

if _LISTEN_HOST:
    from twisted.internet import endpoints

    _original_init = endpoints.TCP4ServerEndpoint.__init__

    def _init_on_host(self, reactor, port, backlog=50, interface=""):
        _original_init(self, reactor, port, backlog, interface or _LISTEN_HOST)

    endpoints.TCP4ServerEndpoint.__init__ = _init_on_host


def _pull_activity_task_often(poll_seconds):
    def pull(activity):
        deadline = time.monotonic() + _ACTIVITY_POLL_TOTAL_SECONDS
        while time.monotonic() < deadline:
            try:
                return activity.get_task()
            except IndexError:
                time.sleep(poll_seconds)
        return None

    return staticmethod(pull)


class _PatchStepFunctionsProvider(importlib.abc.MetaPathFinder):
    """Patches the provider module right after it is first executed (it is loaded late, by LocalStack's plugins)."""

    def __init__(self, poll_seconds):
        self.poll_seconds = poll_seconds

    def find_spec(self, name, path, target=None):
        if name != _STEPFUNCTIONS_PROVIDER:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        execute = spec.loader.exec_module
        poll_seconds = self.poll_seconds

        def exec_module(module):
            execute(module)
            module.StepFunctionsProvider._pull_activity_task = _pull_activity_task_often(poll_seconds)

        spec.loader.exec_module = exec_module
        return spec


if _ACTIVITY_POLL_SECONDS:
    sys.meta_path.insert(0, _PatchStepFunctionsProvider(float(_ACTIVITY_POLL_SECONDS)))
