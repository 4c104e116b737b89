"""Append throughput of the service: N concurrent clients each appending M single events
over keep-alive HTTP connections to a real `supplyline serve` on loopback.

    python bench/service_appends.py --clients 16 --per-client 500
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.service_helpers import running_service  # noqa: E402


def event(client: int, i: int) -> dict[str, object]:
    return {"event_id": f"b{client}-{i}", "type": "shipment", "reported_on": "2024-06-01",
            "source": f"bench client {client}", "supplier": "KP", "recipient": "RU",
            "item": "shell_152mm", "quantity": float(i), "unit": "rounds",
            "measure": "cumulative", "period_end": "2024-05"}


def drive(port: int, path: str, body: Callable[[int, int], str], clients: int,
          per_client: int) -> dict[str, float]:
    """``clients`` threads, each POSTing ``per_client`` bodies over one keep-alive
    connection; returns events/s and latency percentiles. Every answer must be 201."""
    latencies: list[float] = []
    lock = threading.Lock()

    def worker(c: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = []
        for i in range(per_client):
            t = time.perf_counter()
            conn.request("POST", path, body(c, i), {"Content-Type": "application/json"})
            resp = conn.getresponse()
            resp.read()
            mine.append(time.perf_counter() - t)
            assert resp.status == 201, resp.status
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(c,)) for c in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    latencies.sort()
    n = len(latencies)
    return {"clients": clients, "events": n, "seconds": elapsed, "events_per_s": n / elapsed,
            "p50_ms": 1000 * statistics.median(latencies),
            "p99_ms": 1000 * latencies[min(n - 1, int(n * 0.99))]}


def run(clients: int, per_client: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp, \
            running_service(Path(tmp) / "bench.duckdb", "--no-scheduler") as url:
        port = urlparse(url).port
        assert port is not None
        return drive(port, "/api/events", lambda c, i: json.dumps(event(c, i)), clients,
                     per_client)


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--per-client", type=int, default=500)
    a = p.parse_args()
    print(json.dumps(run(a.clients, a.per_client), indent=2))
