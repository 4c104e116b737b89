"""Validate input files and append them to the log as one all-or-nothing batch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from supplyline.events import AppendRejected, AppendResult, Catalogue, EventLog, validate_record
from supplyline.events.connection import memory_limit

from .errors import IngestFailed, InputError
from .readers import UnreadableFile, _csv, read_records

ProgressFactory = Callable[[Path], Callable[[int, int], None] | None]


CHUNK = 50_000
# DuckDB's memory while an ingest transaction is open. Without a cap it keeps the whole
# transaction in memory; with one it spills the rest to disk at the same speed, and a
# large ingest peaks lower (docs/performance.md).
INGEST_MEMORY = "1GB"


def located_records(paths: Sequence[Path], progress: ProgressFactory | None = None) -> Any:
    """(file, line, raw record or None, read problems) for every record of every file,
    streaming; a file that cannot be read at all yields one problem on line 0 or where it
    broke off."""
    for path in paths:
        name = str(path)
        try:
            yield from _located(name, read_records(path, progress(path) if progress else None))
        except UnreadableFile as exc:
            yield name, exc.line, None, [("file", str(exc))]


def _located(name: str, raws: Any) -> Any:
    """(file, line, raw record or None, read problems) for each raw record of one file."""
    for raw in raws:
        if raw.error is not None:
            yield name, raw.line, None, [raw.error]
        else:
            yield name, raw.line, raw.record, []


def _validated(paths: Sequence[Path], catalogue: Catalogue,
               progress: ProgressFactory | None, recorded_on: dt.date | None = None) -> Any:
    """(file, line, event or None, issues) for every record of every file, streaming."""
    return _judged(located_records(paths, progress), catalogue, recorded_on)


def _judged(located: Any, catalogue: Catalogue, recorded_on: dt.date | None = None) -> Any:
    """(file, line, event or None, issues): located raw records, validated (recorded on
    ``recorded_on``, default today)."""
    for name, line, record, problems in located:
        if problems:
            yield name, line, None, problems, None
        else:
            yield (name, line, *validate_record(record, catalogue, recorded_on), record)


def ingest(log: EventLog, paths: Sequence[Path], *, dry_run: bool = False,
           recorded_at: dt.datetime | None = None,
           progress: ProgressFactory | None = None, chunk: int = CHUNK,
           columnar: bool = True) -> AppendResult:
    """Validate ``paths`` and append them as one transaction (nothing, on any error).

    Streams: records are validated as they are read and staged in chunks inside the
    transaction. Plain CSV files (no quotes) are checked column-wise a chunk of lines at a
    time (``ingest/columnar.py``); a chunk with any problem goes through the per-record
    path, which lists every error.

    Memory grows with the file only by what DuckDB keeps of the open transaction, and
    ``INGEST_MEMORY`` caps that: DuckDB writes the rest to disk until the commit.

    :raises IngestFailed: bad input, every error listed; the log is unchanged.
    """
    with memory_limit(log.con, INGEST_MEMORY):
        return _ingest(log, paths, dry_run, recorded_at, progress, chunk, columnar)


def _ingest(log: EventLog, paths: Sequence[Path], dry_run: bool,
            recorded_at: dt.datetime | None, progress: ProgressFactory | None, chunk: int,
            columnar: bool) -> AppendResult:
    catalogue = log.catalogue()
    from .csv_chunks import header_of, plain_csv  # polars: only when ingesting

    with log.transaction(ingest=True) as tx:
        try:
            stamp = log.stamp(recorded_at)
        except AppendRejected as exc:
            raise IngestFailed([InputError("--recorded-at", 0, i.field, i.message)
                                for i in exc.issues]) from None
        batch = _Batch(log, stamp, chunk)
        for path in paths:
            header = columnar and plain_csv(path) and header_of(path)
            if header:
                _columnar(batch, path, header, catalogue, progress)
                continue
            for name, line, event, issues, raw in _validated([path], catalogue, progress,
                                                             stamp.date()):
                batch.add(name, line, event, issues, raw)
        batch.flush()
        batch.check_references()
        if batch.errors:
            raise IngestFailed(sorted(batch.errors, key=_order(paths)))
        if dry_run:
            tx.discard()
    if batch.appended >= CHUNK:
        log.checkpoint()  # so Arrow readers in this process see the new rows (DuckDB 2.0)
    return AppendResult(batch.appended, batch.duplicates, batch.first, batch.last)


class _Reference(NamedTuple):
    """A ``target`` or ``supersedes`` of a record refused for another reason."""

    file: str
    line: int
    field: str
    event_id: str  # the event it names
    order: int  # the record's place in the input


class _Batch:
    """One ingest transaction: per-record events waiting to be staged, and the totals."""

    def __init__(self, log: EventLog, stamp: dt.datetime, chunk: int) -> None:
        self.log, self.stamp, self.chunk = log, stamp, chunk
        self.errors: list[InputError] = []
        self.appended = self.duplicates = 0
        self.first: int | None = None
        self.last: int | None = None
        self.events: list[Any] = []
        self.origins: list[tuple[str, int]] = []
        # records refused for other reasons whose target/supersedes also needs checking, so
        # an unknown reference is reported in the same pass
        self.references: list[_Reference] = []
        self.ids: dict[str, int] = {}  # explicit event ids of this input -> first order
        self.order = 0

    def add(self, name: str, line: int, event: Any, issues: list[tuple[str, str]],
            raw: Any = None) -> None:
        self.order += 1
        given = (event.event_id if event is not None else
                 raw.get("event_id") if isinstance(raw, dict) else None)
        if isinstance(given, str):
            self.ids.setdefault(given, self.order)
        if event is None:
            self.errors.extend(InputError(name, line, f, m) for f, m in issues)
            if isinstance(raw, dict):
                flagged = {f for f, _ in issues}
                self.references += [_Reference(name, line, f, raw[f], self.order)
                                    for f in ("target", "supersedes")
                                    if isinstance(raw.get(f), str) and f not in flagged]
            return
        self.events.append(event)
        self.origins.append((name, line))
        if len(self.events) >= self.chunk:
            self.flush()

    def flush(self) -> None:
        if not self.events:
            return
        result, issues = self.log.stage(self.events, self.stamp)
        self.errors.extend(InputError(*self.origins[i.index], i.field, i.message)
                           for i in issues)
        self.count(result)
        self.events.clear()
        self.origins.clear()

    def check_references(self) -> None:
        """Unknown ``target``/``supersedes`` of records refused for other reasons: listed
        now rather than after the user fixes the rest."""
        if not self.references:
            return
        stored = self.log.known_ids([r.event_id for r in self.references])
        for name, line, field, ref, order in self.references:
            if ref not in stored and self.ids.get(ref, order) >= order:
                self.errors.append(InputError(name, line, field, (
                    f"unknown event {ref!r} (it must be in the log or earlier in the same "
                    "input)")))

    def count(self, result: AppendResult) -> None:
        self.appended += result.appended
        self.duplicates += result.duplicates
        self.first = self.first if self.first is not None else result.first_position
        self.last = result.last_position if result.last_position is not None else self.last


def _columnar(batch: _Batch, path: Path, header: list[str], catalogue: Catalogue,
              progress: ProgressFactory | None) -> None:
    """A plain CSV file, chunk by chunk: column-wise where the chunk is clean, else
    record by record (exact errors). After the first problem the rest of the file goes
    record by record too, so every error is listed."""
    from .columnar import prepared_chunks, stage_rows
    from .csv_chunks import Fallback
    name = str(path)
    report = progress(path) if progress else None
    total = path.stat().st_size
    clean = True
    memo: dict[Any, Any] = {}  # each distinct cell is validated once per ingest

    def columnar() -> bool:  # still column-wise (asked again before each chunk)
        return clean and not batch.errors

    for part, rows in prepared_chunks(path, header, catalogue, memo, columnar,
                                      batch.stamp.date()):
        if columnar():
            batch.flush()  # positions follow the files' order
            try:
                if isinstance(rows, Fallback):
                    raise rows
                batch.count(stage_rows(batch.log, rows, batch.stamp))
                if report:
                    report(part.done_bytes, total)
                continue
            except Fallback:
                clean = False
        # the header, numbered so that _csv counts on from the chunk's first line
        raws = _csv(iter([(part.first_line - 1, part.header_line), *part.lines()]))
        for row in _judged(_located(name, raws), catalogue, batch.stamp.date()):
            batch.add(*row)
        if report:
            report(part.done_bytes, total)


def _order(paths: Sequence[Path]) -> Any:
    rank = {str(p): i for i, p in enumerate(paths)}
    return lambda e: (rank.get(e.file, -1), e.line)
