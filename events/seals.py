"""Seals: the catalogue and the registered documents under a hash chain of their own.

Catalogue rows change what numbers mean (an item's canonical unit scales every timeline of
that item) and documents decide which quotes are accepted, but they are not events. Each
row the product adds gets a seal in table ``seals``:

    seq        1, 2, ... gapless, in the order rows were added
    effective  the log position from which the row applies: the head when it was added, + 1
    table_name the table (``catalogue`` or ``documents``)
    row_key    the row's key as text (catalogue ``seq``, documents ``document_id``)
    digest     SHA-256 (hex) of the row as stored: canonical JSON of its non-null columns
    prev_hash  the previous seal's hash (64 zeros for the first)
    hash       SHA-256 (hex) of prev_hash, seq, effective, table_name, row_key and digest,
               one per line

``verify`` recomputes every digest and the chain: a row edited, inserted or deleted behind
the product's back no longer matches. A checkpoint names the seals in force at its tree
size (those with ``effective`` <= size), so a signed checkpoint vouches for the catalogue
and documents as well; a seal added later never changes that (its ``effective`` is larger).

The digest covers whatever columns the table has, left out when null, so a later column
added with NULL in old rows keeps their seals valid.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

import duckdb

from .canonical import GENESIS_HASH, canonical_json
from .connection import first_row, scalar
from .dates import format_utc

SEALED = {"catalogue": "seq", "documents": "document_id"}  # table -> its key column
DDL = """
CREATE TABLE IF NOT EXISTS seals (
    seq        BIGINT PRIMARY KEY,
    effective  BIGINT NOT NULL,
    table_name VARCHAR NOT NULL,
    row_key    VARCHAR NOT NULL,
    digest     VARCHAR NOT NULL,
    prev_hash  VARCHAR NOT NULL,
    hash       VARCHAR NOT NULL
);
"""


@dataclass(frozen=True)
class SealProblem:
    table: str
    key: str | None
    message: str


def _value(v: Any) -> Any:
    if isinstance(v, dt.datetime):
        return format_utc(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, (bytes, bytearray, memoryview)):
        return bytes(v).hex()
    if isinstance(v, (str, int, float, bool)):
        return v
    return str(v)


def row_digest(columns: list[str], values: tuple[Any, ...]) -> str:
    """SHA-256 of a stored row: canonical JSON of its non-null columns by name."""
    record = {c: _value(v) for c, v in zip(columns, values, strict=True) if v is not None}
    return hashlib.sha256(canonical_json(record).encode()).hexdigest()


def seal_hash(prev: str, seq: int, effective: int, table: str, key: str, digest: str) -> str:
    return hashlib.sha256(f"{prev}\n{seq}\n{effective}\n{table}\n{key}\n{digest}".encode()
                          ).hexdigest()


def _exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(scalar(con, "SELECT count(*) FROM information_schema.tables WHERE "
                            "table_catalog = current_database() AND table_schema = 'main' "
                            "AND table_name = ?", [table]))


def _rows(con: duckdb.DuckDBPyConnection, table: str, where: str = "",
          params: list[Any] | None = None) -> list[tuple[str, str]]:
    """(key, digest) of a sealed table's rows, in key order."""
    key = SEALED[table]
    cur = con.execute(f"SELECT * FROM {table}{where} ORDER BY {key}", params or [])
    columns = [d[0] for d in cur.description]
    at = columns.index(key)
    return [(str(r[at]), row_digest(columns, r)) for r in cur.fetchall()]


def seal(con: duckdb.DuckDBPyConnection, table: str, key: Any) -> None:
    """Seal the stored row of ``table`` with key ``key`` (inside the caller's transaction,
    right after inserting it)."""
    ((text, digest),) = _rows(con, table, f" WHERE {SEALED[table]} = ?", [key])
    _append(con, [(table, text, digest)])


def _append(con: duckdb.DuckDBPyConnection, new: list[tuple[str, str, str]]) -> None:
    if not new:
        return
    head = scalar(con, "SELECT coalesce(max(position), 0) FROM log")
    last = first_row(con, "SELECT seq, hash FROM seals ORDER BY seq DESC LIMIT 1")
    seq, prev = (int(last[0]), str(last[1])) if last else (0, GENESIS_HASH)
    for table, key, digest in new:
        seq += 1
        digest_hash = seal_hash(prev, seq, head + 1, table, key, digest)
        con.execute("INSERT INTO seals VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [seq, head + 1, table, key, digest, prev, digest_hash])
        prev = digest_hash


def create(con: duckdb.DuckDBPyConnection) -> None:
    """Create the seals table; a log made before seals existed gets its rows sealed now,
    in force from the next position (nothing older can be vouched for)."""
    if _exists(con, "seals"):
        return
    con.execute(DDL)
    _append(con, [(t, k, d) for t in SEALED if _exists(con, t) for k, d in _rows(con, t)])


_COLUMNS = ("seq", "effective", "table_name", "row_key", "digest", "prev_hash", "hash")


def rows(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every seal, in order (for backups)."""
    if not _exists(con, "seals"):
        return []
    return [dict(zip(_COLUMNS, r, strict=True)) for r in con.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM seals ORDER BY seq").fetchall()]


def restore(con: duckdb.DuckDBPyConnection, backup: list[dict[str, Any]]) -> None:
    """After a restore added catalogue rows and documents: take the backup's seals as
    stored where they continue this log's own (so checkpoints of the original log still
    hold for the copy), then seal any row still without a seal."""
    con.execute(DDL)
    mine = rows(con)
    if all(i < len(backup) and backup[i]["hash"] == s["hash"] for i, s in enumerate(mine)):
        for s in backup[len(mine):]:
            con.execute("INSERT INTO seals VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [s[c] for c in _COLUMNS])
    have = {(s["table_name"], s["row_key"]) for s in rows(con)}
    _append(con, [(t, k, d) for t in SEALED if _exists(con, t) for k, d in _rows(con, t)
                  if (t, k) not in have])


def state(con: duckdb.DuckDBPyConnection, size: int) -> tuple[int, str]:
    """How many seals are in force at tree size ``size``, and the last one's hash."""
    if not _exists(con, "seals"):
        return 0, GENESIS_HASH
    last = first_row(con, "SELECT seq, hash FROM seals WHERE effective <= ? ORDER BY seq DESC "
                          "LIMIT 1", [size])
    return (int(last[0]), str(last[1])) if last else (0, GENESIS_HASH)


def check(con: duckdb.DuckDBPyConnection) -> tuple[SealProblem | None, bool]:
    """The first problem with the seals or the rows they cover (None: all hold), and
    whether the log has seals at all (a log made before them, opened read-only since,
    has none: its catalogue and documents cannot be checked)."""
    if not _exists(con, "seals"):
        return None, False
    head = scalar(con, "SELECT coalesce(max(position), 0) FROM log")
    seals = con.execute("SELECT seq, effective, table_name, row_key, digest, prev_hash, hash "
                        "FROM seals ORDER BY seq").fetchall()
    prev, last_effective = GENESIS_HASH, 0
    sealed: dict[tuple[str, str], str] = {}
    for n, (seq, effective, table, key, digest, prev_hash, digest_hash) in enumerate(seals, 1):
        where = f"seal {seq}"
        if seq != n:
            return SealProblem("seals", str(n), f"seal {n} is missing"), True
        if prev_hash != prev or seal_hash(prev, seq, effective, table, key, digest
                                          ) != digest_hash:
            return SealProblem("seals", str(seq), f"{where} does not match its hash chain"
                               ), True
        if not last_effective <= effective <= head + 1:
            return SealProblem("seals", str(seq), f"{where} is out of order"), True
        if table not in SEALED or (table, key) in sealed:
            return SealProblem("seals", str(seq), f"{where} names an unknown or already "
                               "sealed row"), True
        sealed[(table, key)] = digest
        prev, last_effective = digest_hash, effective
    for table in SEALED:
        rows = dict(_rows(con, table)) if _exists(con, table) else {}
        for key, digest in rows.items():
            if (table, key) not in sealed:
                return SealProblem(table, key, f"{table} row {key!r} has no seal (added "
                                   "behind the product's back)"), True
            if sealed[(table, key)] != digest:
                return SealProblem(table, key, f"{table} row {key!r} does not match its "
                                   "seal (changed behind the product's back)"), True
        for t, key in sealed:
            if t == table and key not in rows:
                return SealProblem(table, key, f"{table} row {key!r} is sealed but missing "
                                   "(deleted behind the product's back)"), True
    return None, True
