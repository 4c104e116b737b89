"""Pages that write: add an event of any type, correct one (a new event that supersedes
it), retract one (asking why), and the page that says what a write appended.

Every form carries a CSRF token, and asks for the service's token the first time a browser
writes (web_guard.py). Records are validated by the same code, with the same messages, as
``supplyline ingest``; an append is all or nothing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supplyline.events import ALL_FIELDS, EVENT_TYPES, PositionConflict
from supplyline.events.clock import utc_today
from supplyline.reports.render import rows_table
from supplyline.reports.words import Names

from .event_form import TYPE_NAMES, editable, record_from_form, render_fields
from .page_shell import event_actions, flow_url, html_page, link
from .service import BadRequest, Service
from .web_guard import BROWSER_COOKIE, SESSION_COOKIE, FormContext, WebGuard, set_cookie

EVENTS_PER_PAGE = 50
STATIC = Path(__file__).resolve().parent / "static"


class Refused(Exception):
    """A form post that cannot go on: a bad CSRF token (403) or a missing service token
    (401; the page shows the form again to ask for it).

    A form shown again (to ask for the token, or with errors by its fields) is a page like
    any other, status 200: browsers log an error for every other status, and a form with a
    typo is not a failure of the page."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def stored_event(service: Service, event_id: str) -> dict[str, Any] | None:
    """One event as ``supplyline events`` shows it, or None."""
    from supplyline.events.upcast import upcast

    rows = service.cursor().execute(
        "SELECT position, type, body, record_version FROM log WHERE event_id = ?",
        [event_id]).fetchall()
    if not rows:
        return None
    position, _, body, version = rows[0]
    return {**{k: None for k in ALL_FIELDS}, **upcast(json.loads(body), version),
            "position": position}


def hidden_csrf(ctx: FormContext) -> str:
    return f'<input type="hidden" name="csrf" value="{ctx.csrf}">'


def token_field(ctx: FormContext, problem: str | None = None) -> str:
    """The service token, asked only while this browser has no session."""
    if not ctx.ask_token:
        return ""
    err = (f'<p class="error" id="f-token-e" data-field="token">{escape(problem)}</p>'
           if problem else "")
    return ('<div class="field token"><label for="f-token">Service token</label>'
            '<input type="password" id="f-token" name="token" autocomplete="current-password"'
            + (' aria-invalid="true" aria-describedby="f-token-e"' if problem else "")
            + '><small class="hint">Writes need the token the service was started with '
              "($SUPPLYLINE_TOKEN); it is asked once and kept for this browser session."
              f"</small>{err}</div>")


def respond(guard: WebGuard, request: Request, ctx: FormContext, response: Response
            ) -> Response:
    """Set the browser cookie a form page's CSRF token is bound to, when it was new."""
    if ctx.new_browser:
        set_cookie(response, request, BROWSER_COOKIE, ctx.new_browser)
    return response


async def checked_form(guard: WebGuard, request: Request) -> tuple[dict[str, str], bool]:
    """The posted form's text fields once its CSRF token is right and the browser may
    write; and whether a new session cookie must be set (the token was given just now).

    :raises Refused: 403 for a missing or wrong CSRF token; 401 for a missing or wrong
        service token.
    """
    fields = await text_fields(request)
    if not guard.csrf_ok(request, fields.get("csrf")):
        raise Refused(403, "This form did not come from this service's page, or the service "
                           "has restarted since the page was opened: open the page again "
                           "and send the form from there.")
    if guard.has_session(request):
        return fields, False
    if guard.token_ok(fields.get("token")):
        return fields, True
    raise Refused(401, "the service needs its token for writes ($SUPPLYLINE_TOKEN)"
                  if not fields.get("token") else "wrong token")


async def text_fields(request: Request) -> dict[str, str]:
    """A posted form's text fields (the last value of a repeated name; files left out)."""
    form = await request.form()
    return {k: v for k, v in form.multi_items() if isinstance(v, str)}


def field_errors(errors: list[dict[str, Any]], index: int = 0) -> dict[str, list[str]]:
    """The API's errors of record ``index`` by field name (``participants[1]`` belongs to
    ``participants``)."""
    out: dict[str, list[str]] = {}
    for e in errors:
        if e.get("index", 0) in (index, -1):
            name = str(e["field"]).split("[")[0].split(".")[0]
            out.setdefault(name, []).append(str(e["message"]))
    return out


def error_summary(errors: Mapping[str, list[str]]) -> str:
    """Every error in one box at the top (those of fields not on the form only here)."""
    if not errors:
        return ""
    n = sum(len(v) for v in errors.values())
    items = "".join(f"<li>{escape(f)}: {escape(m)}</li>" for f, ms in errors.items()
                    for m in ms)
    return (f'<div class="problem" role="alert"><p><strong>{n} error(s); nothing appended.'
            f"</strong></p><ul>{items}</ul></div>")


def add_form_pages(app: FastAPI, service: Service, guard: WebGuard) -> None:
    names = Names(service.catalogue)

    def form_page(title: str, action: str, kind: str, values: Mapping[str, Any],
                  request: Request, *, intro: str = "", errors: Mapping[str, list[str]] = {},
                  hidden: tuple[str, ...] = (), token_problem: str | None = None,
                  status: int = 200, button: str = "Append") -> Response:
        ctx = guard.context(request)
        body = (intro + error_summary(errors)
                + f'<form method="post" action="{escape(action)}" novalidate class="event">'
                + hidden_csrf(ctx)
                + f'<input type="hidden" name="type" value="{escape(kind)}">'
                + f'<fieldset><legend>{escape(TYPE_NAMES[kind])}</legend><div class="fields">'
                + render_fields(kind, values, service.catalogue, errors=errors, hidden=hidden)
                + "</div></fieldset>" + token_field(ctx, token_problem)
                + f'<p><button type="submit" data-action="append">{escape(button)}</button>'
                "</p></form>")
        return respond(guard, request, ctx, html_page(title, body, status, script=True))

    async def append_from(request: Request, kind: str, title: str, action: str,
                          extra: tuple[str, ...], hidden: tuple[str, ...], intro: str,
                          check: Any = None, force: Mapping[str, str] = {}) -> Response:
        try:
            form, new_session = await checked_form(guard, request)
        except Refused as exc:
            if exc.status == 403:
                return html_page("Not sent", f'<p class="problem">{escape(exc.message)}</p>',
                                 403)
            form = await text_fields(request)
            values = record_from_form(kind, {**form, **force}, extra=extra)
            return form_page(title, action, kind, values, request, intro=intro, hidden=hidden,
                             token_problem=exc.message)
        record = record_from_form(kind, {**form, **force}, extra=extra)
        problems = check(record) if check else {}
        if not problems:
            try:
                result = await service.append([record], None)
            except BadRequest as exc:
                problems = field_errors(exc.errors)
            except PositionConflict as exc:  # not expected without a position; say so
                problems = {"record": [str(exc)]}
        if problems:
            response = form_page(title, action, kind, record, request, intro=intro,
                                 errors=problems, hidden=hidden)
        else:
            first, last = result["first_position"], result["last_position"]
            target = (f"/appended?first={first}&last={last}" if first is not None
                      else "/appended?duplicate=" + quote(_derived_id(service, record)))
            response = RedirectResponse(target, status_code=303)
        if new_session:
            set_cookie(response, request, SESSION_COOKIE, guard.new_session())
        return response

    @app.get("/static/forms.js", include_in_schema=False)
    def forms_js() -> Response:
        return Response((STATIC / "forms.js").read_text(),
                        media_type="text/javascript; charset=utf-8",
                        headers={"cache-control": "no-cache"})

    @app.get("/events/new", response_class=HTMLResponse, include_in_schema=False)
    def new_event(request: Request, type: str = "shipment") -> Response:  # noqa: A002
        """An empty form of the type; ``supplier``, ``recipient`` and ``item`` in the query
        fill those fields (a flow page's "Add a claim for this flow")."""
        kind = type if type in EVENT_TYPES and type != "retraction" else "shipment"
        given = {k: request.query_params[k][:100] for k in ("supplier", "recipient", "item")
                 if request.query_params.get(k)}
        return form_page("Add an event", f"/events/new?type={kind}", kind,
                         {"reported_on": utc_today().isoformat(), **given}, request,
                         intro=_type_switch(kind))

    @app.post("/events/new", include_in_schema=False)
    async def post_new_event(request: Request, type: str = "shipment") -> Response:  # noqa: A002
        kind = type if type in EVENT_TYPES and type != "retraction" else "shipment"
        return await append_from(request, kind, "Add an event", f"/events/new?type={kind}",
                                 (), (), _type_switch(kind))

    def original(event_id: str) -> dict[str, Any]:
        found = stored_event(service, event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r} in the log")
        return found

    def correct_intro(old: dict[str, Any]) -> str:
        return ("<p>The correction is a new event that replaces this one from now on "
                "(<code>supersedes</code>); the original stays in the log.</p>"
                f'<p class="warning">Correcting event <code>{escape(old["event_id"])}</code> '
                f'(position {old["position"]}): {escape(names.summarise(old))}; '
                f'source {escape(old["source"])}.</p>')

    def unchanged(old: dict[str, Any]) -> Any:
        """A check that refuses a correction saying exactly what the claim said."""
        from supplyline.events import validate_record
        from supplyline.events.canonical import record_dict

        def normal(record: dict[str, Any]) -> dict[str, Any] | None:
            mine = {k: v for k, v in record.items() if k in ALL_FIELDS and v is not None
                    and k not in ("event_id", "supersedes")}
            event, _ = validate_record(mine, service.catalogue)
            return None if event is None else {k: v for k, v in record_dict(event).items()
                                                if k not in ("event_id", "supersedes")}

        def check(record: dict[str, Any]) -> dict[str, list[str]]:
            after = normal(record)  # None: invalid, and the append says why
            same = after is not None and after == normal(old)
            return ({"record": ["nothing was changed: a correction must differ from the "
                                "event it corrects"]} if same else {})
        return check

    @app.get("/events/{event_id}/correct", response_class=HTMLResponse,
             include_in_schema=False)
    def correct(event_id: str, request: Request) -> Response:
        old = original(event_id)
        if old["type"] == "retraction":
            raise HTTPException(422, "a retraction cannot be corrected")
        values = {**editable(old), "supersedes": old["event_id"]}
        return form_page("Correct an event", f"/events/{quote(event_id, safe='')}/correct",
                         old["type"], values, request, intro=correct_intro(old),
                         button="Append the correction")

    @app.post("/events/{event_id}/correct", include_in_schema=False)
    async def post_correct(event_id: str, request: Request) -> Response:
        old = original(event_id)
        if old["type"] == "retraction":
            raise HTTPException(422, "a retraction cannot be corrected")
        return await append_from(request, old["type"], "Correct an event",
                                 f"/events/{quote(event_id, safe='')}/correct",
                                 ("supersedes",), (), correct_intro(old), unchanged(old),
                                 {"supersedes": old["event_id"]})

    def retract_intro(old: dict[str, Any]) -> str:
        return ("<p>A retraction takes the event out of every timeline, pledge and report "
                "from now on; the event stays in the log, marked retracted.</p>"
                f'<p class="warning">Retracting event <code>{escape(old["event_id"])}</code> '
                f'(position {old["position"]}): {escape(names.summarise(old))}; '
                f'source {escape(old["source"])}.</p>')

    @app.get("/events/{event_id}/retract", response_class=HTMLResponse,
             include_in_schema=False)
    def retract(event_id: str, request: Request) -> Response:
        old = original(event_id)
        values = {"target": old["event_id"], "reported_on": utc_today().isoformat()}
        return form_page("Retract an event", f"/events/{quote(event_id, safe='')}/retract",
                         "retraction", values, request, intro=retract_intro(old),
                         hidden=("target",), button="Append the retraction")

    @app.post("/events/{event_id}/retract", include_in_schema=False)
    async def post_retract(event_id: str, request: Request) -> Response:
        old = original(event_id)
        return await append_from(request, "retraction", "Retract an event",
                                 f"/events/{quote(event_id, safe='')}/retract", (),
                                 ("target",), retract_intro(old),
                                 force={"target": old["event_id"]})

    @app.get("/appended", response_class=HTMLResponse, include_in_schema=False)
    def appended(first: int | None = None, last: int | None = None,
                 duplicate: str | None = None) -> HTMLResponse:
        if duplicate is not None:
            found = stored_event(service, duplicate)
            body = ("<p class=\"warning\">Nothing appended: the log already holds this exact "
                    "event" + (f" (<code>{escape(duplicate)}</code>, position "
                               f"{found['position']})" if found else "") + ".</p>")
            return html_page("Already in the log", body)
        if first is None or last is None or not 1 <= first <= last or last - first > 10_000:
            raise HTTPException(422, "first and last: the positions appended")
        rows = service.read_log().read(since_position=first - 1, at_position=last)
        if not rows:
            raise HTTPException(404, "no events at those positions")
        span = f"position {first}" if first == last else f"positions {first}–{last}"
        items = "".join(
            f"<li><strong>{r['position']}</strong> <code>{escape(r['event_id'])}</code>: "
            f"{escape(names.summarise(_full(r)))}{_flow_link(service, _full(r))}</li>"
            for r in rows)
        body = (f'<p class="notice" role="status">Appended {len(rows)} event(s) at {span}.'
                f"</p><ul class=\"appended\">{items}</ul><p>{link('/events', 'All events')}"
                f" · {link('/events/new', 'Add another')} · {link('/review', 'Review an article')}"
                "</p>")
        return html_page("Appended", body)

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(before: int | None = None) -> HTMLResponse:
        head = service.head()[0]
        top = head if before is None else min(before - 1, head)
        rows = service.read_log().read(since_position=max(top - EVENTS_PER_PAGE, 0),
                                       at_position=top)[::-1]
        table = rows_table(
            ["Position", "Reported", "Type", "Claim", "Source", "Grade", "Actions"],
            [[str(r["position"]), r["reported_on"], r["type"],
              names.summarise(_full(r)), r["source"],
              f"{r.get('reliability', 'F')}{r.get('credibility', 6)}",
              event_actions(r["event_id"], r["type"]) + _flow_link(service, _full(r))]
             for r in rows], codes=[r["event_id"] for r in rows], raw=(6,),
            empty="The log is empty.")
        oldest = rows[-1]["position"] if rows else 1
        older = (f'<p class="pager">{link(f"/events?before={oldest}", "Older")}</p>'
                 if oldest > 1 else "")
        return html_page("Events", f"<p>The log holds {head:,} events; the newest first. "
                         "Correct or retract any of them here or on its flow's page.</p>"
                         + table + older)


def _type_switch(kind: str) -> str:
    links = " · ".join(
        f"<strong>{escape(TYPE_NAMES[t])}</strong>" if t == kind
        else link(f"/events/new?type={t}", TYPE_NAMES[t])
        for t in EVENT_TYPES if t != "retraction")
    return (f'<p class="types">Type: {links}</p><p class="hint">Fields marked '
            '<span class="req">*</span> are required. Retract an event from its row on the '
            "Events page or its flow's page.</p>")


def _full(r: Mapping[str, Any]) -> dict[str, Any]:
    return {**{k: None for k in ALL_FIELDS}, **r}


def _flow_link(service: Service, r: Mapping[str, Any]) -> str:
    """A link to the flow an event changes (a retraction: its target's)."""
    if r["type"] == "retraction" and r.get("target"):
        target = stored_event(service, r["target"])
        r = target if target is not None else r
    if r["type"] == "shipment":
        return " " + link(flow_url(r), "flow", "action")
    if r["type"] == "pledge":
        return " " + link("/pledges", "pledges", "action")
    return ""


def _derived_id(service: Service, record: dict[str, Any]) -> str:
    """The id a record without one is stored under (its content's)."""
    from supplyline.events import validate_record
    from supplyline.events.canonical import derive_event_id, record_dict

    event, _ = validate_record(record, service.catalogue)
    if event is None:
        return ""
    return str(event.event_id or derive_event_id(record_dict(event)))
