"""Server-rendered web pages: no build step, no scripts, no network; usable on a phone."""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, HTTPException
from fastapi.responses import HTMLResponse

from events import UnknownCode
from events.clock import utc_today
from reports.data import band, fmt
from reports.render import CSS
from reports.svg import LEGEND, chart

from .service import Service

NAV = ('<nav><a href="/">Flows</a> · <a href="/pledges">Pledges</a> · '
       '<a href="/reports">Reports</a> · <a href="/docs">API</a></nav>')
EXTRA_CSS = "nav{margin:.3rem 0 1rem}nav a{margin-right:.2rem}a{color:#0b4f8a}"


def _page(title: str, body: str) -> HTMLResponse:
    return HTMLResponse(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · supplyline</title><style>{CSS}{EXTRA_CSS}</style></head>"
        f"<body><h1>{escape(title)}</h1>{NAV}{body}</body></html>")


def _table(headers: list[str], rows: list[list[str]], raw: int = -1) -> str:
    """An HTML table; cells are escaped except column ``raw`` (already-safe HTML)."""
    if not rows:
        return "<p>None.</p>"
    head = "".join(f"<th scope=\"col\">{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c if i == raw else escape(c)}</td>"
                                    for i, c in enumerate(r)) + "</tr>" for r in rows)
    return (f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}'
            "</tbody></table></div>")


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


def add_pages(app: FastAPI, service: Service) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def front() -> HTMLResponse:
        d = _now_data(service)
        cards = "".join(
            f'<div class="card"><div class="flow"><a href="{_flow_url(f)}">'
            f'{escape(f["supplier"])} → {escape(f["recipient"])}</a></div>'
            f'<div>{escape(f["item_name"])}</div><div class="big">{fmt(f["central"])}</div>'
            f'<div>{escape(f["unit"])}, range {escape(band(f["low"], f["high"]))}</div>'
            + ('<div><strong>conflict</strong></div>' if f["conflict"] else "") + "</div>"
            for f in d["flows"])
        charts = "".join(
            f'<figure class="flow-chart"><h3><a href="{_flow_url(f)}">{escape(f["supplier"])} '
            f'→ {escape(f["recipient"])}: {escape(f["item_name"])}</a></h3>'
            f'{chart(f, d["as_of"])}</figure>' for f in d["flows"])
        today = utc_today().isoformat()
        body = (f'<p class="meta">Log position {d["log_position"]}, every claim public by '
                f'today ({today}).</p><div class="cards">{cards}</div>'
                f'<h2>Charts</h2><p class="legend">{escape(LEGEND)}</p>{charts}')
        if not d["flows"]:
            body = ("<p>The log has no shipment claims yet. Append events with "
                    "<code>POST /api/events</code> or <code>supplyline ingest</code>.</p>")
        return _page("Supply timelines", body)

    @app.get("/flow/{supplier}/{recipient}/{item}", response_class=HTMLResponse,
             include_in_schema=False)
    def flow_page(supplier: str, recipient: str, item: str) -> HTMLResponse:
        from projections import Window, compare_claims, load_flow_events

        cat = service.catalogue
        try:
            flow = (cat.party(supplier), cat.party(recipient), cat.item(item).code)
        except UnknownCode as exc:
            raise HTTPException(404, str(exc)) from None
        d = _now_data(service)
        f = next((x for x in d["flows"] if (x["supplier"], x["recipient"], x["item"]) == flow),
                 None)
        if f is None:
            raise HTTPException(404, "no claims for this flow")
        events = load_flow_events(service.cursor(), Window(), flow)
        comparison = compare_claims(events, cat, *flow)
        rows = [[r["date"], fmt(r["low"]), fmt(r["central"]), fmt(r["high"]),
                 "conflict" if r["conflict"] else ""] for r in f["rows"]]
        claims = [[c["date"], c["reported_on"], c["source"], c["via"] or "–",
                   f"{c['reliability']}{c['credibility']}", c["measure"], fmt(c["low"]),
                   fmt(c["central"]), fmt(c["high"]), c["state"].replace("_", " ")]
                  for c in comparison["claims"]]
        excluded = [[e["event_id"], e["reason"]] for e in f["excluded"]]
        body = (f"<p>{escape(f['item_name'])}, cumulative {escape(f['unit'])}: central "
                f"<strong>{fmt(f['central'])}</strong>, range "
                f"{escape(band(f['low'], f['high']))}.</p>{chart(f, d['as_of'])}"
                f'<p class="legend">{escape(LEGEND)}</p><h2>Timeline</h2>'
                + _table(["Date", "Low", "Central", "High", "Conflict"], rows)
                + "<h2>Claims side by side</h2>"
                + _table(["Date", "Reported", "Source", "Outlet", "Grade", "Measure", "Low",
                          "Central", "High", "State"], claims)
                + "<h2>Excluded</h2>" + _table(["Event", "Reason"], excluded))
        return _page(f"{flow[0]} → {flow[1]}: {flow[2]}", body)

    @app.get("/pledges", response_class=HTMLResponse, include_in_schema=False)
    def pledges_page() -> HTMLResponse:
        from projections import Window

        from .api import _pledges

        rows = [[p["event_id"], f"{p['supplier']} → {p['recipient']} {p['item']}",
                 fmt(p["pledged"]), p["due_by"], fmt(p["delivered_central"]),
                 "–" if p["fulfilment"] is None else f"{100 * p['fulfilment']:.1f}%",
                 p["status"].replace("_", " "), p["projected_completion"] or "–"]
                for p in _pledges(service, Window())]
        return _page("Pledges", "<p>Each open pledge against its flow's timeline today.</p>"
                     + _table(["Pledge", "Flow", "Pledged", "Due by", "Delivered",
                               "Fulfilment", "Status", "Projected completion"], rows))

    @app.get("/reports", response_class=HTMLResponse, include_in_schema=False)
    def reports_page() -> HTMLResponse:
        from .api import _archive

        rows = []
        for entry in _archive(service.settings.reports):
            links = " · ".join(
                f'<a href="/reports/{entry["week"]}/{name}">{escape(name)}</a>'
                for name in entry["files"] if name.startswith("report."))
            rows.append([entry["week"], links])
        return _page("Report archive", "<p>Weekly reports, newest first. The scheduler writes "
                     "one every week.</p>" + _table(["Week", "Files"], rows, raw=1))
