"""Where things are: the log file, the service URL, the report archive."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import click

    from supplyline.events import EventLog

DEFAULT_DB = "supplyline.duckdb"
DEFAULT_KEY = "supplyline.key"


def db_path(option: str | None) -> Path:
    """``--db PATH``, else ``$SUPPLYLINE_DB``, else ``./supplyline.duckdb``."""
    return Path(option or os.environ.get("SUPPLYLINE_DB") or DEFAULT_DB)


def open_log(ctx: click.Context, *, write: bool) -> EventLog:
    """The log ``--db`` names, for reading only unless ``write``."""
    from supplyline.events import EventLog

    return EventLog(db_path(ctx.obj["db"]), read_only=not write)


def reports_dir(db: Path, option: Path | None) -> Path:
    """The report archive: ``--out``/``--reports DIR``, else ``$SUPPLYLINE_REPORTS``, else a
    folder beside the log named after it (``./supplyline-reports`` for the default log).

    Not ``./reports``: run from a checkout of supplyline, that is the source package of
    the same name, and the archive would be written into it.
    """
    if option is not None:
        return Path(option)
    env = os.environ.get("SUPPLYLINE_REPORTS")
    if env:
        return Path(env)
    stem = db.name.removesuffix(".duckdb") or db.name
    return db.with_name(f"{stem}-reports")


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
