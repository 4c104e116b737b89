"""SPEC §5 steps 9-11 (version 2): grade filters, provenance and basis dates, each rule with
claims in and rows and ids out, worked out by hand in the test."""

from __future__ import annotations

from typing import Any

from supplyline.projections import Window, compute_timeline
from supplyline.projections.timeline import Grades
from tests.projection_helpers import conv, d, frame, retract, ship

KEYS = ("date", "low", "central", "high", "conflict", "low_from", "central_from", "high_from")


def timeline(records: list[dict[str, Any]], *, freq: str = "event", window: Window = Window(),
             grades: Grades | None = None) -> dict[str, Any]:
    events, cat = frame(records, window)
    return compute_timeline(events, cat, "KP", "RU", "shell_152mm", freq=freq,
                            as_of=window.as_of, grades=grades).as_dict()


def rows(records: list[dict[str, Any]], **kw: Any) -> list[tuple[Any, ...]]:
    return [tuple(r[k] for k in KEYS) for r in timeline(records, **kw)["rows"]]


def graded(eid: str, grade: str, **kw: Any) -> dict[str, Any]:
    return {**ship(eid, **kw), "reliability": grade[0], "credibility": int(grade[1])}


# 9. grades ------------------------------------------------------------------------------
def test_claims_below_the_grade_filter_are_out_and_say_their_grade() -> None:
    """--min-reliability C drops an E5 claim (listed with its grade); B2 and C3 stay."""
    recs = [graded("a", "B2", quantity=100), graded("b", "E5", end="2024-02", quantity=900),
            graded("c", "C3", end="2024-03", quantity=300)]
    tl = timeline(recs, grades=Grades(min_reliability="C"))
    assert [(r["date"], r["central"]) for r in tl["rows"]] == [
        ("2024-01-31", 100.0), ("2024-03-31", 300.0)]
    assert tl["excluded"] == [{"event_id": "b", "reason": "below the grade filter (E5)"}]


def test_credibility_filter_and_both_filters_together() -> None:
    """--min-credibility 3 drops credibility 4-6; with --min-reliability B too, C2 goes."""
    recs = [graded("a", "A1", quantity=100), graded("b", "A4", end="2024-02", quantity=200),
            graded("c", "C2", end="2024-03", quantity=300)]
    assert [r[0] for r in rows(recs, grades=Grades(min_credibility=3))] == [
        "2024-01-31", "2024-03-31"]
    both = timeline(recs, grades=Grades(min_reliability="B", min_credibility=3))
    assert [r["date"] for r in both["rows"]] == ["2024-01-31"]
    assert [e["event_id"] for e in both["excluded"]] == ["b", "c"]


def test_an_ungraded_claim_counts_as_F6() -> None:
    """A claim without grades is F6: any filter drops it; no filter keeps it."""
    recs = [ship("a", quantity=100)]
    assert rows(recs, grades=Grades(min_reliability="E")) == []
    assert rows(recs, grades=Grades(min_credibility=5)) == []
    assert len(rows(recs)) == 1


def test_the_grade_filter_does_not_touch_conversions_or_visibility() -> None:
    """An F6 conversion still converts; an F6 correction still takes its target out (and is
    itself filtered), so nothing of the pair remains."""
    recs = [{**conv("k", factor=10), "reliability": "F", "credibility": 6},
            graded("a", "A1", unit="containers", quantity=5),
            {**graded("b", "A1", end="2024-02", quantity=70)},
            {**graded("c", "F6", end="2024-02", quantity=80), "supersedes": "b"}]
    tl = timeline(recs, grades=Grades(min_reliability="B"))
    assert [(r["date"], r["central"]) for r in tl["rows"]] == [("2024-01-31", 50.0)]
    assert tl["excluded"] == [{"event_id": "b", "reason": "superseded by c"},
                              {"event_id": "c", "reason": "below the grade filter (F6)"}]


# 10. provenance -------------------------------------------------------------------------
def test_each_bound_names_its_claim_and_the_envelope_hands_the_high_back() -> None:
    """a: 100-200 in January (central 150); b: exactly 150 in February. January keeps a's
    low and central, but its high is b's 150 (the envelope); February is all b."""
    recs = [ship("a", quantity_low=100, quantity_high=200),
            ship("b", end="2024-02-29", quantity=150)]
    assert rows(recs) == [
        ("2024-01-31", 100.0, 150.0, 150.0, False, "a", "a", "b"),
        ("2024-02-29", 150.0, 150.0, 150.0, False, "b", "b", "b")]


def test_equal_lows_keep_the_earlier_claim() -> None:
    """A later claim with an equal low does not take the low over."""
    recs = [ship("a", quantity_low=100), ship("b", end="2024-02-29", quantity_low=100)]
    assert [(r[0], r[1], r[5]) for r in rows(recs)] == [("2024-01-31", 100.0, "a"),
                                                         ("2024-02-29", 100.0, "a")]


def test_equal_highs_keep_the_earlier_row() -> None:
    """Highs of 200 in January and February: January keeps its own claim."""
    recs = [ship("a", quantity_high=200), ship("b", end="2024-02-29", quantity_high=200)]
    assert [(r[0], r[3], r[7]) for r in rows(recs)] == [("2024-01-31", 200.0, "a"),
                                                         ("2024-02-29", 200.0, "b")]


def test_equal_later_highs_name_the_nearest_row() -> None:
    """January's 900 is lowered to 300 by both March and April: March's claim is named."""
    recs = [ship("a", quantity_high=900), ship("m", end="2024-03-31", quantity_high=300),
            ship("p", end="2024-04-30", quantity_high=300)]
    assert [r[7] for r in rows(recs)] == ["m", "m", "p"]


def test_central_clipped_up_to_the_low_names_the_lows_claim() -> None:
    """a: at least 500 (January); b: 100-900, central 300 (February). February's central is
    raised to a's 500, so central_from is a; January's high is b's 900."""
    recs = [ship("a", quantity_low=500),
            ship("b", end="2024-02-29", quantity_low=100, quantity=300, quantity_high=900)]
    assert rows(recs) == [
        ("2024-01-31", 500.0, 500.0, 900.0, False, "a", "a", "b"),
        ("2024-02-29", 500.0, 500.0, 900.0, False, "a", "a", "b")]


def test_central_clipped_down_to_the_high_names_the_highs_claim() -> None:
    """a: 100-1000, central 800 (January); b: up to 500 (February). January's central is
    cut to b's high, so both central_from and high_from are b."""
    recs = [ship("a", quantity_low=100, quantity=800, quantity_high=1000),
            ship("b", end="2024-02-29", quantity_high=500)]
    assert rows(recs) == [
        ("2024-01-31", 100.0, 500.0, 500.0, False, "a", "b", "b"),
        ("2024-02-29", 100.0, 500.0, 500.0, False, "a", "b", "b")]


def test_an_increment_is_named_itself() -> None:
    """a: 100 by January; b: 50 more in February -> February is 150, every bound from b."""
    recs = [ship("a", quantity=100),
            ship("b", start="2024-02", end="2024-02", measure="increment", quantity=50)]
    assert rows(recs)[-1] == ("2024-02-29", 150.0, 150.0, 150.0, False, "b", "b", "b")


def test_an_unbounded_high_has_no_claim() -> None:
    """'More than 100' alone: high null, high_from null; low and central from the claim."""
    assert rows([ship("a", quantity_low=100)]) == [
        ("2024-01-31", 100.0, 100.0, None, False, "a", "a", None)]


def test_a_conflict_keeps_both_claims_and_the_central_goes_to_the_high() -> None:
    """a: at least 500 (January); b: up to 300 (February): low 500 from a, high 300 from b,
    central cut to the high (from b), and a conflict on both rows."""
    recs = [ship("a", quantity_low=500), ship("b", end="2024-02-29", quantity_high=300)]
    assert rows(recs) == [
        ("2024-01-31", 500.0, 300.0, 300.0, True, "a", "b", "b"),
        ("2024-02-29", 500.0, 300.0, 300.0, True, "a", "b", "b")]


def test_same_date_claims_the_last_walked_gives_central_and_the_first_max_low_wins() -> None:
    """Same date: cumulative claims before increments, then by position; low = the first
    claim reaching the highest low; central and high from the last claim walked."""
    recs = [ship("base", end="2023-12-31", quantity=1000),
            ship("x", quantity_low=1400, quantity_high=1600),
            ship("y", quantity_low=1400, quantity_high=2000),
            ship("i", start="2024-01", end="2024-01-31", measure="increment", quantity=400)]
    # i becomes 1000 + 400 = 1400: equal to x's low, which came first in the walk
    assert rows(recs)[-1] == ("2024-01-31", 1400.0, 1400.0, 1400.0, False, "x", "i", "i")


def test_a_retracted_claims_number_passes_to_the_next_claim() -> None:
    """When the claim the low rests on is retracted, the low comes from the next one."""
    recs = [ship("a", quantity_low=500), ship("b", end="2024-02-29", quantity_low=400),
            retract("r", "a")]
    assert rows(recs) == [("2024-02-29", 400.0, 400.0, None, False, "b", "b", None)]


def test_converted_claims_keep_their_own_ids() -> None:
    """A claim in containers is named by its own id, not the conversion's."""
    recs = [conv("k", factor=10), ship("a", unit="containers", quantity=5)]
    assert rows(recs) == [("2024-01-31", 50.0, 50.0, 50.0, False, "a", "a", "a")]


# 11. basis dates on grids ---------------------------------------------------------------
def test_grid_rows_carry_the_basis_date_and_ids_of_the_row_they_repeat() -> None:
    """Monthly rows after the last claim repeat it: basis_date stays at the claim's date."""
    recs = [ship("a", end="2024-01-15", quantity=100), ship("b", end="2024-03-10", quantity=300)]
    tl = timeline(recs, freq="month", window=Window(as_of=d("2024-05-20")))
    assert [(r["date"], r["central"], r["basis_date"], r["central_from"])
            for r in tl["rows"]] == [
        ("2024-01-31", 100.0, "2024-01-15", "a"), ("2024-02-29", 100.0, "2024-01-15", "a"),
        ("2024-03-31", 300.0, "2024-03-10", "b"), ("2024-04-30", 300.0, "2024-03-10", "b"),
        ("2024-05-31", 300.0, "2024-03-10", "b")]


def test_event_rows_are_their_own_basis() -> None:
    """With --freq event, basis_date is the row's date."""
    tl = timeline([ship("a", quantity=1), ship("b", end="2024-02-29", quantity=2)])
    assert [r["basis_date"] for r in tl["rows"]] == [r["date"] for r in tl["rows"]]
