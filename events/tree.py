"""The log's Merkle tree, kept so proofs and checkpoints need no full recomputation.

Table ``merkle_nodes`` stores the hash of every complete subtree of 2**8 = 256 leaves or
more (level, index, 32 bytes): about 2 rows per 256 events (8,000 at 1M events). It is
built lazily, when a checkpoint or proof is asked for, from the events' stored hashes, and
extended from where it stopped; appends do no tree work. Below level 8 a proof reads the
256 event hashes of one block and hashes them again (a fraction of a millisecond). A
read-only log (or one whose table is behind) computes what is missing in memory.

``verify`` recomputes every stored node from the log (see ``recompute``), so the table
can never vouch for events the log does not hold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import duckdb

from . import merkle
from .errors import LogError

BLOCK_LEVEL = 8
BLOCK = 1 << BLOCK_LEVEL
CHUNK = 1 << 16  # leaves hashed per query when building (aligned to BLOCK)
DDL = ("CREATE TABLE IF NOT EXISTS merkle_nodes (level SMALLINT NOT NULL, idx BIGINT NOT "
       "NULL, hash BLOB NOT NULL, PRIMARY KEY (level, idx))")
Key = tuple[int, int]


def _has_table(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND "
        "schema_name = 'main' AND table_name = 'merkle_nodes'").fetchall()[0][0])


def log_size(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute("SELECT coalesce(max(position), 0) FROM log").fetchall()[0][0])


def leaves(con: duckdb.DuckDBPyConnection, start: int, end: int) -> list[bytes]:
    """Leaf hashes of leaf indexes ``start`` to ``end - 1`` (positions start + 1 to end),
    hashed by DuckDB in one query."""
    if end <= start:
        return []
    try:
        text = con.execute(
            "SELECT string_agg(sha256(unhex('00' || hash)), '' ORDER BY position) FROM log "
            "WHERE position > ? AND position <= ?", [start, end]).fetchall()[0][0]
        raw = bytes.fromhex(text or "")
    except (duckdb.Error, ValueError):
        raise LogError("the log's stored hashes are damaged (run 'supplyline verify')"
                       ) from None
    if len(raw) != 32 * (end - start):
        raise LogError(f"the log has gaps between positions {start + 1} and {end} "
                       "(run 'supplyline verify')")
    return [raw[i:i + 32] for i in range(0, len(raw), 32)]


class MerkleTree:
    """The log's tree over a connection. ``writable``: nodes computed for complete blocks
    are stored; otherwise they are kept in memory for this object's life. ``stored``:
    False ignores the table (``verify`` recomputes everything from the log).

    One object may serve many requests (the service keeps one on its writer's
    connection): what it learnt of the stored table stays true, since only the file's
    single writer adds to it."""

    def __init__(self, con: duckdb.DuckDBPyConnection, *, writable: bool = False,
                 stored: bool = True, keep: bool = False) -> None:
        self.con = con
        self.writable = writable
        self._use_table = stored
        # ``keep``: read every stored node once and keep them (one object serving many
        # proofs: 8,000 nodes at 1M events, then no query for them per proof)
        self._keep, self._loaded = keep, False
        self._has: bool | None = None
        self._nodes: dict[Key, bytes] = {}  # level >= 8: computed here; below: a block's
        self._covered: int | None = None  # leaves of the complete blocks known

    # -- building --------------------------------------------------------------------
    def has_table(self) -> bool:
        if self._has is None:
            self._has = _has_table(self.con)
        return self._has

    def stored_leaves(self) -> int:
        if not self._use_table or not self.has_table():
            return 0
        n = self.con.execute("SELECT count(*) FROM merkle_nodes WHERE level = ?",
                             [BLOCK_LEVEL]).fetchall()[0][0]
        return int(n) * BLOCK

    def extend(self, size: int) -> None:
        """Make every complete block of the first ``size`` leaves known: from the table,
        else hashed from the log (and stored, when writable)."""
        if self._covered is None:
            self._covered = self.stored_leaves()
        start, end = self._covered, size // BLOCK * BLOCK
        if end <= start:
            return
        new: dict[Key, bytes] = {}
        for lo, hashes in self._leaf_chunks(start, end):
            roots = merkle.complete_levels(hashes, BLOCK_LEVEL)[BLOCK_LEVEL]
            new.update(((BLOCK_LEVEL, (lo >> BLOCK_LEVEL) + i), h) for i, h in enumerate(roots))
        # higher levels: the new nodes, whose left children may be stored ones
        frontier = self._frontier(start)
        level = BLOCK_LEVEL + 1
        while end >> level:
            for i in range(start >> level, end >> level):
                left = new.get((level - 1, 2 * i)) or frontier.get((level - 1, 2 * i))
                right = new.get((level - 1, 2 * i + 1))
                if left is None or right is None:
                    raise LogError("the stored Merkle tree is incomplete (run 'supplyline "
                                   "verify')")
                new[(level, i)] = merkle.node_hash(left, right)
            level += 1
        if self.writable and self._use_table:
            self.con.execute(DDL)
            self._has = True
            keys = sorted(new)
            self.con.execute(
                "INSERT INTO merkle_nodes SELECT unnest(?::SMALLINT[]), unnest(?::BIGINT[]), "
                "unnest(?::BLOB[])", [[k[0] for k in keys], [k[1] for k in keys],
                                      [new[k] for k in keys]])
        self._nodes.update(new)
        self._covered = end

    def _leaf_chunks(self, start: int, end: int) -> Iterator[tuple[int, list[bytes]]]:
        """The leaf hashes from ``start`` to ``end``, in chunks. With several chunks, DuckDB
        hashes the next one on its threads (without the GIL) while the caller hashes the
        levels of this one in Python."""
        if end - start <= CHUNK:
            yield start, leaves(self.con, start, end)
            return
        cur = self.con.cursor()
        try:
            with ThreadPoolExecutor(1) as pool:
                chunks = [(lo, pool.submit(leaves, cur, lo, min(lo + CHUNK, end)))
                          for lo in range(start, end, CHUNK)]
                for lo, chunk in chunks:
                    yield lo, chunk.result()
        finally:
            cur.close()

    def _frontier(self, start: int) -> dict[Key, bytes]:
        """The stored left siblings that new nodes above ``start`` leaves combine with:
        at each level at most one, the last complete node when it is a left child."""
        wanted = [(level - 1, 2 * (start >> level)) for level in range(BLOCK_LEVEL + 1, 64)
                  if (start >> (level - 1)) & 1]
        return self._fetch_stored(wanted)

    def _fetch_stored(self, keys: list[Key]) -> dict[Key, bytes]:
        if self._keep and not self._loaded and self._use_table and self.has_table():
            rows = self.con.execute("SELECT level, idx, hash FROM merkle_nodes").fetchall()
            self._nodes.update(((int(lv), int(i)), bytes(h)) for lv, i, h in rows)
            self._loaded = True
        missing = [k for k in keys if k not in self._nodes]
        found = {k: self._nodes[k] for k in keys if k in self._nodes}
        if missing and self._use_table and self.has_table():
            rows = self.con.execute(
                "SELECT level, idx, hash FROM merkle_nodes WHERE (level, idx) IN (SELECT "
                "unnest(?::SMALLINT[]), unnest(?::BIGINT[]))",
                [[k[0] for k in missing], [k[1] for k in missing]]).fetchall()
            for level, idx, digest in rows:
                found[(int(level), int(idx))] = bytes(digest)
        return found

    # -- reading ---------------------------------------------------------------------
    def _run(self, size: int, compute: Callable[[merkle.Perfect], Any],
             held: int | None = None) -> Any:
        """Run ``compute`` over the tree of ``size`` leaves: once to learn which complete
        subtrees it needs, then, with those fetched in a few queries, for real. ``held``:
        the log's size, when the caller knows it."""
        held = log_size(self.con) if held is None else held
        if not 0 <= size <= held:
            raise LogError(f"tree size {size} is beyond the log's {held} events")
        try:
            return self._compute(size, compute)
        finally:  # from one request to the next, keep the nodes of 256 leaves and up,
            # and those of the last block (every proof at this size reads it)
            tail = size >> BLOCK_LEVEL
            for key in [k for k in self._nodes if k[0] < BLOCK_LEVEL
                        and (k[1] << k[0]) >> BLOCK_LEVEL != tail]:
                del self._nodes[key]

    def _compute(self, size: int, compute: Callable[[merkle.Perfect], Any]) -> Any:
        self.extend(size)
        wanted: set[Key] = set()

        def record(level: int, idx: int) -> bytes:
            wanted.add((level, idx))
            return b"\0" * 32

        compute(record)
        high = [k for k in wanted if k[0] >= BLOCK_LEVEL and k not in self._nodes]
        self._nodes.update(self._fetch_stored(high))
        for block in sorted({(idx << level) >> BLOCK_LEVEL for level, idx in wanted
                             if level < BLOCK_LEVEL and (level, idx) not in self._nodes}):
            first = block * BLOCK
            levels = merkle.complete_levels(
                leaves(self.con, first, min(first + BLOCK, size)), BLOCK_LEVEL - 1)
            for level, hashes in enumerate(levels):
                base = first >> level
                self._nodes.update(((level, base + i), h) for i, h in enumerate(hashes))

        def perfect(level: int, idx: int) -> bytes:
            try:
                return self._nodes[(level, idx)]
            except KeyError:
                raise LogError("the stored Merkle tree is incomplete (run 'supplyline "
                               "verify')") from None

        return compute(perfect)

    def root(self, size: int) -> bytes:
        return self._run(size, lambda p: merkle.root(p, size))  # type: ignore[no-any-return]

    def root_and_path(self, index: int, size: int, held: int | None = None
                      ) -> tuple[bytes, list[bytes]]:
        """The root of the tree of ``size`` leaves and the inclusion path of leaf
        ``index`` in it."""
        return self._run(  # type: ignore[no-any-return]
            size, lambda p: (merkle.root(p, size), merkle.inclusion_path(p, index, size)),
            held)

    def roots_and_consistency(self, old: int, new: int) -> tuple[bytes, bytes, list[bytes]]:
        """The roots at sizes ``old`` and ``new`` and the consistency proof between them
        (empty from the empty tree)."""
        return self._run(new, lambda p: (  # type: ignore[no-any-return]
            merkle.root(p, old), merkle.root(p, new),
            merkle.consistency_path(p, old, new) if old else []))

    # -- checking --------------------------------------------------------------------
    def stored_problem(self) -> tuple[int, str] | None:
        """Compare the stored nodes with those this tree computed (one made with
        ``stored=False`` and extended over the whole log): the first event position a
        wrong, extra or missing node covers, and what is wrong."""
        if not self.has_table():
            return None
        rows = self.con.execute("SELECT level, idx, hash FROM merkle_nodes ORDER BY idx << "
                                "level, level").fetchall()
        blocks = 0
        for level, idx, digest in rows:
            level, idx = int(level), int(idx)
            mine = self._nodes.get((level, idx))
            if mine is None:
                return (idx << level) + 1, (f"merkle_nodes holds a node (level {level}, index "
                                            f"{idx}) for events the log does not hold")
            if bytes(digest) != mine:
                return (idx << level) + 1, (f"merkle_nodes: the node at level {level}, index "
                                            f"{idx} does not match the events' hashes")
            blocks += level == BLOCK_LEVEL
        # every node of the blocks covered must be there, once
        expected = sum(1 for level, idx in self._nodes if level >= BLOCK_LEVEL
                       and (idx + 1) << level <= blocks * BLOCK)
        if len(rows) != expected:
            return 1, "merkle_nodes does not hold each node of the blocks it covers once"
        return None
