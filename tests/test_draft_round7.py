"""supplyline draft, round 7 (issue 25): rules found on the fifth blind set (scored once
before), each tested here on sentences of our own (none is a phrase of an article)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.draft_helpers import fields, records


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia says it has a million shells in stock. And its own factories make 2 to 2.5 "
     "million a year.", {"quantity_low": 2e6, "quantity_high": 2.5e6, "subject": "RU"}),
    ("North Korea makes artillery shells. It produces between 2 and 3 million a year.",
     {"quantity_low": 2e6, "quantity_high": 3e6, "subject": "KP"}),
])
def test_a_bare_range_after_a_verb_is_a_range(text: str, expected: dict[str, Any]) -> None:
    """"make 2 to 2.5 million a year" is 2 to 2.5 million, not 2."""
    found = [r for r in records(text) if r.get("per")]
    assert [(r["metric"], r["per"]) for r in found] == [("production_rate", "year")]
    assert fields(found[0], *expected) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Line 4. Polish artillery fire. Between 900 and 1,200 rounds a day on quiet days.",
     ("consumption_rate", "PL", "day", 900, 1200)),
    ("Line 5. Iranian production of new drones. Between 300 and 400 a month, our sources "
     "think.", ("production_rate", "IR", "month", 300, 400)),
    ("Shells. French output of new shells. About 8,000 a month.",
     ("production_rate", "FR", "month", None, None)),
])
def test_a_line_without_a_verb_goes_on_from_the_line_before(
        text: str, expected: tuple[Any, ...]) -> None:
    """A table written out line by line ("Ukrainian artillery fire. Between 2,000 and 2,500
    rounds a day"): the rate is made or used as the line before says, by its party."""
    found = records(text)
    assert [(r["metric"], r["subject"], r["per"], r.get("quantity_low"),
             r.get("quantity_high")) for r in found] == [expected]


def test_a_verb_after_the_rate_in_another_clause_gives_it_no_metric() -> None:
    """"destroyed 48 drones overnight ..., adding that Kyiv had fired four missiles": the
    48 were shot down, not launched; no rate is drafted from the later "fired"."""
    found = records("Air defences destroyed 48 drones over six regions overnight, the "
                    "ministry said, adding that Kyiv had also fired four missiles at Kursk.")
    assert all(r.get("quantity") != 48 for r in found)


@pytest.mark.parametrize(("text", "expected"), [
    ("Denmark unveiled a package of 2.5 billion kroner, or roughly 335 million euros, for "
     "Ukraine on Friday.", ("DK", "UA", 335e6, "EUR", None)),
    ("Poland will pay 1.2 billion zlotys, or about 280 million euros, for artillery shells "
     "for Ukraine.", ("PL", "UA", 280e6, "EUR", "shell_artillery")),
    ("Belgium would spend €200 million on ammunition for Ukraine this year.",
     ("BE", "UA", 200e6, "EUR", None)),
    ("The Netherlands said on Monday it would spend €500 million on drones for Ukraine.",
     ("NL", "UA", 500e6, "EUR", "drone_combat")),
    ("Sweden added SEK 2 billion (about $190m) to its fund for Ukrainian drones.",
     ("SE", "UA", 190e6, "USD", "drone_combat")),
])
def test_money_a_state_will_spend_or_adds_is_pledged(text: str, expected: tuple[Any, ...]
                                                     ) -> None:
    """A package's value in euros after its value in kroner; money a state "will pay" or
    "would spend" on goods for Ukraine; a sum "added" to a fund (no one speaks: "Sweden
    added" is no attribution here)."""
    found = records(text)
    assert [(r["type"], r["supplier"], r["recipient"], r["quantity"], r["unit"],
             r.get("item")) for r in found] == [("pledge", *expected)]
    assert found[0]["source"] == ("Test Wire" if "said" not in text else "The Netherlands")


@pytest.mark.parametrize("text", [
    "Russia spent $10 billion on drones last year.",
    "Of the €2 billion, €1.2 billion has already been spent.",
    "Rheinmetall (€55bn) and Thales (€40bn) have the largest order books.",
    "Denmark (population 6 million) gave more than most.",
])
def test_money_spent_and_sums_in_brackets_that_are_no_aid(text: str) -> None:
    assert [r for r in records(text) if r["type"] == "pledge"] == []


def test_donors_with_their_sums_in_brackets() -> None:
    """"Norway (€5.1bn) and Finland (€2.4bn) are among the largest donors": one pledge
    each, by the party whose name the sum follows."""
    found = records("Norway (€5.1bn) and Finland (€2.4bn) are among the largest donors of "
                    "military aid to Ukraine.")
    assert [(r["type"], r["supplier"], r["recipient"], r["quantity"]) for r in found] == [
        ("pledge", "NO", "UA", 5.1e9), ("pledge", "FI", "UA", 2.4e9)]


def test_what_one_tonne_of_cargo_counts_as_is_a_conversion() -> None:
    found = records("For port data we count one tonne of cargo as about 25 rounds of 152mm "
                    "ammunition.")
    assert [fields(r, "type", "from_unit", "to_unit", "factor", "item") for r in found] == [
        {"type": "conversion", "from_unit": "metric_tons", "to_unit": "rounds",
         "factor": 25, "item": "shell_152mm"}]


@pytest.mark.parametrize("text", [
    "One tonne of TNT fills around 120 155mm shells, an engineer said.",
    "One tonne of explosive is enough to fill about 80 of the 155mm shells.",
])
def test_explosive_that_fills_shells_is_no_cargo(text: str) -> None:
    """A tonne of explosive fills many more shells than a tonne of cargo holds: no
    conversion (it would inflate any tonnage it converted)."""
    assert [r for r in records(text) if r["type"] == "conversion"] == []


def test_a_part_of_the_amount_before_it_has_its_period() -> None:
    """"160,000 rounds in May, of which about 90,000 came through ..." : the 90,000 are
    counted, in May too."""
    found = records("Partners delivered 160,000 rounds of 155mm ammunition to Ukraine in "
                    "May, of which about 90,000 came through the Czech initiative.")
    assert [(r["quantity"], r["measure"], r["period_start"], r["period_end"]) for r in found
            ] == [(160000, "increment", "2024-05", "2024-05"),
                  (90000, "increment", "2024-05", "2024-05")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Rheinmetall expects to make about 500,000 shells next year.",
     ("estimate", "DE", None)),
    ("Baykar has delivered around 40 drones to Ukraine since 2022.",
     ("shipment", "TR", "UA")),
    ("Hanwha will supply 30,000 rounds to Poland by December.", ("pledge", "KR", "PL")),
])
def test_an_arms_maker_stands_for_its_state(text: str, expected: tuple[Any, ...]) -> None:
    """An analyst records a firm's output or deliveries under its home state."""
    found = records(text)
    r = found[0]
    assert (r["type"], r.get("subject") or r.get("supplier"), r.get("recipient")) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Russian plants turned out about two and a half million new shells last year.",
     ("production_rate", "RU", 2.5e6, "year", "2023")),
    ("Ukrainian guns fire between 6,000 and 8,000 rounds a day.",
     ("consumption_rate", "UA", None, "day", "2024-06-27")),
    ("Russia fired 3,000 glide bombs in a single week, the president said.",
     ("consumption_rate", "RU", 3000, "week", "2024-06-27")),
    ("Polish plants make fewer than 30,000 rounds of 155mm ammunition a year. The goal is to "
     "reach about 180,000 a year by 2028.", ("production_rate", "PL", 180000, "year", "2028")),
])
def test_rates_in_words_by_guns_in_a_single_week_and_the_goal_to_reach(
        text: str, expected: tuple[Any, ...]) -> None:
    """"two and a half million"; "Ukrainian guns" fire; "in a single week" is a rate per
    week; "The goal is to reach about 180,000 a year" is the rate before, heading there."""
    r = records(text)[-1]
    assert (r["metric"], r["subject"], r.get("quantity"), r["per"], r["period_end"]) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Germany's latest package includes 20,000 rounds of 155mm ammunition and four IRIS-T "
     "launchers.", ("DE", None, 20000, "shell_155mm", "Test Wire")),
    ("Denmark's 19th aid package will include 30,000 shells for Ukraine.",
     ("DK", "UA", 30000, "shell_artillery", "Test Wire")),
    ("The new US aid package, announced on Tuesday, includes 50 million rounds of small arms "
     "ammunition.", ("US", None, 50e6, "ammo_small_arms", "Test Wire")),
])
def test_what_an_aid_package_includes_is_pledged(text: str, expected: tuple[Any, ...]
                                                 ) -> None:
    """Goods a package "includes" are pledged by whose package it is ("announced on
    Tuesday" is no one speaking)."""
    found = records(text)
    assert [(r["type"], r["supplier"], r.get("recipient"), r["quantity"], r["item"],
             r["source"]) for r in found] == [("pledge", *expected)]


def test_a_plan_that_includes_goods_is_still_no_claim() -> None:
    assert records("The plan, which includes 5,000 drones, was discussed.") == []


@pytest.mark.parametrize(("phrase", "start"), [
    ("since the war began", "2022-02"),
    ("since the start of the full-scale invasion", "2022-02"),
    ("since Russia invaded", "2022-02"),
    ("since Russia's invasion", "2022-02"),
    ("since the war began in 2014", None),
])
def test_since_the_invasion_starts_the_count_in_february_2022(phrase: str,
                                                              start: str | None) -> None:
    found = records(f"Washington has sent more than 3 million rounds to Kyiv {phrase}.")
    assert [(r["measure"], r.get("period_start")) for r in found] == [("cumulative", start)]
