"""Where things are: the log file, the service URL, the report archive."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB = "supplyline.duckdb"
DEFAULT_REPORTS = "reports"


def db_path(option: str | None) -> Path:
    """``--db PATH``, else ``$SUPPLYLINE_DB``, else ``./supplyline.duckdb``."""
    return Path(option or os.environ.get("SUPPLYLINE_DB") or DEFAULT_DB)
