"""Events as typed polars frames, filtered by what was visible when.

The log stores each event as canonical JSON; ``FLAT_COLUMNS`` turns bodies into typed
columns in SQL (the same expression backs the ``events_flat`` table and the ``events`` view).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import polars as pl

_TEXT = ["event_id", "type", "source", "via", "url", "document", "quote", "reliability",
         "supersedes", "notes", "supplier", "recipient", "item", "unit", "measure",
         "period_start", "period_end", "due_by", "metric", "subject", "per", "title",
         "location", "from_unit", "to_unit", "target", "reason"]
_NUMBERS = ["quantity", "quantity_low", "quantity_high", "factor", "factor_low", "factor_high"]


def _first_day(col: str) -> str:
    t = f"(body->>'$.{col}')"
    return (f"CASE length({t}) WHEN 4 THEN make_date(({t})::INT, 1, 1) "
            f"WHEN 7 THEN make_date(({t})[1:4]::INT, ({t})[6:7]::INT, 1) "
            f"ELSE ({t})::DATE END")


def _last_day(col: str) -> str:
    t = f"(body->>'$.{col}')"
    return (f"CASE length({t}) WHEN 4 THEN make_date(({t})::INT, 12, 31) "
            f"WHEN 7 THEN last_day(make_date(({t})[1:4]::INT, ({t})[6:7]::INT, 1)) "
            f"ELSE ({t})::DATE END")


# Column expressions over the log table (aliased ``l``-free: they use bare column names).
FLAT_COLUMNS: list[tuple[str, str]] = [
    ("position", "position"),
    ("recorded_at", "recorded_at"),
    ("reported_on", "reported_on"),
    *[(c, f"body->>'$.{c}'") for c in _TEXT],
    ("credibility", "(body->>'$.credibility')::INTEGER"),
    *[(c, f"(body->>'$.{c}')::DOUBLE") for c in _NUMBERS],
    ("participants", "CAST(json_extract(body, '$.participants') AS VARCHAR[])"),
    ("start_date", _first_day("period_start")),
    ("end_date", _last_day("period_end")),
    ("due_date", _last_day("due_by")),
    ("hash", "hash"),
    ("prev_hash", "prev_hash"),
]
FLAT_SELECT = ", ".join(f"{expr} AS {name}" for name, expr in FLAT_COLUMNS)


@dataclass(frozen=True)
class Window:
    """What a projection may see: events reported by ``as_of`` and stored by ``at_position``."""

    as_of: dt.date | None = None
    at_position: int | None = None

    def where(self) -> str:
        clauses = []
        if self.as_of is not None:
            clauses.append(f"reported_on <= DATE '{self.as_of.isoformat()}'")
        if self.at_position is not None:
            clauses.append(f"position <= {int(self.at_position)}")
        return (" WHERE " + " AND ".join(clauses)) if clauses else ""


def flat_source(con: duckdb.DuckDBPyConnection) -> str:
    """The materialised ``events_flat`` table when it is complete, else the log itself."""
    from .materialise import flat_is_current

    if flat_is_current(con):
        return "events_flat"
    return f"(SELECT {FLAT_SELECT} FROM log)"


def load_events(con: duckdb.DuckDBPyConnection, window: Window = Window(),
                types: tuple[str, ...] | None = None) -> pl.DataFrame:
    """Visible events (by ``window``) as a typed frame ordered by position."""
    where = window.where()
    if types:
        kinds = ", ".join(f"'{t}'" for t in types)
        where += (" AND " if where else " WHERE ") + f"type IN ({kinds})"
    cols = ", ".join(name for name, _ in FLAT_COLUMNS)
    return con.sql(f"SELECT {cols} FROM {flat_source(con)}{where} ORDER BY position").pl()


def out_events(events: pl.DataFrame) -> dict[str, tuple[str, str]]:
    """Events that are out: event_id -> ('retracted'|'superseded', by event_id).

    An event is out if a visible retraction targets it or a visible event supersedes it.
    """
    out: dict[str, tuple[str, str]] = {}
    sup = events.filter(pl.col("supersedes").is_not_null()).select("supersedes", "event_id")
    for target, by in sup.iter_rows():
        out.setdefault(target, ("superseded", by))
    ret = events.filter(pl.col("type") == "retraction").select("target", "event_id")
    for target, by in ret.iter_rows():
        out[target] = ("retracted", by)  # a retraction outranks a correction in the reason
    return out
