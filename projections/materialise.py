"""Materialised projections inside the log file, for SQL users (``events``, ``timeline``,
``pledge_status``). Each records the log position it was built from and catches up from
there after appends; a full rebuild gives identical rows.

Here: the tables and views, and ``catch_up``, which brings the typed tables
(``events_flat``, ``events_side``) up to the head and then the timelines
(``catchup_timeline``) and pledge status (``catchup_pledges``).

``timeline_state`` holds the states the walk emitted (before the envelope and clipping),
so a flow can be resumed from the earliest date new events touch instead of being walked
again from its first claim; the ``timeline`` view applies the envelope and clip in SQL.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

import duckdb

from supplyline.events import Catalogue
from supplyline.events.connection import memory_limit, transaction

from .catchup_pledges import catch_up_pledges
from .catchup_reads import Reads
from .catchup_timeline import catch_up_timeline
from .frames import FLAT_FROM_LOG, SIDE
from .state import LAYOUT, head_position, layout_current, read_state, set_state

EVENTS_VIEW_COLUMNS = ["event_id", "type", "reported_on", "source", "via", "url", "document",
                       "quote", "reliability", "credibility", "supersedes", "notes", "quantity",
                       "quantity_low", "quantity_high", "supplier", "recipient", "item", "unit",
                       "measure", "period_start", "period_end", "due_by", "metric", "subject",
                       "per", "title", "participants", "location", "from_unit", "to_unit",
                       "factor", "factor_low", "factor_high", "target", "reason", "position",
                       "recorded_at", "hash", "prev_hash"]

DDL = f"""
CREATE TABLE IF NOT EXISTS projection_state (
    name     VARCHAR PRIMARY KEY,
    position BIGINT NOT NULL,
    as_of    DATE,
    method   INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS events_flat AS SELECT * FROM {FLAT_FROM_LOG} WHERE false;
CREATE TABLE IF NOT EXISTS events_side AS SELECT * FROM events_flat WHERE false;
CREATE TABLE IF NOT EXISTS timeline_state (
    supplier VARCHAR, recipient VARCHAR, item VARCHAR, unit VARCHAR, date DATE,
    raw_low DOUBLE, raw_central DOUBLE, raw_high DOUBLE,
    raw_low_from VARCHAR, raw_central_from VARCHAR, raw_high_from VARCHAR
);
CREATE TABLE IF NOT EXISTS timeline_excluded (
    supplier VARCHAR, recipient VARCHAR, item VARCHAR, date DATE, event_id VARCHAR,
    reason VARCHAR
);
CREATE TABLE IF NOT EXISTS pledge_status (
    event_id VARCHAR, supplier VARCHAR, recipient VARCHAR, item VARCHAR, unit VARCHAR,
    pledged DOUBLE, due_by VARCHAR, baseline_central DOUBLE, delivered_low DOUBLE,
    delivered_central DOUBLE, delivered_high DOUBLE, fulfilment DOUBLE, status VARCHAR,
    projected_completion DATE, evidence_date DATE, as_of DATE
);
CREATE OR REPLACE VIEW timeline AS
SELECT supplier, recipient, item, unit, date, low, central, high, conflict,
       raw_low_from AS low_from,
       CASE WHEN raw_central IS NULL THEN NULL
            WHEN high IS NOT NULL AND greatest(raw_central, low) > high THEN high_from
            WHEN low IS NOT NULL AND raw_central < low THEN raw_low_from
            ELSE raw_central_from END AS central_from,
       high_from
FROM (SELECT *, raw_low AS low, least(greatest(raw_central, raw_low), high) AS central,
             coalesce(raw_low > high, false) AS conflict
      FROM (SELECT *,
                   min(raw_high) OVER later AS high,
                   arg_min(raw_high_from, (raw_high, date)) FILTER (WHERE raw_high IS NOT NULL)
                       OVER later AS high_from
            FROM timeline_state
            WINDOW later AS (PARTITION BY supplier, recipient, item ORDER BY date DESC
                             ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)));
CREATE OR REPLACE VIEW events AS SELECT {", ".join(EVENTS_VIEW_COLUMNS)} FROM events_flat;
"""


@dataclass(frozen=True)
class CatchUp:
    head: int
    flat_added: int
    flows_rebuilt: int
    full: bool
    seconds: dict[str, float] = field(default_factory=dict)  # per projection, for benchmarks
    pledge_flows: int | None = None  # flows whose pledge status was recomputed (None: all)
    pledge_rows: int = 0  # pledge_status rows written


def _migrate(con: duckdb.DuckDBPyConnection) -> bool:
    """Drop materialised tables of an older layout (they are rebuilt from the log).
    True: the tables are of the current layout already."""
    if layout_current(con):
        return True
    kinds = dict(con.execute("SELECT table_name, table_type FROM information_schema.tables "
                             "WHERE table_schema = 'main'").fetchall())
    if kinds.get("timeline") == "BASE TABLE":
        con.execute("DROP TABLE timeline")
    for table in ("timeline_excluded", "timeline_state", "pledge_status", "projection_state"):
        if table in kinds and kinds[table] == "BASE TABLE":
            con.execute(f"DROP TABLE {table}")
    return False


def catch_up(con: duckdb.DuckDBPyConnection, catalogue: Catalogue, today: dt.date,
             *, full: bool = False) -> CatchUp:
    """Bring every materialised projection up to the log head.

    One transaction per projection (the typed table: one per step of ``FLAT_STEP``
    positions), each recording the position it reached with its rows, and a checkpoint
    after each that wrote a row group or more (see ``_settle``): every projection reads its
    input through Arrow.
    """
    with memory_limit(con, CATCH_UP_MEMORY):
        return _catch_up(con, catalogue, today, full)


def _catch_up(con: duckdb.DuckDBPyConnection, catalogue: Catalogue, today: dt.date,
              full: bool) -> CatchUp:
    head = head_position(con)
    clock = [time.perf_counter()]

    def lap() -> float:
        clock.append(time.perf_counter())
        return clock[-1] - clock[-2]

    flat_added = _catch_up_flat(con, full)  # its own transactions, in steps
    _settle(con, flat_added)
    with transaction(con):
        side_added = _catch_up_side(con)
    _settle(con, side_added)
    seconds = {"events": lap()}
    reads = Reads(con)
    with transaction(con):
        full_walk, flows, written = catch_up_timeline(reads, catalogue, full, head)
    _settle(con, written)
    seconds["timeline"] = lap()
    with transaction(con):
        pledge_flows, written = catch_up_pledges(reads, catalogue, today, full, head)
    _settle(con, written)  # for Arrow readers later in this process (the service)
    seconds["pledge_status"] = lap()
    return CatchUp(head, flat_added, flows, full_walk, seconds, pledge_flows, written)


def _settle(con: duckdb.DuckDBPyConnection, written: int) -> None:
    """Checkpoint after a step that wrote a row group or more. DuckDB writes an insert that
    large to the file directly, and DuckDB 2.0's Arrow export (``.pl()``) in this process
    missed such rows until a checkpoint; a smaller insert is seen at once, and the
    checkpoint would slow a small catch-up."""
    if written >= ROW_GROUP:
        con.execute("CHECKPOINT")


# Large logs are typed and walked in parts, so memory stays bounded: the typed table in
# steps of log positions (each its own transaction, recording how far it got), the timelines
# in batches of flows (``catchup_timeline.WALK_BATCH``). Steps end on multiples of
# FLAT_STEP, a whole number of DuckDB row groups (122,880 rows; positions are gapless): a
# step that ends inside a row group leaves it partly filled, and the next checkpoint
# rewrites the following insert (docs/performance.md).
ROW_GROUP = 122_880
FLAT_STEP = 4 * ROW_GROUP
# DuckDB keeps pages it has read cached up to its memory limit (80% of RAM by default),
# which on a large log takes a rebuild's memory past the target. Catch-up lowers it while it
# runs.
CATCH_UP_MEMORY = "2GB"


def _catch_up_flat(con: duckdb.DuckDBPyConnection, full: bool) -> int:
    with transaction(con):
        start = _prepare_flat(con, full)
    head = head_position(con)
    done = start
    while done < head:
        upto = min((done // FLAT_STEP + 1) * FLAT_STEP, head)
        with transaction(con):
            # no ORDER BY: the log is stored in position order, and a scan, a filter and an
            # insert keep the order rows come in (DuckDB's documented order preservation);
            # sorting a million wide rows would cost more than typing them
            con.execute(f"INSERT INTO events_flat SELECT * FROM {FLAT_FROM_LOG} WHERE "
                        "position > ? AND position <= ?", [done, upto])
            set_state(con, "events_flat", upto)
        done = upto
    added: int = head - start
    return added


def _prepare_flat(con: duckdb.DuckDBPyConnection, full: bool) -> int:
    """Create or migrate the materialised tables, emptying the typed ones for a full
    rebuild; returns the position the typed table holds."""
    if not _migrate(con):
        con.execute(DDL)
        set_state(con, "layout", 0, None, LAYOUT)
    flat = read_state(con, "events_flat", exists=True)
    if full or flat is None or flat[0] == 0:
        con.execute("CREATE OR REPLACE TABLE events_flat AS SELECT * FROM "
                    f"{FLAT_FROM_LOG} WHERE false")
        con.execute("CREATE OR REPLACE TABLE events_side AS SELECT * FROM events_flat "
                    "WHERE false")
        set_state(con, "events_flat", 0)
        set_state(con, "events_side", 0)
        return 0
    return int(flat[0])


def _catch_up_side(con: duckdb.DuckDBPyConnection) -> int:
    """Copy the typed events after the position ``events_side`` reached that belong there;
    returns how many. One pass after the typed table's steps (and their checkpoint, when
    large): the same copy inside each step makes DuckDB read back each step's freshly
    written rows."""
    side = read_state(con, "events_side", exists=True)
    flat = read_state(con, "events_flat", exists=True)
    start, head = (side[0] if side else 0), (flat[0] if flat else 0)
    if start >= head:
        return 0
    added = con.execute(f"INSERT INTO events_side SELECT * FROM events_flat WHERE position > ? "
                        f"AND position <= ? AND ({SIDE})", [start, head]).fetchall()[0][0]
    set_state(con, "events_side", head)
    return int(added)
