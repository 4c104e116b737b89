"""Claim comparison: every shipment claim of a flow side by side, in the canonical unit."""

from __future__ import annotations

import statistics
from typing import Any

import polars as pl

from events import Catalogue

from .frames import out_events
from .timeline import Conversion, _scale, choose_conversion, claim_bounds, conversions_of


def compare_claims(events: pl.DataFrame, catalogue: Catalogue, supplier: str, recipient: str,
                   item: str, *, out: dict[str, tuple[str, str]] | None = None,
                   convs: list[Conversion] | None = None) -> dict[str, Any]:
    """Each claim with source, grades and state (in_use, retracted, superseded,
    unconvertible); min/median/max of the central values of the claims in use.

    ``out`` and ``convs`` may be passed in when comparing many flows of the same events.
    """
    unit = catalogue.items[item].unit
    out = out_events(events) if out is None else out
    convs = conversions_of(events, out) if convs is None else convs
    ships = events.filter((pl.col("type") == "shipment") & (pl.col("supplier") == supplier)
                          & (pl.col("recipient") == recipient) & (pl.col("item") == item))
    claims = []
    for r in ships.sort(["end_date", "position"]).iter_rows(named=True):
        bounds = claim_bounds(r["quantity"], r["quantity_low"], r["quantity_high"])
        conv_id = None
        if r["unit"] != unit:
            conv = choose_conversion(convs, r["unit"], unit, item, r["end_date"])
            bounds = _scale(bounds, conv.factors) if conv else (None, None, None)
            conv_id = conv.event_id if conv else None
        if r["event_id"] in out:
            state, by = out[r["event_id"]]
        elif r["unit"] != unit and conv_id is None:
            state, by = "unconvertible", None
        else:
            state, by = "in_use", None
        claims.append({
            "event_id": r["event_id"], "position": r["position"],
            "reported_on": r["reported_on"].isoformat(), "date": r["end_date"].isoformat(),
            "source": r["source"], "via": r["via"], "reliability": r["reliability"],
            "credibility": r["credibility"], "measure": r["measure"],
            "period_start": r["period_start"], "period_end": r["period_end"],
            "quantity_low": r["quantity_low"], "quantity": r["quantity"],
            "quantity_high": r["quantity_high"], "claim_unit": r["unit"],
            "conversion": conv_id, "low": bounds[0], "central": bounds[1], "high": bounds[2],
            "state": state, "state_by": by,
        })
    used = [c["central"] for c in claims if c["state"] == "in_use" and c["central"] is not None]
    return {"supplier": supplier, "recipient": recipient, "item": item, "unit": unit,
            "claims": claims, "min": min(used) if used else None,
            "median": float(statistics.median(used)) if used else None,
            "max": max(used) if used else None}
