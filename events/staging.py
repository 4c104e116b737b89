"""Getting checked rows into the ``log`` table fast, inside the caller's transaction: one
insert per batch (DuckDB's appender for a few rows, Arrow for many), a queue that gathers
column-wise chunks into one large insert, and looking ids up among the stored and queued
rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

from . import documents
from .canonical import Prepared
from .chain import LOG_COLUMNS, LogRow
from .conflicts import Known, current_body
from .connection import over

# rows the queue holds before inserting them in one statement: 8 DuckDB row groups.
# Larger queues only cost memory, and gain no speed (docs/performance.md)
QUEUE_ROWS = 8 * 122_880
SMALL = 64  # id lookups up to this size use an IN list instead of Arrow hand-off
APPENDER_ROWS = 10_000  # inserts up to this size use the appender, larger ones Arrow


def insert_rows(con: duckdb.DuckDBPyConnection, rows: list[LogRow]) -> None:
    """Insert chained rows (in an open transaction)."""
    if not rows:
        return
    if len(rows) <= APPENDER_ROWS:
        # DuckDB's appender checks the same constraints as INSERT and joins the open
        # transaction; for a few rows it is faster than an INSERT with parameters,
        # whose planning dominates
        appender = con.appender("log")
        appender.append_rows(rows)
        appender.flush()
        return
    batch = {c: [r[k] for r in rows] for k, c in enumerate(LOG_COLUMNS)}
    over(con, "_supplyline_batch", _arrow(batch), "INSERT INTO log SELECT * FROM _supplyline_batch")


def lookup(con: duckdb.DuckDBPyConnection, ids: Sequence[str] | Any) -> dict[str, Known]:
    """Stored events among ``ids`` (a list, or a polars Series), by id."""
    if len(ids) == 0:
        return {}
    if len(ids) <= SMALL:  # the unique index answers a short IN list directly
        marks = ", ".join("?" for _ in ids)
        rows = con.execute(f"SELECT event_id, type, body, record_version, position "
                           f"FROM log WHERE event_id IN ({marks})", list(ids)).fetchall()
        return {eid: Known(typ, current_body(body, v), pos) for eid, typ, body, v, pos in rows}
    import pyarrow as pa

    column = ids.to_arrow() if hasattr(ids, "to_arrow") else pa.array(ids, pa.string())
    found = over(con, "_supplyline_ids", pa.table({"event_id": column}),
                 "SELECT l.event_id, l.type, l.body, l.record_version, l.position "
                 "FROM log l JOIN _supplyline_ids i USING (event_id)")
    assert found is not None  # a query
    rows = found.fetchall()
    return {eid: Known(typ, current_body(body, v), pos) for eid, typ, body, v, pos in rows}


def context(con: duckdb.DuckDBPyConnection, items: list[Prepared]
            ) -> tuple[dict[str, Known], dict[str, str | None]]:
    """What checking ``items`` (``events.conflicts``) needs from the log: the stored events
    they name (by id, target or supersedes) and the documents they cite, with their text."""
    wanted = {x for p in items for x in (p.event_id, p.target, p.supersedes) if x}
    return (lookup(con, sorted(wanted)),
            documents.texts(con, {p.document for p in items if p.document}))


class Queue:
    """Chained rows (polars frames of the log's columns) waiting for one large insert:
    DuckDB takes one large insert several times faster than the same rows in pieces."""

    def __init__(self) -> None:
        self.frames: list[Any] = []

    def add(self, rows: Any, con: duckdb.DuckDBPyConnection) -> None:
        """Queue ``rows``; once the queue holds ``QUEUE_ROWS`` rows, insert them all."""
        self.frames.append(rows)
        if sum(q.height for q in self.frames) >= QUEUE_ROWS:
            self.insert(con)

    def insert(self, con: duckdb.DuckDBPyConnection) -> None:
        """Insert every queued row (in the open transaction) in one statement."""
        if not self.frames:
            return
        import polars as pl

        rows = pl.concat(self.frames, rechunk=False)
        self.frames.clear()
        over(con, "_supplyline_rows", rows, "INSERT INTO log SELECT * FROM _supplyline_rows")

    def clear(self) -> None:
        """Forget the queued rows (their transaction is rolled back)."""
        self.frames.clear()

    def stored(self, con: duckdb.DuckDBPyConnection, ids: Any) -> Any:
        """Stored or queued events among ``ids`` (a polars Series), as a polars frame of
        event_id, type and body as the current record version stores it."""
        import polars as pl

        found = lookup(con, ids)
        queued = [q.join(pl.DataFrame({"event_id": ids}), on="event_id", how="semi")
                  .select("event_id", "type", "body") for q in self.frames]
        return pl.concat([pl.DataFrame(
            [(eid, k.type, k.body) for eid, k in found.items()], orient="row",
            schema={"event_id": pl.String, "type": pl.String, "body": pl.String}), *queued])


def _arrow(columns: dict[str, list[Any]]) -> Any:
    import pyarrow as pa

    types = {"position": pa.int64(), "record_version": pa.int16(), "reported_on": pa.date32(),
             "recorded_at": pa.timestamp("us")}
    return pa.table({k: pa.array(v, type=types.get(k, pa.string())) for k, v in columns.items()})
