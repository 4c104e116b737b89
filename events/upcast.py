"""Read older record versions as the current one, without rewriting stored events.

Each stored event keeps the record version it was written in; ``upcast`` applies the
steps from that version to :data:`events.models.RECORD_VERSION` in order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .models import RECORD_VERSION

# version -> function turning a record of that version into one of version + 1
_STEPS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def upcast(record: dict[str, Any], version: int) -> dict[str, Any]:
    if version > RECORD_VERSION:
        raise ValueError(f"record version {version} is newer than this supplyline "
                         f"({RECORD_VERSION}); upgrade supplyline")
    while version < RECORD_VERSION:
        record = _STEPS[version](record)
        version += 1
    return record
