"""SPEC §7 (version 2): sources disagree only about the same quantity, worked out by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

from supplyline.projections.claims import CLAIM_ROW_COLUMNS, claim_rows, disagreements
from supplyline.projections.conversion import modifiers_of
from tests.projection_helpers import frame, retract, ship


def pairs(records: list[dict[str, Any]], since: str | None = None) -> list[tuple[str, str, str]]:
    events, cat = frame(records)
    out, convs = modifiers_of(events)
    rows = claim_rows(events.filter(events["type"] == "shipment").select(CLAIM_ROW_COLUMNS),
                      cat, out, convs)
    found = disagreements(rows, None if since is None else dt.date.fromisoformat(since))
    return [(r["a_event_id"], r["b_event_id"], r["why"]) for r in found.iter_rows(named=True)]


def test_running_totals_a_month_apart_disagree_when_exact_figures_differ_by_over_20pc() -> None:
    """1.0 M and 1.5 M sixteen days apart: 50% apart, a disagreement; 1.1 M (10%) is not."""
    recs = [ship("a", end="2024-01-31", quantity=1_000_000),
            ship("b", end="2024-02-16", quantity=1_500_000),
            ship("c", end="2024-02-10", quantity=1_100_000)]
    assert pairs(recs) == [("a", "b", "the larger exact figure is 50% above the smaller"),
                           ("b", "c", "the larger exact figure is 36% above the smaller")]


def test_a_running_total_never_disagrees_with_a_later_one_months_on() -> None:
    """At least 1 in January and at least 50 in June describe different totals: growth."""
    recs = [ship("a", end="2024-01-31", quantity=1), ship("b", end="2024-06-30", quantity=50)]
    assert pairs(recs) == []


def test_ranges_disagree_only_when_they_do_not_overlap() -> None:
    """1.0-1.2 M against 'more than 1.5 M' cannot both hold; 1-2 M and 1.5-3 M can."""
    recs = [ship("a", end="2024-01-31", quantity_low=1_000_000, quantity_high=1_200_000),
            ship("b", end="2024-02-10", quantity_low=1_500_000),
            ship("c", end="2024-03-31", quantity_low=1_000_000, quantity_high=2_000_000),
            ship("d", end="2024-04-15", quantity_low=1_500_000, quantity_high=3_000_000)]
    assert pairs(recs) == [("a", "b", "their ranges do not overlap")]


def test_increments_compare_when_their_periods_overlap_by_half_the_shorter() -> None:
    """Aug-Jan 1.6 M against Sep-Dec 2.5 M (overlap 4 of 4 months) disagree; against
    Jan-Mar 3 M (overlap 1 of 3 months) they describe different quantities."""
    inc = {"measure": "increment"}
    recs = [ship("i", start="2023-08", end="2024-01", quantity=1_600_000, **inc),
            ship("j", start="2023-09", end="2023-12", quantity=2_500_000, **inc),
            ship("k", start="2024-01", end="2024-03", quantity=3_000_000, **inc)]
    assert pairs(recs) == [("i", "j", "the larger exact figure is 56% above the smaller")]


def test_totals_and_increments_are_not_compared_and_retracted_claims_drop_out() -> None:
    """A total and an increment of the same dates are different quantities; a retracted
    claim disagrees with nothing."""
    recs = [ship("t", end="2024-01-31", quantity=100),
            ship("i", start="2024-01", end="2024-01", quantity=900, measure="increment"),
            ship("x", end="2024-01-20", quantity=900), retract("r", "x")]
    assert pairs(recs) == []


def test_since_keeps_pairs_with_a_claim_reported_from_that_day() -> None:
    """Only pairs in which a claim was reported on or after ``since``."""
    recs = [ship("a", end="2024-01-31", quantity=100),
            ship("b", end="2024-02-05", quantity=300),
            ship("c", day="2024-06-03", end="2024-02-20", quantity=900)]
    assert pairs(recs, since="2024-06-01") == [
        ("a", "c", "the larger exact figure is 800% above the smaller"),
        ("b", "c", "the larger exact figure is 200% above the smaller")]
    assert len(pairs(recs)) == 3
