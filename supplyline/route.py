"""Run a command locally, or through the service when one holds the log."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

from supplyline.events import LogBusy

from .remote import Remote, explicit_remote, remote_after_busy
from .settings import db_path

T = TypeVar("T")


def local_or_remote(ctx: click.Context, local: Callable[[], T],
                    remote: Callable[[Remote], T]) -> T:
    """``--url``/``$SUPPLYLINE_URL`` given: the service. Else the file; if the service
    holds it, the service found through the note it left next to the log."""
    root = ctx.find_root().obj
    explicit = explicit_remote(root.get("url"))
    if explicit is not None:
        return remote(explicit)
    try:
        return local()
    except LogBusy as busy:
        return remote(remote_after_busy(db_path(root["db"]), busy))
