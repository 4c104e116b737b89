"""Read-only ad hoc SQL over the log and the projections (SPEC §8), guarded in layers:

1. the DuckDB file is opened read-only;
2. exactly one statement, and it must be a plain query (SELECT / WITH / VALUES / FROM ...);
   table functions that read files or run nested SQL are refused by name;
3. external access is disabled and the configuration locked before the query runs;
4. a time limit interrupts the query.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from supplyline.events import Catalogue, EventLog, LogError
from supplyline.events.clock import utc_today
from supplyline.events.connection import registered

from .frames import Window, load_events
from .materialise import EVENTS_VIEW_COLUMNS
from .pledges import pledge_status
from .state import projections_current
from .timeline import all_timelines

DEFAULT_TIMEOUT = 30.0
_FORBIDDEN_FUNCTIONS = re.compile(
    r"\b(read_\w+|\w+_scan|glob|sniff_csv|parquet_\w+|query|query_table|getenv|"
    r"duckdb_secrets|load_extension|install_extension|sqlite_attach|pragma_\w+|"
    r"checkpoint|force_checkpoint)\s*\(",
    re.IGNORECASE)
# EXPLAIN [ANALYZE | (options)] STATEMENT, after any leading comments: ANALYZE runs STATEMENT,
# so STATEMENT must pass the same check as a query of its own
_EXPLAIN = re.compile(r"^(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/)*EXPLAIN\s+"
                      r"(?:ANALY[SZ]E\b|\([^)]*\))?(.*)$", re.IGNORECASE | re.DOTALL)
_REASONS = {
    "INSERT": "writes", "UPDATE": "writes", "DELETE": "writes", "MERGE_INTO": "writes",
    "CREATE": "creates objects", "CREATE_FUNC": "creates functions", "DROP": "drops objects",
    "ALTER": "alters objects", "ATTACH": "attaches databases", "DETACH": "detaches databases",
    "COPY": "copies data to or from files", "COPY_DATABASE": "copies databases",
    "EXPORT": "exports data to files", "LOAD": "loads extensions", "EXTENSION": "installs "
    "extensions", "SET": "changes settings", "VARIABLE_SET": "changes settings",
    "PRAGMA": "runs pragmas (settings)", "TRANSACTION": "controls transactions",
    "VACUUM": "rewrites storage", "CALL": "calls procedures", "PREPARE": "prepares statements",
    "EXECUTE": "executes prepared statements", "ANALYZE": "rewrites statistics",
}


class SqlRefused(Exception):
    """The statement is not a single read-only query; nothing was run."""


class SqlTimeout(Exception):
    """The query ran past its time limit and was stopped."""


@dataclass
class SqlResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def check_statement(con: duckdb.DuckDBPyConnection, query: str) -> None:
    """Refuse anything but exactly one read-only query, with a one-line reason."""
    try:
        statements = con.extract_statements(query)
    except duckdb.Error as exc:
        raise SqlRefused(f"cannot parse the query: {str(exc).splitlines()[0]}") from None
    if len(statements) != 1:
        raise SqlRefused(f"one statement at a time, got {len(statements)}")
    kind = statements[0].type.name
    if kind == "EXPLAIN":
        inner = _EXPLAIN.match(query)
        if inner is None or not inner.group(1).strip():
            raise SqlRefused("read-only: only EXPLAIN [ANALYZE] followed by a query is allowed")
        check_statement(con, inner.group(1))
        return
    if kind not in ("SELECT", "RELATION"):
        what = _REASONS.get(kind, f"is a {kind} statement")
        raise SqlRefused(f"read-only: this statement {what}, which is not allowed")
    match = _FORBIDDEN_FUNCTIONS.search(query)
    if match:
        name = match.group(1)
        raise SqlRefused(f"read-only: the function {name}() reads files or settings, runs "
                         "SQL or writes storage, and is not allowed")


def open_readonly(path: Path, window: Window, today: dt.date) -> duckdb.DuckDBPyConnection:
    """A locked-down connection whose ``events``, ``timeline`` and ``pledge_status`` reflect
    ``window`` (materialised tables when they are current, fresh temp tables otherwise)."""
    log = EventLog(path, read_only=True)
    con = log.con
    catalogue = log.catalogue()
    windowed = window.as_of is not None or window.at_position is not None
    if windowed or not log.has_table("timeline") or not projections_current(con, today):
        _fresh_projections(con, catalogue, window, today)
    con.execute("SET memory_limit = '4GB'")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def _fresh_projections(con: duckdb.DuckDBPyConnection, catalogue: Catalogue, window: Window,
                       today: dt.date) -> None:
    for name, frame in projection_frames(con, catalogue, window, today).items():
        with registered(con, f"_{name}_frame", frame):
            con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM _{name}_frame")


def run_query(con: duckdb.DuckDBPyConnection, query: str,
              timeout: float = DEFAULT_TIMEOUT) -> SqlResult:
    """Check and run one read-only query under a time limit."""
    check_statement(con, query)
    timer = threading.Timer(timeout, con.interrupt)
    timer.start()
    try:
        cur = con.execute(query)
        columns = [d[0] for d in cur.description or []]
        rows = cur.fetchall()
    except duckdb.InterruptException:
        raise SqlTimeout(f"the query ran longer than {timeout:g} s and was stopped") from None
    except duckdb.PermissionException as exc:
        raise SqlRefused(f"read-only: {str(exc).splitlines()[0]}") from None
    except (duckdb.InvalidInputException, duckdb.CatalogException, duckdb.BinderException,
            duckdb.ParserException, duckdb.ConversionException, duckdb.OutOfRangeException,
            duckdb.NotImplementedException, duckdb.TypeMismatchException,
            duckdb.OutOfMemoryException) as exc:
        raise SqlRefused(str(exc).splitlines()[0]) from None
    except duckdb.Error as exc:  # anything else DuckDB refuses is still the query's doing
        raise SqlRefused(f"the query failed: {str(exc).splitlines()[0]}") from None
    finally:
        timer.cancel()
    return SqlResult(columns, rows)


def open_isolated(frames: dict[str, pl.DataFrame]) -> duckdb.DuckDBPyConnection:
    """An in-memory connection that sees only ``frames`` (as read-only views) and is locked
    down: for a process that already holds the log file open for writing."""
    con = duckdb.connect(":memory:")
    con.execute("SET enable_progress_bar = false")  # stdout is for results only
    for name, frame in frames.items():
        con.register(name, frame)
    lock_down(con)
    return con


def lock_down(con: duckdb.DuckDBPyConnection, memory: str = "4GB") -> None:
    """No files, no settings changes from here on, and DuckDB's memory capped."""
    con.execute(f"SET memory_limit = '{memory}'")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


def projection_frames(con: duckdb.DuckDBPyConnection, catalogue: Catalogue, window: Window,
                      today: dt.date) -> dict[str, pl.DataFrame]:
    """The ``events`` view and the projections for ``window``, as frames."""
    events = load_events(con, window)
    rows, excluded = all_timelines(events, catalogue)
    status = pledge_status(events, catalogue, window.as_of or today)
    status = status.with_columns(as_of=pl.lit(window.as_of or today))
    return {"events": events.select(EVENTS_VIEW_COLUMNS), "timeline": rows,
            "timeline_excluded": excluded, "pledge_status": status}


def sql(path: Path, query: str, *, window: Window = Window(), today: dt.date | None = None,
        timeout: float = DEFAULT_TIMEOUT) -> SqlResult:
    """Run ``query`` read-only against the log at ``path``."""
    today = today or utc_today()
    con = open_readonly(path, window, today)
    try:
        return run_query(con, query, timeout)
    finally:
        try:
            con.close()
        except duckdb.Error as exc:  # pragma: no cover - closing after interrupt
            raise LogError(str(exc)) from None
