"""RFC 6962 Merkle tree hashing over the log's event hashes: roots, inclusion and
consistency proofs, and their verification (RFC 9162, sections 2.1.3 and 2.1.4).

Leaf ``i`` is the event at position ``i + 1``; its hash is SHA-256(0x00 || the event's
32-byte ``hash``), an inner node's SHA-256(0x01 || left || right), and a tree of ``n``
leaves splits at the largest power of two below ``n``. These functions take the tree's
complete subtrees from a ``perfect(level, index)`` callable (the subtree of 2**level leaves
starting at leaf index * 2**level), so the caller decides where those come from: stored,
computed, or recorded to fetch them in one go (see events.tree).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

Perfect = Callable[[int, int], bytes]

_LEAF, _NODE = b"\x00", b"\x01"
EMPTY_ROOT = hashlib.sha256(b"").digest()  # the root of the empty tree (RFC 6962 2.1)


def leaf_hash(event_hash: str | bytes) -> bytes:
    """The leaf of an event: its chain hash (64 hex digits, or 32 bytes) under 0x00."""
    raw = bytes.fromhex(event_hash) if isinstance(event_hash, str) else event_hash
    if len(raw) != 32:
        raise ValueError("an event hash is 32 bytes")
    return hashlib.sha256(_LEAF + raw).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(_NODE + left + right).digest()


def split(n: int) -> int:
    """The largest power of two below ``n`` (n >= 2): where a tree of n leaves splits."""
    return 1 << ((n - 1).bit_length() - 1)


def complete_levels(leaves: Sequence[bytes], top: int | None = None) -> list[list[bytes]]:
    """Every complete subtree over ``leaves`` (the first of which is aligned to 2**top),
    level by level: ``levels[k][i]`` covers leaves i * 2**k to (i + 1) * 2**k."""
    sha256 = hashlib.sha256
    levels = [list(leaves)]
    current = levels[0]
    while len(current) > 1 and (top is None or len(levels) <= top):
        current = [sha256(_NODE + current[i] + current[i + 1]).digest()
                   for i in range(0, len(current) - 1, 2)]
        levels.append(current)
    return levels


def subtree(perfect: Perfect, start: int, end: int) -> bytes:
    """MTH(D[start:end]) for a range the RFC 6962 recursion reaches (``start`` a multiple
    of the largest power of two not above its size)."""
    n = end - start
    if n & (n - 1) == 0 and start % n == 0:
        level = n.bit_length() - 1
        return perfect(level, start >> level)
    k = split(n)
    return node_hash(subtree(perfect, start, start + k), subtree(perfect, start + k, end))


def root(perfect: Perfect, size: int) -> bytes:
    return EMPTY_ROOT if size == 0 else subtree(perfect, 0, size)


def inclusion_path(perfect: Perfect, index: int, size: int) -> list[bytes]:
    """PATH(index, D[size]) of RFC 6962 2.1.1: the siblings from the leaf up."""
    if not 0 <= index < size:
        raise ValueError(f"leaf index {index} is not in a tree of size {size}")
    path: list[bytes] = []
    start, end = 0, size
    while end - start > 1:
        k = split(end - start)
        if index < start + k:
            path.append(subtree(perfect, start + k, end))
            end = start + k
        else:
            path.append(subtree(perfect, start, start + k))
            start += k
    return path[::-1]


def consistency_path(perfect: Perfect, old: int, new: int) -> list[bytes]:
    """PROOF(old, D[new]) of RFC 6962 2.1.2 (empty when the sizes are equal)."""
    if not 0 < old <= new:
        raise ValueError(f"no consistency proof from size {old} to size {new}")
    path: list[bytes] = []
    start, end, m, complete = 0, new, old, True
    while True:
        if m == end - start:
            if not complete:
                path.append(subtree(perfect, start, end))
            break
        k = split(end - start)
        if m <= k:
            path.append(subtree(perfect, start + k, end))
            end = start + k
        else:
            path.append(subtree(perfect, start, start + k))
            start, m, complete = start + k, m - k, False
    return path[::-1]


def verify_inclusion(leaf: bytes, index: int, size: int, path: Sequence[bytes],
                     expected_root: bytes) -> bool:
    """RFC 9162 2.1.3.2: whether ``path`` leads from ``leaf`` at ``index`` to the root of
    a tree of ``size`` leaves."""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == expected_root


def verify_consistency(old: int, new: int, old_root: bytes, new_root: bytes,
                       path: Sequence[bytes]) -> bool:
    """RFC 9162 2.1.4.2: whether ``path`` proves the tree of ``new`` leaves extends the
    tree of ``old`` leaves. The empty tree is consistent with every tree."""
    if old == 0:
        return not path and new >= 0 and old_root == EMPTY_ROOT
    if not 0 < old <= new:
        return False
    if old == new:
        return not path and old_root == new_root
    if not path:
        return False
    proof = list(path)
    if old & (old - 1) == 0:  # a power of two: the old root is a node of the new tree
        proof.insert(0, old_root)
    fn, sn = old - 1, new - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == old_root and sr == new_root
