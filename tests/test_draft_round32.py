"""supplyline draft, round 32 (issue 25): rules found on the thirty-third and thirty-fourth
blind sets (scored once before, with round 31's rules, and never read until then), each
tested here on sentences of our own (none is a phrase of an article)."""

from __future__ import annotations

import pytest

from tests.draft_helpers import fields, records


@pytest.mark.parametrize("text", [
    "A metric ton of crated 122mm ammunition amounts to about 20 rounds, the report says.",
    "Analysts assume a metric ton of stored 122mm ammunition equates to roughly 20 rounds.",
])
def test_what_a_ton_amounts_to(text: str) -> None:
    r = records(text)[0]
    assert fields(r, "type", "from_unit", "to_unit", "factor", "item") == {
        "type": "conversion", "from_unit": "metric_tons", "to_unit": "rounds", "factor": 20.0,
        "item": "shell_122mm"}


def test_a_ton_of_explosive_is_no_conversion() -> None:
    assert records("A metric ton of TNT equates to roughly 150 shells.") == []


def test_money_set_aside_in_a_relative_clause_is_pledged() -> None:
    found = records("Denmark delivered 8,000 drones to Ukraine in the first quarter, part of "
                    "the 300 million euros that Copenhagen has set aside for drones for Ukraine "
                    "in 2025.")
    assert fields(found[1], "type", "supplier", "due_by") == {
        "type": "pledge", "supplier": "DK", "due_by": "2025"}


def test_goods_paid_for_that_reached_are_shipped() -> None:
    r = records("Irish funding had paid for some 3,000 155mm shells that reached Ukraine in "
                "2023.")[0]
    assert fields(r, "type", "measure", "period_end") == {
        "type": "shipment", "measure": "increment", "period_end": "2023"}


def test_a_date_in_a_relative_aside_is_the_aside_s() -> None:
    found = records("The alliance, which promised in January to send Kyiv 500,000 shells, had "
                    "delivered about 200,000 by the end of May, officials said.")
    assert fields(found[1], "type", "measure", "period_end", "period_start") == {
        "type": "shipment", "measure": "cumulative", "period_end": "2024-05",
        "period_start": None}


def test_goods_bought_and_handed_on() -> None:
    r = records("Canada has bought more than 50,000 shells from third countries and handed "
                "them to Kyiv.")[0]
    assert fields(r, "supplier", "recipient") == {"supplier": "CA", "recipient": "UA"}


def test_goods_bought_for_oneself_stay_the_buyer_s() -> None:
    r = records("Poland bought 20,000 shells from South Korea.")[0]
    assert fields(r, "supplier", "recipient") == {"supplier": "KR", "recipient": "PL"}


def test_a_remaining_stock_believed_to_be_a_bare_number() -> None:
    found = records("Britain bought about 900 Storm Shadow missiles in the 2000s. Its remaining "
                    "stock is now thought to be fewer than 200, a report says.")
    assert fields(found[1], "metric", "quantity_high", "item", "subject") == {
        "metric": "stock", "quantity_high": 200, "item": "missile_cruise", "subject": "GB"}


@pytest.mark.parametrize(("text", "code"), [
    ("France has delivered about 40 SCALPs to Ukraine since July 2023.", "missile_cruise"),
])
def test_more_missiles_by_name(text: str, code: str) -> None:
    assert records(text)[0]["item"] == code


def test_a_belgian_maker() -> None:
    r = records("Mecar makes about 5,000 155mm shells a month.")[0]
    assert fields(r, "metric", "subject") == {"metric": "production_rate", "subject": "BE"}
