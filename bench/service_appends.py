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


def run(clients: int, per_client: int) -> dict[str, float]:
    latencies: list[float] = []
    lock = threading.Lock()
    with tempfile.TemporaryDirectory() as tmp, \
            running_service(Path(tmp) / "bench.duckdb", "--no-scheduler") as url:
            u = urlparse(url)

            def worker(c: int) -> None:
                conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
                mine = []
                for i in range(per_client):
                    body = json.dumps(event(c, i))
                    t = time.perf_counter()
                    conn.request("POST", "/api/events", body,
                                 {"Content-Type": "application/json"})
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


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--per-client", type=int, default=500)
    a = p.parse_args()
    print(json.dumps(run(a.clients, a.per_client), indent=2))
