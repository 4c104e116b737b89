"""supplyline draft, round 8 (issue 25): rules found on the sixth blind set (mainstream
news styles; scored once before), each tested here on sentences of our own (none is a
phrase of an article)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.draft_helpers import records


def test_a_year_after_into_is_a_date_not_an_amount() -> None:
    """"has now slipped into 2026": no amount of 2026 rounds."""
    found = records("Output of 155mm shells was meant to reach 80,000 a month by the end of "
                    "2025. That goal has now slipped into 2026, officials said.")
    assert all(r.get("quantity") != 2026 for r in found)


@pytest.mark.parametrize(("text", "expected"), [
    ("Finland has announced its 25th aid package for Ukraine, worth 2.1 billion Swedish "
     "kronor, or roughly €190 million.", ("FI", "UA", 190e6, "EUR")),
    ("Austria said last week it would put another 40 million euros into the scheme.",
     ("AT", None, 40e6, "EUR")),
    ("Italy will put about €2 billion into air defence missiles for Ukraine.",
     ("IT", "UA", 2e9, "EUR")),
    ("The White House announced a $300 million drawdown for Ukraine on Friday.",
     ("US", "UA", 300e6, "USD")),
])
def test_money_put_into_a_scheme_or_a_package_worth_it_is_pledged(
        text: str, expected: tuple[Any, ...]) -> None:
    found = records(text)
    assert [(r["type"], r.get("supplier"), r.get("recipient"), r["quantity"], r["unit"])
            for r in found] == [("pledge", *expected)]


def test_drones_held_back_are_a_stock() -> None:
    found = records("Russia has been holding back as many as 1,500 drones for larger raids.")
    assert [(r["metric"], r["subject"], r["quantity_high"]) for r in found] == [
        ("stock", "RU", 1500)]


def test_drones_that_were_sent_against_cities_were_used() -> None:
    found = records("On the night of 3 May, 540 drones were sent against cities across "
                    "Ukraine.")
    assert [(r["type"], r["metric"], r["per"], r["period_end"]) for r in found] == [
        ("estimate", "consumption_rate", "day", "2024-05-03")]


@pytest.mark.parametrize(("text", "moved"), [
    ("Some 9,000 containers of munitions have left North Korea for Russia since August "
     "2023.", True),
    ("Russia still has 2 million shells left for the winter.", False),
])
def test_goods_that_left_a_country_for_another(text: str, moved: bool) -> None:
    """"left North Korea for Russia" moves goods; "shells left for the winter" are held."""
    found = records(text)
    assert [r["type"] for r in found] == ["shipment" if moved else "estimate"]
    if moved:
        assert (found[0]["supplier"], found[0]["recipient"], found[0]["period_start"]) == (
            "KP", "RU", "2023-08")


@pytest.mark.parametrize(("text", "expected"), [
    ("The Czech initiative aims to supply at least 1.8 million rounds in 2025.",
     {"due_by": "2025"}),
    ("Germany will deliver 20,000 shells to Ukraine next year.", {"due_by": "2025"}),
    ("Sweden said this month it would add €100 million for Ukraine.",
     {"period_start": "2024-06"}),
])
def test_a_year_goods_will_be_delivered_in_is_when_they_are_due(
        text: str, expected: dict[str, str]) -> None:
    """"aims to supply N in 2025": due by 2025, not pledged in 2025; when a state said it
    would pay stays when it was pledged."""
    found = records(text)
    assert [r["type"] for r in found] == ["pledge"]
    assert {k: found[0].get(k) for k in ("period_start", "due_by")} == {
        "period_start": None, "due_by": None, **expected}


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia fired some 3,000 drones at Ukraine in May, the air force said, together with "
     "more than 120 missiles.", (120, "missile_unspecified", "month", "2024-05")),
    ("Russia launched 5,000 drones at Ukraine in May. The drones were accompanied by 170 "
     "missiles.", (170, "missile_unspecified", "month", "2024-05")),
    ("The plant made 200,000 rounds a year in 2023. That compares with about 40,000 rounds "
     "in 2021, the director said.", (40000, "shell_artillery", "year", "2021")),
])
def test_goods_counted_alongside_or_against_the_rate_before(
        text: str, expected: tuple[Any, ...]) -> None:
    """"together with", "accompanied by", "compares with": the rate of the claim before,
    for these goods (not the item before), in its period unless they have their own."""
    r = records(text)[-1]
    assert (r.get("quantity") or r.get("quantity_low"), r["item"], r["per"],
            r["period_end"]) == expected
    assert r["metric"] == records(text)[0]["metric"]


def test_the_total_was_up_from_a_figure_before() -> None:
    found = records("Russia launched 4,400 drones at Ukraine in May. The total was up from "
                    "3,900 in April.")
    assert [(r["quantity"], r["per"], r["period_end"]) for r in found] == [
        (4400, "month", "2024-05"), (3900, "month", "2024-04")]


def test_the_aim_to_reach_a_rate_is_the_rate_before() -> None:
    found = records("The plant made 200,000 rounds a year in 2023. The company aims to "
                    "reach 350,000 rounds a year by 2026.")
    assert [(r["metric"], r["quantity"], r["period_end"]) for r in found] == [
        ("production_rate", 200000, "2023"), ("production_rate", 350000, "2026")]


def test_money_used_to_buy_goods_for_ukraine_and_the_goods_are_pledged() -> None:
    """"will use £1.6 billion (about $2 billion) of export finance to buy 5,000 missiles
    for Ukraine": the dollars and the missiles are both pledged (pounds are no unit)."""
    found = records("Britain will use £1.2 billion (about $1.5 billion) of export finance to "
                    "buy more than 4,000 air defence missiles for Ukraine, the prime minister "
                    "announced on Sunday.")
    assert [(r["type"], r["supplier"], r["recipient"], r["unit"], r.get("quantity") or
             r.get("quantity_low")) for r in found] == [
        ("pledge", "GB", "UA", "USD", 1.5e9), ("pledge", "GB", "UA", "units", 4000)]


@pytest.mark.parametrize("text", [
    "Canada will provide CAD 100 million for the joint purchase of ammunition.",
    "Sweden gave SEK 500 million to the fund, and Norway NOK 300 million.",
])
def test_a_sum_in_a_currency_no_unit_has_is_no_amount_of_goods(text: str) -> None:
    assert records(text) == []


def test_a_programme_got_goods_to_a_country() -> None:
    found = records("The Czech programme got about 1.5 million shells to Ukraine in 2023.")
    assert [(r["type"], r["supplier"], r["recipient"], r["measure"], r["period_start"])
            for r in found] == [("shipment", "CZ", "UA", "increment", "2023")]


def test_a_drawdown_that_includes_goods() -> None:
    found = records("On Jan. 9, the Biden administration announced its last package for "
                    "Ukraine, a $500 million drawdown that includes 155mm rounds.")
    assert [(r["type"], r["supplier"], r["recipient"], r["quantity"], r["period_start"])
            for r in found] == [("pledge", "US", "UA", 5e8, "2024-01-09")]


def test_what_was_delivered_then_fired_was_delivered() -> None:
    """"has delivered more than 100 missiles, ..., which have been fired at Kyiv": a
    shipment, not a use."""
    found = records("North Korea sent 2 million shells to Russia in 2023. Officials think "
                    "the North has also delivered more than 100 short-range ballistic "
                    "missiles, the KN-23 and KN-24, which have been fired at Kyiv.")
    assert [(r["type"], r["supplier"], r["recipient"], r["item"]) for r in found][-1] == (
        "shipment", "KP", "RU", "missile_srbm")


@pytest.mark.parametrize(("text", "expected"), [
    ("North Korea has now sent Russia roughly 28,000 containers of munitions since August "
     "2023, up from about 20,000 at the start of the year.",
     [("shipment", 28000, "2023-08", None), ("shipment", 20000, None, None)]),
    ("Donors had delivered about 3.5 million shells to Ukraine by the end of December and "
     "promised a further 1.2 million that had yet to arrive.",
     [("shipment", 3.5e6, None, None), ("pledge", 1.2e6, None, None)]),
    ("The EU has delivered about 524,000 shells to Ukraine so far, officials say, and now "
     "expects to pass 1.1 million by the end of the year.",
     [("shipment", 524000, None, None), ("pledge", 1.1e6, None, "2024-12")]),
    ("The EU has sent 330,000 shells to Ukraine. Deliveries would reach 524,000 by the end "
     "of March and more than 1.1 million by December, he said.",
     [("shipment", 330000, None, None), ("pledge", 524000, None, "2025-03"),
      ("pledge", 1.1e6, None, "2024-12")]),
])
def test_a_figure_before_a_later_or_expected_one(text: str,
                                                 expected: list[tuple[Any, ...]]) -> None:
    """"up from about 20,000", "promised a further 1.2 million that ...", "expects to pass
    1.1 million by the end of the year" (at least, and due then), "would reach 524,000 by
    March and more than 1.1 million by December"."""
    found = records(text)
    assert [(r["type"], r.get("quantity") or r.get("quantity_low"), r.get("period_start"),
             r.get("due_by")) for r in found] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("In March, Ukrainian manufacturers handed over more than 150,000 FPV drones to the "
     "troops under state contracts.", ("UA", "month", "2024-03")),
    ("Ukraine's drone makers work at 40 percent of capacity. Its members delivered close to "
     "180,000 FPV drones to the army in May, the association said.", ("UA", "month", "2024-05")),
    ("Front-line units now receive more than 150,000 FPV drones a month, most of them built "
     "by domestic manufacturers.", (None, "month", "2024-06-27")),
])
def test_makers_handing_goods_to_their_own_army_is_output(text: str,
                                                          expected: tuple[Any, ...]) -> None:
    r = records(text)[-1]
    assert (r["type"], r["metric"], r.get("subject"), r["per"], r["period_end"]) == (
        "estimate", "production_rate", *expected)


def test_a_state_delivering_to_another_states_army_is_a_shipment() -> None:
    found = records("Germany delivered 10,000 shells to the Ukrainian army in May.")
    assert [(r["type"], r["supplier"], r["recipient"]) for r in found] == [
        ("shipment", "DE", "UA")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Ukrainian officers describe an ordinary day at the front as one on which the guns fire "
     "somewhere between 5,000 and 7,000 rounds.",
     ("estimate", "consumption_rate", 5000, 7000, "day")),
    ("Russian guns were firing 10 million rounds a year in 2022. Today, on our estimates, "
     "it's somewhere between 2 and 3 million a year.",
     ("estimate", "consumption_rate", 2e6, 3e6, "year")),
    ("We put Russia's remaining stock of Soviet-era rounds at fewer than 4 million.",
     ("estimate", "stock", None, 4e6, None)),
])
def test_an_ordinary_day_what_it_is_now_and_what_a_source_puts_a_stock_at(
        text: str, expected: tuple[Any, ...]) -> None:
    r = records(text)[-1]
    assert (r["type"], r["metric"], r.get("quantity_low"), r.get("quantity_high"),
            r.get("per")) == expected


def test_total_commitments_that_stand_at_a_sum() -> None:
    found = records("Its total commitments of military aid to Ukraine since 2022 stand at DKK "
                    "50 billion, about €6.7 billion, or over 2 percent of GDP.")
    assert [(r["type"], r["recipient"], r["quantity"], r["unit"]) for r in found] == [
        ("pledge", "UA", 6.7e9, "EUR")]


@pytest.mark.parametrize(("text", "suppliers"), [
    ("In March partners delivered over 100 thousand 155mm rounds to Ukraine under the "
     "Czech-led initiative.", ["CZ"]),
    ("Partners delivered 160,000 rounds to Ukraine in May, of which about 90,000 came "
     "through the Czech initiative.", [None, "CZ"]),
])
def test_goods_under_a_states_initiative_are_its_supply(text: str,
                                                        suppliers: list[str | None]) -> None:
    assert [r.get("supplier") for r in records(text)] == suppliers


def test_an_estimate_naming_no_one_is_the_articles_main_party() -> None:
    """An article about one state's output, whose sentence names no one: that state,
    when the article names it at least twice as often as any other."""
    found = records("The US Army is expanding shell production. US plants are being "
                    "modernised, US officials said, with help from Canada. The service "
                    "currently produces about 40,000 155mm rounds per month.")
    assert [(r["metric"], r["subject"], r["quantity"]) for r in found] == [
        ("production_rate", "US", 40000)]
