"""The ``documents`` table: source documents events may cite, whose text their quotes are
checked against (``events.conflicts``). Each row the product adds is sealed
(``events.seals``); rows are never changed or removed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from . import seals
from .connection import first_row

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    document_id VARCHAR PRIMARY KEY,
    sha256      VARCHAR NOT NULL,
    title       VARCHAR,
    outlet      VARCHAR,
    text        VARCHAR,
    added_at    TIMESTAMP NOT NULL
);
"""
COLUMNS = ("document_id", "sha256", "title", "outlet", "text", "added_at")


def texts(con: duckdb.DuckDBPyConnection, ids: set[str]) -> dict[str, str | None]:
    """The registered documents among ``ids``, with their text (None: digest only)."""
    if not ids:
        return {}
    rows = con.execute(
        "SELECT document_id, text FROM documents WHERE list_contains(?, document_id)",
        [sorted(ids)]).fetchall()
    return dict(rows)


def digest(con: duckdb.DuckDBPyConnection, document_id: str) -> str | None:
    """The SHA-256 a document was registered with (None: not registered)."""
    row = first_row(con, "SELECT sha256 FROM documents WHERE document_id = ?", [document_id])
    return None if row is None else str(row[0])


def add(con: duckdb.DuckDBPyConnection, values: dict[str, Any], added_at: dt.datetime) -> None:
    """Register a document and seal it (in the caller's transaction)."""
    con.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?)",
                [*(values[c] for c in COLUMNS[:-1]), added_at])
    seals.seal(con, "documents", values["document_id"])


def rows(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every document as stored, by id (for backups)."""
    return [dict(zip(COLUMNS, r, strict=True)) for r in con.execute(
        f"SELECT {', '.join(COLUMNS)} FROM documents ORDER BY document_id").fetchall()]


def listing(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every document by id: its digest, title, outlet and whether its text is stored."""
    cols = ["document_id", "sha256", "title", "outlet", "has_text"]
    found = con.execute(
        "SELECT document_id, sha256, title, outlet, text IS NOT NULL FROM documents "
        "ORDER BY document_id").fetchall()
    return [dict(zip(cols, r, strict=True)) for r in found]


def restore(con: duckdb.DuckDBPyConnection, backup: list[dict[str, Any]]) -> None:
    """Insert the backup's documents not registered here yet, as stored (their seals are
    the backup's: ``seals.restore``)."""
    known = {d["document_id"] for d in rows(con)}
    for d in backup:
        if d["document_id"] not in known:
            con.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?)",
                        [d[c] for c in COLUMNS])
