"""Server-rendered pages that read: the flows, one flow, the pledges, the report archive.
No build step, no network; usable on a phone. Each page reads the materialised projections
(brought up to the head first) a page at a time, and is kept per head position, so it
stays small and fast on a log of millions of events."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from fastapi import FastAPI, HTTPException
from fastapi.responses import HTMLResponse

from supplyline.events import UnknownCode
from supplyline.events.clock import utc_today
from supplyline.reports.render import rows_table
from supplyline.reports.words import Names, fmt, projection

from .page_shell import event_actions, flow_url, html_page, link
from .service import Service

PLEDGES_PER_PAGE = 100


def current_projections(service: Service) -> None:
    """Catch the materialised projections up when an append has not been caught up yet
    (the writer does it when idle; a page right after an append must not wait for that)."""
    from supplyline.projections.state import projections_current

    from .writer import refresh_projections

    if not projections_current(service.cursor(), utc_today()):
        service.writer.call(refresh_projections)


def _grade_form(action: str, grades: Any, extra: str = "") -> str:
    """A small GET form for the grade filter (and ``extra`` fields), no script needed."""
    def choice(name: str, options: str, current: Any) -> str:
        opts = "".join(f'<option value="{o}"{" selected" if str(current) == o else ""}>{o}'
                       "</option>" for o in options)
        return (f'<label>{escape(name.replace("_", " "))}<select name="{name}">'
                f'<option value="">any</option>{opts}</select></label>')

    return (f'<form class="inline" method="get" action="{escape(action)}">{extra}'
            + choice("min_reliability", "ABCDEF", grades.min_reliability)
            + choice("min_credibility", "123456", grades.min_credibility)
            + '<button type="submit">Show</button></form>')


def grades_of(min_reliability: str | None, min_credibility: str | None) -> Any:
    from supplyline.projections.grades import Grades

    try:
        return Grades(min_reliability or None,
                      int(min_credibility) if min_credibility else None)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None


def add_pages(app: FastAPI, service: Service) -> None:
    import threading

    # every flow's headline, brought forward from the last one a page read (only the flows
    # that new events can change are read again: a front page after an append on a log of
    # a million events reads a flow, not the log)
    kept: dict[str, Any] = {}
    keeping = threading.Lock()

    def headlines(con: Any) -> Any:
        from supplyline.projections import overview

        with keeping:
            old = kept.get("overview")
            kept["overview"] = (overview.overview(con) if old is None
                                else overview.refresh(con, old))
            return kept["overview"]

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def front(page: int = 1, q: str = "") -> HTMLResponse:
        from .view_front import front_body, front_data

        current_projections(service)
        today = utc_today()
        q = q.strip()[:100]

        def build() -> str:
            con = service.cursor()
            data = service.cached(("front-data", today), lambda: front_data(
                con, service.catalogue, today, headlines(con)))
            return front_body(con, data, service.head()[0], today, page, q)

        return html_page("Supply timelines", service.cached(("front", today, page, q), build))

    @app.get("/flow/{supplier}/{recipient}/{item}", response_class=HTMLResponse,
             include_in_schema=False)
    def flow_page(supplier: str, recipient: str, item: str, since: str | None = None,
                  min_reliability: str | None = None, min_credibility: str | None = None,
                  claims_page: int = 1, explain: str | None = None) -> HTMLResponse:
        from .view_flow import flow_body

        cat = service.catalogue
        names = Names(cat)
        grades = grades_of(min_reliability, min_credibility)
        try:
            flow = (cat.party(supplier), cat.party(recipient), cat.item(item).code)
        except UnknownCode as exc:
            raise HTTPException(404, str(exc)) from None
        today = utc_today()
        try:
            since_day = (dt.date.fromisoformat(since) if since
                         else today - dt.timedelta(days=28))
        except ValueError:
            raise HTTPException(422, "since: a date as YYYY-MM-DD") from None
        if since_day >= today:
            raise HTTPException(422, f"since: a day before today ({today})")
        current_projections(service)
        con = service.cursor()
        claims_page = max(1, claims_page)
        try:
            body = service.cached(
                ("flow", flow, today, since_day, grades, claims_page, explain == "all"),
                lambda: flow_body(con, cat, flow, today, since_day, grades, claims_page,
                                  explain == "all"))
        except LookupError as exc:
            raise HTTPException(404, str(exc)) from None
        since_field = (f'<label>changes since<input type="date" name="since" '
                       f'value="{since_day.isoformat()}"></label>')
        filtered = (f"<p><strong>Grade filter:</strong> {escape(grades.describe())}; lower-"
                    "graded claims are left out below.</p>" if grades.active else "")
        form = _grade_form(flow_url({"supplier": flow[0], "recipient": flow[1],
                                     "item": flow[2]}), grades, since_field)
        return html_page(f"{names.flow(flow[0], flow[1])}: {names.item(flow[2])}",
                         form + filtered + body)

    @app.get("/pledges", response_class=HTMLResponse, include_in_schema=False)
    def pledges_page(min_reliability: str | None = None, min_credibility: str | None = None,
                     page: int = 1) -> HTMLResponse:
        names = Names(service.catalogue)
        grades = grades_of(min_reliability, min_credibility)
        page = max(page, 1)
        shown, total = _pledge_list(service, grades, page)
        pages = max(1, -(-total // PLEDGES_PER_PAGE))
        rows = [[names.pledge(p), fmt(p["pledged"]), p["due_by"], fmt(p["baseline_central"]),
                 fmt(p["delivered_central"]),
                 "–" if p["fulfilment"] is None else f"{100 * p['fulfilment']:.1f}%",
                 p["status"].replace("_", " "), p["evidence_date"] or "–",
                 projection(p, utc_today().isoformat()), event_actions(p["event_id"], "pledge")]
                for p in shown]
        nav = []
        if page > 1:
            nav.append(link(_pledge_href(grades, page - 1), "Previous"))
        if page < pages:
            nav.append(link(_pledge_href(grades, page + 1), "Next"))
        return html_page("Pledges", "<p>Each pledge against what its flow gained after the "
                         "pledge was made (from its baseline to the latest claim, the "
                         "evidence date); deliveries before a pledge never count toward it."
                         f" {total:,} pledges, soonest due first"
                         + (f" (page {page} of {pages})" if pages > 1 else "") + ".</p>"
                         + _grade_form("/pledges", grades)
                         + rows_table(["Pledge", "Pledged", "Due by", "Baseline",
                                       "Delivered since", "Fulfilment", "Status",
                                       "Evidence as of", "Projected completion", "Actions"],
                                      rows, raw=(9,), codes=[p["event_id"] for p in shown])
                         + (f'<p class="pager">{" · ".join(nav)}</p>' if nav else ""))

    @app.get("/reports", response_class=HTMLResponse, include_in_schema=False)
    def reports_page() -> HTMLResponse:
        from .queries import archive as _archive

        rows = []
        for entry in _archive(service.settings.reports):
            for rev in reversed(entry["revisions"]):
                base = f"/reports/{entry['week']}" + (f"/{rev['path']}" if rev["path"] else "")
                links = " · ".join(
                    f'<a href="{base}/{name}">{escape(name)}</a>'
                    for name in rev["files"] if name.startswith("report."))
                mark = (" <strong>newest</strong>" if rev["revision"] == entry["newest"]
                        else "")
                position = "–" if rev["log_position"] is None else str(rev["log_position"])
                rows.append([entry["week"], f"{rev['revision']}{mark}", position, links])
        return html_page("Report archive", "<p>Weekly reports, newest first. The scheduler "
                         "writes one every week; a week written again at a later log position "
                         "gets a new revision beside the first, which is never overwritten.</p>"
                         + rows_table(["Week", "Revision", "Log position", "Files"], rows,
                                      raw=(1, 3)))


def _pledge_href(grades: Any, page: int) -> str:
    from urllib.parse import urlencode

    params: dict[str, Any] = {"page": page}
    if grades.min_reliability:
        params["min_reliability"] = grades.min_reliability
    if grades.min_credibility:
        params["min_credibility"] = grades.min_credibility
    return "/pledges?" + urlencode(params)


def _pledge_list(service: Service, grades: Any, page: int
                 ) -> tuple[list[dict[str, Any]], int]:
    """A page of pledges, soonest due first, and how many there are: from the materialised
    ``pledge_status`` (as of today) without a grade filter; computed from the log (and kept
    per head) with one."""
    from supplyline.projections import Window

    from .queries import pledges as _pledges

    start = (page - 1) * PLEDGES_PER_PAGE
    if grades.active:
        found = sorted(_pledges(service, Window(), grades),
                       key=lambda p: (_due(p["due_by"]), p["event_id"]))
        return found[start:start + PLEDGES_PER_PAGE], len(found)
    current_projections(service)
    con = service.cursor()
    total = con.execute("SELECT count(*) FROM pledge_status").fetchall()[0][0]
    cur = con.execute(
        "SELECT p.* EXCLUDE (as_of) FROM pledge_status p JOIN events_side e USING (event_id) "
        "ORDER BY e.due_date, p.event_id LIMIT ? OFFSET ?", [PLEDGES_PER_PAGE, start])
    cols = [d[0] for d in cur.description]
    return [{k: (v.isoformat() if isinstance(v, dt.date) else v)
             for k, v in zip(cols, r, strict=True)} for r in cur.fetchall()], int(total)


def _due(due_by: str) -> str:
    """A due date's last day, as text that sorts (``2024`` ends on 2024-12-31)."""
    from supplyline.events import PartialDate

    try:
        return PartialDate.parse(due_by).last.isoformat()
    except (ValueError, AttributeError):
        return str(due_by)
