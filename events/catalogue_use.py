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
from dataclasses import dataclass
from typing import Any

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


def last(con: Any) -> tuple[int, int] | None:
    """(version, seq) of the last row, None when there is none."""
    rows = con.execute("SELECT catalogue_version, catalogue_seq FROM catalogue_use "
                       "ORDER BY first_position DESC LIMIT 1").fetchall()
    return (int(rows[0][0]), int(rows[0][1])) if rows else None


def add(con: Any, first_position: int, version: int, seq: int, stamp: dt.datetime) -> None:
    con.execute("INSERT INTO catalogue_use VALUES (?, ?, ?, ?)",
                [first_position, version, seq, stamp])


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
