"""Trust measures on a bench log: signed checkpoints, one inclusion proof, verify.

``checkpoints``: a checkpoint with no stored tree (every event hashed), then one after
1,000 appends (the tree stored up to 1,000 events before the head, as a previous
checkpoint leaves it), then inclusion proofs of random events from a tree kept between
requests, as the service keeps it. ``verify``: plain verify as it is now and the check it
replaced (every row walked and hashed in Python), and verify --projections.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

from supplyline.events import EventLog
from supplyline.events.tree import MerkleTree
from supplyline.trust.checkpoint import make
from supplyline.trust.keys import generate
from supplyline.trust.proofs import inclusion


def checkpoints(db: Path, proofs: int = 200) -> dict[str, Any]:
    signer = generate("bench.example/log")
    with EventLog(db) as log:
        con = log.con
        head = log.head().position
        con.execute("DROP TABLE IF EXISTS merkle_nodes")
        t = time.perf_counter()
        make(con, head, signer, writable=True)
        scratch = time.perf_counter() - t
        con.execute("DROP TABLE IF EXISTS merkle_nodes")
        make(con, max(head - 1000, 0), signer, writable=True)
        t = time.perf_counter()
        make(con, head, signer, writable=True)
        after = time.perf_counter() - t
        tree = MerkleTree(con, writable=True, keep=True)  # as the service keeps it
        ids = [r[0] for r in con.execute(
            f"SELECT event_id FROM log USING SAMPLE reservoir({proofs} ROWS) REPEATABLE (7)"
        ).fetchall()]
        times, lengths = [], []
        for eid in ids:
            t = time.perf_counter()
            proof = inclusion(con, eid, head, tree=tree)
            times.append(time.perf_counter() - t)
            lengths.append(len(proof["proof"]))
    return {"events": head, "scratch_s": scratch, "after_1000_s": after,
            "proof_median_ms": 1000 * statistics.median(times),
            "proof_p90_ms": 1000 * sorted(times)[int(0.9 * len(times))],
            "proof_hashes_max": max(lengths),
            "hashes_at_10m": (10_000_000 - 1).bit_length()}


def verify(db: Path, which: str) -> dict[str, Any]:
    """``which``: ``plain`` (verify now), ``walk`` (the Python walk it replaced: every
    row fetched, hashed and parsed in Python, as ``verify`` did before), ``projections``."""
    from supplyline.events.integrity import VerifyResult, _walk
    from supplyline.trust import verify_all

    with EventLog(db, read_only=True) as log:
        t = time.perf_counter()
        if which == "walk":
            result = _walk(log.con, VerifyResult(True, 0, "", None))
        else:
            result = verify_all(log, projections=which == "projections")
        seconds = time.perf_counter() - t
    assert result.ok, result.problem
    return {"verify_s": seconds, "checked": list(result.checked)}


def main() -> None:
    """Only the trust rows, on an existing bench log (copied first: a checkpoint stores the
    tree in the file): ``python bench/trust_measures.py LOG [--repeat 3]``."""
    import argparse
    import json
    import shutil
    import tempfile

    from run import interleaved, measure, trust_rows

    p = argparse.ArgumentParser(description=main.__doc__)
    p.add_argument("log", type=Path)
    p.add_argument("--repeat", type=int, default=3)
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "log.duckdb"
        shutil.copy(a.log, db)
        r: dict[str, Any] = {"checkpoints": measure(f"""
from trust_measures import checkpoints
extra = checkpoints(Path({str(db)!r}))
""", repeat=a.repeat)}
        r.update(interleaved({name: f"""
from trust_measures import verify
extra = verify(Path({str(db)!r}), {which!r})
""" for name, which in (("verify", "plain"), ("verify_walk", "walk"))}, a.repeat))
        r["verify_projections"] = measure(f"""
from trust_measures import verify
extra = verify(Path({str(db)!r}), "projections")
""")
    for row in trust_rows(r):
        print(f"{row[0]:<68}  {row[1]:<28}  {row[2]:<10}  {'yes' if row[3] else 'NO'}")
    print(json.dumps(r))


if __name__ == "__main__":
    main()
