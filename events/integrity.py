"""Checking a stored log: the hash chain, the columns beside each body, the stored Merkle
tree and the seals of the catalogue and documents.

The chain is checked set-at-a-time in DuckDB (each row's hash recomputed from its stored
fields, each ``prev_hash`` against the hash before it, positions against row numbers), and
any row DuckDB flags is judged again by the same Python code that made the hash
(``chain_hash``), so a formatting difference between the two can only cost time, never
give a wrong answer.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import duckdb

from . import seals
from .canonical import GENESIS_HASH, chain_hash
from .chain import LOG_COLUMNS, LogRow
from .dates import format_utc
from .reading import stored_rows
from .tree import MerkleTree


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    events: int
    head_hash: str
    first_bad_position: int | None
    problem: str | None = None
    table: str | None = None  # where the first problem is
    checked: tuple[str, ...] = ()  # the tables found to agree
    details: dict[str, Any] = field(default_factory=dict)  # e.g. the flow and date

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "events": self.events, "head_hash": self.head_hash,
                "first_bad_position": self.first_bad_position, "table": self.table,
                "problem": self.problem, "checked": list(self.checked), **self.details}

    def failed(self, table: str, problem: str, position: int | None = None,
               **details: Any) -> VerifyResult:
        """This result, turned into a failure found in ``table``."""
        return VerifyResult(False, self.events, self.head_hash, position, problem, table,
                            self.checked, {**self.details, **details})

    def passed(self, *tables: str, **details: Any) -> VerifyResult:
        """This result with ``tables`` added to those found to agree."""
        return VerifyResult(self.ok, self.events, self.head_hash, self.first_bad_position,
                            self.problem, self.table, (*self.checked, *tables),
                            {**self.details, **details})


def check_chain(rows: Iterable[tuple[Any, ...]]) -> VerifyResult:
    """Check stored rows (``LogRow``'s columns), in order from position 1: gapless, linked,
    hashes and columns right."""
    prev, expected = GENESIS_HASH, 1
    for row in map(LogRow._make, rows):
        problem = _row_problem(row, expected, prev)
        if problem:
            return VerifyResult(False, expected - 1, prev, expected,
                                f"position {expected}: {problem}", "log")
        prev, expected = row.hash, expected + 1
    return VerifyResult(True, expected - 1, prev, None)


def _row_problem(row: LogRow, expected: int, prev: str) -> str | None:
    """What is wrong with ``row`` where position ``expected`` follows hash ``prev``."""
    if row.position != expected:
        return f"position {row.position} where {expected} was expected"
    if row.prev_hash != prev:
        return "prev_hash does not match the previous event's hash"
    if chain_hash(prev, row.position, format_utc(row.recorded_at), row.record_version,
                  row.body) != row.hash:
        return "hash does not match the stored event"
    return _column_problem(row.event_id, row.type, row.reported_on, row.body)


def _column_problem(eid: str, typ: str, reported: dt.date, body: str) -> str | None:
    try:
        record = json.loads(body)
    except ValueError:
        return "body is not valid JSON"
    if not isinstance(record, dict):
        return "body is not a JSON object"
    if record.get("event_id") != eid:
        return "event_id column does not match the stored event"
    if record.get("type") != typ:
        return "type column does not match the stored event"
    if record.get("reported_on") != reported.isoformat():
        return "reported_on column does not match the stored event"
    return None


_HASH_SQL = ("sha256(prev_hash || chr(10) || position::VARCHAR || chr(10) || "
             "strftime(recorded_at, '%Y-%m-%dT%H:%M:%S.%fZ') || chr(10) || "
             "record_version::VARCHAR || chr(10) || body)")
_COLUMNS_SQL = ("CASE WHEN json_valid(body) AND json_type(body) = 'OBJECT' THEN json_transform("
                "body, '{\"event_id\": \"VARCHAR\", \"type\": \"VARCHAR\", \"reported_on\": "
                "\"VARCHAR\"}') IS DISTINCT FROM {'event_id': event_id, 'type': type, "
                "'reported_on': reported_on::VARCHAR} ELSE true END")
_SUSPECTS = 100  # rows DuckDB flags that are judged again in Python before giving up on it


def verify_chain(con: duckdb.DuckDBPyConnection) -> VerifyResult:
    """The hash chain, positions and indexed columns of the ``log`` table."""
    count, head, head_hash = con.execute(
        "SELECT count(*), max(position), arg_max(hash, position) FROM log").fetchall()[0]
    count = int(count)
    gap_n, gap_pos, link = con.execute(
        "SELECT min(n) FILTER (WHERE position <> n), arg_min(position, n) FILTER (WHERE "
        "position <> n), min(position) FILTER (WHERE prev_hash <> prev) FROM (SELECT "
        "position, prev_hash, row_number() OVER w AS n, lag(hash, 1, ?) OVER w AS prev "
        "FROM log WINDOW w AS (ORDER BY position))", [GENESIS_HASH]).fetchall()[0]
    suspects = [int(r[0]) for r in con.execute(
        f"SELECT position FROM log WHERE {_HASH_SQL} <> hash OR {_COLUMNS_SQL} "
        f"ORDER BY position LIMIT {_SUSPECTS}").fetchall()]
    candidates = sorted({p for p in (gap_n, link, *suspects) if p is not None})
    result = VerifyResult(True, count, head_hash or GENESIS_HASH, None, checked=("log",))
    if not candidates:
        return result
    if gap_n is not None and gap_n == candidates[0]:
        return _bad(result, gap_n, f"position {gap_pos} where {gap_n} was expected")
    for pos in candidates:
        problem = _judge(con, pos)
        if problem:
            return _bad(result, pos, problem)
    # DuckDB flagged rows Python finds sound (a formatting difference): walk in Python
    if len(suspects) == _SUSPECTS:
        return _walk(con, result)
    return result


def _bad(result: VerifyResult, position: int, problem: str) -> VerifyResult:
    return VerifyResult(False, result.events, result.head_hash, position,
                        f"position {position}: {problem}", "log")


def _judge(con: duckdb.DuckDBPyConnection, position: int) -> str | None:
    """The problem of the row at ``position`` (stored at that row-number place), in the
    same order of precedence as ``check_chain``."""
    rows = con.execute(
        f"SELECT {', '.join(LOG_COLUMNS)}, (SELECT hash FROM log WHERE position = ?) "
        "FROM log WHERE position = ?", [position - 1, position]).fetchall()
    if not rows:
        return "missing"
    *stored, prev = rows[0]
    return _row_problem(LogRow._make(stored), position, prev if position > 1 else GENESIS_HASH)


def _walk(con: duckdb.DuckDBPyConnection, result: VerifyResult) -> VerifyResult:
    walked = check_chain(stored_rows(con))
    if walked.ok:
        return result
    return _bad(result, walked.first_bad_position or 0,
                (walked.problem or "").split(": ", 1)[-1])


def verify_stored(con: duckdb.DuckDBPyConnection, tree: MerkleTree | None = None, *,
                  full_tree: bool = False) -> VerifyResult:
    """The chain, then the stored Merkle nodes and the seals of catalogue and documents.
    ``tree`` (made with ``stored=False``) is extended over the whole log when the log
    stores nodes to compare with it, or when ``full_tree`` asks for it anyway."""
    result = verify_chain(con)
    if not result.ok:
        return result
    tree = tree or MerkleTree(con, stored=False)
    if tree.has_table() or full_tree:
        tree.extend(result.events)
    if tree.has_table():
        found = tree.stored_problem()
        if found is not None:
            return result.failed("merkle_nodes", found[1], found[0])
        result = result.passed("merkle_nodes")
    problem, sealed = seals.check(con)
    if problem is not None:
        return result.failed(problem.table, problem.message, None, row=problem.key)
    if sealed:
        return result.passed("seals", *seals.SEALED)
    # a log made before seals, never opened for writing since: nothing to check them by
    return result.passed(unsealed=list(seals.SEALED))
