"""Talking to a running service from the command line (stdlib only, so it starts fast)."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from events import LogBusy, LogError

from .errors import BadInput


class ServiceError(LogError):
    """The service answered with an error."""

    def __init__(self, status: int, detail: str, errors: list[dict[str, Any]] | None = None):
        super().__init__(detail)
        self.status, self.errors = status, errors or []


class Remote:
    def __init__(self, url: str, token: str | None = None, timeout: float = 600.0) -> None:
        self.url, self.token, self.timeout = url.rstrip("/"), token, timeout

    def _send(self, method: str, path: str, params: dict[str, Any] | None = None,
              body: Any = None) -> Any:
        query = urllib.parse.urlencode(
            [(k, str(x)) for k, v in (params or {}).items() if v is not None
             for x in (v if isinstance(v, (list, tuple)) else [v])])
        req = urllib.request.Request(self.url + path + (f"?{query}" if query else ""),
                                     method=method)
        data = None
        if body is not None:
            data = json.dumps(body, default=str).encode()
            req.add_header("Content-Type", "application/json")
        if self.token:
            req.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(req, data=data, timeout=self.timeout) as resp:
                return json.loads(resp.read() or b"null")
        except urllib.error.HTTPError as exc:
            try:
                payload = json.loads(exc.read() or b"{}")
            except ValueError:
                payload = {}
            detail = payload.get("detail", exc.reason)
            if not isinstance(detail, str):
                detail = json.dumps(detail)
            if exc.code in (400, 404, 422) and not payload.get("errors"):
                raise BadInput(detail) from None
            raise ServiceError(exc.code, detail, payload.get("errors")) from None
        except (urllib.error.URLError, OSError) as exc:
            raise LogError(f"cannot reach the service at {self.url}: "
                           f"{getattr(exc, 'reason', exc)}") from None

    def get(self, path: str, **params: Any) -> Any:
        return self._send("GET", path, params)

    def post(self, path: str, body: Any) -> Any:
        return self._send("POST", path, body=body)


def explicit_remote(url_option: str | None) -> Remote | None:
    """--url or $SUPPLYLINE_URL: always talk to that service."""
    url = url_option or os.environ.get("SUPPLYLINE_URL")
    return Remote(url, os.environ.get("SUPPLYLINE_TOKEN")) if url else None


def remote_after_busy(db: Path, busy: LogBusy) -> Remote:
    """The log is held by another process: use the service note next to it, or explain."""
    from .service import read_note

    url = read_note(db)
    if url is None:
        raise busy
    return Remote(url, os.environ.get("SUPPLYLINE_TOKEN"))
