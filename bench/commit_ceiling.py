"""The most a DuckDB log can take from N clients that each append one event and wait for
it to be committed: at most N events are waiting at any moment, so every commit carries at
most N events. This times DuckDB alone doing that, in the log's own table (its key on
position and unique event_id) in a fresh file: BEGIN, N prepared rows through the appender,
COMMIT, and again. No checking, no hashing, no HTTP, no other thread. N events divided by
that time is a ceiling on the service's appends per second with N clients; the service
also checks, chains and answers over HTTP, so it stays below. ``bare`` is the same without
the two keys, which the log needs (they are what stops a forked chain): a lower bound on
what any DuckDB table could do here.

    python bench/commit_ceiling.py --clients 16 --groups 500
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from supplyline.events import EventLog  # noqa: E402


def run(clients: int = 16, groups: int = 500) -> dict[str, Any]:
    return {**commits(clients, groups, keys=True),
            "bare": commits(clients, groups, keys=False)}


def commits(clients: int, groups: int, *, keys: bool) -> dict[str, Any]:
    body = json.dumps({"type": "shipment", "quantity": 1, "source": "bench"})
    stamp = dt.datetime(2026, 1, 1)
    prepared = [[(g * clients + c + 1, f"c{g}-{c}", "shipment", dt.date(2024, 6, 1), stamp, 1,
                  body, "0" * 64, "1" * 64) for c in range(clients)] for g in range(groups)]
    times = []
    with tempfile.TemporaryDirectory() as tmp, EventLog(Path(tmp) / "ceiling.duckdb") as log:
        con = log.con
        table = "log" if keys else "bare"
        if not keys:
            con.execute("CREATE TABLE bare AS SELECT * FROM log LIMIT 0")
        for rows in prepared:
            t = time.perf_counter()
            con.begin()
            appender = con.appender(table)
            appender.append_rows(rows)
            appender.flush()
            con.commit()
            times.append(time.perf_counter() - t)
        assert con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] == clients * groups
    per_commit = statistics.median(times)
    return {"clients": clients, "commits": groups, "median_commit_ms": 1000 * per_commit,
            "events_per_s": clients / per_commit}


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--groups", type=int, default=500)
    a = p.parse_args()
    print(json.dumps(run(a.clients, a.groups), indent=2))
