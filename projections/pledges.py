"""Pledge fulfilment (SPEC §6): each pledge against its flow's timeline at the as-of date."""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction
from typing import Any

import polars as pl

from events import Catalogue

from .frames import out_events
from .timeline import _scale, all_timelines, choose_conversion, claim_bounds, conversions_of

PLEDGE_COLUMNS = ["event_id", "supplier", "recipient", "item", "unit", "pledged", "due_by",
                  "delivered_low", "delivered_central", "delivered_high", "fulfilment",
                  "status", "projected_completion"]
PLEDGE_SCHEMA = {"event_id": pl.String, "supplier": pl.String, "recipient": pl.String,
                 "item": pl.String, "unit": pl.String, "pledged": pl.Float64,
                 "due_by": pl.String, "delivered_low": pl.Float64,
                 "delivered_central": pl.Float64, "delivered_high": pl.Float64,
                 "fulfilment": pl.Float64, "status": pl.String,
                 "projected_completion": pl.Date}


TIMELINE_ROW_SCHEMA = {"supplier": pl.String, "recipient": pl.String, "item": pl.String,
                       "date": pl.Date, "low": pl.Float64, "central": pl.Float64,
                       "high": pl.Float64}


def pledge_status(events: pl.DataFrame, catalogue: Catalogue, as_of: dt.date,
                  timeline_rows: pl.DataFrame | None = None) -> pl.DataFrame:
    """Every visible pledge that is not out, with its fulfilment at ``as_of``.

    ``timeline_rows`` (supplier, recipient, item, date, low, central, high) may carry the
    finished timeline rows of the same events; without it, the pledges' flows are computed
    here. Values are looked up with one as-of join, so thousands of pledges stay cheap.
    """
    out = out_events(events)
    convs = conversions_of(events, out)
    pledges = events.filter((pl.col("type") == "pledge")
                            & ~pl.col("event_id").is_in(list(out)))
    base = []
    for p in pledges.iter_rows(named=True):
        unit = catalogue.items[p["item"]].unit
        central = claim_bounds(p["quantity"], p["quantity_low"], p["quantity_high"])[1]
        pledged: float | None = central
        if p["unit"] != unit:
            conv = choose_conversion(convs, p["unit"], unit, p["item"], p["due_date"])
            pledged = (None if conv is None or central is None
                       else _scale((central, central, central), conv.factors)[1])
        base.append({"event_id": p["event_id"], "supplier": p["supplier"],
                     "recipient": p["recipient"], "item": p["item"], "unit": unit,
                     "pledged": pledged, "due_by": p["due_by"], "start": p["start_date"],
                     "due": p["due_date"], "convertible": pledged is not None})
    if not base:
        return pl.DataFrame(schema=PLEDGE_SCHEMA).select(PLEDGE_COLUMNS)
    frame = pl.DataFrame(base, schema={"event_id": pl.String, "supplier": pl.String,
                                       "recipient": pl.String, "item": pl.String,
                                       "unit": pl.String, "pledged": pl.Float64,
                                       "due_by": pl.String, "start": pl.Date, "due": pl.Date,
                                       "convertible": pl.Boolean})
    if timeline_rows is None:
        flows = set(frame.select("supplier", "recipient", "item").unique().iter_rows())
        timeline_rows = all_timelines(events, catalogue, flows)[0]
    # sorted by date overall, hence within every flow: what join_asof needs (polars cannot
    # check that itself when joining by groups)
    rows = timeline_rows.select(list(TIMELINE_ROW_SCHEMA)).sort("date")
    keys = ["supplier", "recipient", "item"]
    now = (frame.with_columns(at=pl.lit(as_of)).sort("at")
           .join_asof(rows.rename({"date": "d1"}), left_on="at", right_on="d1", by=keys,
                      strategy="backward", check_sortedness=False))
    then = (frame.select("event_id", *keys, "start").sort("start")
            .join_asof(rows.select(*keys, "date", "central").rename({"central": "v0"}),
                       left_on="start", right_on="date", by=keys, strategy="backward",
                       check_sortedness=False)
            .select("event_id", "v0"))
    joined = now.join(then, on="event_id", how="left")
    order = {eid: i for i, eid in enumerate(frame["event_id"])}
    result = [_status(r, as_of) for r in sorted(joined.iter_rows(named=True),
                                                key=lambda r: order[r["event_id"]])]
    return pl.DataFrame(result, schema=PLEDGE_SCHEMA).select(PLEDGE_COLUMNS)


def _status(r: dict[str, Any], as_of: dt.date) -> dict[str, Any]:
    """SPEC §6 for one pledge, given its flow's values at the as-of date and at its start."""
    row = {k: r[k] for k in ("event_id", "supplier", "recipient", "item", "unit", "due_by")}
    empty = {"pledged": None, "delivered_low": None, "delivered_central": None,
             "delivered_high": None, "fulfilment": None, "projected_completion": None}
    if not r["convertible"]:
        return {**row, **empty, "status": "unconvertible"}
    pledged, got = float(r["pledged"]), r["central"]
    row.update(empty, pledged=pledged)
    if r["d1"] is not None:
        row.update(delivered_low=r["low"], delivered_central=got, delivered_high=r["high"])
    if got is not None and pledged > 0:
        row["fulfilment"] = got / pledged
    if got is not None and got >= pledged:
        return {**row, "status": "fulfilled"}
    row["projected_completion"] = _projection(r["start"], r["v0"] or 0.0, r["d1"], got,
                                              pledged)
    if as_of > r["due"]:
        status = "overdue"
    elif got is None:
        status = "unknown"
    elif row["projected_completion"] is not None and row["projected_completion"] <= r["due"]:
        status = "on_track"
    else:
        status = "behind"
    return {**row, "status": status}


def _projection(start: dt.date, v0: float, d1: dt.date | None, v1: float | None,
                pledged: float) -> dt.date | None:
    """Linear from (start, v0) to (d1, v1), rounded up to a whole day; None when the rate
    is not positive or the date would fall after the year 9999. Exact arithmetic: a float
    quotient like 62.00000000000001 must not round up to 63."""
    if d1 is None or v1 is None:
        return None
    days = (d1 - start).days
    if days <= 0 or v1 <= v0:
        return None
    needed = math.ceil(Fraction(pledged - v1) * days / Fraction(v1 - v0))
    if needed > (dt.date.max - d1).days:
        return None  # past the year 9999: not at this rate, in any useful sense
    return d1 + dt.timedelta(days=needed)
