"""A second, deliberately plain implementation of SPEC §5, claim by claim in Python.

The product computes every flow at once with polars (conversion picked by as-of joins) and a
single pass over column lists; this transcription of the text is the oracle the property
tests hold it to.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import Any

import polars as pl

from supplyline.events import Catalogue
from supplyline.projections import conversions_of, out_events
from supplyline.projections.conversion import Factors


def choose_conversion(convs: list[Factors], from_unit: str, to_unit: str, item: str,
                      day: dt.date) -> Factors | None:
    """Step 3: item-specific before generic; then the latest valid-from not after ``day``;
    absent valid-from means valid always; ties go to the higher position."""
    valid = [c for c in convs if c.from_unit == from_unit and c.to_unit == to_unit
             and c.item in (item, None) and (c.start is None or c.start <= day)]
    pool = [c for c in valid if c.item == item] or [c for c in valid if c.item is None]
    if not pool:
        return None
    return max(pool, key=lambda c: (c.start or dt.date.min, c.position))


def claim_bounds(q: Any, lo: Any, hi: Any) -> tuple[Any, Any, Any]:
    """Step 4: only quantity gives all three; otherwise the given bounds, the missing side
    unbounded; central is quantity, else the mean of both bounds, else the one bound."""
    if lo is None and hi is None:
        return q, q, q
    if q is not None:
        return lo, q, hi
    if lo is not None and hi is not None:
        return lo, (lo + hi) / 2, hi
    return lo, lo if lo is not None else hi, hi


def below(r: dict[str, Any], min_reliability: str | None, min_credibility: int | None) -> bool:
    """Step 9: graded below the filter (reliability later in A-F, or credibility higher)."""
    return ((min_reliability is not None and r["reliability"] > min_reliability)
            or (min_credibility is not None and r["credibility"] > min_credibility))


def reference_rows(events: pl.DataFrame, cat: Catalogue, flow: tuple[str, str, str],
                   min_reliability: str | None = None, min_credibility: int | None = None
                   ) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """Rows (date, low, central, high, conflict, low_from, central_from, high_from) and
    exclusions of one flow, claim by claim as SPEC §5 (version 2) words it."""
    supplier, recipient, item = flow
    unit = cat.items[item].unit
    out = out_events(events)
    convs = conversions_of(events, out)
    claims, excluded = [], []
    for r in events.filter(pl.col("type") == "shipment").iter_rows(named=True):
        if (r["supplier"], r["recipient"], r["item"]) != flow:
            continue
        day = r["end_date"]
        if r["event_id"] in out:  # step 1
            how, by = out[r["event_id"]]
            excluded.append({"event_id": r["event_id"], "reason": f"{how} by {by}"})
            continue
        if below(r, min_reliability, min_credibility):  # step 9
            excluded.append({"event_id": r["event_id"], "reason": (
                f"below the grade filter ({r['reliability']}{r['credibility']})")})
            continue
        low, central, high = claim_bounds(r["quantity"], r["quantity_low"], r["quantity_high"])
        if r["unit"] != unit:  # step 3
            c = choose_conversion(convs, r["unit"], unit, item, day)
            if c is None:
                excluded.append({"event_id": r["event_id"], "reason": (
                    f"no visible conversion from {r['unit']} to {unit} for {item} valid on "
                    f"{day.isoformat()}")})
                continue
            low, central, high = (None if v is None else v * k
                                  for v, k in zip((low, central, high), c.factors, strict=True))
        claims.append((day, r["measure"] == "increment", r["position"], r["start_date"],
                       low, central, high, r["event_id"]))
    claims.sort(key=lambda c: (c[0], c[1], c[2]))  # step 5
    days: list[dt.date] = []
    states: list[tuple[Any, ...]] = []
    L = C = H = Lid = Cid = Hid = None
    for i, (day, inc, _pos, start, low, central, high, eid) in enumerate(claims):
        if inc:
            j = bisect.bisect_left(days, start)
            b = states[j - 1] if j else (0.0, None, 0.0, None, 0.0, None)
            low = None if low is None or b[0] is None else low + b[0]
            central = None if central is None or b[2] is None else central + b[2]
            high = None if high is None or b[4] is None else high + b[4]
        if low is not None and (L is None or low > L):  # step 10: ties keep the earlier
            L, Lid = low, eid
        C, Cid = central, (eid if central is not None else None)
        H, Hid = high, (eid if high is not None else None)
        if i + 1 == len(claims) or claims[i + 1][0] != day:
            days.append(day)
            states.append((L, Lid, C, Cid, H, Hid))
    rows = []
    ceiling: tuple[Any, Any] | None = None
    for day, (lo, lf, ce, cf, hi, hf) in reversed(list(zip(days, states, strict=True))):
        # step 6, with step 10's high_from: on equal highs the earlier row keeps its claim
        if hi is not None and (ceiling is None or hi <= ceiling[0]):
            ceiling = (hi, hf)
        hi, hf = ceiling if ceiling is not None else (None, None)
        if ce is not None and lo is not None and ce < lo:  # step 7, step 10's central_from
            ce, cf = lo, lf
        if ce is not None and hi is not None and ce > hi:
            ce, cf = hi, hf
        rows.append({"date": day.isoformat(), "low": lo, "central": ce, "high": hi,
                     "conflict": lo is not None and hi is not None and lo > hi,
                     "basis_date": day.isoformat(), "low_from": lf, "central_from": cf,
                     "high_from": hf})
    rows.reverse()
    return rows, excluded
