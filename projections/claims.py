"""Claim comparison: every shipment claim of a flow side by side, in the canonical unit."""

from __future__ import annotations

import statistics
from typing import Any

import polars as pl

from events import Catalogue

from .frames import flow_shipments, out_events
from .grades import Grades
from .timeline import (
    FLOW_KEYS,
    Conversion,
    bounds,
    canonical_unit,
    conversions_of,
    out_frame,
    pick_factors,
)

# what ``claim_rows`` reads of shipments
CLAIM_ROW_COLUMNS = ["supplier", "recipient", "item", "event_id", "position", "reported_on",
                     "end_date", "source", "via", "reliability", "credibility", "measure",
                     "period_start", "period_end", "quantity", "quantity_low", "quantity_high",
                     "unit"]
_OUTPUT = ["event_id", "position", "reported_on", "date", "source", "via", "reliability",
           "credibility", "measure", "period_start", "period_end", "quantity_low", "quantity",
           "quantity_high", "claim_unit", "conversion", "low", "central", "high", "state",
           "state_by"]


def claim_rows(ships: pl.DataFrame, catalogue: Catalogue, out: dict[str, tuple[str, str]],
               convs: list[Conversion], grades: Grades | None = None) -> pl.DataFrame:
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
        state_by="by")


def spread(centrals: list[float]) -> dict[str, Any]:
    """min, median and max of the central values of the claims in use."""
    return {"min": min(centrals) if centrals else None,
            "median": float(statistics.median(centrals)) if centrals else None,
            "max": max(centrals) if centrals else None}


def compare_claims(events: pl.DataFrame, catalogue: Catalogue, supplier: str, recipient: str,
                   item: str, *, out: dict[str, tuple[str, str]] | None = None,
                   convs: list[Conversion] | None = None, grades: Grades | None = None
                   ) -> dict[str, Any]:
    """Each claim of one flow with source, grades and state (in_use, retracted, superseded,
    below_grade_filter, unconvertible), listed by date then position; min/median/max of
    the central values of the claims in use. ``out`` and ``convs`` may be passed in when comparing many flows of
    the same events."""
    unit = catalogue.items[item].unit
    out = out_events(events) if out is None else out
    convs = conversions_of(events, out) if convs is None else convs
    ships = events.filter(flow_shipments(supplier, recipient, item))
    claims = claim_rows(ships, catalogue, out, convs, grades).select(_OUTPUT).to_dicts()
    used = [c["central"] for c in claims if c["state"] == "in_use" and c["central"] is not None]
    return {"supplier": supplier, "recipient": recipient, "item": item, "unit": unit,
            "claims": claims, **spread(used)}
