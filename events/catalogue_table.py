"""The ``catalogue`` table: the parties, items, units and aliases a log adds to the
built-in catalogue, in the order added. Each row is sealed (``events.seals``); rows are
never changed or removed."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

import duckdb

from . import seals
from .catalogue import Catalogue
from .connection import has_table, scalar

SCHEMA = """
CREATE TABLE IF NOT EXISTS catalogue (
    seq      BIGINT PRIMARY KEY,
    kind     VARCHAR NOT NULL,
    code     VARCHAR NOT NULL,
    name     VARCHAR,
    unit     VARCHAR,
    aliases  VARCHAR,
    added_at TIMESTAMP NOT NULL
);
"""
COLUMNS = ("seq", "kind", "code", "name", "unit", "aliases", "added_at")
_ENTRY = ["kind", "code", "name", "unit", "aliases"]  # what ``Catalogue.apply`` reads


def stored_catalogue(con: duckdb.DuckDBPyConnection) -> Catalogue:
    """The built-in catalogue with the log's own entries applied, in order."""
    cat = Catalogue.builtin()
    if has_table(con, "catalogue"):
        found = con.execute(f"SELECT {', '.join(_ENTRY)} FROM catalogue ORDER BY seq")
        cat.apply([dict(zip(_ENTRY, r, strict=True)) for r in found.fetchall()])
    return cat


def entry(kind: str, code: str, name: str | None, unit: str | None,
          aliases: Sequence[str]) -> dict[str, Any]:
    """A new entry as ``Catalogue.apply`` takes it and the table stores it."""
    return {"kind": kind, "code": code, "name": name, "unit": unit,
            "aliases": json.dumps(list(aliases))}


def last_seq(con: duckdb.DuckDBPyConnection) -> int:
    """The last entry's ``seq`` (0: none)."""
    return int(scalar(con, "SELECT coalesce(max(seq), 0) FROM catalogue") or 0)


def add(con: duckdb.DuckDBPyConnection, new: dict[str, Any], added_at: dt.datetime) -> None:
    """Store ``new`` (from ``entry``, already checked) after the last entry, and seal it
    (in the caller's transaction)."""
    seq = last_seq(con) + 1
    con.execute("INSERT INTO catalogue VALUES (?, ?, ?, ?, ?, ?, ?)",
                [seq, *(new[c] for c in _ENTRY), added_at])
    seals.seal(con, "catalogue", seq)


def entries(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every entry as stored, in order (for backups)."""
    return [dict(zip(COLUMNS, r, strict=True)) for r in con.execute(
        f"SELECT {', '.join(COLUMNS)} FROM catalogue ORDER BY seq").fetchall()]


def restore(con: duckdb.DuckDBPyConnection, backup: list[dict[str, Any]]) -> None:
    """Insert the backup's entries not here yet, as stored (their seals are the backup's:
    ``seals.restore``)."""
    have = {e["seq"] for e in entries(con)}
    for e in backup:
        if e["seq"] not in have:
            con.execute("INSERT INTO catalogue VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [e[c] for c in COLUMNS])
