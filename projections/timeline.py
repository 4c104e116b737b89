"""The cumulative supply timeline of a flow, by the method of SPEC §5 (version 1).

Pure functions of an events frame (already filtered by as-of / at-position); the walk is
sequential by nature (increments build on earlier emitted state), so it runs per flow over
plain tuples, and results come back as polars frames.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from events import Catalogue

from .frames import out_events

METHOD_VERSION = 1
ROW_SCHEMA = {"date": pl.Date, "low": pl.Float64, "central": pl.Float64, "high": pl.Float64,
              "conflict": pl.Boolean}
FLOW_SCHEMA = {"supplier": pl.String, "recipient": pl.String, "item": pl.String,
               "unit": pl.String, **ROW_SCHEMA}
Triple = tuple[float | None, float | None, float | None]


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
                      "conflict": bool(r["conflict"])} for r in self.rows.iter_rows(named=True)],
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


# -- step 3: conversion -------------------------------------------------------------------
@dataclass(frozen=True)
class Conversion:
    event_id: str
    position: int
    from_unit: str
    to_unit: str
    item: str | None
    start: dt.date | None
    factors: Triple  # low, central, high; never None


def conversions_of(events: pl.DataFrame, out: dict[str, Any]) -> list[Conversion]:
    convs = events.filter(pl.col("type") == "conversion")
    result = []
    for r in convs.iter_rows(named=True):
        if r["event_id"] in out:
            continue
        f, lo, hi = r["factor"], r["factor_low"], r["factor_high"]
        low = lo if lo is not None else f
        high = hi if hi is not None else f
        central = f if f is not None else (low + high) / 2  # type: ignore[operator]
        result.append(Conversion(r["event_id"], r["position"], r["from_unit"], r["to_unit"],
                                 r["item"], r["start_date"], (low, central, high)))
    return result


def choose_conversion(convs: Iterable[Conversion], from_unit: str, to_unit: str, item: str,
                      day: dt.date) -> Conversion | None:
    """Item-specific before generic; then the latest valid-from not after ``day``;
    absent valid-from means valid always; ties go to the higher position."""
    valid = [c for c in convs if c.from_unit == from_unit and c.to_unit == to_unit
             and c.item in (item, None) and (c.start is None or c.start <= day)]
    pool = [c for c in valid if c.item == item] or [c for c in valid if c.item is None]
    if not pool:
        return None
    return max(pool, key=lambda c: (c.start or dt.date.min, c.position))


# -- step 4: bounds of one claim ----------------------------------------------------------
def claim_bounds(q: float | None, lo: float | None, hi: float | None) -> Triple:
    """Only quantity: all three equal. Otherwise the given bounds, the missing side
    unbounded (None); central is quantity, else the mean of both bounds, else the one bound."""
    if lo is None and hi is None:
        return q, q, q
    central: float | None
    if q is not None:
        central = q
    elif lo is not None and hi is not None:
        central = (lo + hi) / 2
    else:
        central = lo if lo is not None else hi
    return lo, central, hi


def _scale(b: Triple, f: Triple) -> Triple:
    """Multiply each bound by its factor (factors are never None); None stays None."""
    lo, ce, hi = (None if v is None or k is None else v * k for v, k in zip(b, f, strict=True))
    return lo, ce, hi


# A claim in the canonical unit: (day, is_increment, position, period start, low, central,
# high). ``day`` is the claim's date, the end of its period_end. Plain tuples: this is the
# hot loop of a full rebuild.
Claim = tuple[dt.date, bool, int, dt.date | None, float | None, float | None, float | None]
SHIPMENT_COLUMNS = ["event_id", "position", "end_date", "measure", "start_date", "unit",
                    "quantity", "quantity_low", "quantity_high", "item"]


def flow_claims(shipments: pl.DataFrame, unit: str, convs: list[Conversion],
                out: dict[str, tuple[str, str]]) -> tuple[list[Claim], list[dict[str, str]]]:
    """Steps 2-4: the flow's claims in the canonical unit, and what had to be left out
    (``{"event_id", "reason", "date"}``; ``public_excluded`` drops the date for output)."""
    claims: list[Claim] = []
    excluded = []
    memo: dict[tuple[str, str | None, dt.date], Conversion | None] = {}
    for eid, pos, day, measure, start, u, q, lo, hi, item in (
            shipments.select(SHIPMENT_COLUMNS).iter_rows()):
        if eid in out:
            how, by = out[eid]
            excluded.append({"event_id": eid, "reason": f"{how} by {by}", "date": day})
            continue
        bounds = claim_bounds(q, lo, hi)
        if u != unit:
            key = (u, item, day)
            if key not in memo:
                memo[key] = choose_conversion(convs, u, unit, item, day)
            conv = memo[key]
            if conv is None:
                excluded.append({"event_id": eid, "date": day, "reason": (
                    f"no visible conversion from {u} to {unit} for {item} valid on "
                    f"{day.isoformat()}")})
                continue
            bounds = _scale(bounds, conv.factors)
        claims.append((day, measure == "increment", pos, start, *bounds))
    return claims, excluded


# -- steps 5-7: walk, envelope, clip ------------------------------------------------------
Row = tuple[dt.date, float | None, float | None, float | None, bool]


State = tuple[dt.date, float | None, float | None, float | None]  # (date, L, C, H) emitted


def walk_states(claims: list[Claim], history: list[State] | None = None) -> list[State]:
    """Step 5: run the state machine; returns the states emitted (date, L, C, H), before
    the envelope and clipping.

    ``history`` resumes a walk: the states already emitted on dates before every claim in
    ``claims`` (ascending). Increments look their base up in it, and the running state
    starts from its last entry, exactly as if the walk had run over those dates again.
    """
    ordered = sorted(claims, key=lambda c: (c[0], c[1], c[2]))
    days: list[dt.date] = [h[0] for h in history or []]
    states: list[Triple] = [h[1:] for h in history or []]  # type: ignore[misc]
    L, C, H = states[-1] if states else (None, None, None)
    emitted: list[State] = []
    n = len(ordered)
    for i, (day, increment, _pos, start, low, central, high) in enumerate(ordered):
        if increment:
            # the state last emitted on a date before the increment's period start
            j = bisect.bisect_left(days, start) if start is not None else len(days)
            b = states[j - 1] if j else (0.0, 0.0, 0.0)
            low = None if low is None or b[0] is None else b[0] + low
            central = None if central is None or b[1] is None else b[1] + central
            high = None if high is None or b[2] is None else b[2] + high
        if low is not None and (L is None or low > L):
            L = low
        C, H = central, high
        if i + 1 == n or ordered[i + 1][0] != day:
            days.append(day)
            states.append((L, C, H))
            emitted.append((day, L, C, H))
    return emitted


def finish(states: list[State]) -> list[Row]:
    """Steps 6-7: the upper envelope (highs never fall going forward), then clip central
    into [low, high] (nulls ignored); a row whose low exceeds its high is a conflict."""
    rows: list[Row] = []
    ceiling: float | None = None
    for day, lo, ce, hi in reversed(states):
        if hi is not None and (ceiling is None or hi < ceiling):
            ceiling = hi
        hi = ceiling
        if ce is not None and lo is not None and ce < lo:
            ce = lo
        if ce is not None and hi is not None and ce > hi:
            ce = hi
        rows.append((day, lo, ce, hi, lo is not None and hi is not None and lo > hi))
    rows.reverse()
    return rows


def walk(claims: list[Claim]) -> list[Row]:
    """Steps 5-7: rows (date, low, central, high, conflict) of one flow's claims."""
    return finish(walk_states(claims))


# -- step 8: grids ------------------------------------------------------------------------
def period_end(day: dt.date, freq: str) -> dt.date:
    if freq == "week":
        return day + dt.timedelta(days=6 - day.weekday())
    nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def regrid(rows: pl.DataFrame, freq: str, until: dt.date | None) -> pl.DataFrame:
    """One row per calendar week/month, dated at its end, carrying the last event row."""
    if freq == "event" or rows.height == 0:
        return rows
    first = period_end(rows["date"][0], freq)
    last = period_end(until or rows["date"][-1], freq)
    ends = []
    day = first
    while day <= last:
        ends.append(day)
        day = period_end(day + dt.timedelta(days=1), freq)
    grid = pl.DataFrame({"date": ends}, schema={"date": pl.Date})
    return grid.join_asof(rows.sort("date"), on="date", strategy="backward")


# -- putting it together ------------------------------------------------------------------
def compute_timeline(events: pl.DataFrame, catalogue: Catalogue, supplier: str, recipient: str,
                     item: str, *, freq: str = "event", as_of: dt.date | None = None,
                     out: dict[str, tuple[str, str]] | None = None,
                     convs: list[Conversion] | None = None) -> Timeline:
    """The timeline of one flow from already-visible events (SPEC §5)."""
    unit = catalogue.items[item].unit
    out = out_events(events) if out is None else out
    convs = conversions_of(events, out) if convs is None else convs
    ships = events.filter((pl.col("type") == "shipment") & (pl.col("supplier") == supplier)
                          & (pl.col("recipient") == recipient) & (pl.col("item") == item))
    claims, excluded = flow_claims(ships, unit, convs, out)
    rows = pl.DataFrame(walk(claims), schema=ROW_SCHEMA, orient="row")
    return Timeline(supplier, recipient, item, unit, regrid(rows, freq, as_of),
                    public_excluded(excluded))


def public_excluded(excluded: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Excluded claims as the JSON of SPEC §4: event_id and reason."""
    return [{"event_id": e["event_id"], "reason": e["reason"]} for e in excluded]


def flows(events: pl.DataFrame) -> list[tuple[str, str, str]]:
    """Every (supplier, recipient, item) with at least one shipment claim, sorted."""
    ships = events.filter(pl.col("type") == "shipment")
    keys = ships.select("supplier", "recipient", "item").unique()
    return sorted(keys.iter_rows())  # type: ignore[arg-type]


def timelines_by_flow(events: pl.DataFrame, catalogue: Catalogue,
                      only: set[tuple[str, str, str]] | None = None,
                      out: dict[str, tuple[str, str]] | None = None,
                      convs: list[Conversion] | None = None,
                      history: dict[tuple[str, str, str], list[State]] | None = None,
                      raw: bool = False,
                      ) -> dict[tuple[str, str, str], tuple[list[Any], list[dict[str, Any]]]]:
    """Rows and exclusions of every flow (or of ``only``), computed in one pass.

    ``raw`` returns the emitted states instead of finished rows; ``history`` resumes
    flows from states already emitted (see ``walk_states``).
    """
    out = out_events(events) if out is None else out
    convs = conversions_of(events, out) if convs is None else convs
    ships = events.filter(pl.col("type") == "shipment").select(
        "supplier", "recipient", *SHIPMENT_COLUMNS)
    if only is not None:
        keys = pl.DataFrame(sorted(only), schema={"supplier": pl.String,
                                                  "recipient": pl.String, "item": pl.String},
                            orient="row")
        ships = ships.join(keys, on=["supplier", "recipient", "item"], how="semi")
    result = {}
    groups = ships.partition_by(["supplier", "recipient", "item"], as_dict=True,
                                maintain_order=True)
    for key in sorted(groups):  # type: ignore[type-var]
        flow = tuple(key)
        unit = catalogue.items[flow[2]].unit
        claims, excluded = flow_claims(groups[key], unit, convs, out)
        states = walk_states(claims, (history or {}).get(flow))  # type: ignore[arg-type]
        result[flow] = (states if raw else finish(states), excluded)
    return result  # type: ignore[return-value]


def all_timelines(events: pl.DataFrame, catalogue: Catalogue,
                  only: set[tuple[str, str, str]] | None = None
                  ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Timelines of every flow (or of ``only``): (rows frame, excluded frame), sorted."""
    parts, excl = [], []
    for (supplier, recipient, item), (rows, excluded) in timelines_by_flow(
            events, catalogue, only).items():
        unit = catalogue.items[item].unit
        parts += [(supplier, recipient, item, unit, *r) for r in rows]
        excl += [(supplier, recipient, item, e["event_id"], e["reason"]) for e in excluded]
    rows_frame = pl.DataFrame(parts, schema=FLOW_SCHEMA, orient="row")
    excluded_frame = pl.DataFrame(excl, schema={"supplier": pl.String, "recipient": pl.String,
                                                "item": pl.String, "event_id": pl.String,
                                                "reason": pl.String}, orient="row")
    return rows_frame, excluded_frame
