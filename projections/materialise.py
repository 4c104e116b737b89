"""Materialised projections inside the log file, for SQL users (``events``, ``timeline``,
``pledge_status``). Each records the log position it was built from and catches up from
there after appends; a full rebuild gives identical rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb
import polars as pl

from events import Catalogue

from .frames import FLAT_COLUMNS, FLAT_FROM_LOG, TIMELINE_COLUMNS, Window, load_events
from .pledges import pledge_status
from .timeline import METHOD_VERSION, all_timelines

EVENTS_VIEW_COLUMNS = ["event_id", "type", "reported_on", "source", "via", "url", "document",
                       "quote", "reliability", "credibility", "supersedes", "notes", "quantity",
                       "quantity_low", "quantity_high", "supplier", "recipient", "item", "unit",
                       "measure", "period_start", "period_end", "due_by", "metric", "subject",
                       "per", "title", "participants", "location", "from_unit", "to_unit",
                       "factor", "factor_low", "factor_high", "target", "reason", "position",
                       "recorded_at", "hash", "prev_hash"]

DDL = f"""
CREATE TABLE IF NOT EXISTS projection_state (
    name     VARCHAR PRIMARY KEY,
    position BIGINT NOT NULL,
    as_of    DATE,
    method   INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS events_flat AS SELECT * FROM {FLAT_FROM_LOG} WHERE false;
CREATE TABLE IF NOT EXISTS timeline (
    supplier VARCHAR, recipient VARCHAR, item VARCHAR, unit VARCHAR, date DATE,
    low DOUBLE, central DOUBLE, high DOUBLE, conflict BOOLEAN
);
CREATE TABLE IF NOT EXISTS timeline_excluded (
    supplier VARCHAR, recipient VARCHAR, item VARCHAR, event_id VARCHAR, reason VARCHAR
);
CREATE TABLE IF NOT EXISTS pledge_status (
    event_id VARCHAR, supplier VARCHAR, recipient VARCHAR, item VARCHAR, unit VARCHAR,
    pledged DOUBLE, due_by VARCHAR, delivered_low DOUBLE, delivered_central DOUBLE,
    delivered_high DOUBLE, fulfilment DOUBLE, status VARCHAR, projected_completion DATE,
    as_of DATE
);
CREATE OR REPLACE VIEW events AS SELECT {", ".join(EVENTS_VIEW_COLUMNS)} FROM events_flat;
"""


@dataclass(frozen=True)
class CatchUp:
    head: int
    flat_added: int
    flows_rebuilt: int
    full: bool


def _state(con: duckdb.DuckDBPyConnection, name: str) -> tuple[int, dt.date | None, int] | None:
    try:
        rows = con.execute("SELECT position, as_of, method FROM projection_state WHERE name = ?",
                           [name]).fetchall()
    except duckdb.CatalogException:
        return None
    return rows[0] if rows else None


def _head(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute("SELECT coalesce(max(position), 0) FROM log").fetchall()[0][0])


def flat_is_current(con: duckdb.DuckDBPyConnection) -> bool:
    state = _state(con, "events_flat")
    return state is not None and state[0] == _head(con)


def projections_current(con: duckdb.DuckDBPyConnection, today: dt.date) -> bool:
    head = _head(con)
    tl, ps = _state(con, "timeline"), _state(con, "pledge_status")
    return (tl is not None and tl[0] == head and tl[2] == METHOD_VERSION and ps is not None
            and ps[0] == head and ps[1] == today and ps[2] == METHOD_VERSION)


def _set_state(con: duckdb.DuckDBPyConnection, name: str, position: int,
               as_of: dt.date | None = None) -> None:
    con.execute("INSERT OR REPLACE INTO projection_state VALUES (?, ?, ?, ?)",
                [name, position, as_of, METHOD_VERSION])


def catch_up(con: duckdb.DuckDBPyConnection, catalogue: Catalogue, today: dt.date,
             *, full: bool = False) -> CatchUp:
    """Bring every materialised projection up to the log head (one transaction)."""
    con.execute(DDL)
    con.begin()
    try:
        result = _catch_up(con, catalogue, today, full)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return result


def _catch_up(con: duckdb.DuckDBPyConnection, catalogue: Catalogue, today: dt.date,
              full: bool) -> CatchUp:
    head = _head(con)
    flat = _state(con, "events_flat")
    flat_pos = 0 if full or flat is None else flat[0]
    if flat_pos == 0:
        con.execute("DELETE FROM events_flat")
    con.execute(f"INSERT INTO events_flat SELECT * FROM {FLAT_FROM_LOG} WHERE position > ? "
                "ORDER BY position", [flat_pos])
    _set_state(con, "events_flat", head)

    tl = _state(con, "timeline")
    rebuild_all = full or tl is None or tl[2] != METHOD_VERSION
    since = 0 if rebuild_all else tl[0]  # type: ignore[index]
    flows_rebuilt = 0
    if rebuild_all or since < head:
        affected = None if rebuild_all else _affected_flows(con, since)
        if affected is None:
            events = load_events(con, columns=TIMELINE_COLUMNS)
            rows, excluded = all_timelines(events, catalogue)
            con.execute("DELETE FROM timeline")
            con.execute("DELETE FROM timeline_excluded")
            flows_rebuilt = rows.select("supplier", "recipient", "item").n_unique()
        else:
            events = _events_for_flows(con, affected)
            rows, excluded = all_timelines(events, catalogue, only=affected)
            _delete_flows(con, affected)
            flows_rebuilt = len(affected)
        _insert(con, "timeline", rows)
        _insert(con, "timeline_excluded", excluded)
        _set_state(con, "timeline", head)

    ps = _state(con, "pledge_status")
    if full or ps is None or ps[0] != head or ps[1] != today or ps[2] != METHOD_VERSION:
        # pledges read their flows' rows from the (now current) timeline table
        events = con.sql(f"SELECT {', '.join(n for n, _ in FLAT_COLUMNS)} FROM events_flat "
                         "WHERE type IN ('pledge', 'conversion', 'retraction') "
                         "OR supersedes IS NOT NULL ORDER BY position").pl()
        status = pledge_status(events, catalogue, today, _timeline_rows(con))
        con.execute("DELETE FROM pledge_status")
        _insert(con, "pledge_status", status.with_columns(as_of=pl.lit(today)))
        _set_state(con, "pledge_status", head, today)
    return CatchUp(head, head - flat_pos, flows_rebuilt, rebuild_all)


def _timeline_rows(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str, str], list[Any]]:
    rows: dict[tuple[str, str, str], list[Any]] = {}
    for sup, rec, item, *row in con.execute(
            "SELECT supplier, recipient, item, date, low, central, high, conflict FROM timeline "
            "ORDER BY supplier, recipient, item, date").fetchall():
        rows.setdefault((sup, rec, item), []).append(tuple(row))
    return rows


def _affected_flows(con: duckdb.DuckDBPyConnection, since: int
                    ) -> set[tuple[str, str, str]] | None:
    """Flows whose timeline may change through events after ``since``; None = all of them."""
    new = con.sql(
        "SELECT type, supplier, recipient, item, target, supersedes FROM events_flat "
        f"WHERE position > {int(since)}").pl()
    refs = [x for x in (*new["target"].to_list(), *new["supersedes"].to_list()) if x]
    touched = new
    if refs:
        ids = ", ".join("'" + r.replace("'", "''") + "'" for r in refs)
        old = con.sql("SELECT type, supplier, recipient, item, target, supersedes "
                      f"FROM events_flat WHERE event_id IN ({ids})").pl()
        touched = pl.concat([new, old])
    if touched.filter(pl.col("type") == "conversion").height:
        return None  # a conversion may change any flow in its units; rebuild all
    ships = touched.filter(pl.col("type") == "shipment")
    return {tuple(r) for r in ships.select("supplier", "recipient", "item").iter_rows()}  # type: ignore[misc]


def _events_for_flows(con: duckdb.DuckDBPyConnection,
                      flows: set[tuple[str, str, str]]) -> pl.DataFrame:
    """Only what the affected flows' timelines read: their shipments and the events that
    can take a shipment out or convert it."""
    if not flows:
        return load_events(con, Window(at_position=0))
    keys = pl.DataFrame(sorted(flows), schema={"supplier": pl.String, "recipient": pl.String,
                                               "item": pl.String}, orient="row")
    con.register("_affected", keys)
    try:
        cols = ", ".join(n for n, _ in FLAT_COLUMNS)
        return con.sql(
            f"SELECT {cols} FROM events_flat e WHERE e.type IN ('conversion', 'retraction') "
            "OR e.supersedes IS NOT NULL OR (e.type = 'shipment' AND EXISTS (SELECT 1 FROM "
            "_affected a WHERE a.supplier = e.supplier AND a.recipient = e.recipient "
            "AND a.item = e.item)) ORDER BY position").pl()
    finally:
        con.unregister("_affected")


def _delete_flows(con: duckdb.DuckDBPyConnection, flows: set[tuple[str, str, str]]) -> None:
    if not flows:
        return
    for table in ("timeline", "timeline_excluded"):
        con.executemany(f"DELETE FROM {table} WHERE supplier = ? AND recipient = ? AND item = ?",
                        [list(f) for f in sorted(flows)])


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    if frame.height:
        con.register("_frame", frame)
        try:
            con.execute(f"INSERT INTO {table} SELECT * FROM _frame")
        finally:
            con.unregister("_frame")
