"""SPEC §5.12: why a flow's timeline changed between two as-of dates, worked out by hand,
and the rule that the contributions add up to the change."""

from __future__ import annotations

from typing import Any

from supplyline.projections import Window
from supplyline.projections.explain import explain, explain_many
from supplyline.projections.frames import acting_on_flow
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


_CONVERSION_STORY = [
    ship("a", day="2024-02-01", quantity=100),
    conv("k1", day="2024-03-01", from_unit="metric_tons", item="shell_artillery", factor=50),
    conv("k2", day="2024-03-02", factor=100),
    ship("c", day="2024-03-05", end="2024-03-04", unit="containers", quantity=5),
    conv("k3", day="2024-03-06", from_unit="metric_tons", item=None, factor=40),
    retract("rk3", "k3", day="2024-03-07"),
    ship("t", day="2024-03-09", end="2024-03-08", unit="metric_tons", quantity=20)]


def test_a_conversion_no_claim_uses_yet_still_converts_claims_that_arrive_later() -> None:
    """Conversions that bear on none of the flow's claims when they arrive (another item's,
    a unit the flow has no claim in) change nothing then and are left out; a claim in that
    unit arriving later is converted by them, and once one is retracted, a later claim in
    its unit is not. k1 (tonnes, another item) never applies; k2 (containers, this item)
    converts c: 5 x 100 = 500; k3 (tonnes, any item) is retracted before t arrives, so t
    cannot be converted and changes nothing."""
    recs = _CONVERSION_STORY
    e = run(recs, "2024-02-15", "2024-03-31")
    assert [(c["event_id"], c["effect"], c["low"], c["central"], c["high"])
            for c in e["contributions"]] == [("c", "new claim", 400.0, 400.0, 400.0)]
    assert e["to"] == {"low": 500.0, "central": 500.0, "high": 500.0}
    # without the retraction, t converts with k3: 20 x 40 = 800 in total by its date
    kept = run([r for r in recs if r["event_id"] != "rk3"], "2024-02-15", "2024-03-31")
    assert [(c["event_id"], c["central"]) for c in kept["contributions"]] == [
        ("c", 400.0), ("t", 300.0)]
    # a claim in tonnes already in the log when k3 arrives (reported later, logged first):
    # k3 converts it, 20 x 40 = 800 by 2024-03-20 (its own entry)
    early = [ship("t0", day="2024-03-21", end="2024-03-20", unit="metric_tons", quantity=20),
             *recs[:5]]
    e = run(early, "2024-02-15", "2024-03-31")
    assert [(c["event_id"], c["effect"]) for c in e["contributions"]] == [
        ("c", "new claim"), ("k3", "conversion")]


_RECONVERT_STORY = [
    ship("a", day="2024-02-01", quantity=100),
    conv("k", day="2024-02-02", factor=100),
    ship("c", day="2024-03-05", end="2024-03-04", unit="containers", quantity=5),
    conv("kg", day="2024-03-08", item=None, factor=200),
    conv("k2", day="2024-03-10", factor=120),
    retract("rk2", "k2", day="2024-03-12")]


def test_a_later_conversion_converts_known_claims_again() -> None:
    """c (5 containers) counts 500 rounds with k. kg, for any item, changes nothing: an
    item's own conversion comes first. k2, as valid as k but logged later, makes c 600;
    retracting k2 makes it 500 again."""
    e = run(_RECONVERT_STORY, "2024-03-06", "2024-03-31")
    assert e["from"] == {"low": 500.0, "central": 500.0, "high": 500.0}
    assert [(c["event_id"], c["effect"], c["low"], c["central"], c["high"])
            for c in e["contributions"]] == [
        ("k2", "conversion", 100.0, 100.0, 100.0), ("rk2", "retracted", -100.0, -100.0, -100.0)]


def test_explaining_flows_together_gives_what_each_gives_alone() -> None:
    """The report explains all flows in one pass: the stories above, told of two flows in
    one log (the second a copy with its own ids and supplier), give each flow's own answer,
    also from a date when a claim in containers is already known (k then bears on it)."""
    for story, since in ((STORY, "2024-02-15"), (STORY, "2024-04-07"),
                         (_CONVERSION_STORY, "2024-02-15"), (_RECONVERT_STORY, "2024-03-06")):
        shared = {r["event_id"] for r in story if r["type"] == "conversion"}  # and their fate
        other = [{**r, "event_id": "ir-" + r["event_id"],
                  **({"supplier": "IR"} if r["type"] == "shipment" else {}),
                  **({"target": "ir-" + r["target"]} if r.get("target") else {}),
                  **({"supersedes": "ir-" + r["supersedes"]} if r.get("supersedes") else {})}
                 for r in story if r["type"] != "conversion" and r.get("target") not in shared]
        events, cat = frame([*story, *other], Window(as_of=d("2024-04-30")))
        flows = [FLOW, ("IR", "RU", "shell_152mm")]
        mine = {flow: acting_on_flow(events, flow) for flow in flows}
        together = explain_many(mine, cat, d(since), d("2024-04-30"))
        alone = {flow: explain(mine[flow], cat, flow, d(since), d("2024-04-30"))
                 for flow in flows}
        assert together == alone and together[FLOW]["contributions"]


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
