"""The pages' overview reads (projections/overview.py) agree with the materialised
``timeline`` view and with the projections computed from the events."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest

from supplyline.events import EventLog
from supplyline.ingest import ingest
from supplyline.projections import Window, compare_claims, load_flow_events, overview
from supplyline.projections.materialise import catch_up

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def busy_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated log of 6,000 events of every kind (the bench's v2 profile)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import write_csv

    folder = tmp_path_factory.mktemp("overview")
    csv_path = write_csv(folder / "events.csv", 6_000, seed=11)
    with EventLog(folder / "log.duckdb") as log:
        ingest(log, [csv_path])
        catch_up(log.con, log.catalogue(), dt.date(2026, 1, 1))
    return folder / "log.duckdb"


def test_latest_rows_are_the_views_last_rows(busy_log: Path) -> None:
    """Each flow's latest row, finished from its last stored state, equals the view's."""
    with EventLog(busy_log, read_only=True) as log:
        mine = overview.latest_rows(log.con)
        view = log.con.execute(
            "SELECT supplier, recipient, item, unit, date, low, central, high, conflict, "
            "central_from FROM timeline QUALIFY date = max(date) OVER (PARTITION BY "
            "supplier, recipient, item) ORDER BY supplier, recipient, item").fetchall()
    assert len(mine) > 50
    assert [tuple(r.values()) for r in mine] == view


def test_month_grid_is_the_views_month_end_rows(busy_log: Path) -> None:
    """Every month's row of the grid carries the view's values of that month's last row
    (the envelope applied across months, the clip after it), for all flows and a few."""
    with EventLog(busy_log, read_only=True) as log:
        view = log.con.execute(
            "SELECT supplier, recipient, item, last_day(date), max(date), "
            "arg_max_null(low, date), arg_max_null(central, date), arg_max_null(high, date) "
            "FROM timeline GROUP BY ALL").fetchall()
        grid = overview.month_grid(log.con)
        some = sorted(grid)[:3]
        part = overview.month_grid(log.con, some)
    expected = {(s, r, i, m): (b, lo, c, hi) for s, r, i, m, b, lo, c, hi in view}
    got = {(*k, g["date"]): (g["basis_date"], g["low"], g["central"], g["high"])
           for k, rows in grid.items() for g in rows}
    assert got == expected
    assert any(v[3] is None for v in got.values())  # open-topped months are covered
    assert part == {k: grid[k] for k in some}


def test_flow_reader_pages_the_flows_claims_as_compare_claims_has_them(busy_log: Path
                                                                        ) -> None:
    """A page of claims, converted and with their state (retracted, superseded), is the
    same as the full comparison's rows for those claims."""
    from supplyline.projections.claims import claim_rows

    with EventLog(busy_log, read_only=True) as log:
        cat = log.catalogue()
        flow = log.con.execute(
            "SELECT supplier, recipient, item FROM events_flat WHERE type = 'shipment' "
            "GROUP BY ALL ORDER BY count(*) DESC LIMIT 1").fetchall()[0]
        full = compare_claims(load_flow_events(log.con, Window(), flow), cat, *flow)["claims"]
        reader = overview.FlowReader(log.con, flow)
        page = claim_rows(reader.page(20, 10), cat, reader.out, reader.convs).to_dicts()
        chart = reader.for_chart(25)
    by_id = {c["event_id"]: c for c in full}
    newest = sorted(full, key=lambda c: (c["reported_on"], c["position"]), reverse=True)
    assert {c["event_id"] for c in page} == {c["event_id"] for c in newest[10:30]}
    for c in page:
        assert {k: c[k] for k in by_id[c["event_id"]]} == by_id[c["event_id"]]
    assert any(c["state"] != "in_use" for c in full)  # the log has retracted claims
    assert reader.count == len(full) and chart.height == 25
    assert not set(chart["event_id"]) & set(reader.out)


def test_headlines_brought_forward_equal_headlines_read_afresh(busy_log: Path,
                                                               tmp_path: Path) -> None:
    """After appends that add claims, open a new flow, retract a flow's latest claim,
    correct a claim into another flow, retract a meeting and add a conversion, the
    headlines refreshed from the old ones equal those read from scratch, step by step."""
    import shutil

    from supplyline.events import validate_record

    db = tmp_path / "copy.duckdb"
    shutil.copy(busy_log, db)
    with EventLog(db) as log:
        cat = log.catalogue()
        con = log.con
        old = overview.overview(con)
        flows = sorted(old.flows)
        a, b = flows[0], flows[1]
        latest_a = con.execute(
            "SELECT event_id FROM events_flat WHERE type = 'shipment' AND supplier = ? AND "
            "recipient = ? AND item = ? ORDER BY reported_on DESC, position DESC LIMIT 1",
            list(a)).fetchall()[0][0]
        some_b = con.sql(
            "SELECT event_id FROM events_flat WHERE type = 'shipment' AND supplier = ? AND "
            "recipient = ? AND item = ? LIMIT 1", params=list(b)).pl().to_dicts()
        meeting = con.execute("SELECT event_id FROM events_flat WHERE type = 'meeting' "
                              "LIMIT 1").fetchall()[0][0]
        base = {"reported_on": "2025-12-30", "source": "Test"}
        ship = {**base, "type": "shipment", "unit": "rounds", "measure": "cumulative",
                "period_end": "2025-12-29"}
        steps: list[list[dict[str, Any]]] = [
            [{**ship, "supplier": a[0], "recipient": a[1], "item": a[2], "unit": "units"
              if cat.items[a[2]].unit == "units" else "rounds", "quantity_low": 1e9}],
            [{**ship, "supplier": "NO", "recipient": "UA", "item": "shell_155mm",
              "quantity": 5.0}],
            [{**base, "type": "retraction", "target": latest_a, "reason": "test"}],
            [{**ship, "supplier": "NO", "recipient": "UA", "item": "shell_122mm",
              "quantity": 7.0, "supersedes": some_b[0]["event_id"]}] if some_b else [],
            [{**base, "type": "retraction", "target": meeting, "reason": "test"}],
            [{**base, "type": "conversion", "from_unit": "containers", "to_unit": "rounds",
              "factor": 300.0}],
        ]
        for i, records in enumerate(steps):
            if not records:
                continue
            events = []
            for r in records:
                event, problems = validate_record(r, cat, dt.date(2026, 1, 1))
                assert not problems, (i, problems)
                events.append(event)
            log.append(events)
            catch_up(con, cat, dt.date(2026, 1, 1))
            fresh = overview.overview(con)
            old = overview.refresh(con, old)
            assert old == fresh, i
        assert ("NO", "UA", "shell_155mm") in old.flows
