"""Commands over what events may name: the catalogue (parties, items, units) and the
registered source documents."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import click

from supplyline.events import EventLog, LogError

from .errors import BadInput
from .options import CONTEXT, json_option
from .output import emit_json, emit_table
from .remote import Remote
from .route import local_or_remote
from .settings import db_path, open_log


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
        from supplyline.events import Catalogue

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
