"""Everything a weekly report shows, as plain data (the source of report.json).

Built from the projections for the week's as-of date (its Sunday) and a log position;
every list is sorted so the same position and week always give the same report.
Version 2 of the report (SPEC §7) says what changed and why (the explanation of §5.12 per
flow), names parties, items and pledges, dates each flow's latest claim, names the claim
behind every headline number and flags weak grades, and compares only claims about the
same quantity.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from supplyline.events import Catalogue
from supplyline.events.describe import describe_quantity
from supplyline.projections import (
    METHOD_VERSION,
    Window,
    latest_estimates,
    load_events,
    pledge_status,
)
from supplyline.projections.claims import CLAIM_ROW_COLUMNS, claim_rows, disagreements, spread
from supplyline.projections.conversion import modifiers_of
from supplyline.projections.explain import explain_many
from supplyline.projections.frames import FLOW_KEYS, TAKERS_EXPR, acting_on_flow
from supplyline.projections.pledges import pledge_records
from supplyline.projections.timeline import ROW_SCHEMA, Timeline, all_timelines

from .svg import chart_meetings
from .weeks import week_bounds, week_label
from .words import Names, band, fmt, signed, weak

STALE_DAYS = 28  # "no new claim for more than four weeks"
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
    "Every number names the claim it rests on; after a flow's last claim its line is "
    "dashed: the value is carried forward, not news.",
    "A pledge counts only what arrived after it was made: the gain of its flow's timeline "
    "from the row on or before the pledge's first day to the latest row.",
    "Two claims disagree only if they describe the same quantity (running totals at most "
    "31 days apart, or increments over mostly the same period) and cannot both be right.",
]


def _f(x: Any) -> float | None:
    return None if x is None else float(x)


def _iso(x: Any) -> str | None:
    return None if x is None else x.isoformat()


def _timeline_dict(tl: Timeline) -> list[dict[str, Any]]:
    return [{"date": r["date"].isoformat(), "low": _f(r["low"]), "central": _f(r["central"]),
             "high": _f(r["high"]), "conflict": bool(r["conflict"]),
             "low_from": r["low_from"], "central_from": r["central_from"],
             "high_from": r["high_from"]}
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
        flow: tuple[str, str, str] = key
        rows_of, gone = by_flow.get(key), excl.get(key)
        out[flow] = Timeline(*flow, cat.items[flow[2]].unit,
                             empty if rows_of is None else rows_of.select(list(ROW_SCHEMA)),
                             [] if gone is None else gone.select("event_id", "reason").to_dicts())
    return out, rows


def build_report(con: Any, cat: Catalogue, year: int, week: int, position: int,
                 head_hash: str) -> dict[str, Any]:
    """The report's numbers for ISO ``week`` using log positions ``<= position``."""
    monday, sunday = week_bounds(year, week)
    last_sunday = sunday - dt.timedelta(days=7)
    names = Names(cat)
    events = load_events(con, Window(as_of=sunday, at_position=position))
    # the previous week's events are a subset of this week's, in the same (log) order
    before = events.filter(pl.col("reported_on") <= last_sunday)
    (now_tl, rows), (prev_tl, _) = _timelines(events, cat), _timelines(before, cat)
    out, convs = modifiers_of(events)
    meetings = _meetings(events, out, names)
    ships = events.filter(pl.col("type") == "shipment")
    claims = claim_rows(ships.select(CLAIM_ROW_COLUMNS), cat, out, convs)
    points = _points_in_use(claims)
    latest = _latest_claims(claims)
    week_ships = ships.filter(pl.col("reported_on") >= monday)
    new_claims = dict(week_ships.group_by(FLOW_KEYS).len().select(
        pl.concat_list(FLOW_KEYS).list.join("\x1f"), "len").iter_rows())
    takers = events.filter(TAKERS_EXPR)
    by_flow = ships.partition_by(FLOW_KEYS, as_dict=True, maintain_order=True)
    attended = [(m, set(m["participants"])) for m in meetings]
    current = {flow: tl.value_at(sunday) for flow, tl in now_tl.items()}
    sources = _sources(events, [r["central_from"] for r in current.values()
                                if r is not None and r["central_from"] is not None])

    flows = []
    to_explain: dict[tuple[str, str, str], pl.DataFrame] = {}
    for flow, tl in sorted(now_tl.items()):
        cur = current[flow]
        prev = prev_tl[flow].value_at(last_sunday) if flow in prev_tl else None
        central = _f(cur["central"]) if cur else None
        prev_central = _f(prev["central"]) if prev else None
        moved = _triple(cur) != _triple(prev)
        fresh = new_claims.get("\x1f".join(flow), 0)
        # only a flow that moved, or had new claims, has a change to break down (a taker
        # that acts on a flow moves its row, or it changed nothing there)
        if cur is not None and (moved or fresh):
            to_explain[flow] = acting_on_flow(
                pl.concat([by_flow.get(flow, ships.clear()), takers]).sort("position"), flow)
        in_use = points.get(flow, [])
        comparison = spread([c["central"] for c in in_use if c["central"] is not None])
        tl_rows = _timeline_dict(tl)
        rests = sources.get(cur["central_from"]) if cur else None
        reported = latest.get(flow)
        flows.append({
            "supplier": flow[0], "recipient": flow[1], "item": flow[2], "unit": tl.unit,
            "supplier_name": names.party(flow[0]), "recipient_name": names.party(flow[1]),
            "item_name": names.item(flow[2]),
            "as_of_date": cur["date"].isoformat() if cur else None,
            "basis_date": cur["basis_date"].isoformat() if cur else None,
            "low": _f(cur["low"]) if cur else None, "central": central,
            "high": _f(cur["high"]) if cur else None,
            "conflict": bool(cur["conflict"]) if cur else False,
            "low_from": cur["low_from"] if cur else None,
            "central_from": cur["central_from"] if cur else None,
            "high_from": cur["high_from"] if cur else None,
            "rests_on": rests,
            "flagged": bool(rests and rests["weak"]),
            "previous_central": prev_central,
            "previous_low": _f(prev["low"]) if prev else None,
            "previous_high": _f(prev["high"]) if prev else None,
            "change": (central - prev_central) if central is not None and prev_central
            is not None else None,
            "new_this_week": prev is None and cur is not None,
            "moved": moved and prev is not None,
            "new_claims_this_week": fresh,
            "latest_claim_reported": reported,
            "days_since_latest_claim": None if reported is None else (
                sunday - dt.date.fromisoformat(reported)).days,
            "stale": reported is not None and (sunday - dt.date.fromisoformat(reported)).days
            > STALE_DAYS,
            "explanation": None,
            "claims_in_use": len(in_use),
            "claims_min": comparison["min"], "claims_median": comparison["median"],
            "claims_max": comparison["max"],
            "spread_ratio": (comparison["max"] / comparison["min"])
            if comparison["min"] else None,
            "conflict_dates": [r["date"] for r in tl_rows if r["conflict"]],
            "excluded": tl.excluded,
            "rows": tl_rows,
            "points": in_use,
        })
        # the meetings its chart marks, not all its parties attended: those are in the
        # report's "meetings" (the bench's 1M log repeated them into a 900 MB report.json)
        flows[-1]["meetings"], flows[-1]["meetings_in_span"] = chart_meetings(
            {"rows": tl_rows, "meetings": [m for m, who in attended
                                           if flow[0] in who or flow[1] in who]},
            sunday.isoformat())
        flows[-1]["status"] = _status(flows[-1])
    explained = explain_many(to_explain, cat, last_sunday, sunday, sources=True)
    for f in flows:
        found = explained.get((f["supplier"], f["recipient"], f["item"]))
        if found is not None:
            f["explanation"] = {"change": found["change"],
                                "contributions": found["contributions"]}

    pledges = pledge_records(pledge_status(events, cat, sunday, rows, (out, convs)))
    promised = {r["event_id"]: describe_quantity(r, fmt, more="more than ", upto="up to ",
                                                 between="–")
                for r in events.filter(pl.col("type") == "pledge").iter_rows(named=True)}
    open_by_flow: dict[tuple[str, str, str], list[str]] = {}
    for p in pledges:
        p.update(supplier_name=names.party(p["supplier"]),
                 recipient_name=names.party(p["recipient"]), item_name=names.item(p["item"]),
                 name=names.pledge(p, promised.get(p["event_id"])))
        if p["status"] not in ("fulfilled", "unconvertible"):
            open_by_flow.setdefault((p["supplier"], p["recipient"], p["item"]), []).append(
                p["event_id"])
    starts = _pledge_starts(events, out)
    by_pledge_flow: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for p in pledges:
        key = (p["supplier"], p["recipient"], p["item"])
        mine = open_by_flow.get(key, [])
        p["shares_deliveries_with"] = ([e for e in mine if e != p["event_id"]]
                                       if p["event_id"] in mine else [])
        if p["pledged"]:
            by_pledge_flow.setdefault(key, []).append(
                {"event_id": p["event_id"], "pledged": p["pledged"], "due_by": p["due_by"],
                 "start": starts.get(p["event_id"])})
    for f in flows:
        f["pledges"] = by_pledge_flow.get((f["supplier"], f["recipient"], f["item"]), [])

    week_events = events.filter(pl.col("reported_on") >= monday)
    pairs, not_shown = _disagreements(claims, monday, names)
    data = {
        "week": week_label(year, week),
        "week_start": monday.isoformat(),
        "as_of": sunday.isoformat(),
        "log_position": position,
        "head_hash": head_hash,
        "method_version": METHOD_VERSION,
        "stale_after_days": STALE_DAYS,
        "flows": flows,
        "pledges": pledges,
        "claims_this_week": _claims(week_events, out, names),
        "meetings": meetings,
        "meetings_this_week": [m for m in meetings if monday.isoformat() <= m["date"] <=
                               sunday.isoformat() or monday.isoformat() <= m["reported_on"]
                               <= sunday.isoformat()],
        "disagreements": pairs,
        "disagreements_not_shown": not_shown,
        "estimates": _estimates(events, names),
        "method": METHOD_SUMMARY,
    }
    data["summary"] = summary(data)
    return data


def _triple(row: dict[str, Any] | None) -> tuple[Any, ...] | None:
    return None if row is None else (row["low"], row["central"], row["high"])


def _status(f: dict[str, Any]) -> str:
    """What a flow did this week, in words: never "no change" for a flow nobody spoke of."""
    if f["new_this_week"]:
        return "new this week"
    if f["moved"]:
        return f"{signed(f['change'])} on the week" if f["change"] else "bounds moved"
    if f["new_claims_this_week"]:
        return "no change on the week"
    if f["latest_claim_reported"] is None:
        return "no claim in use"
    return f"no new claim since {f['latest_claim_reported']}"


def _points_in_use(claims: pl.DataFrame) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """Each flow's claims in use (as ``compare_claims`` lists them), with what a chart and
    the spread read of them: every flow in one pass, not one comparison per flow."""
    used = claims.filter(pl.col("state") == "in_use").select(
        *FLOW_KEYS, "date", "central", "low", "high", "event_id", "measure")
    return {key: part.drop(FLOW_KEYS).to_dicts()
            for key, part in used.partition_by(FLOW_KEYS, as_dict=True,
                                               maintain_order=True).items()}


def _latest_claims(claims: pl.DataFrame) -> dict[tuple[str, str, str], str]:
    """The day each flow's latest claim in use was made public."""
    latest = claims.filter(pl.col("state") == "in_use").group_by(FLOW_KEYS).agg(
        pl.col("reported_on").max())
    return {(s, r, i): d for s, r, i, d in latest.iter_rows()}


def _sources(events: pl.DataFrame, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Who made each claim in ``ids``, and whether its grade is weak (E/F or 5/6)."""
    found = events.filter(pl.col("event_id").is_in(sorted(set(ids)))).select(
        "event_id", "source", "via", "reliability", "credibility", "reported_on")
    return {r["event_id"]: {**r, "reported_on": r["reported_on"].isoformat(),
                            "grade": f"{r['reliability']}{r['credibility']}",
                            "weak": weak(r["reliability"], r["credibility"])}
            for r in found.iter_rows(named=True)}


def _pledge_starts(events: pl.DataFrame, out: dict[str, tuple[str, str]]) -> dict[str, str]:
    rows = events.filter((pl.col("type") == "pledge") & ~pl.col("event_id").is_in(list(out)))
    return dict(rows.select("event_id", pl.col("start_date").dt.to_string("%Y-%m-%d"))
                .iter_rows())


# pairs listed per flow: a large log's week can hold hundreds of thousands (the bench's
# 1M log: 370,000), which no reader can use and which made the report minutes long
MAX_PAIRS = 10


def _disagreements(claims: pl.DataFrame, monday: dt.date, names: Names
                   ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Pairs in which a claim reported this week disagrees with another about the same
    quantity (both listed with source and grade): per flow the ``MAX_PAIRS`` furthest
    apart (the larger low over the smaller high), in flow and log order; and, for each
    flow with more, how many there are."""
    found = disagreements(claims, since=monday)
    apart = pl.max_horizontal(pl.col("a_low") / pl.col("b_high"),
                              pl.col("b_low") / pl.col("a_high"))
    ranked = found.with_columns(apart=apart).sort(
        "apart", "b_position", "a_position", descending=[True, False, False],
        nulls_last=True)
    shown = ranked.group_by(FLOW_KEYS, maintain_order=True).head(MAX_PAIRS).sort(
        *FLOW_KEYS, "b_position", "a_position").drop("apart")
    cols = [c for c in shown.columns if c.startswith(("a_", "b_"))]
    pairs = []
    for r in shown.iter_rows(named=True):
        pairs.append({
            "supplier": r["supplier"], "recipient": r["recipient"], "item": r["item"],
            "flow_name": names.flow(r["supplier"], r["recipient"]),
            "item_name": names.item(r["item"]), "why": r["why"],
            **{side: {k[2:]: r[k] for k in cols if k[0] == side} for side in "ab"}})
    more = found.group_by(FLOW_KEYS).len("pairs").filter(pl.col("pairs") > MAX_PAIRS)
    not_shown = [{"supplier": s, "recipient": r, "item": i,
                  "flow_name": names.flow(s, r), "item_name": names.item(i),
                  "pairs": n, "shown": MAX_PAIRS}
                 for s, r, i, n in more.sort(FLOW_KEYS).iter_rows()]
    return pairs, not_shown


def _meetings(events: pl.DataFrame, out: dict[str, tuple[str, str]], names: Names
              ) -> list[dict[str, Any]]:
    rows = events.filter((pl.col("type") == "meeting") & ~pl.col("event_id").is_in(list(out)))
    return [{"event_id": r["event_id"], "date": r["start_date"].isoformat(),
             "period_start": r["period_start"], "title": r["title"],
             "participants": list(r["participants"] or []),
             "participant_names": [names.party(p) for p in r["participants"] or []],
             "location": r["location"], "source": r["source"],
             "reported_on": r["reported_on"].isoformat()}
            for r in rows.sort(["start_date", "position"]).iter_rows(named=True)]


def _claims(events: pl.DataFrame, out: dict[str, tuple[str, str]], names: Names
            ) -> list[dict[str, Any]]:
    claims = []
    for r in events.sort(["reported_on", "position"]).iter_rows(named=True):
        claims.append({
            "event_id": r["event_id"], "position": r["position"], "type": r["type"],
            "reported_on": r["reported_on"].isoformat(), "source": r["source"],
            "via": r["via"], "reliability": r["reliability"], "credibility": r["credibility"],
            "summary": names.summarise(r), "state": out[r["event_id"]][0]
            if r["event_id"] in out else "in_use",
        })
    return claims


def _estimates(events: pl.DataFrame, names: Names) -> list[dict[str, Any]]:
    est = latest_estimates(events)
    result = []
    for r in est.iter_rows(named=True):
        r = dict(r)
        r["reported_on"] = r["reported_on"].isoformat()
        r["summary"] = names.summarise({**r, "type": "estimate"})
        result.append(r)
    return result


# -- the plain-language opening ----------------------------------------------------------
MOST_FLOWS, MOST_REASONS, MOST_STALE = 6, 3, 8


def summary(d: dict[str, Any]) -> list[str]:
    """A few sentences for readers who are not analysts: what changed this week and why,
    which headlines rest on weak claims, and which flows have gone quiet."""
    claims = d["claims_this_week"]
    shipments = sum(1 for c in claims if c["type"] == "shipment")
    reported = ("no new claims were reported." if not claims else
                f"1 event was reported ({'a' if shipments else 'no'} shipment figure)."
                if len(claims) == 1 else
                f"{len(claims)} events were reported, {shipments} of them shipment figures.")
    out = [f"In week {d['week']} ({d['week_start']} to {d['as_of']}) {reported}"]
    moved = sorted((f for f in d["flows"] if f["moved"] or f["new_this_week"]),
                   key=lambda f: -abs(f["change"] or f["central"] or 0))
    for f in moved[:MOST_FLOWS]:
        out.append(_moved_sentence(f))
    if len(moved) > MOST_FLOWS:
        out.append(f"{_count(len(moved) - MOST_FLOWS, 'more flow')} moved; see the "
                   "headline table.")
    if not moved:
        out.append("No flow's numbers changed this week.")
    for f in d["flows"]:
        if f["flagged"] and f["rests_on"]:
            r = f["rests_on"]
            out.append(f"Caution: the {f['supplier_name']} → {f['recipient_name']} headline "
                       f"rests on a claim graded {r['grade']} ({r['source']}).")
    stale = [f for f in d["flows"] if f["stale"]]
    if stale:
        listed = "; ".join(f"{f['supplier_name']} → {f['recipient_name']}, {f['item_name']} "
                           f"(since {f['latest_claim_reported']})" for f in stale[:MOST_STALE])
        more = (f"; and {len(stale) - MOST_STALE} more" if len(stale) > MOST_STALE else "")
        out.append(f"No new claim for more than four weeks: {listed}{more}. Their numbers "
                   "are carried forward, not news.")
    return out


def _moved_sentence(f: dict[str, Any]) -> str:
    who = f"{f['supplier_name']} → {f['recipient_name']}, {f['item_name']}"
    if f["new_this_week"]:
        head = (f"{who}: first figures this week, central estimate {fmt(f['central'])} "
                f"{f['unit']}")
    elif f["change"]:
        verb = "rose" if f["change"] > 0 else "fell"
        head = (f"{who}: the central estimate {verb} by {fmt(abs(f['change']))} to "
                f"{fmt(f['central'])} {f['unit']}")
    else:
        head = (f"{who}: the central estimate stayed at {fmt(f['central'])} {f['unit']} and "
                f"its range went from {band(f['previous_low'], f['previous_high'])} to "
                f"{band(f['low'], f['high'])}")
    steps = (f["explanation"] or {}).get("contributions") or []
    if not steps:
        return head + "."
    top = sorted(steps, key=lambda c: -abs(c["central"] or 0))[:MOST_REASONS]
    reasons = "; ".join(_reason(c) for c in top)
    rest = len(steps) - len(top)
    return (f"{head}, because {reasons}" + (f"; and {_count(rest, 'smaller change')}"
                                           if rest else "") + ".")


def _reason(c: dict[str, Any]) -> str:
    who = f"{c['source']} ({c['reliability']}{c['credibility']})"
    what = {"new claim": f"{who} reported a new figure",
            "correction": f"{who} corrected an earlier figure",
            "retracted": f"a claim was retracted ({who})",
            "conversion": f"{who} gave a conversion factor"}[c["effect"]]
    moved = (f"central {signed(c['central'])}" if c["central"] else
             "central unchanged, range moved")
    return f"{what} ({moved})"


def _count(n: int, noun: str) -> str:
    if noun.startswith("of "):
        return f"{n} {noun}"
    return f"{n} {noun}{'' if n == 1 else 's'}"
