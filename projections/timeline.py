"""The cumulative supply timeline of a flow, by the method of SPEC §5 (version 2).

Pure functions of an events frame (already filtered by as-of / at-position). Conversion and
exclusion run on every flow at once in polars (steps 2-4 and 9 here, step 3's choice of
conversion in ``conversion``); the walk is sequential by nature (increments build on
earlier emitted state), so it steps through each flow's dates in Python, over plain column
lists (steps 5-7 and 10: ``walk``); step 8's calendar grid is ``grid``. Results come back as
polars frames.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from supplyline.events import Catalogue

from .conversion import Factors, conversions_of, pick_factors
from .frames import FLOW_KEYS, flow_frame, out_events
from .grades import Grades
from .grid import regrid
from .walk import WalkState, finish, walk_frame

ROW_SCHEMA = {"date": pl.Date, "low": pl.Float64, "central": pl.Float64, "high": pl.Float64,
              "conflict": pl.Boolean, "basis_date": pl.Date, "low_from": pl.String,
              "central_from": pl.String, "high_from": pl.String}
FLOW_SCHEMA = {"supplier": pl.String, "recipient": pl.String, "item": pl.String,
               "unit": pl.String, **ROW_SCHEMA}


@dataclass
class Timeline:
    supplier: str
    recipient: str
    item: str
    unit: str
    rows: pl.DataFrame
    excluded: list[dict[str, str]] = field(default_factory=list)
    _dates: list[dt.date] | None = field(default=None, repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "supplier": self.supplier, "recipient": self.recipient, "item": self.item,
            "unit": self.unit,
            "rows": [{"date": r["date"].isoformat(), "low": _f(r["low"]),
                      "central": _f(r["central"]), "high": _f(r["high"]),
                      "conflict": bool(r["conflict"]),
                      "basis_date": r["basis_date"].isoformat(), "low_from": r["low_from"],
                      "central_from": r["central_from"], "high_from": r["high_from"]}
                     for r in self.rows.iter_rows(named=True)],
            "excluded": self.excluded,
        }

    def value_at(self, day: dt.date) -> dict[str, Any] | None:
        """The last row on or before ``day`` (None if there is none)."""
        if self._dates is None:
            self._dates = self.rows["date"].to_list()
        i = bisect.bisect_right(self._dates, day)
        return self.rows.row(i - 1, named=True) if i else None


def _f(x: float | None) -> float | None:
    return None if x is None else float(x)


# -- step 4: bounds of one claim, and the canonical unit -----------------------------------
def bounds(q: pl.Expr, lo: pl.Expr, hi: pl.Expr) -> dict[str, pl.Expr]:
    """low, central, high of claims: only quantity gives all three; otherwise the given
    bounds, the missing side unbounded (null); central is quantity, else the mean of both
    bounds, else the one bound."""
    only_q = lo.is_null() & hi.is_null()
    return {"low": pl.when(only_q).then(q).otherwise(lo),
            "central": pl.coalesce(q, (lo + hi) / 2, lo, hi),
            "high": pl.when(only_q).then(q).otherwise(hi)}


def canonical_unit(catalogue: Catalogue, item: pl.Expr) -> pl.Expr:
    """The catalogue's canonical unit of each item."""
    units = {code: it.unit for code, it in catalogue.items.items()}
    return item.replace_strict(units, return_dtype=pl.String)


SHIPMENT_COLUMNS = ["event_id", "position", "end_date", "measure", "start_date", "unit",
                    "quantity", "quantity_low", "quantity_high", "item"]
# What the walk reads of shipments, in any order (it sorts what it needs)
WALK_COLUMNS = ["type", "supplier", "recipient", *SHIPMENT_COLUMNS]
# An empty frame from DuckDB has null-typed columns: cast, so every step sees its types.
SHIPMENT_SCHEMA = pl.Schema({
    "supplier": pl.String, "recipient": pl.String, "item": pl.String, "event_id": pl.String,
    "position": pl.Int64, "end_date": pl.Date, "measure": pl.String, "start_date": pl.Date,
    "unit": pl.String, "quantity": pl.Float64, "quantity_low": pl.Float64,
    "quantity_high": pl.Float64})
# ... and what a grade filter reads besides
GRADED_SCHEMA = pl.Schema([*SHIPMENT_SCHEMA.items(), ("reliability", pl.String),
                           ("credibility", pl.Int32)])


def out_frame(out: dict[str, tuple[str, str]]) -> pl.DataFrame:
    """``out_events`` as a frame to join: event_id, how (retracted|superseded), by."""
    return pl.DataFrame({"event_id": list(out), "how": [h for h, _ in out.values()],
                         "by": [b for _, b in out.values()]},
                        schema={"event_id": pl.String, "how": pl.String, "by": pl.String})


def out_reasons(ids: pl.Series, out: dict[str, tuple[str, str]]) -> pl.Series:
    """Why each event of ``ids`` is out ("retracted by r1"), null if it is not: a lookup,
    cheaper than a join that keeps order. Only the ids present become reasons (one flow's
    claims, not every out event of the log)."""
    known = ids.filter(ids.is_in(pl.Series(list(out), dtype=pl.String).implode()))
    reasons = {e: "{} by {}".format(*out[e]) for e in known.to_list()}
    return ids.replace_strict(reasons, default=None, return_dtype=pl.String)


def claims_frame(ships: pl.DataFrame, catalogue: Catalogue, convs: list[Factors],
                 out: dict[str, tuple[str, str]], grades: Grades | None = None
                 ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Steps 2-4 and 9 for every flow in ``ships`` at once: (claims in the canonical unit,
    exclusions with their reasons and positions). Both keep the shipments' order.
    With active ``grades``, ``ships`` carries ``reliability`` and ``credibility``."""
    schema = SHIPMENT_SCHEMA if not (grades and grades.active) else GRADED_SCHEMA
    f = ships.select(list(schema)).cast(schema).with_row_index("row")
    f = f.with_columns(canon=canonical_unit(catalogue, pl.col("item")),
                       out_reason=out_reasons(f["event_id"], out))  # null unless out
    if grades and grades.active:  # step 9: after visibility, before conversion
        f = f.with_columns(out_reason=pl.coalesce(
            "out_reason", pl.when(grades.below()).then(grades.reason())))
    convert = pl.col("out_reason").is_null() & (pl.col("unit") != pl.col("canon"))
    factors = pick_factors(f.filter(convert).select("row", "unit", "canon", "item",
                                                    day="end_date"), convs)
    # the rest as one lazy plan: each output takes only its own columns and rows
    f_lazy = f.lazy().join(factors.lazy(), on="row", how="left", maintain_order="left")
    f_lazy = f_lazy.with_columns(
        reason=pl.when(pl.col("out_reason").is_not_null()).then(pl.col("out_reason"))
        .when(convert & pl.col("f_central").is_null()).then(pl.format(
            "no visible conversion from {} to {} for {} valid on {}", "unit", "canon", "item",
            pl.col("end_date").cast(pl.String))))
    excluded = f_lazy.filter(pl.col("reason").is_not_null()).select(
        *FLOW_KEYS, date="end_date", event_id="event_id", reason="reason", position="position")
    step4 = bounds(pl.col("quantity"), pl.col("quantity_low"), pl.col("quantity_high"))
    claims = f_lazy.filter(pl.col("reason").is_null()).select(
        *FLOW_KEYS, day="end_date", increment=pl.col("measure") == "increment",
        position="position", start="start_date", event_id="event_id",
        **{b: pl.when(convert).then(step4[b] * pl.col(k)).otherwise(step4[b])
           for b, k in (("low", "f_low"), ("central", "f_central"), ("high", "f_high"))})
    claims_out, excluded_out = pl.collect_all([claims, excluded])
    return claims_out, excluded_out


# -- putting it together ------------------------------------------------------------------
def timeline_frames(events: pl.DataFrame, catalogue: Catalogue,
                    only: set[tuple[str, str, str]] | None = None,
                    out: dict[str, tuple[str, str]] | None = None,
                    convs: list[Factors] | None = None,
                    history: dict[tuple[str, str, str], list[WalkState]] | None = None,
                    grades: Grades | None = None,
                    ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Emitted states (flow, date, raw_low, raw_central, raw_high and the claims they come
    from) and exclusions (flow, date, event_id, reason) of every flow with a shipment claim
    in ``events`` (or of ``only``), computed in one pass.
    ``history`` resumes flows from states already emitted (see ``walk_frame``)."""
    out = out_events(events) if out is None else out
    convs = conversions_of(events, out) if convs is None else convs
    # only the columns the walk reads: filtering all of a wide frame's columns costs a report
    # time on every call
    schema = GRADED_SCHEMA if grades and grades.active else SHIPMENT_SCHEMA
    ships = events.lazy().filter(pl.col("type") == "shipment").select(list(schema))
    if only is not None:
        ships = ships.join(flow_frame(only).lazy(), on=FLOW_KEYS, how="semi",
                           maintain_order="left")
    claims, excluded = claims_frame(ships.collect(), catalogue, convs, out, grades)
    # by flow, then log position, whatever order the shipments came in
    return walk_frame(claims, history), excluded.sort(*FLOW_KEYS, "position").drop("position")


def all_timelines(events: pl.DataFrame, catalogue: Catalogue,
                  only: set[tuple[str, str, str]] | None = None, grades: Grades | None = None
                  ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Timelines of every flow (or of ``only``): (rows frame ``FLOW_SCHEMA``, excluded
    frame), sorted by flow then date (rows) or position (exclusions)."""
    states, excluded = timeline_frames(events, catalogue, only, grades=grades)
    rows = finish(states).with_columns(unit=canonical_unit(catalogue, pl.col("item")))
    return (rows.select(list(FLOW_SCHEMA)),
            excluded.select(*FLOW_KEYS, "event_id", "reason"))


def compute_timeline(events: pl.DataFrame, catalogue: Catalogue, supplier: str, recipient: str,
                     item: str, *, freq: str = "event", as_of: dt.date | None = None,
                     out: dict[str, tuple[str, str]] | None = None,
                     convs: list[Factors] | None = None,
                     grades: Grades | None = None) -> Timeline:
    """The timeline of one flow from already-visible events (SPEC §5)."""
    unit = catalogue.items[item].unit
    states, excluded = timeline_frames(events, catalogue, {(supplier, recipient, item)}, out,
                                       convs, grades=grades)
    rows = finish(states).select(list(ROW_SCHEMA))
    return Timeline(supplier, recipient, item, unit, regrid(rows, freq, as_of),
                    excluded.select("event_id", "reason").to_dicts())


def flows(events: pl.DataFrame) -> list[tuple[str, str, str]]:
    """Every (supplier, recipient, item) with at least one shipment claim, sorted."""
    ships = events.filter(pl.col("type") == "shipment")
    keys = ships.select(FLOW_KEYS).unique()
    return sorted(keys.iter_rows())
