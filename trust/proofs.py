"""Inclusion and consistency proofs as JSON, and their checking without the log.

An inclusion proof (``supplyline prove EVENT_ID --json``, ``GET /api/proof/{event_id}``):

    {"event_id", "position", "leaf_index" (= position - 1), "tree_size",
     "leaf_hash", "root", "proof": [hex, ...],
     "event": {"position", "event_id", "recorded_at", "record_version", "prev_hash",
               "hash", "body"}}

with hashes hex-encoded. ``event`` is the event as the log stores it: ``body`` is its
canonical JSON, exactly the bytes hashed, so anyone can recompute ``hash`` (events.canonical
``chain_hash``) and from it ``leaf_hash`` = SHA-256(0x00 || hash).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import duckdb

from supplyline.events import merkle
from supplyline.events.canonical import chain_hash
from supplyline.events.dates import format_utc
from supplyline.events.tree import MerkleTree, log_size

from .checkpoint import Checkpoint


class ProofError(ValueError):
    """A proof that cannot be made (unknown event, size out of range): bad input."""


def stored_event(con: duckdb.DuckDBPyConnection, event_id: str
                 ) -> tuple[dict[str, Any] | None, int]:
    """The event as stored (None: no such event), and the log's size."""
    rows = con.execute("SELECT position, event_id, recorded_at, record_version, prev_hash, "
                       "hash, body, (SELECT coalesce(max(position), 0) FROM log) FROM log "
                       "WHERE event_id = ?", [event_id]).fetchall()
    if not rows:
        return None, log_size(con)
    pos, eid, recorded, version, prev, digest, body, head = rows[0]
    return {"position": int(pos), "event_id": eid, "recorded_at": format_utc(recorded),
            "record_version": int(version), "prev_hash": prev, "hash": digest,
            "body": body}, int(head)


def inclusion(con: duckdb.DuckDBPyConnection, event_id: str, size: int | None = None, *,
              writable: bool = False, tree: MerkleTree | None = None) -> dict[str, Any]:
    """The inclusion proof of ``event_id`` in the log's first ``size`` events (default:
    all). ``tree``: one kept from earlier requests on the same connection."""
    event, head = stored_event(con, event_id)
    if event is None:
        raise ProofError(f"no event {event_id!r} in the log")
    size = head if size is None else size
    if not 0 < size <= head:
        raise ProofError(f"tree size {size} is not between 1 and the log's {head} events")
    if event["position"] > size:
        raise ProofError(f"event {event_id!r} is at position {event['position']}, after tree "
                         f"size {size}")
    index = event["position"] - 1
    tree = tree or MerkleTree(con, writable=writable)
    root, path = tree.root_and_path(index, size, head)
    return {"event_id": event_id, "position": event["position"], "leaf_index": index,
            "tree_size": size, "leaf_hash": merkle.leaf_hash(event["hash"]).hex(),
            "root": root.hex(), "proof": [p.hex() for p in path], "event": event}


def consistency(con: duckdb.DuckDBPyConnection, old: int, new: int | None = None, *,
                writable: bool = False, tree: MerkleTree | None = None) -> dict[str, Any]:
    from supplyline.events import seals

    head = log_size(con)
    new = head if new is None else new
    if not 0 <= old <= new <= head:
        raise ProofError(f"need 0 <= from <= to <= {head} (the log's size), got from={old}, "
                         f"to={new}")
    tree = tree or MerkleTree(con, writable=writable)
    old_root, new_root, path = tree.roots_and_consistency(old, new)
    count, last = seals.state(con, old)
    return {"from": old, "to": new, "from_root": old_root.hex(), "to_root": new_root.hex(),
            "proof": [p.hex() for p in path], "from_seals": {"count": count, "hash": last}}


@dataclass
class Checked:
    """The outcome of checking a proof against a checkpoint."""

    ok: bool
    problem: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "problem": self.problem, **self.facts}


def check_inclusion(checkpoint: Checkpoint, proof: dict[str, Any],
                    event: dict[str, Any] | None) -> Checked:
    """Whether ``proof`` puts its leaf in the checkpoint's tree and, given ``event``, whether
    that event's stored bytes hash to the leaf."""
    facts: dict[str, Any] = {"origin": checkpoint.origin, "tree_size": checkpoint.size,
                             "root": checkpoint.root.hex()}
    try:
        index, size = int(proof["leaf_index"]), int(proof["tree_size"])
        position, event_id = int(proof["position"]), str(proof["event_id"])
        leaf = bytes.fromhex(proof["leaf_hash"])
        path = [bytes.fromhex(h) for h in proof["proof"]]
        root = bytes.fromhex(proof["root"])
    except (KeyError, TypeError, ValueError):
        raise ProofError("the proof is not an inclusion proof of supplyline prove --json"
                         ) from None
    facts.update(event_id=event_id, position=position, event_checked=event is not None)
    if size != checkpoint.size:
        return Checked(False, f"the proof is for tree size {size}, the checkpoint for "
                       f"{checkpoint.size} (ask for a proof with --size {checkpoint.size})",
                       facts)
    if root != checkpoint.root:
        return Checked(False, "the proof's root is not the checkpoint's root", facts)
    if index != position - 1:
        return Checked(False, "the proof's leaf index is not its position - 1", facts)
    if not merkle.verify_inclusion(leaf, index, size, path, checkpoint.root):
        return Checked(False, "the proof does not lead from the leaf to the checkpoint's root",
                       facts)
    if event is not None:
        problem = _event_problem(event, position, event_id, leaf)
        if problem:
            return Checked(False, problem, facts)
        facts["claim"] = json.loads(event["body"])
    return Checked(True, None, facts)


def _event_problem(event: dict[str, Any], position: int, event_id: str, leaf: bytes
                   ) -> str | None:
    try:
        digest = chain_hash(event["prev_hash"], int(event["position"]), event["recorded_at"],
                            int(event["record_version"]), event["body"])
        body = json.loads(event["body"])
    except (KeyError, TypeError, ValueError):
        return "the event is not a stored event (supplyline prove --json, key 'event')"
    if digest != event.get("hash"):
        return "the event's stored fields do not hash to its hash: it was altered"
    if merkle.leaf_hash(digest) != leaf:
        return "the event's hash is not the proof's leaf"
    if int(event["position"]) != position or body.get("event_id") != event_id:
        return "the event is not the one the proof is about"
    return None
