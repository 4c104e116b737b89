"""supplyline draft: limits on the rules of rounds 11 to 20, found by a review of those
rounds (sentences of our own). Each rule stays inside the phrase it was written for."""

from __future__ import annotations

from typing import Any

import pytest

from supplyline.ingest.draft.numbers import find_numbers
from tests.draft_helpers import fields, records


def _one(text: str) -> dict[str, Any]:
    found = records(text)
    assert len(found) == 1, found
    return found[0]


def test_a_from_to_phrase_in_another_clause_gives_no_flow() -> None:
    r = _one("After reports of drone shipments from Iran to Russia, the US announced a $2 "
             "billion package for Ukraine.")
    assert fields(r, "type", "supplier", "recipient") == {
        "type": "pledge", "supplier": "US", "recipient": "UA"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Ukraine had 10,000 shells delivered by Germany last month.",
     {"type": "shipment", "supplier": "DE"}),
    ("Ukrainian troops received 300,000 shells in March.",
     {"type": "shipment", "recipient": "UA"}),
    ("Germany will deliver 100,000 shells before the war ends.",
     {"type": "pledge", "period_start": None}),
    ("Germany has pledged more than €28 billion (€7 billion this year) to Ukraine.",
     {"type": "pledge", "quantity": 7e9}),
    ("The US announced a $725 million drawdown package for Ukraine on May 2.",
     {"type": "pledge", "quantity": 725e6}),
    ("A report found Russia fired 10,000 shells a day.",
     {"metric": "consumption_rate", "quantity": 10000}),
    ("One company, Rheinmetall, will make 700,000 shells a year.",
     {"metric": "production_rate", "subject": "DE"}),
    ("Ukraine asked for help, and the US agreed to send 500 Patriot missiles.",
     {"type": "pledge", "supplier": "US"}),
    ("The US sent $1 billion of weapons to Ukraine and will backfill its own stocks.",
     {"type": "shipment", "quantity": 1e9}),
    ("Denmark gave €100 million for Ukraine's own production of howitzers.",
     {"type": "shipment", "supplier": "DK"}),
])
def test_claims_the_newer_rules_must_leave_alone(text: str, expected: dict[str, Any]) -> None:
    """"had N delivered" is no stock, troops receiving is no output without makers, "before
    the war ends" is no date, a bracket of part of a sum keeps its own bound, the month May
    is no "may", "found" before a clause, a firm called "one company", a request in another
    clause, restocking after "and", a recipient's own production."""
    assert fields(records(text)[-1], *expected) == expected


@pytest.mark.parametrize("text", [
    "Zelensky said Ukraine has 500,000 shells coming from the Czech initiative.",
    "Ukrainian crews loaded 300 shells a day.",
    "In a typical month the plant is idle for a week, but it has made 2 million shells since "
    "2022.",
    "Military support for Ukraine was cut by €2 billion this year.",
])
def test_no_stock_no_output_no_rate_no_pledge(text: str) -> None:
    assert records(text) == []


def test_a_list_shares_no_rate_across_a_period() -> None:
    found = records("Russia launched 300 drones last week and 50 drones a day in June.")
    assert [r["per"] for r in found] == ["week", "day"]


def test_a_weapon_designation_is_no_range() -> None:
    assert [n.text for n in find_numbers("20 3M-14 Kalibr missiles")] == ["20", "3M"]


def test_one_in_a_large_number_is_a_small_share() -> None:
    r = _one("North Korea supplied one in 10,000 of the shells Russia fired.")
    assert (r["metric"], r["quantity"]) == ("supply_share", 0.01)
