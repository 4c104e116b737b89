"""What the drafting rule tests share: a Thursday to draft against, and the records the
drafter proposes for a sentence of our own."""

from __future__ import annotations

import datetime as dt
from typing import Any

from supplyline.events import Catalogue
from supplyline.ingest.draft import draft_text

DAY = dt.date(2024, 6, 27)  # a Thursday


def records(text: str) -> list[dict[str, Any]]:
    """The records of the candidates drafted from ``text`` (reported on ``DAY``)."""
    return [c["record"] for c in draft_text(text, Catalogue.builtin(), document="test.txt",
                                            reported_on=DAY, via="Test Wire")]


def fields(record: dict[str, Any], *names: str) -> dict[str, Any]:
    return {n: record.get(n) for n in names}


def kind_and_bounds(record: dict[str, Any]) -> tuple[Any, ...]:
    """(type, metric, quantity, quantity_low, quantity_high): what quantity recall scores."""
    return (record["type"], record.get("metric"), record.get("quantity"),
            record.get("quantity_low"), record.get("quantity_high"))
