"""Numbers the way people read and write them: reading "3 million" or "3,000,000" (to tell
a user how to write it in a record, where fields hold plain numbers), and the one formatter
of numbers for people (tables, reports, pages)."""

from __future__ import annotations

import math
import re
from typing import Any

_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "millions": 1e6,
           "b": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9}
_WRITTEN = re.compile(r"^\s*(?P<num>\d[\d,. \u00a0']*)\s*(?P<scale>[a-z]+)?\s*$", re.I)


def as_plain_number(text: str) -> float | None:
    """The number ``text`` means, if it is digits with thousands separators and/or a scale
    word ("3 million", "3,000,000", "1.6m", "2 bn", "1,6 million"); None otherwise."""
    m = _WRITTEN.match(text)
    if not m:
        return None
    digits = m["num"].replace("\u00a0", "").replace(" ", "").replace("'", "")
    scale = (m["scale"] or "").lower()
    if scale and scale not in _SCALES:
        return None
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", digits):  # 3,000,000 or 1,234.5
        digits = digits.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", digits):  # 3.000.000 or 1.234,5
        digits = digits.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+,\d+", digits):  # a decimal comma: 1,6 million
        digits = digits.replace(",", ".")
    try:
        value = float(digits) * _SCALES.get(scale, 1.0)
    except ValueError:
        return None
    return value


def plain(value: float) -> str:
    """``3000000`` rather than ``3000000.0`` or ``3e6``."""
    return str(int(value)) if value.is_integer() else repr(value)


def fmt_number(value: Any, missing: str = "–") -> str:
    """A number for people: thousands separators, two decimals only when needed;
    ``missing`` for None and NaN; anything else as its text."""
    if value is None:
        return missing
    if isinstance(value, float):
        if math.isnan(value):
            return missing
        if value.is_integer() and abs(value) < 1e15:
            return f"{int(value):,}"
        return f"{value:,.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)
