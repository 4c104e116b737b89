"""Server-rendered web pages: no build step, no scripts, no network; usable on a phone."""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, HTTPException
from fastapi.responses import HTMLResponse

from events import UnknownCode
from events.clock import utc_today
from reports.render import figure, rows_table
from reports.svg import LEGEND
from reports.words import Names, band, fmt, signed

from .page_shell import html_page
from .service import Service

def _page(title: str, body: str) -> HTMLResponse:
    return html_page(title, body)


def _table(headers: list[str], rows: list[list[str]], raw: tuple[int, ...] = ()) -> str:
    return rows_table(headers, rows, raw=raw)


def _flow_url(f: dict[str, Any]) -> str:
    return "/flow/" + "/".join(quote(f[k], safe="") for k in ("supplier", "recipient", "item"))


def _now_data(service: Service) -> dict[str, Any]:
    from reports.data import build_report

    today = utc_today()
    year, week, _ = today.isocalendar()

    def build() -> dict[str, Any]:
        log = service.read_log()
        position, head = service.head()
        return build_report(log.con, service.catalogue, year, week, position, head)

    return service.cached(("page-data", today), build)  # type: ignore[no-any-return]


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


def add_pages(app: FastAPI, service: Service) -> None:
    def grades_of(min_reliability: str | None, min_credibility: str | None) -> Any:
        from projections.grades import Grades

        try:
            return Grades(min_reliability or None,
                          int(min_credibility) if min_credibility else None)
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def front() -> HTMLResponse:
        from reports.render import card

        d = _now_data(service)
        cards = "".join(card(f, _flow_url(f)) for f in d["flows"])
        charts = "".join(figure(f, d["as_of"], _flow_url(f)) for f in d["flows"])
        today = utc_today().isoformat()
        body = (f'<p class="meta">Log position {d["log_position"]}, every claim public by '
                f'today ({today}).</p><h2>This week</h2><ul class="summary">'
                + "".join(f"<li>{escape(x)}</li>" for x in d["summary"]) + "</ul>"
                f'<h2>Flows</h2><div class="cards">{cards}</div>'
                f'<h2>Charts</h2><p class="legend">{escape(LEGEND)}</p>{charts}')
        if not d["flows"]:
            body = ("<p>The log has no shipment claims yet. Append events with "
                    "<code>POST /api/events</code> or <code>supplyline ingest</code>.</p>")
        return _page("Supply timelines", body)

    @app.get("/flow/{supplier}/{recipient}/{item}", response_class=HTMLResponse,
             include_in_schema=False)
    def flow_page(supplier: str, recipient: str, item: str, since: str | None = None,
                  min_reliability: str | None = None,
                  min_credibility: str | None = None) -> HTMLResponse:
        import datetime as dt

        from projections import Window, compare_claims, compute_timeline, load_flow_events
        from projections.explain import explain

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
        events = load_flow_events(service.cursor(), Window(), flow)
        if events.filter(events["type"] == "shipment").height == 0:
            raise HTTPException(404, "no claims for this flow")
        tl = compute_timeline(events, cat, *flow, grades=grades)
        comparison = compare_claims(events, cat, *flow, grades=grades)
        change = explain(events, cat, flow, since_day, today, grades, sources=True)
        d = _now_data(service)
        f = next((x for x in d["flows"] if (x["supplier"], x["recipient"], x["item"]) == flow),
                 None)
        rows = [[r["date"], fmt(r["low"]), fmt(r["central"]), fmt(r["high"]),
                 "conflict" if r["conflict"] else "", r["central_from"] or "–"]
                for r in tl.as_dict()["rows"]]
        claims = [[c["date"], c["reported_on"], c["source"], c["via"] or "–",
                   f"{c['reliability']}{c['credibility']}", c["measure"], fmt(c["low"]),
                   fmt(c["central"]), fmt(c["high"]), c["state"].replace("_", " ")]
                  for c in comparison["claims"]]
        steps = [[c["event_id"], c["reported_on"], c["effect"], c["source"],
                  f"{c['reliability']}{c['credibility']}", signed(c["low"]),
                  signed(c["central"]), signed(c["high"])] for c in change["contributions"]]
        last = tl.rows.tail(1).row(0, named=True) if tl.rows.height else None
        head = (f"<p>{escape(names.item(flow[2]))}, cumulative {escape(tl.unit)}: central "
                f"<strong>{fmt(last['central'] if last else None)}</strong>, range "
                f"{escape(band(last['low'], last['high']) if last else 'unbounded')}; "
                f"{escape(f['status'] if f and not grades.active else 'latest row')} "
                f"(latest row dated {last['date'] if last else '–'}).</p>")
        chart_html = figure(f, d["as_of"]) if f and not grades.active else ""
        since_field = (f'<label>changes since<input type="date" name="since" '
                       f'value="{since_day.isoformat()}"></label>')
        filtered = (f"<p><strong>Grade filter:</strong> {escape(grades.describe())}; lower-"
                    "graded claims are left out below.</p>" if grades.active else "")
        body = (head + _grade_form(_flow_url(
                    {"supplier": flow[0], "recipient": flow[1], "item": flow[2]}), grades,
                    since_field) + filtered + chart_html
                + f'<p class="legend">{escape(LEGEND)}</p>'
                + f"<h2>What changed since {since_day.isoformat()}</h2>"
                + "<p>" + escape(
                    f"Central {fmt(change['from']['central'])} → "
                    f"{fmt(change['to']['central'])} ({signed(change['change']['central'])}).")
                + "</p>"
                + _table(["Event", "Reported", "Effect", "Source", "Grade", "Low", "Central",
                          "High"], steps)
                + "<h2>Timeline</h2>"
                + _table(["Date", "Low", "Central", "High", "Conflict", "Central from"], rows)
                + "<h2>Claims side by side</h2>"
                + _table(["Date", "Reported", "Source", "Outlet", "Grade", "Measure", "Low",
                          "Central", "High", "State"], claims)
                + "<h2>Excluded</h2>"
                + _table(["Event", "Reason"], [[e["event_id"], e["reason"]]
                                               for e in tl.excluded]))
        return _page(f"{names.flow(flow[0], flow[1])}: {names.item(flow[2])}", body)

    @app.get("/pledges", response_class=HTMLResponse, include_in_schema=False)
    def pledges_page(min_reliability: str | None = None,
                     min_credibility: str | None = None) -> HTMLResponse:
        from projections import Window

        from .api import _pledges

        names = Names(service.catalogue)
        grades = grades_of(min_reliability, min_credibility)
        rows = [[names.pledge(p), fmt(p["pledged"]), p["due_by"], fmt(p["baseline_central"]),
                 fmt(p["delivered_central"]),
                 "–" if p["fulfilment"] is None else f"{100 * p['fulfilment']:.1f}%",
                 p["status"].replace("_", " "), p["evidence_date"] or "–",
                 p["projected_completion"] or "–"]
                for p in _pledges(service, Window(), grades)]
        return _page("Pledges", "<p>Each pledge against what its flow gained after the pledge "
                     "was made (from its baseline to the latest claim, the evidence date); "
                     "deliveries before a pledge never count toward it.</p>"
                     + _grade_form("/pledges", grades)
                     + _table(["Pledge", "Pledged", "Due by", "Baseline", "Delivered since",
                               "Fulfilment", "Status", "Evidence as of",
                               "Projected completion"], rows))

    @app.get("/reports", response_class=HTMLResponse, include_in_schema=False)
    def reports_page() -> HTMLResponse:
        from .api import _archive

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
        return _page("Report archive", "<p>Weekly reports, newest first. The scheduler writes "
                     "one every week; a week written again at a later log position gets a "
                     "new revision beside the first, which is never overwritten.</p>"
                     + _table(["Week", "Revision", "Log position", "Files"], rows,
                              raw=(1, 3)))
