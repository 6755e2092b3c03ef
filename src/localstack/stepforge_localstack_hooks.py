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

STEPFORGE_ACTIVITY_HANDOFF: three ways LocalStack's GetActivityTask takes a task off the activity's queue and then
loses it, so that the execution waits for it until the state's timeout (States.Timeout):
- `CallbackPoolManager.add_activity_task` queues the task before it registers the task token; a poll that takes it in
  between finds no execution owning the token and answers InvalidToken (or HTTP 500, below): the task is gone. The
  hook registers the token first.
- `_send_activity_task_started` looks the token up in every execution, including one whose StartExecution is still
  running (no `exec_worker` or no `env` yet): AttributeError, HTTP 500, which the AWS SDKs retry silently while the
  task they were handed is gone. The hook skips executions not started yet (they cannot own a token).
- A poll keeps looking for 60 s after its client went away (killed worker, aborted request, client timeout), and the
  task it then takes is written to a closed connection. The hook stops a poll whose client disconnected (twisted
  notices the connection close while the request runs) instead of taking a task for it.
"""

import importlib.abc
import importlib.util
import os
import sys
import threading
import time

_LISTEN_HOST = os.environ.get("STEPFORGE_LISTEN_HOST")
_ACTIVITY_POLL_SECONDS = os.environ.get("STEPFORGE_ACTIVITY_POLL_SECONDS")
_ACTIVITY_HANDOFF = os.environ.get("STEPFORGE_ACTIVITY_HANDOFF") == "1"
_STEPFUNCTIONS_PROVIDER = "localstack.services.stepfunctions.provider"
_ROLO_TWISTED = "rolo.serving.twisted"
_ACTIVITY_POLL_TOTAL_SECONDS = 60
_TWISTED_REQUEST_KEY = "stepforge.twisted_request"

if _LISTEN_HOST:
    from twisted.internet import endpoints

    _original_init = endpoints.TCP4ServerEndpoint.__init__

    def _init_on_host(self, reactor, port, backlog=50, interface=""):
        _original_init(self, reactor, port, backlog, interface or _LISTEN_HOST)

    endpoints.TCP4ServerEndpoint.__init__ = _init_on_host


# Whether the client of the GetActivityTask this thread serves has gone (set per request by the handoff hook).
_poll_client = threading.local()


def _client_gone():
    gone = getattr(_poll_client, "gone", None)
    return gone is not None and gone()


def _pull_activity_task(poll_seconds):
    def pull(activity):
        deadline = time.monotonic() + _ACTIVITY_POLL_TOTAL_SECONDS
        while time.monotonic() < deadline and not _client_gone():
            try:
                return activity.get_task()
            except IndexError:
                time.sleep(poll_seconds)
        return None

    return staticmethod(pull)


def _patch_pull(provider_module, poll_seconds):
    provider_module.StepFunctionsProvider._pull_activity_task = _pull_activity_task(poll_seconds)


def _patch_activity_handoff(provider_module):
    from localstack.services.stepfunctions.asl.eval.callback import callback
    from localstack.services.stepfunctions.backend.activity import ActivityTask

    provider = provider_module.StepFunctionsProvider

    def add_activity_task(self, callback_id, activity_arn, activity_input):
        if callback_id in self._pool:
            raise ValueError("Duplicate callback token id value.")
        activity = self._activity_store.get(activity_arn)
        if activity is None:
            raise callback.ActivityDoesNotExist()
        endpoint = callback.ActivityCallbackEndpoint(callback_id=callback_id, activity_input=activity_input)
        self._pool[callback_id] = endpoint
        activity.add_task(ActivityTask(task_token=callback_id, task_input=activity_input))
        return endpoint

    callback.CallbackPoolManager.add_activity_task = add_activity_task

    def send_activity_task_started(self, context, task_token, worker_name):
        for execution in self._get_executions(context):
            env = getattr(execution.exec_worker, "env", None)
            if env is None:
                continue
            endpoint = env.callback_pool_manager.get(callback_id=task_token)
            if isinstance(endpoint, callback.ActivityCallbackEndpoint):
                endpoint.notify_activity_task_start(worker_name=worker_name)
                return
        raise provider_module.InvalidToken()

    provider._send_activity_task_started = send_activity_task_started

    # Without the poll hook, LocalStack's own loop (one look a second) does not ask whether the client is still there.
    if not _ACTIVITY_POLL_SECONDS:
        _patch_pull(provider_module, 1.0)
    get_activity_task = provider.get_activity_task

    def get_activity_task_for_a_connected_client(self, context, *args, **kwargs):
        request = getattr(getattr(context, "request", None), "environ", {}).get(_TWISTED_REQUEST_KEY)
        _poll_client.gone = (lambda: request._disconnected) if request is not None else None
        try:
            return get_activity_task(self, context, *args, **kwargs)
        finally:
            _poll_client.gone = None

    provider.get_activity_task = get_activity_task_for_a_connected_client


def _patch_rolo_twisted(module):
    """Keeps the twisted request in the WSGI environment, so a handler can ask whether its client is still there."""
    update = module.update_wsgi_environment

    def update_wsgi_environment(environ, request):
        update(environ, request)
        environ[_TWISTED_REQUEST_KEY] = request

    module.update_wsgi_environment = update_wsgi_environment


class _PatchAfterLoad(importlib.abc.MetaPathFinder):
    """Patches modules right after they are first executed (LocalStack's plugins load them late)."""

    def __init__(self, patches):
        self.patches = patches
        self.finding = set()

    def find_spec(self, name, path, target=None):
        if name not in self.patches or name in self.finding:
            return None
        self.finding.add(name)  # importlib.util.find_spec below asks this finder again
        try:
            spec = importlib.util.find_spec(name)
        finally:
            self.finding.discard(name)
        patch = self.patches.pop(name)
        if not self.patches:
            sys.meta_path.remove(self)
        execute = spec.loader.exec_module

        def exec_module(module):
            execute(module)
            patch(module)

        spec.loader.exec_module = exec_module
        return spec


def _provider_patches(module):
    if _ACTIVITY_POLL_SECONDS:
        _patch_pull(module, float(_ACTIVITY_POLL_SECONDS))
    if _ACTIVITY_HANDOFF:
        _patch_activity_handoff(module)


_patches = {}
if _ACTIVITY_POLL_SECONDS or _ACTIVITY_HANDOFF:
    _patches[_STEPFUNCTIONS_PROVIDER] = _provider_patches
if _ACTIVITY_HANDOFF:
    _patches[_ROLO_TWISTED] = _patch_rolo_twisted
if _patches:
    sys.meta_path.insert(0, _PatchAfterLoad(_patches))
