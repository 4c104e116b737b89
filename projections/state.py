"""Where each materialised projection stands: the log position, as-of date and method it
was built with (the ``projection_state`` table), and whether it is current.

Shared by the typed-table readers (``frames``), the catch-up (``materialise``), SQL and the
checks, so none of them imports another to ask.
"""

from __future__ import annotations

import datetime as dt

import duckdb

METHOD_VERSION = 2  # the timeline method (SPEC §5); stored with each projection
LAYOUT = 5  # bump when the materialised tables change shape: they are rebuilt

State = tuple[int, dt.date | None, int]


def read_state(con: duckdb.DuckDBPyConnection, name: str, *, exists: bool = False
               ) -> State | None:
    """The position, as-of date and method a projection was built with (None: never built).
    ``exists``: the caller knows the state table exists (a catch-up after its first step)."""
    # look before querying: a failed query would abort an open transaction
    if not exists and not con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND "
            "table_name = 'projection_state'").fetchall()[0][0]:
        return None
    rows = con.execute("SELECT position, as_of, method FROM projection_state WHERE name = ?",
                       [name]).fetchall()
    return rows[0] if rows else None


def set_state(con: duckdb.DuckDBPyConnection, name: str, position: int,
              as_of: dt.date | None = None, method: int = METHOD_VERSION) -> None:
    """Record where projection ``name`` stands (an update, and an insert the first time,
    which costs a third of an INSERT OR REPLACE)."""
    updated = con.execute("UPDATE projection_state SET position = ?, as_of = ?, method = ? "
                          "WHERE name = ?", [position, as_of, method, name]).fetchall()[0][0]
    if not updated:
        con.execute("INSERT INTO projection_state VALUES (?, ?, ?, ?)",
                    [name, position, as_of, method])


def head_position(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute("SELECT coalesce(max(position), 0) FROM log").fetchall()[0][0])


def layout_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the materialised tables have this version's shape: a log last caught up by an
    older version (opened read-only, so not yet migrated) may lack some."""
    layout = read_state(con, "layout")
    return layout is not None and layout[2] == LAYOUT


def flat_is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the typed tables (``events_flat`` and ``events_side``) hold the whole log."""
    if not layout_current(con):
        return False
    flat = read_state(con, "events_flat", exists=True)
    side = read_state(con, "events_side", exists=True)
    return flat is not None and side is not None and flat[0] == side[0] == head_position(con)


def projections_current(con: duckdb.DuckDBPyConnection, today: dt.date) -> bool:
    """Whether the timelines and pledge status hold the whole log, by this method, for
    ``today``."""
    if not layout_current(con):
        return False
    head = head_position(con)
    tl = read_state(con, "timeline", exists=True)
    ps = read_state(con, "pledge_status", exists=True)
    return (tl is not None and tl[0] == head and tl[2] == METHOD_VERSION and ps is not None
            and ps[0] == head and ps[1] == today and ps[2] == METHOD_VERSION)
