"""The log's Merkle tree agrees with an independent RFC 6962 implementation (pymerkle),
and with the RFC's own recursive definitions, for every size 1..300."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymerkle import InmemoryTree

from supplyline.events import EventLog, merkle
from supplyline.events.tree import BLOCK, MerkleTree
from tests.conftest import shipment

MAX = 300
DATA = [hashlib.sha256(f"event {i}".encode()).digest() for i in range(MAX)]
LEAVES = [merkle.leaf_hash(d) for d in DATA]
LEVELS = merkle.complete_levels(LEAVES)


def perfect(level: int, idx: int) -> bytes:
    return LEVELS[level][idx]


@pytest.fixture(scope="module")
def reference() -> InmemoryTree:
    """pymerkle in its RFC 6962 mode (0x00/0x01 prefixes), one leaf per event hash."""
    tree = InmemoryTree(algorithm="sha256")
    for d in DATA:
        tree.append_entry(d)
    return tree


# -- the RFC 6962 definitions, written out as the RFC states them ------------------------
def mth(d: list[bytes]) -> bytes:
    if not d:
        return hashlib.sha256(b"").digest()
    if len(d) == 1:
        return hashlib.sha256(b"\x00" + d[0]).digest()
    k = 1 << ((len(d) - 1).bit_length() - 1)
    return hashlib.sha256(b"\x01" + mth(d[:k]) + mth(d[k:])).digest()


def subproof(m: int, d: list[bytes], b: bool) -> list[bytes]:
    if m == len(d):
        return [] if b else [mth(d)]
    k = 1 << ((len(d) - 1).bit_length() - 1)
    if m <= k:
        return subproof(m, d[:k], b) + [mth(d[k:])]
    return subproof(m - k, d[k:], False) + [mth(d[:k])]


def test_roots_agree_for_every_size(reference: InmemoryTree) -> None:
    """Roots of sizes 0..300 equal pymerkle's and the RFC's MTH."""
    assert merkle.root(perfect, 0) == hashlib.sha256(b"").digest() == mth([])
    for n in range(1, MAX + 1):
        assert merkle.root(perfect, n) == reference.get_root(n) == mth(DATA[:n]), n


def test_inclusion_proofs_agree_for_every_leaf_of_small_trees(reference: InmemoryTree) -> None:
    """Every leaf of every tree up to 64 leaves: our path is pymerkle's, and verifies."""
    for n in range(1, 65):
        root = reference.get_root(n)
        for i in range(n):
            path = merkle.inclusion_path(perfect, i, n)
            assert path == reference.prove_inclusion(i + 1, n).path[1:]
            assert merkle.verify_inclusion(LEAVES[i], i, n, path, root)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, MAX).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n - 1))))
def test_inclusion_proofs_agree_and_reject_tampering(reference: InmemoryTree,
                                                     case: tuple[int, int]) -> None:
    """Random leaves of trees up to 300: same path as pymerkle; a changed hash, index or
    size is refused."""
    n, i = case
    root = reference.get_root(n)
    path = merkle.inclusion_path(perfect, i, n)
    assert path == reference.prove_inclusion(i + 1, n).path[1:]
    assert merkle.verify_inclusion(LEAVES[i], i, n, path, root)
    assert len(path) <= (n - 1).bit_length()
    assert not merkle.verify_inclusion(LEAVES[(i + 1) % MAX], i, n, path, root)
    assert not merkle.verify_inclusion(LEAVES[i], i, n, path, reference.get_root(MAX)
                                       if n != MAX else reference.get_root(1))
    if path:
        bad = [bytes([path[0][0] ^ 1]) + path[0][1:], *path[1:]]
        assert not merkle.verify_inclusion(LEAVES[i], i, n, bad, root)
        assert not merkle.verify_inclusion(LEAVES[i], i, n, path[:-1], root)
    if n > 1:
        assert not merkle.verify_inclusion(LEAVES[i], (i + 1) % n, n, path, root)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, MAX).flatmap(lambda n: st.tuples(st.integers(1, n), st.just(n))))
def test_consistency_proofs_agree_and_reject_tampering(reference: InmemoryTree,
                                                       case: tuple[int, int]) -> None:
    """Random sizes m <= n <= 300: the proof is the RFC's PROOF(m, D[n]), verifies
    between pymerkle's roots, and a changed hash or root is refused."""
    m, n = case
    old_root, new_root = reference.get_root(m), reference.get_root(n)
    path = merkle.consistency_path(perfect, m, n)
    assert path == subproof(m, DATA[:n], True)
    assert merkle.verify_consistency(m, n, old_root, new_root, path)
    # pymerkle's own proof between the same states holds too (a sanity check of the roots)
    reference.prove_consistency(m, n).verify(old_root, new_root)
    if m < n:
        other = reference.get_root(m + 1)  # the root of another size
        assert not merkle.verify_consistency(m, n, other, new_root, path)
        assert not merkle.verify_consistency(m, n, old_root, reference.get_root(n - 1), path)
        for k in range(len(path)):
            bad = [*path[:k], bytes([path[k][0] ^ 1]) + path[k][1:], *path[k + 1:]]
            assert not merkle.verify_consistency(m, n, old_root, new_root, bad)


def test_inclusion_needs_at_most_24_hashes_at_10_million() -> None:
    """A proof's length is the tree's depth at the leaf: ceil(log2(10,000,000)) = 24."""
    assert (10_000_000 - 1).bit_length() == 24
    assert max(len(merkle.inclusion_path(lambda lv, i: b"\0" * 32, i, 10_000_000))
               for i in (0, 1, 4_999_999, 8_388_607, 8_388_608, 9_999_999)) <= 24


# -- the stored tree over a real log ---------------------------------------------------
@pytest.fixture(scope="module")
def big_log(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A log of 3 blocks and a bit (800 events), appended in four batches."""
    from supplyline.events import Catalogue, validate_record

    db = tmp_path_factory.mktemp("tree") / "log.duckdb"
    cat = Catalogue.builtin()
    with EventLog(db) as log:
        for batch in range(4):
            events = [validate_record(shipment(quantity=float(batch * 1000 + i),
                                               event_id=f"e-{batch}-{i}"), cat)[0]
                      for i in range(200)]
            log.append(events)
    yield db


def _pymerkle_of(db: Path) -> tuple[InmemoryTree, list[bytes]]:
    with EventLog(db, read_only=True) as log:
        hashes = [bytes.fromhex(r[0]) for r in log.con.execute(
            "SELECT hash FROM log ORDER BY position").fetchall()]
    tree = InmemoryTree(algorithm="sha256")
    for h in hashes:
        tree.append_entry(h)
    return tree, hashes


@pytest.mark.parametrize("chunk", [1 << 16, 256])
def test_stored_tree_grows_lazily_and_agrees(big_log: Path, chunk: int,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Checkpoint-time extension stores complete 256-leaf blocks and above, in steps;
    roots and proofs from the stored nodes equal pymerkle's at every step (leaves hashed
    in one chunk, or in several hashed ahead on another thread)."""
    from supplyline.events import tree

    monkeypatch.setattr(tree, "CHUNK", chunk)
    ref, hashes = _pymerkle_of(big_log)
    with EventLog(big_log) as log:
        log.con.execute("DROP TABLE IF EXISTS merkle_nodes")
    with EventLog(big_log) as log:
        assert not log.has_table("merkle_nodes")
        for size in (300, 511, 512, 513, 800):
            tree = MerkleTree(log.con, writable=True)
            assert tree.root(size) == ref.get_root(size)
            stored = log.con.execute("SELECT count(*) FROM merkle_nodes WHERE level = 8"
                                     ).fetchall()[0][0]
            assert stored == size // BLOCK
            kept = MerkleTree(log.con, keep=True)  # every stored node read once
            for i in (0, 255, 256, size // 2, size - 1):
                root, path = MerkleTree(log.con).root_and_path(i, size)
                assert kept.root_and_path(i, size) == (root, path)
                assert path == ref.prove_inclusion(i + 1, size).path[1:]
                assert merkle.verify_inclusion(merkle.leaf_hash(hashes[i]), i, size, path, root)
    # a read-only reader uses the stored nodes and computes the rest in memory
    with EventLog(big_log, read_only=True) as log:
        for m, n in ((1, 800), (256, 800), (300, 700), (799, 800), (512, 512)):
            old, new, path = MerkleTree(log.con).roots_and_consistency(m, n)
            assert (old, new) == (ref.get_root(m), ref.get_root(n))
            assert path == subproof(m, hashes[:n], True)
