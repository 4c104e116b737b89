"""The least work any ingest of a file into a log like supplyline's must do, each part done
by the fastest tool at hand, with the CPU time it takes (every thread of the process):

1. read: DuckDB's own CSV reader turns the file into Arrow columns (all text, as the
   ingest floor reads it);
2. serialise: DuckDB writes every row as a JSON object, keys sorted and empty cells left
   out, as the canonical form has them (values stay text). The hash covers a canonical
   serialisation, so every event must be serialised;
3. chain: SHA-256 of each stored body after the previous hash, with ``hashlib``. Sequential
   by definition;
4. store: INSERT of the finished rows (position, id, type, date, stamp, version, body,
   hashes) into the log's own table in a fresh file, with its keys, then COMMIT.

There is no validation at all. However an ingest overlaps these parts, the machine's cores
can do at most ``cores`` CPU-seconds per second, so their CPU time divided by the cores is
a lower bound on its wall time (``bound_s``).

    python bench/ingest_bound.py events.csv log.duckdb   # the log: the file, ingested
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import pyarrow as pa  # noqa: E402

from events.canonical import chain_hashes  # noqa: E402
from events.log import SCHEMA  # noqa: E402


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _timed(step: Callable[[], Any]) -> tuple[dict[str, float], Any]:
    wall, cpu = time.perf_counter(), _cpu()
    out = step()
    return {"wall_s": time.perf_counter() - wall, "cpu_s": _cpu() - cpu}, out


def run(csv_path: Path, log_path: Path) -> dict[str, Any]:
    with duckdb.connect(str(log_path), read_only=True) as src:  # untimed: the inputs
        finished = src.sql("SELECT * FROM log ORDER BY position").arrow().read_all()
    bodies = finished.column("body").cast(pa.binary()).to_pylist()  # as the log hashes them
    parts: dict[str, dict[str, float]] = {}
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    parts["read"], cells = _timed(lambda: con.sql(
        f"SELECT * FROM read_csv('{csv_path}', all_varchar = true)").arrow().read_all())
    con.register("cells", cells)
    members = ", ".join(f"'{json.dumps(name)}:' || to_json(\"{name}\")"  # null: left out
                        for name in sorted(cells.column_names))
    parts["serialise"], _ = _timed(lambda: con.sql(
        f"SELECT '{{' || concat_ws(',', {members}) || '}}' FROM cells").arrow().read_all())
    parts["chain"], _ = _timed(lambda: chain_hashes(
        "0" * 64, 1, "2026-01-01T00:00:00.000000Z", 2, bodies))
    con.close()
    parts["store"] = timed_store(SCHEMA, "log", finished)
    return {"events": finished.num_rows, **bound(parts)}


def timed_store(ddl: str, table: str, rows: pa.Table) -> dict[str, float]:
    """Wall and CPU time of inserting ``rows`` into ``table`` (made by ``ddl``) in a
    fresh file, and committing them."""
    with tempfile.TemporaryDirectory() as tmp:
        store = duckdb.connect(str(Path(tmp) / "bound.duckdb"))
        store.execute("SET enable_progress_bar = false")
        store.execute(ddl)
        store.register("_rows", rows)

        def insert() -> None:
            store.begin()
            store.execute(f"INSERT INTO {table} SELECT * FROM _rows")
            store.commit()

        timing, _ = _timed(insert)
        store.close()
    return timing


def bound(parts: dict[str, dict[str, float]]) -> dict[str, Any]:
    """The parts with their CPU time over the cores: a lower bound on wall time."""
    cores = os.cpu_count() or 1
    cpu = sum(p["cpu_s"] for p in parts.values())
    return {"parts": parts, "cpu_s": cpu, "cores": cores, "bound_s": cpu / cores}


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("csv", type=Path)
    p.add_argument("log", type=Path)
    a = p.parse_args()
    print(json.dumps(run(a.csv, a.log), indent=2))
