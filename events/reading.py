"""Reading the ``log`` table: events as output records (SPEC §4 ``events``), filtered in
SQL, and every stored row for backups."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from typing import Any

import duckdb

from .chain import LOG_COLUMNS, LogRow
from .dates import format_utc
from .upcast import upcast


def read_events(con: duckdb.DuckDBPyConnection, *, types: Sequence[str] | None = None,
                since_position: int | None = None, as_of: dt.date | None = None,
                at_position: int | None = None, limit: int | None = None
                ) -> list[dict[str, Any]]:
    """Events passing the filters, oldest first, as output records; at most ``limit`` of
    them (the database stops there: a page of a large log costs a page, not the log)."""
    where, params = _filters(types, since_position, as_of, at_position)
    if limit is not None:
        params.append(int(limit))
    rows = con.execute(
        "SELECT position, recorded_at, hash, record_version, body FROM log"
        f"{where} ORDER BY position{' LIMIT ?' if limit is not None else ''}",
        params).fetchall()
    out = []
    for position, recorded_at, hash_, version, body in rows:
        record = upcast(json.loads(body), version)
        record.update(position=position, recorded_at=format_utc(recorded_at), hash=hash_)
        out.append(record)
    return out


def stored_rows(con: duckdb.DuckDBPyConnection) -> Iterator[LogRow]:
    """Every stored row, in position order, a batch at a time (on a cursor of its own)."""
    cur = con.cursor()
    cur.execute(f"SELECT {', '.join(LOG_COLUMNS)} FROM log ORDER BY position")
    while batch := cur.fetchmany(50_000):
        yield from map(LogRow._make, batch)
    cur.close()


def _filters(types: Sequence[str] | None, since_position: int | None, as_of: dt.date | None,
             at_position: int | None) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if types:
        clauses.append("list_contains(?, type)")
        params.append(list(types))
    if since_position is not None:
        clauses.append("position > ?")
        params.append(since_position)
    if as_of is not None:
        clauses.append("reported_on <= ?")
        params.append(as_of)
    if at_position is not None:
        clauses.append("position <= ?")
        params.append(at_position)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params
