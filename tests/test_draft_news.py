"""supplyline draft on the ways news copy writes claims (issue 25, second round): one table
per rule, on sentences of our own, each rule general (none is a phrase of one article)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from events import Catalogue
from ingest.draft import draft_text
from ingest.draft.when import find_dates

DAY = dt.date(2024, 6, 27)  # a Thursday


def draft(text: str, reported_on: dt.date | None = DAY) -> list[dict[str, Any]]:
    return draft_text(text, Catalogue.builtin(), document="test.txt", reported_on=reported_on,
                      via="Test Wire")


def one(text: str, reported_on: dt.date | None = DAY) -> dict[str, Any]:
    """The one candidate of ``text`` (a test sentence makes one claim)."""
    found = draft(text, reported_on)
    assert len(found) == 1, [c["record"] for c in found]
    return found[0]["record"]


def fields(record: dict[str, Any], *names: str) -> dict[str, Any]:
    return {n: record.get(n) for n in names}


@pytest.mark.parametrize(("phrase", "first", "last"), [
    ("in the first quarter", "2024-01", "2024-03"),
    ("in the first quarter of 2023", "2023-01", "2023-03"),
    ("in the second half of last year", "2023-07", "2023-12"),
    ("in Q3 2023", "2023-07", "2023-09"),
    ("in 2023 H2", "2023-07", "2023-12"),
    ("in the last quarter", "2024-01", "2024-03"),
    ("in the final quarter of 2023", "2023-10", "2023-12"),
    ("in early 2022", "2022", "2022"),
    ("in 2022 and 2023", "2022", "2023"),
    ("in March and April", "2024-03", "2024-04"),
    ("since last August", "2023-08", "2023-08"),
    ("in this March", "2024-03", "2024-03"),
])
def test_parts_of_years_and_relative_months(phrase: str, first: str, last: str) -> None:
    """Quarters and halves (written out or as Q1/H2), "early 2022", two years or months
    joined by "and", and "last August" resolve against the article's date (a Thursday,
    27 June 2024): a past part is the last one begun by then."""
    found = find_dates(phrase, 0, len(phrase), DAY)
    assert [(d.first, d.last) for d in found] == [(first, last)]


@pytest.mark.parametrize(("text", "expected"), [
    ("OSLO, June 3 (Wire) - Norway will make 20,000 shells a year from 2025, the ministry "
     "said.", {"per": "year", "subject": "NO"}),
    ("SEOUL — Russia fires about 10,000 shells a day, the ministry said.",
     {"per": "day", "subject": "RU"}),
    ("Near Kharkiv, Ukraine — Russian gunners fire 9,000 shells a day, officers say.",
     {"per": "day", "subject": "RU"}),
])
def test_a_dateline_is_neither_the_claims_date_nor_a_party(text: str,
                                                           expected: dict[str, Any]) -> None:
    """The dateline before a wire story's dash says where and when it was filed: its date
    makes no rate and no period, its place no party."""
    record = one(text)
    assert fields(record, *expected) == expected


def test_an_estimated_is_a_qualifier_not_a_source() -> None:
    """"Russia holds an estimated 4 million shells" names no source ("estimated" is the
    qualifier): Russia stays the subject."""
    record = one("Russia's army still holds an estimated 4 million shells in its depots, "
                 "according to the report.")
    assert fields(record, "metric", "subject", "quantity", "source") == {
        "metric": "stock", "subject": "RU", "quantity": 4e6, "source": "the report"}


@pytest.mark.parametrize(("text", "period_end"), [
    ("Poland has delivered 300,000 shells to Ukraine since 2022, the ministry said on "
     "Monday.", "2024-06-24"),
    ("Iran has shipped 400 drones to Russia since January, officials said in a statement "
     "earlier this month.", "2024-06"),
    ("Poland has delivered 300,000 shells to Ukraine since 2022, the ministry told "
     "reporters last week.", "2024-06-23"),
])
def test_a_date_after_the_attribution_dates_the_claim(text: str, period_end: str) -> None:
    """"..., the ministry said on Monday": a total counted up to that Monday, not to the
    day the article appeared (a Thursday)."""
    assert one(text)["period_end"] == period_end


def test_a_date_in_a_clause_of_its_own_is_not_the_amounts() -> None:
    """"supplied N, and in 2023 helped it build a factory": the year is the factory's."""
    record = one("Iran had earlier supplied Russia with 2,000 Shahed drones, and in 2023 "
                 "helped it build a factory.")
    assert fields(record, "measure", "period_start", "period_end") == {
        "measure": "cumulative", "period_start": None, "period_end": "2024-06-27"}


def test_a_headline_and_its_dated_sentence_are_one_candidate() -> None:
    """A headline gives no date; the sentence that repeats its claim with one is the same
    claim, better filled."""
    found = draft("Ruritania delivers half a million shells\nRuritania has delivered "
                  "500,000 artillery rounds to Ukraine so far, its minister said on Monday.")
    assert [c["record"]["period_end"] for c in found] == ["2024-06-24"]
