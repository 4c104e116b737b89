"""Signed checkpoints of the log in the C2SP tlog-checkpoint format
(https://c2sp.org/tlog-checkpoint): a signed note whose text is

    <origin>                      the log's name: the signing key's name
    <tree size>                   the number of events covered, in decimal
    <root hash>                   base64 of the RFC 6962 root over their hashes
    supplyline-seals <n> <hex>    the seals in force at that size (events.seals): how
                                  many, and the last one's hash (64 zeros for none)

followed by a blank line and the signature line. Nothing in it depends on the time it was
made: the same log, size and key always give the same bytes (Ed25519 is deterministic).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

import duckdb

from supplyline.events import seals
from supplyline.events.tree import MerkleTree

from .keys import NoteRejected, Signer, Verifier, open_note, sign_note

SEALS_LINE = "supplyline-seals"


class BadCheckpoint(ValueError):
    """Text that is not a checkpoint (bad input)."""


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes
    seals: tuple[int, str] | None = None  # (how many, last hash); None: no such line

    def text(self) -> str:
        lines = [self.origin, str(self.size), base64.b64encode(self.root).decode()]
        if self.seals is not None:
            lines.append(f"{SEALS_LINE} {self.seals[0]} {self.seals[1]}")
        return "\n".join(lines) + "\n"

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        lines = text.split("\n")
        if len(lines) < 4 or lines[-1] != "" or any(not x for x in lines[:-1]):
            raise BadCheckpoint("a checkpoint's text is at least three non-empty lines")
        origin, size, root, *extensions = lines[:-1]
        if not size.isdigit() or (size != "0" and size.startswith("0")):
            raise BadCheckpoint(f"the tree size {size!r} is not a decimal number")
        try:
            digest = base64.b64decode(root, validate=True)
        except binascii.Error:
            digest = b""
        if len(digest) != 32:
            raise BadCheckpoint("the root hash is not 32 bytes of base64")
        found = None
        for line in extensions:
            parts = line.split(" ")
            if parts[0] == SEALS_LINE:
                if len(parts) != 3 or not parts[1].isdigit() or len(parts[2]) != 64:
                    raise BadCheckpoint(f"malformed line {line!r}")
                found = (int(parts[1]), parts[2])
        return cls(origin, int(size), digest, found)

    def as_dict(self) -> dict[str, Any]:
        return {"origin": self.origin, "tree_size": self.size, "root": self.root.hex()}


def make(con: duckdb.DuckDBPyConnection, size: int, signer: Signer, *,
         writable: bool = False, tree: MerkleTree | None = None) -> str:
    """The signed checkpoint of the log's first ``size`` events (``writable``: store the
    tree nodes computed on the way, so the next one costs only the new events; ``tree``:
    one kept from earlier requests on the same connection)."""
    root = (tree or MerkleTree(con, writable=writable)).root(size)
    return sign_note(Checkpoint(signer.name, size, root, seals.state(con, size)).text(),
                     signer)


def read(note: str, verifier: Verifier) -> Checkpoint:
    """The checkpoint in ``note`` if ``verifier`` signed it (NoteRejected otherwise)."""
    return Checkpoint.parse(open_note(note, verifier))


def note_from(text: str) -> str:
    """A checkpoint note from a file's text: the note itself, or a JSON object holding it
    under ``checkpoint`` (a weekly report's report.json, the API's /api/checkpoint)."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            raise BadCheckpoint("not JSON and not a checkpoint") from None
        note = data.get("checkpoint") if isinstance(data, dict) else None
        if not isinstance(note, str):
            raise BadCheckpoint("the JSON holds no signed checkpoint under 'checkpoint' (was "
                                "the report written with a key?)")
        return note
    return text


__all__ = ["BadCheckpoint", "Checkpoint", "NoteRejected", "make", "note_from", "read"]
