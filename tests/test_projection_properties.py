"""Invariants of the timeline that hold for any log (Hypothesis)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supplyline.projections import all_timelines, compute_timeline
from tests.projection_helpers import conv, frame, retract, ship
from tests.reference_timeline import reference_rows

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


day = st.integers(min_value=0, max_value=1200).map(
    lambda n: (dt.date(2022, 1, 1) + dt.timedelta(days=n)).isoformat())


@st.composite
def rich_logs(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Several flows, day/month/year precision, conversions item-specific and generic with
    valid-from dates and ties, corrections and retractions, in any order of positions."""
    recs: list[dict[str, Any]] = []
    for i in range(draw(st.integers(0, 4))):
        f = draw(st.sampled_from([{"factor": 400.0}, {"factor_low": 300, "factor_high": 500},
                                  {"factor": 10.0, "factor_low": 5, "factor_high": 20}]))
        recs.append(conv(f"k{i}", from_unit=draw(st.sampled_from(["containers",
                                                                  "metric_tons"])),
                         item=draw(st.sampled_from([None, "shell_152mm", "shell_155mm"])),
                         start=draw(st.none() | month), **f))
    shipped: list[dict[str, Any]] = []
    for i in range(draw(st.integers(1, 25))):
        lo, hi = sorted(draw(st.lists(qty, min_size=2, max_size=2)))
        q = draw(st.sampled_from([{"quantity": lo}, {"quantity_low": lo, "quantity_high": hi},
                                  {"quantity_low": lo}, {"quantity_high": hi},
                                  {"quantity": lo, "quantity_high": hi}]))
        end = draw(day | month | st.sampled_from(["2022", "2023", "2024"]))
        kw: dict[str, Any] = {"end": end, "unit": draw(st.sampled_from(
            ["rounds", "rounds", "containers", "metric_tons"])),
            "item": draw(st.sampled_from(["shell_152mm", "shell_155mm"])),
            "supplier": draw(st.sampled_from(["KP", "IR"]))}
        if draw(st.booleans()):
            kw.update(measure="increment", start=end[:4] if draw(st.booleans()) else end)
        shipped.append(ship(f"s{i}", **kw, **q))
    recs = draw(st.permutations(recs + shipped))  # positions in any order
    for i in range(draw(st.integers(0, 3))):  # corrections, then retractions, refer back
        fix = dict(draw(st.sampled_from(shipped)))
        fix.update(event_id=f"c{i}", supersedes=fix["event_id"], quantity=draw(qty))
        fix.pop("quantity_low", None)
        fix.pop("quantity_high", None)
        recs.append(fix)
    for i in range(draw(st.integers(0, 2))):
        recs.append(retract(f"r{i}", draw(st.sampled_from(shipped))["event_id"]))
    return recs


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rich_logs())
def test_every_flow_matches_a_claim_by_claim_reading_of_the_method(
        recs: list[dict[str, Any]]) -> None:
    """The all-flows computation gives, for every flow, the rows and exclusions of a plain
    claim-by-claim transcription of SPEC §5 (tests/reference_timeline.py)."""
    events, cat = frame(recs)
    rows, excluded = all_timelines(events, cat)
    for flow in {(s, r, i) for s, r, i in rows.select("supplier", "recipient", "item").rows()}:
        want_rows, want_excluded = reference_rows(events, cat, flow)
        tl = compute_timeline(events, cat, *flow)
        assert tl.as_dict()["rows"] == want_rows
        assert tl.excluded == want_excluded
        mine = rows.filter((pl.col("supplier") == flow[0]) & (pl.col("item") == flow[2]))
        assert mine.height == len(want_rows)


frac = st.floats(min_value=0, max_value=1e6, allow_nan=False).map(lambda x: round(x, 3))


@st.composite
def crowded_logs(draw: st.DrawFn) -> list[dict[str, Any]]:
    """One flow, few dates: many claims share a date, a date's increments start their
    periods on different dates, and the values are not whole numbers."""
    recs: list[dict[str, Any]] = [conv("k", factor=draw(st.sampled_from([0.3, 412.5])))]
    for i in range(draw(st.integers(1, 30))):
        lo, hi = sorted(draw(st.lists(frac, min_size=2, max_size=2)))
        q = draw(st.sampled_from([{"quantity": lo}, {"quantity_low": lo, "quantity_high": hi},
                                  {"quantity_low": lo}, {"quantity_high": hi}]))
        end = draw(st.sampled_from(["2023-03-31", "2023-06", "2023-06-30", "2023"]))
        kw: dict[str, Any] = {"end": end, "unit": draw(st.sampled_from(["rounds",
                                                                        "containers"]))}
        if draw(st.booleans()):
            starts = [s for s in ("2023-01", "2023-04", "2023-06-30", "2023") if s <= end]
            kw.update(measure="increment", start=draw(st.sampled_from(starts)))
        recs.append(ship(f"s{i}", **kw, **q))
    return draw(st.permutations(recs))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(crowded_logs())
def test_claims_sharing_a_date_match_the_claim_by_claim_reading(
        recs: list[dict[str, Any]]) -> None:
    """The walk steps through dates, not claims (each date reduced to its highest lows and
    its last claim first): the same rows, to the last bit, as claim by claim."""
    events, cat = frame(recs)
    want_rows, want_excluded = reference_rows(events, cat, ("KP", "RU", "shell_152mm"))
    tl = compute_timeline(events, cat, "KP", "RU", "shell_152mm")
    assert tl.as_dict()["rows"] == want_rows
    assert tl.excluded == want_excluded
