"""Do the materialised copies still say what the log says?

``typed_problem``: the typed tables (``events_flat``, ``events_side``), which timelines,
pledges, claims and the ``events`` view read instead of the log's JSON, agree with the log
row by row. ``events_flat`` is computed again from the log in DuckDB and joined with the
stored rows on ``position``; ``events_side`` must hold exactly the
side rows of the checked ``events_flat``.

``projection_problem``: the materialised projections (``timeline_state``,
``timeline_excluded``, ``pledge_status``, and the views over them) agree with a full
rebuild made in a temporary DuckDB file from the same log rows, catalogue and as-of date.
Both compare whatever columns the stored tables have.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from supplyline.events import Catalogue

from .frames import FLAT_FROM_LOG, SIDE

# what the rebuild writes that plain verify checks already, or that is not a projection
_NOT_COMPARED = {"log", "catalogue", "documents", "seals", "merkle_nodes", "projection_state",
                 "events_flat", "events_side"}
_ORDER_FIRST = ("supplier", "recipient", "item", "date", "event_id")


@dataclass(frozen=True)
class Mismatch:
    table: str
    message: str
    position: int | None = None
    details: dict[str, Any] = field(default_factory=dict)


def _tables(con: duckdb.DuckDBPyConnection, catalog: str | None = None) -> dict[str, str]:
    """Tables and views of a database (default: the connection's own): name -> type."""
    rows = con.execute(
        "SELECT table_name, table_type FROM information_schema.tables WHERE table_catalog = "
        "coalesce(?, current_database()) AND table_schema = 'main'", [catalog]).fetchall()
    return dict(rows)


def _state(con: duckdb.DuckDBPyConnection, name: str, prefix: str = ""
           ) -> tuple[int, dt.date | None, int] | None:
    rows = con.execute(f"SELECT position, as_of, method FROM {prefix}projection_state "
                       "WHERE name = ?", [name]).fetchall()
    return (int(rows[0][0]), rows[0][1], int(rows[0][2])) if rows else None


def _columns(con: duckdb.DuckDBPyConnection, relation: str) -> list[str]:
    return [d[0] for d in con.execute(f"SELECT * FROM {relation} LIMIT 0").description]


# -- the typed tables ------------------------------------------------------------------
def typed_problem(con: duckdb.DuckDBPyConnection, head: int) -> tuple[Mismatch | None,
                                                                      list[str]]:
    """The first disagreement between the typed tables and the log (None: they agree),
    and the tables checked. Tables of another shape, left by an older version (they are
    rebuilt on the next write and read by nothing before), are not checked; tables of
    this version's shape always are, whatever ``projection_state`` says of them."""
    tables = _tables(con)
    if "events_flat" not in tables:
        return None, []
    expected_columns = _columns(con, FLAT_FROM_LOG)
    if _columns(con, "events_flat") != expected_columns:
        return None, []
    states = ({name: _state(con, name) for name in ("events_flat", "events_side")}
              if "projection_state" in tables else {})
    flat = states.get("events_flat")
    upto = flat[0] if flat else _max_position(con, "events_flat")
    if not 0 <= upto <= head:
        return Mismatch("events_flat", f"events_flat holds position {upto}; the log holds "
                        f"{head} events", head + 1), []
    found = _compare_rows(con, "events_flat", f"(SELECT * FROM {FLAT_FROM_LOG} WHERE "
                          f"position <= {upto})", "the log")
    if found:
        return found, []
    if "events_side" not in tables or _columns(con, "events_side") != expected_columns:
        return None, ["events_flat"]
    side = states.get("events_side")
    side_upto = side[0] if side else min(upto, _max_position(con, "events_side"))
    if not 0 <= side_upto <= upto:
        return Mismatch("events_side", f"events_side holds position {side_upto}; "
                        f"events_flat holds {upto}", upto + 1), ["events_flat"]
    found = _compare_rows(con, "events_side", f"(SELECT * FROM events_flat WHERE ({SIDE}) "
                          f"AND position <= {side_upto})", "the log's side events")
    return found, ["events_flat"] if found else ["events_flat", "events_side"]


def _max_position(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return int(con.execute(f"SELECT coalesce(max(position), 0) FROM {table}").fetchall()[0][0])


def _compare_rows(con: duckdb.DuckDBPyConnection, table: str, expected: str, what: str
                  ) -> Mismatch | None:
    try:
        count, first = con.execute(
            f"SELECT count(*), min(coalesce(a.position, b.position)) FROM {table} a FULL JOIN "
            f"{expected} b ON a.position = b.position WHERE a IS DISTINCT FROM b").fetchall()[0]
    except duckdb.Error as exc:
        return Mismatch(table, f"{table} does not have the columns {what} gives it "
                               f"({str(exc).splitlines()[0]})")
    if not count:  # each expected row has its equal; a row stored twice still shows here
        dup = con.execute(f"SELECT position FROM {table} GROUP BY position HAVING count(*) > 1 "
                          "ORDER BY position LIMIT 1").fetchall()
        if not dup:
            return None
        return Mismatch(table, f"{table} position {dup[0][0]}: stored more than once",
                        int(dup[0][0]))
    if first is None:
        return Mismatch(table, f"{table} holds rows without a position")
    return Mismatch(table, f"{table} position {first}: "
                           f"{_row_difference(con, table, expected, int(first))}", int(first))


def _row_difference(con: duckdb.DuckDBPyConnection, table: str, expected: str,
                    position: int) -> str:
    """What differs at ``position``: the columns, with both values (the first three)."""
    stored = con.execute(f"SELECT * FROM {table} WHERE position = ?", [position])
    names = [d[0] for d in stored.description]
    mine = stored.fetchall()
    theirs = con.execute(f"SELECT * FROM {expected} WHERE position = ?", [position]).fetchall()
    if len(mine) != 1 or len(theirs) != 1:
        return (f"{len(mine)} stored row(s) where the log gives {len(theirs)}")
    diffs = [f"{n} is {_show(a)}, the log says {_show(b)}"
             for n, a, b in zip(names, mine[0], theirs[0], strict=True) if not _same(a, b)]
    return "; ".join(diffs[:3]) or "the row differs"


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return bool(a == b and type(a) is type(b)) or (a is None and b is None)


def _show(v: Any) -> str:
    return "null" if v is None else repr(v) if isinstance(v, str) else str(v)


# -- the projections -------------------------------------------------------------------
def projection_problem(con: duckdb.DuckDBPyConnection, path: Path, read_only: bool,
                       catalogue: Catalogue) -> tuple[Mismatch | None, list[str]]:
    """Rebuild the materialised projections in a temporary file from the log rows they
    were built from, and compare every table and view the rebuild makes with the stored
    one. Returns the first disagreement (None: all agree) and what was compared."""
    from .materialise import catch_up
    from .state import LAYOUT

    tables = _tables(con)
    if "projection_state" not in tables:
        return None, []
    layout = _state(con, "layout")
    if layout is None or layout[2] != LAYOUT:
        return Mismatch("projection_state", "the projections were built by another version "
                        "of supplyline; they are rebuilt the next time the log is written"
                        ), []
    timeline, pledges = _state(con, "timeline"), _state(con, "pledge_status")
    if timeline is None or pledges is None:
        return None, []
    compared: list[str] = []
    # one rebuild per position the projections were built at (the same, unless a
    # catch-up stopped between them)
    builds: dict[int, dt.date | None] = {timeline[0]: pledges[1]}
    builds.setdefault(pledges[0], pledges[1])
    with tempfile.TemporaryDirectory(prefix="supplyline-verify-") as tmp:
        for n, (position, as_of) in enumerate(sorted(builds.items())):
            scratch = Path(tmp) / f"rebuild-{n}.duckdb"
            _copy_log(con, path, read_only, scratch, position)
            rebuilt = duckdb.connect(str(scratch))
            try:
                rebuilt.execute("SET enable_progress_bar = false")
                catch_up(rebuilt, catalogue, as_of or dt.date(1970, 1, 1), full=True)
                # tables first, then the views over them
                names = [t for _, t in sorted((kind != "BASE TABLE", t) for t, kind
                                              in _tables(rebuilt).items()
                                              if t not in _NOT_COMPARED)]
            finally:
                rebuilt.close()
            only = [t for t in names if _built_at(t, timeline[0], pledges[0]) == position]
            found = _compare_with(con, path, read_only, scratch, only)
            if found:
                return found, compared
            compared += only
    return None, compared


def _built_at(table: str, timeline: int, pledges: int) -> int:
    return pledges if table.startswith("pledge") else timeline


def _copy_log(con: duckdb.DuckDBPyConnection, path: Path, read_only: bool, scratch: Path,
              upto: int) -> None:
    """The log's first ``upto`` rows into a new DuckDB file, copied by DuckDB itself."""
    query = f"CREATE TABLE {{dst}}log AS SELECT * FROM {{src}}log WHERE position <= {upto}"
    if read_only:  # another connection may attach the file read-only beside ours
        target = duckdb.connect(str(scratch))
        try:
            target.execute(f"ATTACH '{_quote(path)}' AS src (READ_ONLY)")
            target.execute(query.format(dst="", src="src."))
        finally:
            target.close()
        return
    cur = con.cursor()  # the file is ours: attach the scratch file to our connection
    alias = _alias(scratch)
    try:
        cur.execute(f"ATTACH '{_quote(scratch)}' AS {alias}")
        cur.execute(query.format(dst=f"{alias}.", src=""))
        cur.execute(f"DETACH {alias}")
    finally:
        cur.close()


def _alias(scratch: Path) -> str:
    """A name for the scratch file, unique to it: attached databases are shared by every
    cursor of the service's connection, and two verifications may run at once."""
    return "scratch_" + hashlib.sha256(str(scratch).encode()).hexdigest()[:12]


def _quote(path: Path) -> str:
    return str(path.resolve()).replace("'", "''")


def _compare_with(con: duckdb.DuckDBPyConnection, path: Path, read_only: bool, scratch: Path,
                  names: list[str]) -> Mismatch | None:
    if read_only:
        cmp = duckdb.connect(str(scratch), read_only=True)
        cmp.execute(f"ATTACH '{_quote(path)}' AS src (READ_ONLY)")
        stored, rebuilt = "src.main.", "main."
    else:
        cmp = con.cursor()
        cmp.execute(f"ATTACH '{_quote(scratch)}' AS {_alias(scratch)} (READ_ONLY)")
        stored, rebuilt = "main.", f"{_alias(scratch)}.main."
    try:
        present = _tables(cmp, "src" if read_only else None)
        for name in names:
            if name not in present:
                return Mismatch(name, f"{name} is missing")
            if _same_view(cmp, name, stored, rebuilt):
                continue  # the same definition over tables compared on their own
            found = _compare_relation(cmp, name, stored + name, rebuilt + name)
            if found:
                return found
        return None
    finally:
        if not read_only:
            cmp.execute(f"DETACH {_alias(scratch)}")
        cmp.close()


def _same_view(con: duckdb.DuckDBPyConnection, name: str, stored: str, rebuilt: str) -> bool:
    """Whether ``name`` is a view defined alike in both databases (comparing the rows
    of the ``events`` view is slow; its definition, cheap)."""
    sql = [con.execute("SELECT sql FROM duckdb_views() WHERE database_name = coalesce(?, "
                       "current_database()) AND schema_name = 'main' AND view_name = ?",
                       [None if prefix == "main." else prefix.split(".")[0], name]).fetchall()
           for prefix in (stored, rebuilt)]
    return bool(sql[0]) and sql[0] == sql[1]


def _compare_relation(con: duckdb.DuckDBPyConnection, name: str, stored: str, rebuilt: str
                      ) -> Mismatch | None:
    mine, theirs = _columns(con, stored), _columns(con, rebuilt)
    if sorted(mine) != sorted(theirs):
        return Mismatch(name, f"{name} has columns {mine}; a rebuild gives {theirs}")
    cols = ", ".join(_q(c) for c in mine)
    order = [c for c in _ORDER_FIRST if c in mine] + [c for c in mine if c not in _ORDER_FIRST]
    diff = (f"(SELECT 'stored' AS _side, * FROM (SELECT {cols} FROM {stored} EXCEPT ALL "
            f"SELECT {cols} FROM {rebuilt})) UNION ALL (SELECT 'rebuilt' AS _side, * FROM "
            f"(SELECT {cols} FROM {rebuilt} EXCEPT ALL SELECT {cols} FROM {stored}))")
    rows = con.execute(f"SELECT * FROM ({diff}) ORDER BY {', '.join(map(_q, order))} NULLS "
                       "FIRST, _side DESC LIMIT 1").fetchall()
    if not rows:
        return None
    side, *values = rows[0]
    row = dict(zip(mine, values, strict=True))
    details: dict[str, Any] = {}
    where = ""
    if all(row.get(k) is not None for k in ("supplier", "recipient", "item")):
        details["flow"] = {k: row[k] for k in ("supplier", "recipient", "item")}
        where = f" for flow {row['supplier']} -> {row['recipient']} {row['item']}"
    if row.get("date") is not None:
        details["date"] = str(row["date"])
        where += f" on {row['date']}"
    elif row.get("event_id") is not None:
        details["event_id"] = row["event_id"]
        where += f" (event {row['event_id']})"
    # the rebuild's row with the same flow, date or event, if any: name what differs
    keys = [k for k in ("supplier", "recipient", "item", "date", "event_id")
            if k in row and row[k] is not None][:4]
    other = con.execute(
        f"SELECT * EXCLUDE (_side) FROM ({diff}) WHERE _side <> ? "
        + "".join(f" AND {_q(k)} = ?" for k in keys) + " LIMIT 1",
        [side, *[row[k] for k in keys]]).fetchall() if keys else []
    if other:
        mine_row, theirs_row = (row, dict(zip(mine, other[0], strict=True)))
        if side == "rebuilt":
            mine_row, theirs_row = theirs_row, mine_row
        changed = [f"{c} is {_show(mine_row[c])}, a rebuild gives {_show(theirs_row[c])}"
                   for c in mine if not _same(mine_row[c], theirs_row[c])]
        return Mismatch(name, f"{name} differs from a rebuild{where}: "
                        + "; ".join(changed[:3]), None, details)
    what = ("holds a row a rebuild does not give" if side == "stored"
            else "lacks a row a rebuild gives")
    return Mismatch(name, f"{name} {what}{where}", None, details)


def _q(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'
