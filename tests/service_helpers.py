"""A real `supplyline serve` on a free loopback port, for tests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Served:
    url: str
    proc: subprocess.Popen[str]
    output: Path


@contextmanager
def running_service(db: Path, *args: str, env: dict[str, str] | None = None
                    ) -> Iterator[str]:
    with serving(db, *args, env=env) as served:
        yield served.url


@contextmanager
def serving(db: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[Served]:
    """``supplyline serve`` on a free loopback port, with its process."""
    port = free_port()
    cmd = [sys.executable, "-m", "supplyline", "--db", str(db), "serve", "--port", str(port),
           "--reports", str(db.parent / "archive"), *args]
    log_path = db.parent / f"serve-{port}.log"
    out = log_path.open("w")
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, **(env or {})}, cwd=db.parent)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "/health", timeout=2) as r:
                    if json.loads(r.read())["ok"]:
                        break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(log_path.read_text()) from None
                if time.time() > deadline:
                    raise
                time.sleep(0.2)
        yield Served(url, proc, log_path)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        out.close()


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return out
    for task in tasks:
        with suppress(OSError):
            out += [int(c) for c in (task / "children").read_text().split()]
    return out


def tree_rss(pid: int) -> int:
    """Resident memory, in bytes, of process ``pid`` and all its descendants."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
        todo += _children(p)
    return total


def descendants(pid: int) -> list[int]:
    out, todo = [], _children(pid)
    while todo:
        p = todo.pop()
        out.append(p)
        todo += _children(p)
    return out


class MemoryWatch:
    """Samples the service's memory (its process tree) every 20 ms in a thread; past
    ``ceiling`` bytes it kills the service and its children, so a test fails instead of the
    machine running out of memory."""

    def __init__(self, proc: subprocess.Popen[str], ceiling: int) -> None:
        import threading

        self.proc, self.ceiling = proc, ceiling
        self.peak = 0
        self.most_workers = 0
        self.killed = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        import signal

        while not self._stop.wait(0.02):
            rss = tree_rss(self.proc.pid)
            self.peak = max(self.peak, rss)
            self.most_workers = max(self.most_workers, len(descendants(self.proc.pid)))
            if rss > self.ceiling:
                self.killed = True
                for p in [*descendants(self.proc.pid), self.proc.pid]:
                    with suppress(OSError):
                        os.kill(p, signal.SIGKILL)
                return
