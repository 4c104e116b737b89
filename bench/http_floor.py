"""The HTTP floor for the service benchmark: the same clients against a FastAPI endpoint
that does nothing, on the same uvicorn setup. No append over HTTP can beat it here."""

from __future__ import annotations

import http.client
import json
import socket
import statistics
import subprocess
import sys
import threading
import time

SERVER = """
import sys, uvicorn
from typing import Any
from fastapi import Body, FastAPI
app = FastAPI()
@app.post("/noop", status_code=201)
def noop(body: dict[str, Any] = Body(...)) -> dict[str, Any]:
    return {"appended": 1}
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning",
            access_log=False)
"""


def run(clients: int = 16, per_client: int = 500) -> dict[str, float]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-c", SERVER, str(port)])
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        latencies: list[float] = []
        lock = threading.Lock()
        body = json.dumps({"type": "shipment", "quantity": 1})

        def worker() -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            mine = []
            for _ in range(per_client):
                t = time.perf_counter()
                conn.request("POST", "/noop", body, {"Content-Type": "application/json"})
                conn.getresponse().read()
                mine.append(time.perf_counter() - t)
            with lock:
                latencies.extend(mine)

        threads = [threading.Thread(target=worker) for _ in range(clients)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait()
    latencies.sort()
    n = len(latencies)
    return {"events": n, "events_per_s": n / elapsed,
            "p50_ms": 1000 * statistics.median(latencies),
            "p99_ms": 1000 * latencies[min(n - 1, int(n * 0.99))]}


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
