"""Projections: pure functions of (events, as-of, at-position) -> polars frames (timelines,
pledges, claims, explanations), and ``catch_up``, which keeps materialised copies of them in
the log file current for SQL users."""

from .claims import compare_claims
from .conversion import conversions_of
from .estimates import latest_estimates
from .frames import Window, load_events, load_flow_events, out_events
from .materialise import catch_up
from .pledges import PLEDGE_COLUMNS, pledge_status
from .state import METHOD_VERSION
from .timeline import Timeline, all_timelines, compute_timeline, flows

__all__ = ["METHOD_VERSION", "PLEDGE_COLUMNS", "Timeline", "Window", "all_timelines",
           "catch_up", "compare_claims", "compute_timeline", "conversions_of", "flows",
           "latest_estimates", "load_events", "load_flow_events", "out_events", "pledge_status"]
