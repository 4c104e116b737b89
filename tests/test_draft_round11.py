"""supplyline draft, round 11 (issue 25): rules found on the ninth blind set (scored
once before), each tested here on sentences of our own (none is a phrase of an
article)."""

from __future__ import annotations

from typing import Any

import pytest

from supplyline.ingest.draft.numbers import find_numbers
from tests.draft_helpers import fields, kind_and_bounds, records


@pytest.mark.parametrize(("text", "values"), [
    ("2m-3m shells", [2e6, 3e6]), ("€1bn-€2bn", [1e9, 2e9]), ("5,000-6,000", [5000, 6000]),
    ("3mn-4mn", [3e6, 4e6]),
])
def test_both_ends_of_a_range_with_a_scale_letter_are_numbers(text: str,
                                                              values: list[float]) -> None:
    assert [n.value for n in find_numbers(text)] == values


@pytest.mark.parametrize(("text", "expected"), [
    ("Western analysts think Russian plants turn out an estimated 2m-3m shells a year.",
     ("estimate", "production_rate", None, 2e6, 3e6)),
    ("In 2023 Ukrainian gunners fired something approaching 8,000 rounds a day.",
     ("estimate", "consumption_rate", None, None, 8000)),
    ("Ukrainian officials say about two-thirds of the industry's capacity is being used.",
     ("estimate", "capacity_utilisation", 66.67, None, None)),
    ("Moscow may have started the invasion with 12m or so shells in its arsenals.",
     ("estimate", "stock", 12e6, None, None)),
    ("The Dutch army now holds fewer than 9,000 rounds of 155mm ammunition of its own "
     "after giving so much to Ukraine.", ("estimate", "stock", None, None, 9000)),
    ("Iran is sitting on more than 3,000 ballistic missiles, Israeli officials estimate.",
     ("estimate", "stock", None, 3000, None)),
    ("The White House approved sending 20 more Patriot interceptors to Kyiv.",
     ("pledge", None, 20, None, None)),
    ("Prague has secured funding to buy another 300,000 rounds for Ukraine.",
     ("pledge", None, 300000, None, None)),
    ("Raytheon delivered about 600 of the interceptors in 2024, the company said.",
     ("estimate", "production_rate", 600, None, None)),
])
def test_round_11_kinds_and_bounds(text: str, expected: tuple[Any, ...]) -> None:
    """"2m-3m", "approaching", "two-thirds of ... capacity", "started the invasion with"
    and "12m or so shells", "holds" and "sitting on" (a stock), "approved sending" (a
    pledge), "funding to buy", a maker's deliveries to no one named (its output)."""
    assert kind_and_bounds(records(text)[-1]) == expected


@pytest.mark.parametrize("text", [
    "Zelensky urged allies to send 500,000 more shells.",
    "The resolution calls on member states to deliver at least 1.5 million more rounds.",
    "Kyiv asked Berlin to deliver 100 Taurus missiles.",
    "Germany sent 30 more shells than France.",
])
def test_requests_and_differences_are_no_claims(text: str) -> None:
    assert records(text) == []


def test_what_a_carrier_held_is_no_stock() -> None:
    found = records("Seoul believes the containers held roughly 8 million rounds of 152mm "
                    "ammunition.")
    assert not any(r.get("metric") == "stock" for r in found)


@pytest.mark.parametrize(("text", "period_end"), [
    ("Moscow may have started the invasion with 12m or so shells in its arsenals.",
     "2022-02"),
    ("Russia's pre-war stock was about 17 million shells.", "2022-02"),
    ("China's share of Russia's drone imports was less than 40 per cent before the war.",
     "2022-02"),
    ("Russia fired 20,000 shells a day before the war in Donbas in 2014.", "2014"),
])
def test_the_eve_of_the_invasion_is_february_2022(text: str, period_end: str) -> None:
    assert records(text)[0]["period_end"] == period_end


def test_a_sum_in_brackets_after_another_currency_is_pledged_by_who_announced_it() -> None:
    r = records("Sweden's defence minister announced a further SEK 1.2bn (€105m) to buy "
                "artillery shells for Ukraine.")[0]
    assert fields(r, "type", "quantity", "unit", "supplier", "recipient") == {
        "type": "pledge", "quantity": 105e6, "unit": "EUR", "supplier": "SE",
        "recipient": "UA"}


def test_through_a_year_is_when_a_pledge_is_due() -> None:
    r = records("Spain and Ukraine signed a deal on Monday. The accord foresees up to €3bn "
                "in military aid for Ukraine through 2026.")[0]
    assert fields(r, "type", "quantity_high", "due_by") == {
        "type": "pledge", "quantity_high": 3e9, "due_by": "2026"}


def test_a_list_shares_its_rate_and_the_estimate_before() -> None:
    found = records("Russia is now making between 80 and 100 cruise missiles a month, "
                    "analysts estimate. That includes about 30 Kalibr missiles and around "
                    "20 Iskander-M missiles each month.")
    assert [(r["metric"], r.get("quantity"), r["per"]) for r in found[1:]] == [
        ("production_rate", 30, "month"), ("production_rate", 20, "month")]


def test_a_part_of_a_rate_is_a_rate_of_the_same_period() -> None:
    found = records("Polish plants made about 1.5 million drones in 2024, and some 4,000 of "
                    "them were long-range models.")
    assert [fields(r, "metric", "quantity", "per", "period_end") for r in found] == [
        {"metric": "production_rate", "quantity": 1.5e6, "per": "year", "period_end": "2024"},
        {"metric": "production_rate", "quantity": 4000, "per": "year", "period_end": "2024"}]


def test_its_share_is_of_the_party_named_before() -> None:
    r = records("Iran is still the main supplier. Its share of Russia's imports of drones "
                "rose to about 90 per cent in the second quarter.")[0]
    assert fields(r, "metric", "quantity", "supplier", "recipient") == {
        "metric": "supply_share", "quantity": 90, "supplier": "IR", "recipient": "RU"}


def test_a_target_after_an_output_figure_is_an_output_target() -> None:
    found = records("Ukrainian firms built about 1.2 million drones in 2024. For 2025 the "
                    "government's target is 4.5 million drones, the minister said.")
    assert [(r["metric"], r["quantity"], r["per"]) for r in found] == [
        ("production_rate", 1.2e6, "year"), ("production_rate", 4.5e6, "year")]


def test_a_target_for_someone_is_no_output() -> None:
    found = records("EU plants made 1 million shells in 2024. The bloc's target is 2 million "
                    "shells for Ukraine.")
    assert [r.get("metric") for r in found] == ["production_rate"]
