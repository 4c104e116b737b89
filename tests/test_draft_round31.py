"""supplyline draft, round 31 (issue 25): rules found on the thirty-first and thirty-second
blind sets (scored once before, with round 30's rules, and never read until then), each
tested here on sentences of our own (none is a phrase of an article)."""

from __future__ import annotations

import pytest

from tests.draft_helpers import fields, records


def test_a_stock_in_a_clause_of_its_own_is_no_rate_of_the_verb_before() -> None:
    found = records("Gunners fired about 9,000 shells in March, and Ukraine's reserve of "
                    "shells had shrunk to roughly 40,000, down from about 90,000 in January.")
    assert [fields(r, "metric", "quantity") for r in found] == [
        {"metric": "consumption_rate", "quantity": 9000},
        {"metric": "stock", "quantity": 40000},
        {"metric": "stock", "quantity": 90000}]


def test_the_clause_a_month_opens_with_when_is_of_that_month() -> None:
    found = records("Polish crews used some 120 interceptors in October, when Russia launched "
                    "more than 900 Shahed-type drones at the country, and by mid-November the "
                    "stock was down to about 60, an officer said.")
    assert [fields(r, "metric", "per", "period_end") for r in found[:2]] == [
        {"metric": "consumption_rate", "per": "month", "period_end": "2023-10"},
        {"metric": "consumption_rate", "per": "month", "period_end": "2023-10"}]
    assert fields(found[2], "metric", "quantity") == {"metric": "stock", "quantity": 60}


def test_a_stock_after_and_keeps_what_the_sentence_before_it_says() -> None:
    # no clause of its own: "and" joins two goods, not a new subject
    found = records("Finland holds about 3,000 shells and 500 mortar bombs in reserve.")
    assert [r.get("metric") for r in found] == ["stock", "stock"]


@pytest.mark.parametrize(("text", "item"), [
    ("The plant will turn out about 8 million 5.56mm and 7.62mm cartridges a month.",
     "ammo_small_arms"),
    ("Bulgaria makes some 2,000 122mm and 152mm shells a month.", None),
])
def test_a_second_calibre_does_not_hide_the_rate(text: str, item: str | None) -> None:
    r = records(text)[0]
    assert fields(r, "metric", "per") == {"metric": "production_rate", "per": "month"}
    if item:
        assert r["item"] == item


@pytest.mark.parametrize(("text", "item"), [
    ("Pilots fire about 20 Sidewinders a month at drones.", "missile_air_defence"),
    ("The Navy keeps an estimated 3,500 AIM-9Ms in storage.", "missile_air_defence"),
    ("Norway has sent 40 PAC-2 interceptors to Kyiv.", "missile_air_defence"),
    ("Britain has sent more than 4,000 NLAWs to Ukraine.", "missile_unspecified"),
    ("Washington has delivered some 10,000 Javelins to Ukraine.", "missile_unspecified"),
    ("The US has sent about 300 Excalibur rounds to Ukraine.", "shell_155mm"),
])
def test_missiles_and_rounds_by_name(text: str, item: str) -> None:
    assert records(text)[0]["item"] == item


def test_each_container_further_on_in_the_sentence() -> None:
    found = records("About 30 containers of 152mm shells left the port of Koper for Ukraine in "
                    "March, each carrying some 400 rounds, customs papers show.")
    ship, conv = found
    assert fields(ship, "type", "unit", "item", "measure", "period_end") == {
        "type": "shipment", "unit": "containers", "item": "shell_152mm",
        "measure": "increment", "period_end": "2024-03"}
    assert fields(conv, "type", "from_unit", "to_unit", "factor", "item") == {
        "type": "conversion", "from_unit": "containers", "to_unit": "rounds",
        "factor": 400.0, "item": "shell_152mm"}


def test_each_container_holding() -> None:
    found = records("The first 8 containers of FPV drones left the plant for Ukraine in May, "
                    "each container holding about 500 drones.")
    assert [fields(r, "type", "factor", "item") for r in found] == [
        {"type": "shipment", "factor": None, "item": "drone_fpv"},
        {"type": "conversion", "factor": 500.0, "item": "drone_fpv"}]


def test_each_without_containers_before_is_no_conversion() -> None:
    found = records("Spain sent 40 missiles to Ukraine in May, each with a range of about "
                    "40 kilometres.")
    assert [r["type"] for r in found] == ["shipment"]


def test_the_level_a_plan_is_to_reach_after_output() -> None:
    found = records("Turkish factories made some 300,000 shells in 2023, and the plan is to "
                    "reach 500,000 this year, officials say.")
    assert [fields(r, "type", "metric", "per", "quantity") for r in found] == [
        {"type": "estimate", "metric": "production_rate", "per": "year", "quantity": 300000},
        {"type": "estimate", "metric": "production_rate", "per": "year", "quantity": 500000}]


def test_the_level_deliveries_are_expected_to_reach_stays_a_pledge() -> None:
    found = records("France has delivered 30,000 shells so far, and expects to reach 80,000 "
                    "by the end of the year.")
    assert [r["type"] for r in found] == ["shipment", "pledge"]


@pytest.mark.parametrize("text", [
    "The Army now expects to reach 80,000 155mm rounds a month by the end of 2025.",
    "Rheinmetall plans to make 700,000 shells a year by 2027.",
    "Kyiv hopes to produce 4,000 drones a day by the autumn.",
])
def test_an_aim_to_reach_or_make_a_rate_is_output(text: str) -> None:
    assert fields(records(text)[0], "type", "metric") == {
        "type": "estimate", "metric": "production_rate"}


def test_a_date_of_an_earlier_promise_is_not_the_aim_s() -> None:
    r = records("The Army now expects to reach 80,000 155mm rounds a month only by the end of "
                "2026, two years later than it told Congress in 2023.")[0]
    assert r["period_end"] == "2026-12"


def test_current_output_is_a_bare_rate_of_the_goods_before() -> None:
    found = records("The ministry wants 50,000 155mm shells a month by 2026. Current output is "
                    "about 20,000 a month, an official said.")
    assert fields(found[1], "metric", "unit", "item", "per", "quantity") == {
        "metric": "production_rate", "unit": "rounds", "item": "shell_155mm", "per": "month",
        "quantity": 20000}


def test_a_bare_output_after_a_shipment_is_no_claim() -> None:
    found = records("Ukraine got 5,000 shells in May. Current output is about 45,000 a month.")
    assert [r["type"] for r in found] == ["shipment"]


def test_a_rate_after_a_share_of_capacity_takes_no_percent() -> None:
    found = records("Plants work at about 90 percent of capacity, and the ministry expects "
                    "output to reach 600 a year in 2026.")
    assert all(r["unit"] != "percent" or r["quantity"] == 90 for r in found)


def test_more_of_the_goods_before_under_contract() -> None:
    found = records("Slovak plants have delivered about 40,000 Grad rockets to Ukraine since "
                    "2023, and a Slovak firm signed a contract in May to supply 20,000 more by "
                    "the end of 2025.")
    assert fields(found[1], "type", "quantity", "item", "supplier", "recipient", "due_by") == {
        "type": "pledge", "quantity": 20000, "item": "rocket_122mm", "supplier": "SK",
        "recipient": "UA", "due_by": "2025-12"}


def test_more_a_month_stays_a_rate() -> None:
    found = records("Iran is believed to hold about 500 missiles in reserve and to build about "
                    "30 more a month.")
    assert [r.get("metric") for r in found] == ["stock", "production_rate"]


def test_a_promise_with_its_date_between_commas_is_a_pledge() -> None:
    r = records("The alliance is struggling to keep a promise, made in May 2023, to send "
                "Ukraine 500,000 shells within a year.")[0]
    assert fields(r, "type", "period_start", "due_by") == {
        "type": "pledge", "period_start": "2023-05", "due_by": "2024-05"}


def test_the_goods_a_bloc_promised_set_against_deliveries() -> None:
    found = records("Allies have handed Ukraine about 300,000 rounds so far this year, against "
                    "the one million shells they promised to deliver in 2025.")
    assert fields(found[1], "type", "quantity", "due_by") == {
        "type": "pledge", "quantity": 1000000, "due_by": "2025"}


def test_a_month_a_pledge_will_be_delivered_in_is_ahead() -> None:
    found = records("Italy sent 5,000 shells to Ukraine in May. It will send 8,000 more in "
                    "March.")
    assert fields(found[1], "type", "due_by", "period_start") == {
        "type": "pledge", "due_by": "2025-03", "period_start": None}


def test_goods_included_in_a_package() -> None:
    found = records("The Pentagon announced a $300 million package for Kyiv on Monday. About "
                    "20,000 rounds of 105mm ammunition are included in the package.")
    assert [fields(r, "type", "item") for r in found] == [
        {"type": "pledge", "item": None}, {"type": "pledge", "item": "shell_105mm"}]


def test_the_defense_department_is_the_united_states() -> None:
    r = records("The Defense Department announced $500 million in aid for Ukraine.")[0]
    assert r["supplier"] == "US"


def test_all_of_a_figure_before() -> None:
    found = records("Greece shipped 60 Patriot missiles to the US in March. Washington has "
                    "promised to send all 60 to Kyiv by the end of the year.")
    assert fields(found[1], "type", "quantity", "item", "supplier", "recipient") == {
        "type": "pledge", "quantity": 60, "item": "missile_air_defence", "supplier": "US",
        "recipient": "UA"}


def test_all_of_another_number_is_no_claim() -> None:
    found = records("Germany sent 90 missiles to Ukraine. All 12 ministers agreed.")
    assert len(found) == 1


def test_a_month_alone_after_a_running_total_is_that_month_s() -> None:
    found = records("Poland has sent more than 200,000 rounds to Ukraine since March 2022, "
                    "officials say, and some 15,000 of them were delivered in April alone, the "
                    "biggest monthly figure since 2023.")
    assert fields(found[1], "measure", "period_start", "period_end") == {
        "measure": "increment", "period_start": "2024-04", "period_end": "2024-04"}


def test_a_record_since_is_no_count_s_start() -> None:
    r = records("Ukraine received 40,000 shells in March, the highest total since 2022.")[0]
    assert fields(r, "measure", "period_start") == {"measure": "increment",
                                                   "period_start": "2024-03"}


def test_figures_in_a_list_share_their_since() -> None:
    found = records("A fact sheet lists more than 2 million 155mm rounds provided to Ukraine "
                    "since February 2022, and more than 300,000 rounds of 105mm ammunition.")
    assert [r["measure"] for r in found] == ["cumulative", "cumulative"]


def test_the_rest_coming_from_others_is_not_the_share_s_supplier() -> None:
    r = records("German shells make up about 60 percent of the 155mm ammunition Ukraine "
                "receives from abroad, with most of the rest coming from French and Polish "
                "stocks.")[0]
    assert fields(r, "metric", "supplier", "recipient") == {
        "metric": "supply_share", "supplier": "DE", "recipient": "UA"}


def test_of_them_after_rounds_in_the_same_sentence() -> None:
    found = records("Norway has shipped about 90,000 rounds to Ukraine since 2022, and about "
                    "4,000 of them arrived in May.")
    assert fields(found[1], "type", "quantity", "unit", "measure") == {
        "type": "shipment", "quantity": 4000, "unit": "rounds", "measure": "increment"}


def test_a_share_of_them_is_no_count_of_them() -> None:
    found = records("Norway has shipped about 90,000 rounds to Ukraine since 2022, and about "
                    "40 percent of them were made in Norway.")
    assert all(r["unit"] != "rounds" or r["quantity"] == 90000 for r in found)


def test_a_reference_to_output_after_an_aside() -> None:
    r = records("Output of the Javelin missile, which America rushed to Kyiv in the first "
                "weeks of the war, will reach about 4,000 a year in 2026, the company said.")[0]
    assert fields(r, "metric", "per", "quantity", "item") == {
        "metric": "production_rate", "per": "year", "quantity": 4000,
        "item": "missile_unspecified"}


def test_each_of_those_boxes_after_a_count_of_containers() -> None:
    found = records("Some 300 containers of shells crossed from Belarus into Russia in May, "
                    "officials said. Each of those boxes holds between 250 and 350 rounds.")
    assert fields(found[1], "type", "from_unit", "factor_low", "factor_high") == {
        "type": "conversion", "from_unit": "containers", "factor_low": 250.0,
        "factor_high": 350.0}


def test_each_of_those_boxes_with_no_containers_before_is_nothing() -> None:
    assert records("Each of those boxes holds 30 rounds.") == []


@pytest.mark.parametrize(("text", "metric"), [
    ("Russia's stock of Iskander missiles was put at about 400 in January.", "stock"),
    ("Its pre-war stock of 152mm shells was estimated at some 10 million.", "stock"),
    ("Ukraine's monthly use of shells was estimated at 200,000 in 2023.", "consumption_rate"),
])
def test_a_level_put_at_in_the_passive(text: str, metric: str) -> None:
    assert records(text)[0]["metric"] == metric


def test_goods_paid_for_and_delivered_since_are_shipped() -> None:
    r = records("Sweden has already paid for about 3,000 drones delivered to Ukraine's army "
                "since March, an official said.")[0]
    assert fields(r, "type", "measure", "period_start") == {
        "type": "shipment", "measure": "cumulative", "period_start": "2024-03"}


def test_goods_paid_for_stay_pledged() -> None:
    r = records("Sweden has paid for about 3,000 drones for Ukraine.")[0]
    assert r["type"] == "pledge"


def test_missiles_by_their_index() -> None:
    found = records("Plants are building between 15 and 25 3M-14 missiles a month.")
    assert fields(found[0], "quantity_low", "quantity_high", "item") == {
        "quantity_low": 15, "quantity_high": 25, "item": "missile_cruise"}


def test_a_russian_design_bureau_is_russia_s() -> None:
    r = records("Novator builds about 30 cruise missiles a month, analysts say.")[0]
    assert fields(r, "metric", "subject") == {"metric": "production_rate", "subject": "RU"}


def test_domestically_made_goods_taken_into_service_are_output() -> None:
    found = records("The ministry took delivery of about 9,000 domestically made 122mm rounds "
                    "in March.")
    assert fields(found[0], "metric", "per", "period_end") == {
        "metric": "production_rate", "per": "month", "period_end": "2024-03"}


def test_locally_built_goods_from_abroad_are_shipped() -> None:
    r = records("Ukraine received 500 locally built drones from Latvia in May.")[0]
    assert r["type"] == "shipment"


def test_a_new_subject_after_and_supplies_its_own_clause() -> None:
    found = records("Norway will send 20 missiles to Ukraine, and Denmark will send 50 "
                    "missiles.")
    assert [r["supplier"] for r in found] == ["NO", "DK"]


def test_states_joined_before_a_verb_still_act_jointly() -> None:
    r = records("Latvia and Lithuania will give Ukraine EUR 40 million for drones.")[0]
    assert r.get("supplier") is None


def test_it_after_the_nearest_speaker() -> None:
    found = records("Norway said it would spend $47m on missiles for Ukraine, and the "
                    "Netherlands said it would send 50 of its own Sidewinders to Kyiv.")
    assert [r["supplier"] for r in found] == ["NO", "NL"]


def test_goods_shipped_abroad_to_no_one_named_are_no_claim() -> None:
    assert records("Turkey shipped 20,000 drones abroad last year.") == []


@pytest.mark.parametrize(("text", "item"), [
    ("Croatia sent 10,000 shells to Ukraine in May, while Slovenia pledged 10,000 rounds of "
     "155mm ammunition.", "shell_artillery"),
    ("Russian plants made about 3 million artillery rounds last year, about 1.5 million of "
     "them 152mm.", "shell_artillery"),
    ("Plants make about 15,000 155mm rounds a month, and the firm plans to raise monthly "
     "output to 25,000 rounds by 2026.", None),
])
def test_a_calibre_in_a_later_amount_is_not_the_first_s(text: str, item: str | None) -> None:
    found = records(text)
    assert found[0]["item"] == (item or "shell_155mm")
    if item is None:
        assert found[1]["item"] == "shell_155mm"
