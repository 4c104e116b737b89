"""The ``log`` table and its hash chain: a stored row, the head, and numbering and hashing new
rows after the head (SPEC §3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

import duckdb

from .canonical import GENESIS_HASH, RECORD_VERSION, Prepared, chain_hash, chain_hashes
from .connection import first_row
from .dates import format_utc
from .errors import AppendRejected, Issue

# body and hashes: zstd, not DuckDB's own choice (DICT_FSST): a faster insert and a smaller
# file, with rebuilds, verify and reads unchanged (docs/performance.md). Logs made before
# keep the columns as they were made.
LOG_SCHEMA = """
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
"""


class LogRow(NamedTuple):
    """A row of the ``log`` table, as stored."""

    position: int
    event_id: str
    type: str
    reported_on: dt.date
    recorded_at: dt.datetime
    record_version: int
    body: str
    prev_hash: str
    hash: str


LOG_COLUMNS = LogRow._fields


@dataclass(frozen=True)
class Head:
    position: int
    hash: str
    recorded_at: dt.datetime | None


EMPTY = Head(0, GENESIS_HASH, None)


@dataclass(frozen=True)
class AppendResult:
    """What an append added: how many events, how many were already there, and the
    positions of the first and last added (None: none)."""

    appended: int
    duplicates: int
    first_position: int | None
    last_position: int | None

    @classmethod
    def of(cls, rows: list[LogRow], duplicates: int) -> AppendResult:
        return cls(len(rows), duplicates, rows[0].position if rows else None,
                   rows[-1].position if rows else None)

    def as_dict(self) -> dict[str, Any]:
        return {"appended": self.appended, "duplicates": self.duplicates,
                "first_position": self.first_position, "last_position": self.last_position}


def read_head(con: duckdb.DuckDBPyConnection) -> Head:
    """The last stored row's position, hash and stamp (``EMPTY`` for an empty log)."""
    row = first_row(con, "SELECT position, hash, recorded_at FROM log WHERE position = "
                         "(SELECT max(position) FROM log)")
    return EMPTY if row is None else Head(int(row[0]), str(row[1]), row[2])


def head_after(rows: list[LogRow]) -> Head:
    """The head once ``rows`` (not empty) are stored."""
    last = rows[-1]
    return Head(last.position, last.hash, last.recorded_at)


def batch_stamp(head: Head, recorded_at: dt.datetime | None,
                now: Callable[[], dt.datetime]) -> dt.datetime:
    """The ``recorded_at`` of a new batch: ``now()``, never before the log's last one; a
    back-filled ``recorded_at`` as given.

    :raises AppendRejected: ``recorded_at`` is earlier than the log's last recorded_at.
    """
    if recorded_at is None:
        stamp = now()
        return max(stamp, head.recorded_at) if head.recorded_at else stamp
    if head.recorded_at is not None and recorded_at < head.recorded_at:
        raise AppendRejected([Issue(-1, "recorded_at", (
            f"{format_utc(recorded_at)} is earlier than the log's last recorded_at "
            f"{format_utc(head.recorded_at)}"))])
    return recorded_at


def chain_rows(head: Head, stamp: dt.datetime, items: list[Prepared]) -> list[LogRow]:
    """``items`` as rows numbered and hashed after ``head``, stamped ``stamp``."""
    rows = []
    prev, position, stamp_text = head.hash, head.position, format_utc(stamp)
    for p in items:
        position += 1
        digest = chain_hash(prev, position, stamp_text, RECORD_VERSION, p.body)
        rows.append(LogRow(position, p.event_id, p.type, dt.date.fromisoformat(p.reported_on),
                           stamp, RECORD_VERSION, p.body, prev, digest))
        prev = digest
    return rows


def chain_frame(head: Head, stamp: dt.datetime, frame: Any) -> tuple[Any, Head]:
    """``chain_rows`` column-wise: a polars frame of canonical events (``event_id``,
    ``type``, ``reported_on`` (date), ``body``, in order, not empty) as a frame of the log's
    columns, and the head after it."""
    import polars as pl

    hashes = chain_hashes(head.hash, head.position + 1, format_utc(stamp), RECORD_VERSION,
                          frame["body"].cast(pl.Binary).to_list())
    last = head.position + len(hashes)
    digests = pl.Series("hash", hashes, pl.String)
    rows = frame.select(
        pl.int_range(head.position + 1, last + 1, dtype=pl.Int64).alias("position"),
        "event_id", "type", pl.col("reported_on").cast(pl.Date),
        pl.lit(stamp, pl.Datetime("us")).alias("recorded_at"),
        pl.lit(RECORD_VERSION, pl.Int16).alias("record_version"), "body",
        digests.shift(1, fill_value=head.hash).alias("prev_hash"), digests)
    return rows, Head(last, hashes[-1], stamp)
