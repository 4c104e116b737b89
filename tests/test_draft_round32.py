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


def test_goods_sold_to_a_state_are_no_output() -> None:
    r = records("Chinese firms sold Russia about 1,500 tonnes of nitrocellulose last year.")[0]
    assert fields(r, "type", "supplier", "recipient") == {
        "type": "shipment", "supplier": "CN", "recipient": "RU"}


def test_a_date_past_a_colon_is_not_the_next_clause_s() -> None:
    found = records("Norway agreed in March to pay for 40,000 shells for Ukraine, and industry "
                    "is growing: Nammo expects to turn out about 100,000 155mm shells this year.")
    assert fields(found[1], "metric", "per") == {"metric": "production_rate", "per": "year"}


@pytest.mark.parametrize(("text", "carrier", "factor"), [
    ("As a rule of thumb, about 20 crated 152mm rounds make up a tonne.", "metric_tons", 20.0),
    ("About 400 shells fill a standard container.", "containers", 400.0),
])
def test_how_many_goods_fill_a_carrier(text: str, carrier: str, factor: float) -> None:
    r = records(text)[0]
    assert fields(r, "type", "from_unit", "factor") == {
        "type": "conversion", "from_unit": carrier, "factor": factor}


def test_each_one_after_a_count_of_containers() -> None:
    found = records("In May, about 150 containers of 122mm shells bought by the Czech-led "
                    "initiative passed through Rzeszow on their way east. Each one holds between "
                    "300 and 350 rounds.")
    assert [fields(r, "type", "unit", "item") for r in found] == [
        {"type": "shipment", "unit": "containers", "item": "shell_122mm"},
        {"type": "conversion", "unit": None, "item": "shell_122mm"}]


def test_a_line_of_figures_with_a_colon() -> None:
    r = records("- 500,000: artillery rounds EU states have delivered to Ukraine so far this "
                "year, the Commission says")[0]
    assert fields(r, "type", "quantity", "supplier", "recipient") == {
        "type": "shipment", "quantity": 500000, "supplier": "EU", "recipient": "UA"}


def test_a_colon_in_a_sentence_is_no_line_of_figures() -> None:
    assert records("Ukraine got shells. Score: 3 goals.") == []


def test_a_running_total_put_by_officials_at() -> None:
    found = records("Spain delivered about 20,000 shells to Ukraine in 2024 alone, and its "
                    "running total since February 2022 is put by officials at well over 60,000.")
    assert fields(found[1], "type", "quantity_low", "measure") == {
        "type": "shipment", "quantity_low": 60000, "measure": "cumulative"}


@pytest.mark.parametrize("text", [
    "Kazakhstan's exports of microelectronics to Russia jumped to about $90 million in 2023.",
    "Kazakhstan sold chips to Russian buyers in 2023. The consignments were worth roughly "
    "$90 million, records show.",
])
def test_trade_worth_a_sum(text: str) -> None:
    r = records(text)[-1]
    assert fields(r, "type", "quantity", "supplier") == {
        "type": "shipment", "quantity": 90000000, "supplier": "KZ"}


def test_goods_paid_for_made_and_delivered_since() -> None:
    r = records("Swedish money has paid for roughly 50,000 shells made in Ukraine and delivered "
                "to the army since May.")[0]
    assert fields(r, "type", "measure") == {"type": "shipment", "measure": "cumulative"}


def test_more_received() -> None:
    found = records("Russia makes about 3 million shells a year and has received more than 2 "
                    "million more from North Korea since 2023.")
    assert fields(found[1], "type", "quantity_low", "supplier", "recipient") == {
        "type": "shipment", "quantity_low": 2000000, "supplier": "KP", "recipient": "RU"}


def test_vague_more_received_is_no_figure() -> None:
    found = records("Russia made around 3 million shells in 2023 and imported millions more "
                    "from North Korea.")
    assert len(found) == 1


def test_whose_share() -> None:
    r = records("Spain's share of the artillery ammunition Ukraine has received from EU "
                "countries is less than 4 percent.")[0]
    assert fields(r, "metric", "supplier", "recipient", "quantity_high") == {
        "metric": "supply_share", "supplier": "ES", "recipient": "UA", "quantity_high": 4}


def test_money_to_buy_from_a_state_s_makers() -> None:
    r = records("Sweden will put €300 million into buying drones directly from Ukrainian "
                "manufacturers, the ministry said.")[0]
    assert fields(r, "type", "supplier", "recipient") == {
        "type": "pledge", "supplier": "SE", "recipient": "UA"}


def test_a_level_of_something_else_is_no_level_of_goods() -> None:
    found = records("Germany sent 10,000 shells in May, and the army's reserve of fuel was down "
                    "to 40 days.")
    assert [r["quantity"] for r in found] == [10000]


def test_a_level_put_at_and_more() -> None:
    r = records("Intelligence puts the remaining Russian stock of Iskander missiles at about 300 "
                "and estimates that plants build 40 a month.")[0]
    assert fields(r, "metric", "quantity") == {"metric": "stock", "quantity": 300}
