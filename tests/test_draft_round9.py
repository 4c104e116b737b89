"""supplyline draft, round 9 (issue 25): rules found on the seventh blind set (mainstream
news styles; scored once before), each tested here on sentences of our own (none is a
phrase of an article)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.draft_helpers import records


def kinds(text: str) -> list[tuple[Any, ...]]:
    return [(r["type"], r.get("metric"), r.get("quantity") or r.get("quantity_low")
             or r.get("quantity_high")) for r in records(text)]


@pytest.mark.parametrize("text", [
    "Norway said it would give an additional 40 million Canadian dollars to the fund.",
    "Seoul has pledged $1.5 billion in humanitarian and reconstruction aid for Ukraine.",
    "The new programming law provides 400 billion euros for defence over seven years.",
    "Romania has ordered dozens of tanks under contracts worth more than $4 billion.",
])
def test_money_that_buys_no_arms_for_anyone_is_no_claim(text: str) -> None:
    """Canadian dollars are no US dollars; humanitarian aid, a state's own defence budget
    and its own orders pledge nothing to anyone."""
    assert records(text) == []


def test_an_order_for_another_state_is_still_pledged() -> None:
    assert kinds("Germany ordered 100,000 shells for Ukraine.") == [("pledge", None, 100000)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The new US package holds roughly 80,000 rounds of 155mm ammunition, an official said.",
     [("pledge", None, 80000)]),
    ("Ukraine will also get about 15,000 rounds of 105mm ammunition, the official said.",
     [("pledge", None, 15000)]),
    ("Prague still expects to get 400,000 shells to Ukraine by the end of the year.",
     [("pledge", None, 400000)]),
    ("Russia still holds an estimated 3 million shells in its depots.",
     [("estimate", "stock", 3e6)]),
])
def test_what_a_package_holds_and_what_a_state_will_get(text: str,
                                                        expected: list[tuple[Any, ...]]) -> None:
    """A package "holds" goods it pledges, but a state that "holds" shells has a stock;
    "will get" goods is their pledge, and so is to "get N shells to Ukraine"."""
    assert kinds(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("About 1,500 containers crossed the rail bridge from North Korea to Russia in "
     "September alone.", ("shipment", "KP", "RU", 1500, "containers")),
    ("Trains carried about 50,000 tonnes of cargo from North Korea to Russia between June "
     "and August.", ("shipment", "KP", "RU", 50000, "metric_tons")),
])
def test_goods_that_crossed_or_were_carried(text: str, expected: tuple[Any, ...]) -> None:
    found = records(text)
    assert [(r["type"], r["supplier"], r["recipient"], r["quantity"], r["unit"])
            for r in found] == [expected]


def test_a_wagon_that_can_carry_is_still_a_conversion() -> None:
    found = records("A typical wagon can carry 60 tonnes, or about 1,000 152mm shells.")
    assert [r["type"] for r in found] == ["conversion"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Last March the bloc agreed a €4 billion top-up of the fund for military aid to "
     "Ukraine.", [("pledge", None, 4e9)]),
    ("The plant now completes some 2,000 Geran-2 drones a month.",
     [("estimate", "production_rate", 2000)]),
    ("Roughly 120,000 FPV drones now roll off Ukrainian assembly lines each month.",
     [("estimate", "production_rate", 120000)]),
    ("Zelensky said that Russia had launched some 1,100 attack drones over seven days.",
     [("estimate", "consumption_rate", 1100)]),
    ("Russian forces fire about 8,000 rounds a day. In 2022, on the heaviest days, they "
     "fired as many as 35,000.",
     [("estimate", "consumption_rate", 8000), ("estimate", "consumption_rate", 35000)]),
    ("Russian ammunition plants are running at nearly 85 percent of what they can do.",
     [("estimate", "capacity_utilisation", 85)]),
    ("Our rule of thumb is that one metric ton of packed 152mm ammunition works out at about "
     "25 rounds.", [("conversion", None, None)]),
])
def test_round_9_phrasings(text: str, expected: list[tuple[Any, ...]]) -> None:
    """"agreed a top-up", "completes N drones a month", "roll off assembly lines", "over
    seven days", "on the heaviest days they fired as many as N", "N percent of what they
    can do", "one ton ... works out at N rounds"."""
    assert kinds(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("France plans to deliver some 70,000 155mm shells in 2025, compared with about 25,000 "
     "sent to Ukraine in 2024.", [("pledge", 70000, None), ("shipment", 25000, "2024")]),
    ("French factories now produce 3,000 shells a month. The objective is to double that to "
     "6,000 a month by the end of the year.",
     [("estimate", 3000, None), ("estimate", 6000, None)]),
])
def test_a_figure_compared_with_or_doubled_from_another(text: str,
                                                        expected: list[tuple[Any, ...]]) -> None:
    assert [(r["type"], r.get("quantity"), r.get("period_start")) for r in records(text)] == \
        expected


def test_a_tenth_of_what_a_bloc_gave_is_a_supply_share() -> None:
    found = records("In 2023 French shells amounted to only about a tenth of the artillery "
                    "ammunition that European countries gave Ukraine.")
    assert [(r["metric"], r["quantity"], r["supplier"]) for r in found] == [
        ("supply_share", 10, "FR")]
