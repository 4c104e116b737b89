"""The note a running service leaves next to the log, and how the command line checks it
before trusting it with a token or events (stdlib only, so commands start fast).

The note (``LOG.service.json``, mode 0600) holds the service's URL, its process id and a
secret made for this run. The command line reads it only when the log is held by another
process, and uses it only when all of these hold:

- it is a regular file (not a symlink), owned by the user running the command, that no one
  else may read or write;
- the process it names is the one DuckDB says holds the log;
- its URL is on loopback (127.0.0.0/8, ::1, localhost);
- the server at that URL proves it knows the secret: it answers a fresh random nonce with
  HMAC-SHA256(secret, nonce) (``GET /api/identity``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import ipaddress
import json
import os
import secrets
import stat
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

NOTE_MODE = 0o600
_MAX_NOTE = 64 * 1024


class NoteRefused(Exception):
    """The note exists but cannot be trusted; the message says why."""


@dataclass(frozen=True)
class Note:
    url: str
    pid: int
    secret: str


def note_path(db: Path) -> Path:
    """Where a running service leaves its note, next to the log."""
    return db.with_name(db.name + ".service.json")


def proof(secret: str, nonce: str) -> str:
    """What the service answers to ``nonce``: only a holder of ``secret`` can compute it."""
    return hmac.new(secret.encode(), b"supplyline-note:" + nonce.encode(),
                    hashlib.sha256).hexdigest()


def write_note(db: Path, url: str) -> Note:
    """Create the note (0600, never through a symlink, never over a file another process
    creates meanwhile) with a new secret. The caller holds the log's lock, so a note already
    there is left from a service that died: it is removed first (the link itself, if it is
    one; ``unlink`` does not follow links)."""
    path = note_path(db)
    note = Note(url, os.getpid(), secrets.token_hex(32))
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags, NOTE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        os.fchmod(f.fileno(), NOTE_MODE)  # whatever the umask
        json.dump({"url": note.url, "pid": note.pid, "secret": note.secret,
                   "started": dt.datetime.now(dt.UTC).isoformat()}, f)
    return note


def remove_note(db: Path, note: Note) -> None:
    """Remove the note if it is still the one ``note`` describes."""
    try:
        if read_note(db) == note:
            note_path(db).unlink()
    except (NoteRefused, OSError):
        pass


def read_note(db: Path) -> Note | None:
    """The note next to ``db``; None when there is none.

    :raises NoteRefused: it is a symlink, not a regular file, someone else's, open to other
        users, or not a note.
    """
    path = note_path(db)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
                     | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise NoteRefused(f"{path} cannot be opened safely ({exc.strerror}; a symlink?)"
                          ) from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise NoteRefused(f"{path} is not a regular file")
        if hasattr(os, "getuid") and st.st_uid != os.getuid():
            raise NoteRefused(f"{path} belongs to another user")
        if st.st_mode & 0o077:
            raise NoteRefused(f"{path} is open to other users (mode "
                              f"{stat.S_IMODE(st.st_mode):o}; a service writes it 0600)")
        data = f.read(_MAX_NOTE + 1)
    try:
        fields = json.loads(data) if len(data) <= _MAX_NOTE else None
    except ValueError:
        fields = None
    if not (isinstance(fields, dict) and isinstance(fields.get("url"), str)
            and isinstance(fields.get("pid"), int) and isinstance(fields.get("secret"), str)):
        raise NoteRefused(f"{path} is not a service note")
    return Note(fields["url"], fields["pid"], fields["secret"])


def loopback_url(url: str) -> bool:
    """An http URL whose host is on this machine's loopback."""
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return False
    if parts.scheme != "http" or not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
