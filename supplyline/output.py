"""Printing results: JSON for scripts, aligned tables for people."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Sequence
from typing import Any

import click


def emit_json(obj: Any) -> None:
    try:
        text = json.dumps(obj, ensure_ascii=False, indent=2, default=str, allow_nan=False)
    except ValueError:  # a number beyond float range: null, as the API writes it
        text = json.dumps(finite(obj), ensure_ascii=False, indent=2, default=str)
    click.echo(text)


def finite(obj: Any) -> Any:
    """``obj`` with every infinite or NaN float replaced by None (strict JSON has neither)."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: finite(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [finite(v) for v in obj]
    return obj


def fmt_number(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        if math.isnan(value):
            return "-"
        if value.is_integer() and abs(value) < 1e15:
            return f"{int(value):,}"
        return f"{value:,.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def emit_table(headers: Sequence[str], rows: Sequence[Sequence[Any]],
               numeric: Sequence[str] = ()) -> None:
    """Print an aligned plain-text table; numbers right-aligned with thousands separators."""
    cells = [[fmt_number(v) if h in numeric else ("-" if v is None else str(v))
              for h, v in zip(headers, row, strict=True)] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if h in numeric else v.ljust(w)
                 for h, v, w in zip(headers, values, widths, strict=True)]
        return "  ".join(parts).rstrip()

    click.echo(line(headers))
    click.echo(line(["-" * w for w in widths]))
    for r in cells:
        click.echo(line(r))


def warn(message: str) -> None:
    click.echo(message, err=True)


def is_tty() -> bool:
    return sys.stderr.isatty()
