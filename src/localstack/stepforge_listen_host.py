"""Makes LocalStack's twisted gateway listen on the host it is given, not on every interface.

LocalStack's default HTTP server (twisted) ignores the host of GATEWAY_LISTEN for IPv4: its source creates
`endpoints.TCP4ServerEndpoint(reactor, port)` with the comment "TODO: interface = host?", so it listens on 0.0.0.0.
Its alternative server (hypercorn) binds correctly but serves about 30% fewer requests per second (measured with
SendMessageBatch: ~1,900 vs ~2,700 messages/s). This module is imported at interpreter start-up through
`stepforge_listen_host.pth` in the venv; it does nothing unless STEPFORGE_LISTEN_HOST is set, which only the LocalStack
process started by stepforge has. It then gives TCP4ServerEndpoint that host as its default interface.
"""

import os

_HOST = os.environ.get("STEPFORGE_LISTEN_HOST")

if _HOST:
    from twisted.internet import endpoints

    _original_init = endpoints.TCP4ServerEndpoint.__init__

    def _init_on_host(self, reactor, port, backlog=50, interface=""):
        _original_init(self, reactor, port, backlog, interface or _HOST)

    endpoints.TCP4ServerEndpoint.__init__ = _init_on_host
