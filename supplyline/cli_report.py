"""The ``report`` command."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from supplyline.events import EventLog
from supplyline.events.clock import utc_today

from .errors import BadInput
from .options import CONTEXT, json_option
from .output import emit_json
from .remote import Remote
from .route import local_or_remote
from .settings import configured_key, db_path, reports_dir


@click.command("report", context_settings=CONTEXT)
@click.option("--week", metavar="YYYY-Www",
              help="ISO week, e.g. 2024-W25, or 'latest' for the week of the newest claim "
                   "(default: the last complete ISO week).")
@click.option("--at-position", type=click.IntRange(min=0), metavar="N",
              help="Build from log positions <= N (default: the whole log).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Archive directory (default: $SUPPLYLINE_REPORTS, else LOG-reports beside "
                   "the log, e.g. ./supplyline-reports).")
@click.option("--key", metavar="FILE",
              help="Embed a checkpoint signed with this key (default: $SUPPLYLINE_KEY, else "
                   "./supplyline.key if it exists; none: the report is not signed).")
@json_option
@click.pass_context
def report_cmd(ctx: click.Context, week: str | None, at_position: int | None,
               out_dir: Path | None, key: str | None, as_json: bool) -> None:
    """Write the weekly report (Markdown, HTML with charts, JSON, CSV tables).

    The report for week W counts claims public by W's Sunday. It is written to
    DIR/YYYY-Www/ and the paths are printed. The same log position and week always
    give byte-identical files. A written report is never overwritten: writing the week
    again at a later log position adds revision 2 in DIR/YYYY-Www/r2/, and so on.
    Without --week: the last complete ISO week (the one that ended last Sunday).

    \b
    Examples:
      supplyline report --week 2024-W25
      supplyline report --week latest --out demo/reports
      supplyline report --week 2024-W25 --at-position 30 --json
    """
    from supplyline.reports import resolve_week, write_report

    from .bounds import checked_week
    from .cli_trust import load_signer
    from .filemodes import publish

    db = db_path(ctx.obj["db"])
    archive = reports_dir(db, out_dir)
    path = configured_key(key)
    signer = None if path is None else load_signer(path)

    def local() -> dict[str, Any]:
        with EventLog(db, read_only=True) as log:
            try:
                year, wk = checked_week(resolve_week(log, week, utc_today()))
            except ValueError as exc:
                raise BadInput(f"--week: {exc}") from None
            written = write_report(log, year, wk, archive, at_position, signer=signer)
        publish(archive, written.directory, [*written.files, written.directory / "revision.json"])
        return {"week": written.week, "directory": str(written.directory),
                "files": [str(p) for p in written.files], "revision": written.revision,
                "written": written.new}

    def remote(r: Remote) -> dict[str, Any]:
        if out_dir is not None:
            raise BadInput(f"--out: the running service writes reports into its own archive "
                           f"(at {r.url}/reports); leave --out out, or stop the service to "
                           f"write to {out_dir}")
        d = r.post("/api/reports", {"week": week, "at_position": at_position})
        rev = d.get("revision", 1)
        base = f"{r.url}/reports/{d['week']}" + ("" if rev == 1 else f"/r{rev}")
        return {"week": d["week"], "directory": base,
                "files": [f"{base}/{name}" for name in d["files"]], "revision": rev,
                "written": d.get("written", True)}

    data = local_or_remote(ctx, local, remote)
    if as_json:
        emit_json(data)
        return
    if not data["written"]:
        click.echo(f"{data['week']} revision {data['revision']} already holds this report "
                   "(same log position); nothing written", err=True)
    elif data["revision"] > 1:
        click.echo(f"{data['week']} was published before; wrote revision {data['revision']} "
                   "beside it (earlier revisions are never overwritten)", err=True)
    for path in data["files"]:
        click.echo(path)
