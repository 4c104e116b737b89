"""ISO weeks: parsing ``2024-W25``, their Monday and Sunday, the last complete one."""

from __future__ import annotations

import datetime as dt
import re

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def parse_week(text: str) -> tuple[int, int]:
    m = _WEEK.match(text.strip())
    if not m:
        raise ValueError(f"{text!r} is not an ISO week like 2024-W25")
    year, week = int(m[1]), int(m[2])
    try:
        dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ValueError(f"{year} has no ISO week {week}") from None
    return year, week


def week_label(year: int, week: int) -> str:
    return f"{year}-W{week:02d}"


def week_bounds(year: int, week: int) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the ISO week."""
    return dt.date.fromisocalendar(year, week, 1), dt.date.fromisocalendar(year, week, 7)


def week_of(day: dt.date) -> tuple[int, int]:
    iso = day.isocalendar()
    return iso.year, iso.week


def last_complete_week(today: dt.date) -> tuple[int, int]:
    """The ISO week before the one holding ``today`` (a week is complete after its Sunday)."""
    return week_of(today - dt.timedelta(days=7))
