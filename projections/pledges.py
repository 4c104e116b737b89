"""Pledge fulfilment (SPEC §6): each pledge against its flow's timeline at the as-of date."""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction
from typing import Any

import polars as pl

from events import Catalogue

from .frames import out_events
from .timeline import (
    ROW_SCHEMA,
    Row,
    Timeline,
    _scale,
    choose_conversion,
    claim_bounds,
    conversions_of,
    timelines_by_flow,
)

PLEDGE_COLUMNS = ["event_id", "supplier", "recipient", "item", "unit", "pledged", "due_by",
                  "delivered_low", "delivered_central", "delivered_high", "fulfilment",
                  "status", "projected_completion"]
PLEDGE_SCHEMA = {"event_id": pl.String, "supplier": pl.String, "recipient": pl.String,
                 "item": pl.String, "unit": pl.String, "pledged": pl.Float64,
                 "due_by": pl.String, "delivered_low": pl.Float64,
                 "delivered_central": pl.Float64, "delivered_high": pl.Float64,
                 "fulfilment": pl.Float64, "status": pl.String,
                 "projected_completion": pl.Date}


def projected_completion(tl: Timeline, start: dt.date, as_of: dt.date,
                         pledged: float) -> dt.date | None:
    """Linear extrapolation from the central value at the pledge's start to the last row on
    or before the as-of date, rounded up to a whole day; None when the rate is not positive."""
    base = tl.value_at(start)
    v0 = base["central"] if base else 0.0
    last = tl.value_at(as_of)
    if last is None or last["central"] is None:
        return None
    d1, v1 = last["date"], last["central"]
    days = (d1 - start).days
    if days <= 0 or v1 <= v0:
        return None
    # exact arithmetic: a float quotient like 62.00000000000001 must not round up to 63
    needed = Fraction(pledged - v1) * days / Fraction(v1 - v0)
    return d1 + dt.timedelta(days=math.ceil(needed))


def pledge_status(events: pl.DataFrame, catalogue: Catalogue, as_of: dt.date,
                  timelines: dict[tuple[str, str, str], list[Row]] | None = None
                  ) -> pl.DataFrame:
    """Every visible pledge that is not out, with its fulfilment at ``as_of``.

    ``timelines`` may carry the rows of already-computed flow timelines (same events);
    flows missing from it are computed here.
    """
    out = out_events(events)
    convs = conversions_of(events, out)
    pledges = events.filter((pl.col("type") == "pledge")
                            & ~pl.col("event_id").is_in(list(out)))
    wanted = {(p["supplier"], p["recipient"], p["item"])
              for p in pledges.select("supplier", "recipient", "item").iter_rows(named=True)}
    known = timelines or {}
    missing = {f for f in wanted if f not in known}
    computed = {f: r for f, (r, _) in timelines_by_flow(events, catalogue, missing, out,
                                                         convs).items()} if missing else {}
    computed.update({f: known[f] for f in wanted if f in known})
    cache: dict[tuple[str, str, str], Timeline] = {}
    rows: list[dict[str, Any]] = []
    for p in pledges.iter_rows(named=True):
        flow = (p["supplier"], p["recipient"], p["item"])
        unit = catalogue.items[p["item"]].unit
        row = {k: p.get(k) for k in ("event_id", "supplier", "recipient", "item", "due_by")}
        row.update(unit=unit, pledged=None, delivered_low=None, delivered_central=None,
                   delivered_high=None, fulfilment=None, projected_completion=None)
        central = claim_bounds(p["quantity"], p["quantity_low"], p["quantity_high"])[1]
        if p["unit"] != unit:
            conv = choose_conversion(convs, p["unit"], unit, p["item"], p["due_date"])
            if conv is None or central is None:
                rows.append({**row, "status": "unconvertible"})
                continue
            central = _scale((central, central, central), conv.factors)[1]
        if flow not in cache:
            cache[flow] = Timeline(*flow, unit, pl.DataFrame(computed.get(flow, []),
                                                             schema=ROW_SCHEMA, orient="row"))
        tl = cache[flow]
        pledged = float(central)  # type: ignore[arg-type]
        now = tl.value_at(as_of)
        delivered = (now["low"], now["central"], now["high"]) if now else (None, None, None)
        row.update(pledged=pledged, delivered_low=delivered[0], delivered_central=delivered[1],
                   delivered_high=delivered[2])
        got = delivered[1]
        if got is not None and pledged > 0:
            row["fulfilment"] = got / pledged
        if got is not None and got >= pledged:
            status = "fulfilled"
        else:
            row["projected_completion"] = projected_completion(tl, p["start_date"], as_of,
                                                               pledged)
            if as_of > p["due_date"]:
                status = "overdue"
            elif got is None:
                status = "unknown"
            elif (row["projected_completion"] is not None
                  and row["projected_completion"] <= p["due_date"]):
                status = "on_track"
            else:
                status = "behind"
        rows.append({**row, "status": status})
    return pl.DataFrame(rows, schema=PLEDGE_SCHEMA).select(PLEDGE_COLUMNS)
