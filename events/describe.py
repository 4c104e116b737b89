"""Plain-text descriptions of quantities and events, shared by the command line, the
reports and the pages (which pass names where the command line shows codes)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def describe_quantity(r: dict[str, Any], fmt: Callable[[Any], str], *, more: str, upto: str,
                      between: str) -> str:
    """``quantity``/``quantity_low``/``quantity_high`` of a record as text: a range, a
    one-sided bound, or a figure, with the central figure after a range when given;
    ``more``, ``upto`` and ``between`` set the wording (e.g. ">=", "<=", "-")."""
    q, lo, hi = r.get("quantity"), r.get("quantity_low"), r.get("quantity_high")
    if lo is not None and hi is not None:
        text = f"{fmt(lo)}{between}{fmt(hi)}"
    elif lo is not None:
        text = f"{more}{fmt(lo)}"
    elif hi is not None:
        text = f"{upto}{fmt(hi)}"
    else:
        text = fmt(q) if q is not None else "?"
    if q is not None and (lo is not None or hi is not None):
        text += f" (~{fmt(q)})"
    return f"{text} {str(r.get('unit') or '').replace('_', ' ')}".strip()


UNIT_SINGULAR = {"containers": "container", "metric_tons": "metric ton", "rounds": "round",
                 "units": "unit"}


def _same(code: str | None) -> str:
    return code or ""


def summarise(r: dict[str, Any], fmt: Callable[[Any], str], *,
              party: Callable[[str | None], str] = _same,
              item: Callable[[str | None], str] = _same) -> str:
    """One plain-English line for an event; ``party`` and ``item`` name codes (default:
    the codes themselves)."""
    def qty(rec: dict[str, Any]) -> str:
        return describe_quantity(rec, fmt, more="more than ", upto="up to ", between="–")

    t = r["type"]
    if t == "shipment":
        span = (f"{r['period_start']} to {r['period_end']}" if r.get("period_start")
                else f"by {r['period_end']}")
        kind = "in total" if r["measure"] == "cumulative" else "in the period"
        return (f"{party(r['supplier'])} → {party(r['recipient'])}, {item(r['item'])}: "
                f"{qty(r)} {kind}, {span}")
    if t == "pledge":
        return (f"{party(r['supplier'])} pledges {party(r['recipient'])} {qty(r)} of "
                f"{item(r['item'])} by {r['due_by']}")
    if t == "estimate":
        who = (f"{party(r['supplier'])} → {party(r['recipient'])}" if r.get("supplier")
               else party(r.get("subject")))
        per = f" per {r['per']}" if r.get("per") else ""
        what = f", {item(r['item'])}" if r.get("item") else ""
        return f"{r['metric'].replace('_', ' ')} {who}{what}: {qty(r)}{per} ({r['period_end']})"
    if t == "meeting":
        who = ", ".join(party(p) for p in r.get("participants") or [])
        return f"{r['title']} ({who}, {r['period_start']})"
    if t == "conversion":
        f = r.get("factor")
        rng = (f"{fmt(r['factor_low'])}–{fmt(r['factor_high'])}"
               if r.get("factor_low") is not None else fmt(f))
        return (f"{r['from_unit'].replace('_', ' ')} to {r['to_unit']}: {rng} per "
                f"{UNIT_SINGULAR.get(r['from_unit'], r['from_unit'])} "
                f"({item(r.get('item')) or 'any item'})")
    return f"retracts {r['target']}: {r['reason']}"
