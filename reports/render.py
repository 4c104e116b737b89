"""Render report data as Markdown, self-contained HTML, JSON and CSV tables.

All formats come from one list of sections, so they always agree. Each section row has
its text (Markdown and HTML: formatted numbers, names) and its values (CSV: plain numbers,
empty for null, codes beside names), so a spreadsheet can sort and sum the CSV.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from html import escape
from typing import Any

from supplyline.events.plain import csv_cell

from .signed import checkpoint_line
from .svg import LEGEND, chart, chart_meetings
from .words import band, fmt, projection, signed

SHOWN_ROWS = 200  # rows per table in report.md and report.html; the CSV and JSON have all


@dataclass
class Section:
    key: str
    title: str
    intro: str
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # as people read them
    columns: list[str] = field(default_factory=list)  # CSV header
    values: list[list[Any]] = field(default_factory=list)  # CSV: plain values
    empty: str = "None."
    codes: list[str] = field(default_factory=list)  # small print per row (HTML only)


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def _grade(c: dict[str, Any]) -> str:
    return f"{c['reliability']}{c['credibility']}"


def _flow(f: dict[str, Any]) -> str:
    return f"{f['supplier_name']} → {f['recipient_name']}"


def _rests(f: dict[str, Any]) -> str:
    r = f["rests_on"]
    if not r:
        return "–"
    flag = " ⚠ weak grade" if r["weak"] else ""
    return f"{r['source']} ({r['grade']}), {r['reported_on']}{flag}"


def sections(d: dict[str, Any]) -> list[Section]:
    flows = d["flows"]
    s = [Section(
        "headline", "Headline numbers",
        f"Cumulative supply per flow as of {d['as_of']}: the central estimate with its "
        "low–high band, what it did this week, when the latest claim was made public, and the "
        "claim the central figure rests on (source and Admiralty grade; ⚠ marks a grade of "
        "E or F, or 5 or 6).",
        ["Flow", "Item", "Central", "Low – high", "This week", "Latest claim", "Rests on"],
        [[_flow(f), f"{f['item_name']} ({f['unit']})", fmt(f["central"]),
          band(f["low"], f["high"]) + (" (conflict)" if f["conflict"] else ""), f["status"],
          f["latest_claim_reported"] or "–", _rests(f)] for f in flows],
        ["supplier", "recipient", "item", "unit", "central", "low", "high", "conflict",
         "change_on_week", "status", "latest_claim_reported", "stale", "central_from",
         "source", "grade", "flagged"],
        [[f["supplier"], f["recipient"], f["item"], f["unit"], f["central"], f["low"],
          f["high"], f["conflict"], f["change"], f["status"], f["latest_claim_reported"],
          f["stale"], f["central_from"], (f["rests_on"] or {}).get("source"),
          (f["rests_on"] or {}).get("grade"), f["flagged"]] for f in flows],
        codes=[f"{f['supplier']} → {f['recipient']}, {f['item']}; rests on "
               f"{f['central_from'] or '–'}" for f in flows])]
    changes = [(f, c) for f in flows for c in ((f["explanation"] or {}).get("contributions")
                                               or [])]
    s.append(Section(
        "changes", "What changed this week",
        "Each flow's change on the week broken into the events that caused it, in the order "
        "they were logged: a new claim, a correction, a retraction or a conversion factor. "
        "The contributions of a flow add up to its change.",
        ["Flow", "Item", "Event", "Reported", "Effect", "Source", "Grade", "Low", "Central",
         "High"],
        [[_flow(f), f["item_name"], c["event_id"], c["reported_on"], c["effect"],
          c["source"], _grade(c), signed(c["low"]), signed(c["central"]), signed(c["high"])]
         for f, c in changes],
        ["supplier", "recipient", "item", "event_id", "reported_on", "effect", "source",
         "grade", "low", "central", "high"],
        [[f["supplier"], f["recipient"], f["item"], c["event_id"], c["reported_on"],
          c["effect"], c["source"], _grade(c), c["low"], c["central"], c["high"]]
         for f, c in changes],
        empty="No event reported this week changed a flow's numbers."))
    pledges = d["pledges"]
    s.append(Section(
        "pledges", "Pledges",
        "Each open pledge against what its flow gained after the pledge was made: from the "
        "flow's row on or before the pledge's first day (the baseline) to its latest row "
        "(the evidence date). Deliveries made before a pledge never count toward it. "
        "Pledges of the same flow each count the same deliveries.",
        ["Pledge", "Pledged", "Due by", "Baseline", "Delivered since", "Fulfilment",
         "Status", "Evidence as of", "Projected completion"],
        [[p["name"] + (f" (shares deliveries with {', '.join(p['shares_deliveries_with'])})"
                       if p["shares_deliveries_with"] else ""),
          fmt(p["pledged"]), p["due_by"], fmt(p["baseline_central"]),
          fmt(p["delivered_central"]), _pct(p["fulfilment"]), p["status"].replace("_", " "),
          p["evidence_date"] or "–", projection(p, d["as_of"])] for p in pledges],
        ["event_id", "supplier", "recipient", "item", "unit", "pledged", "due_by",
         "baseline_central", "delivered_low", "delivered_central", "delivered_high",
         "fulfilment", "status", "evidence_date", "projected_completion"],
        [[p[k] for k in ("event_id", "supplier", "recipient", "item", "unit", "pledged",
                         "due_by", "baseline_central", "delivered_low", "delivered_central",
                         "delivered_high", "fulfilment", "status", "evidence_date",
                         "projected_completion")] for p in pledges],
        codes=[p["event_id"] for p in pledges]))
    claims = d["claims_this_week"]
    s.append(Section(
        "claims", "Claims reported this week",
        f"Everything made public from {d['week_start']} to {d['as_of']}, with source, outlet "
        "and Admiralty grade (source reliability A–F, claim credibility 1–6).",
        ["Reported", "Type", "Claim", "Source", "Outlet", "Grade", "State"],
        [[c["reported_on"], c["type"], c["summary"], c["source"], c["via"] or "–", _grade(c),
          c["state"].replace("_", " ")] for c in claims],
        ["reported_on", "event_id", "position", "type", "claim", "source", "via",
         "reliability", "credibility", "state"],
        [[c["reported_on"], c["event_id"], c["position"], c["type"], c["summary"],
          c["source"], c["via"], c["reliability"], c["credibility"], c["state"]]
         for c in claims],
        empty="No claims were reported this week.", codes=[c["event_id"] for c in claims]))
    meets = d["meetings_this_week"]
    s.append(Section(
        "meetings", "Meetings", "Meetings held or reported this week; every meeting appears "
        "on the charts of the flows its participants take part in.",
        ["Date", "Meeting", "Participants", "Location", "Source"],
        [[m["period_start"], m["title"], ", ".join(m["participant_names"]),
          m["location"] or "–", m["source"]] for m in meets],
        ["period_start", "event_id", "title", "participants", "location", "source"],
        [[m["period_start"], m["event_id"], m["title"], ";".join(m["participants"]),
          m["location"], m["source"]] for m in meets],
        empty="No meetings held or reported this week."))
    pairs, more = d["disagreements"], d.get("disagreements_not_shown", [])
    left_out = sum(m["pairs"] - m["shown"] for m in more)
    s.append(Section(
        "disagreements", "Where sources disagree",
        "Claims reported this week that cannot both be right with another claim about the "
        "same quantity: running totals dated at most 31 days apart, or increments over "
        "mostly the same period, whose ranges do not overlap (exact figures: more than 20% "
        "apart). A running total is never set against a later running total: that is growth."
        + (f" At most {more[0]['shown']} pairs are listed per flow, those furthest apart; "
           f"{fmt(left_out)} more were found in {fmt(len(more))} "
           f"flow{'s' if len(more) > 1 else ''} (listed in report.json under "
           "disagreements_not_shown); supplyline claims sets a flow's claims side by side."
           if more else ""),
        ["Flow", "Item", "One claim", "The other", "Why"],
        [[p["flow_name"], p["item_name"], _side(p["a"]), _side(p["b"]), p["why"]]
         for p in pairs],
        ["supplier", "recipient", "item", "a_event_id", "a_source", "a_grade", "a_date",
         "a_low", "a_central", "a_high", "b_event_id", "b_source", "b_grade", "b_date",
         "b_low", "b_central", "b_high", "why"],
        [[p["supplier"], p["recipient"], p["item"],
          *[v for side in (p["a"], p["b"]) for v in (
              side["event_id"], side["source"], _grade(side), side["period_end"],
              side["low"], side["central"], side["high"])], p["why"]] for p in pairs],
        empty="No claim reported this week contradicts another about the same quantity."))
    excluded = [(f, e) for f in flows for e in f["excluded"]]
    conflicts = [(f, day) for f in flows for day in f["conflict_dates"]]
    s.append(Section(
        "excluded", "Excluded claims and conflicts",
        "Claims left out of a timeline, and why (no applicable unit conversion, retracted or "
        "superseded by a later event); and dates where a flow's low bound exceeds its high "
        "bound, so its sources contradict each other.",
        ["Flow", "Item", "Event or date", "Reason"],
        [[_flow(f), f["item_name"], e["event_id"], e["reason"]] for f, e in excluded]
        + [[_flow(f), f["item_name"], day, "conflict: low above high"]
           for f, day in conflicts],
        ["supplier", "recipient", "item", "event_id", "date", "reason"],
        [[f["supplier"], f["recipient"], f["item"], e["event_id"], None, e["reason"]]
         for f, e in excluded]
        + [[f["supplier"], f["recipient"], f["item"], None, day, "conflict"]
           for f, day in conflicts],
        empty="No claims were excluded and no bounds conflict."))
    est = d["estimates"]
    s.append(Section(
        "estimates", "Latest estimates", "Stocks, production and consumption rates, factory "
        "capacity and supply shares: the most recent estimate of each.",
        ["Estimate", "Reported", "Source", "Grade"],
        [[e["summary"], e["reported_on"], e["source"], _grade(e)] for e in est],
        ["event_id", "metric", "subject", "supplier", "recipient", "item", "per",
         "quantity_low", "quantity", "quantity_high", "unit", "period_end", "reported_on",
         "source", "reliability", "credibility"],
        [[e.get(k) for k in ("event_id", "metric", "subject", "supplier", "recipient", "item",
                             "per", "quantity_low", "quantity", "quantity_high", "unit",
                             "period_end", "reported_on", "source", "reliability",
                             "credibility")] for e in est]))
    return s


def _side(c: dict[str, Any]) -> str:
    figure = (fmt(c["central"]) if c["low"] == c["high"] else band(c["low"], c["high"]))
    return f"{figure}, {c['period_end']} — {c['source']} ({_grade(c)})"


# Markdown holds event text (sources, titles, outlets): anything a renderer would read as
# HTML, a link, emphasis, code or a table/line break is written as an entity or escaped, so
# a cell stays one cell of plain text ("<script>" shows as text; "\r## x" cannot start a
# heading).
_MD_CELL = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|", "[": "\\[",
                          "]": "\\]", "\\": "\\\\", "*": "\\*", "`": "\\`", "\r": " ",
                          "\n": " ", "\x0b": " ", "\x0c": " ", "\x85": " ", "\u2028": " ",
                          "\u2029": " "})


def md_text(text: str) -> str:
    """Event text made inert in Markdown."""
    return str(text).translate(_MD_CELL)


def markdown(d: dict[str, Any]) -> str:
    lines = [f"# Munitions supply: weekly report {d['week']}", "",
             f"As of **{d['as_of']}** (week {d['week_start']} to {d['as_of']}). Built from log "
             f"position {d['log_position']}, head hash `{d['head_hash']}`.", ""]
    lines += [checkpoint_line(d) or "", ""] if d.get("checkpoint") else []
    lines += ["## This week", ""]
    lines += [f"- {md_text(sentence)}" for sentence in d["summary"]] + [""]
    for sec in sections(d):
        lines += [f"## {sec.title}", "", sec.intro, ""]
        if not sec.rows:
            lines += [sec.empty, ""]
            continue
        lines.append("| " + " | ".join(sec.headers) + " |")
        lines.append("|" + "|".join(" --- " for _ in sec.headers) + "|")
        lines += ["| " + " | ".join(md_text(c) for c in row) + " |"
                  for row in sec.rows[:SHOWN_ROWS]]
        lines.append("")
        if len(sec.rows) > SHOWN_ROWS:
            lines += [_more(sec), ""]
    lines += ["## Charts", "", "The charts are in `report.html` (one per flow). " + LEGEND, ""]
    lines += ["## Method", ""] + [f"- {m}" for m in d["method"]]
    lines += ["", f"Timeline method version {d['method_version']}. Numbers are reproducible: "
              f"the same log position and week give the same report.", ""]
    return "\n".join(lines)


CSS = """
:root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;
line-height:1.45}
body{max-width:980px;margin:0 auto;padding:16px}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;margin-top:2rem;
border-bottom:1px solid #ccc;padding-bottom:.2rem}h3{font-size:1rem;margin:1.2rem 0 .3rem}
.meta{color:#444}.intro{color:#333;margin:.3rem 0 .6rem}
.summary{background:#f6f8fb;border-left:4px solid #1b3a5c;padding:.4rem .8rem .4rem 1.6rem}
.summary li{margin:.25rem 0}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #e2e2e2;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f5f8}td.d{white-space:nowrap}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
small.code{display:block;color:#666;font-size:.75rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(210px,1fr));gap:10px}
.card{border:1px solid #d6dbe3;border-radius:6px;padding:10px}
.card .big{font-size:1.4rem;font-weight:600}.card .flow{font-weight:600}
.card .quiet{color:#555;font-size:.85rem}.flag{color:#8a1c00;font-weight:600}
.chart{width:100%;height:auto;max-width:720px}.tick{font-size:11px;fill:#333}
.axis{font-size:12px;fill:#222}.note{font-size:11px;fill:#333}
code{font-size:.85em;word-break:break-all}.legend{font-size:.85rem;color:#333}
figure{margin:1rem 0}
@media print{body{max-width:none}.chart{page-break-inside:avoid}h2{page-break-after:avoid}}
"""
DATES = {"Reported", "Date", "Due by", "Projected completion", "Latest claim",
         "Evidence as of"}
NUMERIC = {"Central", "Pledged", "Delivered since", "Baseline", "Fulfilment", "Low", "High"}


def table(sec: Section) -> str:
    """A section's table as HTML (escaped), with its codes in small print."""
    if not sec.rows:
        return f"<p>{escape(sec.empty)}</p>"
    more = f"<p>{escape(_more(sec))}</p>" if len(sec.rows) > SHOWN_ROWS else ""
    return rows_table(sec.headers, sec.rows[:SHOWN_ROWS], codes=sec.codes) + more


def rows_table(headers: list[str], rows: list[list[str]], *, codes: list[str] | None = None,
               raw: tuple[int, ...] = (), empty: str = "None.") -> str:
    """An HTML table of text cells, escaped (except columns ``raw``, already-safe HTML),
    numbers right-aligned and dates kept on one line by their column's name; ``codes`` go
    in small print under each row's first cell. The report and the service's pages both
    draw their tables with it."""
    if not rows:
        return f"<p>{escape(empty)}</p>"
    head = "".join(f"<th scope=\"col\">{escape(h)}</th>" for h in headers)
    cls = [' class="n"' if h in NUMERIC else (' class="d"' if h in DATES else "")
           for h in headers]

    def cells(i: int, row: list[str]) -> str:
        out = []
        for j, c in enumerate(row):
            small = (f'<small class="code">{escape(codes[i])}</small>'
                     if j == 0 and codes and i < len(codes) else "")
            out.append(f"<td{cls[j] if j < len(cls) else ''}>"
                       f"{c if j in raw else escape(c)}{small}</td>")
        return "".join(out)

    body = "".join(f"<tr>{cells(i, row)}</tr>" for i, row in enumerate(rows))
    return (f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}'
            "</tbody></table></div>")


def _more(sec: Section) -> str:
    return (f"Showing the first {SHOWN_ROWS:,} of {len(sec.rows):,} rows; all of them are in "
            f"{sec.key}.csv and report.json.")


def card(f: dict[str, Any], link: str | None = None) -> str:
    """One flow as a card: names, central figure, band, what it did, what it rests on."""
    title = escape(_flow(f))
    if link:
        title = f'<a href="{escape(link)}">{title}</a>'
    rests = f["rests_on"]
    basis = (f'<div class="quiet">rests on {escape(rests["source"])} '
             f'({escape(rests["grade"])})' + (' <span class="flag">⚠ weak grade</span>'
                                              if rests["weak"] else "") + "</div>"
             if rests else "")
    return (f'<div class="card"><div class="flow">{title}</div>'
            f'<div>{escape(f["item_name"])}</div><div class="big">{fmt(f["central"])}</div>'
            f'<div>{escape(f["unit"])}, range {escape(band(f["low"], f["high"]))}'
            + (" · <strong>conflict</strong>" if f["conflict"] else "") + "</div>"
            f'<div>{escape(f["status"])}</div>{basis}'
            f'<small class="code">{escape(f["supplier"])} → {escape(f["recipient"])}, '
            f'{escape(f["item"])}</small></div>')


def figure(f: dict[str, Any], as_of: str, link: str | None = None) -> str:
    """A flow's chart with its heading and the list of the meetings it marks."""
    marked, span = chart_meetings(f, as_of)
    meets = "".join(f"<li>M{i}: {escape(m['date'])}, {escape(m['title'])}</li>"
                    for i, m in enumerate(marked, start=1))
    if span > len(marked):
        meets += (f"<li>The latest {len(marked)} of {span:,} meetings in the chart's "
                  "span are marked; every meeting is in report.json.</li>")
    heading = f"{escape(_flow(f))}: {escape(f['item_name'])}"
    if link:
        heading = f'<a href="{escape(link)}">{heading}</a>'
    return (f'<figure class="flow-chart"><h3>{heading}</h3>{chart(f, as_of)}'
            + (f'<figcaption><ul class="legend">{meets}</ul></figcaption>' if meets else "")
            + "</figure>")


def page(title: str, body: str, extra_css: str = "", scripts: tuple[str, ...] = ()) -> str:
    """The page shell shared by the HTML report and the service's pages (``scripts``: URLs
    of the page's own script files, loaded deferred; the report has none)."""
    tags = "".join(f'<script src="{escape(s)}" defer></script>' for s in scripts)
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{CSS}{extra_css}</style>{tags}</head>"
            f"<body>{body}</body></html>\n")


def html(d: dict[str, Any]) -> str:
    secs = sections(d)
    parts = [
        f"<h1>Munitions supply: weekly report {escape(d['week'])}</h1>",
        f'<p class="meta">As of <strong>{escape(d["as_of"])}</strong> (week '
        f'{escape(d["week_start"])} to {escape(d["as_of"])}). Every number below counts only '
        "claims that were public by then.</p>",
        '<section id="summary"><h2>This week</h2><ul class="summary">'
        + "".join(f"<li>{escape(s)}</li>" for s in d["summary"]) + "</ul></section>",
        f'<section id="headline"><h2>{escape(secs[0].title)}</h2>'
        f'<p class="intro">{escape(secs[0].intro)}</p><div class="cards">'
        + "".join(card(f) for f in d["flows"]) + f"</div>{table(secs[0])}</section>",
    ]
    for sec in secs[1:]:
        parts.append(f'<section id="{sec.key}"><h2>{escape(sec.title)}</h2>'
                     f'<p class="intro">{escape(sec.intro)}</p>{table(sec)}</section>')
    parts.append(f'<section id="charts"><h2>Charts</h2><p class="legend">{escape(LEGEND)}</p>')
    parts += [figure(f, d["as_of"]) for f in d["flows"]]
    parts.append("</section>")
    parts.append('<section id="method"><h2>Method</h2><ul>'
                 + "".join(f"<li>{escape(m)}</li>" for m in d["method"]) + "</ul>"
                 f"<p>Timeline method version {d['method_version']}. Built from log position "
                 f"{d['log_position']}, head hash <code>{escape(d['head_hash'])}</code>; the "
                 "same position and week always give this same report.</p>"
                 + (f"<p>{escape(checkpoint_line(d) or '')}</p>" if d.get("checkpoint") else "")
                 + "</section>")
    return page(f"Munitions supply: weekly report {d['week']}", "\n".join(parts))


def as_json(d: dict[str, Any]) -> str:
    """One top-level key per line (readable diffs), each value compact: json's fast C
    encoder only runs without ``indent``, which matters for large logs."""
    body = ",\n".join(f"{json.dumps(k)}: {json.dumps(d[k], ensure_ascii=False, sort_keys=True)}"
                      for k in sorted(d))
    return "{\n" + body + "\n}\n"


def csv_tables(d: dict[str, Any]) -> dict[str, str]:
    """One CSV per table, of plain values."""
    out = {}
    for sec in sections(d):
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(sec.columns)
        w.writerows([[csv_cell(v) for v in row] for row in sec.values])
        out[f"{sec.key}.csv"] = buf.getvalue()
    return out
