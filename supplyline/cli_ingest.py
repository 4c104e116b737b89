"""Commands that append to the log: ingest and seed."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click

from supplyline.events import EventLog
from supplyline.events.clock import utc_today
from supplyline.events.dates import parse_utc_timestamp

from .errors import BadInput
from .options import CONTEXT, json_option
from .output import emit_json, is_tty
from .remote import Remote
from .route import local_or_remote
from .settings import open_log


def refresh_projections(log: EventLog) -> None:
    """Bring the materialised projections in the log file up to the head.

    Runs after the append has committed: a failure here must not turn a landed append into
    a reported failure, so it is a warning (the next command that needs the projections
    builds them again)."""
    from supplyline.projections import catch_up

    try:
        catch_up(log.con, log.catalogue(), utc_today())
    except Exception as exc:  # noqa: BLE001 - the events are in; say so and go on
        click.echo(f"warning: the events are appended, but the projections could not be "
                   f"brought up to date ({type(exc).__name__}: {exc}); they are rebuilt "
                   "when next needed", err=True)


def _append_summary(result: Any, dry_run: bool, as_json: bool) -> None:
    if as_json:
        emit_json(result.as_dict())
        return
    verb = "would append" if dry_run else "appended"
    span = (f" (positions {result.first_position}-{result.last_position})"
            if result.appended else "")
    click.echo(f"{verb} {result.appended} event(s){span}; {result.duplicates} duplicate(s) "
               "already in the log")


@click.command("ingest", context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Validate and report; append nothing.")
@click.option("--recorded-at", metavar="TS",
              help="Stamp the batch with this UTC time (back-filling); not before the log's "
                   "last recorded_at.")
@json_option
@click.pass_context
def ingest_cmd(ctx: click.Context, files: tuple[Path, ...], dry_run: bool,
               recorded_at: str | None, as_json: bool) -> None:
    """Validate FILES (.jsonl, .json, .csv) and append them as one transaction.

    Any invalid record: every error is listed as file:line: field: message, nothing is
    appended, exit status 2. Records already in the log are counted as duplicates.

    \b
    Examples:
      supplyline ingest claims.jsonl
      supplyline ingest --dry-run --json a.csv b.json
      supplyline ingest --recorded-at 2024-06-01T00:00:00Z backfill.jsonl
    """
    from supplyline.ingest import ingest

    stamp = _parse_stamp(recorded_at)

    def local() -> Any:
        with ExitStack() as stack:
            log = stack.enter_context(open_log(ctx, write=True))
            progress = _progress_factory(stack) if is_tty() else None
            result = ingest(log, list(files), dry_run=dry_run, recorded_at=stamp,
                            progress=progress)
            if not dry_run:
                refresh_projections(log)
        return result

    def remote(r: Remote) -> Any:
        if stamp is not None:
            raise BadInput("--recorded-at works on the log file directly, and the service "
                           "holds it now: stop the service, or leave --recorded-at out")
        return _remote_ingest(r, list(files), dry_run)

    _append_summary(local_or_remote(ctx, local, remote), dry_run, as_json)


def _remote_ingest(r: Remote, files: list[Path], dry_run: bool = False) -> Any:
    """Read the files here (so bad JSON or CSV is reported by line) and append them through
    the service as one batch (``dry_run``: the service checks them and appends nothing);
    its errors come back mapped to file:line."""
    from supplyline.ingest import IngestFailed, InputError, located_records

    from .remote import ServiceError
    from .service import errors_as_input

    records: list[Any] = []
    origins: list[tuple[str, int]] = []
    errors: list[InputError] = []
    for name, line, record, problems in located_records(files):
        errors.extend(InputError(name, line, f, m) for f, m in problems)
        if not problems:
            records.append(record)
            origins.append((name, line))
    if errors:
        raise IngestFailed(errors)
    try:
        data = r.post("/api/events", {"events": records},
                      dry_run="true" if dry_run else None)
    except ServiceError as exc:
        if exc.errors:
            raise IngestFailed(errors_as_input(exc.errors, origins)) from None
        raise
    return _Summary(data)


class _Summary:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.appended = data["appended"]
        self.duplicates = data["duplicates"]
        self.first_position = data["first_position"]
        self.last_position = data["last_position"]

    def as_dict(self) -> dict[str, Any]:
        return self.data


def _parse_stamp(recorded_at: str | None) -> dt.datetime | None:
    if recorded_at is None:
        return None
    try:
        return parse_utc_timestamp(recorded_at)
    except ValueError as exc:
        raise BadInput(f"--recorded-at: {exc}") from None


def _progress_factory(stack: ExitStack) -> Callable[[Path], Callable[[int, int], None] | None]:
    """A progress bar on stderr for each file over 1 MB."""

    def factory(path: Path) -> Callable[[int, int], None] | None:
        try:
            if path.stat().st_size < 1_000_000:
                return None
        except OSError:
            return None
        bar: Any = click.progressbar(
            length=1000, label=f"reading {path.name}", file=sys.stderr)
        stack.enter_context(bar)

        def update(done: int, total: int) -> None:
            bar.update(int(1000 * done / max(total, 1)) - bar.pos)

        return update

    return factory


@click.command("seed", context_settings=CONTEXT)
@click.option("--recorded-at", metavar="TS",
              help="Stamp the batch with this UTC time (as for ingest; makes hashes "
                   "reproducible).")
@json_option
@click.pass_context
def seed_cmd(ctx: click.Context, recorded_at: str | None, as_json: bool) -> None:
    """Append the built-in dataset curated from the seed articles (idempotent).

    \b
    Examples:
      supplyline --db demo.duckdb seed
      supplyline --db golden.duckdb seed --recorded-at 2025-01-01T00:00:00Z
    """
    from supplyline.ingest.seed import load_seed

    stamp = _parse_stamp(recorded_at)

    others: list[int] = []

    def local() -> Any:
        from supplyline.ingest.seed import events_beyond_seed

        with open_log(ctx, write=True) as log:
            result = load_seed(log, recorded_at=stamp)
            refresh_projections(log)
            others.append(events_beyond_seed(log))
        return result

    def remote(r: Remote) -> Any:
        if stamp is not None:
            raise BadInput("--recorded-at works on the log file directly; the service holds "
                           "it now")
        return _Summary(r.post("/api/seed", {}))

    _append_summary(local_or_remote(ctx, local, remote), False, as_json)
    if others and others[0] and not as_json:
        click.echo(f"the log also holds {others[0]} event(s) not from the seed dataset; "
                   "seeding never removes or changes anything", err=True)
