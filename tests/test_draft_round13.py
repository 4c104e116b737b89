"""supplyline draft, round 13 (issue 25): rules found on the eleventh blind set (scored
once before), each tested here on sentences of our own (none is a phrase of an
article)."""

from __future__ import annotations

import pytest

from tests.draft_helpers import fields, records


@pytest.mark.parametrize("text", [
    "The analyst raised her price target to €195 from €160.",
    "Thales will pay a dividend of €3.70 a share for 2024.",
    "Ukraine's air force said it had shot down 41 drones overnight.",
])
def test_a_firms_shares_and_shoot_downs_are_no_claims(text: str) -> None:
    assert records(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Sweden's contribution for this year is SEK 500 million, about €44 million, for drones.",
     {"type": "pledge", "quantity": 44e6, "unit": "EUR", "supplier": "SE", "recipient": None}),
    ("Norway added about 8bn kroner (€700m) for air defence for Ukraine.",
     {"type": "pledge", "quantity": 700e6, "unit": "EUR", "supplier": "NO", "recipient": "UA"}),
    ("On Sunday, the UK government announced a £1.6 billion ($2 billion) contract under "
     "which a Belfast firm will supply Ukraine with more than 5,000 missiles.",
     {"type": "pledge", "quantity": 2e9, "unit": "USD", "supplier": "GB", "recipient": "UA"}),
])
def test_money_given_in_another_currency_first(text: str, expected: dict[str, object]) -> None:
    """"contribution ... is SEK 500 million, about €44 million", "added about 8bn kroner
    (€700m)", a contract in pounds with its dollar value, for whom it will supply."""
    assert fields(records(text)[0], *expected) == expected


def test_a_contract_to_supply_is_a_pledge() -> None:
    r = records("In June, a Czech maker signed a contract to supply Ukraine with 30,000 rounds "
                "of 155mm ammunition by the end of the year.")[0]
    assert fields(r, "type", "quantity", "supplier", "recipient", "due_by") == {
        "type": "pledge", "quantity": 30000, "supplier": "CZ", "recipient": "UA",
        "due_by": "2024-12"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Estonian companies have sent more than 3,000 of their drones to Ukraine since May last "
     "year.", ("shipment", None, None, 3000, None)),
    ("Russian forces fired an estimated 3.5 million rounds over the course of 2024.",
     ("estimate", "consumption_rate", 3.5e6, None, None)),
    ("Germany bought 600 cruise missiles years ago; experts estimate that only around 150 "
     "of them are ready for use.", ("estimate", "stock", 150, None, None)),
    ("Estonian drones are less than 5 percent of what Ukraine uses.",
     ("estimate", "supply_share", None, None, 5)),
    ("Ukrainian crews now fire an estimated 300 to 400 LMMs a month.",
     ("estimate", "consumption_rate", None, 300, 400)),
])
def test_round_13_kinds_and_bounds(text: str, expected: tuple[object, ...]) -> None:
    """"N of their drones", "over the course of 2024", "ready for use", "of what Ukraine
    uses", LMMs."""
    r = records(text)[-1]
    assert (r["type"], r.get("metric"), r.get("quantity"), r.get("quantity_low"),
            r.get("quantity_high")) == expected


def test_the_same_year_as_the_figure_before() -> None:
    found = records("Russian forces fired about 3 million shells in 2024. Ukraine, by "
                    "contrast, fired fewer than 2 million shells in the same year.")
    assert [fields(r, "subject", "per", "period_end") for r in found] == [
        {"subject": "RU", "per": "year", "period_end": "2024"},
        {"subject": "UA", "per": "year", "period_end": "2024"}]


def test_goods_due_of_those_before_are_pledged() -> None:
    found = records("Britain ordered 3,000 missiles for Ukraine. The first 800 of those are "
                    "due in Ukraine by the end of this year, the firm said.")
    assert fields(found[-1], "type", "quantity", "supplier", "recipient", "due_by") == {
        "type": "pledge", "quantity": 800, "supplier": "GB", "recipient": "UA",
        "due_by": "2024-12"}


def test_output_raised_to_one_figure_from_another() -> None:
    found = records("MBDA has lifted output of the missile to 40 a month from about 20 before "
                    "the war.")
    assert [(r["quantity"], r["per"], r["period_end"]) for r in found] == [
        (40, "month", "2024-06-27"), (20, "month", "2022-02")]
