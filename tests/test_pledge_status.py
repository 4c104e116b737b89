"""SPEC §6: each status, with fulfilment and projected completion worked out by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

from supplyline.projections import Window, pledge_status
from tests.projection_helpers import conv, d, frame, pledge, retract, ship


def status(records: list[dict[str, Any]], as_of: str) -> dict[str, dict[str, Any]]:
    events, cat = frame(records, Window(as_of=d(as_of)))
    return {r["event_id"]: r for r in pledge_status(events, cat, d(as_of)).to_dicts()}


def test_fulfilled() -> None:
    """Delivered central >= pledged: fulfilled, no projection."""
    s = status([pledge("p", 1000, "2024-01", "2024-12"), ship("a", quantity=1200)],
               "2024-06-30")["p"]
    assert (s["status"], s["fulfilment"], s["projected_completion"]) == ("fulfilled", 1.2, None)


def test_on_track_with_projected_completion() -> None:
    """0 at 2024-01-01 to 300 on 2024-01-31: 10/day; 700 more -> 70 days -> 2024-04-10."""
    s = status([pledge("p", 1000, "2024-01", "2024-12"), ship("a", end="2024-01-31",
                                                                quantity=300)],
               "2024-02-15")["p"]
    assert s["status"] == "on_track"
    assert s["projected_completion"] == d("2024-04-10")
    assert (s["delivered_low"], s["delivered_central"], s["delivered_high"]) == (300, 300, 300)
    assert s["fulfilment"] == 0.3


def test_behind_rounds_up_to_a_whole_day() -> None:
    """0 to 100 over 30 days (3.33/day); 900 more -> 270 days -> 2024-10-27 > due 2024-06-30."""
    s = status([pledge("p", 1000, "2024-01-01", "2024-06"), ship("a", end="2024-01-31",
                                                                   quantity=100)],
               "2024-02-15")["p"]
    assert s["status"] == "behind"
    assert s["projected_completion"] == d("2024-10-27")


def test_projection_starts_from_the_value_at_the_pledge_start() -> None:
    """The baseline is the last row on or before period_start: 600 - 400 = 200 delivered
    in 31 days; 800 left."""
    recs = [pledge("p", 1000, "2024-02-01", "2025-12"),
            ship("a", end="2024-01-31", quantity=400), ship("b", end="2024-03-03",
                                                            quantity=600)]
    s = status(recs, "2024-03-10")["p"]
    # from 2024-02-01 (value 400) to 2024-03-03 (600): 200 in 31 days; 800 more needs
    # 124 days -> 2024-07-05.
    assert (s["delivered_central"], s["baseline_central"]) == (200, 400)
    assert s["projected_completion"] == d("2024-07-05")
    assert s["status"] == "on_track"


def test_overdue_after_due_by_last_day() -> None:
    """As of the day after due_by's last day, an unfulfilled pledge is overdue."""
    recs = [pledge("p", 1000, "2024-01", "2024-03"), ship("a", quantity=300)]
    assert status(recs, "2024-03-31")["p"]["status"] == "behind"
    assert status(recs, "2024-04-01")["p"]["status"] == "overdue"


def test_unknown_when_nothing_delivered_is_known() -> None:
    """No timeline row by the as-of date: unknown, numbers null."""
    s = status([pledge("p", 1000, "2024-01", "2024-12")], "2024-02-01")["p"]
    assert s["status"] == "unknown"
    assert s["delivered_central"] is None and s["fulfilment"] is None


def test_unconvertible_pledge() -> None:
    """A pledge in EUR with no EUR->rounds conversion: unconvertible, null numbers."""
    s = status([pledge("p", 2e9, "2024-01", "2024-12", unit="EUR")], "2024-02-01")["p"]
    assert s["status"] == "unconvertible"
    assert s["pledged"] is None and s["delivered_central"] is None


def test_pledge_in_another_unit_is_converted() -> None:
    """10 containers at 50 rounds each = 500 rounds pledged."""
    recs = [conv("k", factor=50), pledge("p", 10, "2024-01", "2024-12", unit="containers"),
            ship("a", quantity=250)]
    s = status(recs, "2024-02-01")["p"]
    assert (s["pledged"], s["fulfilment"]) == (500.0, 0.5)


def test_superseded_and_retracted_pledges_drop_out() -> None:
    """Only pledges that are not out are listed."""
    recs = [pledge("p1", 1000, "2024-01", "2024-03"),
            {**pledge("p2", 1000, "2024-01", "2024-12", day="2024-05-01"), "supersedes": "p1"},
            pledge("p3", 5, "2024-01", "2024-12"), retract("r", "p3")]
    assert set(status(recs, "2024-04-30")) == {"p1"}
    assert set(status(recs, "2024-05-01")) == {"p2"}


def test_seed_eu_pledge(cli, seeded) -> None:
    """The seed's EU million-round pledge: 30% delivered; behind in March 2024, then revised."""
    before = {p["event_id"]: p for p in cli("pledges", "--as-of", "2024-03-31", "--json").json()}
    eu = before["eu-2023-03-pledge-1m-rounds"]
    assert (eu["pledged"], eu["delivered_central"], eu["fulfilment"]) == (1e6, 3e5, 0.3)
    # 300,000 from 2023-03-01 to 2023-10-26 (239 days); 700,000 more -> 558 days -> 2025-05-06
    assert (eu["status"], eu["projected_completion"]) == ("behind", "2025-05-06")
    assert before["eu-2023-03-pledge-2bn-eur"]["status"] == "unconvertible"
    after = {p["event_id"] for p in cli("pledges", "--as-of", "2024-07-01", "--json").json()}
    assert after == {"eu-2024-06-pledge-1m-by-end-2024", "eu-2023-03-pledge-2bn-eur"}
    keys = set(cli("pledges", "--json").json()[0])
    assert keys == {"event_id", "supplier", "recipient", "item", "unit", "pledged", "due_by",
                    "baseline_central", "delivered_low", "delivered_central",
                    "delivered_high", "fulfilment", "status", "projected_completion",
                    "evidence_date"}


def test_projection_beyond_the_calendar_is_null() -> None:
    """A trickle (1 round in a year against a billion): no date, status behind."""
    recs = [pledge("p", 1e9, "2024-01-01", "2030-12"), ship("a", end="2024-12-31",
                                                             quantity=1.0)]
    s = status(recs, "2025-01-15")["p"]
    assert (s["status"], s["projected_completion"]) == ("behind", None)


def test_projection_rounds_the_exact_quotient_not_the_float_one() -> None:
    """437 pledged, 4.6 delivered over 121 days: (437 - 4.6) * 121 / 4.6 is 11374.0 in
    floating point but a hair above it exactly, so completion is 11,375 days out."""
    s = status([pledge("p", 437.0, "2024-01-01", "2030-12"),
                ship("a", end="2024-05-01", quantity=4.6)], "2024-05-10")["p"]
    assert s["projected_completion"] == d("2024-05-01") + dt.timedelta(days=11375)
