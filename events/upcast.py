"""Read older record versions as the current one, without rewriting stored events.

Each stored event keeps the record version it was written in; ``upcast`` applies the
steps from that version to :data:`events.canonical.RECORD_VERSION` in order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .canonical import RECORD_VERSION


def _v1_to_v2(record: dict[str, Any]) -> dict[str, Any]:
    """Version 2 renamed the stored field ``outlet`` to ``via``."""
    if "outlet" in record:
        record = dict(record)
        record["via"] = record.pop("outlet")
    return record


# version -> function turning a record of that version into one of version + 1
_STEPS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}

# The same steps for the SQL reader: typed column -> expression over the parsed body ``s``
# and the row's ``record_version`` (fields not listed are read as they are).
SQL_UPCASTS: dict[str, str] = {
    "via": "CASE WHEN record_version < 2 THEN coalesce(s.via, s.outlet) ELSE s.via END",
}
SQL_EXTRA_FIELDS: dict[str, str] = {"outlet": "VARCHAR"}  # old names the parser must read


def upcast(record: dict[str, Any], version: int) -> dict[str, Any]:
    if version > RECORD_VERSION:
        raise ValueError(f"record version {version} is newer than this supplyline "
                         f"({RECORD_VERSION}); upgrade supplyline")
    while version < RECORD_VERSION:
        record = _STEPS[version](record)
        version += 1
    return record
