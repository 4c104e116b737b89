"""SPEC §5, rule by rule, with numbers worked out by hand in each test."""

from __future__ import annotations

from typing import Any

from supplyline.projections import Window, compute_timeline
from tests.projection_helpers import conv, d, frame, retract, ship


def rows(records: list[dict[str, Any]], window: Window = Window(), freq: str = "event",
         **flow: str) -> list[tuple[Any, ...]]:
    events, cat = frame(records, window)
    key = (flow.get("supplier", "KP"), flow.get("recipient", "RU"),
           flow.get("item", "shell_152mm"))
    tl = compute_timeline(events, cat, *key, freq=freq, as_of=window.as_of)
    return [(r["date"], r["low"], r["central"], r["high"], r["conflict"])
            for r in tl.as_dict()["rows"]]


def excluded(records: list[dict[str, Any]], window: Window = Window()) -> list[dict[str, str]]:
    events, cat = frame(records, window)
    return compute_timeline(events, cat, "KP", "RU", "shell_152mm").excluded


# 1. visibility -------------------------------------------------------------------------
def test_retracted_and_superseded_claims_are_out() -> None:
    """A visible retraction or superseding event takes a claim out, and says so."""
    recs = [ship("a", quantity=100), ship("b", end="2024-02-29", quantity=500),
            retract("r", "b"), {**ship("c", end="2024-03-31", quantity=300), "supersedes": "a"}]
    assert rows(recs) == [("2024-03-31", 300.0, 300.0, 300.0, False)]
    assert excluded(recs) == [{"event_id": "a", "reason": "superseded by c"},
                              {"event_id": "b", "reason": "retracted by r"}]


def test_retraction_counts_only_from_when_it_is_visible() -> None:
    """As of before the retraction was reported, the claim is still in; at-position too."""
    recs = [ship("a", quantity=100), retract("r", "a", day="2024-05-01")]
    assert rows(recs, Window(as_of=d("2024-04-30"))) == [("2024-01-31", 100.0, 100.0, 100.0,
                                                          False)]
    assert rows(recs, Window(as_of=d("2024-05-01"))) == []
    assert rows(recs, Window(at_position=1)) == [("2024-01-31", 100.0, 100.0, 100.0, False)]
    assert rows(recs, Window(at_position=2)) == []


def test_as_of_hides_claims_reported_later() -> None:
    """A claim reported after the as-of date does not count, whatever period it covers."""
    recs = [ship("a", quantity=100), ship("b", day="2024-06-01", end="2024-01-15", quantity=50)]
    assert rows(recs, Window(as_of=d("2024-05-31"))) == [("2024-01-31", 100.0, 100.0, 100.0,
                                                          False)]


# 2. claims belong to the flow ----------------------------------------------------------
def test_only_the_flows_shipments_count() -> None:
    """Other suppliers, recipients and items are not mixed in."""
    recs = [ship("a", quantity=100), ship("b", supplier="IR", quantity=7),
            ship("c", item="shell_122mm", quantity=9), ship("d", recipient="UA", quantity=8)]
    assert rows(recs) == [("2024-01-31", 100.0, 100.0, 100.0, False)]


# 3. conversion ------------------------------------------------------------------------
def test_conversion_uses_low_central_high_factors() -> None:
    """10 containers at 400-500 (central absent: mean 450) -> 4000 / 4500 / 5000."""
    recs = [conv("k", factor_low=400, factor_high=500), ship("a", unit="containers", quantity=10)]
    assert rows(recs) == [("2024-01-31", 4000.0, 4500.0, 5000.0, False)]


def test_item_specific_conversion_beats_generic() -> None:
    """A shell_152mm factor wins over an any-item factor, even an older one."""
    recs = [conv("specific", factor=300), conv("generic", item=None, factor=999),
            ship("a", unit="containers", quantity=2)]
    assert rows(recs) == [("2024-01-31", 600.0, 600.0, 600.0, False)]


def test_generic_conversion_applies_when_no_specific_one() -> None:
    """Absent item means any item."""
    recs = [conv("generic", item=None, from_unit="metric_tons", factor=20),
            ship("a", unit="metric_tons", quantity=3)]
    assert rows(recs) == [("2024-01-31", 60.0, 60.0, 60.0, False)]


def test_conversion_by_validity_date_then_position() -> None:
    """Latest valid-from not after the claim's date; absent = always; ties: higher position."""
    recs = [conv("always", factor=100), conv("from-feb", factor=200, start="2024-02"),
            conv("from-feb-later", factor=250, start="2024-02"),
            conv("from-jun", factor=900, start="2024-06"),
            ship("jan", unit="containers", quantity=1, end="2024-01-31"),
            ship("mar", unit="containers", quantity=1, end="2024-03-31")]
    # jan: only 'always' is valid (100). mar: from-feb and from-feb-later tie -> 250.
    assert rows(recs) == [("2024-01-31", 100.0, 100.0, 100.0, False),
                          ("2024-03-31", 250.0, 250.0, 250.0, False)]


def test_unconvertible_claim_is_excluded_with_reason() -> None:
    """No conversion -> listed under excluded, never dropped silently."""
    recs = [ship("a", quantity=100), ship("b", unit="metric_tons", quantity=5,
                                          end="2024-02-29")]
    assert rows(recs) == [("2024-01-31", 100.0, 100.0, 100.0, False)]
    assert excluded(recs) == [{"event_id": "b", "reason": "no visible conversion from "
                               "metric_tons to rounds for shell_152mm valid on 2024-02-29"}]


def test_retracted_conversion_is_not_used() -> None:
    """A conversion that is out converts nothing."""
    recs = [conv("k", factor=100), retract("r", "k"), ship("a", unit="containers", quantity=1)]
    assert rows(recs) == []
    assert excluded(recs)[0]["event_id"] == "a"


# 4. bounds of one claim ---------------------------------------------------------------
def test_bounds_of_one_claim() -> None:
    """quantity only: all equal; low+high: mean; low only: high null; high only: low null."""
    assert rows([ship("a", quantity=10)]) == [("2024-01-31", 10.0, 10.0, 10.0, False)]
    assert rows([ship("a", quantity_low=10, quantity_high=30)]) == [
        ("2024-01-31", 10.0, 20.0, 30.0, False)]
    assert rows([ship("a", quantity_low=10)]) == [("2024-01-31", 10.0, 10.0, None, False)]
    assert rows([ship("a", quantity_high=30)]) == [("2024-01-31", None, 30.0, 30.0, False)]


# 5. the walk --------------------------------------------------------------------------
def test_increment_builds_on_state_before_its_period() -> None:
    """'1,600 shipped Aug-Jan' adds to what was there before August, not to later totals."""
    recs = [ship("jul", end="2023-07-31", quantity=1000),
            ship("oct", end="2023-10-31", quantity=1500),  # a total covering part of Aug-Jan
            ship("inc", measure="increment", start="2023-08", end="2024-01", quantity=1600)]
    assert rows(recs) == [("2023-07-31", 1000.0, 1000.0, 1000.0, False),
                          ("2023-10-31", 1500.0, 1500.0, 1500.0, False),
                          ("2024-01-31", 2600.0, 2600.0, 2600.0, False)]


def test_increment_with_nothing_before_starts_from_zero() -> None:
    """No earlier state: the increment is the total."""
    assert rows([ship("inc", measure="increment", start="2023-08", end="2024-01",
                      quantity=5)]) == [("2024-01-31", 5.0, 5.0, 5.0, False)]


def test_unbounded_term_makes_the_sum_unbounded() -> None:
    """Base high unbounded (low-only total) + increment -> high unbounded."""
    recs = [ship("a", end="2023-06-30", quantity_low=100),
            ship("inc", measure="increment", start="2023-07", end="2023-12", quantity=50)]
    assert rows(recs) == [("2023-06-30", 100.0, 100.0, None, False),
                          ("2023-12-31", 150.0, 150.0, None, False)]


def test_low_never_falls_central_and_high_follow_latest_claim() -> None:
    """L = max(L, low); C and H come from the latest claim (then envelope and clip)."""
    recs = [ship("a", end="2024-01-31", quantity_low=500, quantity_high=900),
            ship("b", end="2024-02-29", quantity_low=300, quantity=400, quantity_high=800)]
    # row 1: L500 C700 H900 -> envelope H=min(900,800)=800. row 2: L=max(500,300)=500,
    # C=400 clipped up to 500, H=800.
    assert rows(recs) == [("2024-01-31", 500.0, 700.0, 800.0, False),
                          ("2024-02-29", 500.0, 500.0, 800.0, False)]


def test_same_date_cumulative_before_increment_then_position() -> None:
    """On one date a cumulative claim is applied first; one row is emitted per date."""
    recs = [ship("inc", measure="increment", start="2024-01", end="2024-01-31", quantity=10),
            ship("cum", end="2024-01-31", quantity=100),
            ship("cum2", end="2024-01-31", quantity=120)]
    # cum (100) then cum2 (120) then inc: base = nothing before 2024-01-01 -> 0 + 10 = 10.
    # L = max(120, 10) = 120, C = 10 -> clipped to 120, H = 10 -> conflict (120 > 10).
    assert rows(recs) == [("2024-01-31", 120.0, 10.0, 10.0, True)]


# 6-7. envelope, clip, conflict ---------------------------------------------------------
def test_upper_envelope_and_conflict() -> None:
    """A later, lower high caps earlier rows; low above high is flagged, bounds kept."""
    recs = [ship("a", end="2024-01-31", quantity_low=448000),
            ship("b", end="2024-02-29", quantity=350000),
            ship("c", end="2024-03-31", quantity_low=1000000, quantity_high=3000000)]
    assert rows(recs) == [
        ("2024-01-31", 448000.0, 350000.0, 350000.0, True),
        ("2024-02-29", 448000.0, 350000.0, 350000.0, True),
        ("2024-03-31", 1000000.0, 2000000.0, 3000000.0, False),
    ]


# 8. grids ------------------------------------------------------------------------------
def test_weekly_grid_through_the_as_of_week() -> None:
    """Rows dated on Sundays from the first claim's week to the as-of week, carrying values."""
    recs = [ship("a", end="2024-01-03", quantity=10), ship("b", end="2024-01-10", quantity=20)]
    got = rows(recs, Window(as_of=d("2024-01-24")), freq="week")
    assert got == [("2024-01-07", 10.0, 10.0, 10.0, False),
                   ("2024-01-14", 20.0, 20.0, 20.0, False),
                   ("2024-01-21", 20.0, 20.0, 20.0, False),
                   ("2024-01-28", 20.0, 20.0, 20.0, False)]


def test_monthly_grid_ends_at_last_claim_without_as_of() -> None:
    """Month-end rows; without --as-of the grid stops at the last claim's month."""
    recs = [ship("a", end="2023-11-15", quantity=10), ship("b", end="2024-01-10", quantity=20)]
    assert rows(recs, freq="month") == [("2023-11-30", 10.0, 10.0, 10.0, False),
                                        ("2023-12-31", 10.0, 10.0, 10.0, False),
                                        ("2024-01-31", 20.0, 20.0, 20.0, False)]


def test_seed_timeline_shows_disagreeing_sources(cli, seeded) -> None:
    """On the seed log the KP->RU 152 mm flow has its figures and flags the disagreement."""
    data = cli("timeline", "--supplier", "KP", "--recipient", "RU", "--item", "shell_152mm",
               "--json").json()
    assert data["unit"] == "rounds"
    by_date = {r["date"]: r for r in data["rows"]}
    # Kirby: >=1,000 containers x 448 (latest item-specific conversion's low) = 448,000 low,
    # against Landsbergis' 350,000 exact -> conflict.
    assert by_date["2023-10-26"]["low"] == 448000.0
    assert by_date["2023-10-26"]["high"] == 350000.0 and by_date["2023-10-26"]["conflict"]
    # Shin, Feb 2024: 6,700 containers x 448/464/480.
    assert (by_date["2024-02-27"]["low"], by_date["2024-02-27"]["central"],
            by_date["2024-02-27"]["high"]) == (3001600.0, 3108800.0, 3216000.0)
    # C4ADS: 74,000 t x 21.62 = 1,599,880 since August 2023.
    assert by_date["2024-01-31"]["low"] == 1599880.0
    r = cli("timeline", "--supplier", "KP", "--recipient", "RU", "--item", "shell_152mm",
            "--as-of", "2023-12-31", "--json").json()
    assert r["excluded"] == [{"event_id": "us-nsc-2023-10-13-kp-ru-1000-containers",
                              "reason": "no visible conversion from containers to rounds for "
                                        "shell_152mm valid on 2023-10-13"}]


def test_unknown_flow_codes_are_bad_input(cli, seeded) -> None:
    """A typo in --item names the closest items and exits 2."""
    r = cli("timeline", "--supplier", "KP", "--recipient", "RU", "--item", "shel_152mm")
    assert r.code == 2
    assert "shell_152mm" in r.err and "Traceback" not in r.err
