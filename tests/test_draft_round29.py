"""supplyline draft, round 29 (issue 25): rules found on the twenty-seventh blind set
(scored once before, with round 28's rules), each tested here on sentences of our own
(none is a phrase of an article)."""

from __future__ import annotations

import pytest

from tests.draft_helpers import fields, records


def test_what_each_container_carries_is_the_factor_not_the_ratio_to_the_cargo() -> None:
    found = records("In March about 50 containers of artillery rounds crossed the sea from Iran "
                    "to Russia, an official said, adding that each container carries between "
                    "200 and 300 shells.")
    conversion = next(r for r in found if r["type"] == "conversion")
    assert (conversion.get("factor_low"), conversion.get("factor_high")) == (200, 300)


def test_a_level_passed_is_a_lower_bound() -> None:
    r = records("Output passed 150,000 mortar rounds a month in November, the ministry "
                "said.")[0]
    assert fields(r, "metric", "quantity_low", "quantity") == {
        "metric": "production_rate", "quantity_low": 150000, "quantity": None}


def test_a_part_of_the_output_before() -> None:
    found = records("Ukraine's plants made about 2 million shells in 2024. Among them were "
                    "roughly 100,000 155mm shells, the ministry said.")
    assert fields(found[1], "metric", "per", "item", "quantity") == {
        "metric": "production_rate", "per": "year", "item": "shell_155mm",
        "quantity": 100000}


@pytest.mark.parametrize("text", [
    "Germany makes shells. Switzerland refused to let Germany pass on 10,000 Swiss-made "
    "rounds, citing its neutrality law.",
    "A German request to buy hundreds of thousands of rounds from Brazil was also turned "
    "down.",
    "Ukraine has NASAMS. A full battery can hold up to 72 ready-to-fire missiles.",
    "Germany sent Ukraine shells. It can take dozens of rounds to bring down a single drone.",
    "Ukraine got shells. The government has set aside 2 trillion hryvnias ($50 billion) for "
    "security and defense in 2025.",
    "Ukraine got drones. The Dutch government plans to spend about 20 billion euros on its "
    "own armed forces next year.",
    "North Korea has sent Russia about 150 long-range artillery pieces.",
    "Drones now account for roughly 70% of battlefield casualties, a commander said.",
])
def test_no_claim(text: str) -> None:
    assert records(text) == []


def test_a_share_of_gdp_in_a_later_clause_keeps_a_supply_share() -> None:
    assert [r.get("quantity") for r in records(
        "The US supplies 30% of Ukraine's air-defence missiles, even though its aid is small "
        "as a share of GDP.")] == [30]


def test_a_capital_s_share_of_a_joint_purchase_is_its_pledge() -> None:
    r = records("Ukraine gets shells. Warsaw's share is worth roughly €400 million, an "
                "official said.")[0]
    assert fields(r, "type", "supplier", "quantity") == {
        "type": "pledge", "supplier": "PL", "quantity": 400e6}


def test_what_a_tonne_of_small_arms_rounds_holds() -> None:
    r = records("A tonne of packed 5.56mm rounds holds roughly 50,000 cartridges, the company "
                "said.")[0]
    assert fields(r, "type", "from_unit", "factor", "item") == {
        "type": "conversion", "from_unit": "metric_tons", "factor": 50000,
        "item": "ammo_small_arms"}


def test_goods_put_in_the_hands_of_troops_with_who_funded_them() -> None:
    r = records("It said Danish-funded contracts have so far put about 10,000 drones in the "
                "hands of Ukrainian troops.")[0]
    assert fields(r, "type", "supplier", "recipient", "quantity") == {
        "type": "shipment", "supplier": "DK", "recipient": "UA", "quantity": 10000}


def test_domestic_makers_expected_to_deliver_to_the_army_this_year() -> None:
    r = records("Ukraine's Defense Ministry expects domestic makers to deliver about 4 million "
                "drones of all types to the armed forces this year.")[0]
    assert fields(r, "metric", "per", "quantity") == {
        "metric": "production_rate", "per": "year", "quantity": 4e6}


@pytest.mark.parametrize(("text", "expected"), [
    ("Germany has handed Ukraine more than 200,000 rounds of 35mm ammunition since 2022.", None),
    ("Ukraine got 3 million 7.62mm rounds from Poland.", "ammo_small_arms"),
    ("Ukraine got 30,000 152mm shells from Bulgaria.", "shell_152mm"),
])
def test_cannon_and_small_arms_calibres_are_no_artillery_shells(
        text: str, expected: str | None) -> None:
    assert records(text)[0].get("item") == expected


def test_of_them_counts_the_goods_of_the_claim_before() -> None:
    found = records("Drones attack cities. Germany has handed Ukraine more than 200,000 rounds "
                    "of 35mm ammunition since July 2022. About 30,000 of them arrived in "
                    "August alone.")
    assert fields(found[1], "unit", "item", "quantity", "measure") == {
        "unit": "rounds", "item": None, "quantity": 30000, "measure": "increment"}


def test_more_of_the_goods_named_before() -> None:
    r = records("Norway has given NASAMS missiles. Norway promised Ukraine 50 more missiles by "
                "June.")[-1]
    assert r.get("item") == "missile_air_defence"
