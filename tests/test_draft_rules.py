"""supplyline draft's recognition rules, one table per rule, on sentences of our own."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from supplyline.events import Catalogue, validate_record
from supplyline.ingest.draft import draft_text
from supplyline.ingest.draft.numbers import find_numbers

DAY = dt.date(2024, 2, 27)


def draft(text: str, reported_on: dt.date | None = DAY) -> list[dict[str, Any]]:
    return draft_text(text, Catalogue.builtin(), document="test.txt", reported_on=reported_on,
                      via="Test Wire")


def one(text: str, reported_on: dt.date | None = DAY) -> dict[str, Any]:
    """The one candidate of ``text``'s claims (a test sentence makes one claim)."""
    found = draft(text, reported_on)
    assert len(found) == 1, [c["record"] for c in found]
    return found[0]["record"]


@pytest.mark.parametrize(("text", "value"), [
    ("3,000,000", 3e6), ("3 million", 3e6), ("1,6 million", 1.6e6), ("4.8 million", 4.8e6),
    ("4.8m", 4.8e6), ("2bn", 2e9), ("2.5k", 2500), ("a million", 1e6), ("half a million", 5e5),
    ("three million", 3e6), ("one-thousand", 1000), ("one hundred and fifty thousand", 150000),
    ("twenty-five", 25), ("one and a half million", 1.5e6), ("3.000.000", 3e6)])
def test_numbers_as_articles_write_them(text: str, value: float) -> None:
    """Digits with separators, decimal points and commas, words and multipliers."""
    found = find_numbers(text)
    assert len(found) == 1 and found[0].value == pytest.approx(value)


@pytest.mark.parametrize(("text", "value"), [
    ("thousands", 2000), ("tens of thousands", 20000), ("hundreds of thousands", 200000),
    ("millions", 2e6), ("several thousand", 3000)])
def test_vague_plurals_are_the_least_they_mean(text: str, value: float) -> None:
    """"thousands of drones" is at least two thousand: a lower bound, never a central."""
    found = find_numbers(text)
    assert len(found) == 1 and found[0].vague and found[0].value == value


@pytest.mark.parametrize(("words", "bound"), [
    ("more than", "quantity_low"), ("over", "quantity_low"), ("at least", "quantity_low"),
    ("in excess of", "quantity_low"), ("up to", "quantity_high"), ("almost", "quantity_high"),
    ("nearly", "quantity_high"), ("as many as", "quantity_high"),
    ("just under", "quantity_high"), ("fewer than", "quantity_high"),
    ("about", "quantity"), ("some", "quantity"), ("approximately", "quantity"),
    ("roughly", "quantity"), ("around", "quantity"), ("an estimated", "quantity"),
    ("", "quantity")])
def test_qualifiers_set_the_bound(words: str, bound: str) -> None:
    """SPEC §2: "more than" is a low bound, "up to" a high one, "about" and a bare number
    the central value."""
    record = one(f"Ruritania sent {words} 40,000 artillery shells to Ukraine last year.".replace(
        "  ", " "))
    quantities = {k: record.get(k) for k in ("quantity", "quantity_low", "quantity_high")
                  if k in record}
    assert quantities == {bound: 40000}


def test_could_contain_up_to_is_an_upper_bound() -> None:
    record = one("Officials said North Korea sent Russia rail wagons that could contain up "
                 "to 2 million shells.")
    assert record["quantity_high"] == 2e6 and "quantity" not in record


@pytest.mark.parametrize("text", [
    "Poland sent between 2 and 3 million shells to Ukraine.",
    "Poland sent 2\u20133 million shells to Ukraine.",
    "Poland sent two to three million shells to Ukraine."])
def test_ranges_give_both_bounds(text: str) -> None:
    record = one(text)
    assert (record["quantity_low"], record["quantity_high"]) == (2e6, 3e6)


@pytest.mark.parametrize(("phrase", "unit"), [
    ("40,000 shells", "rounds"), ("40,000 rounds", "rounds"),
    ("40,000 rounds of artillery ammunition", "rounds"),
    ("400 shipping containers of ammunition", "containers"),
    ("400 sea containers of ammunition", "containers"),
    ("9,000 metric tons of ammunition", "metric_tons"), ("9,000 tonnes of shells", "metric_tons"),
    ("€2bn worth of ammunition", "EUR"), ("2 billion euros worth of shells", "EUR"),
    ("$300 million worth of shells", "USD"), ("300 million dollars worth of shells", "USD"),
    ("400 missiles", "units"), ("400 attack drones", "units")])
def test_units(phrase: str, unit: str) -> None:
    """Shells and rounds are rounds, containers, tonnes, euros, dollars; missiles and
    drones are units."""
    record = one(f"Ruritania has delivered {phrase} to Ukraine so far.")
    assert record["unit"] == unit


@pytest.mark.parametrize("text", [
    "Iran's drone plants work at about 45 per cent capacity, officials said.",
    "Iran's drone plants work at about 45 percent capacity, officials said.",
    "Iran's drone plants work at about 45% capacity, officials said."])
def test_percent_units(text: str) -> None:
    record = one(text)
    assert (record["unit"], record["quantity"], record["metric"], record["subject"]) == (
        "percent", 45, "capacity_utilisation", "IR")


@pytest.mark.parametrize(("text", "flow"), [
    ("Iran sent 300 drones to Russia last year.", ("IR", "RU")),
    ("Tehran has shipped 300 Shahed drones to Moscow, officials said.", ("IR", "RU")),
    ("Russia received 300 drones from Iran last year.", ("IR", "RU")),
    ("Iran supplied Russia with 300 drones last year.", ("IR", "RU")),
    ("The Iranians handed over 300 drones to the Russian Federation.", ("IR", "RU")),
    ("In March, 300 drones were delivered to Russia by Iran.", ("IR", "RU")),
    ("Officials counted 300 Iranian drones that Russia launched at Kyiv.", ("IR", "RU")),
    ("Shipments of 300 drones went from Iran to Russia in March.", ("IR", "RU"))])
def test_flow_from_the_sentence(text: str, flow: tuple[str, str]) -> None:
    """Supplier and recipient from "X sent N to Y", "Y received N from X", "X supplied Y
    with N", "N from X to Y", the passive, and names, demonyms and capitals."""
    record = one(text)
    assert (record["supplier"], record["recipient"]) == flow


@pytest.mark.parametrize("text", [
    "Germany pledged 50,000 shells to Ukraine on Monday.",
    "Germany promised Ukraine 50,000 shells on Monday.",
    "Germany has committed to deliver 50,000 shells to Ukraine by June.",
    "Germany will send 50,000 shells to Ukraine next year.",
    "Germany plans to provide Ukraine with 50,000 shells by the end of next year.",
    "Germany ordered 50,000 shells for Ukraine from a Czech company."])
def test_pledges(text: str) -> None:
    record = one(text)
    assert (record["type"], record["supplier"], record["recipient"], record["quantity"]) == (
        "pledge", "DE", "UA", 50000)


@pytest.mark.parametrize(("text", "metric", "subject", "per"), [
    ("Russia has about 3 million shells left, an intelligence chief said.", "stock", "RU",
     None),
    ("Russia still has 3 million shells in stock.", "stock", "RU", None),
    ("Russia stockpiles about 3 million shells, analysts think.", "stock", "RU", None),
    ("Russia produces 3 million shells a year, analysts think.", "production_rate", "RU",
     "year"),
    ("Russia will make 250,000 shells per month from May.", "production_rate", "RU", "month"),
    ("Russia fires 10,000 shells a day, officials said.", "consumption_rate", "RU", "day"),
    ("Russia uses some 10,000 shells daily, officials said.", "consumption_rate", "RU", "day"),
    ("Russian gunners expend 10,000 shells a day.", "consumption_rate", "RU", "day")])
def test_estimates(text: str, metric: str, subject: str, per: str | None) -> None:
    """Stocks ("has N left"), production ("produces N a year") and consumption ("fires N
    a day") of a subject."""
    record = one(text)
    assert (record["type"], record["metric"], record["subject"], record.get("per")) == (
        "estimate", metric, subject, per)


def test_capacity_and_supply_share() -> None:
    found = draft("Belarus's munitions plants are running at 60 per cent capacity.")
    assert [c["record"]["metric"] for c in found] == ["capacity_utilisation"]
    assert found[0]["record"]["subject"] == "BY"
    record = one("Iran supplies half of all drones Russia launches, officials said.")
    assert (record["metric"], record["quantity"], record["supplier"], record["recipient"]) == (
        "supply_share", 50, "IR", "RU")


def test_one_shipment_in_two_units_is_a_shipment_and_a_conversion() -> None:
    """"400 containers ... more than 200,000 shells": the shipment in containers, and the
    factor the two figures imply (at least 500 a container)."""
    found = draft("Officials said Iran has shipped 400 containers to Russia, possibly "
                  "holding more than 200,000 shells.")
    shipment, conversion = (c["record"] for c in found)
    assert (shipment["type"], shipment["unit"], shipment["quantity"]) == (
        "shipment", "containers", 400)
    assert (conversion["type"], conversion["from_unit"], conversion["to_unit"],
            conversion["factor"]) == ("conversion", "containers", "rounds", 500)
    assert "at least" in conversion["notes"]


@pytest.mark.parametrize("text", [
    "Diplomats from 40 countries met in Ramstein on Tuesday.",
    "About 200 soldiers were killed and 350 wounded in the attack.",
    "The front line runs for more than 1,000 kilometres.",
    "The 62-year-old general has served since 1985.",
    "The summit in 2023 was the first in 24 years.",
    "Debris from 12 of 20 missiles was examined.",
    "Ukraine has 155mm and 152mm howitzers, and some Grad launchers.",
    "Iran shipped 40 per cent more drones to Russia than a year before.",
    "The shells cost five times as much as before the war."])
def test_numbers_that_are_no_claim(text: str) -> None:
    """Counts of countries or people, distances, ages, years, parts of a whole, calibres,
    changes and ratios are not drafted."""
    assert draft(text) == []


@pytest.mark.parametrize(("text", "measure", "start", "end"), [
    ("Poland has sent 40,000 shells to Ukraine so far.", "cumulative", None, "2024-02-27"),
    ("Poland has sent 40,000 shells to Ukraine in total.", "cumulative", None, "2024-02-27"),
    ("Poland has sent 40,000 shells to Ukraine to date.", "cumulative", None, "2024-02-27"),
    ("Poland has sent 40,000 shells to Ukraine since September 2023.", "cumulative",
     "2023-09", "2024-02-27"),
    ("Poland sent 40,000 shells to Ukraine in November.", "increment", "2023-11", "2023-11"),
    ("Poland sent 40,000 shells to Ukraine from August through January.", "increment",
     "2023-08", "2024-01"),
    ("Poland sent 40,000 shells to Ukraine last month.", "increment", "2024-01", "2024-01"),
    ("Poland has sent 40,000 shells to Ukraine this year.", "increment", "2024", "2024")])
def test_cumulative_or_increment(text: str, measure: str, start: str | None,
                                 end: str) -> None:
    """"so far", "since X" are totals; "in November", "last month" increments, with their
    period resolved against the article's date (2024-02-27) and never after it."""
    record = one(text)
    assert (record["measure"], record.get("period_start"), record["period_end"]) == (
        measure, start, end)


@pytest.mark.parametrize(("text", "due"), [
    ("Norway promised to deliver 20,000 rounds to Ukraine by the end of the year.",
     "2024-12"),
    ("Norway promised 20,000 shells to Ukraine by March.", "2024-03"),
    ("Norway promised 20,000 shells to Ukraine by June 2025.", "2025-06")])
def test_due_dates(text: str, due: str) -> None:
    assert one(text)["due_by"] == due


def test_the_year_of_a_sentence_anchors_its_other_dates() -> None:
    record = one("In March 2023, Norway promised 20,000 shells to Ukraine by the end of the "
                 "year.")
    assert (record["period_start"], record["due_by"]) == ("2023-03", "2023-12")


@pytest.mark.parametrize(("text", "source"), [
    ("According to the ministry, Iran sent 300 drones to Russia.", "the ministry"),
    ("The ministry said Iran sent 300 drones to Russia.", "The ministry"),
    ("Iran sent 300 drones to Russia, the ministry said.", "the ministry"),
    ("Iran sent 300 drones to Russia, said Colonel Ivan Petrenko.", "Colonel Ivan Petrenko"),
    ("A Western official told reporters that Iran sent 300 drones to Russia.",
     "A Western official"),
    ("The institute estimated that Iran sent 300 drones to Russia.", "The institute"),
    ("Iran sent 300 drones to Russia last year.", "Test Wire")])
def test_source_is_who_makes_the_claim_else_the_outlet(text: str, source: str) -> None:
    assert one(text)["source"] == source


def test_reported_on_from_a_date_line_else_missing() -> None:
    found = draft("Oslo, 12 March 2025\nNorway sent 20,000 shells to Ukraine last month.\n",
                  reported_on=None)
    assert found[0]["record"]["reported_on"] == "2025-03-12"
    assert found[0]["record"]["period_end"] == "2025-02"
    found = draft("Norway sent 20,000 shells to Ukraine last month.", reported_on=None)
    assert "reported_on" in found[0]["missing"] and "reported_on" not in found[0]["record"]


def test_candidates_say_what_is_missing_and_complete_ones_validate() -> None:
    found = draft("Norway sent 20,000 shells to Ukraine so far. Some 5,000 more will follow "
                  "by June, the ministry said.")
    complete = [c for c in found if not c["missing"]]
    assert complete and all(validate_record(c["record"], Catalogue.builtin())[1] == []
                            for c in complete)
    assert all(0 <= c["confidence"] <= 1 and c["why"] for c in found)


def test_grades_stay_unset() -> None:
    record = one("Norway sent 20,000 shells to Ukraine so far.")
    assert "reliability" not in record and "credibility" not in record


def test_drafting_is_deterministic() -> None:
    text = "Poland sent between 2 and 3 million shells to Ukraine from August to January."
    assert draft(text) == draft(text)
