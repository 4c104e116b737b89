"""Catching ``pledge_status`` up: on the same day and by the same method, only the pledges
of flows new events touch are computed again, and in a flow whose timeline before its
resume date kept its values, only its new or retracted pledges."""

from __future__ import annotations

import datetime as dt

import polars as pl

from supplyline.events import Catalogue
from supplyline.events.connection import registered

from .catchup_reads import Flow, Reads, insert_frame
from .frames import FLOW_KEYS, flow_frame
from .pledges import PLEDGE_EVENT_COLUMNS, pledge_status
from .state import METHOD_VERSION, read_state, set_state
from .walk import finish


def catch_up_pledges(reads: Reads, catalogue: Catalogue, today: dt.date, full: bool,
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
    insert_frame(con, "pledge_status", status.with_columns(as_of=pl.lit(today)))
    set_state(con, "pledge_status", head, today)
    return (None if only is None else len(only)), status.height


def _steady_pledges(reads: Reads, today: dt.date) -> set[Flow]:
    """Flows whose stored pledges new shipments cannot have changed: resumed from a date
    after ``today``, with the finished rows before that date unchanged (``steady``). Only
    their pledges among the new or retracted events need computing.

    A pledge reads its flow's row at ``today`` (from before the resume date, so unchanged)
    and the row at its own start, which only the projected completion uses, and only when
    the start is before the row at ``today`` (SPEC §6: the rate must be positive over a
    positive number of days); a start on or after the resume date never is."""
    return {f for f, d0 in reads.steady.items() if d0 > today}


def _pledge_flows(touched: pl.DataFrame) -> set[Flow] | None:
    """Flows whose pledges new events (``touched``) can change: the flows of touched
    shipments and pledges. None: all of them (a conversion was added or taken out)."""
    if touched.filter(pl.col("type") == "conversion").height:
        return None
    flows = touched.filter(pl.col("type").is_in(["shipment", "pledge"])).select(
        "supplier", "recipient", "item").unique()
    return set(flows.iter_rows())
