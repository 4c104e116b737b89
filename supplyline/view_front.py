"""The front page: every flow at a glance, read from the materialised projections (a few
queries, whatever the size of the log), a page of flows at a time with a small chart each
from its month grid; full detail is on each flow's page."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any
from urllib.parse import urlencode

from supplyline.events import Catalogue
from supplyline.projections import overview
from supplyline.reports.render import rows_table
from supplyline.reports.svg import small_chart
from supplyline.reports.words import Names, band, fmt, weak

from .page_shell import flow_url, link

FLOWS_PER_PAGE = 24
STALE_DAYS = 28  # as the weekly report: "no new claim for more than four weeks"
MOST_LISTED = 6


def front_data(con: Any, cat: Catalogue, today: dt.date, headlines: overview.Overview
               ) -> dict[str, Any]:
    """Every flow's headline (``headlines``, kept up to date by the caller), latest claim
    first, with this week's new claims."""
    names = Names(cat)
    monday = today - dt.timedelta(days=today.weekday())
    fresh = overview.new_claims(con, monday)
    flows = []
    for key, r in headlines.flows.items():
        reported, rests = r["latest_claim"], r["rests_on"]
        flows.append({
            **r, "date": r["date"].isoformat(),
            "supplier_name": names.party(key[0]), "recipient_name": names.party(key[1]),
            "item_name": names.item(key[2]), "new_this_week": fresh.get(key, 0),
            "stale": reported is not None and (today - reported).days > STALE_DAYS,
            "flagged": bool(rests and weak(rests["reliability"], rests["credibility"]))})
    flows.sort(key=lambda f: (-(f["latest_claim"] or dt.date.min).toordinal(),
                              f["supplier_name"], f["recipient_name"], f["item_name"]))
    return {"flows": flows, "monday": monday,
            "types": overview.events_since(con, monday)}


def front_body(con: Any, data: dict[str, Any], position: int, today: dt.date, page: int,
               search: str) -> str:
    flows = data["flows"]
    if search:
        needle = search.casefold()
        flows = [f for f in flows if needle in " ".join(
            (f["supplier_name"], f["recipient_name"], f["item_name"], f["supplier"],
             f["recipient"], f["item"])).casefold()]
    pages = max(1, -(-len(flows) // FLOWS_PER_PAGE))
    page = min(max(page, 1), pages)
    shown = flows[(page - 1) * FLOWS_PER_PAGE:page * FLOWS_PER_PAGE]
    grid = overview.month_grid(con, [(f["supplier"], f["recipient"], f["item"])
                                     for f in shown])
    intro = (f'<p class="meta">Log position {position:,}; every claim public by today '
             f"({today}).</p><p>{link('/review', 'Review an article', 'button')} "
             f"{link('/events/new', 'Add an event', 'button quiet')}</p>")
    if not data["flows"]:
        return intro + ("<p>The log has no shipment claims yet. Review an article, add an "
                        "event, or append with <code>POST /api/events</code> or "
                        "<code>supplyline ingest</code>.</p>")
    search_form = (
        '<form class="inline" method="get" action="/"><label>Find a flow<input type="search" '
        f'name="q" value="{escape(search)}" placeholder="a party or item"></label>'
        '<button type="submit">Find</button></form>')
    charts = "".join(_multiple(f, grid.get((f["supplier"], f["recipient"], f["item"]), []),
                               today) for f in shown)
    return (intro + "<h2>This week</h2><ul class=\"summary\">"
            + "".join(f"<li>{escape(s)}</li>" for s in _summary(data, today)) + "</ul>"
            + f"<h2>Flows</h2><p>{len(flows):,} flows, the latest claim first"
            + (f" (page {page} of {pages})" if pages > 1 else "") + ".</p>" + search_form
            + _flow_table(shown, today) + _pager(page, pages, search)
            + "<h2>Charts</h2><p class=\"legend\">Each flow's band (low to high) and central "
              "line at the end of every month with a claim; dashed after its latest claim, "
              "where the value is carried forward. The flow's page has the full chart.</p>"
            + f'<div class="multiples">{charts}</div>' + _pager(page, pages, search))


def _summary(data: dict[str, Any], today: dt.date) -> list[str]:
    monday, types, flows = data["monday"], data["types"], data["flows"]
    total = sum(types.values())
    out = [f"Since Monday {monday}: " + (
        f"{total:,} events made public ("
        + ", ".join(f"{n:,} {t}" for t, n in sorted(types.items())) + ")."
        if total else "no claims made public yet this week.")]
    busy = sorted((f for f in flows if f["new_this_week"]), key=lambda f: -f["new_this_week"])
    if busy:
        listed = "; ".join(f"{_name(f)} ({f['new_this_week']:,})" for f in busy[:MOST_LISTED])
        more = f"; and {len(busy) - MOST_LISTED:,} more" if len(busy) > MOST_LISTED else ""
        out.append(f"New shipment claims this week: {listed}{more}.")
    flagged = [f for f in flows if f["flagged"]]
    if flagged:
        listed = "; ".join(f"{_name(f)} ({f['rests_on']['source']}, "
                           f"{f['rests_on']['reliability']}{f['rests_on']['credibility']})"
                           for f in flagged[:MOST_LISTED])
        more = f"; and {len(flagged) - MOST_LISTED:,} more" if len(flagged) > MOST_LISTED else ""
        out.append(f"Caution, resting on a claim graded E or F, or 5 or 6: {listed}{more}.")
    stale = [f for f in flows if f["stale"]]
    if stale:
        listed = "; ".join(f"{_name(f)} (since {f['latest_claim']})"
                           for f in stale[:MOST_LISTED])
        more = f"; and {len(stale) - MOST_LISTED:,} more" if len(stale) > MOST_LISTED else ""
        out.append(f"No new claim for more than four weeks: {listed}{more}. Their numbers "
                   "are carried forward, not news.")
    return out


def _name(f: dict[str, Any]) -> str:
    return f"{f['supplier_name']} → {f['recipient_name']}, {f['item_name']}"


def _status(f: dict[str, Any]) -> str:
    if f["new_this_week"]:
        return f"{f['new_this_week']:,} new claim(s) this week"
    if f["latest_claim"] is None:
        return "no claim in use"
    return f"no new claim since {f['latest_claim']}"


def _flow_table(flows: list[dict[str, Any]], today: dt.date) -> str:
    rows = []
    for f in flows:
        r = f["rests_on"]
        rests = "–" if not r else (f"{escape(r['source'])} ({r['reliability']}"
                                   f"{r['credibility']})"
                                   + (' <span class="flag">⚠ weak grade</span>'
                                      if f["flagged"] else ""))
        rows.append([
            f'<a href="{escape(flow_url(f))}">{escape(f["supplier_name"])} → '
            f'{escape(f["recipient_name"])}</a>', f"{f['item_name']} ({f['unit']})",
            fmt(f["central"]), band(f["low"], f["high"])
            + (" (conflict)" if f["conflict"] else ""),
            str(f["latest_claim"] or "–"), _status(f), rests])
    return rows_table(["Flow", "Item", "Central", "Low – high", "Latest claim", "This week",
                       "Rests on"], rows, raw=(0, 6),
                      codes=[f"{f['supplier']} → {f['recipient']}, {f['item']}"
                             for f in flows])


def _multiple(f: dict[str, Any], grid: list[dict[str, Any]], today: dt.date) -> str:
    rows = [{**g, "date": g["basis_date"].isoformat()} for g in grid]
    key = f"{f['supplier']}-{f['recipient']}-{f['item']}"
    chart = small_chart(key, f"{_name(f)}: cumulative {f['unit']}", rows, today.isoformat())
    return (f'<figure class="flow-chart"><a href="{escape(flow_url(f))}">{chart}</a>'
            f"<figcaption>{link(flow_url(f), _name(f))}: {fmt(f['central'])} "
            f"{escape(f['unit'])}</figcaption></figure>")


def _pager(page: int, pages: int, search: str) -> str:
    if pages <= 1:
        return ""

    def href(n: int) -> str:
        return "/?" + urlencode({"page": n, **({"q": search} if search else {})})

    parts = []
    if page > 1:
        parts.append(link(href(page - 1), "Previous flows"))
    parts.append(f"page {page} of {pages}")
    if page < pages:
        parts.append(link(href(page + 1), "Next flows"))
    return f'<p class="pager">{" · ".join(parts)}</p>'
