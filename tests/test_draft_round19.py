"""supplyline draft, round 19 (issue 25): rules found on the eighteenth blind set (scored
once before), each tested here on sentences of our own (none is a phrase of an
article)."""

from __future__ import annotations

import pytest

from tests.draft_helpers import fields, kind_and_bounds, records


@pytest.mark.parametrize(("text", "quantity"), [
    ("North Korean rockets now make up about two in five of the 122-mm rockets fired by "
     "Russian launcher units.", 40),
    ("Kyrgyz firms supplied roughly one-twentieth of the electronics Russia imported last "
     "year.", 5),
    ("American-made rockets account for roughly four-fifths of the guided rockets Ukraine "
     "fires.", 80),
])
def test_more_fractions_are_shares(text: str, quantity: float) -> None:
    r = records(text)[0]
    assert (r["metric"], r["quantity"], r["unit"]) == ("supply_share", quantity, "percent")


def test_up_from_a_share_is_a_share_of_the_same_kind() -> None:
    found = records("The North's munitions factories are operating at about 70 percent of "
                    "capacity, up from around 30 percent in January 2023, before Pyongyang "
                    "began supplying Moscow.")
    assert [(r["metric"], r["quantity"]) for r in found] == [
        ("capacity_utilisation", 70), ("capacity_utilisation", 30)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Each 20-foot container held about 480 rounds, a trader said.",
     {"type": "conversion", "from_unit": "containers", "factor": 480}),
    ("The Pentagon announced $200 million in weapons for Ukraine on Tuesday.",
     {"type": "pledge", "quantity": 200e6, "supplier": "US", "recipient": "UA"}),
    ("The last package of the previous administration, announced on January 9, was worth $500 "
     "million and included rockets for Ukraine.", {"type": "pledge", "quantity": 500e6}),
])
def test_round_19_records(text: str, expected: dict[str, object]) -> None:
    """What a container "held", money "in weapons", a package that "was worth" a sum."""
    assert fields(records(text)[0], *expected) == expected


def test_a_running_total_of_commitments_is_pledged_by_its_owner() -> None:
    r = records("The Pentagon announced $200 million in weapons for Ukraine on Tuesday. The "
                "package brings US commitments to more than $43 billion.")[-1]
    assert fields(r, "type", "quantity_low", "supplier", "recipient") == {
        "type": "pledge", "quantity_low": 43e9, "supplier": "US", "recipient": "UA"}


def test_an_order_from_a_states_own_makers_is_its_output() -> None:
    r = records("The Defense Ministry will order up to 30,000 long-range strike drones from "
                "domestic manufacturers this year.")[0]
    assert kind_and_bounds(r) == ("estimate", "production_rate", None, None, 30000)
    assert r["per"] == "year"


@pytest.mark.parametrize("text", [
    "Munitions India sells a 155mm round for roughly $1,500, two executives said.",
    "Turkey's defence and aerospace exports reached a record $5.5 billion in 2023.",
    "A tonne of powder propels roughly 75 shells, and factories from Spain to Hungary have "
    "waited months for charges.",
])
def test_prices_total_arms_exports_and_places_are_no_claims(text: str) -> None:
    assert records(text) == []


def test_an_order_from_home_makers_for_another_state_is_pledged_to_it() -> None:
    r = records("In December, the defence ministry ordered a further 50,000 rounds of 155mm "
                "ammunition from German industry for Ukraine, to be delivered by the end of "
                "2025.")[0]
    assert fields(r, "type", "quantity", "supplier", "recipient") == {
        "type": "pledge", "quantity": 50000, "supplier": "DE", "recipient": "UA"}
