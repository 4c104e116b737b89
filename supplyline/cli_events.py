"""Commands that read and check the log: events and verify."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from supplyline.events import ALL_FIELDS, EVENT_TYPES

from .options import CONTEXT, json_option, time_options
from .output import emit_json, emit_table, fmt_number
from .remote import Remote
from .route import local_or_remote
from .settings import open_log


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
    from supplyline.events.describe import summarise

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
        from supplyline.trust import verify_all

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
