"""Canonical serialisation, content-derived ids and the hash chain.

The hash of an event covers exactly the bytes stored in the log, so verification never
depends on how a later version of the code would re-serialise a record.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS_HASH = "0" * 64
# The stored record's format, part of each hash (here, so reading the log needs no models).
# 1: the first stored format, where the outlet carrying a claim was stored as `outlet`.
# 2: `outlet` renamed to `via`, the SPEC's name (see events/upcast.py).
RECORD_VERSION = 2


def canonical_json(obj: Any) -> str:
    """Sorted keys, no insignificant whitespace, UTF-8 kept as is."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)


def record_dict(event: Any) -> dict[str, Any]:
    """The normalised record of a validated event, absent fields left out."""
    return event.model_dump(mode="json", exclude_none=True)  # type: ignore[no-any-return]


def derive_event_id(record: dict[str, Any]) -> str:
    """An id from the record's content, so the same record ingested twice is stored once."""
    return event_id_of(canonical_json({k: v for k, v in record.items() if k != "event_id"}))


def event_id_of(content: str) -> str:
    """The id derived from a record's canonical JSON without its ``event_id``."""
    return "ev-" + hashlib.sha256(content.encode()).hexdigest()[:24]


def chain_hash(
    prev_hash: str, position: int, recorded_at: str, record_version: int, body: str
) -> str:
    """SHA-256 over the previous hash and this event's stored fields, one per line."""
    return chain_hashes(prev_hash, position, recorded_at, record_version, [body.encode()])[0]


def chain_hashes(prev_hash: str, first_position: int, recorded_at: str, record_version: int,
                 bodies: list[bytes]) -> list[str]:
    """``chain_hash`` of consecutive events sharing a stamp and record version, from
    position ``first_position`` on, their bodies given as UTF-8 bytes, as polars hands them
    over without decoding (a quarter of the time of ``str``). One tight loop,
    since the chain is sequential by nature."""
    sha256 = hashlib.sha256
    middle = f"\n{recorded_at}\n{record_version}\n".encode()
    hashes: list[str] = []
    append = hashes.append
    prev = prev_hash.encode()
    for position, body in enumerate(bodies, first_position):
        digest = sha256(b"%s\n%d%s%s" % (prev, position, middle, body)).hexdigest()
        append(digest)
        prev = digest.encode()
    return hashes


class Prepared:
    """A validated event reduced to what the log needs: its canonical body and references."""

    __slots__ = ("event_id", "type", "reported_on", "body", "target", "supersedes",
                 "document", "quote")

    def __init__(self, record: dict[str, Any]) -> None:
        if "event_id" not in record:
            record = {"event_id": derive_event_id(record), **record}
        self.event_id: str = record["event_id"]
        self.type: str = record["type"]
        self.reported_on: str = record["reported_on"]
        self.body = canonical_json(record)
        self.target: str | None = record.get("target")
        self.supersedes: str | None = record.get("supersedes")
        self.document: str | None = record.get("document")
        self.quote: str | None = record.get("quote")


def prepare(event: Any) -> Prepared:
    """Prepare a validated event model (or pass a Prepared through)."""
    return event if isinstance(event, Prepared) else Prepared(record_dict(event))
