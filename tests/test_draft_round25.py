"""supplyline draft, round 25 (issue 25): rules found by tallying, over the sets already
read, the gold claims no candidate came near; each tested here on sentences of our own
(none is a phrase of an article)."""

from __future__ import annotations

import datetime as dt

import pytest

from supplyline.ingest.draft.when import _season
from tests.draft_helpers import fields, records


def _kinds(text: str) -> list[tuple[str, str | None, float | None]]:
    return [(r["type"], r.get("metric"), r.get("quantity")) for r in records(text)]


@pytest.mark.parametrize(("text", "expected"), [
    # an aim for a rate, with no verb of making: output
    ("The Army wants 30,000 shells a month by the end of 2026.",
     [("estimate", "production_rate", 30000)]),
    ("The goal is to reach 100,000 shells a month by 2025.",
     [("estimate", "production_rate", 100000)]),
    ("Russia's target is 5,000 drones a month.", [("estimate", "production_rate", 5000)]),
    # a request to others, or deliveries to reach, is no output
    ("Kyiv wants 200,000 shells a month from its allies.", []),
    ("Ukraine's goal is 200,000 shells a month from partners.", []),
    ("Deliveries should reach 100,000 shells a month by 2025.", []),
    ("The goal is to deliver 100,000 shells a month to Ukraine by 2025.", []),
])
def test_an_aim_stated_for_a_rate_is_output(text: str, expected: list[tuple]) -> None:
    assert _kinds(text) == expected


def test_an_aim_keeps_its_date() -> None:
    r = records("The Army wants 30,000 shells a month by the end of 2026.")[0]
    assert fields(r, "per", "period_end", "item") == {
        "per": "month", "period_end": "2026-12", "item": "shell_artillery"}


def test_a_calibre_named_after_the_goods_keeps_the_rate() -> None:
    r = records("Sweden produces about 20,000 shells of 155mm calibre a year.")[0]
    assert fields(r, "metric", "per", "item", "quantity", "subject") == {
        "metric": "production_rate", "per": "year", "item": "shell_155mm",
        "quantity": 20000, "subject": "SE"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Since 2022, roughly 40,000 mortar bombs from Hirtenberg have reached Ukraine.",
     ("shipment", None, "UA", 40000)),
    ("Some 5,000 shells from Bulgaria were delivered to Ukraine in May.",
     ("shipment", "BG", "UA", 5000)),
    ("Last year 210 tonnes of TNT were delivered from Poland to Ukraine.",
     ("shipment", "PL", "UA", 210)),
])
def test_goods_from_a_place_before_their_verb(text: str, expected: tuple) -> None:
    r = records(text)[0]
    assert (r["type"], r.get("supplier"), r.get("recipient"), r.get("quantity")) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Paris announced the dispatch of 40 additional SCALP cruise missiles to Ukraine.",
     ("pledge", "FR", "UA", 40)),
    ("Rome approved the delivery of 20 more Aster missiles to Kyiv.",
     ("pledge", "IT", "UA", 20)),
])
def test_a_transfer_announced_is_a_pledge(text: str, expected: tuple) -> None:
    r = records(text)[0]
    assert (r["type"], r.get("supplier"), r.get("recipient"), r.get("quantity")) == expected


def test_a_delivery_confirmed_is_no_pledge() -> None:
    assert all(r["type"] != "pledge" for r in records(
        "Officials confirmed the delivery of 40 SCALP missiles to Ukraine last week."))


@pytest.mark.parametrize(("text", "expected"), [
    # goods ordered from a seller: the buyer receives them
    ("Russia ordered close to 2,400 Shahed drones from Iran under a deal struck in August.",
     ("IR", "RU")),
    ("Ukraine has ordered 100,000 shells from Rheinmetall.", ("DE", "UA")),
    # goods ordered for another: the buyer supplies them
    ("Poland ordered 50,000 shells from South Korea for Ukraine.", ("PL", "UA")),
    ("Berlin has ordered 6,000 drones for Ukraine.", ("DE", "UA")),
])
def test_who_supplies_goods_ordered(text: str, expected: tuple) -> None:
    r = records(text)[0]
    assert (r["type"], r.get("supplier"), r.get("recipient")) == ("pledge", *expected)


def test_a_firm_s_orders_from_its_own_state_are_no_flow() -> None:
    assert all(r.get("supplier") != r.get("recipient") or r.get("supplier") is None
               for r in records("Thales Belgium booked orders worth more than €300mn in the "
                                "half, most of them from Belgium."))


@pytest.mark.parametrize(("text", "expected"), [
    ("Denmark has ordered 18,000 of the plant's rockets for Ukraine's army.", 18000),
    ("Iran shipped 400 of its Shahed drones to Russia.", 400),
])
def test_goods_of_an_owner_are_counted(text: str, expected: float) -> None:
    assert [r.get("quantity") for r in records(text)] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Ukrainian gunners are now down to about 2,000 shells a day.", ("UA", 2000, "day")),
    ("Ukrainian gunners have been limited to about 2,000 shells a day in recent weeks.",
     ("UA", 2000, "day")),
    ("Russian troops were rationed to 5,000 rounds a day last winter.", ("RU", 5000, "day")),
])
def test_those_who_fire_held_to_a_rate(text: str, expected: tuple) -> None:
    r = records(text)[0]
    assert (r.get("metric"), r.get("subject"), r.get("quantity"), r.get("per")) == (
        "consumption_rate", *expected)


@pytest.mark.parametrize(("day", "which", "expected"), [
    # the last winter over: never one still to come
    ("2024-06-27", "last winter", ("2023-12", "2024-02")),
    ("2024-01-15", "last winter", ("2022-12", "2023-02")),
    ("2024-12-10", "last winter", ("2023-12", "2024-02")),
    # this winter: the one under way, just over, or coming
    ("2024-01-15", "this winter", ("2023-12", "2024-02")),
    ("2024-03-01", "this winter", ("2023-12", "2024-02")),
    ("2024-06-27", "this winter", ("2024-12", "2025-02")),
    ("2024-06-27", "next winter", ("2025-12", "2026-02")),
    ("2024-06-27", "last summer", ("2023-06", "2023-08")),
])
def test_a_winter_named_without_its_year(day: str, which: str, expected: tuple) -> None:
    assert _season(which.split()[1], which, None, dt.date.fromisoformat(day)) == expected


def test_last_winter_in_a_sentence_is_past() -> None:
    r = records("Ukraine received 5,000 shells last winter.")[0]
    assert (r.get("period_start"), r.get("period_end")) == ("2023-12", "2024-02")
