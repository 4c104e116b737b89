"""supplyline draft, round 18 (issue 25): rules found on the seventeenth blind set (scored
once before), each tested here on sentences of our own (none is a phrase of an
article)."""

from __future__ import annotations

import pytest

from tests.draft_helpers import fields, kind_and_bounds, records


def test_the_lines_of_a_list_without_bullets_go_on_with_its_verb() -> None:
    found = records("The following items were handed over to the Armed Forces of Ukraine in "
                    "2024:\n155 mm artillery ammunition \u2013 more than 35,000 rounds;\n"
                    "FPV drones \u2013 3,100 units;")
    assert [(r["type"], r.get("quantity_low") or r.get("quantity"), r["recipient"])
            for r in found] == [("shipment", 35000, "UA"), ("shipment", 3100, "UA")]


@pytest.mark.parametrize(("text", "expected"), [
    ("One chart put Ukraine's monthly use of 155mm shells at roughly 110,000 rounds.",
     ("estimate", "consumption_rate", 110000, None, None)),
    ("Kupol plans to build 6,000 Garpiya-A1 long-range drones this year.",
     ("estimate", "production_rate", 6000, None, None)),
    ("Kupol plans to build 6,000 drones this year. By August the plant was completing "
     "roughly 500 a month, the documents show.", ("estimate", "production_rate", 500, None,
                                                   None)),
    ("Belgium announced it would chip in €200 million to the scheme for Ukraine.",
     ("pledge", None, 200e6, None, None)),
])
def test_round_18_kinds_and_bounds(text: str, expected: tuple[object, ...]) -> None:
    """"put X's monthly use of Y at N", a model name with a letter and a number, a bare
    number after a verb of making with its rate, "chip in"."""
    assert kind_and_bounds(records(text)[-1]) == expected


def test_a_rate_put_at_a_figure_is_per_its_period() -> None:
    r = records("One chart put Ukraine's monthly use of 155mm shells at roughly 110,000 "
                "rounds.")[0]
    assert fields(r, "subject", "per") == {"subject": "UA", "per": "month"}


@pytest.mark.parametrize("text", [
    "Another describes deliberations in Seoul over whether to sell 330,000 rounds of 155mm "
    "ammunition to Poland.",
    "Leaders noted the €50 billion Ukraine Facility, which pays for Kyiv's budget and "
    "reconstruction rather than weapons.",
    "The spy agency said about 11,000 soldiers were sent to Kursk and that roughly 4,000 of "
    "them had been killed or wounded.",
    "A $60 billion US aid package for Ukraine remains stuck in Congress.",
])
def test_undecided_sales_budget_aid_casualties_and_stuck_aid_are_no_claims(text: str) -> None:
    assert records(text) == []


def test_a_top_up_is_a_package() -> None:
    r = records("Ministers agreed a €5 billion top-up of the fund for Ukraine on Monday.")[0]
    assert fields(r, "type", "quantity", "recipient") == {
        "type": "pledge", "quantity": 5e9, "recipient": "UA"}
