"""Commands ``export`` and ``import``: full backups and their restore."""

from __future__ import annotations

from pathlib import Path

import click

from supplyline.events import EventLog

from .errors import BadInput
from .options import CONTEXT, json_option
from .output import emit_json
from .settings import db_path


@click.command("export", context_settings=CONTEXT)
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["parquet", "jsonl"]))
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@json_option
@click.pass_context
def export_cmd(ctx: click.Context, fmt: str, out: Path, as_json: bool) -> None:
    """Write a full backup: every event as stored (positions, hashes), the catalogue
    extensions and the registered documents.

    \b
    Examples:
      supplyline export jsonl backup.jsonl
      supplyline export parquet backup.parquet
    """
    from supplyline.events.backup import export

    with EventLog(db_path(ctx.obj["db"]), read_only=True) as log:
        n = export(log, fmt, out)
    if as_json:
        emit_json({"events": n, "file": str(out)})
    else:
        click.echo(f"exported {n} events to {out}")


@click.command("import", context_settings=CONTEXT)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@json_option
@click.pass_context
def import_cmd(ctx: click.Context, file: Path, as_json: bool) -> None:
    """Restore a backup into an empty log (or one whose history the backup continues).

    The backup's hash chain is checked first; a damaged backup, or a log whose events
    differ from the backup's, is refused and nothing is written.

    \b
    Example:
      supplyline --db restored.duckdb import backup.parquet
    """
    from supplyline.events.backup import BadBackup, restore

    from .cli_ingest import refresh_projections

    with EventLog(db_path(ctx.obj["db"])) as log:
        try:
            n = restore(log, file)
        except BadBackup as exc:
            raise BadInput(str(exc)) from None
        refresh_projections(log)
        total = log.head().position
    if as_json:
        emit_json({"imported": n, "events": total})
    else:
        click.echo(f"imported {n} events; the log holds {total}")
