"""Commands over the log itself: ingest, seed, events, verify, catalogue, documents."""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click

from events import ALL_FIELDS, EVENT_TYPES, EventLog, LogError
from events.clock import utc_today
from events.dates import parse_utc_timestamp

from .errors import BadInput
from .options import CONTEXT, json_option, time_options
from .output import emit_json, emit_table, fmt_number, is_tty
from .remote import Remote
from .route import local_or_remote
from .settings import db_path


def open_log(ctx: click.Context, *, write: bool) -> EventLog:
    return EventLog(db_path(ctx.obj["db"]), read_only=not write)


def refresh_projections(log: EventLog) -> None:
    """Bring the materialised projections in the log file up to the head.

    Runs after the append has committed: a failure here must not turn a landed append into
    a reported failure, so it is a warning (the next command that needs the projections
    builds them again)."""
    from projections import catch_up

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
    from ingest import ingest

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
    from ingest import IngestFailed, InputError, located_records

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
    from ingest.seed import load_seed

    stamp = _parse_stamp(recorded_at)

    others: list[int] = []

    def local() -> Any:
        from ingest.seed import events_beyond_seed

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


@click.command("events", context_settings=CONTEXT)
@click.option("--type", "types", multiple=True, type=click.Choice(EVENT_TYPES),
              help="Only events of this type (repeatable).")
@click.option("--since-position", type=click.IntRange(min=0), metavar="N",
              help="Only events after log position N.")
@time_options
@json_option
@click.pass_context
def events_cmd(ctx: click.Context, types: tuple[str, ...], since_position: int | None,
               as_of: dt.date | None, at_position: int | None, as_json: bool) -> None:
    """List events, oldest first.

    \b
    Examples:
      supplyline events --type shipment --as-of 2024-03-01
      supplyline events --since-position 30 --json
    """
    def local() -> list[dict[str, Any]]:
        with open_log(ctx, write=False) as log:
            return log.read(types=types or None, since_position=since_position, as_of=as_of,
                            at_position=at_position)

    def remote(r: Remote) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        since = since_position
        while True:
            page = r.get("/api/events", type=list(types) or None, since_position=since,
                         as_of=as_of, at_position=at_position, limit=100_000)
            out += page["events"]
            since = page["next_since_position"]
            if since is None:
                return out

    records = local_or_remote(ctx, local, remote)
    if as_json:
        keys = ("position", "recorded_at", "hash", *ALL_FIELDS)
        emit_json([{k: r.get(k) for k in keys} for r in records])
        return
    rows = [(r["position"], r["reported_on"], r["type"], r["event_id"], _summary(r))
            for r in records]
    emit_table(["position", "reported_on", "type", "event_id", "claim"], rows,
               numeric=["position"])


def _summary(r: dict[str, Any]) -> str:
    from events.describe import summarise

    return summarise(r, fmt_number)


@click.command("verify", context_settings=CONTEXT)
@click.option("--projections", is_flag=True,
              help="Also rebuild the materialised projections in a temporary file and "
                   "compare them with the stored ones (slower).")
@click.option("--checkpoint", "checkpoint_file", type=click.Path(dir_okay=False, path_type=Path),
              help="A signed checkpoint (or a report.json embedding one): check the log "
                   "still extends it. Needs --public-key.")
@click.option("--public-key", type=click.Path(dir_okay=False, path_type=Path),
              help="The public key that signed --checkpoint.")
@json_option
@click.pass_context
def verify_cmd(ctx: click.Context, projections: bool, checkpoint_file: Path | None,
               public_key: Path | None, as_json: bool) -> None:
    """Check everything the numbers come from; exit 1 when something was altered.

    The hash chain and positions of the log; the stored Merkle tree; the seals of the
    catalogue and documents; the typed copies of events (events_flat, events_side) row by
    row. With --checkpoint, that the log's first N events still give the signed root (a
    rewritten or truncated history is refused). With --projections, that the stored
    timelines and pledge status equal a fresh rebuild.

    \b
    Examples:
      supplyline verify --json
      supplyline verify --projections
      supplyline verify --checkpoint checkpoint.txt --public-key key.pub
    """
    from .cli_trust import read_checkpoint_option, refused, remote_verify

    cp, rejection = read_checkpoint_option(checkpoint_file, public_key)

    def local() -> Any:
        from trust import verify_all

        with open_log(ctx, write=False) as log:
            return verify_all(log, projections=projections, checkpoint=cp)

    result = refused(local_or_remote(ctx, local, lambda r: remote_verify(r, projections, cp)),
                     rejection)
    if as_json:
        emit_json(result.as_dict())
    elif result.ok:
        click.echo(f"ok: {result.events} events, head hash {result.head_hash}")
        click.echo(f"checked: {', '.join(result.checked)}")
    else:
        click.echo(f"NOT OK: {result.problem}", err=True)
        at = ("" if result.first_bad_position is None
              else f"; first bad position {result.first_bad_position}")
        click.echo(f"{result.events} events{at}; found in {result.table or 'log'}")
    if not result.ok:
        raise click.exceptions.Exit(1)


@click.group("catalogue", context_settings=CONTEXT, invoke_without_command=True)
@json_option
@click.pass_context
def catalogue_cmd(ctx: click.Context, as_json: bool) -> None:
    """List or extend the parties, items and units events may name (alone: as `list`).

    \b
    Examples:
      supplyline catalogue list --search korea
      supplyline catalogue list --kind item --json
      supplyline catalogue add-party HOUTHI "Ansar Allah" --alias Houthis
      supplyline catalogue add-item shell_203mm "203 mm artillery shell" --unit rounds
      supplyline catalogue add-alias item Krasnopol shell_152mm
    """
    if ctx.invoked_subcommand is None:
        _list_catalogue(ctx, None, None, as_json)


@catalogue_cmd.command("list")
@click.option("--kind", type=click.Choice(["party", "item", "unit"]),
              help="Only parties, items or units.")
@click.option("--search", metavar="TEXT",
              help="Only entries with a code, name or other word in which a word starts "
                   "with TEXT (case and accents aside).")
@json_option
@click.pass_context
def list_catalogue(ctx: click.Context, kind: str | None, search: str | None,
                   as_json: bool) -> None:
    """Codes, names, the other names and demonyms a field accepts, the words the news
    uses, and units; then the catalogue version and which one validated the log's events.

    \b
    Examples:
      supplyline catalogue list --search korea
      supplyline catalogue list --kind unit --json
    """
    _list_catalogue(ctx, kind, search, as_json)


def _list_catalogue(ctx: click.Context, kind: str | None, search: str | None,
                    as_json: bool) -> None:
    from .catalogue_view import catalogue_json, print_catalogue

    def local() -> dict[str, Any]:
        from events import Catalogue

        path = db_path(ctx.find_root().obj["db"])
        if not path.exists():
            return catalogue_json(Catalogue.builtin(), None, kind, search)
        with EventLog(path, read_only=True) as log:
            return catalogue_json(log.catalogue(), log, kind, search)

    def remote(r: Remote) -> dict[str, Any]:
        return r.get("/api/catalogue", kind=kind, search=search)  # type: ignore[no-any-return]

    data = local_or_remote(ctx, local, remote)
    if as_json:
        emit_json(data)
    else:
        print_catalogue(data)


@catalogue_cmd.command("add-party")
@click.argument("code")
@click.argument("name")
@click.option("--alias", "aliases", multiple=True, help="Another name for it (repeatable).")
@click.pass_context
def add_party(ctx: click.Context, code: str, name: str, aliases: tuple[str, ...]) -> None:
    """Add a party: an upper-case CODE and its NAME. Every ISO 3166-1 state is built in; a
    group or movement gets a code of three or more letters (HOUTHI), never two."""
    _add_entry(ctx, "party", code, name, None, aliases)


@catalogue_cmd.command("add-item")
@click.argument("code")
@click.argument("name")
@click.option("--unit", required=True, help="Its canonical unit (rounds, units, ...).")
@click.pass_context
def add_item(ctx: click.Context, code: str, name: str, unit: str) -> None:
    """Add an item: a lower-case CODE, its NAME and canonical --unit."""
    _add_entry(ctx, "item", code, name, unit, ())


@catalogue_cmd.command("add-alias")
@click.argument("kind", type=click.Choice(["party", "item"]))
@click.argument("alias")
@click.argument("code")
@click.pass_context
def add_alias(ctx: click.Context, kind: str, alias: str, code: str) -> None:
    """Make ALIAS another name for the party or item CODE."""
    _add_entry(ctx, f"{kind}_alias", code, alias, None, ())


def _add_entry(ctx: click.Context, kind: str, code: str, name: str, unit: str | None,
               aliases: tuple[str, ...]) -> None:
    parent = ctx.find_root()
    with EventLog(db_path(parent.obj["db"])) as log:
        try:
            log.add_catalogue_entry(kind, code, name, unit, aliases)
        except ValueError as exc:
            raise BadInput(str(exc)) from None
    click.echo(f"added {kind.replace('_', ' ')} {name if 'alias' in kind else code}")


@click.group("documents", context_settings=CONTEXT, invoke_without_command=True)
@json_option
@click.pass_context
def documents_cmd(ctx: click.Context, as_json: bool) -> None:
    """List or register the source documents events may cite with `document` and `quote`.

    \b
    Examples:
      supplyline documents
      supplyline documents add article.txt --title "Ministry briefing" --outlet Reuters
    """
    if ctx.invoked_subcommand is not None:
        return
    with open_log(ctx, write=False) as log:
        docs = log.documents()
    if as_json:
        emit_json(docs)
        return
    emit_table(["document_id", "outlet", "text", "title"],
               [(d["document_id"], d["outlet"], "yes" if d["has_text"] else "digest only",
                 d["title"]) for d in docs])


@documents_cmd.command("add")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--id", "document_id", help="Its id (default: the file name).")
@click.option("--title")
@click.option("--outlet")
@click.pass_context
def add_document(ctx: click.Context, file: Path, document_id: str | None, title: str | None,
                 outlet: str | None) -> None:
    """Register FILE (UTF-8 text) so events can cite it and their quotes are checked."""
    data = file.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BadInput(f"{file}: not UTF-8 text") from None
    with EventLog(db_path(ctx.find_root().obj["db"])) as log:
        try:
            added = log.add_document(document_id or file.name, hashlib.sha256(data).hexdigest(),
                                     title=title, outlet=outlet, text=text)
        except LogError as exc:
            raise BadInput(str(exc)) from None
    click.echo(("registered " if added else "already registered: ") + (document_id or file.name))
