"""Render report data as Markdown, self-contained HTML, JSON and CSV tables.

All formats come from one list of sections, so they always agree.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from html import escape
from typing import Any

from .data import band, fmt
from .signed import checkpoint_line
from .svg import LEGEND, chart, chart_meetings

SHOWN_ROWS = 200  # rows per table in report.md and report.html; the CSV and JSON have all


@dataclass
class Section:
    key: str
    title: str
    intro: str
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    empty: str = "None."


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def _signed(x: float | None) -> str:
    if x is None:
        return "–"
    return "no change" if x == 0 else ("+" if x > 0 else "−") + fmt(abs(x))


def _grade(c: dict[str, Any]) -> str:
    return f"{c['reliability']}{c['credibility']}"


def sections(d: dict[str, Any]) -> list[Section]:
    flows = d["flows"]
    s = [Section(
        "headline", "Headline numbers",
        f"Cumulative supply per flow as of {d['as_of']}, central estimate with its low–high "
        "band, and the change since the previous week's report.",
        ["Flow", "Item", "Central", "Low – high", "Change on week", "Claims"],
        [[f"{f['supplier']} → {f['recipient']}", f"{f['item_name']} ({f['unit']})",
          fmt(f["central"]), band(f["low"], f["high"])
          + (" (conflict)" if f["conflict"] else ""),
          "new this week" if f["new_this_week"] else _signed(f["change"]),
          str(f["claims_in_use"])] for f in flows])]
    s.append(Section(
        "pledges", "Pledges", "Each open pledge against its flow's timeline at the as-of date.",
        ["Pledge", "Flow", "Pledged", "Due by", "Delivered (central)", "Fulfilment", "Status",
         "Projected completion"],
        [[p["event_id"], f"{p['supplier']} → {p['recipient']} {p['item']}", fmt(p["pledged"]),
          p["due_by"], fmt(p["delivered_central"]), _pct(p["fulfilment"]),
          p["status"].replace("_", " "), p["projected_completion"] or "–"]
         for p in d["pledges"]]))
    s.append(Section(
        "claims", "Claims reported this week",
        f"Everything made public from {d['week_start']} to {d['as_of']}, with source, outlet "
        "and Admiralty grade (source reliability A–F, claim credibility 1–6).",
        ["Reported", "Type", "Claim", "Source", "Outlet", "Grade", "State"],
        [[c["reported_on"], c["type"], c["summary"], c["source"], c["via"] or "–", _grade(c),
          c["state"].replace("_", " ")] for c in d["claims_this_week"]],
        empty="No claims were reported this week."))
    s.append(Section(
        "meetings", "Meetings", "Meetings held or reported this week; every meeting appears "
        "on the charts of the flows its participants take part in.",
        ["Date", "Meeting", "Participants", "Location", "Source"],
        [[m["period_start"], m["title"], ", ".join(m["participants"]), m["location"] or "–",
          m["source"]] for m in d["meetings_this_week"]],
        empty="No meetings held or reported this week."))
    s.append(Section(
        "disagreements", "Where sources disagree",
        "Spread of the claims in use per flow (central values in the canonical unit, each "
        "claim as its own total or increment) and dates where the bounds contradict each "
        "other.",
        ["Flow", "Claims", "Smallest", "Median", "Largest", "Largest ÷ smallest",
         "Conflict dates"],
        [[f"{f['supplier']} → {f['recipient']} {f['item']}", str(f["claims_in_use"]),
          fmt(f["claims_min"]), fmt(f["claims_median"]), fmt(f["claims_max"]),
          "–" if f["spread_ratio"] is None else f"{f['spread_ratio']:.1f}×",
          ", ".join(f["conflict_dates"]) or "none"] for f in flows if f["claims_in_use"] > 1]))
    s.append(Section(
        "excluded", "Excluded claims",
        "Claims left out of a timeline, and why: no applicable unit conversion, or retracted "
        "or superseded by a later event.",
        ["Flow", "Event", "Reason"],
        [[f"{f['supplier']} → {f['recipient']} {f['item']}", e["event_id"], e["reason"]]
         for f in flows for e in f["excluded"]], empty="No claims were excluded."))
    s.append(Section(
        "estimates", "Latest estimates", "Stocks, production and consumption rates, factory "
        "capacity and supply shares: the most recent estimate of each.",
        ["Estimate", "Reported", "Source", "Grade"],
        [[e["summary"], e["reported_on"], e["source"], _grade(e)] for e in d["estimates"]]))
    return s


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(d: dict[str, Any]) -> str:
    lines = [f"# Munitions supply: weekly report {d['week']}", "",
             f"As of **{d['as_of']}** (week {d['week_start']} to {d['as_of']}). Built from log "
             f"position {d['log_position']}, head hash `{d['head_hash']}`.", ""]
    lines += [checkpoint_line(d) or "", ""] if d.get("checkpoint") else []
    for sec in sections(d):
        lines += [f"## {sec.title}", "", sec.intro, ""]
        if not sec.rows:
            lines += [sec.empty, ""]
            continue
        lines.append("| " + " | ".join(sec.headers) + " |")
        lines.append("|" + "|".join(" --- " for _ in sec.headers) + "|")
        lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |"
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
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #e2e2e2;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f5f8}td.d{white-space:nowrap}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(210px,1fr));gap:10px}
.card{border:1px solid #d6dbe3;border-radius:6px;padding:10px}
.card .big{font-size:1.4rem;font-weight:600}.card .flow{font-weight:600}
.chart{width:100%;height:auto;max-width:720px}.tick{font-size:11px;fill:#333}
.axis{font-size:12px;fill:#222}.note{font-size:11px;fill:#333}
code{font-size:.85em;word-break:break-all}.legend{font-size:.85rem;color:#333}
figure{margin:1rem 0}
@media print{body{max-width:none}.chart{page-break-inside:avoid}h2{page-break-after:avoid}}
"""
DATES = {"Reported", "Date", "Due by", "Projected completion"}
NUMERIC = {"Central", "Pledged", "Delivered (central)", "Fulfilment", "Claims", "Smallest",
           "Median", "Largest", "Largest ÷ smallest", "Change on week"}


def _table(sec: Section) -> str:
    if not sec.rows:
        return f"<p>{escape(sec.empty)}</p>"
    head = "".join(f"<th scope=\"col\">{escape(h)}</th>" for h in sec.headers)
    def cls(h: str) -> str:
        return ' class="n"' if h in NUMERIC else (' class="d"' if h in DATES else "")

    body = "".join(
        "<tr>" + "".join(f"<td{cls(h)}>{escape(c)}</td>"
                         for h, c in zip(sec.headers, row, strict=True)) + "</tr>"
        for row in sec.rows[:SHOWN_ROWS])
    more = f"<p>{escape(_more(sec))}</p>" if len(sec.rows) > SHOWN_ROWS else ""
    return (f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}'
            f"</tbody></table></div>{more}")


def _more(sec: Section) -> str:
    return (f"Showing the first {SHOWN_ROWS:,} of {len(sec.rows):,} rows; all of them are in "
            f"{sec.key}.csv and report.json.")


def html(d: dict[str, Any]) -> str:
    secs = sections(d)
    cards = "".join(
        f'<div class="card"><div class="flow">{escape(f["supplier"])} → '
        f'{escape(f["recipient"])}</div><div>{escape(f["item_name"])}</div>'
        f'<div class="big">{fmt(f["central"])}</div><div>{escape(f["unit"])}, range '
        f'{escape(band(f["low"], f["high"]))}</div><div>'
        + ("new this week" if f["new_this_week"] else f"{_signed(f['change'])} on the week")
        + (" · <strong>conflict</strong>" if f["conflict"] else "") + "</div></div>"
        for f in d["flows"])
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Munitions supply: weekly report {escape(d['week'])}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>Munitions supply: weekly report {escape(d['week'])}</h1>",
        f'<p class="meta">As of <strong>{escape(d["as_of"])}</strong> (week '
        f'{escape(d["week_start"])} to {escape(d["as_of"])}). Every number below counts only '
        "claims that were public by then.</p>",
        f'<section id="headline"><h2>{escape(secs[0].title)}</h2>'
        f'<p class="intro">{escape(secs[0].intro)}</p><div class="cards">{cards}</div>'
        f"{_table(secs[0])}</section>",
    ]
    for sec in secs[1:]:
        parts.append(f'<section id="{sec.key}"><h2>{escape(sec.title)}</h2>'
                     f'<p class="intro">{escape(sec.intro)}</p>{_table(sec)}</section>')
    parts.append(f'<section id="charts"><h2>Charts</h2><p class="legend">{escape(LEGEND)}</p>')
    for f in d["flows"]:
        marked, span = chart_meetings(f, d["as_of"])
        meets = "".join(f"<li>M{i}: {escape(m['date'])}, {escape(m['title'])}</li>"
                        for i, m in enumerate(marked, start=1))
        if span > len(marked):
            meets += (f"<li>The latest {len(marked)} of {span:,} meetings in the chart's "
                      "span are marked; all of them are in report.json.</li>")
        parts.append(f'<figure class="flow-chart"><h3>{escape(f["supplier"])} → '
                     f'{escape(f["recipient"])}: {escape(f["item_name"])}</h3>'
                     f"{chart(f, d['as_of'])}"
                     + (f'<figcaption><ul class="legend">{meets}</ul></figcaption>' if meets
                        else "") + "</figure>")
    parts.append("</section>")
    parts.append('<section id="method"><h2>Method</h2><ul>'
                 + "".join(f"<li>{escape(m)}</li>" for m in d["method"]) + "</ul>"
                 f"<p>Timeline method version {d['method_version']}. Built from log position "
                 f"{d['log_position']}, head hash <code>{escape(d['head_hash'])}</code>; the "
                 "same position and week always give this same report.</p>"
                 + (f"<p>{escape(checkpoint_line(d) or '')}</p>" if d.get("checkpoint") else "")
                 + "</section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def as_json(d: dict[str, Any]) -> str:
    """One top-level key per line (readable diffs), each value compact: json's fast C
    encoder only runs without ``indent``, which matters for large logs."""
    body = ",\n".join(f"{json.dumps(k)}: {json.dumps(d[k], ensure_ascii=False, sort_keys=True)}"
                      for k in sorted(d))
    return "{\n" + body + "\n}\n"


def csv_tables(d: dict[str, Any]) -> dict[str, str]:
    """One CSV per table; cells a spreadsheet would execute are prefixed with a quote."""
    out = {}
    for sec in sections(d):
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(sec.headers)
        w.writerows([["'" + c if c[:1] in "=+-@\t\r" and c != "–" else c for c in row]
                     for row in sec.rows])
        out[f"{sec.key}.csv"] = buf.getvalue()
    return out
