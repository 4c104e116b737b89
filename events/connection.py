"""The log file's DuckDB connection: opening it, handing it data, and the one way every
writer runs a transaction (``transaction``)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from .errors import LogBusy, LogError, LogMissing


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the DuckDB file, turning DuckDB's lock and missing-file errors into plain words."""
    path = Path(path)
    if read_only and not path.exists():
        raise LogMissing(f"no log at {path} (create one with 'supplyline seed' or "
                         f"'supplyline ingest FILE')")
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        msg = str(exc)
        if "lock" in msg.lower():
            pid = re.search(r"PID (\d+)", msg)
            who = f"process {pid.group(1)}" if pid else "another process"
            raise LogBusy(
                f"the log {path} is in use by {who} (probably 'supplyline serve'); "
                f"run the command against the service with --url or $SUPPLYLINE_URL, "
                f"or stop the service first", int(pid.group(1)) if pid else None) from None
        raise LogError(f"cannot open the log {path}: {msg}") from None
    # DuckDB draws a progress bar on stdout for queries over two seconds: it would corrupt
    # the machine output (--json) of long commands
    con.execute("SET enable_progress_bar = false")
    return con


def first_row(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
              ) -> tuple[Any, ...] | None:
    """First row of a query (None if none), consuming the whole result as DuckDB 2 needs."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    """The first value of the first row of a query (None if there is no row)."""
    row = first_row(con, sql, params)
    return None if row is None else row[0]


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(scalar(con, "SELECT count(*) FROM information_schema.tables "
                            "WHERE table_name = ?", [name]))


class Transaction:
    """The open transaction of a ``transaction`` block."""

    def __init__(self) -> None:
        self.discarded = False

    def discard(self) -> None:
        """Roll back when the block ends instead of committing (a dry run)."""
        self.discarded = True


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection, *,
                before_commit: Callable[[], None] | None = None,
                on_rollback: Callable[[], None] | None = None) -> Iterator[Transaction]:
    """All or nothing: what the block writes is committed when it ends, or rolled back when
    it raises (anything, KeyboardInterrupt included) or calls ``discard``.

    ``before_commit`` runs last inside the transaction (a failure there rolls it back);
    ``on_rollback`` runs whenever it is rolled back, to forget what callers cached of it.
    """
    con.begin()
    tx = Transaction()
    try:
        yield tx
        if not tx.discarded:
            if before_commit is not None:
                before_commit()
            con.commit()
            return
    except BaseException:
        if on_rollback is not None:
            on_rollback()
        rollback_quietly(con)
        raise
    if on_rollback is not None:
        on_rollback()
    rollback_quietly(con)


def rollback_quietly(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back the open transaction; nothing to do when none is open."""
    with contextlib.suppress(duckdb.Error):
        con.rollback()


@contextmanager
def memory_limit(con: duckdb.DuckDBPyConnection, limit: str) -> Iterator[None]:
    """DuckDB's memory limited to ``limit`` while the block runs (it spills to disk or evicts
    cached pages beyond it), then back to the default."""
    con.execute(f"SET memory_limit = '{limit}'")
    try:
        yield
    finally:
        con.execute("RESET memory_limit")


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, name: str, table: Any) -> Iterator[None]:
    """``table`` (a polars frame or an Arrow table) visible to SQL as ``name`` while the
    block runs; None: nothing to show.

    Inside a transaction DuckDB keeps a registered view, and with it the table's data,
    until the transaction ends, even after ``unregister``; a transaction that hands
    DuckDB data in many pieces uses ``over`` instead.
    """
    if table is None:
        yield
        return
    con.register(name, table)
    try:
        yield
    finally:
        con.unregister(name)


def over(con: duckdb.DuckDBPyConnection, name: str, table: Any,
         sql: str) -> duckdb.DuckDBPyRelation | None:
    """Run one statement ``sql`` with ``table`` (a polars frame or an Arrow table) visible as
    ``name``; a query comes back as a relation, a write runs at once. Nothing holds the
    table afterwards, also inside a transaction: a 10M-event ingest that registered each
    piece kept all of them, about 5 GB, until its commit (see ``registered``)."""
    return con.from_arrow(table).query(name, sql)
