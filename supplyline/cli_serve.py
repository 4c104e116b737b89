"""The ``serve`` command: HTTP API, web pages and the weekly report scheduler."""

from __future__ import annotations

import gc
import socket
from pathlib import Path
from typing import Any

import click

from .options import CONTEXT
from .settings import configured_key, db_path, reports_dir


@click.command("serve", context_settings=CONTEXT)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind (loopback by default).")
@click.option("--port", default=8321, show_default=True, type=click.IntRange(1, 65535))
@click.option("--reports", "reports_dir_option", type=click.Path(file_okay=False,
                                                                  path_type=Path),
              help="Report archive directory (default: $SUPPLYLINE_REPORTS, else LOG-reports "
                   "beside the log, e.g. ./supplyline-reports).")
@click.option("--schedule", envvar="SUPPLYLINE_SCHEDULE", default="mon 06:00",
              show_default=True, help="Weekly report day and UTC time ($SUPPLYLINE_SCHEDULE).")
@click.option("--catch-up-weeks", envvar="SUPPLYLINE_CATCH_UP_WEEKS", default=8,
              show_default=True, type=click.IntRange(0, 520),
              help="On start, write up to this many missed weeks' reports.")
@click.option("--no-scheduler", is_flag=True, help="Do not write reports on a schedule.")
@click.option("--max-body", default=10 * 1024 * 1024, show_default=True,
              type=click.IntRange(1024), help="Largest request body, in bytes.")
@click.option("--read-timeout", default=20.0, show_default=True,
              type=click.FloatRange(0.5, 600), metavar="SECONDS",
              help="A client must send a request's headers, and then its body, within this "
                   "time, or the service drops it.")
@click.option("--sql-requires-token", is_flag=True, envvar="SUPPLYLINE_SQL_REQUIRES_TOKEN",
              help="Ad hoc SQL (POST /api/sql) needs the bearer token too, like writes.")
@click.option("--sql-workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="SQL queries run at once (each in a worker process); more wait.")
@click.option("--sql-memory", "sql_memory_mb", default=1024, show_default=True,
              type=click.IntRange(64), metavar="MB",
              help="Memory one SQL worker may use; a query needing more is stopped.")
@click.option("--sql-max-rows", default=100_000, show_default=True, type=click.IntRange(1),
              help="Most rows one SQL answer may hold.")
@click.option("--sql-max-mb", default=32, show_default=True, type=click.IntRange(1),
              help="Largest SQL answer, in MB of JSON.")
@click.option("--key", metavar="FILE", help="Sign checkpoints and reports with this key "
              "(default: $SUPPLYLINE_KEY, else ./supplyline.key if it exists).")
@click.pass_context
def serve_cmd(ctx: click.Context, host: str, port: int, reports_dir_option: Path | None,
              schedule: str, catch_up_weeks: int, no_scheduler: bool, max_body: int,
              read_timeout: float, sql_requires_token: bool, sql_workers: int, sql_memory_mb: int,
              sql_max_rows: int, sql_max_mb: int, key: str | None) -> None:
    """Run the service: it owns the log and offers the HTTP API, web pages and the
    weekly report scheduler. Writes need $SUPPLYLINE_TOKEN as a bearer token when set.

    While it runs, other supplyline commands on the same log work through it. Limits
    and how to change them: docs/security.md.

    \b
    Examples:
      supplyline --db demo/supplyline.duckdb serve --port 8321
      SUPPLYLINE_TOKEN=secret supplyline serve --schedule "mon 06:00" --sql-requires-token
    """
    import uvicorn

    from supplyline.events import LogError
    from supplyline.reports import write_report

    from .api import BodyLimit, create_app
    from .cli_trust import load_signer
    from .errors import BadInput
    from .filemodes import publish
    from .http_guard import GuardedHttp
    from .note import remove_note, write_note
    from .scheduler import ReportScheduler, parse_schedule
    from .service import Service, Settings

    try:
        parse_schedule(schedule)
    except ValueError as exc:
        raise BadInput(f"--schedule: {exc}") from None
    db = db_path(ctx.obj["db"])
    if sql_requires_token and not Settings.from_env(db).token:
        raise BadInput("--sql-requires-token needs a token: set $SUPPLYLINE_TOKEN")
    # the port first: taken, the command says so and stops before opening anything
    listener = _listen(host, port)
    settings = Settings.from_env(
        db, host=host, port=port, reports=reports_dir(db, reports_dir_option),
        schedule=schedule, catch_up_weeks=catch_up_weeks, scheduler=not no_scheduler,
        max_body=max_body, read_timeout=read_timeout, sql_requires_token=sql_requires_token,
        sql_workers=sql_workers, sql_memory_mb=sql_memory_mb, sql_max_rows=sql_max_rows,
        sql_max_bytes=sql_max_mb * 1024 * 1024, key=configured_key(key))
    try:
        signer = None if settings.key is None else load_signer(settings.key)  # fail early
    except BaseException:
        listener.close()
        raise
    try:
        service = Service(settings)
    except BaseException:
        listener.close()
        raise
    app = BodyLimit(create_app(service), max_body, settings.read_timeout)
    sched: ReportScheduler | None = None
    closed = False

    def cleanup() -> None:
        # runs inside uvicorn's shutdown: uvicorn re-raises SIGTERM/SIGINT afterwards
        nonlocal closed
        if closed:
            return
        closed = True
        if service.note is not None:
            remove_note(db, service.note)
        if sched is not None:
            sched.stop()
        service.close()
        listener.close()

    class Server(uvicorn.Server):
        async def shutdown(self, sockets: Any = None) -> None:
            await super().shutdown(sockets)
            cleanup()

    def write_week(year: int, week: int) -> Any:
        written = write_report(service.read_log(), year, week, settings.reports,
                               signer=signer)
        publish(settings.reports, written.directory,
                [*written.files, written.directory / "revision.json"])
        return written

    try:
        if settings.scheduler:
            sched = ReportScheduler(write_week, settings.reports, schedule, catch_up_weeks)
            for week in sched.start():
                click.echo(f"wrote the missed report for {week}", err=True)
        http = type("GuardedHttp", (GuardedHttp,), {"HEADER_TIMEOUT": read_timeout})
        config = uvicorn.Config(app, log_level="warning", access_log=False, http=http,
                                limit_concurrency=256, timeout_keep_alive=5)
        server = Server(config)
        url = f"http://{host if ':' not in host else f'[{host}]'}:{port}"
        try:
            service.note = write_note(db, url)
        except OSError as exc:
            raise LogError(f"cannot write the service note next to the log: {exc}") from None
        position, _ = service.head()
        click.echo(f"supplyline serving {db} ({position} events) on {url}  "
                   f"(pages: {url}/, API docs: {url}/docs); Ctrl-C to stop", err=True)
        # everything loaded so far lives as long as the server: keep it out of the
        # collector's full passes, which otherwise pause requests for milliseconds each
        gc.freeze()
        server.run(sockets=[listener])
    finally:
        cleanup()


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or one sentence saying why there is none."""
    from supplyline.events import LogError

    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        raise LogError(f"cannot listen on {host}: {exc.strerror}") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        import errno

        if exc.errno == errno.EADDRINUSE:
            raise LogError(f"port {port} on {host} is already in use (another service?); "
                           "choose another with --port") from None
        raise LogError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.set_inheritable(True)
    return sock
