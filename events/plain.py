"""Values in plain formats: strict JSON, and CSV cells a spreadsheet will not run. One of
each for every JSON and CSV the project writes."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from .dates import format_utc


def jsonable(v: Any) -> Any:
    """``v`` with dates as ISO text, timestamps in the log's UTC form
    (``2024-06-01T00:00:00.000000Z``), NaN and infinities as null (strict JSON has
    neither), dicts, lists and tuples converted throughout, and other non-JSON values as
    their text."""
    if v is None or isinstance(v, bool | int | str):
        return v
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    if isinstance(v, dt.datetime):
        return format_utc(v.astimezone(dt.UTC).replace(tzinfo=None) if v.tzinfo else v)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, dict):
        return {k: jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [jsonable(x) for x in v]
    return str(v)


# What a spreadsheet may take as the start of a formula: the ASCII signs, their full-width
# forms (U+FF1D =, U+FF0B +, U+FF0D -, U+FF20 @), which some spreadsheets also accept, and
# the tab and carriage return that can hide one.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value: Any) -> Any:
    """A CSV cell: null as empty, numbers and booleans as they are, lists joined with ';',
    and text a spreadsheet would run as a formula prefixed with a quote."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = ";".join(map(str, value))
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
