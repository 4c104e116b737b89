"""supplyline draft, round 14 (issue 25): rules found on the twelfth blind set (scored
once before), each tested here on sentences of our own (none is a phrase of an
article)."""

from __future__ import annotations

import pytest

from tests.draft_helpers import fields, kind_and_bounds, records


@pytest.mark.parametrize(("text", "expected"), [
    ("France has delivered around 150 Aster interceptors to Ukraine, while Italy is believed "
     "to have sent about 50.", ("shipment", None, 50, None, None)),
    ("In 2024 Ukraine produced more than 2.2 million drones, and this year the government "
     "plans to produce at least 4.5 million.", ("estimate", "production_rate", None, 4.5e6,
                                                None)),
    ("The site is now turning out about 300 missiles a month, up from fewer than 100 a month "
     "in 2022.", ("estimate", "production_rate", None, None, 100)),
    ("Britain will supply more than 5,000 missiles to Ukraine. About 1,200 have already been "
     "delivered under that deal.", ("shipment", None, 1200, None, None)),
    ("Ukrainian units fire between 300 and 500 GMLRS rockets in a typical month, the official "
     "said.", ("estimate", "consumption_rate", None, 300, 500)),
    ("The North's factories are running at about 70 percent of capacity, with annual output "
     "estimated at between 2 million and 3 million shells.",
     ("estimate", "production_rate", None, 2e6, 3e6)),
    ("By the end of March the two batteries were down to no more than 25 ready missiles.",
     ("estimate", "stock", None, None, 25)),
    ("The Russians came into this year with something like 4 million usable rounds left in "
     "their depots.", ("estimate", "stock", 4e6, None, None)),
    ("In March last year, its gunners were rationed to about 2,000 rounds a day.",
     ("estimate", "consumption_rate", 2000, None, None)),
    ("We are running the lines at practically 100 per cent of capacity, the Thales chief "
     "said.", ("estimate", "capacity_utilisation", None, None, 100)),
    ("In August, the Defence Forces of Ukraine received more than 15,000 interceptor drones "
     "from domestic manufacturers.",
     ("estimate", "production_rate", None, 15000, None)),
    ("In July, about 9,000 interceptor drones made by Ukrainian firms were handed over to the "
     "troops.",
     ("estimate", "production_rate", 9000, None, None)),
    ("The company produced roughly 100 missiles in 2022, and expects to deliver about 190 "
     "this year, its chief executive said.", ("estimate", "production_rate", 190, None, None)),
])
def test_round_14_kinds_and_bounds(text: str, expected: tuple[object, ...]) -> None:
    """A bare number right after a verb of giving or making; "up from fewer than 100"; "About
    1,200 have already been delivered"; "in a typical month"; "annual output estimated at";
    "down to ... ready missiles"; "came into this year with"; "rationed to"; "practically";
    own forces receiving from their own makers (named: troops receiving goods is otherwise a
    shipment, tests/test_draft_guards.py); a maker's deliveries it expects."""
    assert kind_and_bounds(records(text)[-1]) == expected


@pytest.mark.parametrize("text", [
    "When I visited, gun crews were rationed to 20 shells a day per gun.",
    "The cost of one interceptor drone ranges from USD 2,500 to USD 6,000.",
    "The EU's scheme put €500 million of EU money into 31 projects to expand factories.",
])
def test_rations_prices_and_industry_grants_are_no_claims(text: str) -> None:
    assert records(text) == []


def test_the_army_receiving_from_abroad_is_still_a_shipment() -> None:
    r = records("In May the army received 20,000 shells from Germany.")[0]
    assert fields(r, "type", "supplier") == {"type": "shipment", "supplier": "DE"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Of that, about €1.1bn had been paid out to Ukrainian firms by the end of September "
     "2025.", {"type": "shipment", "quantity": 1.1e9, "recipient": "UA"}),
    ("Sweden has put SEK 1.5bn (about €135m) into the scheme for long-range drones for "
     "Ukraine.", {"type": "pledge", "quantity": 135e6, "supplier": "SE", "recipient": "UA"}),
])
def test_money_paid_out_or_put_into_a_scheme(text: str, expected: dict[str, object]) -> None:
    assert fields(records(text)[0], *expected) == expected


def test_half_of_what_came_through_a_scheme_is_its_share() -> None:
    r = records("Close to half of what we fired last year came through the Czech initiative.")[0]
    assert fields(r, "metric", "quantity_high", "supplier") == {
        "metric": "supply_share", "quantity_high": 50, "supplier": "CZ"}


def test_a_date_before_a_second_amount_is_the_firsts() -> None:
    found = records("Ukrainian industry will produce more than 4 million drones of all types "
                    "in 2025 and some 600,000 rounds of artillery ammunition.")
    assert [(r.get("quantity_low") or r.get("quantity"), r["per"], r["period_end"])
            for r in found] == [(4e6, "year", "2025"), (600000, "year", "2025")]


def test_this_year_is_the_articles_year_even_after_another_year() -> None:
    found = records("The company produced roughly 100 missiles in 2022, and expects to "
                    "deliver about 190 this year, its chief executive said.")
    assert [r["period_end"] for r in found] == ["2022", "2024"]
