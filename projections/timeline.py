"""The cumulative supply timeline of a flow, by the method of SPEC §5 (version 1).

Pure functions of an events frame (already filtered by as-of / at-position); the walk is
sequential by nature (increments build on earlier emitted state), so it runs per flow over
plain tuples, and results come back as polars frames.
"""

from __future__ import annotations

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
        before = self.rows.filter(pl.col("date") <= day)
        return before.row(-1, named=True) if before.height else None


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
    if q is not None:
        central = q
    elif lo is not None and hi is not None:
        central = (lo + hi) / 2
    else:
        central = lo if lo is not None else hi
    return lo, central, hi


def _scale(b: Triple, f: Triple) -> Triple:
    return tuple(None if v is None else v * k for v, k in zip(b, f, strict=True))  # type: ignore[return-value]


@dataclass(frozen=True)
class Claim:
    event_id: str
    position: int
    day: dt.date  # the claim's date: the end of its period_end
    increment: bool
    start: dt.date | None
    bounds: Triple  # in the canonical unit


def flow_claims(shipments: pl.DataFrame, unit: str, convs: list[Conversion],
                out: dict[str, tuple[str, str]]) -> tuple[list[Claim], list[dict[str, str]]]:
    """Steps 2-4: the flow's claims in the canonical unit, and what had to be left out."""
    claims, excluded = [], []
    cols = ["event_id", "position", "end_date", "measure", "start_date", "unit", "quantity",
            "quantity_low", "quantity_high", "item"]
    for eid, pos, day, measure, start, u, q, lo, hi, item in shipments.select(cols).iter_rows():
        if eid in out:
            how, by = out[eid]
            excluded.append({"event_id": eid, "reason": f"{how} by {by}"})
            continue
        bounds = claim_bounds(q, lo, hi)
        if u != unit:
            conv = choose_conversion(convs, u, unit, item, day)
            if conv is None:
                excluded.append({"event_id": eid, "reason": (
                    f"no visible conversion from {u} to {unit} for {item} valid on "
                    f"{day.isoformat()}")})
                continue
            bounds = _scale(bounds, conv.factors)
        claims.append(Claim(eid, pos, day, measure == "increment", start, bounds))
    return claims, excluded


# -- steps 5-7: walk, envelope, clip ------------------------------------------------------
def _add(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a + b


def walk(claims: list[Claim]) -> list[tuple[dt.date, float | None, float | None, float | None,
                                            bool]]:
    """Run the state machine over claims; returns rows (date, low, central, high, conflict)."""
    ordered = sorted(claims, key=lambda c: (c.day, c.increment, c.position))
    emitted: list[tuple[dt.date, Triple]] = []
    L: float | None = None
    C: float | None = None
    H: float | None = None
    for i, c in enumerate(ordered):
        low, central, high = c.bounds
        if c.increment:
            base: Triple = (0.0, 0.0, 0.0)
            for day, state in reversed(emitted):
                if c.start is not None and day < c.start:
                    base = state
                    break
            low, central, high = _add(base[0], low), _add(base[1], central), _add(base[2], high)
        L = low if L is None else (L if low is None else max(L, low))
        C, H = central, high
        if i + 1 == len(ordered) or ordered[i + 1].day != c.day:
            emitted.append((c.day, (L, C, H)))
    rows = []
    ceiling: float | None = None
    for day, (lo, ce, hi) in reversed(emitted):  # step 6: highs never fall going forward
        if hi is not None:
            ceiling = hi if ceiling is None else min(ceiling, hi)
        hi = ceiling
        # step 7: clip central into [low, high], nulls ignored
        if ce is not None and lo is not None:
            ce = max(ce, lo)
        if ce is not None and hi is not None:
            ce = min(ce, hi)
        conflict = lo is not None and hi is not None and lo > hi
        rows.append((day, lo, ce, hi, conflict))
    rows.reverse()
    return rows


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
    return Timeline(supplier, recipient, item, unit, regrid(rows, freq, as_of), excluded)


def flows(events: pl.DataFrame) -> list[tuple[str, str, str]]:
    """Every (supplier, recipient, item) with at least one shipment claim, sorted."""
    ships = events.filter(pl.col("type") == "shipment")
    keys = ships.select("supplier", "recipient", "item").unique()
    return sorted(keys.iter_rows())  # type: ignore[arg-type]


def all_timelines(events: pl.DataFrame, catalogue: Catalogue,
                  only: set[tuple[str, str, str]] | None = None
                  ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Timelines of every flow (or of ``only``): (rows frame, excluded frame), sorted."""
    out = out_events(events)
    convs = conversions_of(events, out)
    ships = events.filter(pl.col("type") == "shipment")
    parts, excl = [], []
    groups = ships.partition_by(["supplier", "recipient", "item"], as_dict=True,
                                maintain_order=True)
    for key in sorted(groups):  # type: ignore[type-var]
        supplier, recipient, item = key  # type: ignore[misc]
        if only is not None and (supplier, recipient, item) not in only:
            continue
        unit = catalogue.items[item].unit
        claims, excluded = flow_claims(groups[key], unit, convs, out)
        for r in walk(claims):
            parts.append((supplier, recipient, item, unit, *r))
        excl += [(supplier, recipient, item, e["event_id"], e["reason"]) for e in excluded]
    rows = pl.DataFrame(parts, schema=FLOW_SCHEMA, orient="row")
    excluded_frame = pl.DataFrame(excl, schema={"supplier": pl.String, "recipient": pl.String,
                                                "item": pl.String, "event_id": pl.String,
                                                "reason": pl.String}, orient="row")
    return rows, excluded_frame
