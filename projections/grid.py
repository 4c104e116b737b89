"""Step 8 of the timeline method (SPEC §5): a timeline on a calendar grid of weeks or
months."""

from __future__ import annotations

import datetime as dt

import polars as pl


def period_start(day: dt.date, freq: str) -> dt.date:
    """The first day of the calendar week (Monday) or month holding ``day``."""
    if freq == "week":
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1)


def period_end(day: dt.date, freq: str) -> dt.date:
    """The last day of the calendar week (Sunday) or month holding ``day`` (the last date
    there is, past it)."""
    try:
        if freq == "week":
            return day + dt.timedelta(days=6 - day.weekday())
        nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    except OverflowError:  # December 9999, or its last week
        return dt.date.max
    return nxt - dt.timedelta(days=1)


def regrid(rows: pl.DataFrame, freq: str, until: dt.date | None) -> pl.DataFrame:
    """One row per calendar week/month, dated at its end, carrying the last event row."""
    if freq == "event" or rows.height == 0:
        return rows
    first = period_end(rows["date"][0], freq)
    last = period_end(until or rows["date"][-1], freq)
    if first > last:
        ends = pl.Series("date", [], pl.Date)
    elif freq == "week":
        ends = pl.date_range(first, last, "1w", eager=True)
    else:  # month ends: the first of each month through ``last``, moved to its last day
        ends = pl.date_range(first.replace(day=1), last, "1mo", eager=True).dt.month_end()
    grid = pl.DataFrame({"date": ends}, schema={"date": pl.Date})
    return grid.join_asof(rows.sort("date"), on="date", strategy="backward")
