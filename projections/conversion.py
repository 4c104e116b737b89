"""Step 3 of the timeline method (SPEC §5): the conversions visible to a projection, and
which one converts a claim from its unit to the item's canonical unit on its date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import polars as pl

from .frames import out_events

Triple = tuple[float | None, float | None, float | None]


@dataclass(frozen=True)
class Factors:
    """A visible conversion event as step 3 uses it: from which unit to which, for which
    item, valid from when, with its low, central and high factors."""

    event_id: str
    position: int
    from_unit: str
    to_unit: str
    item: str | None
    start: dt.date | None
    factors: Triple  # low, central, high; never None


CONVERSION_FIELDS = ("event_id", "position", "from_unit", "to_unit", "item", "start_date",
                      "factor", "factor_low", "factor_high")
# What ``modifiers_of`` reads of the events: ``out_events`` and ``conversions_of``.
MODIFIER_COLUMNS = ("type", "target", "supersedes", *CONVERSION_FIELDS)


def conversions_of(events: pl.DataFrame, out: dict[str, Any]) -> list[Factors]:
    # select before filtering: a filter copies every column it keeps
    convs = events.select("type", *CONVERSION_FIELDS).filter(pl.col("type") == "conversion")
    return [factors_of(*row) for row in zip(
            *(convs[c].to_list() for c in CONVERSION_FIELDS), strict=True)
            if row[0] not in out]


def factors_of(eid: str, position: int, from_unit: str, to_unit: str, item: str | None,
               start: dt.date | None, f: float | None, lo: float | None, hi: float | None
               ) -> Factors:
    """One conversion event's fields (in the order of ``CONVERSION_FIELDS``) as step 3
    uses them: a missing bound is the factor, a missing factor the middle of the bounds."""
    if f is None:
        assert lo is not None and hi is not None, eid  # the record's check (SPEC §2)
        return Factors(eid, position, from_unit, to_unit, item, start, (lo, (lo + hi) / 2, hi))
    return Factors(eid, position, from_unit, to_unit, item, start,
                   (f if lo is None else lo, f, f if hi is None else hi))


def modifiers_of(events: pl.DataFrame) -> tuple[dict[str, tuple[str, str]], list[Factors]]:
    """What in ``events`` takes a claim out (``out_events``) or converts one."""
    out = out_events(events)
    return out, conversions_of(events, out)


def _conversion_frame(convs: list[Factors]) -> pl.DataFrame:
    """One row per (from, to, item, valid-from): the highest position wins a tie (step 3);
    an absent valid-from sorts before every date."""
    frame = pl.DataFrame(
        [(c.from_unit, c.to_unit, c.item, c.start or dt.date.min, c.position, c.event_id,
          *c.factors) for c in convs], orient="row",
        schema={"from_unit": pl.String, "to_unit": pl.String, "conv_item": pl.String,
                "valid_from": pl.Date, "conv_position": pl.Int64, "conv_id": pl.String,
                "f_low": pl.Float64, "f_central": pl.Float64, "f_high": pl.Float64})
    return (frame.sort("valid_from", "conv_position")
            .group_by("from_unit", "to_unit", "conv_item", "valid_from", maintain_order=True)
            .last())


def pick_factors(need: pl.DataFrame, convs: list[Factors]) -> pl.DataFrame:
    """For each row of ``need`` (row, unit, canon, item, day): the event id and factors of
    the conversion step 3 picks, item-specific before generic (nulls: none visible)."""
    if need.height == 0 or not convs:
        return need.select("row", conv_id=pl.lit(None, pl.String),
                           **{f: pl.lit(None, pl.Float64) for f in ("f_low", "f_central",
                                                                    "f_high")})
    table = _conversion_frame(convs)
    need = need.sort("day")
    specific = need.join_asof(
        table.filter(pl.col("conv_item").is_not_null()).sort("valid_from"),
        left_on="day", right_on="valid_from", by_left=["unit", "canon", "item"],
        by_right=["from_unit", "to_unit", "conv_item"], strategy="backward",
        check_sortedness=False)
    generic = need.select("row").join(
        need.join_asof(table.filter(pl.col("conv_item").is_null()).sort("valid_from"),
                       left_on="day", right_on="valid_from", by_left=["unit", "canon"],
                       by_right=["from_unit", "to_unit"], strategy="backward",
                       check_sortedness=False).select("row", "conv_position", "conv_id",
                                                      "f_low", "f_central", "f_high"),
        on="row", how="left", maintain_order="left")
    has = pl.col("conv_position").is_not_null()
    return specific.select("row", *[
        pl.when(has).then(pl.col(f)).otherwise(generic[f]).alias(f)
        for f in ("conv_id", "f_low", "f_central", "f_high")])
