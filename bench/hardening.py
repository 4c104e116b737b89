"""The service against a hostile client, on a large log (issue 28's closing numbers):

    python bench/generate.py --events 1000000 --out /tmp/events.csv
    supplyline --db /tmp/m1.duckdb ingest /tmp/events.csv
    python bench/hardening.py --db /tmp/m1.duckdb

Starts `supplyline serve` on a free loopback port and measures: the latency of
`GET /api/events?limit=1` (first page and a page deep in the log), the peak resident memory of
the service (its process alone, and with its SQL workers) while 8 hostile SQL queries run in
parallel, and the time of `GET /api/verify` uncached and cached. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.service_helpers import MemoryWatch, serving, tree_rss  # noqa: E402

HOSTILE = (["SELECT repeat('x', 2000000000)"] * 4
           + ["SELECT range, range::VARCHAR FROM range(20000000)"] * 4)


def timed(url: str, path: str, body: bytes | None = None) -> tuple[float, int]:
    req = urllib.request.Request(url + path, data=body,
                                 headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=600) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as exc:
        exc.read()
        status = exc.code
    return time.perf_counter() - start, status


def rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--db", type=Path, required=True)
    p.add_argument("--ceiling-mb", type=int, default=8192,
                   help="kill the service past this much memory (its process tree)")
    args = p.parse_args()
    out: dict[str, object] = {}
    with serving(args.db, "--no-scheduler") as served:
        url, pid = served.url, served.proc.pid
        out["idle_rss_mb"] = rss(pid) // 2**20
        first = [timed(url, "/api/events?limit=1")[0] for _ in range(21)]
        head = json.loads(urllib.request.urlopen(url + "/health").read())["position"]
        deep = [timed(url, f"/api/events?limit=1&since_position={head - 2}")[0]
                for _ in range(21)]
        out["events_limit_1_ms"] = {
            "first_call": round(first[0] * 1000, 1),
            "median": round(statistics.median(first[1:]) * 1000, 1),
            "max": round(max(first[1:]) * 1000, 1),
            "deep_page_median": round(statistics.median(deep[1:]) * 1000, 1)}
        uncached = timed(url, "/api/verify")
        cached = [timed(url, "/api/verify")[0] for _ in range(20)]
        out["verify_s"] = {"uncached": round(uncached[0], 2),
                           "cached_median_ms": round(statistics.median(cached) * 1000, 2),
                           "cached_max_ms": round(max(cached) * 1000, 2)}
        service_peak = 0
        with MemoryWatch(served.proc, args.ceiling_mb * 2**20) as watch:
            start = time.perf_counter()
            with ThreadPoolExecutor(len(HOSTILE)) as pool:
                futures = [pool.submit(timed, url, "/api/sql",
                                       json.dumps({"query": q}).encode()) for q in HOSTILE]
                while not all(f.done() for f in futures):
                    service_peak = max(service_peak, rss(pid))
                    time.sleep(0.02)
                answers = [f.result() for f in futures]
            elapsed = time.perf_counter() - start
        out["hostile_sql"] = {
            "statuses": sorted(status for _, status in answers),
            "seconds": round(elapsed, 1),
            "peak_rss_service_mb": service_peak // 2**20,
            "peak_rss_with_workers_mb": watch.peak // 2**20,
            "most_workers": watch.most_workers,
            "killed_at_ceiling": watch.killed}
        out["after_rss_with_workers_mb"] = tree_rss(pid) // 2**20
        out["health_after"] = timed(url, "/health")[1]
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
