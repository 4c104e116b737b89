"""The least work any ingest of a file into a log like supplyline's must do, each part done
by the fastest tool at hand, with the CPU time it takes (every thread of the process):

1. read: DuckDB's own CSV reader turns the file into Arrow columns (all text, as the
   ingest floor reads it);
2. serialise: DuckDB writes every row as a JSON object, keys sorted and empty cells left
   out, as the canonical form has them (values stay text). The hash covers a canonical
   serialisation, so every event must be serialised;
3. check: DuckDB counts the cells that break the simplest of SPEC §2's rules, each cell
   on its own (ids well formed and unique, known types, full and partial dates, numbers
   >= 0 or > 0 and in order, Admiralty codes, a quantity where one is required, party,
   item and unit codes the catalogue knows); see ``check_sql``. Far less than the ingest
   checks (no names or aliases, references, documents, or rules by type), but an ingest
   that checks nothing is not one the issue allows;
4. chain: SHA-256 of each stored body after the previous hash, with ``hashlib``. Sequential
   by definition;
5. store: INSERT of the finished rows (position, id, type, date, stamp, version, body,
   hashes) into the log's own table in a fresh file, with its keys, then COMMIT.

However an ingest overlaps these parts, the machine's cores
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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import pyarrow as pa  # noqa: E402

from supplyline.events import Catalogue, EventLog  # noqa: E402
from supplyline.events.canonical import chain_hashes  # noqa: E402
from supplyline.events.fields import EVENT_ID_PATTERN, EVENT_TYPES  # noqa: E402
from supplyline.events.log import SCHEMA  # noqa: E402
from supplyline.ingest.cells import DATE_FIELDS, NUMBER_FIELDS  # noqa: E402


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
        known = known_codes(EventLog.view(src, log_path).catalogue())
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
    parts["check"], broken = _timed(lambda: checks(con, "cells", cells.column_names, known))
    if any(broken.values()):
        raise AssertionError(f"the check found problems in a valid file: {broken}")
    parts["chain"], _ = _timed(lambda: chain_hashes(
        "0" * 64, 1, "2026-01-01T00:00:00.000000Z", 2, bodies))
    con.close()
    parts["store"] = timed_store(SCHEMA, "log", finished)
    return {"events": finished.num_rows, **bound(parts)}


_PARTIAL = r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"


def _number(name: str) -> str:
    return f'TRY_CAST("{name}" AS DOUBLE)'


def _sql_list(values: Sequence[str]) -> str:
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + ")"


def known_codes(cat: Catalogue) -> dict[str, tuple[str, ...]]:
    """The codes the catalogue knows, per field that names a party, an item or a unit
    (codes only: resolving names and aliases is more work)."""
    parties, units = tuple(sorted(cat.party_names)), tuple(sorted(set(cat.unit_aliases.values())))
    return {"supplier": parties, "recipient": parties, "item": tuple(sorted(cat.items)),
            "unit": units, "from_unit": units, "to_unit": units}


def check_sql(table: str, columns: Sequence[str],
              known: dict[str, tuple[str, ...]] | None = None) -> str:
    """One query counting, per rule, the rows of ``table`` (all text, empty cells null)
    that break it; only rules whose columns are present. ``known``: the values allowed in
    a field (``known_codes``)."""
    have = set(columns)
    rules = {
        "event_id": f"event_id IS NOT NULL AND NOT regexp_full_match(event_id, "
                    f"'{EVENT_ID_PATTERN}')",
        "type": f"type IS NULL OR type NOT IN {_sql_list(EVENT_TYPES)}",
        "reported_on": "NOT regexp_full_match(coalesce(reported_on, ''), "
                       "'\\d{4}-\\d{2}-\\d{2}') OR TRY_CAST(reported_on AS DATE) IS NULL",
        "source": "source IS NULL OR length(trim(source)) NOT BETWEEN 1 AND 200",
        "reliability": "reliability NOT IN ('A', 'B', 'C', 'D', 'E', 'F')",
        "credibility": "credibility IS NOT NULL AND coalesce(TRY_CAST(credibility AS "
                       "INTEGER) NOT BETWEEN 1 AND 6, true)",
        **{n: f'"{n}" IS NOT NULL AND coalesce(NOT isfinite({_number(n)}) '
              f'OR NOT ({_number(n)} {"> 0" if positive else ">= 0"}), true)'
           for n, positive in NUMBER_FIELDS.items()},
        **{n: f'"{n}" IS NOT NULL AND NOT regexp_full_match("{n}", \'{_PARTIAL}\')'
           for n in DATE_FIELDS},
        "quantity_order": f"{_number('quantity_low')} > {_number('quantity_high')} "
                          f"OR {_number('quantity_low')} > {_number('quantity')} "
                          f"OR {_number('quantity')} > {_number('quantity_high')}",
        **{n: f'"{n}" IS NOT NULL AND "{n}" NOT IN {_sql_list(codes)}'
           for n, codes in (known or {}).items()},
        "quantity_required": "type IN ('pledge', 'shipment', 'estimate') AND quantity IS NULL "
                             "AND quantity_low IS NULL AND quantity_high IS NULL",
    }
    needs = {"quantity_order": ("quantity", "quantity_low", "quantity_high"),
             "quantity_required": ("type", "quantity", "quantity_low", "quantity_high")}
    counts = [f"count(*) FILTER (WHERE {sql}) AS {name}" for name, sql in rules.items()
              if set(needs.get(name, (name,))) <= have]
    if "event_id" in have:
        counts.append("count(event_id) - count(DISTINCT event_id) AS event_id_repeated")
    return f"SELECT {', '.join(counts)} FROM {table}"


def checks(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str],
           known: dict[str, tuple[str, ...]] | None = None) -> dict[str, int]:
    """The broken rows of ``table`` per rule (see ``check_sql``)."""
    rel = con.sql(check_sql(table, columns, known))
    return dict(zip(rel.columns, rel.fetchall()[0], strict=True))


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
