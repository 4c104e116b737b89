"""The append-only, hash-chained event log in one DuckDB file (SPEC §3): ``EventLog``.

The SQL behind it lives by concern: the connection and its transactions
(``events.connection``), the ``log`` table and its chain (``events.chain``), what may join
the log (``events.conflicts``), bulk inserts (``events.staging``), the catalogue and
documents tables (``events.catalogue_table``, ``events.documents``, their seals
``events.seals`` and which catalogue validated which events ``events.catalogue_use``).
Nothing here updates or deletes an event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from . import catalogue_table, catalogue_use, seals, staging
from . import documents as document_table
from .canonical import prepare
from .catalogue import Catalogue
from .chain import (
    LOG_SCHEMA,
    AppendResult,
    Head,
    LogRow,
    batch_stamp,
    chain_frame,
    chain_rows,
    head_after,
    read_head,
)
from .clock import utcnow
from .conflicts import Known, accepted
from .connection import (
    Transaction,
    connect,
    has_table,
    rollback_quietly,
    transaction,
)
from .errors import AppendRejected, Issue, LogError, LogMissing, PositionConflict
from .integrity import VerifyResult
from .reading import read_events, stored_rows

SCHEMA = LOG_SCHEMA + catalogue_table.SCHEMA + document_table.SCHEMA
_NO_INPUT = 2**62  # no ingest transaction open: every stored id is "in the log"


class EventLog:
    """An append-only event log in a DuckDB file.

    - Reading: ``head`` (position, hash and stamp of the last event), ``read`` (events by
      position, type, as-of date), ``export_rows`` (every stored row, for backups).
    - Appending: ``append`` a batch as one transaction, all of it or none. Callers that
      append more in one transaction open it with ``transaction()`` (committed when the
      block ends, rolled back when it raises; ``begin``/``begin_batch``, ``commit`` and
      ``rollback`` where a block cannot span it), take the batch's ``stamp`` and call
      ``append_group`` (the service's group commit), or ``stage``, ``stage_bodies``,
      ``stored`` and ``known_ids`` (the batch API ingest uses, chunk after chunk).
      ``restore`` appends a backup's rows exactly as stored.
    - Catalogue and documents: ``catalogue`` (built-in plus the log's entries),
      ``add_catalogue_entry``, ``catalogue_entries``, ``catalogue_uses``,
      ``add_document``, ``documents``, ``document_rows``, ``seal_rows``.
    - Verification: ``verify`` (chain, Merkle tree, seals); ``checkpoint`` writes committed
      data into the main file.

    A read-write log is the file's only writer (DuckDB's lock), so it caches its head,
    forgetting it whenever a transaction is rolled back.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False,
                 connection: duckdb.DuckDBPyConnection | None = None) -> None:
        """Open the log at ``path`` (a read-write log is created if missing); with
        ``connection``, a read-only log over that connection as it is (e.g. a cursor of the
        service's own connection, which a second ``duckdb.connect`` could not open)."""
        self.path = Path(path)
        self.read_only = read_only or connection is not None
        self._head: Head | None = None
        self._queue = staging.Queue()  # rows chained by stage_bodies, not yet inserted
        # where the open ingest transaction started: stored ids past it came from its input
        self._input_start = _NO_INPUT
        self._tx_start = 0  # the head when the open transaction began
        self._uses = catalogue_use.Recorder()
        if connection is not None:
            self.con = connection
            return
        self.con = connect(self.path, read_only=read_only)
        if not read_only:
            self.con.execute(SCHEMA + catalogue_use.SCHEMA)
            with transaction(self.con, on_rollback=self._forget):
                seals.create(self.con)
        elif not self.has_table("log"):
            self.con.close()
            raise LogMissing(f"{self.path} is not a supplyline log (no 'log' table)")

    @classmethod
    def view(cls, con: duckdb.DuckDBPyConnection, path: str | Path) -> EventLog:
        """A read-only EventLog over an existing connection (see ``__init__``)."""
        return cls(path, connection=con)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> EventLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has_table(self, name: str) -> bool:
        return has_table(self.con, name)

    # -- reading ---------------------------------------------------------------------
    def head(self) -> Head:
        if self._head is not None:
            return self._head
        head = read_head(self.con)
        if not self.read_only:
            self._head = head
        return head

    def read(self, *, types: Sequence[str] | None = None, since_position: int | None = None,
             as_of: dt.date | None = None, at_position: int | None = None,
             limit: int | None = None) -> list[dict[str, Any]]:
        """Events passing the filters, oldest first, as output records (SPEC §4 ``events``);
        at most ``limit`` of them (``events.reading``)."""
        return read_events(self.con, types=types, since_position=since_position, as_of=as_of,
                           at_position=at_position, limit=limit)

    def export_rows(self) -> Iterator[LogRow]:
        """Every stored row, in position order (for backups)."""
        return stored_rows(self.con)

    # -- transactions ----------------------------------------------------------------
    @contextmanager
    def transaction(self, *, ingest: bool = False) -> Iterator[Transaction]:
        """One transaction on the log, all or nothing: committed when the block ends
        (queued rows inserted first, and which catalogue validated the new events noted),
        rolled back when it raises or calls ``discard()`` on what it is given.

        ``ingest``: the events appended come from one input, so a conflict with an event
        appended earlier in it says "earlier in this input".
        """
        if self.read_only:
            raise LogError("the log is open read-only")
        with transaction(self.con, before_commit=self._before_commit,
                         on_rollback=self._forget) as tx:
            self._opened(ingest=ingest)
            yield tx

    def stamp(self, recorded_at: dt.datetime | None = None) -> dt.datetime:
        """The recorded_at of a new batch: now, never before the log's last recorded_at;
        a back-filled ``recorded_at`` as given.

        :raises AppendRejected: ``recorded_at`` is earlier than the log's last recorded_at.
        """
        return batch_stamp(self.head(), recorded_at, utcnow)

    def begin(self) -> dt.datetime:
        """Open a transaction by hand (prefer ``transaction()``); returns the batch stamp."""
        self.con.begin()
        self._opened(ingest=False)
        return self.stamp()

    def begin_batch(self, recorded_at: dt.datetime | None) -> dt.datetime:
        """``begin`` for an ingest (``transaction(ingest=True)``), stamped ``recorded_at``
        if given (see ``stamp``)."""
        if self.read_only:
            raise LogError("the log is open read-only")
        self.con.begin()
        try:
            self._opened(ingest=True)
            return self.stamp(recorded_at)
        except BaseException:
            self.rollback()
            raise

    def commit(self) -> None:
        """End the transaction ``begin`` opened, keeping what it wrote."""
        self._before_commit()
        self.con.commit()

    def rollback(self) -> None:
        """End the open transaction, undoing what it wrote (nothing open: nothing to do)."""
        self._forget()
        rollback_quietly(self.con)

    def _opened(self, *, ingest: bool) -> None:
        self._tx_start = self.head().position
        if ingest:
            self._input_start = self._tx_start

    def _before_commit(self) -> None:
        self._queue.insert(self.con)
        head = self.head()
        if head.position > self._tx_start and head.recorded_at is not None:
            self._uses.note(self.con, self._tx_start + 1, head.recorded_at)
        self._input_start = _NO_INPUT

    def _forget(self) -> None:
        """The transaction is rolled back: what was cached of it is gone."""
        self._head = None
        self._uses.rolled_back()
        self._queue.clear()
        self._input_start = _NO_INPUT

    def checkpoint(self) -> None:
        """Write committed data into the main file. Needed after bulk inserts: DuckDB 2.0's
        Arrow export (``.pl()``) in this process does not see rows from a large committed
        insert until they are checkpointed (``fetchall`` does); see
        tests/test_materialised.py::test_large_logs_are_visible_to_projections."""
        self.con.execute("CHECKPOINT")

    # -- appending -------------------------------------------------------------------
    def append(self, events: Sequence[Any], *, recorded_at: dt.datetime | None = None,
               expected_position: int | None = None) -> AppendResult:
        """Append validated events as one transaction: all of them land, or none.

        :raises AppendRejected: a record conflicts with the log (unknown target, changed
            content under an existing id, ...); every problem is listed.
        :raises PositionConflict: ``expected_position`` is given and the log has moved.
        """
        with self.transaction():
            (result,) = self.append_group([(events, expected_position)],
                                          self.stamp(recorded_at))
            if isinstance(result, BaseException):
                raise result
        return result

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
        self._queue.insert(self.con)
        prepared = [[prepare(e) for e in events] for events, _ in batches]
        flat = [p for items in prepared for p in items]
        if assume_new and not any(p.target or p.supersedes or p.document for p in flat):
            known: dict[str, Known] = {}
            docs: dict[str, str | None] = {}
        else:
            known, docs = staging.context(self.con, flat)
        head = self.head()
        results: list[AppendResult | Exception] = []
        rows: list[LogRow] = []
        for items, (_, expected) in zip(prepared, batches, strict=True):
            if expected is not None and head.position != expected:
                results.append(PositionConflict(expected, head.position))
                continue
            try:
                new = accepted(items, known, input_start=self._input_start, docs=docs)
            except AppendRejected as exc:
                results.append(exc)
                continue
            chained = chain_rows(head, stamp, [items[i] for i in new])
            for i in new:
                known[items[i].event_id] = Known(items[i].type, items[i].body, 0)
            if chained:
                head = head_after(chained)
            rows += chained
            results.append(AppendResult.of(chained, len(items) - len(new)))
        self._insert(rows)
        return results

    def stage(self, events: Sequence[Any], stamp: dt.datetime) -> tuple[AppendResult,
                                                                          list[Issue]]:
        """Inside an open transaction: insert the events that pass, and return the problems
        of those that do not. For streaming ingest, whose caller rolls the whole transaction
        back if any chunk had a problem; staging the clean events keeps later chunks'
        references to them resolvable, so every problem is reported once."""
        self._queue.insert(self.con)  # what follows looks ids up in the table
        items = [prepare(e) for e in events]
        known, docs = staging.context(self.con, items)
        issues: list[Issue] = []
        new = accepted(items, known, input_start=self._input_start, docs=docs,
                       collect=issues)
        rows = chain_rows(self.head(), stamp, [items[i] for i in new])
        self._insert(rows)
        return (AppendResult.of(rows, len(items) - len(new) - len({x.index for x in issues})),
                issues)

    def stage_bodies(self, frame: Any, stamp: dt.datetime) -> AppendResult:
        """Inside an open transaction: chain events already made canonical column-wise (a
        polars frame with ``event_id``, ``type``, ``reported_on`` (date) and ``body``, in
        order) and queue them for one large insert (``events.staging.Queue``), made when
        the queue is full, on commit, or before anything else reads or writes the log in
        this transaction; ``stored`` sees queued rows. The caller has checked them as
        ``stage`` would (ids new, references resolvable); this only numbers and hashes
        them."""
        if frame.height == 0:
            return AppendResult(0, 0, None, None)
        head = self.head()
        rows, self._head = chain_frame(head, stamp, frame)
        self._queue.add(rows, self.con)
        return AppendResult(frame.height, 0, head.position + 1, self._head.position)

    def stored(self, ids: Any) -> Any:
        """Stored or queued events among ``ids`` (a polars Series), as a polars frame of
        event_id, type and body as the current record version stores it (this
        transaction's own rows included)."""
        return self._queue.stored(self.con, ids)

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` are stored (in this transaction too, queued rows included)."""
        self._queue.insert(self.con)
        return set(staging.lookup(self.con, sorted(set(ids))))

    def restore(self, rows: list[LogRow], catalogue: list[dict[str, Any]],
                documents: list[dict[str, Any]], uses: Sequence[dict[str, Any]] = (),
                seal_rows: list[dict[str, Any]] | None = None) -> int:
        """Append already-chained rows (from a backup) as one transaction, exactly as stored.

        The caller has checked the rows' chain and that they continue this log; they must
        start at head + 1. Catalogue entries and documents not yet here are added, with the
        backup's seals where they continue this log's (see events.seals.restore), and what
        the backup says validated the rows (``uses``, rows of ``catalogue_use``).
        """
        head = self.head()
        if rows and (rows[0].position != head.position + 1 or rows[0].prev_hash != head.hash):
            raise LogError("the rows do not continue this log")
        # not ``self.transaction()``: the rows' catalogue use is the backup's, not noted anew
        with transaction(self.con, on_rollback=self._forget):
            self._insert(rows)
            catalogue_table.restore(self.con, catalogue)
            catalogue_use.restore(self.con, uses, head.position)
            document_table.restore(self.con, documents)
            seals.restore(self.con, seal_rows or [])
        self._uses.entries_changed()
        self.checkpoint()
        return len(rows)

    def _insert(self, rows: list[LogRow]) -> None:
        """Insert chained rows (in an open transaction) and move the cached head to the
        last of them."""
        if rows:
            self._head = head_after(rows)
            staging.insert_rows(self.con, rows)

    # -- catalogue and documents -----------------------------------------------------
    def catalogue(self) -> Catalogue:
        """The built-in catalogue with the log's own entries."""
        return catalogue_table.stored_catalogue(self.con)

    def add_catalogue_entry(self, kind: str, code: str, name: str | None = None,
                            unit: str | None = None, aliases: Sequence[str] = ()) -> None:
        """Extend the catalogue; checked by applying it to the current catalogue first.

        :raises ValueError: the entry does not fit the catalogue (``Catalogue.apply``).
        """
        entry = catalogue_table.entry(kind, code, name, unit, aliases)
        self.catalogue().apply([entry], new=True)
        self._uses.entries_changed()
        with self.transaction():
            catalogue_table.add(self.con, entry, utcnow())

    def catalogue_entries(self) -> list[dict[str, Any]]:
        return catalogue_table.entries(self.con)

    def catalogue_uses(self) -> list[catalogue_use.CatalogueUse]:
        """Which catalogue validated which positions (``events.catalogue_use``)."""
        if not self.has_table("catalogue_use"):  # a log no version since 2 has written to
            return []
        return catalogue_use.spans(self.con, self.head().position)

    def add_document(self, document_id: str, sha256: str, *, title: str | None = None,
                     outlet: str | None = None, text: str | None = None) -> bool:
        """Register a source document; False when it is already known with the same digest.

        :raises LogError: it is registered with another digest.
        """
        known = document_table.digest(self.con, document_id)
        if known is not None:
            if known != sha256:
                raise LogError(f"document {document_id!r} is already registered with other "
                               "content")
            return False
        with self.transaction():
            document_table.add(self.con, {"document_id": document_id, "sha256": sha256,
                                          "title": title, "outlet": outlet, "text": text},
                               utcnow())
        return True

    def documents(self) -> list[dict[str, Any]]:
        """Every registered document: id, digest, title, outlet and ``has_text``."""
        return document_table.listing(self.con)

    def document_rows(self) -> list[dict[str, Any]]:
        """Every registered document as stored (for backups)."""
        return document_table.rows(self.con)

    def seal_rows(self) -> list[dict[str, Any]]:
        return seals.rows(self.con)

    # -- verification ----------------------------------------------------------------
    def verify(self) -> VerifyResult:
        """Check the hash chain, positions and indexed columns against bodies, the stored
        Merkle tree and the seals of catalogue and documents (see events.integrity)."""
        from .integrity import verify_stored

        return verify_stored(self.con)


