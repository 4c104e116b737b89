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
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_service(db: Path, *args: str, env: dict[str, str] | None = None
                    ) -> Iterator[str]:
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
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        out.close()
