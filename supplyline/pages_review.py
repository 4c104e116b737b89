"""The review page: paste an article (or upload a saved web page), see the drafter's
candidate claims beside it with each claim's sentence highlighted, fix them, tick the ones
to keep, and append those as one batch.

Drafting registers the article as a document of the log (so every quote is checked
against it) with the drafter's own ``register``, as ``POST /api/drafts`` does; it appends
no event, but writes, so it asks for the token like any write. The append carries the log
position the drafts were reviewed at: when the log moved meanwhile (another analyst
appended), nothing is appended and the page lists what arrived, so the analyst can check
for repeats and append again.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supplyline.events import PositionConflict
from supplyline.reports.words import Names

from .event_form import TYPES, editable, record_from_form, render_fields
from .page_shell import html_page
from .pages_forms import (
    Refused,
    checked_form,
    field_errors,
    hidden_csrf,
    respond,
    text_fields,
    token_field,
)
from .service import BadRequest, Service
from .web_guard import SESSION_COOKIE, WebGuard, set_cookie

MAX_DRAFTS = 200
# what the drafter fills from the article and an analyst rarely changes, out of the way
FOLDED = ("url", "document", "quote", "notes")


def add_review_pages(app: FastAPI, service: Service, guard: WebGuard) -> None:
    names = Names(service.catalogue)

    def start_page(request: Request, values: dict[str, str], problem: str = "",
                   token_problem: str | None = None) -> Response:
        ctx = guard.context(request)

        def field(name: str, label: str, kind: str = "text", hint: str = "") -> str:
            return (f'<div class="field"><label for="r-{name}">{label}</label>'
                    f'<input type="{kind}" id="r-{name}" name="{name}" '
                    f'value="{escape(values.get(name, ""))}">'
                    + (f'<small class="hint">{escape(hint)}</small>' if hint else "")
                    + "</div>")

        body = (
            "<p>Paste an article, or upload a saved web page or text file; the drafter "
            "proposes one event per claim it reads, beside the text. Check each draft "
            "against its sentence, fill what it could not, tick the ones to keep and append "
            "them together. Nothing is appended before that.</p>"
            + (f'<p class="problem" role="alert">{escape(problem)}</p>' if problem else "")
            + '<form method="post" action="/review" enctype="multipart/form-data" '
              'novalidate class="review-start">' + hidden_csrf(ctx)
            + '<div class="field"><label for="r-text">Article text</label>'
              '<textarea class="article" id="r-text" name="text" rows="12">'
            + escape(values.get("text", "")) + "</textarea></div>"
            + '<div class="field"><label for="r-html">or a saved page (.html) or text file'
              '</label><input type="file" id="r-html" name="file" accept=".html,.htm,.txt,'
              'text/html,text/plain"></div>'
            + '<div class="fields">'
            + field("reported_on", "Reported on", "date",
                    "the day it was made public (empty: the article's date line)")
            + field("source", "Source", hint="who makes the claims, when the article "
                    "does not say")
            + field("via", "Outlet", hint="the publication")
            + field("url", "URL")
            + field("document", "Document id", hint="empty: one derived from the text")
            + "</div>" + token_field(ctx, token_problem)
            + '<p><button type="submit" data-action="draft">Draft claims</button></p>'
              "</form>")
        return respond(guard, request, ctx, html_page("Review an article", body,
                                                      script=True))

    @app.get("/review", response_class=HTMLResponse, include_in_schema=False)
    def review(request: Request) -> Response:
        return start_page(request, {"reported_on": ""})

    @app.post("/review", include_in_schema=False)
    async def draft(request: Request) -> Response:
        form = await request.form()
        try:
            fields, new_session = await checked_form(guard, request)
        except Refused as exc:
            if exc.status == 403:
                return html_page("Not sent", f'<p class="problem">{escape(exc.message)}</p>',
                                 403)
            return start_page(request, await text_fields(request), token_problem=exc.message)
        # browsers send a textarea's line breaks as CRLF: the article as written has LF
        # (a pasted .txt file then registers with the file's own SHA-256)
        text, title = _lf(fields.get("text", "")), None
        upload = form.get("file")
        if upload is not None and not isinstance(upload, str) and upload.filename:
            raw = (await upload.read()).decode("utf-8", errors="replace")
            if upload.filename.lower().endswith(".txt"):
                text = _lf(raw)
            else:
                from supplyline.ingest.draft.text import html_title, html_to_text

                text, title = html_to_text(raw), html_title(raw)
        if not text.strip():
            return start_page(request, fields, "Paste the article's text or choose a file.")
        try:
            reported_on = (dt.date.fromisoformat(fields["reported_on"])
                           if fields.get("reported_on") else None)
        except ValueError:
            return start_page(request, fields, "reported_on: a date as YYYY-MM-DD")
        try:
            drafted = await _draft(service, text, title, fields, reported_on)
        except ValueError as exc:  # the document id is taken by another text
            return start_page(request, fields, f"document: {exc}")
        response = review_page(request, drafted, service.head()[0])
        if new_session:
            set_cookie(response, request, SESSION_COOKIE, guard.new_session())
        return response

    def review_page(request: Request, drafted: dict[str, Any], expected: int, *,
                    errors: dict[int, dict[str, list[str]]] | None = None,
                    accepted: set[int] | None = None, notice: str = "",
                    token_problem: str | None = None) -> Response:
        ctx = guard.context(request)
        errors = errors or {}
        candidates = drafted["candidates"]
        accepted = accepted if accepted is not None else set()
        drafts = "".join(_candidate(i, c, service, i in accepted, errors.get(i, {}))
                         for i, c in enumerate(candidates))
        doc = drafted["document"]
        body = (
            notice
            + f'<p class="meta">Document <code>{escape(doc["document_id"])}</code>'
            + (f" ({escape(doc['title'])})" if doc.get("title") else "")
            + f"; {len(candidates)} draft(s). Tick the drafts to append; the others are "
              "dropped. Each sentence a draft comes from is highlighted.</p>"
            + '<div class="review"><section class="article-text" aria-label="Article">'
              f"<h2>Article</h2><div class=\"text\">{_marked(drafted['text'], candidates)}"
              "</div></section><section class=\"drafts\" aria-label=\"Drafts\">"
              "<h2>Drafts</h2>"
            + '<form method="post" action="/review/append" novalidate>' + hidden_csrf(ctx)
            + f'<input type="hidden" name="expected_position" value="{expected}">'
            + f'<input type="hidden" name="count" value="{len(candidates)}">'
            + f'<input type="hidden" name="article" value="{escape(drafted["text"])}">'
            + "".join(f'<input type="hidden" name="doc_{k}" value="{escape(str(v or ""))}">'
                      for k, v in doc.items() if k in ("document_id", "sha256", "title"))
            + (drafts or "<p>The drafter found no claim in this text. "
               '<a href="/events/new">Add an event</a> by hand instead.</p>')
            + token_field(ctx, token_problem)
            + ('<p><button type="submit" data-action="append">Append the ticked drafts'
               "</button></p>" if candidates else "")
            + "</form></section></div>")
        return respond(guard, request, ctx, html_page("Review an article", body,
                                                      script=True))

    @app.post("/review/append", include_in_schema=False)
    async def append(request: Request) -> Response:
        form = await request.form()
        drafted, expected, accepted = _from_form(form)
        try:
            _, new_session = await checked_form(guard, request)
        except Refused as exc:
            if exc.status == 403:
                return html_page("Not sent", f'<p class="problem">{escape(exc.message)}</p>',
                                 403)
            return review_page(request, drafted, expected, accepted=set(accepted),
                               token_problem=exc.message)
        order = sorted(accepted)
        records = [drafted["candidates"][i]["record"] for i in order]
        errors: dict[int, dict[str, list[str]]] = {}
        notice = ""
        if not records:
            notice = ('<p class="problem" role="alert">Tick at least one draft to append; '
                      "nothing appended.</p>")
        else:
            try:
                result = await service.append(records, expected)
            except BadRequest as exc:
                errors = {order[k]: field_errors(exc.errors, k) for k in range(len(order))}
                errors = {i: e for i, e in errors.items() if e}
                n = sum(len(m) for e in errors.values() for m in e.values())
                notice = (f'<p class="problem" role="alert"><strong>{n} error(s) in the '
                          "ticked drafts; nothing appended.</strong> Each is shown by its "
                          "field.</p>")
            except PositionConflict as exc:
                notice = _moved(service, names, exc.expected, exc.actual)
                expected = exc.actual
            else:
                first, last = result["first_position"], result["last_position"]
                target = (f"/appended?first={first}&last={last}" if first is not None else
                          "/events")
                response: Response = RedirectResponse(target, status_code=303)
                if new_session:
                    set_cookie(response, request, SESSION_COOKIE, guard.new_session())
                return response
        response = review_page(request, drafted, expected, errors=errors,
                               accepted=set(accepted), notice=notice)
        if new_session:
            set_cookie(response, request, SESSION_COOKIE, guard.new_session())
        return response


async def _draft(service: Service, text: str, title: str | None, fields: dict[str, str],
                 reported_on: dt.date | None) -> dict[str, Any]:
    """Register the text as a document (on the writer's thread) and draft its claims, as
    ``POST /api/drafts`` does."""
    import asyncio

    from supplyline.events import LogError
    from supplyline.ingest.draft import draft_text, register

    def store(log: Any) -> dict[str, Any]:
        try:
            return register(log, text, fields.get("document") or None, title=title,
                            outlet=fields.get("via") or None)
        except LogError as exc:
            raise ValueError(str(exc)) from None

    doc = await asyncio.wrap_future(service.writer.enqueue_call(store))
    candidates = await asyncio.to_thread(
        draft_text, text, service.catalogue, document=doc["document_id"],
        reported_on=reported_on, source=fields.get("source") or None,
        via=fields.get("via") or None, url=fields.get("url") or None)
    return {"document": doc, "text": text, "candidates": candidates[:MAX_DRAFTS]}


def _from_form(form: Any) -> tuple[dict[str, Any], int, list[int]]:
    """The drafts as the analyst left them (records rebuilt from their fields), the position
    they were reviewed at, and which are ticked."""
    count = _int(form.get("count"), 0, MAX_DRAFTS)
    candidates = []
    for i in range(count):
        kind = str(form.get(f"d{i}.type") or "")
        if kind not in TYPES:
            continue
        record = record_from_form(kind, form, prefix=f"d{i}.", extra=())
        span = [_int(form.get(f"d{i}.span_start"), 0, 10**9),
                _int(form.get(f"d{i}.span_end"), 0, 10**9)]
        candidates.append({"record": record, "span": span, "missing": [],
                           "confidence": None, "why": str(form.get(f"d{i}.why") or "")})
    accepted = sorted({n for v in form.getlist("accept")
                       if (n := _int(v, -1, count)) in range(len(candidates))})
    doc = {k: str(form.get(f"doc_{k}") or "") or None
           for k in ("document_id", "sha256", "title")}
    return ({"document": doc, "text": _lf(str(form.get("article") or "")),
             "candidates": candidates},
            _int(form.get("expected_position"), 0, 2**62), accepted)


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n")


def _int(value: Any, default: int, most: int) -> int:
    try:
        n = int(str(value))
    except (TypeError, ValueError):
        return default
    return n if 0 <= n <= most else default


def _candidate(i: int, c: dict[str, Any], service: Service, ticked: bool,
               errors: dict[str, list[str]]) -> str:
    record = c["record"]
    kind = record.get("type", "shipment")
    if kind not in TYPES:
        kind = "shipment"
    missing = [m for m in c.get("missing") or [] if not record.get(m)]
    confidence = c.get("confidence")
    about = escape(c.get("why") or "")
    return (f'<fieldset class="draft" data-draft="{i}" id="draft-{i}">'
            f"<legend>Draft {i + 1}: {escape(kind)}"
            + (f" (confidence {confidence:.0%})" if isinstance(confidence, int | float)
               else "") + "</legend>"
            + f'<label class="accept"><input type="checkbox" name="accept" value="{i}"'
            + (" checked" if ticked else "") + f"> Append draft {i + 1}</label>"
            + (f'<p class="hint">{about}</p>' if about else "")
            + (f'<p class="warning">To fill: {escape(", ".join(missing))}</p>'
               if missing else "")
            + f'<input type="hidden" name="d{i}.type" value="{escape(kind)}">'
            + f'<input type="hidden" name="d{i}.span_start" value="{int(c["span"][0])}">'
            + f'<input type="hidden" name="d{i}.span_end" value="{int(c["span"][1])}">'
            + f'<input type="hidden" name="d{i}.why" value="{about}">'
            + '<div class="fields">'
            + render_fields(kind, editable({**record, "type": kind}), service.catalogue,
                            prefix=f"d{i}.", errors=errors, fold=FOLDED)
            + "</div></fieldset>")


def _marked(text: str, candidates: list[dict[str, Any]]) -> str:
    """The article, escaped, each draft's span in a ``<mark>`` (overlapping spans share the
    marked pieces; the first piece of draft i has the id ``span-i``)."""
    spans = []
    for i, c in enumerate(candidates):
        start, end = (max(0, min(len(text), int(x))) for x in c["span"])
        if end > start:
            spans.append((start, end, i))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out, opened = [], set()
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = escape(text[a:b])
        over = [i for s, e, i in spans if s <= a and b <= e]
        if not over:
            out.append(piece)
            continue
        first = [i for i in over if i not in opened]
        opened.update(first)
        ids = f' id="span-{first[0]}"' if first else ""
        out.append(f'<mark{ids} data-drafts="{" ".join(map(str, over))}" title="Draft '
                   + ", ".join(str(i + 1) for i in over) + f'">{piece}</mark>')
    return "".join(out).replace("\n", "<br>")


def _moved(service: Service, names: Names, expected: int, actual: int) -> str:
    """What was appended while the drafts were reviewed, so they can be checked for
    repeats before appending again."""
    rows = service.read_log().read(since_position=expected, at_position=min(actual,
                                                                             expected + 20))
    listed = "".join(f"<li>{r['position']}: {escape(names.summarise(_full(r)))} "
                     f"({escape(r['source'])})</li>" for r in rows)
    more = (f"<li>and {actual - expected - len(rows):,} more</li>"
            if actual - expected > len(rows) else "")
    return (f'<div class="warning" role="alert" data-conflict="409"><p><strong>The log '
            f"moved while you reviewed:</strong> it was at position {expected}, it is now at "
            f"{actual}. Nothing was appended. These arrived meanwhile; check that your "
            f"ticked drafts do not repeat them, then append again:</p><ul>{listed}{more}"
            "</ul></div>")


def _full(r: dict[str, Any]) -> dict[str, Any]:
    from supplyline.events import ALL_FIELDS

    return {**{k: None for k in ALL_FIELDS}, **r}
