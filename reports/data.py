"""Everything a weekly report shows, as plain data (the source of report.json).

Built from the projections for the week's as-of date (its Sunday) and a log position;
every list is sorted so the same position and week always give the same report.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from events import Catalogue
from events.describe import describe_quantity
from projections import METHOD_VERSION, Window, latest_estimates, load_events, pledge_status
from projections.claims import CLAIM_ROW_COLUMNS, claim_rows, spread
from projections.timeline import FLOW_KEYS, ROW_SCHEMA, Timeline, all_timelines, modifiers_of

from .weeks import week_bounds, week_label

METHOD_SUMMARY = [
    "Only claims public by the as-of date (reported_on) and stored by the log position count; "
    "retracted and superseded claims are left out.",
    "Claims in other units are converted with the latest applicable conversion "
    "(item-specific first); unconvertible claims are listed, never dropped.",
    "Each claim gives a low-central-high band; 'more than X' has no upper bound.",
    "Claims are walked in date order: a per-period claim adds to the total known before its "
    "period; the low bound never falls, and each high is capped by every later high.",
    "The central value is kept inside the band; where the low bound exceeds the high bound, "
    "sources contradict each other and the row is marked as a conflict.",
]


def _f(x: Any) -> float | None:
    return None if x is None else float(x)


def _timeline_dict(tl: Timeline) -> list[dict[str, Any]]:
    return [{"date": r["date"].isoformat(), "low": _f(r["low"]), "central": _f(r["central"]),
             "high": _f(r["high"]), "conflict": bool(r["conflict"])}
            for r in tl.rows.iter_rows(named=True)]


def _timelines(events: pl.DataFrame, cat: Catalogue
               ) -> tuple[dict[tuple[str, str, str], Timeline], pl.DataFrame]:
    """Each flow's Timeline, and the rows of all flows in one frame."""
    rows, excluded = all_timelines(events, cat)
    by_flow = rows.partition_by(FLOW_KEYS, as_dict=True, maintain_order=True)
    excl = excluded.partition_by(FLOW_KEYS, as_dict=True, maintain_order=True)
    out = {}
    empty = pl.DataFrame(schema=ROW_SCHEMA)
    for key in sorted({*by_flow, *excl}):  # a flow whose every claim is excluded shows too
        flow: tuple[str, str, str] = key  # type: ignore[assignment]
        rows_of, gone = by_flow.get(key), excl.get(key)
        out[flow] = Timeline(*flow, cat.items[flow[2]].unit,
                             empty if rows_of is None else rows_of.select(list(ROW_SCHEMA)),
                             [] if gone is None else gone.select("event_id", "reason").to_dicts())
    return out, rows


def _points_in_use(events: pl.DataFrame, cat: Catalogue, out: dict[str, tuple[str, str]],
                   convs: Any) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """Each flow's claims in use (as ``compare_claims`` lists them), with what a chart and
    the spread read of them: every flow in one pass, not one comparison per flow."""
    ships = events.lazy().filter(pl.col("type") == "shipment").select(CLAIM_ROW_COLUMNS)
    rows = claim_rows(ships.collect(), cat, out, convs)
    used = rows.filter(pl.col("state") == "in_use").select(
        *FLOW_KEYS, "date", "central", "low", "high", "event_id", "measure")
    return {key: part.drop(FLOW_KEYS).to_dicts()  # type: ignore[misc]
            for key, part in used.partition_by(FLOW_KEYS, as_dict=True,
                                               maintain_order=True).items()}


def build_report(con: Any, cat: Catalogue, year: int, week: int, position: int,
                 head_hash: str) -> dict[str, Any]:
    """The report's numbers for ISO ``week`` using log positions ``<= position``."""
    monday, sunday = week_bounds(year, week)
    events = load_events(con, Window(as_of=sunday, at_position=position))
    # the previous week's events are a subset of this week's, in the same (log) order
    before = events.filter(pl.col("reported_on") <= sunday - dt.timedelta(days=7))
    (now_tl, rows), (prev_tl, _) = _timelines(events, cat), _timelines(before, cat)
    out, convs = modifiers_of(events)
    meetings = _meetings(events, out)
    points = _points_in_use(events, cat, out, convs)
    attended = [(m, set(m["participants"])) for m in meetings]

    flows = []
    for flow, tl in sorted(now_tl.items()):
        cur = tl.value_at(sunday)
        prev = prev_tl[flow].value_at(sunday - dt.timedelta(days=7)) if flow in prev_tl else None
        central = _f(cur["central"]) if cur else None
        prev_central = _f(prev["central"]) if prev else None
        in_use = points.get(flow, [])
        comparison = spread([c["central"] for c in in_use if c["central"] is not None])
        tl_rows = _timeline_dict(tl)
        flows.append({
            "supplier": flow[0], "recipient": flow[1], "item": flow[2], "unit": tl.unit,
            "item_name": cat.items[flow[2]].name,
            "as_of_date": cur["date"].isoformat() if cur else None,
            "low": _f(cur["low"]) if cur else None, "central": central,
            "high": _f(cur["high"]) if cur else None,
            "conflict": bool(cur["conflict"]) if cur else False,
            "previous_central": prev_central,
            "change": (central - prev_central) if central is not None and prev_central
            is not None else None,
            "new_this_week": prev is None and cur is not None,
            "claims_in_use": len(in_use),
            "claims_min": comparison["min"], "claims_median": comparison["median"],
            "claims_max": comparison["max"],
            "spread_ratio": (comparison["max"] / comparison["min"])
            if comparison["min"] else None,
            "conflict_dates": [r["date"] for r in tl_rows if r["conflict"]],
            "excluded": tl.excluded,
            "rows": tl_rows,
            "points": in_use,
            "meetings": [m for m, who in attended if flow[0] in who or flow[1] in who],
        })

    pledges = pledge_status(events, cat, sunday, rows, (out, convs)).to_dicts()
    for p in pledges:
        if p["projected_completion"] is not None:
            p["projected_completion"] = p["projected_completion"].isoformat()
    by_pledge_flow: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for p in pledges:
        if p["pledged"]:
            by_pledge_flow.setdefault((p["supplier"], p["recipient"], p["item"]), []).append(
                {"event_id": p["event_id"], "pledged": p["pledged"], "due_by": p["due_by"]})
    for f in flows:
        f["pledges"] = by_pledge_flow.get((f["supplier"], f["recipient"], f["item"]), [])

    week_events = events.filter((pl.col("reported_on") >= monday)
                                & (pl.col("reported_on") <= sunday))
    return {
        "week": week_label(year, week),
        "week_start": monday.isoformat(),
        "as_of": sunday.isoformat(),
        "log_position": position,
        "head_hash": head_hash,
        "method_version": METHOD_VERSION,
        "flows": flows,
        "pledges": pledges,
        "claims_this_week": _claims(week_events, out),
        "meetings": meetings,
        "meetings_this_week": [m for m in meetings if monday.isoformat() <= m["date"] <=
                               sunday.isoformat() or monday.isoformat() <= m["reported_on"]
                               <= sunday.isoformat()],
        "estimates": _estimates(events),
        "method": METHOD_SUMMARY,
    }


def _meetings(events: pl.DataFrame, out: dict[str, tuple[str, str]]) -> list[dict[str, Any]]:
    rows = events.filter((pl.col("type") == "meeting") & ~pl.col("event_id").is_in(list(out)))
    return [{"event_id": r["event_id"], "date": r["start_date"].isoformat(),
             "period_start": r["period_start"], "title": r["title"],
             "participants": list(r["participants"] or []), "location": r["location"],
             "source": r["source"], "reported_on": r["reported_on"].isoformat()}
            for r in rows.sort(["start_date", "position"]).iter_rows(named=True)]


def _claims(events: pl.DataFrame, out: dict[str, tuple[str, str]]) -> list[dict[str, Any]]:
    claims = []
    for r in events.sort(["reported_on", "position"]).iter_rows(named=True):
        claims.append({
            "event_id": r["event_id"], "position": r["position"], "type": r["type"],
            "reported_on": r["reported_on"].isoformat(), "source": r["source"],
            "via": r["via"], "reliability": r["reliability"], "credibility": r["credibility"],
            "summary": summarise(r), "state": out[r["event_id"]][0] if r["event_id"] in out
            else "in_use",
        })
    return claims


def _estimates(events: pl.DataFrame) -> list[dict[str, Any]]:
    est = latest_estimates(events)
    result = []
    for r in est.iter_rows(named=True):
        r = dict(r)
        r["reported_on"] = r["reported_on"].isoformat()
        r["summary"] = summarise({**r, "type": "estimate"})
        result.append(r)
    return result


UNIT_SINGULAR = {"containers": "container", "metric_tons": "metric ton", "rounds": "round",
                 "units": "unit"}


def band(low: float | None, high: float | None) -> str:
    """A low–high range in words where a side is open."""
    if low is None and high is None:
        return "unbounded"
    if high is None:
        return f"at least {fmt(low)}"
    if low is None:
        return f"at most {fmt(high)}"
    return f"{fmt(low)} – {fmt(high)}"


def fmt(x: float | None) -> str:
    if x is None:
        return "–"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}"


def _qty(r: dict[str, Any]) -> str:
    return describe_quantity(r, fmt, more="more than ", upto="up to ", between="–")


def summarise(r: dict[str, Any]) -> str:
    """One plain-English line for an event."""
    t = r["type"]
    if t == "shipment":
        span = (f"{r['period_start']} to {r['period_end']}" if r.get("period_start")
                else f"by {r['period_end']}")
        kind = "in total" if r["measure"] == "cumulative" else "in the period"
        return f"{r['supplier']} → {r['recipient']}, {r['item']}: {_qty(r)} {kind}, {span}"
    if t == "pledge":
        return (f"{r['supplier']} pledges {r['recipient']} {_qty(r)} of {r['item']} "
                f"by {r['due_by']}")
    if t == "estimate":
        who = (f"{r['supplier']} → {r['recipient']}" if r.get("supplier")
               else r.get("subject") or "")
        per = f" per {r['per']}" if r.get("per") else ""
        item = f", {r['item']}" if r.get("item") else ""
        return f"{r['metric'].replace('_', ' ')} {who}{item}: {_qty(r)}{per} ({r['period_end']})"
    if t == "meeting":
        return f"{r['title']} ({', '.join(r.get('participants') or [])}, {r['period_start']})"
    if t == "conversion":
        f = r.get("factor")
        band = (f"{fmt(r['factor_low'])}–{fmt(r['factor_high'])}" if r.get("factor_low")
                is not None else fmt(f))
        return (f"{r['from_unit'].replace('_', ' ')} to {r['to_unit']}: {band} per "
                f"{UNIT_SINGULAR.get(r['from_unit'], r['from_unit'])} "
                f"({r.get('item') or 'any item'})")
    return f"retracts {r['target']}: {r['reason']}"
