"""supplyline draft, round 15 (issue 25): rules found on the thirteenth blind set (scored
once before), each tested here on sentences of our own (none is a phrase of an
article)."""

from __future__ import annotations

import pytest

from tests.draft_helpers import fields, records


@pytest.mark.parametrize("text", [
    "The fire destroyed as much as 30,000 tonnes of munitions, the source said.",
    "Ukrainian commanders say they need 200,000 shells a month to hold the line.",
    "Congress is still arguing over a $61 billion package for Ukraine.",
])
def test_destroyed_needed_or_argued_over_is_no_claim(text: str) -> None:
    assert records(text) == []


def test_those_shot_down_are_not_counted_twice() -> None:
    found = records("Overnight, Russia launched 51 Shahed drones at Ukraine, of which 38 were "
                    "shot down.")
    assert [r["quantity"] for r in found] == [51]


@pytest.mark.parametrize(("text", "expected"), [
    ("That came less than a week after a $725 million drawdown package for Ukraine on Dec. 2.",
     {"type": "pledge", "quantity": 725e6, "recipient": "UA"}),
    ("The bill included nearly $61 billion for Ukraine, of which $13.8 billion was set aside "
     "for Kyiv to buy weapons.", {"type": "pledge", "quantity": 13.8e9, "recipient": "UA"}),
])
def test_a_package_or_money_set_aside_is_pledged(text: str, expected: dict[str, object]
                                                   ) -> None:
    assert fields(records(text)[-1], *expected) == expected


def test_a_bill_includes_what_it_pledges() -> None:
    r = records("The bill included nearly $61 billion for Ukraine.")[0]
    assert fields(r, "type", "quantity_high", "recipient") == {
        "type": "pledge", "quantity_high": 61e9, "recipient": "UA"}


def test_money_to_replenish_own_stocks_is_no_claim() -> None:
    found = records("Of the total, about $23 billion was meant to replenish U.S. stocks.")
    assert found == []


def test_a_package_transferred_is_still_a_shipment() -> None:
    r = records("Brussels transferred a first €3bn tranche to Kyiv last week, officials "
                "said.")[0]
    assert fields(r, "type", "quantity", "supplier", "recipient") == {
        "type": "shipment", "quantity": 3e9, "supplier": "EU", "recipient": "UA"}
