"""supplyline draft, round 16 (issue 25): rules found on the fourteenth blind set (scored
once before), each tested here on sentences of our own (none is a phrase of an
article)."""

from __future__ import annotations

import pytest

from tests.draft_helpers import fields, records


def test_that_number_was_before_the_invasion() -> None:
    found = records("We are now producing about 40,000 rounds of 155mm shells a month. Before "
                    "the invasion, that number was roughly 14,000.")
    assert [(r["quantity"], r["per"], r["period_end"]) for r in found] == [
        (40000, "month", "2024-06-27"), (14000, "month", "2022-02")]


def test_a_calibre_with_no_item_of_its_own_still_counts_rounds() -> None:
    found = records("North Korea has provided Russia with more than 3.5 million artillery "
                    "shells since August 2023, including at least 100,000 170mm rounds.")
    assert [(r.get("quantity_low"), r["unit"]) for r in found] == [
        (3.5e6, "rounds"), (100000, "rounds")]


def test_an_agreement_that_commits_makers_to_deliver_is_a_pledge() -> None:
    r = records("A second agreement signed last year commits Korean makers to deliver another "
                "100,000 rounds to the U.S. Army.")[0]
    assert fields(r, "type", "quantity", "recipient") == {
        "type": "pledge", "quantity": 100000, "recipient": "US"}


@pytest.mark.parametrize("text", [
    "Latvia's forces have signed a 110-million-euro contract with Nammo for 155-mm ammunition "
    "for Latvia's own artillery.",
    "The government has earmarked roughly 100 million euros for the site, which will employ "
    "200 people.",
    "Scholz is refusing to sign off on an extra €3 billion package for Ukraine.",
    "The makers say output is now counted in dozens a month.",
])
def test_own_orders_plant_money_refusals_and_dozens_are_no_claims(text: str) -> None:
    assert records(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Tallinn has also put 10 million euros into the Czech initiative for Ukraine this year.",
     {"type": "pledge", "quantity": 10e6, "unit": "EUR", "supplier": "EE"}),
    ("Sweden announced Tuesday its largest package for Ukraine so far, worth SEK 13.5bn "
     "(about €1.2bn).", {"type": "pledge", "quantity": 1.2e9, "unit": "EUR", "supplier": "SE"}),
])
def test_money_put_in_or_a_package_worth_another_currency(text: str,
                                                         expected: dict[str, object]) -> None:
    assert fields(records(text)[0], *expected) == expected


def test_annual_capacity_that_should_reach_a_figure_is_a_yearly_aim() -> None:
    r = records("Across the bloc, annual production capacity for artillery ammunition should "
                "reach 1.7 million rounds by the end of 2024, according to the European "
                "Commission.")[0]
    assert fields(r, "metric", "quantity", "per", "period_end") == {
        "metric": "production_rate", "quantity": 1.7e6, "per": "year", "period_end": "2024-12"}


@pytest.mark.parametrize(("text", "quantity"), [
    ("German deliveries make up roughly one in every ten rounds Ukraine has received, the "
     "Kiel Institute estimates.", 10),
    ("North Korea supplies one in three shells Russia fires.", 33.33),
])
def test_one_in_n_is_a_share(text: str, quantity: float) -> None:
    found = records(text)
    assert [(r["metric"], r["quantity"], r["unit"]) for r in found] == [
        ("supply_share", quantity, "percent")]
