"""supplyline draft, round 26 (issue 25): rules found on the twenty-fifth blind set
(scored once before, with round 25's rules), each tested here on sentences of our own
(none is a phrase of an article)."""

from __future__ import annotations

import datetime as dt

import pytest

from supplyline.ingest.draft.when import find_dates
from tests.draft_helpers import fields, records


def test_a_number_after_to_that_is_smaller_is_no_range() -> None:
    r = records("Serbian factories sold shells worth about $200 million to three Turkish "
                "traders in 2023.")[0]
    assert fields(r, "quantity", "quantity_low", "quantity_high", "unit") == {
        "quantity": 200e6, "quantity_low": None, "quantity_high": None, "unit": "USD"}


def test_a_range_still_rises() -> None:
    r = records("Russia fires between 10,000 and 15,000 shells a day.")[0]
    assert (r.get("quantity_low"), r.get("quantity_high")) == (10000, 15000)


def test_a_word_that_starts_like_a_unit_is_no_unit() -> None:
    # "European" holds "euro": two European capitals are no sum of money
    assert records("Shells made in India reached Ukraine after being sold to buyers, "
                   "officials in two European capitals said.") == []


@pytest.mark.parametrize("text", [
    "Kyiv got shells. The law sets aside 300 billion euros for the country's own forces "
    "between 2024 and 2030.",
    "Kyiv got drones. The plant, which the firm financed with an investment of about "
    "$80 million, opened in May.",
])
def test_money_for_a_state_s_own_forces_or_a_plant_is_no_claim(text: str) -> None:
    assert [r for r in records(text) if r["unit"] in ("EUR", "USD")] == []


def test_what_a_correction_withdraws_is_no_claim() -> None:
    found = records("Correction: An earlier version of this article said Canada had sent "
                    "Ukraine more than 200,000 shells. Canada has sent about 20,000 shells.")
    assert [r.get("quantity") for r in found] == [20000]


@pytest.mark.parametrize(("phrase", "expected"), [
    ("in the financial year to March 2024", ("2023-04", "2024-03")),
    ("in the 12 months to March 2024", ("2023-04", "2024-03")),
    ("in the fiscal year ending in September 2024", ("2023-10", "2024-09")),
    ("in the year to June 2025", ("2024-07", "2025-06")),
])
def test_twelve_months_ending_in_a_month_named(phrase: str, expected: tuple) -> None:
    text = f"Exports rose {phrase}."
    dates = find_dates(text, 0, len(text), dt.date(2025, 9, 1))
    assert [(d.first, d.last) for d in dates] == [expected]


def test_exports_that_rose_to_a_sum_and_the_sum_they_are_set_against() -> None:
    found = records("Customs data show that ammunition exports from Serbia to Poland rose to "
                    "about $30 million in 2023. That compares with about $4 million in 2021.")
    assert [fields(r, "type", "supplier", "recipient", "quantity", "period_start")
            for r in found] == [
        {"type": "shipment", "supplier": "RS", "recipient": "PL", "quantity": 30e6,
         "period_start": "2023"},
        {"type": "shipment", "supplier": "RS", "recipient": "PL", "quantity": 4e6,
         "period_start": "2021"}]


def test_a_price_set_against_an_older_price_is_no_claim() -> None:
    found = records("Serbia sold shells worth $30 million to Poland in 2023. A shell now "
                    "costs around €5,000, up from less than €1,500 in 2021.")
    assert [r.get("quantity") for r in found] == [30e6]


@pytest.mark.parametrize("text", [
    "Norway pledged 300 million euros in March for artillery shells made in Ukraine.",
    "Germany will pay for 100,000 shells made in Ukraine.",
])
def test_goods_paid_for_go_where_they_are_made(text: str) -> None:
    r = records(text)[0]
    assert (r["type"], r.get("recipient")) == ("pledge", "UA")


def test_a_demonym_before_two_kinds_of_plants_acts() -> None:
    r = records("Brazilian state and private factories make about 50,000 shells a year.")[0]
    assert (r.get("metric"), r.get("subject")) == ("production_rate", "BR")


def test_an_aim_for_the_figure_before_in_a_later_clause() -> None:
    found = records("Turkish plants produce about 100,000 155mm shells a year, officials say, "
                    "and they plan to double that to 200,000 by 2026.")
    assert [fields(r, "quantity", "per", "subject", "period_end") for r in found][1] == {
        "quantity": 200000, "per": "year", "subject": "TR", "period_end": "2026"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Thales Australia makes about 3,000 155mm shells a year at Benalla.", "AU"),
    ("Rheinmetall Hungary makes about 30,000 rounds a year.", "HU"),
    ("Rheinmetall makes about 30,000 rounds a year.", "DE"),
])
def test_a_firm_named_with_a_state_is_that_state_s_arm(text: str, expected: str) -> None:
    assert records(text)[0].get("subject") == expected


def test_victoria_is_no_state() -> None:
    r = records("Australia's Benalla plant, in north-east Victoria, filled about 3,000 "
                "shells last year.")[0]
    assert r.get("subject") == "AU"


def test_japan_s_forces_hold_a_stock() -> None:
    r = records("The Self-Defense Forces hold an estimated 900 Patriot missiles.")[0]
    assert fields(r, "metric", "subject", "quantity") == {
        "metric": "stock", "subject": "JP", "quantity": 900}


def test_who_output_is_made_for_is_not_who_makes_it() -> None:
    r = records("Japan's arms industry is small. Its makers produce fewer than 8,000 155mm "
                "rounds a year for the Ground Self-Defense Force.")[0]
    assert (r.get("metric"), r.get("subject")) == ("production_rate", "JP")


def test_a_state_s_order_after_an_arms_maker_is_named_is_bought_from_it() -> None:
    r = records("Baykar has sold drones to 30 countries. Kyiv also ordered 24 more TB2s in "
                "2023, with delivery due by the end of this year.")[0]
    assert fields(r, "type", "supplier", "recipient", "quantity") == {
        "type": "pledge", "supplier": "TR", "recipient": "UA", "quantity": 24}


def test_a_firm_s_booked_orders_are_no_pledge() -> None:
    assert records("Thales said on Monday that Thales Belgium booked orders worth more than "
                   "€300mn in the half.") == []


@pytest.mark.parametrize("text", [
    "Ukraine got drones. The maker waived its price of around $4 million an aircraft.",
    "Ukraine got drones. Trade between Turkey and Russia reached about $50 billion in 2024.",
    "Ukraine got drones. Tokyo approved a record defense budget of 7 trillion yen, or about "
    "$50 billion, for the fiscal year from April.",
])
def test_prices_trade_and_defence_budgets_are_no_claims(text: str) -> None:
    assert [r for r in records(text) if r["unit"] in ("EUR", "USD")] == []


def test_a_sale_turned_down_is_no_claim() -> None:
    assert records("Brazil turned down a German request to sell about 300,000 rounds of "
                   "tank ammunition in 2023.") == []


def test_goods_named_before_by_what_they_are() -> None:
    found = records("In 2024, domestic makers delivered about 6,000 long-range strike drones "
                    "to the Armed Forces. Production has accelerated since: in February "
                    "alone, the military received more than 2,000 of the aircraft.")
    assert [fields(r, "metric", "quantity_low", "per", "item") for r in found][1] == {
        "metric": "production_rate", "quantity_low": 2000, "per": "month",
        "item": "drone_combat"}


def test_a_model_s_number_is_no_count() -> None:
    r = records("Sweden has sent more than 100 RBS 70 missiles to Ukraine since 2022.")[0]
    assert (r.get("quantity"), r.get("quantity_low")) == (None, 100)


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia makes Shahed drones. Over the whole of 2023, Russia probably built "
     "8,000\u201310,000 of them.", (8000, 10000)),
    ("Ukraine fires Grad rockets. Its crews fire somewhere between 400 and 600 of them in a "
     "typical month.", (400, 600)),
])
def test_a_range_of_the_goods_named_before(text: str, expected: tuple) -> None:
    r = records(text)[0]
    assert (r.get("quantity_low"), r.get("quantity_high")) == expected


def test_a_currency_code_is_no_model_name() -> None:
    assert records("Lithuania gave EUR 200 million to Ukraine.")[0]["quantity"] == 200e6


@pytest.mark.parametrize(("text", "expected"), [
    ("Analysts estimate Russia's annual output of artillery shells at around three million.",
     ("RU", 3e6, "year", "shell_artillery")),
    ("The report puts Russia's output of shells last year at 4.5 million.",
     ("RU", 4.5e6, "year", "shell_artillery")),
    ("Spain plans to raise output of 155mm shells to 200,000 a year by 2026.",
     ("ES", 200000, "year", "shell_155mm")),
    ("Diehl wants to lift its output of mortar rounds across all sites to 150,000 a year "
     "by 2027.", ("DE", 150000, "year", "mortar_round")),
])
def test_output_put_at_or_raised_to_a_level(text: str, expected: tuple) -> None:
    r = records(text)[0]
    assert (r.get("metric"), r.get("subject"), r.get("quantity"), r.get("per"),
            r.get("item")) == ("production_rate", *expected)
