"""supplyline draft, round 33 (issue 25): rules found on the thirty-fifth and thirty-sixth
blind sets (scored once before, with round 32's rules, and never read until then), each
tested here on sentences of our own (none is a phrase of an article)."""

from __future__ import annotations

import pytest

from tests.draft_helpers import fields, records


def test_drones_by_name() -> None:
    found = records("Russian forces used about 200 Garpiyas against Ukraine in May, alongside "
                    "more than 1,500 Shahed-type drones launched the same month.")
    assert [fields(r, "metric", "item", "per") for r in found] == [
        {"metric": "consumption_rate", "item": "drone_combat", "per": "month"},
        {"metric": "consumption_rate", "item": "drone_shahed", "per": "month"}]


@pytest.mark.parametrize("text", [
    "Ukrainian units recorded about 400 Molniya strikes in March.",
    "Russia carried out 300 drone attacks in May.",
])
def test_strikes_counted_are_no_goods(text: str) -> None:
    assert records(text) == []


def test_launches_of_a_named_drone_stay_a_count() -> None:
    r = records("The air force counted more than 400 Shahed launches in the last week of "
                "May.")[0]
    assert fields(r, "metric", "quantity_low") == {"metric": "consumption_rate",
                                                  "quantity_low": 400}


def test_allies_agreed_at_a_summit_to_provide() -> None:
    r = records("Allies agreed at the Vilnius summit in July to provide at least €30 billion in "
                "military aid for Ukraine within a year.")[0]
    assert fields(r, "type", "quantity_low", "recipient") == {
        "type": "pledge", "quantity_low": 30000000000, "recipient": "UA"}


def test_goods_bought_to_arrive_by_are_pledged() -> None:
    r = records("Norway said it had bought about 10,000 155mm rounds for Ukraine from its own "
                "industry, to arrive by the end of March.")[0]
    assert fields(r, "type", "due_by") == {"type": "pledge", "due_by": "2025-03"}


def test_money_on_defence_support_for_another_state_is_aid() -> None:
    r = records("Iceland will spend €20 million on defence support for Ukraine this year.")[0]
    assert fields(r, "type", "supplier", "recipient") == {
        "type": "pledge", "supplier": "IS", "recipient": "UA"}


def test_money_on_its_own_defence_is_no_claim() -> None:
    assert records("Iceland will spend €20 million on defence this year.") == []


def test_goods_funded_and_delivered_in_a_past_half_year() -> None:
    r = records("Irish money funded about 1,000 drones delivered to Ukrainian units in the "
                "second half of 2023.")[0]
    assert fields(r, "type", "period_start", "period_end") == {
        "type": "shipment", "period_start": "2023-07", "period_end": "2023-12"}


def test_rounds_released_for_a_state() -> None:
    r = records("Greek depots have released more than 100,000 artillery rounds for Ukraine "
                "since 2022.")[0]
    assert fields(r, "type", "measure", "recipient") == {
        "type": "shipment", "measure": "cumulative", "recipient": "UA"}


def test_figures_released_are_no_goods_released() -> None:
    assert records("The ministry released figures showing 2,000 shells were fired.") == []


def test_goods_that_left_a_port_are_no_stock() -> None:
    found = records("Some 80 containers of shells from Bulgaria left the port of Burgas in May.")
    assert all(r.get("metric") != "stock" for r in found)


def test_goods_left_in_stock_stay_a_stock() -> None:
    assert records("Ukraine has 3,000 shells left in stock.")[0]["metric"] == "stock"


def test_exports_that_totaled_a_sum() -> None:
    r = records("Chinese exports of machine tools to Russia totaled about $1.1 billion in "
                "2023.")[0]
    assert fields(r, "type", "supplier", "recipient", "item") == {
        "type": "shipment", "supplier": "CN", "recipient": "RU", "item": "machine_tools"}


def test_the_revised_count_for_a_year() -> None:
    found = records("Belgium sent 10,000 shells to Ukraine in 2023. The revised count for 2023 is "
                    "about 12,000 rounds of all calibres.")
    assert fields(found[1], "type", "quantity", "supplier") == {
        "type": "shipment", "quantity": 12000, "supplier": "BE"}


def test_goods_paid_for_by_a_state_and_delivered() -> None:
    r = records("More than 300 Ukrainian-made drones paid for by Sweden have been delivered "
                "since May.")[0]
    assert fields(r, "type", "supplier", "recipient", "measure") == {
        "type": "shipment", "supplier": "SE", "recipient": "UA", "measure": "cumulative"}


def test_goods_paid_for_to_be_delivered_stay_pledged() -> None:
    r = records("About 500 drones paid for by Denmark will be delivered next year.")[0]
    assert r["type"] == "pledge"


def test_of_the_aircraft_with_a_word_between() -> None:
    found = records("Latvia has sent Ukraine more than 1,000 drones since 2023. The firm now "
                    "builds about 120 of the flat-pack aircraft a month.")
    assert fields(found[1], "metric", "per", "quantity") == {
        "metric": "production_rate", "per": "month", "quantity": 120}


def test_of_the_launcher_systems_is_no_count_of_missiles() -> None:
    found = records("Germany, which has given Kyiv three of the launcher systems, has supplied "
                    "roughly 200 of the missiles.")
    assert [r["quantity"] for r in found] == [200]


def test_money_a_state_added_to_a_fund() -> None:
    r = records("Britain has committed £500 million to the fund. The Netherlands added €100 "
                "million in May, earmarked for air-defence missiles.")[-1]
    assert fields(r, "type", "supplier", "quantity") == {
        "type": "pledge", "supplier": "NL", "quantity": 100000000}


def test_he_added_is_no_money_added() -> None:
    assert records("He added 300 shells were fired.") == []


def test_money_released_is_not_goods_released() -> None:
    assert records("The government released $5 million to Ukraine's energy company.") == []
