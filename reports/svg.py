"""One inline SVG chart per flow: band low–high, central line, claim points, meeting
markers, pledge targets. Deterministic (ids from the flow, fixed number formatting) and
legible without colour (hatched band, solid line, marker shapes, dashed/dotted rules)."""

from __future__ import annotations

import datetime as dt
import math
from html import escape
from typing import Any

W, H = 720, 320
MAX_POINTS = 400  # claim markers per chart; more only blur into a smear
LEFT, RIGHT, TOP, BOTTOM = 92, 24, 22, 58


def _n(x: float) -> str:
    return f"{x:.1f}"


def _nice_ticks(top: float, count: int = 5) -> list[float]:
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
        d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    step = max(1, math.ceil(len(months) / most))
    return months[::step]


def _label(x: float) -> str:
    return f"{int(round(x)):,}"


def chart(flow: dict[str, Any], as_of: str) -> str:
    rows = flow["rows"]
    key = f"{flow['supplier']}-{flow['recipient']}-{flow['item']}"
    title = (f"{flow['supplier']} to {flow['recipient']}, {flow['item_name']}: cumulative "
             f"{flow['unit']}")
    if not rows:
        return (f'<svg role="img" aria-label="{escape(title)}: no data" viewBox="0 0 {W} 60" '
                f'xmlns="http://www.w3.org/2000/svg"><text x="10" y="35">No claims yet.'
                f"</text></svg>")
    end = dt.date.fromisoformat(as_of)
    dates = [dt.date.fromisoformat(r["date"]) for r in rows]
    meetings = [m for m in flow["meetings"]
                if dates[0] - dt.timedelta(days=60) <= dt.date.fromisoformat(m["date"]) <= end]
    start = min([dates[0]] + [dt.date.fromisoformat(m["date"]) for m in meetings])
    start -= dt.timedelta(days=7)
    end = max(end, dates[-1]) + dt.timedelta(days=7)
    values = [v for r in rows for v in (r["low"], r["central"], r["high"]) if v is not None]
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
    pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in upper + lower[::-1])
    out.append(f'<polygon points="{pts}" fill="url(#hatch-{key})" stroke="none">'
               f"<title>band: low to high</title></polygon>")
    central = []
    for i, r in enumerate(rows):
        y = Y(r["central"])
        central += [(xs[i], y), (max(xs[i + 1], xs[i]), y)]
    out.append('<polyline fill="none" stroke="#1b3a5c" stroke-width="2.5" points="'
               + " ".join(f"{_n(x)},{_n(y)}" for x, y in central) + '"/>')
    # pledge targets
    for p in flow["pledges"]:
        y = Y(p["pledged"])
        out.append(f'<line x1="{LEFT}" y1="{_n(y)}" x2="{W - RIGHT}" y2="{_n(y)}" '
                   f'stroke="#8a5a00" stroke-width="1.5" stroke-dasharray="2 3"/>')
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
    points = flow["points"]
    if len(points) > MAX_POINTS:
        step = len(points) / MAX_POINTS
        points = [points[int(i * step)] for i in range(MAX_POINTS)]
    for p in points:
        if p["central"] is None:
            continue
        x, y = X(dt.date.fromisoformat(p["date"])), Y(p["central"])
        out.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4" fill="#fff" stroke="#1b3a5c" '
                   f'stroke-width="1.8"><title>{escape(p["event_id"])}: '
                   f'{_label(p["central"])}</title></circle>')
    for r in rows:
        if r["conflict"]:
            x, y = X(dt.date.fromisoformat(r["date"])), Y(r["low"])
            out.append(f'<path d="M{_n(x)},{_n(y - 7)} L{_n(x + 6)},{_n(y + 4)} '
                       f'L{_n(x - 6)},{_n(y + 4)} Z" fill="#b00020"><title>conflict on '
                       f'{r["date"]}: low {_label(r["low"])} above high {_label(r["high"])}'
                       f"</title></path>")
    out.append("</svg>")
    return "".join(out)


LEGEND = ("Hatched band: low to high (open to the top where no upper bound is known). "
          "Solid line: central estimate. Circles: individual claims in use. Triangles: "
          "conflicts (a low bound above a high bound). Dashed vertical lines: meetings (M1, "
          "M2, ...). Dotted horizontal lines: pledge targets.")
