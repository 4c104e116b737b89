"""Talking to a running service from the command line (stdlib only, so it starts fast)."""

from __future__ import annotations

import hmac
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from supplyline.events import LogBusy, LogError

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
            with exc:  # the error holds the connection; close it now, not at collection
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

    def post(self, path: str, body: Any, **params: Any) -> Any:
        return self._send("POST", path, params, body=body)


def explicit_remote(url_option: str | None) -> Remote | None:
    """--url or $SUPPLYLINE_URL: always talk to that service."""
    url = url_option or os.environ.get("SUPPLYLINE_URL")
    return Remote(url, os.environ.get("SUPPLYLINE_TOKEN")) if url else None


def remote_after_busy(db: Path, busy: LogBusy) -> Remote:
    """The log is held by another process: use the service that left its note next to it,
    once the note and the service check out (see ``supplyline.note``), or explain."""
    import secrets

    from .note import NoteRefused, loopback_url, note_path, proof, read_note

    def refuse(why: str) -> LogError:
        return LogError(f"{busy} (the service note {note_path(db)} was not used: {why})")

    try:
        note = read_note(db)
    except NoteRefused as exc:
        raise refuse(str(exc)) from None
    if note is None:
        raise busy
    if busy.pid is not None and note.pid != busy.pid:
        raise refuse(f"it names process {note.pid}, but process {busy.pid} holds the log")
    if not loopback_url(note.url):
        raise refuse(f"its URL {note.url!r} is not on loopback")
    nonce = secrets.token_hex(16)
    try:
        answer = Remote(note.url, timeout=10).get("/api/identity", nonce=nonce)
    except (LogError, BadInput) as exc:
        raise refuse(f"the service at {note.url} did not answer as the note's writer ({exc})"
                     ) from None
    given = answer.get("proof") if isinstance(answer, dict) else None
    if not isinstance(given, str) or not hmac.compare_digest(given, proof(note.secret, nonce)):
        raise refuse(f"the server at {note.url} could not prove it wrote the note")
    return Remote(note.url, os.environ.get("SUPPLYLINE_TOKEN"))
