"""The drafter's own tokenizer, sentence splitter and catalogue matcher (ingest/draft/nlp.py),
on sentences of our own: the cases news text throws at them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.events import Catalogue
from supplyline.ingest.draft.nlp import pipeline, tokens


def words(text: str) -> list[str]:
    return [t.text for t in tokens(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("152mm shells", ["152", "mm", "shells"]),
    ("152-mm", ["152", "-", "mm"]),
    ("Russia's stocks", ["Russia", "'s", "stocks"]),
    ("Russia\u2019s", ["Russia", "\u2019s"]),
    ("U.S.-made rockets", ["U.S.", "-", "made", "rockets"]),
    ("Gen. Ants", ["Gen.", "Ants"]),
    ("N. Korea", ["N.", "Korea"]),
    ("3,000,000 and 4.8m", ["3,000,000", "and", "4.8", "m"]),
    ("Kh-101s", ["Kh", "-", "101s"]),
    ("\u20ac2bn", ["\u20ac", "2", "bn"]),
    ("see https://example.org/a.b.", ["see", "https://example.org/a.b", "."]),
    ("wait...", ["wait", "..."]),
    ("C\u00f4te d'Ivoire", ["C\u00f4te", "d", "'", "Ivoire"]),
])
def test_tokens(text: str, expected: list[str]) -> None:
    """Words, numbers, abbreviations, possessives and addresses are tokens; digits and
    letters are apart; every other character is a token of its own."""
    assert words(text) == expected


@given(st.text(max_size=80))
def test_tokens_are_the_text_without_its_spaces(text: str) -> None:
    """Tokens never overlap, come in order, and together are the text's non-space
    characters: no character is lost or invented."""
    found = tokens(text)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    assert all(text[t.start:t.end] == t.text for t in found)
    assert "".join(t.text for t in found) == "".join(c for c in text if not c.isspace())


def sentences(text: str) -> list[str]:
    found, _ = pipeline(Catalogue.builtin()).read(text)
    assert all(text[s.start:s.end] == s.text for s in found)
    return [s.text for s in found]


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia fired 10,000 shells. Ukraine fired 2,000.",
     ["Russia fired 10,000 shells.", "Ukraine fired 2,000."]),
    ("Lt. Col. Ants Kask said so. He was right.", ["Lt. Col. Ants Kask said so.",
                                                   "He was right."]),
    ("The U.S. Army makes 40,000 shells a month.",
     ["The U.S. Army makes 40,000 shells a month."]),
    ("\u201cWe will not reach the target.\u201d Mr. Borrell said so.",
     ["\u201cWe will not reach the target.\u201d", "Mr. Borrell said so."]),
    ("It rose to 4.8 million. Then it fell.", ["It rose to 4.8 million.", "Then it fell."]),
    ("Help for the N. Korean programme (see kyivindependent.com) came. Next?",
     ["Help for the N. Korean programme (see kyivindependent.com) came.", "Next?"]),
    ("It was sent.Then it arrived.", ["It was sent.", "Then it arrived."]),
    ("Was it? Yes! It was (mostly).", ["Was it?", "Yes!", "It was (mostly)."]),
    ("Headline without a stop\nThe body. Its second sentence",
     ["Headline without a stop", "The body.", "Its second sentence"]),
    ("Deliveries began in Sept. last year.", ["Deliveries began in Sept. last year."]),
])
def test_sentences(text: str, expected: list[str]) -> None:
    """A sentence ends at ".", "!" or "?" (with its closing quotes and brackets), not at
    an abbreviation, an initial, a decimal point or a web address, and never runs across
    a line."""
    assert sentences(text) == expected


def mentions(text: str) -> list[tuple[str, str]]:
    _, found = pipeline(Catalogue.builtin()).read(text)
    return [(m.text, m.code) for m in found]


@pytest.mark.parametrize(("text", "expected"), [
    ("South Korea said North Korea sent arms.", [("South Korea", "KR"),
                                                   ("North Korea", "KP")]),
    ("North Korean shells reached Moscow.", [("North Korean", "KP"),
                                             ("shells", "shell_artillery"), ("Moscow", "RU")]),
    ("152-mm shells and 155-millimetre rounds", [("152-mm shells", "shell_152mm"),
                                                 ("155-millimetre rounds", "shell_155mm")]),
    ("It fired 21 Kh-101s.", [("Kh-101s", "missile_cruise")]),
    ("the US and us", [("US", "US")]),
    ("Turkey sent a turkey.", [("Turkey", "TR")]),
    ("the U.S.-made rockets", [("U.S.", "US")]),
    ("Shahed-136 drones", [("Shahed-136", "drone_shahed"), ("drones", "drone_combat")]),
    ("more than 1 million first-person-view drones", [("first-person-view drones",
                                                      "drone_fpv")]),
    ("Nato and NATO, not nato", [("Nato", "NATO"), ("NATO", "NATO")]),
    ("the Pentagon said", [("Pentagon", "US")]),
])
def test_catalogue_words(text: str, expected: list[tuple[str, str]]) -> None:
    """The catalogue's words by their keys: the longest phrase wins, calibres and hyphens
    however written, plurals, acronyms only as written (and "Nato" as British papers write
    it), a capitalised name not in lower case, institutions for their state."""
    assert mentions(text) == expected


def test_an_initial_before_two_periods_keeps_both() -> None:
    """Found by the property above: "A.." had lost its second period."""
    assert [t.text for t in tokens("A..")] == ["A.", "."]
