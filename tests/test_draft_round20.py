"""supplyline draft, round 20 (issue 25): rules found on the twentieth blind set (scored
once before), each tested here on sentences of our own (none is a phrase of an
article)."""

from __future__ import annotations

import pytest

from tests.draft_helpers import fields, kind_and_bounds, records


@pytest.mark.parametrize(("text", "expected"), [
    ("ZALA's facilities now produce 1,500–2,000 Lancet loitering munitions a month.",
     ("estimate", "production_rate", None, 1500, 2000)),
    ("This year it wants Ukrainian firms to build a million first-person-view (FPV) drones.",
     ("estimate", "production_rate", 1e6, None, None)),
    ("Ukraine's own factories now deliver more than 1,000 interceptor drones a day, an "
     "official said.", ("estimate", "production_rate", None, 1000, None)),
    ("American factories produce only about 14,000 such shells a month, although the Army "
     "plans to reach 90,000 a month by 2025.", ("estimate", "production_rate", 90000, None,
                                                None)),
    ("It also loads tank ammunition, about 5,000 rounds of 120mm tank ammunition a month.",
     ("estimate", "production_rate", 5000, None, None)),
    ("Britain has committed more than £14bn ($18.4bn) in military support to Ukraine since "
     "February 2022.", ("pledge", None, None, 18.4e9, None)),
    ("In January, France put €50 million on the table for new guns for Ukraine.",
     ("pledge", None, 50e6, None, None)),
])
def test_round_20_kinds_and_bounds(text: str, expected: tuple[object, ...]) -> None:
    """Loitering munitions by name, an acronym in brackets, "such shells", a state's own
    factories delivering, "plans to reach N a month", loading shells, a sum in brackets
    after another with its bound, "put on the table"."""
    assert kind_and_bounds(records(text)[-1]) == expected


def test_the_items_of_loitering_munitions_and_tb2s() -> None:
    r = records("Baykar has delivered around 50 TB2s to the Ukrainian military since 2022.")[0]
    assert fields(r, "type", "quantity", "unit", "item") == {
        "type": "shipment", "quantity": 50, "unit": "units", "item": "drone_combat"}


@pytest.mark.parametrize("text", [
    "Each gun, with a range of about 40 kilometres, can fire up to 60 rounds in a busy day.",
    "The government has set aside 10 billion yen ($65 million) this year to help "
    "manufacturers modernize plants.",
    "The Czech president said his country had found 800,000 shells outside the EU that could "
    "be sent to Ukraine.",
    "A $95 billion foreign aid bill that includes about $60 billion for Ukraine passed the "
    "Senate but faces an uncertain future in the House.",
])
def test_one_gun_plant_money_shells_found_and_uncertain_aid_are_no_claims(text: str) -> None:
    assert records(text) == []
