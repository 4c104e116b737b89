"""Validate input files and append them to the log as one all-or-nothing batch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from events import AppendRejected, AppendResult, Catalogue, EventLog, validate_record

from .readers import UnreadableFile, read_records

ProgressFactory = Callable[[Path], Callable[[int, int], None] | None]


@dataclass(frozen=True)
class InputError:
    """One problem, located: ``file:line: field: message``."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class IngestFailed(Exception):
    """The input had problems; nothing was appended. ``errors`` lists every one."""

    def __init__(self, errors: list[InputError]) -> None:
        super().__init__(f"{len(errors)} error(s); nothing appended")
        self.errors = errors


CHUNK = 50_000


def located_records(paths: Sequence[Path], progress: ProgressFactory | None = None) -> Any:
    """(file, line, raw record or None, read problems) for every record of every file,
    streaming; a file that cannot be read at all yields one problem on line 0 or where it
    broke off."""
    for path in paths:
        name = str(path)
        try:
            for raw in read_records(path, progress(path) if progress else None):
                if raw.error is not None:
                    yield name, raw.line, None, [raw.error]
                else:
                    yield name, raw.line, raw.record, []
        except UnreadableFile as exc:
            yield name, exc.line, None, [("file", str(exc))]


def _validated(paths: Sequence[Path], catalogue: Catalogue,
               progress: ProgressFactory | None) -> Any:
    """(file, line, event or None, issues) for every record of every file, streaming."""
    for name, line, record, problems in located_records(paths, progress):
        if problems:
            yield name, line, None, problems
        else:
            yield (name, line, *validate_record(record, catalogue))


def ingest(log: EventLog, paths: Sequence[Path], *, dry_run: bool = False,
           recorded_at: dt.datetime | None = None,
           progress: ProgressFactory | None = None, chunk: int = CHUNK) -> AppendResult:
    """Validate ``paths`` and append them as one transaction (nothing, on any error).

    Streams: records are validated as they are read and staged in chunks inside the
    transaction, so memory stays flat however large the files are.

    :raises IngestFailed: bad input, every error listed; the log is unchanged.
    """
    catalogue = log.catalogue()
    errors: list[InputError] = []
    appended = duplicates = 0
    first: int | None = None
    last: int | None = None
    try:
        stamp = log.begin_batch(recorded_at)
    except AppendRejected as exc:
        raise IngestFailed([InputError("--recorded-at", 0, i.field, i.message)
                            for i in exc.issues]) from None
    try:
        events: list[Any] = []
        origins: list[tuple[str, int]] = []

        def flush() -> None:
            nonlocal appended, duplicates, first, last
            if not events:
                return
            result, issues = log.stage(events, stamp)
            errors.extend(InputError(*origins[i.index], i.field, i.message) for i in issues)
            appended += result.appended
            duplicates += result.duplicates
            first = first if first is not None else result.first_position
            last = result.last_position if result.last_position is not None else last
            events.clear()
            origins.clear()

        for name, line, event, issues in _validated(paths, catalogue, progress):
            if event is None:
                errors.extend(InputError(name, line, f, m) for f, m in issues)
                continue
            events.append(event)
            origins.append((name, line))
            if len(events) >= chunk:
                flush()
        flush()
        if errors:
            raise IngestFailed(sorted(errors, key=_order(paths)))
        if dry_run:
            log.rollback()
        else:
            log.commit()
    except BaseException:
        log.rollback()
        raise
    if appended >= CHUNK:
        log.checkpoint()  # so Arrow readers in this process see the new rows (DuckDB 2.0)
    return AppendResult(appended, duplicates, first, last)


def _order(paths: Sequence[Path]) -> Any:
    rank = {str(p): i for i, p in enumerate(paths)}
    return lambda e: (rank.get(e.file, -1), e.line)
