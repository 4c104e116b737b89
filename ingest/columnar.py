"""Column-wise ingest of plain CSV files: the same checks and the same stored bytes as
record-by-record validation, a chunk of lines at a time.

A CSV file with no quote characters (and carriage returns only before newlines) splits on
newlines and commas exactly as Python's csv module reads it, so its lines can be handled
as columns:

- a cell of a column with few different values (dates, parties, items, units, sources,
  grades, notes...) is validated once per distinct value, by the same pydantic model the
  per-record path uses, which also gives its canonical JSON text;
- event ids, plain decimal numbers and plain text (URLs, quotes, notes...), different on
  almost every line, are checked against the model's exact pattern, range and length and
  written as Python's ``json`` writes them (anything else in those columns goes the
  per-value way above);
- the rules across fields (SPEC §2) are polars expressions;
- bodies are assembled from the canonical texts in sorted key order, as ``canonical_json``
  would write them; ids, duplicates and references are checked against the log with joins.

A chunk with anything unusual (any error, a document to check, an id already stored with
other content, a reference that does not resolve) is not appended here: the caller runs it
through the per-record path, which reports every problem with file, line and field. The
two paths store byte-identical bodies (tests/test_ingest_columnar.py).
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
import typing
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import polars as pl
from pydantic import TypeAdapter, ValidationError

from events import ALL_FIELDS, LIST_FIELDS, AppendResult, Catalogue, EventLog
from events.canonical import canonical_json, event_id_of
from events.dates import EPOCH, PartialDate
from events.fields import EVENT_ID_PATTERN
from events.limits import current_limits
from events.models import _URL, EVENT_ADAPTER, MODELS, RATE_METRICS

CHUNK_BYTES = 64 << 20  # about 400,000 lines of a typical file
FIRST_CHUNK_BYTES = 16 << 20  # about a quarter of that: less to wait for before staging
_BLOCK = 1 << 24
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
REQUIRED = {kind: [f for f, info in model.model_fields.items() if info.is_required()]
            for kind, model in MODELS.items()}
ALLOWED = {kind: set(model.model_fields) for kind, model in MODELS.items()}


class Fallback(Exception):
    """This chunk needs the per-record path (the reason is for debugging only)."""


@dataclass(frozen=True)
class Chunk:
    header_line: str
    first_line: int  # file line number of the chunk's first line
    data: bytes  # whole lines, each ending in a newline (a carriage return may precede it)
    done_bytes: int

    def lines(self) -> list[tuple[int, str]]:
        """(line number, text) of each line, for the per-record path."""
        text = self.data.decode("utf-8").replace("\r\n", "\n").removesuffix("\n")
        return [(self.first_line + i, line) for i, line in enumerate(text.split("\n"))]


_LONE_CR = re.compile(rb"\r(?!\n)")  # a carriage return that does not end a line


def plain_csv(path: Path) -> bool:
    """A .csv file of UTF-8 text with no quote characters, whose carriage returns (if
    any) all end lines."""
    if path.suffix.lower() != ".csv":
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as f:
            while block := f.read(_BLOCK):
                if block.endswith(b"\r"):
                    block += f.read(1)
                if b'"' in block:
                    return False
                if b"\r" in block and _LONE_CR.search(block):
                    return False
                if not block.isascii():  # ASCII is UTF-8; anything else is checked
                    decoder.decode(block)
                elif decoder.getstate()[0]:
                    return False  # an unfinished multi-byte character before ASCII
            decoder.decode(b"", final=True)
    except (OSError, UnicodeDecodeError):
        return False
    return True


def header_of(path: Path) -> list[str] | None:
    """The header's column names when all are known fields, once each, including type."""
    with path.open("rb") as f:
        first = (f.readline().decode("utf-8").removeprefix("\ufeff").removesuffix("\n")
                 .removesuffix("\r"))
    names = [h.strip() for h in first.split(",")]
    if "type" not in names or len(set(names)) != len(names):
        return None
    return names if all(n in ALL_FIELDS for n in names) else None


def chunks(path: Path, chunk_bytes: int | None = None) -> Iterator[Chunk]:
    """The file's data lines, about ``chunk_bytes`` at a time, cut at line ends; the first
    chunk is smaller, so staging starts sooner (``prepared_chunks`` validates each next
    chunk while this one is staged; only the first is waited for in full)."""
    largest = chunk_bytes or CHUNK_BYTES
    size = min(FIRST_CHUNK_BYTES, largest)
    with path.open("rb") as f:
        header_line = (f.readline().decode("utf-8").removeprefix("\ufeff")
                       .removesuffix("\n").removesuffix("\r"))
        done = f.tell()
        number = 2
        rest = b""
        while True:
            block = f.read(size)
            data = rest + block
            if block:
                cut = data.rfind(b"\n") + 1
                if cut == 0:  # one very long line: keep reading
                    rest = data
                    continue
                data, rest = data[:cut], data[cut:]
            elif not data:
                return
            done += len(data)
            lines = data.count(b"\n") + (not data.endswith(b"\n"))
            if not data.endswith(b"\n"):
                data += b"\n"
            yield Chunk(header_line, number, data, done)
            number += lines
            size = largest
            if not block:
                return


# -- per distinct value ---------------------------------------------------------------
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


def _key(field: str) -> str:
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
        out.append((cell, _key(field) + got[0], *got[1:]))
    return pl.DataFrame(out, orient="row", schema={field: pl.String, **OUTPUTS})


def _quick(field: str) -> tuple[pl.Expr | None, dict[str, pl.Expr]]:
    """For ids, plain decimals and plain text: which cells need no model (their exact
    pattern, range and length), and their outputs written as the model and Python's
    ``json`` write them."""
    col = pl.col(field)
    if field in ID_FIELDS:
        return col.str.contains(EVENT_ID_PATTERN), {
            "kv": pl.concat_str(pl.lit(_key(field) + '"'), col, pl.lit('"')), "text": col}
    if field in NUMBER_FIELDS:
        num = col.cast(pl.Float64, strict=False)
        # where Python's repr is positional, as polars writes floats; factors must be > 0
        ok = (num >= 1e-4) & (num < 1e16) & _in_realistic_range(field, num)
        if not NUMBER_FIELDS[field]:
            ok |= num == 0
        return col.str.contains(_DECIMAL) & ok, {
            "kv": pl.concat_str(pl.lit(_key(field)), num.cast(pl.String)), "num": num}
    if field in _TEXT_FIELDS:
        lo, hi, patterns = _TEXT_FIELDS[field]
        length = col.str.len_chars()
        ok = col.str.contains(_PLAIN_TEXT) & (length >= lo) & (length <= hi)
        for pattern in patterns:
            ok &= col.str.contains(pattern)
        return ok, {"kv": pl.concat_str(pl.lit(_key(field) + '"'), col, pl.lit('"'))}
    return None, {}


def _in_realistic_range(field: str, num: pl.Expr) -> pl.Expr:
    """The model's realistic-range validators (events/limits.py), as an expression: a cell
    outside goes the per-value way, where the model refuses it with its message."""
    limits = current_limits()
    if NUMBER_FIELDS[field]:
        return (num >= limits.min_factor) & (num <= limits.max_factor)
    return num <= limits.max_quantity


def _fields(frame: pl.DataFrame, names: list[str], cat: Catalogue,
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


# -- a chunk ---------------------------------------------------------------------------
_BLANK = re.compile(rb"\n(?=\r?\n)")  # a line end followed by an empty line


def _frame(chunk: Chunk, header: list[str]) -> pl.DataFrame:
    """The chunk's cells as string columns (null for an empty cell), blank lines dropped,
    as Python's csv module would read them: no quotes, so commas and newlines decide."""
    # leading blank lines dropped first (polars takes the first line's width as the
    # table's); a carriage return only ever precedes a newline here (``plain_csv``)
    data = chunk.data.lstrip(b"\r\n")
    try:
        frame = pl.read_csv(data, has_header=False, quote_char=None, comment_prefix=None,
                            schema=dict.fromkeys(header, pl.String),
                            empty_string_is_null=True, raise_if_empty=False)
    except pl.exceptions.PolarsError as exc:  # a line with more cells than the header
        raise Fallback(str(exc)) from None
    # the blank lines left, runs of them included (polars drops a carriage return before
    # a newline, as Python's csv module does)
    empty = len(_BLANK.findall(data))
    if data.count(b",") != (frame.height - empty) * (len(header) - 1):
        raise Fallback("a line with fewer cells than the header")
    return frame.filter(~pl.all_horizontal(pl.all().is_null())).with_row_index("row")


def _rules(f: pl.DataFrame, present: set[str], recorded_on: dt.date) -> pl.Expr:
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


def canonical_rows(chunk: Chunk, header: list[str], cat: Catalogue, recorded_on: dt.date,
                   memo: Memo | None = None) -> pl.DataFrame:
    """Rows of the chunk, validated, with ``event_id``, ``type``, ``reported_on``,
    ``body``, ``supersedes`` and ``target``.

    :raises Fallback: something needs the per-record path.
    """
    f = _frame(chunk, header)
    present = set(header)
    if f.height == 0:
        return f
    kinds = f["type"]
    if kinds.null_count() or not kinds.is_in(list(MODELS)).all():
        raise Fallback("a missing or unknown type")
    seen = sorted(set(kinds.unique().to_list()))
    if any(name not in present for kind in seen for name in REQUIRED[kind]):
        raise Fallback("a required column is missing")
    wrong = [(pl.col("type") == kind) & pl.any_horizontal(
        *[pl.col(n).is_not_null() for n in sorted(present - ALLOWED[kind])],
        *[pl.col(n).is_null() for n in REQUIRED[kind]]) for kind in seen]
    if f.select(pl.any_horizontal(*wrong).any()).item():
        raise Fallback("a field a type does not have, or lacks")
    if "document" in present and f["document"].is_not_null().any():
        raise Fallback("a document to check quotes against")
    memo = {} if memo is None else memo
    f = _fields(f, [name for name in header if name != "type"], cat, memo)
    if f.select(_rules(f, present, recorded_on)).to_series().any():
        raise Fallback("a rule across fields")
    # members in key order; a row's fields its type does not have are null (checked
    # above), and null members are left out, so one expression serves every type
    defaults = {"reliability": '"F"', "credibility": "6"}
    members: list[tuple[str, pl.Expr]] = []
    for name in sorted((present | {"type", *defaults}) - {"event_id"}):
        if name == "type":
            member = pl.concat_str(pl.lit(_key("type") + '"'), pl.col("type"), pl.lit('"'))
        elif name in present:
            member = pl.col(f"{name}.kv")
        else:
            member = pl.lit(None, pl.String)
        if name in defaults:
            member = member.fill_null(pl.lit(_key(name) + defaults[name]))
        members.append((name, member))

    def body(with_id: pl.Expr | None) -> pl.Expr:
        items = [*members, *([("event_id", with_id)] if with_id is not None else [])]
        return pl.concat_str(
            pl.lit("{"),
            pl.concat_str([m for _, m in sorted(items, key=lambda p: p[0])], separator=",",
                          ignore_nulls=True),
            pl.lit("}"))

    given = pl.col("event_id.text") if "event_id" in present else pl.lit(None, pl.String)
    f = f.with_columns(event_id=given)
    missing = f["event_id"].is_null()
    if missing.any():  # ids derived from the content, as for per-record input
        content = f.filter(missing).select(body(None)).to_series().to_list()
        derived = [event_id_of(c) for c in content]
        f = f.with_columns(f["event_id"].scatter(
            missing.arg_true(), pl.Series(derived, dtype=pl.String)))
    id_member = pl.concat_str(pl.lit(_key("event_id") + '"'), pl.col("event_id"), pl.lit('"'))
    ref = {n: (pl.col(f"{n}.text") if n in present else pl.lit(None, pl.String)).alias(n)
           for n in ("supersedes", "target")}
    return f.select("event_id", "type",
                    (pl.col("reported_on.first").cast(pl.Date)).alias("reported_on"),
                    body(id_member).alias("body"), *ref.values())


@dataclass(frozen=True)
class Chunked:
    """A chunk's canonical rows (numbered ``i``) and each id's first row (``first_i``):
    what resolving them needs from the chunk alone, made by ``within``."""

    rows: pl.DataFrame
    first: pl.DataFrame | None  # None: no id occurs twice in the chunk


def within(rows: pl.DataFrame) -> Chunked:
    """Number the rows and find each id's first occurrence.

    :raises Fallback: an id twice with different content.
    """
    rows = rows.with_row_index("i")
    if rows["event_id"].is_unique().all():  # the usual case, and a chunk of blank lines
        return Chunked(rows, None)
    first = rows.group_by("event_id", maintain_order=True).agg(
        pl.col("i").first().alias("first_i"), pl.col("body").n_unique().alias("bodies"))
    if (first["bodies"] > 1).any():
        raise Fallback("an id twice with different content")
    return Chunked(rows, first.select("event_id", "first_i"))


def resolve(log: EventLog, given: pl.DataFrame | Chunked) -> tuple[pl.DataFrame, int]:
    """The rows to append (first occurrences of new ids) and how many were duplicates.

    :raises Fallback: an id reused with other content, or a reference that does not
        resolve as the per-record path requires.
    """
    chunked = given if isinstance(given, Chunked) else within(given)
    rows, first = chunked.rows, chunked.first
    if rows.height == 0:
        return rows.drop("i"), 0
    stored = log.stored(pl.concat([rows["event_id"], rows["supersedes"].drop_nulls(),
                                   rows["target"].drop_nulls()]).unique())
    new = rows
    if stored.height:  # joins of every row only when there is something to find
        mine = rows.join(stored.select("event_id", stored_body="body"), on="event_id",
                         how="left", maintain_order="left")
        if mine.filter(pl.col("stored_body") != pl.col("body")).height:
            raise Fallback("an id already stored with other content")
        new = mine.filter(pl.col("stored_body").is_null())
    if first is not None:  # an id repeated within the chunk: its first occurrence only
        new = new.join(first, on="event_id", how="left", maintain_order="left").filter(
            pl.col("i") == pl.col("first_i"))
    # what a reference may point at: stored events, or events earlier in this chunk
    known = pl.concat([
        stored.select("event_id", "type", at=pl.lit(-1, pl.Int64)),
        new.select("event_id", "type", at=pl.col("i").cast(pl.Int64))])
    for name in ("target", "supersedes"):
        refs = new.filter(pl.col(name).is_not_null())
        if refs.height == 0:
            continue
        hit = refs.select("i", "type", "event_id", name).join(
            known.rename({"event_id": name, "type": "ref_type"}), on=name, how="left")
        ok = pl.col("at").is_not_null() & (pl.col("at") < pl.col("i"))
        if name == "target":
            ok &= pl.col("ref_type") != "retraction"
        else:
            ok &= (pl.col("ref_type") == pl.col("type")) & (pl.col(name) != pl.col("event_id"))
        if not hit.select(ok.fill_null(False).all()).item():
            raise Fallback(f"a {name} that the per-record path must judge")
    return new.select("event_id", "type", "reported_on", "body"), rows.height - new.height


def stage_chunk(log: EventLog, chunk: Chunk, header: list[str], cat: Catalogue,
                stamp: dt.datetime, memo: Memo | None = None) -> AppendResult:
    """Validate and insert one chunk column-wise (in the caller's transaction).

    :raises Fallback: nothing of this chunk was inserted; use the per-record path.
    """
    return stage_rows(log, canonical_rows(chunk, header, cat, stamp.date(), memo), stamp)


def stage_rows(log: EventLog, rows: pl.DataFrame | Chunked,
               stamp: dt.datetime) -> AppendResult:
    """Insert a chunk's canonical rows (in the caller's transaction), after checking ids
    and references against the log as it is now.

    :raises Fallback: nothing was inserted; use the per-record path.
    """
    new, duplicates = resolve(log, rows)
    result = log.stage_bodies(new, stamp)
    return AppendResult(result.appended, duplicates, result.first_position,
                        result.last_position)


def prepared_chunks(path: Path, header: list[str], cat: Catalogue, memo: Memo,
                    wanted: Callable[[], bool], recorded_on: dt.date
                    ) -> Iterator[tuple[Chunk, Any]]:
    """The file's chunks, each with its canonical rows (or the ``Fallback`` that stopped
    them; None once ``wanted()`` is false). The next chunk is validated in a
    worker thread while the caller stages this one (the file is read here, in order):
    validation is mostly polars, which runs outside the GIL, and staging mostly the hash
    chain, which does not."""
    def make(part: Chunk) -> Any:
        try:
            return within(canonical_rows(part, header, cat, recorded_on, memo))
        except Fallback as exc:
            return exc

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="supplyline-ingest") as pool:
        pending: tuple[Chunk, Future[Any] | None] | None = None
        for part in chunks(path):
            job = pool.submit(make, part) if wanted() else None
            if pending is not None:
                yield _done(*pending)
            pending = part, job
        if pending is not None:
            yield _done(*pending)


def _done(part: Chunk, job: Future[Any] | None) -> tuple[Chunk, Any]:
    return part, job.result() if job is not None else None
