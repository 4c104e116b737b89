"""The weekly report: data from the projections, rendered to Markdown, HTML, JSON and CSV."""

from .data import build_report
from .weeks import last_complete_week, parse_week, week_bounds, week_label
from .write import Written, resolve_week, write_report

__all__ = ["Written", "build_report", "last_complete_week", "parse_week", "resolve_week",
           "week_bounds", "week_label", "write_report"]
