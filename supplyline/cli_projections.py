"""Commands over projections: timeline, pledges, claims, sql."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import click

from supplyline.events import Catalogue, EventLog, UnknownCode
from supplyline.events.clock import utc_today
from supplyline.events.plain import csv_cell

from .errors import BadInput
from .options import CONTEXT, DATE, grade_options, json_option, time_options
from .output import emit_json, emit_table, fmt_number
from .remote import Remote
from .route import local_or_remote
from .settings import db_path


def _flow_options(f: Any) -> Any:
    f = click.option("--item", required=True, help="Item code or alias, e.g. shell_152mm.")(f)
    f = click.option("--recipient", required=True, help="Party code or name, e.g. RU.")(f)
    return click.option("--supplier", required=True, help="Party code or name, e.g. KP.")(f)


def _resolve_flow(cat: Catalogue, supplier: str, recipient: str, item: str
                  ) -> tuple[str, str, str]:
    try:
        return cat.party(supplier), cat.party(recipient), cat.item(item).code
    except UnknownCode as exc:
        raise BadInput(str(exc)) from None


def _events(ctx: click.Context, as_of: dt.date | None, at_position: int | None
            ) -> tuple[Any, Catalogue]:
    from supplyline.projections import Window, load_events

    with EventLog(db_path(ctx.obj["db"]), read_only=True) as log:
        return load_events(log.con, Window(as_of, at_position)), log.catalogue()


def _flow_events(ctx: click.Context, as_of: dt.date | None, at_position: int | None,
                 supplier: str, recipient: str, item: str, *, claims: bool = False
                 ) -> tuple[Any, Catalogue, tuple[str, str, str]]:
    """The events one flow needs (not the whole log), its catalogue and resolved codes."""
    from supplyline.projections import Window, load_flow_events
    from supplyline.projections.frames import CLAIM_COLUMNS, TIMELINE_COLUMNS

    with EventLog(db_path(ctx.obj["db"]), read_only=True) as log:
        cat = log.catalogue()
        flow = _resolve_flow(cat, supplier, recipient, item)
        cols = CLAIM_COLUMNS if claims else TIMELINE_COLUMNS
        return load_flow_events(log.con, Window(as_of, at_position), flow, cols), cat, flow


@click.command("timeline", context_settings=CONTEXT)
@_flow_options
@time_options
@click.option("--freq", type=click.Choice(["event", "week", "month"]), default="event",
              show_default=True, help="One row per claim date, or per calendar week/month.")
@grade_options
@json_option
@click.pass_context
def timeline_cmd(ctx: click.Context, supplier: str, recipient: str, item: str,
                 as_of: dt.date | None, at_position: int | None, freq: str, grades: Any,
                 as_json: bool) -> None:
    """The cumulative supply timeline of one flow, with low/central/high bands and the
    claim each number rests on.

    Claims in other units are converted with the visible conversions; claims that
    cannot be converted, retracted or superseded, or graded below --min-reliability /
    --min-credibility, are listed as excluded. With --freq week|month, a row whose basis
    (the claim date it repeats) lies before its period is marked 'carried'.

    \b
    Examples:
      supplyline timeline --supplier KP --recipient RU --item shell_152mm
      supplyline timeline --supplier "North Korea" --recipient Russia \\
          --item shell_152mm --as-of 2024-03-01 --freq month --json
      supplyline timeline --supplier KP --recipient RU --item shell_152mm \\
          --min-reliability C --min-credibility 3
    """
    def local() -> dict[str, Any]:
        from supplyline.projections import compute_timeline

        events, cat, flow = _flow_events(ctx, as_of, at_position, supplier, recipient, item)
        return compute_timeline(events, cat, *flow, freq=freq, as_of=as_of,
                                grades=grades).as_dict()

    def remote(r: Remote) -> dict[str, Any]:
        return r.get("/api/timeline", supplier=supplier, recipient=recipient, item=item,  # type: ignore[no-any-return]
                     as_of=as_of, at_position=at_position, freq=freq, **grades.params())

    data = local_or_remote(ctx, local, remote)
    if as_json:
        emit_json(data)
        return
    click.echo(f"{data['supplier']} -> {data['recipient']}, {data['item']}, cumulative "
               f"{data['unit']}")
    grid = freq != "event"
    emit_table(["date", "low", "central", "high", "conflict", "central from", *(
                ["basis"] if grid else [])],
               [(r["date"], r["low"], r["central"], r["high"], "CONFLICT" if r["conflict"]
                 else "", r["central_from"], *([_basis(r, freq)] if grid else []))
                for r in data["rows"]], numeric=["low", "central", "high"])
    if not data["rows"]:
        click.echo("(no claims)")
    for e in data["excluded"]:
        click.echo(f"excluded {e['event_id']}: {e['reason']}")


def _basis(row: dict[str, Any], freq: str) -> str:
    """'new' when a claim is dated in the row's period, else since when it is carried."""
    from supplyline.projections.grid import period_start

    day = dt.date.fromisoformat(row["date"])
    if dt.date.fromisoformat(row["basis_date"]) >= period_start(day, freq):
        return "new"
    return f"carried from {row['basis_date']}"


@click.command("pledges", context_settings=CONTEXT)
@time_options
@grade_options
@json_option
@click.pass_context
def pledges_cmd(ctx: click.Context, as_of: dt.date | None, at_position: int | None,
                grades: Any, as_json: bool) -> None:
    """Every pledge and its fulfilment at the as-of date (default: today, UTC).

    Only deliveries after the pledge was made count: what its flow's timeline gained
    from the row on or before the pledge's first day (the baseline) to the latest row
    (the evidence date). Status: fulfilled, overdue, unknown, on_track, behind or
    unconvertible.

    \b
    Examples:
      supplyline pledges
      supplyline pledges --as-of 2024-03-31 --json
      supplyline pledges --min-reliability B
    """
    def local() -> list[dict[str, Any]]:
        from supplyline.projections import pledge_status
        from supplyline.projections.pledges import pledge_records

        events, cat = _events(ctx, as_of, at_position)
        return pledge_records(pledge_status(events, cat, as_of or utc_today(),
                                            grades=grades))

    def remote(r: Remote) -> list[dict[str, Any]]:
        return r.get("/api/pledges", as_of=as_of, at_position=at_position,  # type: ignore[no-any-return]
                     **grades.params())

    rows = local_or_remote(ctx, local, remote)
    if as_json:
        emit_json(rows)
        return
    emit_table(["event_id", "flow", "pledged", "due_by", "baseline", "delivered", "evidence",
                "fulfilment", "status", "projected"],
               [(r["event_id"], f"{r['supplier']}->{r['recipient']} {r['item']}",
                 r["pledged"], r["due_by"], r["baseline_central"], _band(r),
                 r["evidence_date"] or "-", _pct(r["fulfilment"]), r["status"],
                 r["projected_completion"] or "-") for r in rows],
               numeric=["pledged", "baseline", "fulfilment"])


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def _band(r: dict[str, Any]) -> str:
    if r["delivered_central"] is None:
        return "-"
    lo, hi = fmt_number(r["delivered_low"]), fmt_number(r["delivered_high"])
    return f"{fmt_number(r['delivered_central'])} ({lo}..{hi})"


@click.command("explain", context_settings=CONTEXT)
@_flow_options
@click.option("--from", "d1", type=DATE, required=True, metavar="YYYY-MM-DD",
              help="The earlier as-of date.")
@click.option("--to", "d2", type=DATE, required=True, metavar="YYYY-MM-DD",
              help="The later as-of date.")
@click.option("--at-position", type=click.IntRange(min=0), metavar="N",
              help="Use only log positions <= N (what this log held then).")
@grade_options
@json_option
@click.pass_context
def explain_cmd(ctx: click.Context, supplier: str, recipient: str, item: str, d1: dt.date,
                d2: dt.date, at_position: int | None, grades: Any, as_json: bool) -> None:
    """Why a flow's numbers changed between two as-of dates.

    Compares the flow's row on or before --to as known on --from with the same row as
    known on --to, and lists each newly reported event that moved it, in log order:
    a new claim, a correction, a retraction or a conversion, with what it changed.
    The contributions add up to the change.

    \b
    Examples:
      supplyline explain --supplier KP --recipient RU --item shell_152mm \\
          --from 2024-01-31 --to 2024-09-30
      supplyline explain --supplier KP --recipient RU --item shell_152mm \\
          --from 2023-12-31 --to 2024-03-31 --min-reliability C --json
    """
    if d1 >= d2:
        raise BadInput(f"--from ({d1}) must be before --to ({d2})")

    def local() -> dict[str, Any]:
        from supplyline.projections.explain import explain

        events, cat, flow = _flow_events(ctx, d2, at_position, supplier, recipient, item,
                                         claims=True)
        return explain(events, cat, flow, d1, d2, grades, sources=not as_json)

    def remote(r: Remote) -> dict[str, Any]:
        return r.get("/api/explain", supplier=supplier, recipient=recipient, item=item,  # type: ignore[no-any-return]
                     **{"from": d1}, to=d2, at_position=at_position, **grades.params(),
                     sources="true" if not as_json else None)

    data = local_or_remote(ctx, local, remote)
    if as_json:
        emit_json(data)
        return
    click.echo(f"{data['supplier']} -> {data['recipient']}, {data['item']}, cumulative "
               f"{data['unit']}: the row on or before {d2}, as known on {d1} and on {d2}")
    emit_table(["", "low", "central", "high"],
               [(name, *(data[name][b] for b in ("low", "central", "high")))
                for name in ("from", "to", "change")], numeric=["low", "central", "high"])
    if not data["contributions"]:
        click.echo("no event reported in between changed this row")
        return
    click.echo("")
    emit_table(["event", "reported", "effect", "source", "grade", "low", "central", "high"],
               [(c["event_id"], c.get("reported_on", ""), c["effect"],
                 _short(c.get("source") or "", c.get("via")),
                 f"{c.get('reliability', '')}{c.get('credibility', '')}", c["low"],
                 c["central"], c["high"]) for c in data["contributions"]],
               numeric=["low", "central", "high"])


@click.command("claims", context_settings=CONTEXT)
@_flow_options
@time_options
@grade_options
@json_option
@click.pass_context
def claims_cmd(ctx: click.Context, supplier: str, recipient: str, item: str,
               as_of: dt.date | None, at_position: int | None, grades: Any,
               as_json: bool) -> None:
    """Every shipment claim of a flow side by side, in the canonical unit.

    Shows source, outlet, Admiralty grades, and whether each claim is in use,
    retracted, superseded, unconvertible or below the grade filter; min/median/max over
    the claims in use.

    \b
    Example:
      supplyline claims --supplier KP --recipient RU --item shell_152mm
    """
    def local() -> dict[str, Any]:
        from supplyline.projections import compare_claims

        events, cat, flow = _flow_events(ctx, as_of, at_position, supplier, recipient, item,
                                         claims=True)
        return compare_claims(events, cat, *flow, grades=grades)

    def remote(r: Remote) -> dict[str, Any]:
        return r.get("/api/claims", supplier=supplier, recipient=recipient, item=item,  # type: ignore[no-any-return]
                     as_of=as_of, at_position=at_position, **grades.params())

    data = local_or_remote(ctx, local, remote)
    if as_json:
        emit_json(data)
        return
    click.echo(f"{data['supplier']} -> {data['recipient']}, {data['item']}, in {data['unit']}")
    emit_table(["date", "reported", "source", "grade", "measure", "low", "central", "high",
                "state"],
               [(c["date"], c["reported_on"], _short(c["source"], c["via"]),
                 f"{c['reliability']}{c['credibility']}", c["measure"], c["low"], c["central"],
                 c["high"], c["state"] + (f" by {c['state_by']}" if c["state_by"] else ""))
                for c in data["claims"]], numeric=["low", "central", "high"])
    click.echo(f"claims in use: min {fmt_number(data['min'])}, median "
               f"{fmt_number(data['median'])}, max {fmt_number(data['max'])}")


def _short(source: str, via: str | None) -> str:
    text = source if len(source) <= 40 else source[:39] + "…"
    return f"{text} (via {via})" if via else text


@click.command("sql", context_settings=CONTEXT)
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Stop the query after this many seconds.")
@time_options
@json_option
@click.pass_context
def sql_cmd(ctx: click.Context, query: str, fmt: str, timeout: float, as_of: dt.date | None,
            at_position: int | None, as_json: bool) -> None:
    """Run one read-only SQL query over the log and the projections.

    Tables and views: events, timeline, timeline_excluded, pledge_status.
    Writes, DDL, ATTACH, INSTALL/LOAD, COPY/EXPORT, file-reading functions,
    SET/PRAGMA/RESET and several statements at once are refused (exit 2).

    \b
    Examples:
      supplyline sql "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC"
      supplyline sql "SELECT * FROM timeline WHERE supplier = 'KP'" --format csv
      supplyline sql "SELECT event_id, status FROM pledge_status" --as-of 2024-03-31 --json
    """
    from supplyline.projections import Window
    from supplyline.projections.sql import SqlRefused, SqlResult, SqlTimeout, sql

    from .remote import ServiceError

    def local() -> SqlResult:
        try:
            return sql(db_path(ctx.obj["db"]), query, window=Window(as_of, at_position),
                       today=utc_today(), timeout=timeout)
        except SqlRefused as exc:
            raise BadInput(str(exc)) from None
        except SqlTimeout as exc:
            raise click.ClickException(str(exc)) from None

    def remote(r: Remote) -> SqlResult:
        try:
            d = r.post("/api/sql", {"query": query, "as_of": as_of, "at_position": at_position,
                                    "timeout": timeout})
        except ServiceError as exc:
            if exc.status == 408:
                raise click.ClickException(str(exc)) from None
            raise
        return SqlResult(d["columns"], [tuple(row) for row in d["rows"]])

    result = local_or_remote(ctx, local, remote)
    fmt = "json" if as_json else fmt
    if fmt == "json":
        emit_json([dict(zip(result.columns, r, strict=True)) for r in result.rows])
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([[csv_cell(v) for v in r] for r in result.rows])
        click.echo(buf.getvalue(), nl=False)
    else:
        numeric = [c for i, c in enumerate(result.columns)
                   if result.rows and all(isinstance(r[i], int | float) and not isinstance(
                       r[i], bool) for r in result.rows if r[i] is not None)]
        emit_table(result.columns, result.rows, numeric=numeric)
        click.echo(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
