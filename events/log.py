"""The append-only, hash-chained event log in one DuckDB file (SPEC §3).

Small interface: :meth:`EventLog.append` a batch, :meth:`EventLog.read` from a position,
:meth:`EventLog.head`, :meth:`EventLog.verify`. Nothing here updates or deletes an event.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from . import catalogue_use, seals
from .canonical import (
    GENESIS_HASH,
    RECORD_VERSION,
    Prepared,
    canonical_json,
    chain_hash,
    chain_hashes,
    prepare,
)
from .catalogue import Catalogue, builtin_version
from .clock import utcnow
from .dates import format_utc
from .errors import AppendRejected, Issue, LogBusy, LogError, LogMissing, PositionConflict
from .integrity import VerifyResult
from .upcast import upcast

# body and hashes: zstd, not DuckDB's own choice (DICT_FSST): a faster insert and a smaller
# file, with rebuilds, verify and reads unchanged (docs/performance.md). Logs made before
# keep the columns as they were made.
SCHEMA = """
CREATE TABLE IF NOT EXISTS log (
    position       BIGINT PRIMARY KEY,
    event_id       VARCHAR NOT NULL UNIQUE,
    type           VARCHAR NOT NULL,
    reported_on    DATE NOT NULL,
    recorded_at    TIMESTAMP NOT NULL,
    record_version SMALLINT NOT NULL,
    body           VARCHAR NOT NULL USING COMPRESSION zstd,
    prev_hash      VARCHAR NOT NULL USING COMPRESSION zstd,
    hash           VARCHAR NOT NULL USING COMPRESSION zstd
);
CREATE TABLE IF NOT EXISTS catalogue (
    seq      BIGINT PRIMARY KEY,
    kind     VARCHAR NOT NULL,
    code     VARCHAR NOT NULL,
    name     VARCHAR,
    unit     VARCHAR,
    aliases  VARCHAR,
    added_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    document_id VARCHAR PRIMARY KEY,
    sha256      VARCHAR NOT NULL,
    title       VARCHAR,
    outlet      VARCHAR,
    text        VARCHAR,
    added_at    TIMESTAMP NOT NULL
);
"""

_NO_INPUT = 2**62
_UNREAD = object()
# rows stage_bodies holds before inserting them in one statement: 8 DuckDB row groups.
# Larger queues only cost memory, and gain no speed (docs/performance.md)
_QUEUE_ROWS = 8 * 122_880
_SMALL = 64  # id lookups up to this size use an IN list instead of Arrow hand-off
_APPENDER_ROWS = 10_000  # inserts up to this size use the appender, larger ones Arrow
_LOG_COLUMNS = ("position", "event_id", "type", "reported_on", "recorded_at", "record_version",
                "body", "prev_hash", "hash")


@dataclass(frozen=True)
class Head:
    position: int
    hash: str
    recorded_at: dt.datetime | None


@dataclass(frozen=True)
class AppendResult:
    appended: int
    duplicates: int
    first_position: int | None
    last_position: int | None

    def as_dict(self) -> dict[str, Any]:
        return {"appended": self.appended, "duplicates": self.duplicates,
                "first_position": self.first_position, "last_position": self.last_position}


def _utcnow() -> dt.datetime:
    return utcnow()


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


class EventLog:
    """An append-only event log in a DuckDB file."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.con = connect(self.path, read_only=read_only)
        self._head: Head | None = None
        self._queued: list[Any] = []  # rows chained by stage_bodies, not yet inserted
        # where the open ingest transaction started: stored ids past it came from its input
        self._input_start = _NO_INPUT
        self._tx_start = 0  # the head when the open transaction began
        self._catalogue_seq: int | None = None  # the last catalogue entry's seq (cached)
        self._catalogue_used: Any = _UNREAD  # catalogue_use's last (version, seq) (cached)
        if not read_only:
            self.con.execute(SCHEMA + catalogue_use.SCHEMA)
            self._in_transaction(lambda: seals.create(self.con))
        elif not self.has_table("log"):
            self.con.close()
            raise LogMissing(f"{self.path} is not a supplyline log (no 'log' table)")

    # -- lifecycle -------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    @classmethod
    def view(cls, con: duckdb.DuckDBPyConnection, path: str | Path) -> EventLog:
        """A read-only EventLog over an existing connection (e.g. a cursor of the service's
        own connection, which a second ``duckdb.connect`` could not open)."""
        log = cls.__new__(cls)
        log.path, log.read_only, log.con, log._head = Path(path), True, con, None
        log._queued, log._input_start, log._tx_start = [], _NO_INPUT, 0
        log._catalogue_seq, log._catalogue_used = None, _UNREAD
        return log

    def __enter__(self) -> EventLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has_table(self, name: str) -> bool:
        return bool(self._one(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name])[0])

    def _one(self, sql: str, params: list[Any] | None = None) -> Any:
        """First row of a query (None if none), consuming the whole result as DuckDB 2 needs."""
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0] if rows else None

    # -- reading ---------------------------------------------------------------------
    def head(self) -> Head:
        # A read-write log is the file's only writer (DuckDB's lock), so its head can be
        # cached; it is reset on rollback and whenever this object has not written.
        if self._head is not None:
            return self._head
        row = self._one("SELECT position, hash, recorded_at FROM log WHERE position = "
                        "(SELECT max(position) FROM log)")
        head = Head(0, GENESIS_HASH, None) if row is None else Head(int(row[0]), str(row[1]),
                                                                     row[2])
        if not self.read_only:
            self._head = head
        return head

    def catalogue(self) -> Catalogue:
        cat = Catalogue.builtin()
        if self.has_table("catalogue"):
            cols = ["kind", "code", "name", "unit", "aliases"]
            rows = self.con.execute(f"SELECT {', '.join(cols)} FROM catalogue ORDER BY seq")
            cat.apply([dict(zip(cols, r, strict=True)) for r in rows.fetchall()])
        return cat

    def read(
        self,
        *,
        types: Sequence[str] | None = None,
        since_position: int | None = None,
        as_of: dt.date | None = None,
        at_position: int | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Events passing the filters, oldest first, as output records (SPEC §4 ``events``);
        at most ``limit`` of them (the database stops there: a page of a large log costs a
        page, not the log)."""
        where, params = _filters(types, since_position, as_of, at_position)
        if limit is not None:
            params.append(int(limit))
        rows = self.con.execute(
            "SELECT position, recorded_at, hash, record_version, body FROM log"
            f"{where} ORDER BY position{' LIMIT ?' if limit is not None else ''}",
            params).fetchall()
        out = []
        for position, recorded_at, hash_, version, body in rows:
            record = upcast(json.loads(body), version)
            record.update(position=position, recorded_at=format_utc(recorded_at), hash=hash_)
            out.append(record)
        return out

    # -- appending -------------------------------------------------------------------
    def append(
        self,
        events: Sequence[Any],
        *,
        recorded_at: dt.datetime | None = None,
        expected_position: int | None = None,
    ) -> AppendResult:
        """Append validated events as one transaction: all of them land, or none.

        :raises AppendRejected: a record conflicts with the log (unknown target, changed
            content under an existing id, ...); every problem is listed.
        :raises PositionConflict: ``expected_position`` is given and the log has moved.
        """
        if self.read_only:
            raise LogError("the log is open read-only")
        self.con.begin()
        try:
            self._tx_start = self.head().position
            stamp = self._stamp(self.head(), recorded_at)
            (result,) = self.append_group([(events, expected_position)], stamp)
            if isinstance(result, BaseException):
                raise result
            self._note_catalogue()
            self.con.commit()
        except BaseException:
            self.rollback()
            raise
        return result

    def begin(self) -> dt.datetime:
        """Start a transaction for ``append_group``; returns the batch stamp (now, never
        before the log's last recorded_at)."""
        self.con.begin()
        self._tx_start = self.head().position
        return self._stamp(self.head(), None)

    def commit(self) -> None:
        self._insert_queued()
        self._note_catalogue()
        self.con.commit()
        self._input_start = _NO_INPUT

    def _note_catalogue(self) -> None:
        """Record, in the open transaction, which catalogue validated the events it added:
        the built-in version this code carries and the log's own entries (see
        ``events.catalogue_use``); a new row only when that changed."""
        head = self.head()
        if head.position <= self._tx_start or head.recorded_at is None:
            return
        if self._catalogue_seq is None:
            row = self._one("SELECT coalesce(max(seq), 0) FROM catalogue")
            self._catalogue_seq = int(row[0]) if row else 0
        used = (builtin_version(), self._catalogue_seq)
        if self._catalogue_used is _UNREAD:
            self._catalogue_used = catalogue_use.last(self.con)
        if self._catalogue_used != used:
            catalogue_use.add(self.con, self._tx_start + 1, *used, head.recorded_at)
            self._catalogue_used = used

    def checkpoint(self) -> None:
        """Write committed data into the main file. Needed after bulk inserts: DuckDB 2.0's
        Arrow export (``.pl()``) in this process does not see rows from a large committed
        insert until they are checkpointed (``fetchall`` does); see
        tests/test_materialised.py::test_large_logs_are_visible_to_projections."""
        self.con.execute("CHECKPOINT")

    def rollback(self) -> None:
        self._head = None
        self._catalogue_used = _UNREAD
        self._queued.clear()
        self._input_start = _NO_INPUT
        _rollback(self.con)

    def append_group(self, batches: Sequence[tuple[Sequence[Any], int | None]],
                     stamp: dt.datetime, *, assume_new: bool = False
                     ) -> list[AppendResult | Exception]:
        """Check several independent batches in order, inside an open transaction, and
        insert the accepted ones with one statement (group commit).

        Each batch is all-or-nothing and is checked against the log plus the batches
        accepted before it; a rejected batch (AppendRejected or PositionConflict, returned
        in its slot) leaves the others unaffected.

        With ``assume_new``, when no event names another event or a document, the ids are
        not looked up first: the log's unique key on ``event_id`` stands in for the lookup.
        If it refuses a row, this raises ``duckdb.ConstraintException`` with the
        transaction spoiled, and the caller rolls back and calls again without
        ``assume_new`` (see supplyline.writer). The lookup is most of a small group's
        checking.
        """
        self._insert_queued()
        prepared = [[prepare(e) for e in events] for events, _ in batches]
        flat = [p for items in prepared for p in items]
        if assume_new and not any(p.target or p.supersedes or p.document for p in flat):
            known: dict[str, tuple[str, str, int]] = {}
            docs: dict[str, str | None] = {}
        else:
            known, docs = self._context(flat)
        head = self.head()
        results: list[AppendResult | Exception] = []
        rows: list[tuple[Any, ...]] = []
        for items, (_, expected) in zip(prepared, batches, strict=True):
            if expected is not None and head.position != expected:
                results.append(PositionConflict(expected, head.position))
                continue
            try:
                new = self._check(items, known, docs)
            except AppendRejected as exc:
                results.append(exc)
                continue
            accepted = self._chain(head, stamp, [items[i] for i in new])
            for i in new:
                known[items[i].event_id] = (items[i].type, items[i].body, 0)
            if accepted:
                head = Head(accepted[-1][0], accepted[-1][8], stamp)
            rows += accepted
            results.append(_result(accepted, len(items) - len(new)))
        self._insert(rows)
        return results

    def stage(self, events: Sequence[Any], stamp: dt.datetime) -> tuple[AppendResult,
                                                                          list[Issue]]:
        """Inside an open transaction: insert the events that pass, and return the problems
        of those that do not. For streaming ingest, whose caller rolls the whole transaction
        back if any chunk had a problem; staging the clean events keeps later chunks'
        references to them resolvable, so every problem is reported once."""
        self._insert_queued()  # what follows looks ids up in the table
        items = [prepare(e) for e in events]
        known, docs = self._context(items)
        issues: list[Issue] = []
        new = self._check(items, known, docs, collect=issues)
        rows = self._chain(self.head(), stamp, [items[i] for i in new])
        self._insert(rows)
        return _result(rows, len(items) - len(new) - len({x.index for x in issues})), issues

    def stage_bodies(self, frame: Any, stamp: dt.datetime) -> AppendResult:
        """Inside an open transaction: chain events already made canonical column-wise (a
        polars frame with ``event_id``, ``type``, ``reported_on`` (date) and ``body``, in
        order) and queue them for insertion. The caller has checked them as ``stage``
        would (ids new, references resolvable); this only numbers and hashes them.

        Queued rows go into the table in one statement when the queue is large, and on
        ``commit`` (or before anything else reads or writes the log in this transaction):
        DuckDB takes one large insert several times faster than the same rows in pieces.
        ``stored`` sees queued rows.
        """
        import polars as pl

        if frame.height == 0:
            return AppendResult(0, 0, None, None)
        head = self.head()
        stamp_text = format_utc(stamp)
        hashes = chain_hashes(head.hash, head.position + 1, stamp_text, RECORD_VERSION,
                              frame["body"].cast(pl.Binary).to_list())
        prev, position = hashes[-1], head.position + len(hashes)
        digests = pl.Series("hash", hashes, pl.String)
        rows = frame.select(
            pl.int_range(head.position + 1, position + 1, dtype=pl.Int64).alias("position"),
            "event_id", "type", pl.col("reported_on").cast(pl.Date),
            pl.lit(stamp, pl.Datetime("us")).alias("recorded_at"),
            pl.lit(RECORD_VERSION, pl.Int16).alias("record_version"), "body",
            digests.shift(1, fill_value=head.hash).alias("prev_hash"), digests)
        self._queued.append(rows)
        self._head = Head(position, prev, stamp)
        if sum(q.height for q in self._queued) >= _QUEUE_ROWS:
            self._insert_queued()
        return AppendResult(frame.height, 0, head.position + 1, position)

    def _insert_queued(self) -> None:
        if not self._queued:
            return
        import polars as pl

        rows = pl.concat(self._queued, rechunk=False)
        self._queued.clear()
        over(self.con, "_supplyline_rows", rows, "INSERT INTO log SELECT * FROM _supplyline_rows")

    def stored(self, ids: Any) -> Any:
        """Stored or queued events among ``ids`` (a polars Series), as a polars frame of
        event_id, type and body as the current record version stores it (this
        transaction's own rows included)."""
        import polars as pl

        found = self._lookup(ids)
        queued = [q.join(pl.DataFrame({"event_id": ids}), on="event_id", how="semi")
                  .select("event_id", "type", "body") for q in self._queued]
        return pl.concat([pl.DataFrame(
            [(eid, typ, body) for eid, (typ, body, _) in found.items()], orient="row",
            schema={"event_id": pl.String, "type": pl.String, "body": pl.String}), *queued])

    def _context(self, items: list[Prepared]) -> tuple[dict[str, tuple[str, str, int]],
                                                         dict[str, str | None]]:
        """What checking ``items`` needs from the log: the stored events they name (by id,
        target or supersedes) and the documents they cite."""
        wanted = {x for p in items for x in (p.event_id, p.target, p.supersedes) if x}
        return (self._lookup(sorted(wanted)),
                self._documents({p.document for p in items if p.document}))

    def begin_batch(self, recorded_at: dt.datetime | None) -> dt.datetime:
        """Open a transaction for staged appends; the stamp obeys the back-fill rule."""
        if self.read_only:
            raise LogError("the log is open read-only")
        self.con.begin()
        try:
            self._input_start = self._tx_start = self.head().position
            return self._stamp(self.head(), recorded_at)
        except BaseException:
            self.rollback()
            raise

    def _insert(self, rows: list[tuple[Any, ...]]) -> None:
        """Insert chained rows (in an open transaction) and move the cached head to the
        last of them."""
        if not rows:
            return
        last = rows[-1]
        self._head = Head(last[0], last[8], last[4])
        if len(rows) <= _APPENDER_ROWS:
            # DuckDB's appender checks the same constraints as INSERT and joins the open
            # transaction; for a few rows it is faster than an INSERT with parameters,
            # whose planning dominates
            appender = self.con.appender("log")
            appender.append_rows(rows)
            appender.flush()
            return
        batch = {c: [r[k] for r in rows] for k, c in enumerate(_LOG_COLUMNS)}
        over(self.con, "_supplyline_batch", _arrow(batch),
             "INSERT INTO log SELECT * FROM _supplyline_batch")

    def _stamp(self, head: Head, recorded_at: dt.datetime | None) -> dt.datetime:
        if recorded_at is None:
            now = _utcnow()
            return max(now, head.recorded_at) if head.recorded_at else now
        if head.recorded_at is not None and recorded_at < head.recorded_at:
            raise AppendRejected([Issue(-1, "recorded_at", (
                f"{format_utc(recorded_at)} is earlier than the log's last recorded_at "
                f"{format_utc(head.recorded_at)}"))])
        return recorded_at

    def _check(self, items: list[Prepared], known: dict[str, tuple[str, str, int]],
               docs: dict[str, str | None], *, collect: list[Issue] | None = None
               ) -> list[int]:
        """Indexes of the events to append; raises AppendRejected listing every conflict
        (or, with ``collect``, adds the conflicts to it and returns the clean events).

        ``known`` maps ids already stored (or accepted earlier in this transaction) to
        (type, body, position).
        """
        issues: list[Issue] = []
        batch: dict[str, tuple[str, str, int]] = {}  # event_id -> (type, body, 0) so far
        new: list[int] = []
        for i, p in enumerate(items):
            seen = known.get(p.event_id) or batch.get(p.event_id)
            if seen is not None:
                if seen[1] != p.body:
                    where = ("in the log" if p.event_id in known
                             and known[p.event_id][2] <= self._input_start
                             else "earlier in this input")
                    issues.append(Issue(i, "event_id", f"{p.event_id!r} is already {where} "
                                        "with different content (events are never edited; "
                                        "append a correction with 'supersedes')"))
                continue
            mine = _reference_issues(i, p, known, batch) + _document_issues(i, p, docs)
            issues += mine
            batch[p.event_id] = (p.type, p.body, 0)
            if not mine:
                new.append(i)
        if collect is not None:
            collect += issues
            bad = {x.index for x in issues}
            return [i for i in new if i not in bad]
        if issues:
            raise AppendRejected(issues)
        return new

    def _lookup(self, ids: Sequence[str] | Any) -> dict[str, tuple[str, str, int]]:
        """Stored events among ``ids`` (a list, or a polars Series): event_id -> (type,
        current body, position)."""
        if len(ids) == 0:
            return {}
        if len(ids) <= _SMALL:  # the unique index answers a short IN list directly
            marks = ", ".join("?" for _ in ids)
            rows = self.con.execute(f"SELECT event_id, type, body, record_version, position "
                                    f"FROM log WHERE event_id IN ({marks})",
                                    list(ids)).fetchall()
            return {eid: (typ, _current(body, v), pos) for eid, typ, body, v, pos in rows}
        import pyarrow as pa

        column = ids.to_arrow() if hasattr(ids, "to_arrow") else pa.array(ids, pa.string())
        found = over(self.con, "_supplyline_ids", pa.table({"event_id": column}),
                     "SELECT l.event_id, l.type, l.body, l.record_version, l.position "
                     "FROM log l JOIN _supplyline_ids i USING (event_id)")
        assert found is not None  # a query
        rows = found.fetchall()
        return {eid: (typ, _current(body, v), pos) for eid, typ, body, v, pos in rows}

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` are stored (in this transaction too, staged rows included)."""
        self._insert_queued()
        return set(self._lookup(sorted(set(ids))))

    def _documents(self, ids: set[str]) -> dict[str, str | None]:
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT document_id, text FROM documents WHERE list_contains(?, document_id)",
            [sorted(ids)]).fetchall()
        return dict(rows)

    def _chain(self, head: Head, stamp: dt.datetime, items: list[Prepared]
               ) -> list[tuple[Any, ...]]:
        rows = []
        prev, position, stamp_text = head.hash, head.position, format_utc(stamp)
        for p in items:
            position += 1
            digest = chain_hash(prev, position, stamp_text, RECORD_VERSION, p.body)
            rows.append((position, p.event_id, p.type, dt.date.fromisoformat(p.reported_on),
                         stamp, RECORD_VERSION, p.body, prev, digest))
            prev = digest
        return rows

    # -- verification ----------------------------------------------------------------
    def verify(self) -> VerifyResult:
        """Check the hash chain, positions and indexed columns against bodies, the stored
        Merkle tree and the seals of catalogue and documents (see events.integrity)."""
        from .integrity import verify_stored

        return verify_stored(self.con)

    def export_rows(self) -> Any:
        """Every stored row, in position order (for backups)."""
        cur = self.con.cursor()
        cur.execute(f"SELECT {', '.join(_LOG_COLUMNS)} FROM log ORDER BY position")
        while batch := cur.fetchmany(50_000):
            yield from batch
        cur.close()

    def catalogue_entries(self) -> list[dict[str, Any]]:
        cols = ["seq", "kind", "code", "name", "unit", "aliases", "added_at"]
        return [dict(zip(cols, r, strict=True)) for r in self.con.execute(
            f"SELECT {', '.join(cols)} FROM catalogue ORDER BY seq").fetchall()]

    def catalogue_uses(self) -> list[catalogue_use.CatalogueUse]:
        """Which catalogue validated which positions (``events.catalogue_use``)."""
        if not self.has_table("catalogue_use"):  # a log no version since 2 has written to
            return []
        return catalogue_use.spans(self.con, self.head().position)

    def seal_rows(self) -> list[dict[str, Any]]:
        return seals.rows(self.con)

    def document_rows(self) -> list[dict[str, Any]]:
        cols = ["document_id", "sha256", "title", "outlet", "text", "added_at"]
        return [dict(zip(cols, r, strict=True)) for r in self.con.execute(
            f"SELECT {', '.join(cols)} FROM documents ORDER BY document_id").fetchall()]

    def restore(self, rows: list[tuple[Any, ...]], catalogue: list[dict[str, Any]],
                documents: list[dict[str, Any]], uses: Sequence[dict[str, Any]] = (),
                seal_rows: list[dict[str, Any]] | None = None) -> int:
        """Append already-chained rows (from a backup) as one transaction, exactly as stored.

        The caller has checked the rows' chain and that they continue this log; they must
        start at head + 1. Catalogue entries and documents not yet here are added, with the
        backup's seals where they continue this log's (see events.seals.restore), and what
        the backup says validated the rows (``uses``, rows of ``catalogue_use``).
        """
        head = self.head()
        if rows and (rows[0][0] != head.position + 1 or rows[0][7] != head.hash):
            raise LogError("the rows do not continue this log")
        self.con.begin()
        try:
            self._insert(rows)
            have = {e["seq"] for e in self.catalogue_entries()}
            for e in catalogue:
                if e["seq"] not in have:
                    self.con.execute("INSERT INTO catalogue VALUES (?, ?, ?, ?, ?, ?, ?)",
                                     [e["seq"], e["kind"], e["code"], e["name"], e["unit"],
                                      e["aliases"], e["added_at"]])
            for u in uses:
                if u["first_position"] > head.position:
                    catalogue_use.add(self.con, u["first_position"], u["catalogue_version"],
                                      u["catalogue_seq"], u["recorded_at"])
            known = {d["document_id"] for d in self.document_rows()}
            for d in documents:
                if d["document_id"] not in known:
                    self.con.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?)",
                                     [d["document_id"], d["sha256"], d["title"], d["outlet"],
                                      d["text"], d["added_at"]])
            seals.restore(self.con, seal_rows or [])
            self.con.commit()
        except BaseException:
            self.rollback()
            raise
        self._catalogue_seq, self._catalogue_used = None, _UNREAD
        self.checkpoint()
        return len(rows)

    def _count(self) -> int:
        row = self._one("SELECT count(*) FROM log")
        return int(row[0]) if row else 0

    # -- catalogue and documents -----------------------------------------------------
    def add_catalogue_entry(self, kind: str, code: str, name: str | None = None,
                            unit: str | None = None, aliases: Sequence[str] = ()) -> None:
        """Extend the catalogue; checked by applying it to the current catalogue first."""
        entry = {"kind": kind, "code": code, "name": name, "unit": unit,
                 "aliases": json.dumps(list(aliases))}
        self.catalogue().apply([entry], new=True)
        self._catalogue_seq = None

        def add() -> None:
            row = self._one("SELECT coalesce(max(seq), 0) + 1 FROM catalogue")
            seq = row[0] if row else 1
            self.con.execute("INSERT INTO catalogue VALUES (?, ?, ?, ?, ?, ?, ?)",
                             [seq, kind, code, name, unit, entry["aliases"], _utcnow()])
            seals.seal(self.con, "catalogue", seq)

        self._in_transaction(add)

    def add_document(self, document_id: str, sha256: str, *, title: str | None = None,
                     outlet: str | None = None, text: str | None = None) -> bool:
        """Register a source document; False when it is already known with the same digest."""
        row = self._one("SELECT sha256 FROM documents WHERE document_id = ?", [document_id])
        if row is not None:
            if row[0] != sha256:
                raise LogError(f"document {document_id!r} is already registered with other "
                               "content")
            return False
        def add() -> None:
            self.con.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?)",
                             [document_id, sha256, title, outlet, text, _utcnow()])
            seals.seal(self.con, "documents", document_id)

        self._in_transaction(add)
        return True

    def _in_transaction(self, step: Any) -> Any:
        self.con.begin()
        try:
            result = step()
            self.con.commit()
        except BaseException:
            self.rollback()
            raise
        return result

    def documents(self) -> list[dict[str, Any]]:
        cols = ["document_id", "sha256", "title", "outlet", "has_text"]
        rows = self.con.execute(
            "SELECT document_id, sha256, title, outlet, text IS NOT NULL FROM documents "
            "ORDER BY document_id").fetchall()
        return [dict(zip(cols, r, strict=True)) for r in rows]


def _current(body: str, version: int) -> str:
    """A stored body as the current record version would store it (for comparing content)."""
    if version == RECORD_VERSION:
        return body
    return canonical_json(upcast(json.loads(body), version))


def _result(rows: list[tuple[Any, ...]], duplicates: int) -> AppendResult:
    return AppendResult(len(rows), duplicates, rows[0][0] if rows else None,
                        rows[-1][0] if rows else None)


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


def _reference_issues(i: int, p: Prepared, stored: dict[str, tuple[str, str, int]],
                      batch: dict[str, tuple[str, str, int]]) -> list[Issue]:
    def type_of(eid: str) -> str | None:
        known = stored.get(eid) or batch.get(eid)
        return known[0] if known else None

    issues = []
    if p.target is not None:
        kind = type_of(p.target)
        if kind is None:
            issues.append(Issue(i, "target", f"unknown event {p.target!r} (it must be in the "
                                             "log or earlier in the same input)"))
        elif kind == "retraction":
            issues.append(Issue(i, "target", f"{p.target!r} is a retraction; a retraction may "
                                             "not be retracted"))
    if p.supersedes is not None:
        kind = type_of(p.supersedes)
        if p.supersedes == p.event_id:
            issues.append(Issue(i, "supersedes", "an event cannot supersede itself"))
        elif kind is None:
            issues.append(Issue(i, "supersedes", f"unknown event {p.supersedes!r} (it must be "
                                                 "in the log or earlier in the same input)"))
        elif kind != p.type:
            issues.append(Issue(i, "supersedes", f"{p.supersedes!r} is a {kind}; a {p.type} "
                                                 f"can only supersede a {p.type}"))
    return issues


_TYPOGRAPHIC = {ord("\u2018"): "'", ord("\u2019"): "'", ord("\u201c"): '"',
                ord("\u201d"): '"', ord("\u2013"): "-", ord("\u2014"): "-"}


def _normalise_text(text: str) -> str:
    text = text.translate(_TYPOGRAPHIC)
    return " ".join(text.split()).casefold()


def _document_issues(i: int, p: Prepared, docs: dict[str, str | None]) -> list[Issue]:
    if p.document is None:
        return []
    if p.document not in docs:
        return [Issue(i, "document", f"unknown document {p.document!r} (register it with "
                                     "'supplyline documents add FILE')")]
    text = docs[p.document]
    if text is not None and p.quote is not None and (
            _normalise_text(p.quote) not in _normalise_text(text)):
        return [Issue(i, "quote", f"does not occur in document {p.document!r}")]
    return []


def _arrow(columns: dict[str, list[Any]]) -> Any:
    import pyarrow as pa

    types = {"position": pa.int64(), "record_version": pa.int16(), "reported_on": pa.date32(),
             "recorded_at": pa.timestamp("us")}
    return pa.table({k: pa.array(v, type=types.get(k, pa.string())) for k, v in columns.items()})


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    with contextlib.suppress(duckdb.Error):  # no transaction open: nothing to undo
        con.rollback()
