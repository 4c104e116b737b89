"""The ``serve`` command: HTTP API, web pages and the weekly report scheduler."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import click

from .options import CONTEXT
from .settings import configured_key, db_path


@click.command("serve", context_settings=CONTEXT)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind (loopback by default).")
@click.option("--port", default=8321, show_default=True, type=click.IntRange(1, 65535))
@click.option("--reports", "reports_dir", type=click.Path(file_okay=False, path_type=Path),
              envvar="SUPPLYLINE_REPORTS", default="reports", show_default=True,
              help="Report archive directory ($SUPPLYLINE_REPORTS).")
@click.option("--schedule", envvar="SUPPLYLINE_SCHEDULE", default="mon 06:00",
              show_default=True, help="Weekly report day and UTC time ($SUPPLYLINE_SCHEDULE).")
@click.option("--catch-up-weeks", envvar="SUPPLYLINE_CATCH_UP_WEEKS", default=8,
              show_default=True, type=click.IntRange(0, 520),
              help="On start, write up to this many missed weeks' reports.")
@click.option("--no-scheduler", is_flag=True, help="Do not write reports on a schedule.")
@click.option("--max-body", default=10 * 1024 * 1024, show_default=True,
              type=click.IntRange(1024), help="Largest request body, in bytes.")
@click.option("--key", metavar="FILE", help="Sign checkpoints and reports with this key "
              "(default: $SUPPLYLINE_KEY, else ./supplyline.key if it exists).")
@click.pass_context
def serve_cmd(ctx: click.Context, host: str, port: int, reports_dir: Path, schedule: str,
              catch_up_weeks: int, no_scheduler: bool, max_body: int, key: str | None
              ) -> None:
    """Run the service: it owns the log and offers the HTTP API, web pages and the
    weekly report scheduler. Writes need $SUPPLYLINE_TOKEN as a bearer token when set.

    While it runs, other supplyline commands on the same log work through it.

    \b
    Examples:
      supplyline --db demo/supplyline.duckdb serve --port 8321
      SUPPLYLINE_TOKEN=secret supplyline serve --schedule "mon 06:00" --reports archive
    """
    import uvicorn

    from reports import write_report

    from .api import BodyLimit, create_app
    from .cli_trust import load_signer
    from .errors import BadInput
    from .scheduler import ReportScheduler, parse_schedule
    from .service import Service, Settings, service_note, write_note

    try:
        parse_schedule(schedule)
    except ValueError as exc:
        raise BadInput(f"--schedule: {exc}") from None
    db = db_path(ctx.obj["db"])
    settings = Settings.from_env(db, host=host, port=port, reports=reports_dir,
                                 schedule=schedule, catch_up_weeks=catch_up_weeks,
                                 scheduler=not no_scheduler, max_body=max_body,
                                 key=configured_key(key))
    signer = None if settings.key is None else load_signer(settings.key)  # fail early
    service = Service(settings)
    app = BodyLimit(create_app(service), max_body)
    sched: ReportScheduler | None = None
    closed = False

    def cleanup() -> None:
        # runs inside uvicorn's shutdown: uvicorn re-raises SIGTERM/SIGINT afterwards
        nonlocal closed
        if closed:
            return
        closed = True
        service_note(db).unlink(missing_ok=True)
        if sched is not None:
            sched.stop()
        service.close()

    class Server(uvicorn.Server):
        async def shutdown(self, sockets: Any = None) -> None:
            await super().shutdown(sockets)
            cleanup()

    try:
        if settings.scheduler:
            sched = ReportScheduler(
                lambda y, w: write_report(service.read_log(), y, w, settings.reports,
                                          signer=signer),
                settings.reports, schedule, catch_up_weeks)
            for week in sched.start():
                click.echo(f"wrote the missed report for {week}", err=True)
        config = uvicorn.Config(app, host=host, port=port, log_level="warning",
                                access_log=False)
        server = Server(config)
        url = f"http://{host}:{port}"
        write_note(db, url)
        position, _ = service.head()
        click.echo(f"supplyline serving {db} ({position} events) on {url}  "
                   f"(pages: {url}/, API docs: {url}/docs); Ctrl-C to stop", err=True)
        # everything loaded so far lives as long as the server: keep it out of the
        # collector's full passes, which otherwise pause requests for milliseconds each
        gc.freeze()
        server.run()
    finally:
        cleanup()
