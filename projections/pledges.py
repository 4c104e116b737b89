"""Pledge fulfilment (SPEC §6, version 2): each pledge against what its flow's timeline
gained after the pledge was made (its baseline) up to the as-of date."""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction
from typing import Any

import polars as pl

from supplyline.events import Catalogue
from supplyline.events.dates import EPOCH

from .conversion import Factors, modifiers_of, pick_factors
from .frames import FLOW_KEYS
from .grades import Grades
from .timeline import all_timelines, bounds, canonical_unit

PLEDGE_COLUMNS = ["event_id", "supplier", "recipient", "item", "unit", "pledged", "due_by",
                  "baseline_central", "delivered_low", "delivered_central", "delivered_high",
                  "fulfilment", "status", "projected_completion", "evidence_date"]
PLEDGE_SCHEMA = {"event_id": pl.String, "supplier": pl.String, "recipient": pl.String,
                 "item": pl.String, "unit": pl.String, "pledged": pl.Float64,
                 "due_by": pl.String, "baseline_central": pl.Float64,
                 "delivered_low": pl.Float64, "delivered_central": pl.Float64,
                 "delivered_high": pl.Float64, "fulfilment": pl.Float64, "status": pl.String,
                 "projected_completion": pl.Date, "evidence_date": pl.Date}


# What pledge_status reads of the events when given the timeline rows and the modifiers.
PLEDGE_EVENT_COLUMNS = ("position", "event_id", "type", "supplier", "recipient", "item", "unit",
                        "due_by", "start_date", "due_date", "quantity", "quantity_low",
                        "quantity_high")


TIMELINE_ROW_SCHEMA = pl.Schema({"supplier": pl.String, "recipient": pl.String, "item": pl.String,
                       "date": pl.Date, "low": pl.Float64, "central": pl.Float64,
                       "high": pl.Float64})


def pledge_status(events: pl.DataFrame, catalogue: Catalogue, as_of: dt.date,
                  timeline_rows: pl.DataFrame | None = None,
                  modifiers: tuple[dict[str, tuple[str, str]], list[Factors]] | None = None,
                  grades: Grades | None = None) -> pl.DataFrame:
    """Every visible pledge that is not out, with its fulfilment at ``as_of``.

    ``timeline_rows`` (supplier, recipient, item, date, low, central, high) may carry the
    finished timeline rows of the same events (and grade filter); without it, the pledges'
    flows are computed here. Everything is column-wise (as-of joins for the timeline
    values, one expression per rule of SPEC §6), so tens of thousands of pledges cost
    milliseconds. ``modifiers`` may carry ``out_events`` and ``conversions_of`` of the same
    events.
    """
    out, convs = modifiers or modifiers_of(events)
    keys = FLOW_KEYS
    claimed = bounds(pl.col("quantity"), pl.col("quantity_low"), pl.col("quantity_high"))
    frame = (events.filter((pl.col("type") == "pledge")
                           & ~pl.col("event_id").is_in(list(out)))
             .select("event_id", *keys, "unit", "due_by", start="start_date", due="due_date",
                     claimed=claimed["central"])
             .cast(PLEDGE_INPUT).with_row_index("row")
             .with_columns(canon=canonical_unit(catalogue, pl.col("item"))))
    if frame.height == 0:
        return pl.DataFrame(schema=PLEDGE_SCHEMA).select(PLEDGE_COLUMNS)
    convert = pl.col("unit") != pl.col("canon")
    need = frame.filter(convert).select("row", "unit", "canon", "item", day="due")
    frame = frame.join(pick_factors(need, convs).select("row", "f_central"), on="row",
                       how="left", maintain_order="left")
    frame = frame.with_columns(pledged=pl.when(convert)
                               .then(pl.col("claimed") * pl.col("f_central"))
                               .otherwise(pl.col("claimed")))
    if timeline_rows is None:
        flows = set(frame.select(keys).unique().iter_rows())
        timeline_rows = all_timelines(events, catalogue, flows, grades)[0]
    # sorted by date overall, hence within every flow: what join_asof needs (polars cannot
    # check that itself when joining by groups)
    rows = timeline_rows.select(list(TIMELINE_ROW_SCHEMA)).cast(TIMELINE_ROW_SCHEMA).sort("date")
    # the current row: the last on or before the as-of date
    now = (frame.with_columns(at=pl.lit(as_of)).sort("at")
           .join_asof(rows.rename({"date": "d1"}), left_on="at", right_on="d1", by=keys,
                      strategy="backward", check_sortedness=False))
    # the baseline row: the last on or before the pledge's first day
    base = (frame.select("row", *keys, "start").sort("start")
            .join_asof(rows.rename({"date": "d0", "low": "lb", "central": "cb",
                                    "high": "hb"}),
                       left_on="start", right_on="d0", by=keys, strategy="backward",
                       check_sortedness=False)
            .select("row", "d0", "lb", "cb", "hb"))
    joined = now.join(base, on="row", how="left").sort("row")
    return _status(joined, as_of).select(PLEDGE_COLUMNS)


PLEDGE_INPUT = pl.Schema({
    "event_id": pl.String, "supplier": pl.String, "recipient": pl.String, "item": pl.String,
    "unit": pl.String, "due_by": pl.String, "start": pl.Date, "due": pl.Date,
    "claimed": pl.Float64})
_LAST_DAY = (dt.date.max - EPOCH).days


def _status(f: pl.DataFrame, as_of: dt.date) -> pl.DataFrame:
    """SPEC §6 (version 2) for every pledge, given its flow's current row (``d1``, low,
    central, high: null when none) and its baseline row (``d0``, lb, cb, hb: null when
    none, which counts as 0, 0, 0).

    Nothing is known about deliveries under a pledge while no claim is dated after its
    first day: no current row, or a current row dated on or before that day (the baseline
    row itself, or, for a pledge starting after the as-of date, an earlier one)."""
    pledged = pl.col("pledged")
    convertible = pledged.is_not_null()
    lb = pl.col("lb").fill_null(0.0)
    cb = pl.when(pl.col("d0").is_null()).then(0.0).otherwise(pl.col("cb"))
    hb = pl.col("hb")
    evidence = convertible & pl.col("d1").is_not_null() & (pl.col("d1") > pl.col("start"))
    f = f.with_columns(
        baseline_central=pl.when(convertible).then(cb),
        delivered_central=pl.when(evidence).then(pl.max_horizontal(pl.col("central") - cb,
                                                                  0.0)),
        delivered_low=pl.when(evidence & pl.col("low").is_not_null()).then(
            pl.when(pl.col("d0").is_null()).then(pl.max_horizontal(pl.col("low"), 0.0))
            .when(hb.is_null()).then(0.0)
            .otherwise(pl.max_horizontal(pl.col("low") - hb, 0.0))),
        delivered_high=pl.when(evidence & pl.col("high").is_not_null()).then(
            pl.col("high") - lb),
        evidence_date=pl.when(evidence).then(pl.col("d1")))
    got = pl.col("delivered_central")
    f = f.with_columns(_projected_days(f).alias("needed"))
    fulfilled = got.is_not_null() & (got >= pledged)
    proj = pl.when(evidence & ~fulfilled).then(
        (pl.col("d1").cast(pl.Int32) + pl.col("needed")).cast(pl.Date))
    status = (pl.when(~convertible).then(pl.lit("unconvertible"))
              .when(fulfilled).then(pl.lit("fulfilled"))
              .when(pl.lit(as_of) > pl.col("due")).then(pl.lit("overdue"))
              .when(got.is_null()).then(pl.lit("unknown"))
              .when(proj.is_not_null() & (proj <= pl.col("due"))).then(pl.lit("on_track"))
              .otherwise(pl.lit("behind")))
    return f.with_columns(
        unit=pl.col("canon"),
        fulfilment=pl.when(got.is_not_null() & (pledged > 0)).then(got / pledged),
        status=status, projected_completion=proj)


def _projected_days(f: pl.DataFrame) -> pl.Series:
    """Days from the current row (d1) to completion at the rate delivered since the
    pledge's first day, rounded up; null when the rate is not positive or the date would
    fall after the year 9999. The quotient is exact: a float like 62.00000000000001 must
    not round up to 63, so quotients near a whole number are recomputed with fractions."""
    rows = f.select(
        "pledged", got="delivered_central",
        days=(pl.col("d1") - pl.col("start")).dt.total_days(),
        room=pl.lit(_LAST_DAY) - pl.col("d1").cast(pl.Int64))
    ok = (pl.col("got").is_not_null() & (pl.col("days") > 0) & (pl.col("got") > 0)
          & pl.col("pledged").is_not_null())
    x = (pl.col("pledged") - pl.col("got")) * pl.col("days") / pl.col("got")
    rows = rows.with_columns(ok=ok, x=pl.when(ok).then(x)).with_columns(
        near=pl.col("ok") & ((pl.col("x") - pl.col("x").round()).abs() < 1e-6))
    needed = rows.select(pl.when(pl.col("ok") & (pl.col("x") <= pl.col("room") + 1))
                         .then(pl.col("x").ceil()).cast(pl.Int64))["x"].to_list()
    for i in rows.with_row_index("i").filter(pl.col("near"))["i"].to_list():
        p, got, days = (rows[c][i] for c in ("pledged", "got", "days"))
        needed[i] = math.ceil(Fraction(p - got) * days / Fraction(got))
    room = rows["room"].to_list()
    return pl.Series([None if n is None or room[i] is None or n > room[i] else n
                      for i, n in enumerate(needed)], dtype=pl.Int64)


def pledge_records(status: pl.DataFrame) -> list[dict[str, Any]]:
    """``pledge_status`` rows as JSON-ready records (dates as ISO strings), as the command
    line, the API and the report print them."""
    return status.with_columns(pl.col("projected_completion", "evidence_date")
                               .dt.to_string("%Y-%m-%d")).to_dicts()
