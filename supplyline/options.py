"""Option bundles shared by commands, and the lazily-importing command group."""

from __future__ import annotations

import datetime as dt
import functools
import importlib
from collections.abc import Callable
from typing import Any

import click

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command runs.

    Keeps ``supplyline --help`` and light commands from importing polars and friends.
    """

    def __init__(self, *args: Any, lazy_commands: dict[str, str] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = lazy_commands or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_commands:
            module, attr = self.lazy_commands[cmd_name].split(":")
            return getattr(importlib.import_module(module), attr)  # type: ignore[no-any-return]
        return super().get_command(ctx, cmd_name)


class DateType(click.ParamType):  # type: ignore[type-arg]
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date as YYYY-MM-DD", param, ctx)
        from supplyline.events.limits import date_problem  # the realistic range (1900-2200)

        problem = date_problem(day)
        if problem:
            self.fail(f"{value!r} {problem.split(' (got')[0]}", param, ctx)
        return day


DATE = DateType()
F = Callable[..., Any]


def json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True,
                        help="Print machine-readable JSON on stdout.")(f)


def time_options(f: F) -> F:
    """``--as-of`` and ``--at-position``: what was public on a date, what the log held then."""
    f = click.option("--at-position", type=click.IntRange(min=0), metavar="N",
                     help="Use only log positions <= N (what this log held then).")(f)
    return click.option("--as-of", type=DATE, metavar="YYYY-MM-DD",
                        help="Use only events reported on or before this date.")(f)


def grade_options(f: F) -> F:
    """``--min-reliability`` and ``--min-credibility`` (SPEC §5 step 9), passed on as one
    ``grades`` argument."""
    f = click.option("--min-credibility", type=click.IntRange(1, 6), metavar="1-6",
                     help="Leave out shipment claims of lower credibility (higher number).")(f)
    f = click.option("--min-reliability", type=click.Choice(list("ABCDEF")), metavar="A-F",
                     help="Leave out shipment claims from less reliable sources (later "
                          "letter).")(f)

    def wrapper(*args: Any, min_reliability: str | None, min_credibility: int | None,
                **kwargs: Any) -> Any:
        from supplyline.projections.grades import Grades

        return f(*args, grades=Grades(min_reliability, min_credibility), **kwargs)

    return functools.update_wrapper(wrapper, f)
