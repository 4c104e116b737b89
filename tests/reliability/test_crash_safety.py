"""SIGKILL at random moments: the log holds a whole batch or none of it, and verifies."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from tests.conftest import shipment
from tests.service_helpers import free_port

ROOT = Path(__file__).resolve().parents[2]
N = 60_000


def _big_file(path: Path) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import write_csv

    return write_csv(path, N)


def _count(db: Path) -> int:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return int(con.execute("SELECT count(*) FROM log").fetchall()[0][0])
    finally:
        con.close()


def test_ingest_killed_at_random_moments(cli: Any, db: Path, tmp_path: Path) -> None:
    """Repeatedly kill -9 an ingest: afterwards 0 or N events, verify ok; then it completes."""
    data = _big_file(tmp_path / "big.csv")
    command = [sys.executable, "-m", "supplyline", "--db", str(db), "ingest", str(data)]
    started = time.perf_counter()  # how long a whole ingest takes here, to aim the kills
    subprocess.run([*command[:4], str(tmp_path / "timing.duckdb"), *command[5:]], check=True,
                   capture_output=True)
    whole = time.perf_counter() - started
    rng = random.Random(11)
    outcomes = []
    for _ in range(6):
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 0.75) * whole)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        n = _count(db) if db.exists() else 0
        outcomes.append(n)
        assert n in (0, N), n
        if db.exists():
            assert cli("verify", "--json").json()["ok"] is True
        if n == N:
            break
    r = cli("ingest", "--json", str(data))
    assert r.code == 0, r.err
    assert r.json()["appended"] + r.json()["duplicates"] == N
    assert _count(db) == N and cli("verify", "--json").json()["ok"] is True
    assert 0 in outcomes, "at least one kill must land mid-ingest for the test to mean anything"


def test_service_killed_mid_append_keeps_every_acknowledged_event(db: Path) -> None:
    """Clients append while the server is kill -9'd; after a restart every event that was
    acknowledged (201) is in the log, positions are gapless and the chain verifies."""
    port = free_port()
    cmd = [sys.executable, "-m", "supplyline", "--db", str(db), "serve", "--port", str(port),
           "--no-scheduler"]
    url = f"http://127.0.0.1:{port}"

    def start() -> subprocess.Popen[bytes]:
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(300):
            try:
                urllib.request.urlopen(url + "/health", timeout=1).read()
                return p
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("service did not start")

    acked: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def client(c: int) -> None:
        i = 0
        while not stop.is_set():
            eid = f"k{c}-{i}"
            body = json.dumps(shipment(event_id=eid, quantity=float(i))).encode()
            req = urllib.request.Request(url + "/api/events", data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(req, timeout=5) as resp:
                    if resp.status == 201:
                        with lock:
                            acked.append(eid)
            except OSError:
                return
            i += 1

    proc = start()
    threads = [threading.Thread(target=client, args=(c,)) for c in range(8)]
    for t in threads:
        t.start()
    time.sleep(3.0)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stop.set()
    for t in threads:
        t.join()
    assert len(acked) > 50
    proc = start()
    try:
        with urllib.request.urlopen(url + "/api/verify") as r:
            check = json.loads(r.read())
        assert check["ok"] is True
        ids = set()
        since = None
        while True:
            q = "?limit=100000" + (f"&since_position={since}" if since is not None else "")
            with urllib.request.urlopen(url + "/api/events" + q) as r:
                page = json.loads(r.read())
            ids |= {e["event_id"] for e in page["events"]}
            since = page["next_since_position"]
            if since is None:
                break
        assert set(acked) <= ids
        assert check["events"] == len(ids)
    finally:
        proc.terminate()
        proc.wait()
