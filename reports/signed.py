"""The signed checkpoint a report embeds when a key is configured: made for the report's
own log position, so the same position and week still give the same bytes."""

from __future__ import annotations

from typing import Any

from supplyline.events import EventLog


def checkpoint_for(log: EventLog, position: int, signer: Any) -> str:
    """The C2SP checkpoint note of the log's first ``position`` events, signed."""
    from supplyline.trust.checkpoint import make

    return make(log.con, position, signer)


def checkpoint_line(d: dict[str, Any]) -> str | None:
    """One sentence naming the embedded checkpoint (None: the report is not signed)."""
    note = d.get("checkpoint")
    if not note:
        return None
    origin, size, root = note.split("\n")[:3]
    return (f"Signed checkpoint of log {origin} at tree size {size}, root {root} (the full "
            "note is in report.json under \"checkpoint\"; check a cited claim against it with "
            "supplyline verify-proof, see docs/trust.md).")
