"""Plain-text descriptions of quantities, shared by the command line and the reports."""

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
