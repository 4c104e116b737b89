"""supplyline draft, round 28 (issue 25): rules found on the twenty-eighth blind set
(scored once before, with round 27's rules), each tested here on sentences of our own
(none is a phrase of an article)."""

from __future__ import annotations

import pytest

from tests.draft_helpers import fields, records


def test_goods_heading_east_are_shipped() -> None:
    r = records("Spotters counted some 60 containers heading east from Slovak depots in "
                "May alone.")[0]
    assert fields(r, "type", "unit", "supplier", "quantity", "period_start") == {
        "type": "shipment", "unit": "containers", "supplier": "SK", "quantity": 60,
        "period_start": "2024-05"}


def test_rounds_overhauled_are_output() -> None:
    r = records("Bulgaria's refurbishment plants overhaul some 8,000 rounds a month.")[0]
    assert fields(r, "metric", "per", "quantity") == {
        "metric": "production_rate", "per": "month", "quantity": 8000}


def test_what_a_container_of_goods_holds_of_them() -> None:
    r = records("A container of 122mm rounds holds about 600 of them.")[0]
    assert fields(r, "type", "from_unit", "factor", "item") == {
        "type": "conversion", "from_unit": "containers", "factor": 600,
        "item": "shell_122mm"}


@pytest.mark.parametrize("text", [
    "Ukraine's air defences shot down or jammed about 2,000 of the drones launched in March.",
    "Russia keeps a reserve so that it can mount massed strikes of several hundred drones.",
    "Deliveries move by rail in standard 40-foot containers.",
    "Ukraine got shells. Bratislava set aside 1 billion euros for new artillery for its army, "
    "none of it for Ukraine.",
    "Ukraine got shells. The firm exported goods worth about $150 million to all its "
    "customers last year.",
    "A proposal to supply Ukraine with up to 1 million more rounds this year has not been "
    "agreed.",
    "Russia got glide bombs. Two of those who agreed to speak described long shifts.",
])
def test_no_claim(text: str) -> None:
    assert records(text) == []


def test_a_stock_that_dwindled_to_a_level() -> None:
    r = records("By April, Ukraine's stock of Patriot interceptors had dwindled to fewer "
                "than 80, an official said.")[0]
    assert fields(r, "metric", "subject", "quantity_high", "item") == {
        "metric": "stock", "subject": "UA", "quantity_high": 80,
        "item": "missile_air_defence"}


def test_a_total_put_at_a_level_after_a_long_phrase() -> None:
    r = records("The agency put the total number of artillery shells sent to Russia at some "
                "9 million since August 2023.")[0]
    assert fields(r, "type", "recipient", "quantity", "period_start") == {
        "type": "shipment", "recipient": "RU", "quantity": 9e6, "period_start": "2023-08"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Ukrainian units fired an estimated 100 Patriot and NASAMS interceptors in May.",
     "missile_air_defence"),
    ("Russia launched about 150 cruise and ballistic missiles at Ukraine in May.",
     "missile_unspecified"),
    ("Its plants made about 1 million mortar and artillery rounds last year.", None),
])
def test_two_sorts_of_one_kind_of_goods(text: str, expected: str | None) -> None:
    assert records(text)[0].get("item") == expected


def test_that_month_is_the_month_named() -> None:
    found = records("Ukraine fired about 100 interceptors in May, as Russia launched about 150 "
                    "missiles at Ukraine that month.")
    assert [r.get("per") for r in found] == ["month", "month"]


def test_output_raised_after_a_share_of_capacity() -> None:
    found = records("The plant now produces about 8,000 155mm shells a month and is running "
                    "at about 90% of its capacity. A new line is meant to lift output to about "
                    "150,000 a year in 2026.")
    assert fields(found[-1], "metric", "quantity", "per", "item", "period_end") == {
        "metric": "production_rate", "quantity": 150000, "per": "year",
        "item": "shell_155mm", "period_end": "2026"}


def test_122mm_ammunition_is_a_shell() -> None:
    r = records("Bulgaria sent 20,000 rounds of 122mm ammunition to Ukraine.")[0]
    assert r.get("item") == "shell_122mm"
