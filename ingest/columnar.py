"""Column-wise ingest of plain CSV files: the same checks and the same stored bytes as
record-by-record validation, a chunk of lines at a time.

A chunk (``ingest.csv_chunks``) is read as columns, its cells checked column by column
(``ingest.cells``), and its bodies assembled from the canonical texts in sorted key order,
as ``canonical_json`` would write them; ids, duplicates and references are checked against
the log with joins, and the rows chained and queued by ``EventLog.stage_bodies``.

A chunk with anything unusual (any error, a document to check, an id already stored with
other content, a reference that does not resolve) is not appended here: the caller runs it
through the per-record path, which reports every problem with file, line and field. The
two paths store byte-identical bodies (tests/test_ingest_columnar.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from supplyline.events import AppendResult, Catalogue, EventLog
from supplyline.events.canonical import event_id_of
from supplyline.events.models import MODELS

from .cells import Memo, field_columns, member_key, rule_breaks
from .csv_chunks import Chunk, Fallback, chunks, string_columns

REQUIRED = {kind: [f for f, info in model.model_fields.items() if info.is_required()]
            for kind, model in MODELS.items()}
ALLOWED = {kind: set(model.model_fields) for kind, model in MODELS.items()}



def canonical_rows(chunk: Chunk, header: list[str], cat: Catalogue, recorded_on: dt.date,
                   memo: Memo | None = None) -> pl.DataFrame:
    """Rows of the chunk, validated, with ``event_id``, ``type``, ``reported_on``,
    ``body``, ``supersedes`` and ``target``.

    :raises Fallback: something needs the per-record path.
    """
    f = string_columns(chunk, header)
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
    f = field_columns(f, [name for name in header if name != "type"], cat, memo)
    if f.select(rule_breaks(f, present, recorded_on)).to_series().any():
        raise Fallback("a rule across fields")
    # members in key order; a row's fields its type does not have are null (checked
    # above), and null members are left out, so one expression serves every type
    defaults = {"reliability": '"F"', "credibility": "6"}
    members: list[tuple[str, pl.Expr]] = []
    for name in sorted((present | {"type", *defaults}) - {"event_id"}):
        if name == "type":
            member = pl.concat_str(pl.lit(member_key("type") + '"'), pl.col("type"), pl.lit('"'))
        elif name in present:
            member = pl.col(f"{name}.kv")
        else:
            member = pl.lit(None, pl.String)
        if name in defaults:
            member = member.fill_null(pl.lit(member_key(name) + defaults[name]))
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
    id_member = pl.concat_str(pl.lit(member_key("event_id") + '"'), pl.col("event_id"), pl.lit('"'))
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
