"""Ad hoc SQL for the service: a few worker processes (projections/sql_worker.py), each under
a hard memory limit, fed the tables as Arrow files.

- At most ``workers`` queries run at once; a request waits up to ``WAIT`` seconds for a free
  worker, then gets 503.
- A query that needs more than ``memory_mb`` fails in its worker (422); one that outruns its
  time limit is interrupted, and a worker that does not stop within ``GRACE`` seconds after
  it is killed and replaced (408).
- An answer over ``max_rows`` rows or ``max_bytes`` of JSON is refused (422) with how to
  narrow the query.

The tables are written once per (log head, window, day) into a private temporary folder
(0700) and mapped read-only by the workers; the newest ``KEEP`` sets are kept.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from supplyline.projections.sql_worker import write_frame

WAIT = 10.0
GRACE = 5.0
KEEP = 4


class SqlFailed(Exception):
    """A query that did not answer: ``status`` is the HTTP status to give, with the message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


_STATUS = {"refused": 400, "too_large": 422, "memory": 422, "timeout": 408}


class _Worker:
    def __init__(self, memory_mb: int, spill: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "supplyline.projections.sql_worker", str(memory_mb), str(spill)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            close_fds=True, bufsize=0)
        try:
            ready = self._read(60.0)
        except _Died:
            ready = None
        if ready is None:
            self.kill()
            raise SqlFailed(503, "the SQL worker did not start")

    def _read(self, timeout: float) -> bytes | None:
        """One frame, or None when ``timeout`` passed first; _Died when the worker died."""
        deadline = time.monotonic() + timeout
        head = self._exactly(8, deadline)
        if head is None:
            return None
        return self._exactly(int.from_bytes(head, "big"), deadline + GRACE)

    def _exactly(self, size: int, deadline: float) -> bytes | None:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        parts, got = [], 0
        while got < size:
            ready, _, _ = select.select([fd], [], [], max(deadline - time.monotonic(), 0))
            if not ready:
                return None
            data = os.read(fd, min(size - got, 1 << 20))
            if not data:
                raise _Died()
            parts.append(data)
            got += len(data)
        return b"".join(parts)

    def ask(self, request: dict[str, Any], deadline: float) -> tuple[dict[str, Any], bytes]:
        assert self.proc.stdin is not None
        try:
            write_frame(self.proc.stdin, json.dumps(request).encode())
        except (BrokenPipeError, OSError):
            raise _Died() from None
        head = self._read(deadline - time.monotonic())
        if head is None:
            raise _TimedOut()
        header = json.loads(head)
        body = b""
        if header.get("status") == "ok":
            # the body follows at once; its size is bounded by max_bytes
            got = self._read(GRACE + 60.0)
            if got is None:
                raise _TimedOut()
            body = got
        return header, body

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()


class _Died(Exception):
    pass


class _TimedOut(Exception):
    pass


class SqlPool:
    def __init__(self, workers: int, memory_mb: int, max_rows: int, max_bytes: int) -> None:
        self.workers, self.memory_mb = workers, memory_mb
        self.max_rows, self.max_bytes = max_rows, max_bytes
        self._slots = threading.BoundedSemaphore(workers)
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._root = Path(tempfile.mkdtemp(prefix="supplyline-sql-"))  # 0700
        self._exports: OrderedDict[Any, dict[str, str]] = OrderedDict()
        self._building: dict[Any, threading.Lock] = {}
        self._closed = False

    # -- the tables ----------------------------------------------------------------------
    def tables(self, key: Any, write: Callable[[Path], dict[str, str]]) -> dict[str, str]:
        """The Arrow files for ``key``, written by ``write(folder)`` the first time (one
        writer per key; other requests for it wait)."""
        with self._lock:
            if key in self._exports:
                self._exports.move_to_end(key)
                return self._exports[key]
            gate = self._building.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                if key in self._exports:
                    return self._exports[key]
            folder = self._root / uuid.uuid4().hex
            folder.mkdir(mode=0o700)
            try:
                files = write(folder)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            finally:
                with self._lock:
                    self._building.pop(key, None)
            with self._lock:
                self._exports[key] = files
                while len(self._exports) > KEEP:
                    _, old = self._exports.popitem(last=False)
                    # a worker still mapping them keeps its mapping; the names go
                    for path in old.values():
                        Path(path).unlink(missing_ok=True)
                    _rmdir(Path(next(iter(old.values()))).parent if old else None)
        return files

    # -- running -------------------------------------------------------------------------
    def run(self, tables: dict[str, str], query: str, timeout: float) -> bytes:
        """The answer's JSON document, or SqlFailed."""
        if not self._slots.acquire(timeout=WAIT):
            raise SqlFailed(503, f"{self.workers} SQL queries are running already (serve "
                                 "--sql-workers); try again in a moment")
        worker: _Worker | None = None
        try:
            worker = self._take()
            request = {"tables": tables, "query": query, "timeout": timeout,
                       "max_rows": self.max_rows, "max_bytes": self.max_bytes}
            try:
                header, body = worker.ask(request, time.monotonic() + timeout + GRACE)
            except _TimedOut:  # it did not stop when interrupted: it goes
                worker.kill()
                worker = None
                raise SqlFailed(408, f"the query ran longer than {timeout:g} s and was "
                                     "stopped") from None
            except _Died:  # the kernel or the allocator ended it: memory, almost always
                worker.kill()
                worker = None
                raise SqlFailed(422, f"the query needed more than the {self.memory_mb} MB a "
                                     "query may use (serve --sql-memory); narrow it") from None
            status = header.get("status")
            if status != "ok":
                raise SqlFailed(_STATUS.get(str(status), 400), str(header.get("message")))
            return body
        finally:
            if worker is not None:
                self._give_back(worker)
            self._slots.release()

    def _take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.alive():
                    return worker
                worker.kill()
        return _Worker(self.memory_mb, self._root / "spill")

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            if self._closed or not worker.alive():
                worker.kill()
            else:
                self._idle.append(worker)

    def pids(self) -> list[int]:
        with self._lock:
            return [w.proc.pid for w in self._idle]

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.kill()
        shutil.rmtree(self._root, ignore_errors=True)


def _rmdir(folder: Path | None) -> None:
    if folder is not None:
        with contextlib.suppress(OSError):
            os.rmdir(folder)


def export_tables(service: Any, window: Any, today: Any, folder: Path) -> dict[str, str]:
    """Write the SQL tables for ``window`` as Arrow files into ``folder``: the materialised
    projections, streamed from the log (little memory) when the whole log is asked for;
    else the projections computed for the window."""
    import pyarrow as pa

    from supplyline.projections.sql import projection_frames
    from supplyline.projections.state import projections_current

    files: dict[str, str] = {}

    def write(name: str, batches: Any, schema: Any) -> None:
        path = folder / f"{name}.arrow"
        with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, schema) as out:
            for batch in batches:
                out.write_batch(batch)
        files[name] = str(path)

    windowed = window.as_of is not None or window.at_position is not None
    if not windowed:
        from .writer import refresh_projections

        cur = service.cursor()
        if not projections_current(cur, today):
            service.writer.call(refresh_projections)
            cur = service.cursor()
        if projections_current(cur, today):
            for name, sql in MATERIALISED.items():
                reader = cur.sql(sql).to_arrow_reader(65_536)
                write(name, reader, reader.schema)
            return files
    frames = projection_frames(service.cursor(), service.catalogue, window, today)
    for name, frame in frames.items():
        table = frame.to_arrow()
        write(name, table.to_batches(), table.schema)
    return files


# The materialised projections, with the columns ``projection_frames`` gives
MATERIALISED = {
    "events": "SELECT * FROM events",
    "timeline": "SELECT * FROM timeline",
    "timeline_excluded": "SELECT supplier, recipient, item, event_id, reason "
                         "FROM timeline_excluded",
    "pledge_status": "SELECT * FROM pledge_status",
}
