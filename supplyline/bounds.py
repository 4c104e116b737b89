"""Dates and weeks a user may ask for: the realistic range of events/limits.py (years
1900-2200), so that no week grid, report or projection runs off the calendar."""

from __future__ import annotations

import datetime as dt

from supplyline.events.limits import FIRST_DATE, LAST_DATE, date_problem


def checked_week(year_week: tuple[int, int]) -> tuple[int, int]:
    """``(year, week)`` back, or ValueError when the week lies outside 1900-2200."""
    year, week = year_week
    if not FIRST_DATE.year <= year <= LAST_DATE.year:
        raise ValueError(f"{year:04d}-W{week:02d} is outside the years reports cover "
                         f"({FIRST_DATE.year}-{LAST_DATE.year})")
    return year, week


def checked_date(name: str, day: dt.date | None) -> dt.date | None:
    """``day`` back (or None), or ValueError naming ``name`` when it is out of range."""
    if day is not None:
        problem = date_problem(day)
        if problem:
            raise ValueError(f"{name}: {problem}")
    return day
