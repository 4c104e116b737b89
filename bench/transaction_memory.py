"""Why a 10M-event ingest cannot stay within 4 GiB as one DuckDB transaction.

Inserts N log-shaped rows (a 380-byte body, id, hash) into a fresh DuckDB file in chunks,
either all inside one transaction (what an all-or-nothing ingest needs) or each chunk
committed on its own, and prints the peak RSS of each. Run each variant in its own process:

    python bench/transaction_memory.py one-transaction 3000000
    python bench/transaction_memory.py one-transaction-1gb-limit 3000000
    python bench/transaction_memory.py chunks-committed 3000000
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pyarrow as pa


def main(variant: str, n: int, chunk: int = 100_000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        con = duckdb.connect(str(Path(tmp) / "t.duckdb"))
        con.execute("CREATE TABLE log (position BIGINT PRIMARY KEY, event_id VARCHAR UNIQUE, "
                    "body VARCHAR, hash VARCHAR)")
        if variant.endswith("1gb-limit"):
            con.execute("SET memory_limit = '1GB'")
        one = variant.startswith("one-transaction")
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
            con.register("rows", rows)
            con.execute("INSERT INTO log SELECT * FROM rows")
            con.unregister("rows")
        if one:
            con.commit()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(f"{variant}: {n:,} rows, peak RSS {peak:,} MB, "
              f"{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
