"""The ``report`` command."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from events import EventLog

from .errors import BadInput
from .options import CONTEXT, json_option
from .output import emit_json
from .remote import Remote
from .route import local_or_remote
from .settings import DEFAULT_REPORTS, configured_key, db_path


@click.command("report", context_settings=CONTEXT)
@click.option("--week", metavar="YYYY-Www",
              help="ISO week, e.g. 2024-W25, or 'latest' for the week of the newest claim "
                   "(default: the last complete ISO week).")
@click.option("--at-position", type=click.IntRange(min=0), metavar="N",
              help="Build from log positions <= N (default: the whole log).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_REPORTS, show_default=True, help="Archive directory.")
@click.option("--key", metavar="FILE",
              help="Embed a checkpoint signed with this key (default: $SUPPLYLINE_KEY, else "
                   "./supplyline.key if it exists; none: the report is not signed).")
@json_option
@click.pass_context
def report_cmd(ctx: click.Context, week: str | None, at_position: int | None, out_dir: Path,
               key: str | None, as_json: bool) -> None:
    """Write the weekly report (Markdown, HTML with charts, JSON, CSV tables).

    The report for week W counts claims public by W's Sunday. It is written to
    DIR/YYYY-Www/ and the paths are printed. The same log position and week always
    give byte-identical files.

    \b
    Examples:
      supplyline report --week 2024-W25
      supplyline report --week latest --out demo/reports
      supplyline report --week 2024-W25 --at-position 30 --json
    """
    from reports import resolve_week, write_report

    from .cli_trust import load_signer

    path = configured_key(key)
    signer = None if path is None else load_signer(path)

    def local() -> dict[str, Any]:
        with EventLog(db_path(ctx.obj["db"]), read_only=True) as log:
            try:
                year, wk = resolve_week(log, week, dt.datetime.now(dt.UTC).date())
            except ValueError as exc:
                raise BadInput(f"--week: {exc}") from None
            written = write_report(log, year, wk, out_dir, at_position, signer=signer)
        return {"week": written.week, "directory": str(written.directory),
                "files": [str(p) for p in written.files]}

    def remote(r: Remote) -> dict[str, Any]:
        d = r.post("/api/reports", {"week": week, "at_position": at_position})
        base = f"{r.url}/reports/{d['week']}"
        return {"week": d["week"], "directory": base,
                "files": [f"{base}/{name}" for name in d["files"]]}

    data = local_or_remote(ctx, local, remote)
    if as_json:
        emit_json(data)
        return
    for path in data["files"]:
        click.echo(path)
