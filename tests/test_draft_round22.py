"""supplyline draft, round 22 (issue 25): rules found on the twenty-second blind set
(scored once before, with round 21's rules), each tested here on sentences of our own
(none is a phrase of an article)."""

from __future__ import annotations

import pytest

from tests.draft_helpers import records


@pytest.mark.parametrize(("text", "expected"), [
    ("Norway's latest aid package for Ukraine is worth EUR250 million.", ("EUR", 250e6)),
    ("The Netherlands has pledged USD40m for drones for Ukraine.", ("USD", 40e6)),
])
def test_a_currency_code_joined_to_its_number(text: str, expected: tuple[str, float]) -> None:
    r = records(text)[0]
    assert (r["unit"], r.get("quantity")) == expected


def test_a_running_total_of_a_state_s_commitments() -> None:
    r = records("That brings the total value of Sweden's military support commitments to Kyiv "
                "to about EUR7 billion since February 2022.")[0]
    assert (r["type"], r.get("supplier"), r.get("recipient"), r.get("quantity"),
            r.get("period_start")) == ("pledge", "SE", "UA", 7e9, "2022-02")


@pytest.mark.parametrize(("text", "expected"), [
    # a level to be reached is no utilisation
    ("The plant will make 200,000 shells a year once it reaches full capacity in 2027.", []),
    ("The factory should be working at full capacity by 2026, the company said.", []),
    # a level it runs at is
    ("The factory is running at full capacity, the company said.", [100]),
])
def test_full_capacity_reached_later_is_no_utilisation(text: str, expected: list[float]) -> None:
    assert [r.get("quantity") for r in records(text) if r.get("metric") ==
            "capacity_utilisation"] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Its plants made about 1.2 million artillery shells and mortar rounds last year.", None),
    ("The Radway Green plant makes about 40 million small-arms rounds a year.",
     "ammo_small_arms"),
    ("About 20,000 Bulgarian-made 122mm Grad rockets were re-exported to Ukraine last year.",
     "rocket_122mm"),
])
def test_goods_of_two_kinds_small_arms_rounds_and_a_calibre_after_origin(
        text: str, expected: str | None) -> None:
    assert records(text)[0].get("item") == expected


def test_re_exported_goods_were_shipped() -> None:
    r = records("About 20,000 Bulgarian-made 122mm Grad rockets were re-exported to Ukraine "
                "last year.")[0]
    assert (r["type"], r.get("supplier"), r.get("recipient")) == ("shipment", "BG", "UA")


@pytest.mark.parametrize(("text", "expected"), [
    ("Sweden sent shells. Latvia has chosen a site near Jekabpils for its planned shell plant. "
     "Officials say the plant will make up to 25,000 rounds a year from 2027.", "LV"),
    # "a Rheinmetall plant" is no state's own plant: the plant is no one's named
    ("Sweden sent shells. Work began on a Rheinmetall plant in Lithuania. The plant will make "
     "up to 30,000 shells a year.", None),
])
def test_the_plant_is_the_state_s_whose_plant_the_sentence_before_names(
        text: str, expected: str | None) -> None:
    assert records(text)[-1].get("subject") == expected
