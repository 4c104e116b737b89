"""Where things are: the log file, the service URL, the report archive."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB = "supplyline.duckdb"
DEFAULT_REPORTS = "reports"
DEFAULT_KEY = "supplyline.key"


def db_path(option: str | None) -> Path:
    """``--db PATH``, else ``$SUPPLYLINE_DB``, else ``./supplyline.duckdb``."""
    return Path(option or os.environ.get("SUPPLYLINE_DB") or DEFAULT_DB)


def key_path(option: str | Path | None) -> Path:
    """The signing key: ``--key FILE``, else ``$SUPPLYLINE_KEY``, else ``./supplyline.key``."""
    return Path(option or os.environ.get("SUPPLYLINE_KEY") or DEFAULT_KEY)


def configured_key(option: str | Path | None) -> Path | None:
    """The key to sign reports and checkpoints with, when one is configured: the file
    named by ``--key`` or ``$SUPPLYLINE_KEY`` (which must exist), else ``./supplyline.key``
    if it exists, else None."""
    path = key_path(option)
    if option or os.environ.get("SUPPLYLINE_KEY") or path.exists():
        return path
    return None
