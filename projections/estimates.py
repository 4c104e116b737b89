"""The latest estimate per subject and metric (stocks, rates, capacity, shares)."""

from __future__ import annotations

import polars as pl

from .frames import out_events

KEY = ["metric", "subject", "supplier", "recipient", "item", "per"]


def latest_estimates(events: pl.DataFrame) -> pl.DataFrame:
    """For each (metric, subject, supplier, recipient, item, per): the estimate about the
    most recent period (ties: reported later, then higher position), ignoring retracted and
    superseded ones. A later report about an older period does not replace a newer figure."""
    out = list(out_events(events))
    est = events.filter((pl.col("type") == "estimate") & ~pl.col("event_id").is_in(out))
    cols = [*KEY, "quantity_low", "quantity", "quantity_high", "unit", "period_start",
            "period_end", "reported_on", "source", "via", "reliability", "credibility",
            "event_id", "position"]
    return (est.sort(["end_date", "reported_on", "position"])
            .group_by(KEY, maintain_order=True).last()
            .select(cols)
            .sort(["metric", "subject", "item", "per"], nulls_last=True))
