"""Realistic ranges for numbers and dates (docs/security.md).

A claim about munitions supply never needs a quantity of 1e308 or a date in the year 9999,
and such values break the arithmetic and calendars downstream (sums overflow to infinity,
week grids run past the last date Python knows). So input is checked against these bounds;
the quantity and factor bounds can be changed with environment variables, the dates cannot:

- ``SUPPLYLINE_MAX_QUANTITY`` (default 1e12): the largest ``quantity``, ``quantity_low`` and
  ``quantity_high``, in any unit (a trillion covers every stock, rate and budget in EUR/USD);
- ``SUPPLYLINE_MAX_FACTOR`` (default 1e9) and ``SUPPLYLINE_MIN_FACTOR`` (default 1e-9): the
  range of conversion factors;
- every date between ``FIRST_DATE`` (1900-01-01) and ``LAST_DATE`` (2200-12-31).

With the defaults, a converted quantity is at most 1e21, and a sum of a billion of them is
still far from overflowing a float.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass

FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2200, 12, 31)
DATE_RANGE = f"between {FIRST_DATE.year} and {LAST_DATE.year}"


@dataclass(frozen=True)
class Limits:
    max_quantity: float = 1e12
    min_factor: float = 1e-9
    max_factor: float = 1e9
    # fixed for users; a program may pass other Limits as validation context (tests build
    # logs as an older version, without these checks, would have written them)
    first_date: dt.date = FIRST_DATE
    last_date: dt.date = LAST_DATE

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Limits:
        """The defaults, changed by ``SUPPLYLINE_MAX_QUANTITY``, ``SUPPLYLINE_MIN_FACTOR``
        and ``SUPPLYLINE_MAX_FACTOR``; a value that is not a positive number is an error."""
        env = os.environ if env is None else env
        values: dict[str, float] = {}
        for name, key in (("max_quantity", "SUPPLYLINE_MAX_QUANTITY"),
                          ("min_factor", "SUPPLYLINE_MIN_FACTOR"),
                          ("max_factor", "SUPPLYLINE_MAX_FACTOR")):
            text = env.get(key)
            if not text:
                continue
            try:
                value = float(text)
            except ValueError:
                raise ValueError(f"${key}: {text!r} is not a number") from None
            if not 0 < value < float("inf"):
                raise ValueError(f"${key}: must be a positive number, got {text!r}")
            values[name] = value
        limits = cls(**values)  # type: ignore[arg-type]  # only the float fields
        if limits.min_factor > limits.max_factor:
            raise ValueError("$SUPPLYLINE_MIN_FACTOR is larger than $SUPPLYLINE_MAX_FACTOR")
        return limits

    def quantity_problem(self, value: float) -> str | None:
        if value > self.max_quantity:
            return (f"must be at most {self.max_quantity:g} (a realistic quantity; "
                    "$SUPPLYLINE_MAX_QUANTITY changes the bound)")
        return None

    def factor_problem(self, value: float) -> str | None:
        if not self.min_factor <= value <= self.max_factor:
            return (f"must be between {self.min_factor:g} and {self.max_factor:g} (a realistic "
                    "factor; $SUPPLYLINE_MIN_FACTOR and $SUPPLYLINE_MAX_FACTOR change it)")
        return None

    def date_problem(self, day: dt.date) -> str | None:
        if not self.first_date <= day <= self.last_date:
            return f"must be between {self.first_date.year} and {self.last_date.year}"
        return None


_cache: tuple[tuple[str | None, ...], Limits] | None = None


def current_limits() -> Limits:
    """``Limits.from_env()``, read again only when the variables change."""
    global _cache
    key = tuple(os.environ.get(k) for k in ("SUPPLYLINE_MAX_QUANTITY", "SUPPLYLINE_MIN_FACTOR",
                                            "SUPPLYLINE_MAX_FACTOR"))
    if _cache is None or _cache[0] != key:
        _cache = (key, Limits.from_env())
    return _cache[1]


def date_problem(day: dt.date) -> str | None:
    """Why ``day`` is outside the realistic range, or None."""
    if not FIRST_DATE <= day <= LAST_DATE:
        return f"must be {DATE_RANGE} (got {day.isoformat()})"
    return None
