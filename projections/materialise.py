"""Materialised projections inside the log file, for SQL users (``events``, ``timeline``,
``pledge_status``). Each records the log position it was built from and catches up from
there after appends; a full rebuild gives identical rows.

``timeline_state`` holds the states the walk emitted (before the envelope and clipping),
so a flow can be resumed from the earliest date new events touch instead of being walked
again from its first claim; the ``timeline`` view applies the envelope and clip in SQL.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import duckdb
import polars as pl

from events import Catalogue
from events.connection import memory_limit, over, registered, transaction

from .frames import FLAT_FROM_LOG, SIDE, TAKERS, out_events
from .pledges import PLEDGE_EVENT_COLUMNS, pledge_status
from .state import (
    LAYOUT,
    METHOD_VERSION,
    head_position,
    layout_current,
    read_state,
    set_state,
)
from .timeline import (
    FLOW_KEYS,
    MODIFIER_COLUMNS,
    WALK_COLUMNS,
    Factors,
    State,
    canonical_unit,
    conversions_of,
    finish,
    flow_frame,
    modifiers_of,
    timeline_frames,
)

Flow = tuple[str, str, str]

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
    reads = _Reads(con)
    with transaction(con):
        full_walk, flows, written = _catch_up_timeline(reads, catalogue, full, head)
    _settle(con, written)
    seconds["timeline"] = lap()
    with transaction(con):
        pledge_flows, written = _catch_up_pledges(reads, catalogue, today, full, head)
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
# in batches of flows of about this many claims. Steps end on multiples of FLAT_STEP, a
# whole number of DuckDB row groups (122,880 rows; positions are gapless): a step that ends
# inside a row group leaves it partly filled, and the next checkpoint rewrites the following
# insert (docs/performance.md).
ROW_GROUP = 122_880
FLAT_STEP = 4 * ROW_GROUP
WALK_BATCH = 1_000_000
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


class _Reads:
    """What both projections read from the typed tables during one catch-up, read once:
    the events after a position (and those they retract or supersede), and every event
    that can take another out or convert a claim (from ``events_side``). The timeline step
    also leaves here what the pledge step may skip (``steady``)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self._touched: dict[int, pl.DataFrame] = {}
        self._takers: pl.DataFrame | None = None
        self._out: tuple[dict[str, tuple[str, str]], Any] | None = None
        self._convs: list[Factors] | None = None  # for modifiers_for
        # set by a resume from position ``steady_since``: flows whose finished timeline rows
        # before their resume date kept their values, each with that date
        self.steady: dict[Flow, dt.date] = {}
        self.steady_since: int | None = None

    def touched(self, since: int) -> pl.DataFrame:
        if since not in self._touched:
            self._touched[since] = _touched(self.con, since)
        return self._touched[since]

    def takers(self) -> pl.DataFrame:
        """Conversions, retractions and corrections (of any type), in no set order (what
        needs log order sorts what it keeps)."""
        if self._takers is None:
            # only what ``modifiers_of`` reads of them
            cols = ", ".join(MODIFIER_COLUMNS)
            self._takers = self.con.sql(f"SELECT {cols} FROM events_side WHERE {TAKERS}").pl()
        return self._takers

    def out_and_conversions(self) -> tuple[dict[str, tuple[str, str]], Any]:
        """What can take a claim out or convert it, from the whole log."""
        if self._out is None:
            self._out = modifiers_of(self.takers().sort("position"))
        return self._out

    def modifiers_for(self, ids: pl.Series) -> tuple[dict[str, tuple[str, str]], Any]:
        """``out_and_conversions`` for the events ``ids`` only: what takes one of them out,
        and the conversions. The same answer for those ids, from fewer rows: only the
        takers that retract or supersede one of them, in log order (so ``out_events``
        applies the same precedence). A catch-up that walks a thousand claims again looks
        at a thousand takers, not all 16,000 (at 1M events)."""
        if self._out is not None:  # the whole log's, already made
            return self._out
        if self._convs is None:
            convs = self.takers().filter(pl.col("type") == "conversion")
            self._convs = conversions_of(convs, self._out_of(convs["event_id"]))
        return self._out_of(ids), self._convs

    def _out_of(self, ids: pl.Series) -> dict[str, tuple[str, str]]:
        wanted = ids.cast(pl.String).implode()
        return out_events(self.takers().filter(
            ((pl.col("type") == "retraction") & pl.col("target").is_in(wanted))
            | pl.col("supersedes").is_in(wanted)).sort("position"))


def _catch_up_timeline(reads: _Reads, catalogue: Catalogue, full: bool,
                       head: int) -> tuple[bool, int, int]:
    """Bring the timelines to the head; returns whether every flow was walked, how many
    flows were, and how many rows were written."""
    con = reads.con
    tl = read_state(con, "timeline", exists=True)
    rebuild_all = full or tl is None or tl[2] != METHOD_VERSION
    since = 0 if rebuild_all else tl[0]  # type: ignore[index]
    if not rebuild_all and since >= head:
        return False, 0, 0
    affected = None if rebuild_all else _affected_flows(reads.touched(since))
    flows = written = 0
    if affected:
        resumed = _resume(reads, catalogue, affected)
        if resumed is None:
            affected = None  # resuming would re-walk most claims: a rebuild is cheaper
        else:
            flows, written, reads.steady = resumed
    if affected is None:
        rebuild_all = True
        con.execute("DELETE FROM timeline_state")
        con.execute("DELETE FROM timeline_excluded")
        flows, written = _rebuild_timelines(con, catalogue, *reads.out_and_conversions())
    else:
        reads.steady_since = since
    set_state(con, "timeline", head)
    return rebuild_all, flows, written


def _rebuild_timelines(con: duckdb.DuckDBPyConnection, catalogue: Catalogue,
                       out: dict[str, tuple[str, str]], convs: Any) -> tuple[int, int]:
    """Walk every flow from scratch, in batches of flows of about ``WALK_BATCH`` claims;
    returns how many flows, and how many rows were written."""
    sizes = con.execute("SELECT supplier, recipient, item, count(*) FROM events_flat WHERE "
                        "type = 'shipment' GROUP BY ALL ORDER BY ALL").fetchall()
    batches: list[list[Flow]] = [[]]
    claims = 0
    for supplier, recipient, item, n in sizes:
        if batches[-1] and claims + n > WALK_BATCH:
            batches.append([])
            claims = 0
        batches[-1].append((supplier, recipient, item))
        claims += n
    cols = ", ".join(f"e.{c}" for c in WALK_COLUMNS)
    flows = written = 0
    for batch in batches:
        if not batch:
            continue
        if len(batches) == 1:  # every flow: no join needed
            ships = con.sql(f"SELECT {cols} FROM events_flat e WHERE e.type = 'shipment'").pl()
        else:
            with registered(con, "_batch", flow_frame(set(batch))):
                ships = con.sql(f"SELECT {cols} FROM events_flat e JOIN _batch b USING "
                                "(supplier, recipient, item) WHERE e.type = 'shipment'").pl()
        walked = _walk_into(con, catalogue, ships, None, {}, out, convs)
        flows, written = flows + walked.flows, written + walked.written
    return flows, written


def _catch_up_pledges(reads: _Reads, catalogue: Catalogue, today: dt.date, full: bool,
                      head: int) -> tuple[int | None, int]:
    """Bring ``pledge_status`` to the head; returns how many flows' pledges were computed
    again (None: every flow's), and how many rows were written."""
    con = reads.con
    ps = read_state(con, "pledge_status", exists=True)
    if not (full or ps is None or ps[0] != head or ps[1] != today or ps[2] != METHOD_VERSION):
        return 0, 0
    # same day, same method: only the pledges of flows that new events touch can change,
    # and in a steady flow only the pledges among the new or retracted events
    only: set[Flow] | None = None
    partial: set[Flow] = set()  # steady flows: only their pledges in ``redo`` can change
    redo: list[str] = []
    if not full and ps is not None and ps[1] == today and ps[2] == METHOD_VERSION:
        touched = reads.touched(ps[0])
        only = _pledge_flows(touched)
        if only and reads.steady_since == ps[0]:
            steady = _steady_pledges(reads, today)
            pledges = touched.filter(pl.col("type") == "pledge")
            pledged = set(pledges.select(FLOW_KEYS).iter_rows())
            only -= steady - pledged
            partial = steady & pledged
            if partial:
                redo = sorted(set(pledges.join(flow_frame(partial), on=FLOW_KEYS,
                                               how="semi")["event_id"].to_list()))
    if only is not None and not only:
        set_state(con, "pledge_status", head, today)
        return 0, 0
    mine = "" if only is None else " AND (supplier, recipient, item) IN (SELECT * FROM _only)"
    with registered(con, "_only", None if only is None else flow_frame(only)):
        # the flows' pledges, corrections included, with only the columns pledge status
        # reads of them: what takes a pledge out or converts it comes from modifiers_for
        cols = ", ".join(PLEDGE_EVENT_COLUMNS)
        events = con.sql(f"SELECT {cols} FROM events_side WHERE type = 'pledge'{mine}"
                         ).pl().sort("position")
        if partial:  # of a steady flow, only the pledges to compute again
            events = events.join(flow_frame(partial).with_columns(steady=True), on=FLOW_KEYS,
                                 how="left", maintain_order="left").filter(
                pl.col("steady").is_null() | pl.col("event_id").is_in(redo)).drop("steady")
        # the flows' stored states, finished as the ``timeline`` view finishes them (in
        # polars: the view's window over every state costs more than the pledges). Sorted
        # by date only (one row per flow and date), and in polars, where it is cheap
        states = con.sql("SELECT supplier, recipient, item, date, raw_low, raw_central, "
                         "raw_high, raw_low_from, raw_central_from, raw_high_from FROM "
                         f"timeline_state WHERE true{mine}").pl().sort("date")
        status = pledge_status(events, catalogue, today, finish(states),
                               reads.modifiers_for(events["event_id"]))
    # the rows of the pledges computed again (those now out are not written again): every
    # row of the other flows, and the steady flows' rows of ``redo`` (by id: a few)
    if only is None:
        con.execute("DELETE FROM pledge_status")
    elif only - partial:
        with registered(con, "_whole", flow_frame(only - partial)):
            con.execute("DELETE FROM pledge_status WHERE (supplier, recipient, item) IN "
                        "(SELECT * FROM _whole)")
    if redo:
        con.execute("DELETE FROM pledge_status WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
                    [redo])
    _insert(con, "pledge_status", status.with_columns(as_of=pl.lit(today)))
    set_state(con, "pledge_status", head, today)
    return (None if only is None else len(only)), status.height


def _steady_pledges(reads: _Reads, today: dt.date) -> set[Flow]:
    """Flows whose stored pledges new shipments cannot have changed: resumed from a date
    after ``today``, with the finished rows before that date unchanged (``steady``). Only
    their pledges among the new or retracted events need computing.

    A pledge reads its flow's row at ``today`` (from before the resume date, so unchanged)
    and the row at its own start, which only the projected completion uses, and only when
    the start is before the row at ``today`` (SPEC §6: the rate must be positive over a
    positive number of days); a start on or after the resume date never is."""
    return {f for f, d0 in reads.steady.items() if d0 > today}


def _touched(con: duckdb.DuckDBPyConnection, since: int) -> pl.DataFrame:
    """Events after position ``since``, and the events they retract or supersede."""
    cols = "event_id, type, supplier, recipient, item, end_date, target, supersedes"
    new: pl.DataFrame = con.sql(
        f"SELECT {cols} FROM events_flat WHERE position > {int(since)}").pl()
    refs = sorted({x for x in (*new["target"].to_list(), *new["supersedes"].to_list()) if x})
    if not refs:
        return new
    with registered(con, "_refs", pl.DataFrame({"event_id": refs})):
        old: pl.DataFrame = con.sql(
            f"SELECT {cols} FROM events_flat JOIN _refs USING (event_id)").pl()
    return pl.concat([new, old])


def _pledge_flows(touched: pl.DataFrame) -> set[Flow] | None:
    """Flows whose pledges new events (``touched``) can change: the flows of touched
    shipments and pledges. None: all of them (a conversion was added or taken out)."""
    if touched.filter(pl.col("type") == "conversion").height:
        return None
    flows = touched.filter(pl.col("type").is_in(["shipment", "pledge"])).select(
        "supplier", "recipient", "item").unique()
    return set(flows.iter_rows())


class Walked(NamedTuple):
    flows: int  # how many flows were walked
    states: pl.DataFrame  # the states they emitted
    written: int  # rows written: states and exclusions


def _walk_into(con: duckdb.DuckDBPyConnection, catalogue: Catalogue, events: pl.DataFrame,
               only: set[Flow] | None, history: dict[Flow, list[State]],
               out: dict[str, tuple[str, str]] | None = None, convs: Any = None
               ) -> Walked:
    """Walk flows (resuming from ``history``) and append their states and exclusions."""
    states, excluded = timeline_frames(events, catalogue, only, out, convs, history)
    _insert(con, "timeline_state", states.select(
        "supplier", "recipient", "item", canonical_unit(catalogue, pl.col("item")).alias("unit"),
        "date", "raw_low", "raw_central", "raw_high", "raw_low_from", "raw_central_from",
        "raw_high_from"))
    _insert(con, "timeline_excluded", excluded)
    flows = pl.concat([states.select(FLOW_KEYS), excluded.select(FLOW_KEYS)]).unique().height
    return Walked(flows, states, states.height + excluded.height)


def _affected_flows(touched: pl.DataFrame) -> dict[Flow, dt.date] | None:
    """For each flow new events (``touched``) can change: the earliest claim date they
    touch. None: rebuild everything (a conversion was added or taken out)."""
    if touched.filter(pl.col("type") == "conversion").height:
        return None
    ships = (touched.filter(pl.col("type") == "shipment")
             .group_by("supplier", "recipient", "item").agg(pl.col("end_date").min()))
    return {(s, r, i): d for s, r, i, d in ships.iter_rows()}


def _affected_frame(affected: dict[Flow, dt.date]) -> pl.DataFrame:
    """Affected flows and their resume dates (``d0``), for joining in SQL."""
    return pl.DataFrame([(*f, d) for f, d in sorted(affected.items())], orient="row",
                        schema={"supplier": pl.String, "recipient": pl.String,
                                "item": pl.String, "d0": pl.Date})


def _resume(reads: _Reads, catalogue: Catalogue, affected: dict[Flow, dt.date]
            ) -> tuple[int, int, dict[Flow, dt.date]] | None:
    """Re-walk each affected flow from its earliest touched date, resuming from the states
    already stored before that date. Returns how many flows, how many rows were written,
    and the flows whose finished rows before that date keep their values, with the date
    (see ``_steady``). None, with nothing changed: the claims to walk again are more than
    half of all."""
    con = reads.con
    keys = _affected_frame(affected)
    cols = ", ".join(f"e.{c}" for c in WALK_COLUMNS)
    with registered(con, "_affected", keys):
        # only the claims on or after each flow's resume date are walked again
        # (a join, one affected row per flow: much faster than EXISTS here)
        events = con.sql(
            f"SELECT {cols} FROM events_flat e JOIN _affected a ON a.supplier = e.supplier "
            "AND a.recipient = e.recipient AND a.item = e.item AND e.end_date >= a.d0 "
            "WHERE e.type = 'shipment'").pl()
        total = con.execute("SELECT count(*) FROM events_flat WHERE type = 'shipment'"
                            ).fetchall()[0][0]
        if events.height > total / 2:
            return None
        # increments in the suffix may reach back before d0 for their base
        starts = (events.filter((pl.col("type") == "shipment")
                                & (pl.col("measure") == "increment"))
                  .group_by("supplier", "recipient", "item")
                  .agg(pl.col("start_date").min().alias("s0")))
        bounds = keys.join(starts, on=["supplier", "recipient", "item"], how="left").select(
            "supplier", "recipient", "item", "d0",
            pl.min_horizontal("d0", "s0").alias("from_date"))
        with registered(con, "_bounds", bounds):
            # each flow's states before d0, from the last one before from_date (all of them
            # when there is none); the cut in one aggregate pass, then a plain join (twice
            # as fast as filtering the joined candidates against their own maximum)
            history_rows = con.sql(
                "WITH cut AS (SELECT supplier, recipient, item, any_value(b.d0) AS d0, "
                "max(s.date) FILTER (WHERE s.date < b.from_date) AS cut FROM timeline_state s "
                "JOIN _bounds b USING (supplier, recipient, item) WHERE s.date < b.d0 "
                "GROUP BY ALL) "
                "SELECT s.supplier, s.recipient, s.item, s.date, s.raw_low, s.raw_central, "
                "s.raw_high, s.raw_low_from FROM timeline_state s JOIN cut c "
                "USING (supplier, recipient, item) "
                "WHERE s.date >= coalesce(c.cut, DATE '0001-01-01') AND s.date < c.d0 "
                "ORDER BY s.date").fetchall()
        # the lowest high each flow had on and after its resume date (the envelope of the
        # rows before it), before they are walked again
        high_after = _lowest_highs(con.execute(
            "SELECT s.supplier, s.recipient, s.item, min(s.raw_high) FROM timeline_state s "
            "JOIN _affected a USING (supplier, recipient, item) WHERE s.date >= a.d0 "
            "GROUP BY ALL").fetchall())
        con.execute("DELETE FROM timeline_state s USING _affected a WHERE "
                    "s.supplier = a.supplier AND s.recipient = a.recipient AND "
                    "s.item = a.item AND s.date >= a.d0")
        con.execute("DELETE FROM timeline_excluded x USING _affected a WHERE "
                    "x.supplier = a.supplier AND x.recipient = a.recipient AND "
                    "x.item = a.item AND x.date >= a.d0")
    history: dict[Flow, list[State]] = {}
    for sup, rec, item, day, lo, ce, hi, lo_from in history_rows:
        history.setdefault((sup, rec, item), []).append((day, lo, ce, hi, lo_from))
    walked = _walk_into(con, catalogue, events, set(affected), history,
                        *reads.modifiers_for(events["event_id"]))
    new_high = _lowest_highs(walked.states.group_by(FLOW_KEYS).agg(pl.col("raw_high").min())
                             .rows())
    return walked.flows, walked.written, {
        f: d0 for f, d0 in affected.items()
        if _steady(history.get(f), high_after.get(f), new_high.get(f))}


def _lowest_highs(rows: list[tuple[Any, ...]]) -> dict[Flow, float | None]:
    return {(s, r, i): h for s, r, i, h in rows}


def _steady(before: list[State] | None, old: float | None, new: float | None) -> bool:
    """Whether a flow's finished rows before its resume date keep their values.

    Those rows' own states do not change; their high is the lowest high on or after them
    (step 6), which takes in the lowest high from the resume date on: ``old`` before the
    walk, ``new`` after (None: unbounded). It cannot move a row's high if it is unchanged,
    or if neither is below the high of the last row before the resume date, which bounds
    every earlier row's envelope from above."""
    if not before or old == new:
        return True
    last = before[-1][3]
    return last is not None and (old is None or old >= last) and (new is None or new >= last)


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    if frame.height:  # through a relation: freed at once, also inside the transaction
        over(con, "_frame", frame, f"INSERT INTO {table} BY NAME SELECT * FROM _frame")

