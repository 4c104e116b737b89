"""``supplyline draft``: propose event records from articles, for the analyst to review."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click

from supplyline.events import LogError

from .errors import BadInput
from .options import CONTEXT, DATE, json_option
from .output import emit_json
from .remote import Remote
from .route import local_or_remote
from .settings import db_path


@click.command("draft", context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--reported-on", type=DATE, metavar="YYYY-MM-DD",
              help="When the article was published (default: a date line in the text).")
@click.option("--source", metavar="S",
              help="Who made the claims the text attributes to no one (default: --via).")
@click.option("--via", metavar="OUTLET", help="The outlet that carried the article.")
@click.option("--url", metavar="URL", help="The article's address.")
@click.option("--document", "document_id", metavar="ID",
              help="The document id to register the text as (default: the file name).")
@click.option("--records", is_flag=True,
              help="Print only complete records, ready for 'supplyline ingest'.")
@json_option
@click.pass_context
def draft_cmd(ctx: click.Context, files: tuple[Path, ...], reported_on: dt.date | None,
              source: str | None, via: str | None, url: str | None,
              document_id: str | None, records: bool, as_json: bool) -> None:
    """Draft event records from articles (.txt, or .html saved from a browser): one
    candidate per claim, in text order, each quoting the sentence it comes from.

    Registers each file as a document of the log (so every quote is checked against it;
    a new log file is created) and appends no event. Prints JSON Lines of
    {"record", "span", "missing", "confidence", "why"}: review them, fill what is
    missing and the grades, then ingest. Nothing is guessed silently: "why" says how each
    field was filled. See docs/drafting.md.

    \b
    Examples:
      supplyline draft article.txt --reported-on 2024-02-27 --via Firstpost
      supplyline draft page.html --json
      supplyline draft article.txt --reported-on 2024-02-27 --records > drafts.jsonl
    """
    if document_id is not None and len(files) > 1:
        raise BadInput("--document names one document: give one FILE with it")
    inputs = [_read(f) for f in files]  # (path, what the file holds, its text, title, html)
    options = {"reported_on": reported_on, "source": source, "via": via, "url": url}

    def local() -> list[dict[str, Any]]:
        from supplyline.events import EventLog
        from supplyline.ingest.draft import register

        registered = []
        with EventLog(db_path(ctx.find_root().obj["db"])) as log:
            catalogue = log.catalogue()
            for path, _, text, title, _ in inputs:
                try:
                    registered.append(register(log, text, document_id or path.name,
                                               title=title, outlet=via))
                except LogError as exc:
                    raise BadInput(f"{path}: {exc}; give another id with --document") from None
        return [_drafted(doc, text, catalogue, options)
                for doc, (_, _, text, _, _) in zip(registered, inputs, strict=True)]

    def remote(r: Remote) -> list[dict[str, Any]]:
        out = []
        for path, raw, _, _, html in inputs:
            body: dict[str, Any] = {"html" if html else "text": raw,
                                    "document": document_id or path.name}
            body.update({k: (v.isoformat() if isinstance(v, dt.date) else v)
                         for k, v in options.items() if v is not None})
            out.append(r.post("/api/drafts", body))
        return out

    results = local_or_remote(ctx, local, remote)
    candidates = [c for result in results for c in result["candidates"]]
    for (path, *_), result in zip(inputs, results, strict=True):
        found = result["candidates"]
        complete = sum(1 for c in found if not c["missing"])
        click.echo(f"{path}: document {result['document']['document_id']}; {len(found)} "
                   f"candidate(s), {complete} complete", err=True)
    rows: list[Any] = ([c["record"] for c in candidates if not c["missing"]] if records
                       else candidates)
    if as_json:
        emit_json(rows)
    else:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))


def _read(path: Path) -> tuple[Path, str, str, str | None, bool]:
    """(path, what it holds, the document's text, its title, whether it is HTML) of a
    .txt or .html file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file") from None
    except OSError as exc:
        raise BadInput(f"{path}: cannot read it ({exc.strerror})") from None
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BadInput(f"{path}: not UTF-8 text") from None
    if _is_html(path, raw):
        from supplyline.ingest.draft.text import html_title, html_to_text

        return path, raw, html_to_text(raw), html_title(raw), True
    return path, raw, raw, None, False


def _is_html(path: Path, text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return path.suffix.lower() in (".html", ".htm", ".xhtml") or head.startswith(
        ("<!doctype html", "<html"))


def _drafted(doc: dict[str, Any], text: str, catalogue: Any,
             options: dict[str, Any]) -> dict[str, Any]:
    from supplyline.ingest.draft import draft_text

    candidates = draft_text(text, catalogue, document=doc["document_id"], **options)
    return {"document": {k: doc[k] for k in ("document_id", "sha256", "title")},
            "text": text, "candidates": candidates}
