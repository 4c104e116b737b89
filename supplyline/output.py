"""Printing results: JSON for scripts, aligned tables for people."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

import click

from supplyline.events.numbers import fmt_number as _fmt
from supplyline.events.plain import jsonable


def emit_json(obj: Any) -> None:
    click.echo(json.dumps(jsonable(obj), ensure_ascii=False, indent=2, allow_nan=False))


def fmt_number(value: Any) -> str:
    """A number in a command's table ('-' when there is none)."""
    return _fmt(value, missing="-")


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


def is_tty() -> bool:
    return sys.stderr.isatty()
