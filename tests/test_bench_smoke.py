"""The benchmark code runs end to end at tiny sizes (no timing is asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_bench_runs_at_tiny_size(tmp_path: Path) -> None:
    """`bench/run.py` measures every item and writes its JSON with met/not-met marks."""
    out = tmp_path / "r.json"
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--events", "3000",
                           "--clients", "2", "--per-client", "20", "--repeat", "2",
                           "--out", str(out)],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = json.loads(out.read_text())
    assert data["ingest"]["appended"] == 3000
    # measures behind targets ran twice, each ingest into a fresh log, each catch-up after
    # its own new events: all runs are listed, and the median run's numbers are reported
    for name in ("ingest", "ingest_floor", "peer_batched", "peer_single", "rebuild",
                 "rebuild_floor", "catch_up"):
        assert len(data[name]["runs"]) == 2 and data[name]["seconds"] in data[name]["runs"]
    assert data["service"]["events"] == 40 and data["http_floor"]["events"] == 40
    # the least work of an ingest: its five parts, in CPU time over the cores
    bound = data["ingest_bound"]
    assert set(bound["parts"]) == {"read", "serialise", "check", "chain", "store"}
    assert bound["events"] == 3000
    assert bound["bound_s"] * bound["cores"] == pytest.approx(bound["cpu_s"])
    # the least work of a rebuild of every timeline: its two parts, one row per flow and
    # date (never more than the claims), beside the floor's own query in the same process
    rbound = data["rebuild_bound"]
    assert set(rbound["parts"]) == {"method", "store"}
    assert 0 < rbound["dates"] <= 3000
    assert rbound["bound_s"] * rbound["cores"] == pytest.approx(rbound["cpu_s"])
    assert rbound["floor_query_s"] > 0
    # the same least work from the log's JSON (the bound checks that it gives the same
    # states as from events_flat), and it stores the same rows
    from_log = rbound["from_log"]
    assert set(from_log["parts"]) == {"parse", "method", "store"}
    assert from_log["parts"]["store"] == rbound["parts"]["store"]
    assert from_log["bound_s"] * from_log["cores"] == pytest.approx(from_log["cpu_s"])
    # the floor's query alone is part of its whole run
    assert 0 < data["rebuild_floor"]["query_s"] < data["rebuild_floor"]["seconds"]
    # the commit ceiling uses the service's client count, with and without the log's keys
    assert data["commit_ceiling"]["clients"] == 2 == data["commit_ceiling"]["bare"]["clients"]
    # supplyline draft: a whole command per article, and the figures against gold
    assert data["draft"]["one_article_command_s"] > 0
    assert {"synthetic", "heldout"} <= set(data["draft"]["figures"])
    assert {t["measure"] for t in data["targets"]} >= {
        "ingest vs DuckDB read_csv floor", "full rebuild vs DuckDB window floor",
        "service append p99"}
    # every web page measured uncached at a new head, with its size
    assert {"front", "flow", "pledges", "events", "review"} <= set(data["pages"])
    assert all(m["bytes"] > 1000 and m["median_ms"] > 0 for m in data["pages"].values())
    assert {t["measure"] for t in data["targets"]} >= {"page /", "page /review"}
    assert "met" in proc.stdout


def test_compared_measures_run_in_turn_and_compare_runs_of_the_same_round(
        tmp_path: Path) -> None:
    """A slow spell of the host must slow both sides of a ratio: measures compared with
    each other run once per round, in turn, and their ratio pairs runs of the same round."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import run as bench
    finally:
        sys.path.remove(str(ROOT / "bench"))
    order = tmp_path / "order"
    code = ("with open({!r}, 'a') as f:\n    f.write('{}%d ' % REP)\n"
            "time.sleep({})\n")
    r = bench.interleaved({"a": code.format(str(order), "a", 0.02),
                           "b": code.format(str(order), "b", 0.01)}, 3)
    assert order.read_text().split() == ["a0", "b0", "a1", "b1", "a2", "b2"]
    assert len(r["a"]["runs"]) == len(r["b"]["runs"]) == 3
    assert r["a"]["seconds"] in r["a"]["runs"]
    # each round's ratio, then their median (2.4 / 1.5 would mix the runs of two rounds)
    rounds = {"a": {"seconds": 2.4, "runs": [2.0, 2.4, 6.0]},
              "b": {"seconds": 1.5, "runs": [1.5, 3.0, 1.0]}}
    assert bench.ratio(rounds, "a", "b") == pytest.approx(2.0 / 1.5)
    # measures that ran once each: the ratio of their seconds
    assert bench.ratio({"a": {"seconds": 3.0}, "b": {"seconds": 2.0}}, "a", "b") == 1.5


def test_least_work_of_an_ingest_checks_cells_and_finds_what_is_broken() -> None:
    """The bound's check part is real work: it finds each kind of broken cell it counts
    (and the bound refuses to run when the generated file has any)."""
    import duckdb

    from supplyline.events import Catalogue
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from ingest_bound import checks, known_codes
    finally:
        sys.path.remove(str(ROOT / "bench"))
    header = ("event_id,type,reported_on,source,reliability,credibility,quantity,"
              "quantity_low,quantity_high,factor,period_start,period_end,due_by,supplier,"
              "item,unit")
    rows = [
        "a1,shipment,2024-01-05,Seoul,B,2,100,,,,2024-01,2024-02,,KP,shell_152mm,rounds",
        "a2,conversion,2024-01-05,Seoul,,,,,,2.5,2024,,,,,",     # valid, with defaults
        "a1,shipment,2024-01-05,Seoul,B,2,100,,,,,2024-02,,,,",  # id repeated
        "a 3,shipment,2024-01-05,Seoul,B,2,100,,,,,2024-02,,,,",  # id pattern
        "a4,delivery,2024-01-05,Seoul,B,2,100,,,,,2024-02,,,,",  # type
        "a5,shipment,2024-01,Seoul,B,2,100,,,,,2024-02,,,,",     # reported_on
        "a6,shipment,2024-01-05,,G,7,100,,,,,2024-02,,,,",       # source, Admiralty codes
        "a7,shipment,2024-01-05,Seoul,B,2,-1,,,,,2024-13,,,,",   # quantity, date
        "a8,shipment,2024-01-05,Seoul,B,2,100,200,150,,,2024-02,,,,",  # order
        "a9,pledge,2024-01-05,Seoul,B,2,,,,,2024-01,,2024-1,,,",  # required, due_by
        "a10,conversion,2024-01-05,Seoul,B,2,,,,0,2024-01,,,,,",  # factor > 0
        "a11,shipment,2024-01-05,Seoul,B,2,inf,,,,,2024-02,,,,",  # not finite
        "a12,shipment,2024-01-05,Seoul,B,2,1,,,,,2024-02,,XX,shell,crates",  # unknown codes
    ]
    con = duckdb.connect()
    con.execute("CREATE TABLE cells AS SELECT * FROM (VALUES " + ", ".join(
        "(" + ", ".join("NULL" if c == "" else "'" + c + "'" for c in r.split(",")) + ")"
        for r in rows) + ") AS t(" + header + ")")
    known = known_codes(Catalogue.builtin())
    broken = {k: v for k, v in checks(con, "cells", header.split(","), known).items() if v}
    assert broken == {
        "event_id_repeated": 1, "event_id": 1, "type": 1, "reported_on": 1, "source": 1,
        "reliability": 1, "credibility": 1, "quantity": 2, "period_end": 1,
        "quantity_order": 1, "quantity_required": 1, "due_by": 1, "factor": 1,
        "supplier": 1, "item": 1, "unit": 1}
    # only the rules whose columns are there; a single known code is a list of one
    assert checks(con, "cells", ["item"], {"item": ("shell_152mm",)}) == {"item": 1}
