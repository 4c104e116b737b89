"""What several API routes take the same way: the time window, grade filters, a flow named
by codes or names, and dates inside the realistic range."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import HTTPException, Query

from supplyline.events import UnknownCode

from .service import Service


def checked(name: str, day: dt.date | None) -> dt.date | None:
    """A date parameter inside the realistic range (1900-2200), else 422."""
    from .bounds import checked_date

    try:
        return checked_date(name, day)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None


def window(as_of: dt.date | None, at_position: int | None) -> Any:
    """``as_of`` and ``at_position`` as a projection window."""
    from supplyline.projections import Window

    return Window(checked("as_of", as_of), at_position)


def grade_filter(min_reliability: Literal["A", "B", "C", "D", "E", "F"] | None = None,
                 min_credibility: int | None = Query(None, ge=1, le=6)) -> Any:
    """``min_reliability`` and ``min_credibility`` (SPEC §5 step 9)."""
    from supplyline.projections.grades import Grades

    return Grades(min_reliability, min_credibility)


def flow_codes(service: Service, supplier: str, recipient: str, item: str
               ) -> tuple[str, str, str]:
    """A flow's codes from codes or names; an unknown one is 422 naming close ones."""
    cat = service.catalogue
    try:
        return cat.party(supplier), cat.party(recipient), cat.item(item).code
    except UnknownCode as exc:
        raise HTTPException(422, str(exc)) from None


def whole_number(name: str, value: Any) -> int | None:
    """An optional JSON body field that must be a whole number >= 0 (not a boolean)."""
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)
                              or value < 0):
        raise HTTPException(422, f"'{name}' must be a whole number >= 0")
    return value
