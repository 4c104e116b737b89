"""Invariants of the timeline that hold for any log (Hypothesis)."""

from __future__ import annotations

from typing import Any

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projections import all_timelines, compute_timeline
from tests.projection_helpers import conv, frame, retract, ship

qty = st.integers(min_value=0, max_value=10_000_000).map(float)
month = st.integers(min_value=0, max_value=35).map(lambda m: f"{2022 + m // 12}-{m % 12 + 1:02d}")


@st.composite
def claim(draw: st.DrawFn, i: int) -> dict[str, Any]:
    lo, hi = sorted(draw(st.lists(qty, min_size=2, max_size=2)))
    shape = draw(st.sampled_from(["q", "lh", "l", "h", "qlh"]))
    q = {"q": {"quantity": lo}, "lh": {"quantity_low": lo, "quantity_high": hi},
         "l": {"quantity_low": lo}, "h": {"quantity_high": hi},
         "qlh": {"quantity_low": lo, "quantity": (lo + hi) / 2, "quantity_high": hi}}[shape]
    end = draw(month)
    unit = draw(st.sampled_from(["rounds", "rounds", "containers"]))
    if draw(st.booleans()):
        start = draw(month.filter(lambda m: m <= end))
        return ship(f"s{i}", end=end, start=start, measure="increment", unit=unit, **q)
    return ship(f"s{i}", end=end, unit=unit, **q)


@st.composite
def logs(draw: st.DrawFn) -> list[dict[str, Any]]:
    n = draw(st.integers(min_value=1, max_value=12))
    recs = [conv("k", factor_low=300, factor_high=500)]
    recs += [draw(claim(i)) for i in range(n)]
    if draw(st.booleans()):
        recs.append(retract("r", f"s{draw(st.integers(0, n - 1))}"))
    return recs


def _rows(recs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    events, cat = frame(recs)
    return compute_timeline(events, cat, "KP", "RU", "shell_152mm").as_dict()["rows"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(logs())
def test_low_and_high_never_fall_and_central_stays_inside(recs: list[dict[str, Any]]) -> None:
    """Low never falls; high never falls; central within [low, high] except on conflicts."""
    rows = _rows(recs)
    lows = [r["low"] for r in rows if r["low"] is not None]
    assert lows == sorted(lows)
    highs = [r["high"] for r in rows if r["high"] is not None]
    assert highs == sorted(highs)
    for r in rows:
        if r["conflict"]:
            assert r["low"] > r["high"]
            continue
        if r["low"] is not None:
            assert r["central"] >= r["low"]
        if r["high"] is not None:
            assert r["central"] <= r["high"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(logs())
def test_replaying_the_log_gives_identical_frames(recs: list[dict[str, Any]]) -> None:
    """Two replays of the same log give equal frames, row for row."""
    a, cat = frame(recs)
    b, _ = frame(recs)
    ra, ea = all_timelines(a, cat)
    rb, eb = all_timelines(b, cat)
    assert ra.equals(rb) and ea.equals(eb)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(logs(), st.lists(qty, min_size=1, max_size=5))
def test_an_unrelated_flow_does_not_change_a_timeline(recs: list[dict[str, Any]],
                                                      others: list[float]) -> None:
    """Appending another flow's claims leaves this flow's timeline as it was."""
    extra = [ship(f"o{i}", supplier="IR", item="drone_shahed", unit="units", quantity=q)
             for i, q in enumerate(others)]
    assert _rows(recs) == _rows(recs + extra)


def test_all_timelines_matches_one_flow_at_a_time() -> None:
    """The all-flows rebuild gives the same rows as each flow computed alone."""
    recs = [ship("a", quantity=5), ship("b", supplier="IR", item="drone_shahed", unit="units",
                                        quantity=3)]
    events, cat = frame(recs)
    rows, _ = all_timelines(events, cat)
    one = compute_timeline(events, cat, "IR", "RU", "drone_shahed").rows
    mine = rows.filter(pl.col("supplier") == "IR").select(one.columns)
    assert mine.equals(one)
