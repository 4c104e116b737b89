"""Catching the materialised timelines up (``timeline_state``, ``timeline_excluded``):
each flow new events touch is walked again from the earliest date they touch, resuming
from the states stored before it; a rebuild walks every flow, in batches of flows."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

import duckdb
import polars as pl

from supplyline.events import Catalogue
from supplyline.events.connection import registered

from .catchup_reads import Flow, Reads, insert_frame
from .frames import FLOW_KEYS, flow_frame
from .state import METHOD_VERSION, read_state, set_state
from .timeline import WALK_COLUMNS, canonical_unit, timeline_frames
from .walk import WalkState

# A rebuild walks the timelines in batches of flows of about this many claims, so memory
# stays bounded on large logs.
WALK_BATCH = 1_000_000


def catch_up_timeline(reads: Reads, catalogue: Catalogue, full: bool,
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


class Walked(NamedTuple):
    flows: int  # how many flows were walked
    states: pl.DataFrame  # the states they emitted
    written: int  # rows written: states and exclusions


def _walk_into(con: duckdb.DuckDBPyConnection, catalogue: Catalogue, events: pl.DataFrame,
               only: set[Flow] | None, history: dict[Flow, list[WalkState]],
               out: dict[str, tuple[str, str]] | None = None, convs: Any = None
               ) -> Walked:
    """Walk flows (resuming from ``history``) and append their states and exclusions."""
    states, excluded = timeline_frames(events, catalogue, only, out, convs, history)
    insert_frame(con, "timeline_state", states.select(
        "supplier", "recipient", "item", canonical_unit(catalogue, pl.col("item")).alias("unit"),
        "date", "raw_low", "raw_central", "raw_high", "raw_low_from", "raw_central_from",
        "raw_high_from"))
    insert_frame(con, "timeline_excluded", excluded)
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


def _resume(reads: Reads, catalogue: Catalogue, affected: dict[Flow, dt.date]
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
    history: dict[Flow, list[WalkState]] = {}
    for sup, rec, item, day, lo, ce, hi, lo_from in history_rows:
        history.setdefault((sup, rec, item), []).append(WalkState(day, lo, ce, hi, lo_from))
    walked = _walk_into(con, catalogue, events, set(affected), history,
                        *reads.modifiers_for(events["event_id"]))
    new_high = _lowest_highs(walked.states.group_by(FLOW_KEYS).agg(pl.col("raw_high").min())
                             .rows())
    return walked.flows, walked.written, {
        f: d0 for f, d0 in affected.items()
        if _steady(history.get(f), high_after.get(f), new_high.get(f))}


def _lowest_highs(rows: list[tuple[Any, ...]]) -> dict[Flow, float | None]:
    return {(s, r, i): h for s, r, i, h in rows}


def _steady(before: list[WalkState] | None, old: float | None, new: float | None) -> bool:
    """Whether a flow's finished rows before its resume date keep their values.

    Those rows' own states do not change; their high is the lowest high on or after them
    (step 6), which takes in the lowest high from the resume date on: ``old`` before the
    walk, ``new`` after (None: unbounded). It cannot move a row's high if it is unchanged,
    or if neither is below the high of the last row before the resume date, which bounds
    every earlier row's envelope from above."""
    if not before or old == new:
        return True
    last = before[-1].high
    return last is not None and (old is None or old >= last) and (new is None or new >= last)
