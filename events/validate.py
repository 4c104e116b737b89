"""Turn raw input records (dicts) into validated events, collecting every problem."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

from pydantic import ValidationError

from .catalogue import Catalogue
from .clock import utc_today
from .fields import ALL_FIELDS, EVENT_TYPES
from .models import EVENT_ADAPTER, MODELS
from .numbers import as_plain_number, plain

_MESSAGES = {
    "missing": "is required",
    "extra_forbidden": "unknown field",
    "literal_error": None,  # pydantic's text lists the allowed values; keep it
}


def validate_record(raw: Any, catalogue: Catalogue, recorded_on: dt.date | None = None
                    ) -> tuple[Any | None, list[tuple[str, str]]]:
    """Validate one record; returns (event, []) or (None, [(field, message), ...]).

    ``recorded_on``: the day the event will be recorded (default today, UTC), for the
    plausibility rules of SPEC §2.
    """
    if not isinstance(raw, dict):
        return None, [("record", f"must be a JSON object, got {type(raw).__name__}")]
    kind = raw.get("type")
    if kind is None:
        return None, [("type", f"is required (one of {', '.join(EVENT_TYPES)})")]
    if not isinstance(kind, str) or kind not in MODELS:
        return None, [("type", f"must be one of {', '.join(EVENT_TYPES)}, got {kind!r}"[:300])]
    try:
        event = EVENT_ADAPTER.validate_python(raw, context={"catalogue": catalogue})
    except ValidationError as exc:
        return None, _pydantic_issues(exc, kind)
    issues = event.cross_checks() + event.plausibility(recorded_on or utc_today())
    return (None, issues) if issues else (event, [])


def _pydantic_issues(exc: ValidationError, kind: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for err in exc.errors(include_url=False):
        loc = [str(p) for p in err["loc"]]
        if loc and loc[0] == kind:
            loc = loc[1:]
        field = loc[0] if loc else "record"
        if len(loc) > 1:
            field = f"{field}[{loc[1]}]" if loc[1].isdigit() else ".".join(loc)
        etype = err["type"]
        if etype == "extra_forbidden":
            msg = _unknown_field(field, kind)
        elif etype == "missing":
            msg = "is required"
        elif etype == "value_error":
            msg = str(err["msg"]).removeprefix("Value error, ")
        elif etype in ("float_parsing", "int_parsing") and isinstance(err.get("input"), str):
            msg = _number_hint(err["input"])
        else:
            msg = _lower_first(str(err["msg"]))
        out.append((field, msg))
    return out


def _unknown_field(field: str, kind: str) -> str:
    allowed = list(MODELS[kind].model_fields)
    close = difflib.get_close_matches(field, allowed, n=1, cutoff=0.6)
    if close:
        return f"unknown field (did you mean {close[0]!r}?)"
    if field in ALL_FIELDS:
        return f"not a field of a {kind} event"
    return "unknown field"


def _number_hint(text: str) -> str:
    """Say how to write a number that was typed as words or with separators."""
    value = as_plain_number(text)
    if value is None:
        return f"{text[:40]!r} is not a number; write plain digits, e.g. 3000000 or 1.5"
    return (f"{text[:40]!r} is not a plain number; write it as {plain(value)} (digits only, "
            "no words or thousands separators)")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text
