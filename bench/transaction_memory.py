"""What a one-transaction (all-or-nothing) ingest keeps in memory, and why.

Inserts N log-shaped rows (a 380-byte body, id, hash) into a fresh DuckDB file in pieces
of 100,000 rows built as Arrow tables, all inside one transaction, and prints the peak RSS
and what pyarrow still holds before the commit. Run each variant in its own process:

    python bench/transaction_memory.py registered 3000000
    python bench/transaction_memory.py relation 3000000
    python bench/transaction_memory.py relation-1gb-limit 3000000
    python bench/transaction_memory.py committed 3000000

- ``registered``: each piece registered as a view, inserted, unregistered. DuckDB keeps a
  dropped view, and the Arrow data behind it, until the transaction ends: every piece
  stays in memory.
- ``relation``: each piece inserted through a relation (``con.from_arrow(t).query``), as
  ``events.connection.over`` does; pyarrow holds nothing before the commit.
- ``relation-1gb-limit``: the same with ``SET memory_limit = '1GB'`` (what ``ingest``
  sets): DuckDB spills the transaction's rows to disk instead of holding them.
- ``committed``: each piece its own transaction, for comparison (not all-or-nothing).

Measured at 3M rows (peak RSS; Arrow data held before the commit): registered 2,417 MB
(1,398 MB); relation 968 MB (0); relation-1gb-limit 782 MB (0); committed 741 MB (0).
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pyarrow as pa

VARIANTS = ("registered", "relation", "relation-1gb-limit", "committed")


def main(variant: str, n: int, chunk: int = 100_000) -> None:
    if variant not in VARIANTS:
        raise SystemExit(f"variant: one of {', '.join(VARIANTS)}")
    with tempfile.TemporaryDirectory() as tmp:
        con = duckdb.connect(str(Path(tmp) / "t.duckdb"))
        con.execute("CREATE TABLE log (position BIGINT PRIMARY KEY, event_id VARCHAR UNIQUE, "
                    "body VARCHAR, hash VARCHAR)")
        if variant.endswith("1gb-limit"):
            con.execute("SET memory_limit = '1GB'")
        one = variant != "committed"
        if one:
            con.begin()
        started = time.perf_counter()
        for start in range(0, n, chunk):
            m = min(chunk, n - start)
            rows = pa.table({
                "position": list(range(start + 1, start + m + 1)),
                "event_id": [f"event-{i:012d}" for i in range(start, start + m)],
                "body": ["x" * 380 + str(i) for i in range(start, start + m)],
                "hash": [f"{i:064x}" for i in range(start, start + m)]})
            if variant == "registered":
                con.register("rows", rows)
                con.execute("INSERT INTO log SELECT * FROM rows")
                con.unregister("rows")
            else:
                con.from_arrow(rows).query("rows", "INSERT INTO log SELECT * FROM rows")
            del rows
        held = pa.total_allocated_bytes() // 2**20
        if one:
            con.commit()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(f"{variant}: {n:,} rows, peak RSS {peak:,} MB, Arrow data held before the "
              f"commit {held:,} MB, {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
