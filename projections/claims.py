"""Claim comparison: every shipment claim of a flow side by side, in the canonical unit."""

from __future__ import annotations

import datetime as dt
import statistics
from typing import Any

import polars as pl

from supplyline.events import Catalogue

from .conversion import Factors, conversions_of, pick_factors
from .frames import FLOW_KEYS, flow_shipments, out_events
from .grades import Grades
from .timeline import bounds, canonical_unit, out_frame

# what ``claim_rows`` reads of shipments
CLAIM_ROW_COLUMNS = ["supplier", "recipient", "item", "event_id", "position", "reported_on",
                     "end_date", "start_date", "source", "via", "reliability", "credibility",
                     "measure", "period_start", "period_end", "quantity", "quantity_low",
                     "quantity_high", "unit"]
_OUTPUT = ["event_id", "position", "reported_on", "date", "source", "via", "reliability",
           "credibility", "measure", "period_start", "period_end", "quantity_low", "quantity",
           "quantity_high", "claim_unit", "conversion", "low", "central", "high", "state",
           "state_by"]


def claim_rows(ships: pl.DataFrame, catalogue: Catalogue, out: dict[str, tuple[str, str]],
               convs: list[Factors], grades: Grades | None = None) -> pl.DataFrame:
    """The shipment claims ``ships`` (of any flows) side by side: the ``_OUTPUT`` columns
    plus the flow, in the item's canonical unit, converted as the timeline converts them
    (SPEC §5 step 3, column-wise), by flow, then date, then position. A claim the grade
    filter leaves out (step 9) is ``below_grade_filter``."""
    ships = ships.sort([*FLOW_KEYS, "end_date", "position"]).with_row_index("row")
    q, lo, hi = (pl.col(c).cast(pl.Float64) for c in ("quantity", "quantity_low",
                                                       "quantity_high"))
    canon = canonical_unit(catalogue, pl.col("item").cast(pl.String))
    convert = pl.col("unit") != pl.col("canon")
    ships = ships.with_columns(canon=canon)
    need = ships.filter(convert).select("row", "unit", "canon",
                                        item=pl.col("item").cast(pl.String),
                                        day=pl.col("end_date").cast(pl.Date))
    factors = pick_factors(need, convs)
    frame = ships.join(factors, on="row", how="left", maintain_order="left")
    frame = frame.join(out_frame(out), on="event_id", how="left", maintain_order="left")
    scale = {"low": "f_low", "central": "f_central", "high": "f_high"}
    unconvertible = convert & pl.col("conv_id").is_null()
    below = grades.below() if grades and grades.active else pl.lit(False)
    return frame.select(
        *FLOW_KEYS, "event_id", "position", pl.col("reported_on").cast(pl.String),
        date=pl.col("end_date").cast(pl.String), source="source", via="via",
        reliability="reliability", credibility="credibility", measure="measure",
        period_start="period_start", period_end="period_end", quantity_low=lo, quantity=q,
        quantity_high=hi, claim_unit="unit", conversion="conv_id",
        **{b: pl.when(convert).then(e * pl.col(scale[b])).otherwise(e)
           for b, e in bounds(q, lo, hi).items()},
        state=pl.when(pl.col("how").is_not_null()).then(pl.col("how"))
        .when(below).then(pl.lit("below_grade_filter"))
        .when(unconvertible).then(pl.lit("unconvertible")).otherwise(pl.lit("in_use")),
        state_by="by", start=pl.col("start_date").cast(pl.Date),
        end=pl.col("end_date").cast(pl.Date))


def spread(centrals: list[float]) -> dict[str, Any]:
    """min, median and max of the central values of the claims in use."""
    return {"min": min(centrals) if centrals else None,
            "median": float(statistics.median(centrals)) if centrals else None,
            "max": max(centrals) if centrals else None}


def compare_claims(events: pl.DataFrame, catalogue: Catalogue, supplier: str, recipient: str,
                   item: str, *, out: dict[str, tuple[str, str]] | None = None,
                   convs: list[Factors] | None = None, grades: Grades | None = None
                   ) -> dict[str, Any]:
    """Each claim of one flow with source, grades and state (in_use, retracted, superseded,
    below_grade_filter, unconvertible), listed by date then position; min/median/max of
    the central values of the claims in use. ``out`` and ``convs`` may be passed in when
    comparing many flows of the same events."""
    unit = catalogue.items[item].unit
    out = out_events(events) if out is None else out
    convs = conversions_of(events, out) if convs is None else convs
    ships = events.filter(flow_shipments(supplier, recipient, item))
    claims = claim_rows(ships, catalogue, out, convs, grades).select(_OUTPUT).to_dicts()
    used = [c["central"] for c in claims if c["state"] == "in_use" and c["central"] is not None]
    return {"supplier": supplier, "recipient": recipient, "item": item, "unit": unit,
            "claims": claims, **spread(used)}


# Two claims describe the same quantity when both are running totals dated at most this
# many days apart, or both are increments whose periods overlap by at least half of the
# shorter one (SPEC §7); exact figures disagree when the larger exceeds the smaller by more
# than this share, ranges when they do not overlap.
SAME_TOTAL_DAYS = 31
EXACT_TOLERANCE = 0.2
_SPACING = 1 << 20  # day numbers of different flows never come within reach of each other


def disagreements(claims: pl.DataFrame, since: dt.date | None = None) -> pl.DataFrame:
    """Pairs of claims of one flow, both in use, that describe the same quantity and cannot
    both be right (SPEC §7, version 2): a running total is never compared with a later
    running total more than a month away, nor a total with an increment.

    ``claims`` are ``claim_rows`` (any flows). With ``since``, only pairs of which at least
    one claim was reported on or after ``since``. Both figures agree when exact (low =
    high) and within ``EXACT_TOLERANCE`` of each other, or when their ranges overlap (a
    missing bound is open). One row per pair: the earlier-logged claim as ``a``, the later
    as ``b``, and ``why``; by flow, then ``b``'s position, then ``a``'s."""
    used = claims.filter(pl.col("state") == "in_use").with_row_index("n")
    keys = used.select(FLOW_KEYS).unique().sort(FLOW_KEYS).with_row_index("fid")
    used = used.join(keys, on=FLOW_KEYS, how="left").with_columns(
        s=pl.col("fid").cast(pl.Int64) * _SPACING + pl.col("start").cast(pl.Int64),
        e=pl.col("fid").cast(pl.Int64) * _SPACING + pl.col("end").cast(pl.Int64),
        new=pl.lit(True) if since is None else _as_date("reported_on") >= since)
    side = ["n", "fid", "position", "new", "s", "e", "low", "central", "high"]
    left = used.filter("new").select(side)
    right = used.select(side).rename({c: f"{c}_b" for c in side})
    pairs = []
    for measure in ("cumulative", "increment"):
        lm = left.join(used.filter(pl.col("measure") == measure).select("n"), on="n")
        rm = right.join(used.filter(pl.col("measure") == measure).select(n_b="n"), on="n_b")
        if measure == "cumulative":
            near = [pl.col("e_b") >= pl.col("e") - SAME_TOTAL_DAYS,
                    pl.col("e_b") <= pl.col("e") + SAME_TOTAL_DAYS]
            same = pl.lit(True)
        else:
            near = [pl.col("s_b") <= pl.col("e"), pl.col("e_b") >= pl.col("s")]
            overlap = pl.min_horizontal("e", "e_b") - pl.max_horizontal("s", "s_b") + 1
            shorter = pl.min_horizontal(pl.col("e") - pl.col("s"),
                                        pl.col("e_b") - pl.col("s_b")) + 1
            same = overlap * 2 >= shorter
        if lm.height and rm.height:
            pairs.append(lm.join_where(rm, *near).with_columns(same=same))
    if not pairs:
        return _no_disagreements(claims)
    p = pl.concat(pairs).filter(
        (pl.col("fid") == pl.col("fid_b")) & (pl.col("n") != pl.col("n_b"))
        & (~pl.col("new_b") | (pl.col("position_b") < pl.col("position"))))
    lo_a, hi_a, lo_b, hi_b = (pl.col(c) for c in ("low", "high", "low_b", "high_b"))
    exact = (lo_a == hi_a) & (lo_b == hi_b)
    big, small = pl.max_horizontal(lo_a, lo_b), pl.min_horizontal(lo_a, lo_b)
    apart = ((lo_a > hi_b) | (lo_b > hi_a)).fill_null(False)
    p = p.with_columns(
        why=pl.when(exact).then(pl.when(big > small * (1 + EXACT_TOLERANCE)).then(
            pl.format("the larger exact figure is {}% above the smaller",
                      pl.when(small > 0).then(((big / small - 1) * 100).round(0).cast(
                          pl.Int64).cast(pl.String)).otherwise(pl.lit("infinitely")))))
        .when(apart).then(pl.lit("their ranges do not overlap")))
    found = p.filter(pl.col("same") & pl.col("why").is_not_null())
    first = pl.col("position") < pl.col("position_b")  # left is the earlier-logged claim
    found = found.select(a=pl.when(first).then("n").otherwise("n_b"),
                         b=pl.when(first).then("n_b").otherwise("n"), why="why")
    cols = list(_PAIR_COLUMNS)
    a = used.select("n", *FLOW_KEYS, *cols).rename({c: f"a_{c}" for c in cols})
    b = used.select("n", *cols).rename({c: f"b_{c}" for c in cols})
    return (found.join(a, left_on="a", right_on="n").join(b, left_on="b", right_on="n")
            .drop("a", "b").sort(*FLOW_KEYS, "b_position", "a_position")
            .select(*FLOW_KEYS, *[f"a_{c}" for c in cols], *[f"b_{c}" for c in cols], "why"))


def _as_date(name: str) -> pl.Expr:
    """A date column that ``claim_rows`` gives as ISO text."""
    return pl.col(name).cast(pl.String).str.to_date()


_PAIR_COLUMNS = ["event_id", "position", "reported_on", "source", "via", "reliability",
                 "credibility", "measure", "period_start", "period_end", "low", "central",
                 "high"]


def _no_disagreements(claims: pl.DataFrame) -> pl.DataFrame:
    schema = {**{k: pl.String for k in FLOW_KEYS},
              **{f"{s}_{c}": claims.schema.get(c, pl.String) for s in "ab"
                 for c in _PAIR_COLUMNS}, "why": pl.String}
    return pl.DataFrame(schema=schema)
