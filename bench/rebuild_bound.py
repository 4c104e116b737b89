"""The least work of a full rebuild of every timeline, done set-at-a-time by DuckDB, with
the CPU time it takes (every thread of the process), beside the window floor's query.

It starts where the floor starts, from the typed shipments in ``events_flat``, and does
only part of what SPEC §5 asks, each part as one DuckDB query, the fastest way at hand:

1. method: in one query, for every flow:
   - the shipments that nothing takes out (any retraction target or corrected id, with no
     precedence between them);
   - each claim's canonical unit, and a factor by one as-of join on the generic
     conversions (no item-specific ones);
   - the claim's low and high in the canonical unit;
   - reduced to one row per flow and date (the highest low of its cumulative claims and
     of its increments, the last claim's high), in flow and date order, handed to the
     process as Arrow. The walk needs that order, and it must run in the process: an
     increment adds to the state emitted before its period starts, so no window function
     can do it.
2. store: the rows (one per date, as many as the walk emits) inserted into a table shaped
   like ``timeline_state`` in a fresh file, then COMMIT.

Left out, and each can only add time: item-specific conversions, exclusion reasons, the
walk itself (even compiled, it reads every row once), writing the exclusions, and pledge
status. The CPU time over the cores is a lower bound on the wall time of a rebuild done
this way (``bound_s``), and ``floor_query_s`` is the floor's own query, timed the same way
in the same process.

The same least work again, from where a full rebuild starts, the log's JSON bodies
(``from_log``): DuckDB parses only the fields the method reads, of the shipments and of the
takers, into temporary tables (its fastest plan here: the same parse inlined into the method
query took two to three times longer, and polars' JSON decoder took 4 CPU-s for the
shipments alone), then runs the same query and the same store. It leaves out the same
parts, and also the typed table the SQL views read, so it too can only be lower than the
work of a full rebuild.

    python bench/rebuild_bound.py log.duckdb   # a log with its projections caught up
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

import duckdb  # noqa: E402
import pyarrow as pa  # noqa: E402
from ingest_bound import _timed, bound, timed_store  # noqa: E402
from run import WINDOW_FLOOR  # noqa: E402

from supplyline.events import Catalogue  # noqa: E402
from supplyline.projections.frames import _first_day, _last_day  # noqa: E402

METHOD = """
WITH outs AS (
    SELECT target AS event_id FROM events_side WHERE type = 'retraction'
    UNION ALL SELECT supersedes FROM events_side WHERE supersedes IS NOT NULL),
convs AS (
    SELECT from_unit, to_unit, coalesce(start_date, DATE '0001-01-01') AS valid_from,
           coalesce(factor_low, factor) AS f_low, coalesce(factor_high, factor) AS f_high
    FROM events_side WHERE type = 'conversion' AND item IS NULL),
claims AS (
    SELECT e.supplier, e.recipient, e.item, e.end_date, e.measure = 'increment' AS inc,
           e.position, e.unit, c.canon,
           CASE WHEN e.quantity_low IS NULL AND e.quantity_high IS NULL THEN e.quantity
                ELSE e.quantity_low END AS low,
           CASE WHEN e.quantity_low IS NULL AND e.quantity_high IS NULL THEN e.quantity
                ELSE e.quantity_high END AS high
    FROM events_flat e JOIN canon c USING (item) ANTI JOIN outs o USING (event_id)
    WHERE e.type = 'shipment'),
converted AS (
    SELECT s.*, CASE WHEN s.unit = s.canon THEN s.low ELSE s.low * v.f_low END AS c_low,
           CASE WHEN s.unit = s.canon THEN s.high ELSE s.high * v.f_high END AS c_high
    FROM claims s ASOF LEFT JOIN convs v
      ON s.unit = v.from_unit AND s.canon = v.to_unit AND s.end_date >= v.valid_from)
SELECT supplier, recipient, item, any_value(canon) AS unit, end_date AS date,
       max(c_low) FILTER (WHERE NOT inc) AS cum_low, max(c_low) FILTER (WHERE inc) AS inc_low,
       arg_max(c_high, (inc, position)) AS high
FROM converted GROUP BY supplier, recipient, item, end_date ORDER BY ALL
"""


# From the log: each body parsed once (json_transform), only the fields METHOD reads, dates
# from partial dates as the typed table makes them (projections.frames).
_CLAIM = json.dumps({**dict.fromkeys(["supplier", "recipient", "item", "measure", "unit",
                                      "period_end"], "VARCHAR"),
                     **dict.fromkeys(["quantity", "quantity_low", "quantity_high"], "DOUBLE")})
_TAKER = json.dumps({**dict.fromkeys(["target", "supersedes", "from_unit", "to_unit", "item",
                                      "period_start"], "VARCHAR"),
                     **dict.fromkeys(["factor", "factor_low", "factor_high"], "DOUBLE")})
PARSE_CLAIMS = (
    "CREATE TEMP TABLE claims_typed AS SELECT position, event_id, type, s.supplier, "
    "s.recipient, s.item, s.measure, s.unit, s.quantity, s.quantity_low, s.quantity_high, "
    f"{_last_day('s.period_end')} AS end_date FROM (SELECT position, event_id, type, "
    f"json_transform(body, '{_CLAIM}') AS s FROM log WHERE type = 'shipment')")
PARSE_TAKERS = (
    "CREATE TEMP TABLE takers_typed AS SELECT type, s.target, s.supersedes, s.from_unit, "
    "s.to_unit, s.item, s.factor, s.factor_low, s.factor_high, "
    f"{_first_day('s.period_start')} AS start_date FROM (SELECT type, "
    f"json_transform(body, '{_TAKER}') AS s FROM log WHERE type IN ('conversion', "
    """'retraction') OR contains(body, '"supersedes":'))""")


def run(log_path: Path) -> dict[str, Any]:
    con = duckdb.connect(str(log_path), read_only=True)
    con.execute("SET enable_progress_bar = false")
    items = Catalogue.builtin().items
    canon = pa.table({"item": list(items), "canon": [i.unit for i in items.values()]})
    con.register("canon", canon)
    floor, _ = _timed(lambda: con.execute(WINDOW_FLOOR))
    parts: dict[str, dict[str, float]] = {}
    parts["method"], dates = _timed(lambda: con.sql(METHOD).arrow().read_all())
    from_log: dict[str, dict[str, float]] = {}
    from_log["parse"], _ = _timed(lambda: (con.execute(PARSE_CLAIMS),
                                           con.execute(PARSE_TAKERS)))
    method = METHOD.replace("events_flat", "claims_typed").replace("events_side",
                                                                    "takers_typed")
    from_log["method"], again = _timed(lambda: con.sql(method).arrow().read_all())
    con.close()
    if again != dates:  # the same states, whichever table they came from
        raise RuntimeError("parsing the log's JSON gave other states than events_flat")
    parts["store"] = from_log["store"] = _store(dates)
    return {"dates": dates.num_rows, **bound(parts), "floor_query_s": floor["wall_s"],
            "from_log": bound(from_log)}


def _store(dates: pa.Table) -> dict[str, float]:
    states = dates.select(["supplier", "recipient", "item", "unit", "date", "cum_low",
                           "inc_low", "high"])
    return timed_store(
        "CREATE TABLE timeline_state (supplier VARCHAR, recipient VARCHAR, item VARCHAR, "
        "unit VARCHAR, date DATE, raw_low DOUBLE, raw_central DOUBLE, raw_high DOUBLE)",
        "timeline_state", states)


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("log", type=Path)
    a = p.parse_args()
    print(json.dumps(run(a.log), indent=2))
