"""The cells of a plain CSV chunk checked column-wise, with the same outcome as validating
each record with its pydantic model (``events.models``):

- a cell of a column with few different values (dates, parties, items, units, sources,
  grades, notes...) is validated once per distinct value, by the same model the
  per-record path uses, which also gives its canonical JSON text;
- event ids, plain decimal numbers and plain text (URLs, quotes, notes...), different on
  almost every line, are checked against the model's exact pattern, range and length and
  written as Python's ``json`` writes them (anything else in those columns goes the
  per-value way above);
- the rules across fields (SPEC §2) are polars expressions (``rule_breaks``).

A cell the model refuses raises ``Fallback``: the chunk goes the per-record way.
"""

from __future__ import annotations

import datetime as dt
import json
import typing
from typing import Annotated, Any

import polars as pl
from pydantic import TypeAdapter, ValidationError

from supplyline.events import LIST_FIELDS, Catalogue
from supplyline.events.canonical import canonical_json
from supplyline.events.dates import EPOCH, PartialDate
from supplyline.events.fields import EVENT_ID_PATTERN
from supplyline.events.limits import current_limits
from supplyline.events.models import _URL, EVENT_ADAPTER, MODELS, RATE_METRICS

from .csv_chunks import Fallback

_DECIMAL = r"^(0|[1-9][0-9]{0,15})(\.[0-9]{1,17})?$"
ID_FIELDS = ("event_id", "supersedes", "target")
NUMBER_FIELDS = {"quantity": False, "quantity_low": False, "quantity_high": False,
                 "factor": True, "factor_low": True, "factor_high": True}  # True: must be > 0
DATE_FIELDS = ("period_start", "period_end", "due_by")
# A minimal valid record of each type: one field at a time is swapped in to validate it.
_BASE = {"reported_on": "2024-01-01", "source": "s"}
TEMPLATES: dict[str, dict[str, Any]] = {
    "shipment": {**_BASE, "type": "shipment", "supplier": "KP", "recipient": "RU",
                 "item": "shell_152mm", "quantity": "1", "unit": "rounds",
                 "measure": "cumulative", "period_end": "2024-01"},
    "pledge": {**_BASE, "type": "pledge", "supplier": "KP", "recipient": "RU",
               "item": "shell_152mm", "quantity": "1", "unit": "rounds",
               "period_start": "2024-01", "due_by": "2024-12"},
    "estimate": {**_BASE, "type": "estimate", "metric": "stock", "quantity": "1",
                 "unit": "rounds", "period_end": "2024-01"},
    "meeting": {**_BASE, "type": "meeting", "title": "t", "participants": ["KP"],
                "period_start": "2024-01"},
    "conversion": {**_BASE, "type": "conversion", "from_unit": "containers",
                   "to_unit": "rounds", "factor": "1"},
    "retraction": {**_BASE, "type": "retraction", "target": "x", "reason": "r"},
}


def _one_value(kind: str, field: str, cell: str, cat: Catalogue) -> tuple[Any, ...] | None:
    """(canonical JSON text, number, first day, last day, resolved text) of one cell, by
    validating it in a minimal record of its type; None when the model refuses it."""
    record = dict(TEMPLATES[kind])
    record[field] = [p for p in cell.split(";") if p] if field in LIST_FIELDS else cell
    try:
        event = EVENT_ADAPTER.validate_python(record, context={"catalogue": cat})
    except (ValidationError, ValueError):
        return None
    value = getattr(event, field)
    dumped = event.model_dump(mode="json", include={field})[field]
    text = canonical_json(dumped)
    number = float(value) if isinstance(value, float | int) else None
    first = last = None
    if isinstance(value, PartialDate):
        first, last = (value.first - EPOCH).days, (value.last - EPOCH).days
    elif isinstance(value, dt.date):
        first = last = (value - EPOCH).days
    return text, number, first, last, dumped if isinstance(dumped, str) else None


Memo = dict[tuple[str, str, str], tuple[Any, ...] | None]
OUTPUTS = {"kv": pl.String, "num": pl.Float64, "first": pl.Int32, "last": pl.Int32,
           "text": pl.String}


def _wanted(field: str) -> list[str]:
    """What later steps read of a field besides its canonical text."""
    if field in NUMBER_FIELDS:
        return ["kv", "num"]
    if field in DATE_FIELDS or field == "reported_on":
        return ["kv", "first", "last"]
    if field in ID_FIELDS or field in ("from_unit", "to_unit", "supplier", "recipient"):
        return ["kv", "text"]
    return ["kv"]


def _owners() -> dict[str, str]:
    """For each field, one type whose model validates its cells for every type.

    Where a field appears in several types its definition is the same (only optional in
    some); checked here, so that a model change cannot slip past the column-wise path."""
    def shape(kind: str, name: str) -> tuple[Any, ...]:
        model = MODELS[kind]
        info = model.model_fields[name]
        args = [a for a in typing.get_args(info.annotation) if a is not type(None)]
        core = args[0] if len(args) == 1 else info.annotation
        checks = sorted(d.cls_var_name for d in
                        model.__pydantic_decorators__.field_validators.values()
                        if name in d.info.fields)
        return repr(core), repr(info.metadata), checks

    owner: dict[str, str] = {}
    for kind, model in MODELS.items():
        for name in model.model_fields:
            first = owner.setdefault(name, kind)
            if name != "type" and shape(kind, name) != shape(first, name):
                raise AssertionError(f"{name} differs between {first} and {kind}")
    return owner


_OWNER = _owners()
# Text the model keeps as it is and ``json`` writes as it is: no surrounding whitespace (the
# models strip it; the first and last characters are printable ASCII), no quote, backslash
# or control character. Where the model also checks a pattern, the same pattern.
_PLAIN_TEXT = r'^[!#-\[\]-~](?:[^"\\\x00-\x1f]*[!#-\[\]-~])?$'
_TEXT_PATTERNS = {"_url": "(?i)" + _URL.pattern}


def _text_fields() -> dict[str, tuple[int, int, list[str]]]:
    """Plain string fields: (shortest, longest, the patterns of their validators), from
    the JSON schema of the model of the type that validates each (``_OWNER``). Any other
    constraint or validator keeps a field off the quick path."""
    out = {}
    for name, kind in _OWNER.items():
        model = MODELS[kind]
        info = model.model_fields[name]
        if name in ID_FIELDS or info.annotation in (PartialDate, PartialDate | None):
            continue
        hint: Any = (Annotated[(info.annotation, *info.metadata)] if info.metadata
                     else info.annotation)
        schema = TypeAdapter(hint).json_schema()
        strings = [x for x in schema.get("anyOf", [schema]) if x.get("type") == "string"]
        checks = [d.cls_var_name for d in model.__pydantic_decorators__.field_validators.values()
                  if name in d.info.fields]
        if (len(strings) != 1 or not set(checks) <= set(_TEXT_PATTERNS)
                or set(strings[0]) - {"type", "minLength", "maxLength"}):
            continue
        out[name] = (strings[0].get("minLength", 0), strings[0].get("maxLength", 2**31),
                     [_TEXT_PATTERNS[c] for c in checks])
    return out


_TEXT_FIELDS = _text_fields()


def member_key(field: str) -> str:
    """A body member's key, as the canonical JSON writes it."""
    return json.dumps(field) + ":"


def _by_value(field: str, cells: list[str], cat: Catalogue, memo: Memo) -> pl.DataFrame:
    """Canonical texts and parsed values of ``field`` for distinct ``cells``, validated
    once per distinct cell for the whole ingest (``memo``)."""
    kind = _OWNER[field]
    out = []
    for cell in cells:
        key = (kind, field, cell)
        if key not in memo:
            memo[key] = _one_value(kind, field, cell, cat)
        got = memo[key]
        if got is None:
            raise Fallback(f"{field}: {cell!r} is not valid")
        out.append((cell, member_key(field) + got[0], *got[1:]))
    return pl.DataFrame(out, orient="row", schema={field: pl.String, **OUTPUTS})


def _quick(field: str) -> tuple[pl.Expr | None, dict[str, pl.Expr]]:
    """For ids, plain decimals and plain text: which cells need no model (their exact
    pattern, range and length), and their outputs written as the model and Python's
    ``json`` write them."""
    col = pl.col(field)
    if field in ID_FIELDS:
        return col.str.contains(EVENT_ID_PATTERN), {
            "kv": pl.concat_str(pl.lit(member_key(field) + '"'), col, pl.lit('"')), "text": col}
    if field in NUMBER_FIELDS:
        num = col.cast(pl.Float64, strict=False)
        # where Python's repr is positional, as polars writes floats; factors must be > 0
        ok = (num >= 1e-4) & (num < 1e16) & _in_realistic_range(field, num)
        if not NUMBER_FIELDS[field]:
            ok |= num == 0
        return col.str.contains(_DECIMAL) & ok, {
            "kv": pl.concat_str(pl.lit(member_key(field)), num.cast(pl.String)), "num": num}
    if field in _TEXT_FIELDS:
        lo, hi, patterns = _TEXT_FIELDS[field]
        length = col.str.len_chars()
        ok = col.str.contains(_PLAIN_TEXT) & (length >= lo) & (length <= hi)
        for pattern in patterns:
            ok &= col.str.contains(pattern)
        return ok, {"kv": pl.concat_str(pl.lit(member_key(field) + '"'), col, pl.lit('"'))}
    return None, {}


def _in_realistic_range(field: str, num: pl.Expr) -> pl.Expr:
    """The model's realistic-range validators (events/limits.py), as an expression: a cell
    outside goes the per-value way, where the model refuses it with its message."""
    limits = current_limits()
    if NUMBER_FIELDS[field]:
        return (num >= limits.min_factor) & (num <= limits.max_factor)
    return num <= limits.max_quantity


def field_columns(frame: pl.DataFrame, names: list[str], cat: Catalogue,
                  memo: Memo) -> pl.DataFrame:
    """``frame`` with columns ``{field}.kv`` (the body's member: key and canonical text, or
    null) and, where later steps need them, ``.num``, ``.first``, ``.last``, ``.text``, for
    every field in ``names`` (row order kept).

    Each step covers every field in one polars call, which runs them side by side: which
    cells are quick, the distinct cells the models must judge, then the outputs."""
    quick = {name: _quick(name) for name in names}
    frame = frame.with_columns(*[q.fill_null(False).alias(f"{name}._quick")
                                 for name, (q, _) in quick.items() if q is not None])

    def todo(name: str) -> pl.Expr:
        col = pl.col(name)
        if quick[name][0] is None:
            return col.is_not_null()
        return col.is_not_null() & ~pl.col(f"{name}._quick")

    distinct = frame.select(*[pl.col(name).filter(todo(name)).unique().implode()
                              for name in names]).row(0) if names else ()
    outputs = []
    for name, cells in zip(names, distinct, strict=True):
        is_quick, quick_cols = quick[name]
        mapping = _by_value(name, sorted(cells), cat, memo) if cells else None
        for n in _wanted(name):
            fast = quick_cols.get(n, pl.lit(None)).cast(OUTPUTS[n])
            if mapping is None:  # every cell is null or quick
                out = fast if is_quick is not None else pl.lit(None, OUTPUTS[n])
            else:
                out = pl.col(name).replace_strict(mapping[name], mapping[n], default=None,
                                                  return_dtype=OUTPUTS[n])
                if is_quick is not None:
                    out = pl.when(pl.col(f"{name}._quick")).then(fast).otherwise(out)
            outputs.append(out.alias(f"{name}.{n}"))
    return frame.with_columns(outputs)


def rule_breaks(f: pl.DataFrame, present: set[str], recorded_on: dt.date) -> pl.Expr:
    """True for rows that break a rule across fields or a plausibility rule (SPEC §2),
    for events recorded on ``recorded_on``."""
    def num(name: str) -> pl.Expr:
        return pl.col(f"{name}.num") if name in present else pl.lit(None, pl.Float64)

    def day(name: str, end: str) -> pl.Expr:
        return pl.col(f"{name}.{end}") if name in present else pl.lit(None, pl.Int32)

    def has(name: str) -> pl.Expr:
        return pl.col(name).is_not_null() if name in present else pl.lit(False)

    kind = pl.col("type")
    q, lo, hi = num("quantity"), num("quantity_low"), num("quantity_high")
    quantity_bad = ((q.is_null() & lo.is_null() & hi.is_null()) | (lo > hi) | (lo > q)
                    | (q > hi)).fill_null(False)
    period_bad = (day("period_end", "last") < day("period_start", "first")).fill_null(False)
    fa, fl, fh = num("factor"), num("factor_low"), num("factor_high")
    factor_bad = ((fa.is_null() & (fl.is_null() | fh.is_null())) | (fl > fh) | (fl > fa)
                  | (fa > fh)).fill_null(False)
    units_same = (pl.col("from_unit.text") == pl.col("to_unit.text")).fill_null(False) if (
        "from_unit" in present and "to_unit" in present) else pl.lit(False)
    metric = pl.col("metric") if "metric" in present else pl.lit(None, pl.String)
    share = metric == "supply_share"
    estimate_bad = ((metric.is_in(list(RATE_METRICS)) & ~has("per"))
                    | (share & (~has("supplier") | ~has("recipient")))
                    | (~share & (has("supplier") | has("recipient")))).fill_null(False)
    pledge_bad = (day("due_by", "last") < day("period_start", "first")).fill_null(False)
    measure = pl.col("measure") if "measure" in present else pl.lit(None, pl.String)
    reported = pl.col("reported_on.first")
    future = reported > (recorded_on - EPOCH).days
    same_party = (pl.col("supplier.text") == pl.col("recipient.text")).fill_null(False) if (
        "supplier" in present and "recipient" in present) else pl.lit(False)
    early = (day("period_end", "first") > reported).fill_null(False)
    return future | (pl.when(kind == "shipment").then(
                quantity_bad | period_bad | same_party | early
                | ((measure == "increment") & ~has("period_start")).fill_null(False))
            .when(kind == "pledge").then(quantity_bad | pledge_bad | same_party)
            .when(kind == "estimate").then(quantity_bad | period_bad | estimate_bad
                                           | same_party)
            .when(kind == "meeting").then(period_bad)
            .when(kind == "conversion").then(factor_bad | units_same)
            .otherwise(pl.lit(False)))
