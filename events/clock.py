"""The one clock every "now" and "today" comes from.

Real UTC time, unless ``$SUPPLYLINE_NOW`` pins it (an ISO timestamp, e.g.
``2024-06-24T01:00:00Z``): tests run the real service and commands at a chosen hour with it,
and an analyst can reproduce what a scheduled run would have done at a given time.
"""

from __future__ import annotations

import datetime as dt
import os

from .dates import parse_utc_timestamp

ENV = "SUPPLYLINE_NOW"


def utcnow() -> dt.datetime:
    """The current UTC time as a naive datetime (the log's convention)."""
    pinned = os.environ.get(ENV)
    if pinned:
        try:
            return parse_utc_timestamp(pinned)
        except ValueError:
            raise ValueError(f"${ENV}: {pinned!r} is not an ISO timestamp "
                             "(e.g. 2024-06-24T01:00:00Z)") from None
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def utc_today() -> dt.date:
    """Today's date in UTC."""
    return utcnow().date()
