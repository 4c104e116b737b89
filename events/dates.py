"""Partial dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) that keep their precision.

A partial date stands for its whole interval: ``2023-11`` is every day of November 2023.
Where one day is needed, a start is the first day of the interval and an end the last.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import core_schema


Precision = Literal["year", "month", "day"]

# Day numbers count from here, as polars' and Arrow's Date type counts them.
EPOCH = dt.date(1970, 1, 1)

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class PartialDate:
    """A date of year, month or day precision; immutable, hashable, ordered by its start."""

    __slots__ = ("_text", "precision", "first", "last")

    def __init__(self, text: str) -> None:
        m = _PATTERN.match(text)
        if not m:
            raise ValueError("must be a date as YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = int(m[1]), m[2], m[3]
        try:
            if day is not None:
                first = last = dt.date(year, int(month), int(day))
                precision: Precision = "day"
            elif month is not None:
                first = dt.date(year, int(month), 1)
                last = dt.date(year, int(month), calendar.monthrange(year, int(month))[1])
                precision = "month"
            else:
                first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
                precision = "year"
        except ValueError as exc:
            raise ValueError(f"not a real date: {text}") from exc
        self._text = text
        self.precision: Precision = precision
        self.first: dt.date = first
        self.last: dt.date = last

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            raise ValueError("must be a date, not a timestamp")
        if isinstance(value, dt.date):
            return cls(value.isoformat())
        if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
            return cls(str(value))
        if not isinstance(value, str):
            raise ValueError("must be a date as YYYY, YYYY-MM or YYYY-MM-DD")
        return _parse_text(value.strip())

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return f"PartialDate({self._text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PartialDate) and other._text == self._text

    def __hash__(self) -> int:
        return hash(self._text)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        from pydantic_core import PydanticCustomError, core_schema  # only models need it

        def validate(value: Any) -> PartialDate:
            try:
                return cls.parse(value)
            except ValueError as exc:
                raise PydanticCustomError("partial_date", str(exc)) from None

        return core_schema.no_info_plain_validator_function(
            validate,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )


@functools.lru_cache(maxsize=65_536)
def _parse_text(text: str) -> PartialDate:
    """Partial dates are immutable, so repeated texts share one parsed object."""
    return PartialDate(text)


def parse_full_date(value: Any) -> dt.date:
    """Parse a full ``YYYY-MM-DD`` date; partial dates are refused."""
    if isinstance(value, dt.datetime):
        raise ValueError("must be a full date YYYY-MM-DD, not a timestamp")
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError("must be a full date YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"not a real date: {value}") from None


def parse_utc_timestamp(value: str) -> dt.datetime:
    """Parse an ISO timestamp; naive means UTC. Returns a naive UTC datetime (microseconds)."""
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        ts = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not an ISO timestamp: {value!r} (e.g. 2024-06-01T00:00:00Z)") from None
    if ts.tzinfo is not None:
        ts = ts.astimezone(dt.UTC).replace(tzinfo=None)
    return ts


def format_utc(ts: dt.datetime) -> str:
    """Format a naive UTC datetime the one way the log uses: ``2024-06-01T00:00:00.000000Z``."""
    return ts.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
