"""What stands between the network and the app: a body size limit (413, also for chunked
bodies), time limits for slow clients (408), and headers that tell browsers to run nothing
the service did not send itself."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

# Pages are server-rendered with inline CSS and SVG, no scripts; /docs loads its scripts and
# styles from the service itself (supplyline/docs_page.py).
CSP = ("default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class BodyLimit:
    """Read the request body before the app sees it: over ``limit`` bytes (declared or, for
    chunked bodies, counted) is 413; a body that has not fully arrived after
    ``read_timeout`` seconds is 408. Every response gets ``SECURITY_HEADERS``."""

    def __init__(self, app: Any, limit: int, read_timeout: float = 20.0) -> None:
        self.app, self.limit, self.read_timeout = app, limit, read_timeout

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def secured(message: Any) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message = {**message, "headers": [
                    *message.get("headers", []),
                    *[(k, v) for k, v in SECURITY_HEADERS if k not in names]]}
            await send(message)

        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await _refuse(secured, 413, f"request body over {self.limit} bytes")
        parts, seen, deadline = [], 0, time.monotonic() + self.read_timeout
        while True:
            try:
                message = await asyncio.wait_for(receive(), deadline - time.monotonic())
            except TimeoutError:
                return await _refuse(secured, 408, "the request body arrived too slowly "
                                     f"(more than {self.read_timeout:g} s)")
            if message["type"] != "http.request":
                return  # the client went away
            seen += len(message.get("body", b""))
            if seen > self.limit:
                return await _refuse(secured, 413, f"request body over {self.limit} bytes")
            parts.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Any:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(parts), "more_body": False}
            return await receive()  # only a disconnect can follow

        await self.app(scope, replay, secured)


async def _refuse(send: Any, status: int, detail: str) -> None:
    import json

    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class GuardedHttp(HttpToolsProtocol):
    """uvicorn's HTTP protocol with a deadline for the request line and headers: a client
    that sends them slower than ``HEADER_TIMEOUT`` seconds (a byte at a time, say) is
    disconnected, instead of holding its connection open for ever."""

    HEADER_TIMEOUT = 20.0  # serve --read-timeout
    _header_task: asyncio.TimerHandle | None = None

    def connection_made(self, transport: Any) -> None:
        super().connection_made(transport)
        self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.timeout_keep_alive_task is not None:  # idle, waiting for the next request
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._header_task = self.loop.call_later(self.HEADER_TIMEOUT, self._too_slow)

    def _disarm(self) -> None:
        if self._header_task is not None:
            self._header_task.cancel()
            self._header_task = None

    def _too_slow(self) -> None:
        self._header_task = None
        if not self.transport.is_closing():
            self.transport.close()
