"""The flow page: one flow in full (chart, what changed, timeline, every claim with its
Correct and Retract actions), read from the materialised projections and a page of claims
at a time, so it stays fast on a flow of tens of thousands of claims."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

import polars as pl

from supplyline.events import Catalogue
from supplyline.projections import overview
from supplyline.projections.claims import claim_rows
from supplyline.reports.render import figure, rows_table
from supplyline.reports.svg import LEGEND, MAX_POINTS
from supplyline.reports.words import Names, band, fmt, signed, weak

from .page_shell import event_actions, flow_url, link

CLAIMS_PER_PAGE = 50
TIMELINE_ROWS = 100  # the latest rows; the whole timeline is one request away (JSON)
EXCLUDED_ROWS = 100
# ``explain`` walks the events made public since the day one at a time; past this many
# the page lists them and explains on request (``?explain=all``)
EXPLAIN_INLINE = 40
STALE_DAYS = 28


def flow_body(con: Any, cat: Catalogue, flow: tuple[str, str, str], today: dt.date,
              since: dt.date, grades: Any, claims_page: int, explain_all: bool) -> str:
    """The page's body below its filter form.

    :raises LookupError: the flow has no shipment claims.
    """
    names = Names(cat)
    unit = cat.items[flow[2]].unit
    reader = overview.FlowReader(con, flow)
    if reader.count == 0:
        raise LookupError("no claims for this flow")
    out, convs = reader.out, reader.convs
    events = None
    if grades.active:  # a filtered timeline is computed; the view holds the unfiltered one
        from supplyline.projections import Window, compute_timeline, load_flow_events

        events = load_flow_events(con, Window(), flow)
        tl = compute_timeline(events, cat, *flow, grades=grades)
        rows = tl.rows.to_dicts()
        excluded = tl.excluded
    else:
        rows = overview.timeline_rows(con, flow)
        excluded = [{"event_id": e, "reason": r} for e, r in con.execute(
            "SELECT event_id, reason FROM timeline_excluded WHERE supplier = ? AND "
            "recipient = ? AND item = ? ORDER BY date, event_id", list(flow)).fetchall()]
    total = reader.count
    page = claim_rows(reader.page(CLAIMS_PER_PAGE, (claims_page - 1) * CLAIMS_PER_PAGE),
                      cat, out, convs, grades).sort(["reported_on", "position"],
                                                    descending=True).to_dicts()
    points = claim_rows(reader.for_chart(MAX_POINTS), cat, out, convs, grades).filter(
        pl.col("state") == "in_use")
    last = rows[-1] if rows else None
    rests = reader.source(last["central_from"]) if last and last["central_from"] else None
    chart_flow = {
        "supplier": flow[0], "recipient": flow[1], "item": flow[2], "unit": unit,
        "supplier_name": names.party(flow[0]), "recipient_name": names.party(flow[1]),
        "item_name": names.item(flow[2]),
        "rows": [{**r, "date": r["date"].isoformat()} for r in rows],
        "points": [{"date": p["date"], "central": p["central"], "event_id": p["event_id"]}
                   for p in points.select("date", "central", "event_id").to_dicts()],
        "pledges": overview.flow_pledges(con, flow),
        "meetings": overview.party_meetings(con, (flow[0], flow[1]))}
    latest_claim = reader.latest_claim()
    parts = [_headline(names, flow, unit, last, rests, latest_claim, today),
             _actions(flow),
             figure(chart_flow, today.isoformat()) if rows else "",
             f'<p class="legend">{escape(LEGEND)}</p>' if rows else "",
             _changes(con, cat, flow, since, today, grades, events, explain_all,
                      reader.arriving(since)),
             _timeline_table(rows, flow),
             _claims_table(page, total, claims_page, flow),
             "<h2>Excluded</h2>" + rows_table(
                 ["Event", "Reason"], [[e["event_id"], e["reason"]]
                                       for e in excluded[-EXCLUDED_ROWS:]],
                 empty="No claim of this flow is left out.")
             + (f"<p>The latest {EXCLUDED_ROWS} of {len(excluded):,} are shown.</p>"
                if len(excluded) > EXCLUDED_ROWS else "")]
    return "".join(parts)


def _headline(names: Names, flow: tuple[str, str, str], unit: str, last: Any, rests: Any,
              latest_claim: dt.date | None, today: dt.date) -> str:
    if last is None:
        return "<p>No claim of this flow is in use.</p>"
    basis = ""
    if rests:
        flag = (' <span class="flag">⚠ weak grade</span>'
                if weak(rests["reliability"], rests["credibility"]) else "")
        basis = (f" It rests on a claim by {escape(rests['source'])} (graded "
                 f"{escape(rests['reliability'])}{rests['credibility']}, made public "
                 f"{rests['reported_on']}){flag}.")
    quiet = ""
    if latest_claim is not None:
        days = (today - latest_claim).days
        quiet = (f" No new claim since {latest_claim}." if days > STALE_DAYS
                 else f" Latest claim made public {latest_claim}.")
    return (f"<p>{escape(names.item(flow[2]))}, cumulative {escape(unit)}: central "
            f"<strong>{fmt(last['central'])}</strong>, range "
            f"{escape(band(last['low'], last['high']))}"
            + (" (<strong>conflict</strong>: sources contradict each other)"
               if last["conflict"] else "")
            + f"; latest row dated {last['date']}.{basis}{quiet}</p>")


def _actions(flow: tuple[str, str, str]) -> str:
    q = f"supplier={flow[0]}&recipient={flow[1]}&item={flow[2]}"
    return (f'<p>{link(f"/events/new?type=shipment&{q}", "Add a claim for this flow", "button")}'
            f" {link('/review', 'Review an article', 'button quiet')}</p>")


def _changes(con: Any, cat: Catalogue, flow: tuple[str, str, str], since: dt.date,
             today: dt.date, grades: Any, events: Any, explain_all: bool, arriving: int
             ) -> str:
    """What changed since ``since`` and why (SPEC §5.12), when the events to walk are few
    or the reader asked; otherwise how many, with a link that asks."""
    head = f"<h2>What changed since {since.isoformat()}</h2>"
    if arriving == 0:
        return head + f"<p>No event made public since {since} acts on this flow.</p>"
    if arriving > EXPLAIN_INLINE and not explain_all:
        more = (f"{flow_url({'supplier': flow[0], 'recipient': flow[1], 'item': flow[2]})}"
                f"?since={since.isoformat()}&explain=all"
                + (f"&min_reliability={grades.min_reliability}" if grades.min_reliability
                   else "")
                + (f"&min_credibility={grades.min_credibility}" if grades.min_credibility
                   else ""))
        return head + (f"<p>{arriving:,} events made public since {since} may act on this "
                       "flow. " + link(more, "Explain each one's effect") + " (walks them "
                       "one at a time, so it takes longer), or pick a later day above.</p>")
    from supplyline.projections import Window, load_flow_events
    from supplyline.projections.explain import explain

    if events is None:
        events = load_flow_events(con, Window(), flow)
    change = explain(events, cat, flow, since, today, grades, sources=True)
    steps = [[c["event_id"], c["reported_on"], c["effect"], c["source"],
              f"{c['reliability']}{c['credibility']}", signed(c["low"]), signed(c["central"]),
              signed(c["high"])] for c in change["contributions"]]
    return (head + "<p>" + escape(
        f"Central {fmt(change['from']['central'])} → {fmt(change['to']['central'])} "
        f"({signed(change['change']['central'])}).") + "</p>"
        + rows_table(["Event", "Reported", "Effect", "Source", "Grade", "Low", "Central",
                      "High"], steps, empty="No event changed the numbers."))


def _timeline_table(rows: list[dict[str, Any]], flow: tuple[str, str, str]) -> str:
    shown = rows[-TIMELINE_ROWS:]
    body = rows_table(["Date", "Low", "Central", "High", "Conflict", "Central from"],
                      [[str(r["date"]), fmt(r["low"]), fmt(r["central"]), fmt(r["high"]),
                        "conflict" if r["conflict"] else "", r["central_from"] or "–"]
                       for r in shown], empty="No rows.")
    note = ""
    if len(rows) > TIMELINE_ROWS:
        api = (f"/api/timeline?supplier={flow[0]}&recipient={flow[1]}&item={flow[2]}")
        note = (f"<p>The latest {TIMELINE_ROWS} of {len(rows):,} rows; all of them: "
                f"{link(api, 'JSON')} or <code>supplyline timeline</code>.</p>")
    return "<h2>Timeline</h2>" + body + note


def _claims_table(page: list[dict[str, Any]], total: int, number: int,
                  flow: tuple[str, str, str]) -> str:
    rows = [[c["reported_on"], c["date"],
             c["source"] + (f" ({c['via']})" if c["via"] else ""),
             f"{c['reliability']}{c['credibility']}", c["measure"], fmt(c["central"]),
             "exact" if c["low"] == c["high"] is not None else band(c["low"], c["high"]),
             c["state"].replace("_", " "),
             event_actions(c["event_id"], "shipment")] for c in page]
    table = rows_table(["Reported", "Date", "Source (outlet)", "Grade", "Measure", "Central",
                        "Low – high", "State", "Actions"], rows,
                       codes=[c["event_id"] for c in page], raw=(8,),
                       empty="No claims on this page.")
    base = flow_url({"supplier": flow[0], "recipient": flow[1], "item": flow[2]})
    pages = max(1, -(-total // CLAIMS_PER_PAGE))
    nav = []
    if number > 1:
        nav.append(link(f"{base}?claims_page={number - 1}", "Newer claims"))
    if number < pages:
        nav.append(link(f"{base}?claims_page={number + 1}", "Older claims"))
    return (f"<h2>Claims side by side</h2><p>{total:,} shipment claims, the latest made "
            f"public first (page {number} of {pages}), converted to the item's unit; "
            "correct or retract any of them.</p>" + table
            + (f'<p class="pager">{" ".join(nav)}</p>' if nav else ""))
