"""Validate input files and append them to the log as one all-or-nothing batch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from events import AppendRejected, AppendResult, Catalogue, EventLog, validate_record
from events.canonical import Prepared, prepare

from .readers import Raw, UnreadableFile, read_records

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


def load(paths: Sequence[Path], catalogue: Catalogue,
         progress: ProgressFactory | None = None) -> tuple[list[Prepared], list[tuple[str, int]]]:
    """Read and validate every file; returns prepared events and where each came from.

    :raises IngestFailed: with every error of every record of every file.
    """
    prepared: list[Prepared] = []
    origins: list[tuple[str, int]] = []
    errors: list[InputError] = []
    for path in paths:
        name = str(path)
        try:
            raws = read_records(path, progress(path) if progress else None)
            for raw in raws:
                _validate_one(raw, name, catalogue, prepared, origins, errors)
        except UnreadableFile as exc:
            errors.append(InputError(name, exc.line, "file", str(exc)))
    if errors:
        raise IngestFailed(errors)
    return prepared, origins


def _validate_one(raw: Raw, name: str, catalogue: Catalogue, prepared: list[Prepared],
                  origins: list[tuple[str, int]], errors: list[InputError]) -> None:
    if raw.error is not None:
        errors.append(InputError(name, raw.line, *raw.error))
        return
    event, issues = validate_record(raw.record, catalogue)
    if event is None:
        errors.extend(InputError(name, raw.line, f, m) for f, m in issues)
        return
    prepared.append(prepare(event))
    origins.append((name, raw.line))


def ingest(log: EventLog, paths: Sequence[Path], *, dry_run: bool = False,
           recorded_at: dt.datetime | None = None,
           progress: ProgressFactory | None = None) -> AppendResult:
    """Validate ``paths`` and append them as one transaction (nothing, on any error).

    :raises IngestFailed: bad input, every error listed; the log is unchanged.
    """
    prepared, origins = load(paths, log.catalogue(), progress)
    return append_located(log, prepared, origins, dry_run=dry_run, recorded_at=recorded_at)


def append_located(log: EventLog, prepared: Sequence[Prepared], origins: Sequence[tuple[str, int]],
                   *, dry_run: bool = False, recorded_at: dt.datetime | None = None,
                   expected_position: int | None = None) -> AppendResult:
    """Append, translating the log's per-record problems back to file and line."""
    try:
        return log.append(prepared, recorded_at=recorded_at, dry_run=dry_run,
                          expected_position=expected_position)
    except AppendRejected as exc:
        errors = []
        for issue in exc.issues:
            file, line = origins[issue.index] if issue.index >= 0 else ("--recorded-at", 0)
            errors.append(InputError(file, line, issue.field, issue.message))
        raise IngestFailed(errors) from None
