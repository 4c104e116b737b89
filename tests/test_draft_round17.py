"""supplyline draft, round 17 (issue 25): rules found on the sixteenth blind set (scored
once before), each tested here on sentences of our own (none is a phrase of an
article)."""

from __future__ import annotations

import pytest

from tests.draft_helpers import fields, kind_and_bounds, records


@pytest.mark.parametrize("text", [
    "Prague puts the price of a 155mm round bought through the scheme at 3,000-4,000 euros.",
    "Tokyo has committed about $12.1 billion in aid to Ukraine since February 2022, almost "
    "all of it financial and humanitarian.",
    "It would buy time, which is the one thing Europe cannot manufacture.",
    "According to an officer, a battalion equipped with Caesars fires as many as 4,000 rounds "
    "of 155mm a month when the front is active.",
])
def test_prices_civil_aid_one_and_a_units_own_fire_are_no_claims(text: str) -> None:
    assert records(text) == []


def test_a_year_is_never_a_bare_amount() -> None:
    found = records("Czech deliveries reached 100,000 rounds in April. In May alone they came "
                    "to around 130k rounds, the highest monthly figure of 2025 so far.")
    assert 2025 not in [r.get("quantity") for r in found]


def test_a_price_in_hryvnias_is_no_amount_of_goods() -> None:
    found = records("Ukraine bought 1.5 million FPV drones last year. The average price it "
                    "pays for a drone has fallen to about 14,000 hryvnias.")
    assert [r["quantity_low"] if "quantity_low" in r else r["quantity"] for r in found] == [
        1.5e6]


@pytest.mark.parametrize(("text", "expected"), [
    ("Denmark said on Tuesday it would add 1 billion Danish crowns ($152 million) to the "
     "scheme for Ukraine.", {"type": "pledge", "quantity": 152e6, "unit": "USD",
                             "supplier": "DK"}),
    ("He said £350m (€415m) of the total would be spent on drones for Ukraine.",
     {"type": "pledge", "quantity": 415e6, "unit": "EUR", "recipient": "UA"}),
])
def test_money_added_in_crowns_or_to_be_spent(text: str, expected: dict[str, object]) -> None:
    assert fields(records(text)[0], *expected) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Russian plants made about 70 Iskander missiles a month in May. That is up from roughly "
     "40 a month a year ago.", ("estimate", "production_rate", 40, None, None)),
    ("Across the whole of 2024, Russian factories built around 600 of the missiles, it "
     "estimates.", ("estimate", "production_rate", 600, None, None)),
    ("Lockheed Martin delivered about 12,500 GMLRS rockets to the Army last year, an official "
     "said.", ("estimate", "production_rate", 12500, None, None)),
    ("Ukraine's Defense Procurement Agency handed almost 190,000 FPV drones from Ukrainian "
     "manufacturers to front-line units in March.",
     ("estimate", "production_rate", None, None, 190000)),
    ("Ukrainian plants turned out more than 200,000 mortar rounds in March, according to the "
     "report, and some 35,000 rounds of 152mm artillery ammunition.",
     ("estimate", "production_rate", 35000, None, None)),
])
def test_round_17_rates(text: str, expected: tuple[object, ...]) -> None:
    """"That is up from", "across the whole of 2024", a maker's deliveries to its own army,
    makers' goods handed to units, a date before an attribution and a second amount."""
    assert kind_and_bounds(records(text)[-1]) == expected
