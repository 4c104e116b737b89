"""SPEC §6 version 2: deliveries count from the pledge's baseline, worked out by hand."""

from __future__ import annotations

from typing import Any

from supplyline.projections import Window, pledge_status
from supplyline.projections.timeline import Grades
from tests.projection_helpers import conv, d, frame, pledge, ship


def status(records: list[dict[str, Any]], as_of: str, grades: Grades | None = None
           ) -> dict[str, Any]:
    events, cat = frame(records, Window(as_of=d(as_of)))
    rows = pledge_status(events, cat, d(as_of), grades=grades).to_dicts()
    assert len(rows) == 1
    return rows[0]


def numbers(s: dict[str, Any]) -> tuple[Any, ...]:
    return (s["baseline_central"], s["delivered_low"], s["delivered_central"],
            s["delivered_high"], s["fulfilment"], s["evidence_date"], s["status"])


def test_deliveries_before_the_pledge_do_not_count() -> None:
    """2 million delivered by January; a pledge of 300,000 made in April: no claim dated
    after April yet, so nothing is known about deliveries under it (not 667% fulfilled)."""
    recs = [ship("a", end="2024-01-31", quantity=2_000_000),
            pledge("p", 300_000, "2024-04", "2024-12", day="2024-04-10")]
    s = status(recs, "2024-06-30")
    assert numbers(s) == (2_000_000, None, None, None, None, None, "unknown")
    assert s["projected_completion"] is None


def test_deliveries_after_the_baseline_count() -> None:
    """2.15 million by June against the 2 million baseline: 150,000 delivered (50%), at
    150,000 per 90 days from 2024-04-01 the rest takes 90 more days: 2024-09-28."""
    recs = [ship("a", end="2024-01-31", quantity=2_000_000),
            pledge("p", 300_000, "2024-04", "2024-12", day="2024-04-10"),
            ship("b", end="2024-06-30", quantity=2_150_000)]
    s = status(recs, "2024-07-31")
    assert numbers(s) == (2_000_000, 150_000, 150_000, 150_000, 0.5, d("2024-06-30"),
                          "on_track")
    assert s["projected_completion"] == d("2024-09-28")


def test_bands_take_the_widest_reading_of_baseline_and_current() -> None:
    """Baseline 1.0-1.2 M (central 1.1 M), current 1.5-1.9 M (central 1.7 M):
    low = 1.5 - 1.2 = 0.3 M, central = 0.6 M, high = 1.9 - 1.0 = 0.9 M."""
    recs = [ship("a", end="2024-01-31", quantity_low=1_000_000, quantity_high=1_200_000),
            pledge("p", 1_000_000, "2024-03", "2025-12", day="2024-03-05"),
            ship("b", end="2024-06-30", quantity_low=1_500_000, quantity_high=1_900_000)]
    s = status(recs, "2024-07-01")
    assert numbers(s)[:5] == (1_100_000, 300_000, 600_000, 900_000, 0.6)


def test_an_unbounded_baseline_high_gives_a_zero_low() -> None:
    """Baseline 'more than 1 M' and current 'more than 1.5 M' (both highs unbounded): the
    least delivered since is 0 (the baseline could have been anything above 1 M), the
    central 1.5 M - 1 M, the most unbounded."""
    recs = [ship("a", end="2024-01-31", quantity_low=1_000_000),
            pledge("p", 1_000_000, "2024-03", "2025-12", day="2024-03-05"),
            ship("b", end="2024-06-30", quantity_low=1_500_000)]
    s = status(recs, "2024-07-01")
    assert numbers(s)[:4] == (1_000_000, 0, 500_000, None)


def test_no_row_before_the_pledge_means_a_zero_baseline() -> None:
    """The first claim comes after the pledge: it all counts."""
    recs = [pledge("p", 1000, "2024-01", "2024-12"), ship("a", end="2024-01-31", quantity=300)]
    s = status(recs, "2024-02-15")
    assert numbers(s) == (0, 300, 300, 300, 0.3, d("2024-01-31"), "on_track")


def test_a_claim_dated_on_the_pledges_first_day_is_baseline() -> None:
    """The baseline is the row on or before S: a claim dated S itself is not evidence."""
    recs = [pledge("p", 1000, "2024-02-01", "2024-12"),
            ship("a", end="2024-02-01", quantity=300)]
    s = status(recs, "2024-03-01")
    assert numbers(s) == (300, None, None, None, None, None, "unknown")


def test_deliveries_never_count_below_zero() -> None:
    """A lower later claim (a revision down) gives 0 delivered, not a negative number."""
    recs = [ship("a", end="2024-01-31", quantity=500),
            pledge("p", 1000, "2024-02", "2024-12", day="2024-02-02"),
            ship("b", end="2024-03-31", quantity_low=100, quantity=400, quantity_high=800)]
    s = status(recs, "2024-04-01")
    # the running low stays 500, so the central 400 is raised to it: low max(0, 500 - 500)
    # = 0, central max(0, 500 - 500) = 0, high 800 - 500 = 300
    assert numbers(s)[:4] == (500, 0, 0, 300)
    assert s["projected_completion"] is None  # no positive rate


def test_overdue_pledge_keeps_its_numbers() -> None:
    """After due_by an unfulfilled pledge is overdue, with its evidence date."""
    recs = [pledge("p", 1000, "2024-01", "2024-03"), ship("a", end="2024-02-29", quantity=300)]
    s = status(recs, "2024-05-01")
    assert (s["status"], s["delivered_central"], s["evidence_date"]) == (
        "overdue", 300, d("2024-02-29"))


def test_pledge_evidence_follows_the_grade_filter() -> None:
    """With --min-reliability C, a low-grade claim after the pledge is not evidence."""
    recs = [pledge("p", 1000, "2024-01", "2024-12"),
            {**ship("a", end="2024-01-31", quantity=300), "reliability": "E",
             "credibility": 5}]
    assert status(recs, "2024-02-15")["delivered_central"] == 300
    filtered = status(recs, "2024-02-15", Grades(min_reliability="C"))
    assert (filtered["delivered_central"], filtered["status"]) == (None, "unknown")


def test_unconvertible_pledge_has_no_numbers() -> None:
    """A pledge in EUR with no EUR->rounds conversion: status unconvertible, every number
    null, the baseline too."""
    s = status([ship("a", quantity=10), pledge("p", 2e9, "2024-01", "2024-12", unit="EUR")],
               "2024-02-01")
    assert s["status"] == "unconvertible"
    assert numbers(s)[:6] == (None, None, None, None, None, None)


def test_converted_pledge_counts_converted_deliveries() -> None:
    """10 containers at 50 rounds = 500 pledged; 250 delivered since a zero baseline."""
    recs = [conv("k", factor=50), pledge("p", 10, "2024-01", "2024-12", unit="containers"),
            ship("a", end="2024-01-31", quantity=250)]
    s = status(recs, "2024-02-01")
    assert (s["pledged"], s["delivered_central"], s["fulfilment"]) == (500.0, 250.0, 0.5)
