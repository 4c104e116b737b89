"""Time projections on a large log: full rebuild, catch-up after 1,000 appends, one
as-of timeline. Usage: python bench/measure_projections.py LOG.duckdb
(the log is modified: 1,000 events are appended)."""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import rows  # noqa: E402

from events import EventLog, validate_record  # noqa: E402
from projections import Window, catch_up, compute_timeline, load_flow_events  # noqa: E402


def main(path: str) -> None:
    today = dt.date(2026, 1, 1)
    out = {}
    with EventLog(path) as log:
        cat = log.catalogue()
        t = time.perf_counter()
        r = catch_up(log.con, cat, today, full=True)
        out["full_rebuild_s"] = time.perf_counter() - t
        out["events"] = r.head
        out["flows"] = r.flows_rebuilt
        start = log.head().position
        new = []
        for i, raw in enumerate(rows(1000, seed=99)):
            raw["event_id"] = f"new{start}-{i}"
            rec = {k: v for k, v in raw.items() if v != ""}
            new.append(validate_record(rec, cat)[0])
        log.append(new)
        t = time.perf_counter()
        r = catch_up(log.con, cat, today)
        out["catch_up_1000_s"] = time.perf_counter() - t
        out["catch_up_flows"] = r.flows_rebuilt
        t = time.perf_counter()
        events = load_flow_events(log.con, Window(as_of=dt.date(2024, 6, 30)),
                                  ("KP", "RU", "shell_152mm"))
        tl = compute_timeline(events, cat, "KP", "RU", "shell_152mm", as_of=dt.date(2024, 6, 30))
        out["timeline_as_of_in_process_s"] = time.perf_counter() - t
        out["timeline_rows"] = tl.rows.height
        t = time.perf_counter()
        shipments = log.con.sql(
            "SELECT * FROM events_flat WHERE type='shipment' AND supplier='KP' AND "
            "recipient='RU' AND item='shell_152mm' AND reported_on <= DATE '2024-06-30'").pl()
        out["flow_scan_only_s"] = time.perf_counter() - t
        assert isinstance(shipments, pl.DataFrame)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main(sys.argv[1])
