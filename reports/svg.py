"""One inline SVG chart per flow: band low–high, central line, claim points, meeting
markers, pledge targets. Deterministic (ids from the flow, fixed number formatting) and
legible without colour (hatched band, solid line, marker shapes, dashed/dotted rules)."""

from __future__ import annotations

import datetime as dt
import math
import sys
from html import escape
from typing import Any

W, H = 720, 320
MAX_POINTS = 400  # claim (and conflict) markers per chart; more only blur into a smear
# meeting markers per chart, the latest ones: each is a labelled rule across the chart, so
# past a few dozen they hide the lines (and a log with thousands of meetings made the HTML
# report huge); every meeting is in the report's JSON (``meetings``)
MAX_MEETINGS = 24
LEFT, RIGHT, TOP, BOTTOM = 92, 24, 22, 58


def _n(x: float) -> str:
    return f"{x:.1f}"


def _shift(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, stopping at the first or last date there is (a log written
    before the realistic ranges of events/limits.py may hold dates near either)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def _nice_ticks(top: float, count: int = 5) -> list[float]:
    top = min(top, sys.float_info.max / 10)  # a value beyond float range still gets an axis
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    return [i * step for i in range(int(math.ceil(top / step)) + 1)]


def _month_ticks(start: dt.date, end: dt.date, most: int = 7) -> list[dt.date]:
    months = []
    d = dt.date(start.year, start.month, 1)
    while d <= end:
        if d >= start:
            months.append(d)
        if d.year == dt.MAXYEAR and d.month == 12:
            break
        d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    step = max(1, math.ceil(len(months) / most))
    return months[::step]


def _label(x: float) -> str:
    return f"{int(round(x)):,}"


def _thin(marks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """At most ``MAX_POINTS`` of ``marks``, evenly spaced, in order."""
    if len(marks) <= MAX_POINTS:
        return marks
    step = len(marks) / MAX_POINTS
    return [marks[int(i * step)] for i in range(MAX_POINTS)]


def _path(points: list[tuple[float, float]]) -> str:
    """SVG points as drawn: a vertex that repeats the one before once rounded, or that lies
    between its neighbours on the same horizontal or vertical line, changes nothing drawn
    and is left out (a step line of 6,000 rows has mostly such vertices)."""
    kept: list[tuple[float, float]] = []
    for x, y in points:
        v = (round(x, 1), round(y, 1))
        if kept and kept[-1] == v:
            continue
        if len(kept) >= 2:
            (ax, ay), (bx, by) = kept[-2], kept[-1]
            if ((ax == bx == v[0] and min(ay, v[1]) <= by <= max(ay, v[1]))
                    or (ay == by == v[1] and min(ax, v[0]) <= bx <= max(ax, v[0]))):
                kept[-1] = v
                continue
        kept.append(v)
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in kept)


def chart_meetings(flow: dict[str, Any], as_of: str) -> tuple[list[dict[str, Any]], int]:
    """The meetings a flow's chart marks (M1, M2, ... in date order): those from 60 days
    before its first row to the as-of date, at most the latest ``MAX_MEETINGS``; and how
    many there are in that span in all (``meetings_in_span`` when the flow's meetings were
    already cut to those marked, as the report's are)."""
    if not flow["rows"]:
        return [], 0
    first = _shift(dt.date.fromisoformat(flow["rows"][0]["date"]), -60).isoformat()
    span = [m for m in flow["meetings"] if first <= m["date"] <= as_of]
    return span[-MAX_MEETINGS:], flow.get("meetings_in_span", len(span))


def chart(flow: dict[str, Any], as_of: str) -> str:
    rows = flow["rows"]
    key = f"{flow['supplier']}-{flow['recipient']}-{flow['item']}"
    title = (f"{flow.get('supplier_name', flow['supplier'])} to "
             f"{flow.get('recipient_name', flow['recipient'])}, {flow['item_name']}: cumulative "
             f"{flow['unit']}")
    if not rows:
        return (f'<svg role="img" aria-label="{escape(title)}: no data" viewBox="0 0 {W} 60" '
                f'xmlns="http://www.w3.org/2000/svg"><text x="10" y="35">No claims yet.'
                f"</text></svg>")
    end = dt.date.fromisoformat(as_of)
    dates = [dt.date.fromisoformat(r["date"]) for r in rows]
    meetings = chart_meetings(flow, as_of)[0]
    start = min([dates[0]] + [dt.date.fromisoformat(m["date"]) for m in meetings])
    start = _shift(start, -7)
    end = _shift(max(end, dates[-1]), 7)
    values = [v for r in rows for v in (r["low"], r["central"], r["high"]) if v is not None]
    values = [v for v in values if math.isfinite(v)]
    values += [p["pledged"] for p in flow["pledges"] if p["pledged"]]
    values += [p["central"] for p in flow["points"] if p["central"] is not None]
    ticks = _nice_ticks(max(values) * 1.05 if values else 1.0)
    ymax = ticks[-1]
    span = max((end - start).days, 1)

    def X(d: dt.date) -> float:
        return LEFT + (W - LEFT - RIGHT) * (d - start).days / span

    def Y(v: float) -> float:
        return H - BOTTOM - (H - TOP - BOTTOM) * v / ymax

    out = [f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 {W} {H}" '
           f'xmlns="http://www.w3.org/2000/svg" class="chart">',
           f"<title>{escape(title)}</title>",
           f'<defs><pattern id="hatch-{key}" width="6" height="6" patternUnits="userSpaceOnUse" '
           f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#dbe6f3"/>'
           f'<line x1="0" y1="0" x2="0" y2="6" stroke="#7d9cc0" stroke-width="1.5"/>'
           f"</pattern></defs>"]
    # axes and grid
    for t in ticks:
        y = Y(t)
        out.append(f'<line x1="{LEFT}" y1="{_n(y)}" x2="{W - RIGHT}" y2="{_n(y)}" '
                   f'stroke="#e3e3e3"/>')
        out.append(f'<text x="{LEFT - 6}" y="{_n(y + 4)}" text-anchor="end" '
                   f'class="tick">{_label(t)}</text>')
    for d in _month_ticks(start, end):
        x = X(d)
        out.append(f'<line x1="{_n(x)}" y1="{H - BOTTOM}" x2="{_n(x)}" y2="{H - BOTTOM + 4}" '
                   f'stroke="#555"/>')
        out.append(f'<text x="{_n(x)}" y="{H - BOTTOM + 17}" text-anchor="middle" '
                   f'class="tick">{d.strftime("%b %Y")}</text>')
    out.append(f'<line x1="{LEFT}" y1="{H - BOTTOM}" x2="{W - RIGHT}" y2="{H - BOTTOM}" '
               f'stroke="#333"/>')
    out.append(f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{H - BOTTOM}" stroke="#333"/>')
    out.append(f'<text x="{(LEFT + W - RIGHT) / 2:.1f}" y="{H - 12}" text-anchor="middle" '
               f'class="axis">Date the claim covers (to the report\'s as-of date)</text>')
    out.append(f'<text transform="translate(16 {(TOP + H - BOTTOM) / 2:.1f}) rotate(-90)" '
               f'text-anchor="middle" class="axis">Cumulative {escape(flow["unit"])}</text>')
    # band: a step area from each row to the next (the last row holds to the as-of date)
    xs = [X(d) for d in dates] + [X(dt.date.fromisoformat(as_of))]
    upper, lower = [], []
    for i, r in enumerate(rows):
        hi = Y(r["high"]) if r["high"] is not None else Y(ymax)
        lo = Y(r["low"]) if r["low"] is not None else Y(0)
        x0, x1 = xs[i], max(xs[i + 1], xs[i])
        upper += [(x0, hi), (x1, hi)]
        lower += [(x0, lo), (x1, lo)]
    pts = _path(upper + lower[::-1])
    out.append(f'<polygon points="{pts}" fill="url(#hatch-{key})" stroke="none">'
               f"<title>band: low to high</title></polygon>")
    central = []
    for i, r in enumerate(rows[:-1]):
        y = Y(r["central"])
        central += [(xs[i], y), (max(xs[i + 1], xs[i]), y)]
    central.append((xs[-2], Y(rows[-1]["central"])))
    out.append('<polyline fill="none" stroke="#1b3a5c" stroke-width="2.5" points="'
               + _path(central) + '"/>')
    if xs[-1] > xs[-2]:  # after the last claim the value is carried, not news: dashed
        yc = _n(Y(rows[-1]["central"]))
        out.append(f'<line x1="{_n(xs[-2])}" y1="{yc}" x2="{_n(xs[-1])}" y2="{yc}" '
                   'stroke="#1b3a5c" stroke-width="2.5" stroke-dasharray="7 5" class="carried">'
                   f"<title>no new claim since {escape(rows[-1]['date'])}</title></line>")
    # pledge targets, from the day each pledge was made, which a short rule marks
    for p in flow["pledges"]:
        y = Y(p["pledged"])
        made = p.get("start")
        x0 = X(max(dt.date.fromisoformat(made), start)) if made else LEFT
        out.append(f'<line x1="{_n(x0)}" y1="{_n(y)}" x2="{W - RIGHT}" y2="{_n(y)}" '
                   f'stroke="#8a5a00" stroke-width="1.5" stroke-dasharray="2 3"/>')
        if made:
            out.append(f'<line x1="{_n(x0)}" y1="{_n(y - 8)}" x2="{_n(x0)}" y2="{H - BOTTOM}" '
                       f'stroke="#8a5a00" stroke-width="1.5" class="pledge-start">'
                       f"<title>pledge made {escape(made)}</title></line>")
        out.append(f'<text x="{W - RIGHT - 4}" y="{_n(y - 5)}" text-anchor="end" '
                   f'class="note">pledge {_label(p["pledged"])} by {escape(p["due_by"])}</text>')
    # meetings
    for i, m in enumerate(meetings, start=1):
        x = X(dt.date.fromisoformat(m["date"]))
        out.append(f'<line x1="{_n(x)}" y1="{TOP}" x2="{_n(x)}" y2="{H - BOTTOM}" '
                   f'stroke="#6b2f6b" stroke-width="1.2" stroke-dasharray="6 4">'
                   f"<title>{escape(m['title'])} ({m['date']})</title></line>")
        out.append(f'<text x="{_n(x + 3)}" y="{TOP + 11}" class="note">M{i}</text>')
    # claim points (circles), thinned evenly when there are very many; conflicts (triangles)
    for p in _thin(flow["points"]):
        if p["central"] is None:
            continue
        x, y = X(dt.date.fromisoformat(p["date"])), Y(p["central"])
        out.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4" fill="#fff" stroke="#1b3a5c" '
                   f'stroke-width="1.8"><title>{escape(p["event_id"])}: '
                   f'{_label(p["central"])}</title></circle>')
    for r in _thin([r for r in rows if r["conflict"]]):
        x, y = X(dt.date.fromisoformat(r["date"])), Y(r["low"])
        out.append(f'<path d="M{_n(x)},{_n(y - 7)} L{_n(x + 6)},{_n(y + 4)} '
                   f'L{_n(x - 6)},{_n(y + 4)} Z" fill="#b00020"><title>conflict on '
                   f'{r["date"]}: low {_label(r["low"])} above high {_label(r["high"])}'
                   f"</title></path>")
    out.append("</svg>")
    return "".join(out)


LEGEND = ("Hatched band: low to high (open to the top where no upper bound is known). "
          "Solid line: central estimate; dashed after the latest claim, where the value is "
          "carried forward, not news. Circles: individual claims in use. Triangles: "
          "conflicts (a low bound above a high bound). Dashed vertical lines: meetings (M1, "
          "M2, ...). Dotted horizontal lines: pledge targets, from a short solid rule where "
          "the pledge was made.")


SW, SH, SPAD = 240, 90, 4


def small_chart(key: str, title: str, rows: list[dict[str, Any]], until: str) -> str:
    """A small multiple: a flow's band and central line from its month grid (``rows`` with
    ``date``, ``low``, ``central``, ``high``), held to ``until``, dashed after the last
    month that had a claim (carried forward, not news). No axes: the cards and the flow
    page carry the numbers."""
    if not rows:
        return ""
    first = dt.date.fromisoformat(rows[0]["date"])
    end = max(dt.date.fromisoformat(until), dt.date.fromisoformat(rows[-1]["date"]))
    span = max((end - first).days, 1)
    values = [v for r in rows for v in (r["low"], r["central"], r["high"])
              if v is not None and math.isfinite(v)]
    top = max(values) * 1.05 if values and max(values) > 0 else 1.0

    def X(d: str) -> float:
        return SPAD + (SW - 2 * SPAD) * (dt.date.fromisoformat(d) - first).days / span

    def Y(v: float | None, open_to: float) -> float:
        v = open_to if v is None or not math.isfinite(v) else v
        return SH - SPAD - (SH - 2 * SPAD) * min(v, top) / top

    xs = [X(r["date"]) for r in rows] + [X(end.isoformat())]
    upper = [(x, Y(r["high"], top)) for i, r in enumerate(rows) for x in (xs[i], xs[i + 1])]
    lower = [(x, Y(r["low"], 0)) for i, r in enumerate(rows) for x in (xs[i], xs[i + 1])]
    line = [(x, Y(r["central"], 0)) for i, r in enumerate(rows[:-1])
            for x in (xs[i], xs[i + 1])] + [(xs[-2], Y(rows[-1]["central"], 0))]
    yc = _n(Y(rows[-1]["central"], 0))
    carried = (f'<line x1="{_n(xs[-2])}" y1="{yc}" x2="{_n(xs[-1])}" y2="{yc}" '
               'stroke="#1b3a5c" stroke-width="2" stroke-dasharray="5 4" class="carried"/>'
               if xs[-1] > xs[-2] else "")
    return (f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 {SW} {SH}" '
            f'xmlns="http://www.w3.org/2000/svg" class="spark" data-flow="{escape(key)}">'
            f'<polygon points="{_path(upper + lower[::-1])}" fill="#dbe6f3" '
            'stroke="#7d9cc0" stroke-width="0.6"/>'
            f'<polyline fill="none" stroke="#1b3a5c" stroke-width="2" points="{_path(line)}"/>'
            f"{carried}</svg>")
