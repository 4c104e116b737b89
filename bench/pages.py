"""The web pages on a large log: size and time of each page as a browser gets it.

    python bench/generate.py --events 1000000 --out /tmp/events.csv
    supplyline --db /tmp/m1.duckdb ingest /tmp/events.csv
    python bench/pages.py --db /tmp/m1.duckdb

Starts `supplyline serve` on a free loopback port with the clock pinned to the day after
the generated claims end ($SUPPLYLINE_NOW), so "this week" and "what changed" have claims;
the flow page measured is the busiest flow's.
Each round appends one shipment claim to the measured flow (a new head: no page is served
from the cache), waits for the writer's catch-up, then fetches every page once; a page's
time is the median of the rounds (the slowest round beside it). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.service_helpers import serving  # noqa: E402

NOW = "2026-01-01T09:00:00Z"


def busiest_flow(db: Path) -> tuple[str, str, str]:
    """The flow with the most shipment claims (KP -> RU, 152 mm shells at 1M events)."""
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(  # type: ignore[no-any-return]
            "SELECT supplier, recipient, item FROM events_flat WHERE type = 'shipment' "
            "GROUP BY ALL ORDER BY count(*) DESC, supplier, recipient, item LIMIT 1"
        ).fetchall()[0]


def fetch(url: str) -> tuple[float, int, int]:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as r:
        body = r.read()
        status = r.status
    return time.perf_counter() - start, len(body), status


def run(db: Path, rounds: int = 5, now: str = NOW) -> dict[str, Any]:
    flow_codes = busiest_flow(db)
    flow = "/".join(flow_codes)
    with serving(db, "--no-scheduler", env={"SUPPLYLINE_NOW": now}) as served:
        url = served.url
        some = json.loads(urllib.request.urlopen(url + "/api/events?limit=1").read())
        pages = {"front": "/", "front_page_5": "/?page=5", "flow": f"/flow/{flow}",
                 "flow_claims_page_20": f"/flow/{flow}?claims_page=20", "pledges": "/pledges",
                 "events": "/events", "new_event": "/events/new",
                 "correct": f"/events/{some['events'][0]['event_id']}/correct",
                 "review": "/review"}
        fetch(url + "/")  # imports and the first catch-up at the pinned day
        times: dict[str, list[float]] = {k: [] for k in pages}
        sizes: dict[str, int] = {}
        for i in range(rounds):
            body = json.dumps({"type": "shipment", "reported_on": now[:10],
                               "source": f"bench round {i}", "supplier": flow_codes[0],
                               "recipient": flow_codes[1], "item": flow_codes[2],
                               "quantity": 1000.0 * (i + 1), "unit": "rounds",
                               "measure": "increment", "period_start": "2025-12-01",
                               "period_end": "2025-12-31"}).encode()
            req = urllib.request.Request(url + "/api/events", data=body,
                                         headers={"Content-Type": "application/json"})
            urllib.request.urlopen(req).read()
            time.sleep(1.5)  # the writer catches the projections up when idle (0.5 s)
            for name, path in pages.items():
                seconds, size, status = fetch(url + path)
                assert status == 200, (path, status)
                times[name].append(seconds)
                sizes[name] = size
        cached = {name: fetch(url + path)[0] for name, path in pages.items()}
    return {name: {"path": pages[name], "bytes": sizes[name],
                   "median_ms": 1000 * statistics.median(times[name]),
                   "max_ms": 1000 * max(times[name]), "cached_ms": 1000 * cached[name]}
            for name in pages}


def rows(r: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    """Bench rows: every page <= 1 MB and <= 300 ms, the flow page <= 200 ms."""
    out = []
    for name, m in r.items():
        limit = 200 if name == "flow" else 300
        ok = m["bytes"] <= 1_000_000 and m["median_ms"] <= limit
        out.append((f"page {m['path']}", f"{m['bytes'] / 1024:,.0f} KB, {m['median_ms']:.0f} ms"
                    f" (slowest {m['max_ms']:.0f}, cached {m['cached_ms']:.0f})",
                    f"<= 1 MB, <= {limit} ms", ok))
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--db", type=Path, required=True)
    p.add_argument("--rounds", type=int, default=5)
    a = p.parse_args()
    r = run(a.db, a.rounds)
    print(json.dumps(r, indent=2))
    for m, v, t, ok in rows(r):
        print(f"{m:<45} {v:<45} {t:<20} {'yes' if ok else 'NO'}", file=sys.stderr)


if __name__ == "__main__":
    main()
