"""Build an events frame from plain records through the real log (no shortcuts)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import polars as pl

from supplyline.events import Catalogue, EventLog, PartialDate, validate_record
from supplyline.projections import Window, load_events


def validated(records: list[dict[str, Any]], cat: Catalogue) -> list[Any]:
    """The events of valid records (a test's own records must be valid)."""
    events = []
    for r in records:
        event, issues = validate_record(r, cat)
        assert not issues, (r, issues)
        events.append(event)
    return events


def frame(records: list[dict[str, Any]], window: Window = Window()) -> tuple[pl.DataFrame,
                                                                           Catalogue]:
    """Validate and append records in order (one batch), then load what ``window`` sees."""
    cat = Catalogue.builtin()
    events = validated(records, cat)
    with tempfile.TemporaryDirectory() as tmp, EventLog(Path(tmp) / "t.duckdb") as log:
        log.append(events)
        return load_events(log.con, window), cat


def ship(eid: str, *, day: str | None = None, end: str = "2024-01-31", unit: str = "rounds",
         measure: str = "cumulative", start: str | None = None, item: str = "shell_152mm",
         supplier: str = "KP", recipient: str = "RU", **q: Any) -> dict[str, Any]:
    """A shipment claim; reported (``day``) by default on the first day of its period_end,
    the earliest day a real source could report it (SPEC §2 plausibility)."""
    day = day or PartialDate(end).first.isoformat()
    rec = {"event_id": eid, "type": "shipment", "reported_on": day, "source": "s",
           "supplier": supplier, "recipient": recipient, "item": item, "unit": unit,
           "measure": measure, "period_end": end, **q}
    if start:
        rec["period_start"] = start
    return rec


def conv(eid: str, *, day: str = "2024-01-01", from_unit: str = "containers",
         item: str | None = "shell_152mm", start: str | None = None, **f: Any) -> dict[str, Any]:
    rec = {"event_id": eid, "type": "conversion", "reported_on": day, "source": "s",
           "from_unit": from_unit, "to_unit": "rounds", **f}
    if item:
        rec["item"] = item
    if start:
        rec["period_start"] = start
    return rec


def retract(eid: str, target: str, day: str = "2024-01-01") -> dict[str, Any]:
    return {"event_id": eid, "type": "retraction", "reported_on": day, "source": "s",
            "target": target, "reason": "r"}


def pledge(eid: str, qty: float, start: str, due: str, *, day: str = "2023-01-01",
           unit: str = "rounds", item: str = "shell_152mm") -> dict[str, Any]:
    return {"event_id": eid, "type": "pledge", "reported_on": day, "source": "s",
            "supplier": "KP", "recipient": "RU", "item": item, "quantity": qty, "unit": unit,
            "period_start": start, "due_by": due}


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
