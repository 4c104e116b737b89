"""supplyline draft, round 10 (issue 25): rules found on the eighth blind set (scored
once before), each tested here on sentences of our own (none is a phrase of an
article)."""

from __future__ import annotations

from typing import Any

import pytest

from supplyline.ingest.draft.numbers import find_numbers
from tests.draft_helpers import records


@pytest.mark.parametrize(("text", "value"), [
    ("a quarter of a million", 250_000), ("three quarters of a million", 750_000),
    ("a third of a million", 1e6 / 3), ("two-thirds of a billion", 2e9 / 3),
    ("one quarter of a billion", 2.5e8),
])
def test_fractions_of_a_scale_are_numbers(text: str, value: float) -> None:
    assert [round(n.value) for n in find_numbers(text)] == [round(value)]


def test_a_quarter_of_the_shells_is_still_a_share() -> None:
    found = records("North Korea supplies about a quarter of the shells Russia fires.")
    assert [(r["metric"], r["quantity"]) for r in found] == [("supply_share", 25)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Iran had sent Russia about a quarter of a million 122mm rounds by sea in 2023.",
     ("shipment", None, 250000, None, None)),
    ("Moscow's troops are getting through something like 9,000 to 12,000 rounds daily.",
     ("estimate", "consumption_rate", None, 9000, 12000)),
    ("Russia fires 10,000 rounds a day. In 2022 the figure climbed as high as 50,000 a day.",
     ("estimate", "consumption_rate", None, None, 50000)),
    ("European plants make 500,000 rounds a year. Output will pass one million a year by "
     "next March.", ("estimate", "production_rate", None, 1e6, None)),
    ("Russia launched 40 missiles at Ukrainian cities that day, officials said.",
     ("estimate", "consumption_rate", 40, None, None)),
    ("On the night of 8 to 9 July, Russia sent 700 drones across the border.",
     ("estimate", "consumption_rate", 700, None, None)),
    ("Front-line troops were hit by about 1,100 guided aerial bombs over the past week.",
     ("estimate", "consumption_rate", 1100, None, None)),
    ("Russia holds an estimated 300 Iskander-M missiles in reserve and is thought to build "
     "about 30 more a month.", ("estimate", "production_rate", 30, None, None)),
])
def test_round_10_rates_and_bounds(text: str, expected: tuple[Any, ...]) -> None:
    """"a quarter of a million", "getting through ... daily", "climbed as high as", "will
    pass one million a year", "that day", drones "sent across the border" (used), troops
    "hit by" bombs, "build about 30 more a month"."""
    r = records(text)[-1]
    assert (r["type"], r.get("metric"), r.get("quantity"), r.get("quantity_low"),
            r.get("quantity_high")) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Norway's government agreed in May to spend 1.5 billion kroner, or about €130 million, "
     "on shells destined for Ukraine.", ("pledge", "NO", "UA", 130e6)),
    ("The first 12,000 rounds from that order were handed over to Ukrainian forces in June, "
     "the ministry said.", ("shipment", None, "UA", 12000)),
    ("The ministry said it had contracted for roughly 150,000 further 155mm rounds for "
     "Ukraine.", ("pledge", None, "UA", 150000)),
    ("The list records 400 Stinger missiles, delivered to Ukraine in the first weeks of the "
     "war.", ("shipment", None, "UA", 400)),
    ("Some 200,000 rounds of 155mm artillery ammunition have been handed over to Ukraine so "
     "far, most of it from industry orders rather than army stocks.",
     ("shipment", None, "UA", 200000)),
    ("The EU has committed up to €18bn of the total, while the US is providing $20bn to "
     "Ukraine.", ("pledge", "US", "UA", 2e10)),
])
def test_round_10_pledges_and_shipments(text: str, expected: tuple[Any, ...]) -> None:
    """"agreed in May to spend", goods "from that order were handed over" (delivered, not
    pledged), "contracted for", ", delivered to Ukraine", "have been handed over" despite
    "stocks" later, money "being provided"."""
    r = records(text)[-1]
    assert (r["type"], r.get("supplier"), r.get("recipient"), r.get("quantity")) == expected


def test_a_dateline_is_no_verb() -> None:
    """"WASHINGTON (Example Dispatch) — NATO leaders committed ...": NATO is the subject,
    not the object of "Dispatch"; "a minimum baseline of" is a lower bound."""
    found = records("WASHINGTON (Example Dispatch) — NATO leaders on Wednesday committed to "
                    "giving Ukraine a minimum baseline of 40 billion euros in military aid.")
    assert [(r["type"], r["supplier"], r["recipient"], r["quantity_low"]) for r in found] == [
        ("pledge", "NATO", "UA", 4e10)]


@pytest.mark.parametrize("text", [
    "Germany also offered to pay for two Patriot systems for Ukraine, at roughly $1bn apiece.",
    "Germany's humanitarian and financial aid, worth about €3.2 billion, is not on the list.",
    "Moscow plans to spend about 13.5 trillion roubles, or roughly $145 billion, on defence.",
    "Kyiv estimates its budget gap next year at around $38bn.",
    "Rheinmetall wins record 8.5 billion euro German order for artillery shells",
])
def test_prices_civilian_aid_budgets_and_firms_orders_are_no_claims(text: str) -> None:
    assert [r for r in records(text) if r["unit"] in ("EUR", "USD")] == []
