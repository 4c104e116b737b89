"""supplyline draft, round 27 (issue 25): rules found on the twenty-sixth blind set
(scored once before, with round 26's rules), each tested here on sentences of our own
(none is a phrase of an article)."""

from __future__ import annotations

import pytest

from tests.draft_helpers import fields, records


def test_a_source_with_no_comma_after_it_ends_before_its_clause() -> None:
    found = records("Canada has sent about 40,000 155mm rounds since 2022, and according to "
                    "the ministry Canadian plants now make about 3,000 of them a month.")
    r = found[1]
    assert fields(r, "metric", "quantity", "per", "subject", "source") == {
        "metric": "production_rate", "quantity": 3000, "per": "month", "subject": "CA",
        "source": "the ministry"}


def test_a_rate_over_the_same_days_as_the_line_before() -> None:
    found = records("- Russia launched about 1,100 drones at Ukraine this week.\n"
                    "- Russian aircraft also dropped about 400 glide bombs over the same "
                    "seven days.")
    assert fields(found[1], "metric", "per", "item", "quantity") == {
        "metric": "consumption_rate", "per": "week", "item": "glide_bomb", "quantity": 400}


def test_a_model_name_before_a_calibre() -> None:
    r = records("Canadian factories will supply the US Army with 20,000 M795 155mm rounds "
                "by the end of 2026.")[0]
    assert fields(r, "type", "supplier", "recipient", "item", "quantity") == {
        "type": "pledge", "supplier": "CA", "recipient": "US", "item": "shell_155mm",
        "quantity": 20000}


def test_rocket_motors_are_no_rockets() -> None:
    assert records("Canada will send Ukraine 2,000 CRV7 rocket motors.") == []


def test_output_by_the_end_of_the_year_is_the_year_s() -> None:
    r = records("Kyiv says domestic factories will have made more than 2 million drones by "
                "the end of the year.")[0]
    assert fields(r, "metric", "per", "quantity_low") == {
        "metric": "production_rate", "per": "year", "quantity_low": 2e6}


def test_a_contract_with_a_buyer_from_the_maker_named_before() -> None:
    r = records("Hanwha makes shells. Last month the group signed a $200 million contract "
                "with Estonia's defence agency for 155mm shells.")[0]
    assert fields(r, "type", "supplier", "recipient", "quantity") == {
        "type": "pledge", "supplier": "KR", "recipient": "EE", "quantity": 200e6}


@pytest.mark.parametrize("text", [
    "Latvia said it had bought EUR20 million worth of shells for Ukraine, to be delivered by "
    "the end of June.",
    "Estonia bought 40,000 mortar rounds for Ukraine for delivery in 2025.",
])
def test_goods_bought_still_to_be_delivered_are_pledged(text: str) -> None:
    assert records(text)[0]["type"] == "pledge"


def test_goods_delivered_are_still_shipped_when_more_are_to_come() -> None:
    r = records("Germany delivered 10,000 shells to Ukraine in May; 5,000 more are to be "
                "delivered by July.")[0]
    assert (r["type"], r["quantity"]) == ("shipment", 10000)


@pytest.mark.parametrize("text", [
    "It brings Canada's total military assistance to Ukraine since the full-scale invasion "
    "to more than US$4 billion.",
    "It takes Canada's total military assistance to Ukraine since the full-scale invasion "
    "to more than C$5.5 billion (US$4 billion).",
])
def test_a_running_total_of_aid_taken_or_brought_to_a_sum(text: str) -> None:
    r = records(text)[0]
    assert fields(r, "type", "supplier", "recipient", "quantity_low", "unit") == {
        "type": "pledge", "supplier": "CA", "recipient": "UA", "quantity_low": 4e9,
        "unit": "USD"}


def test_a_maker_s_contract_with_its_own_state_is_no_pledge() -> None:
    assert records("Rheinmetall won a €8.5bn contract with the Bundeswehr for 155mm "
                   "shells.") == []


def test_an_aim_s_date_is_not_a_date_in_a_clause_about_its_owner() -> None:
    found = records("Managers say the plant makes about 100,000 shells a year. The group that "
                    "took over the plant in 2023 wants to lift that to around 300,000 a year "
                    "by 2026.")
    assert fields(found[1], "quantity", "per", "period_end") == {
        "quantity": 300000, "per": "year", "period_end": "2026"}


def test_tonnes_of_a_material_are_not_the_shells_it_fills() -> None:
    r = records("Hanwha makes 155mm shells. Its powder plant, which feeds the 155mm shell "
                "line, can produce up to 1,200 tonnes of propellant a year.")[0]
    assert fields(r, "unit", "item", "quantity_high") == {
        "unit": "metric_tons", "item": None, "quantity_high": 1200}


def test_a_calibre_and_its_general_name_are_one_item() -> None:
    r = records("Latvia said it had bought EUR20 million worth of 155mm artillery ammunition "
                "for Ukraine, to be delivered by the end of June.")[0]
    assert r.get("item") == "shell_155mm"


def test_money_for_a_list_of_goods_is_for_no_one_item() -> None:
    r = records("The US announced a $400 million package on Friday, which included Stinger "
                "missiles, more HIMARS ammunition and anti-tank mines.")[0]
    assert (r["type"], r.get("item")) == ("pledge", None)


def test_goods_that_have_arrived_in_the_clause_after_a_pledge() -> None:
    found = records("Washington agreed in 2022 to sell Taiwan 500 GMLRS rockets, due by the "
                    "end of 2026; fewer than 80 have arrived so far.")
    assert [fields(r, "type", "quantity", "quantity_high", "due_by", "recipient")
            for r in found] == [
        {"type": "pledge", "quantity": 500, "quantity_high": None, "due_by": "2026-12",
         "recipient": "TW"},
        {"type": "shipment", "quantity": None, "quantity_high": 80, "due_by": None,
         "recipient": "TW"}]
