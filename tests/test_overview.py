"""The pages' overview reads (projections/overview.py) agree with the materialised
``timeline`` view and with the projections computed from the events."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from events import EventLog
from ingest import ingest
from projections import Window, compare_claims, load_flow_events, overview
from projections.materialise import catch_up

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
    from projections.claims import claim_rows

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
