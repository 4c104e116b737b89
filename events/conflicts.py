"""Whether new events may join the log: an id already used with other content, a reference
to an unknown event or one it may not name, a quote not in the cited document.

Checks run on prepared events (``events.canonical.prepare``) against what the log holds of
the ids and documents they name (looked up by ``events.staging`` and
``events.documents``); every conflict is listed, with the event's index in its batch.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from .canonical import RECORD_VERSION, Prepared, canonical_json
from .errors import AppendRejected, Issue
from .upcast import upcast


class Known(NamedTuple):
    """An event the log holds (or one accepted earlier in the same transaction, at
    position 0): its type and its body as the current record version stores it."""

    type: str
    body: str
    position: int


def current_body(body: str, version: int) -> str:
    """A stored body as the current record version would store it (for comparing content)."""
    if version == RECORD_VERSION:
        return body
    return canonical_json(upcast(json.loads(body), version))


def accepted(items: list[Prepared], known: dict[str, Known], *, input_start: int,
             docs: dict[str, str | None], collect: list[Issue] | None = None) -> list[int]:
    """Indexes of the events of ``items`` to append: not already in ``known`` (ids stored,
    or accepted earlier in this transaction) nor earlier in ``items``, with every reference
    and quote in order.

    An id in ``known`` at a position after ``input_start`` came from the same input, and
    a conflict with it says so.

    :raises AppendRejected: listing every conflict; with ``collect``, the conflicts are
        added to it instead and only the clean events are returned.
    """
    issues: list[Issue] = []
    batch: dict[str, Known] = {}  # event_id -> (type, body, 0) so far
    new: list[int] = []
    for i, p in enumerate(items):
        seen = known.get(p.event_id) or batch.get(p.event_id)
        if seen is not None:
            if seen.body != p.body:
                where = ("in the log" if p.event_id in known
                         and known[p.event_id].position <= input_start
                         else "earlier in this input")
                issues.append(Issue(i, "event_id", f"{p.event_id!r} is already {where} "
                                    "with different content (events are never edited; "
                                    "append a correction with 'supersedes')"))
            continue
        mine = _reference_issues(i, p, known, batch) + _document_issues(i, p, docs)
        issues += mine
        batch[p.event_id] = Known(p.type, p.body, 0)
        if not mine:
            new.append(i)
    if collect is not None:
        collect += issues
        bad = {x.index for x in issues}
        return [i for i in new if i not in bad]
    if issues:
        raise AppendRejected(issues)
    return new


def _reference_issues(i: int, p: Prepared, stored: dict[str, Known],
                      batch: dict[str, Known]) -> list[Issue]:
    def type_of(eid: str) -> str | None:
        known = stored.get(eid) or batch.get(eid)
        return known.type if known else None

    issues = []
    if p.target is not None:
        kind = type_of(p.target)
        if kind is None:
            issues.append(Issue(i, "target", f"unknown event {p.target!r} (it must be in the "
                                             "log or earlier in the same input)"))
        elif kind == "retraction":
            issues.append(Issue(i, "target", f"{p.target!r} is a retraction; a retraction may "
                                             "not be retracted"))
    if p.supersedes is not None:
        kind = type_of(p.supersedes)
        if p.supersedes == p.event_id:
            issues.append(Issue(i, "supersedes", "an event cannot supersede itself"))
        elif kind is None:
            issues.append(Issue(i, "supersedes", f"unknown event {p.supersedes!r} (it must be "
                                                 "in the log or earlier in the same input)"))
        elif kind != p.type:
            issues.append(Issue(i, "supersedes", f"{p.supersedes!r} is a {kind}; a {p.type} "
                                                 f"can only supersede a {p.type}"))
    return issues


_TYPOGRAPHIC = {ord("\u2018"): "'", ord("\u2019"): "'", ord("\u201c"): '"',
                ord("\u201d"): '"', ord("\u2013"): "-", ord("\u2014"): "-"}


def _normalise_text(text: str) -> str:
    text = text.translate(_TYPOGRAPHIC)
    return " ".join(text.split()).casefold()


def _document_issues(i: int, p: Prepared, docs: dict[str, str | None]) -> list[Issue]:
    if p.document is None:
        return []
    if p.document not in docs:
        return [Issue(i, "document", f"unknown document {p.document!r} (register it with "
                                     "'supplyline documents add FILE')")]
    text = docs[p.document]
    if text is not None and p.quote is not None and (
            _normalise_text(p.quote) not in _normalise_text(text)):
        return [Issue(i, "quote", f"does not occur in document {p.document!r}")]
    return []
