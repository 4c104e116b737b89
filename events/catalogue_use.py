"""Which catalogue validated each batch: the log file's ``catalogue_use`` table.

A row says: the events from ``first_position`` on (up to the next row's) were validated
with built-in catalogue ``catalogue_version`` plus the log's own catalogue entries with
``seq <= catalogue_seq``. A batch adds a row only when that pair differs from the last
row's, so a log holds one row per change, not one per batch. Positions before the first
row were appended before catalogue versions were recorded (built-in version 1).

The table is outside the hash chain, like the catalogue entries themselves: it documents
the validation, it is not part of any event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .catalogue import builtin_version
from .catalogue_table import last_seq
from .connection import first_row

SCHEMA = """
CREATE TABLE IF NOT EXISTS catalogue_use (
    first_position    BIGINT PRIMARY KEY,
    catalogue_version INTEGER NOT NULL,
    catalogue_seq     BIGINT NOT NULL,
    recorded_at       TIMESTAMP NOT NULL
);
"""
COLUMNS = ("first_position", "catalogue_version", "catalogue_seq", "recorded_at")


@dataclass(frozen=True)
class CatalogueUse:
    first_position: int
    last_position: int  # the next row's first position - 1, or the log's head
    catalogue_version: int
    catalogue_seq: int
    recorded_at: dt.datetime

    def as_dict(self) -> dict[str, Any]:
        from .dates import format_utc

        return {"first_position": self.first_position, "last_position": self.last_position,
                "catalogue_version": self.catalogue_version,
                "catalogue_seq": self.catalogue_seq, "recorded_at": format_utc(self.recorded_at)}


_UNREAD = object()


class Recorder:
    """Notes, as a transaction that added events commits, which catalogue validated them;
    a new row only when that changed. Keeps what it read of the tables (the last row, the
    last catalogue entry) between transactions: the log file has one writer."""

    def __init__(self) -> None:
        self._seq: int | None = None  # the last catalogue entry's seq
        self._used: Any = _UNREAD  # (version, seq) of the last row (None: no row)

    def note(self, con: Any, first_position: int, stamp: dt.datetime) -> None:
        """In the open transaction: the events from ``first_position`` on, stamped
        ``stamp``, were validated by this code's built-in catalogue and the log's entries."""
        if self._seq is None:
            self._seq = last_seq(con)
        used = (builtin_version(), self._seq)
        if self._used is _UNREAD:
            self._used = last(con)
        if self._used != used:
            add(con, first_position, *used, stamp)
            self._used = used

    def rolled_back(self) -> None:
        """The transaction was rolled back: the last row is read again."""
        self._used = _UNREAD

    def entries_changed(self) -> None:
        """Catalogue entries were added: everything is read again."""
        self._seq, self._used = None, _UNREAD


def last(con: Any) -> tuple[int, int] | None:
    """(version, seq) of the last row, None when there is none."""
    row = first_row(con, "SELECT catalogue_version, catalogue_seq FROM catalogue_use "
                         "ORDER BY first_position DESC LIMIT 1")
    return (int(row[0]), int(row[1])) if row else None


def add(con: Any, first_position: int, version: int, seq: int, stamp: dt.datetime) -> None:
    con.execute("INSERT INTO catalogue_use VALUES (?, ?, ?, ?)",
                [first_position, version, seq, stamp])


def restore(con: Any, backup: Sequence[dict[str, Any]], head: int) -> None:
    """Add a backup's rows for the positions after ``head`` (those it restores)."""
    for u in backup:
        if u["first_position"] > head:
            add(con, u["first_position"], u["catalogue_version"], u["catalogue_seq"],
                u["recorded_at"])


def rows(con: Any) -> list[dict[str, Any]]:
    """Every row as stored (for backups)."""
    return [dict(zip(COLUMNS, r, strict=True)) for r in con.execute(
        f"SELECT {', '.join(COLUMNS)} FROM catalogue_use ORDER BY first_position").fetchall()]


def spans(con: Any, head: int) -> list[CatalogueUse]:
    """The rows as spans of positions, oldest first."""
    stored = rows(con)
    out = []
    for i, r in enumerate(stored):
        end = stored[i + 1]["first_position"] - 1 if i + 1 < len(stored) else head
        out.append(CatalogueUse(r["first_position"], end, r["catalogue_version"],
                                r["catalogue_seq"], r["recorded_at"]))
    return out
