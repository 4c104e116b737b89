"""SPEC §5.12: why a flow's timeline changed between two as-of dates, worked out by hand,
and the rule that the contributions add up to the change."""

from __future__ import annotations

from typing import Any

from supplyline.projections import Window
from supplyline.projections.explain import explain
from supplyline.projections.timeline import Grades
from tests.projection_helpers import conv, d, frame, retract, ship

FLOW = ("KP", "RU", "shell_152mm")


def run(records: list[dict[str, Any]], d1: str, d2: str, grades: Grades | None = None
        ) -> dict[str, Any]:
    events, cat = frame(records, Window(as_of=d(d2)))
    return explain(events, cat, FLOW, d(d1), d(d2), grades=grades)


STORY = [
    ship("a", day="2024-02-01", quantity=100),
    ship("b", day="2024-04-05", end="2024-03-31", quantity_low=250, quantity_high=400),
    ship("c", day="2024-04-07", end="2024-04-05", unit="containers", quantity=5),
    conv("k", day="2024-04-08", factor=100),
    retract("r", "c", day="2024-04-20"),
    {**ship("d", day="2024-04-25", end="2024-03-31", quantity=300), "supersedes": "b"},
]


def test_each_new_event_contributes_what_it_changed_in_log_order() -> None:
    """From (100, 100, 100) to (300, 300, 300): b adds a 250-400 claim; c cannot be
    converted (no change, left out) until k converts it (5 x 100 = 500); r retracts c;
    d corrects b to exactly 300."""
    e = run(STORY, "2024-03-31", "2024-04-30")
    assert (e["from"], e["to"], e["change"]) == (
        {"low": 100.0, "central": 100.0, "high": 100.0},
        {"low": 300.0, "central": 300.0, "high": 300.0},
        {"low": 200.0, "central": 200.0, "high": 200.0})
    assert [(c["event_id"], c["type"], c["effect"], c["low"], c["central"], c["high"])
            for c in e["contributions"]] == [
        ("b", "shipment", "new claim", 150.0, 225.0, 300.0),
        ("k", "conversion", "conversion", 250.0, 175.0, 100.0),
        ("r", "retraction", "retracted", -250.0, -175.0, -100.0),
        ("d", "shipment", "correction", 50.0, -25.0, -100.0)]
    assert (e["supplier"], e["recipient"], e["item"], e["unit"]) == (*FLOW, "rounds")


def test_a_flow_with_no_row_starts_from_zero_and_an_unbounded_high() -> None:
    """Before any claim the row is low 0, central 0, high null: the high's contribution and
    change are null."""
    e = run([ship("a", day="2024-02-01", quantity=100)], "2024-01-15", "2024-02-15")
    assert e["from"] == {"low": 0.0, "central": 0.0, "high": None}
    assert e["change"] == {"low": 100.0, "central": 100.0, "high": None}
    assert [(c["event_id"], c["low"], c["central"], c["high"]) for c in e["contributions"]
            ] == [("a", 100.0, 100.0, None)]


def test_events_that_change_nothing_are_left_out() -> None:
    """Another flow's claim, a meeting, and a claim equal to the one before: no entries."""
    recs = [ship("a", day="2024-02-01", quantity=100),
            ship("x", day="2024-03-02", end="2024-02-29", supplier="IR", quantity=9),
            ship("same", day="2024-03-03", end="2024-01-31", quantity=100)]
    e = run(recs, "2024-02-15", "2024-03-31")
    assert e["contributions"] == []
    assert e["change"] == {"low": 0.0, "central": 0.0, "high": 0.0}


def test_grade_filters_apply_to_both_dates() -> None:
    """With --min-reliability C, the F6 claim counts neither as the change nor in it."""
    recs = [{**ship("a", day="2024-02-01", quantity=100), "reliability": "A",
             "credibility": 1},
            ship("f", day="2024-03-05", end="2024-02-29", quantity=900)]
    e = run(recs, "2024-02-15", "2024-03-31", Grades(min_reliability="C"))
    assert e["contributions"] == [] and e["to"]["central"] == 100.0
    plain = run(recs, "2024-02-15", "2024-03-31")
    assert [c["event_id"] for c in plain["contributions"]] == ["f"]
