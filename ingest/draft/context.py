"""What the claim rules share: a drafted claim, the document, one sentence's context."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .amounts import Amount
from .attribution import Attribution, Sources
from .nlp import Mention, Sentence
from .verbs import Verb
from .when import When

LOCATION = frozenset(("in", "near", "inside", "across", "against", "at", "within",
                      "throughout", "outside", "on", "via", "through", "around", "over",
                      "between", "versus", "than", "of", "about", "under", "beyond"))
NOT_SUBJECT = LOCATION | frozenset(("to", "for", "from", "by", "with", "into"))


@dataclass
class Claim:
    """A drafted record before it is checked: the record, the sentence(s) it comes from,
    the rules that filled it."""

    record: dict[str, Any]
    start: int
    end: int
    at: int  # where its amount is, to order claims within a sentence
    why: list[str]
    cues: set[str] = field(default_factory=set)
    via: str | None = None  # the state whose scheme it goes through ("to the Czech initiative")


@dataclass
class Document:
    """What the rules know about the document being drafted."""

    text: str
    mentions: list[Mention]
    reported_on: dt.date | None
    item_units: dict[str, str]
    sources: Sources = field(default_factory=Sources)
    carriers: list[tuple[Sentence, Amount, dict[str, Any]]] = field(default_factory=list)
    flow: tuple[str | None, str | None] = (None, None)  # the last claim's supplier, recipient
    subject: str | None = None  # the last estimate's subject
    estimate_item: str | None = None  # the last estimate's item
    made_item: str | None = None  # the last production rate's item
    period: tuple[str | None, str | None] = (None, None)  # the last increment's period
    running: bool = False  # whether that period is the count of a running total ("since")
    last: tuple[str, str] | None = None  # the last claim's type and metric
    last_amount: Amount | None = None  # the last shipment's or pledge's amount
    last_figure: Amount | None = None  # the last claim's amount, of any type
    last_rate: Amount | None = None  # the last claim's amount that is a rate of goods
    last_end: str | None = None  # the last claim's period_end
    # a line that introduces a list ("Allies have provided Ukraine with:"): its claim
    # type, supplier and recipient, for the list's lines that have no verb
    intro: tuple[str, str | None, str | None] | None = None
    intro_period: tuple[str, str, str] | None = None  # the list's period (first, last, words)
    # a line that breaks a rate down ("Russian forces fired 231 missiles in June. They
    # included:"): the rate's metric and per, for the list's lines; where the rate was
    parts: tuple[str, str] | None = None
    last_rate_at: int = -1


@dataclass
class Context:
    doc: Document
    sentence: Sentence
    parties: list[Party]
    verbs: list[Verb]
    dates: list[When]
    attributions: list[Attribution]
    amounts: list[Amount]
    last_share: tuple[str | None, str | None] | None = None  # its supplier, recipient
    last_percent: str | None = None  # the metric of the sentence's last share
    rates: dict[int, str] = field(default_factory=dict)  # amount start -> per, from a period
    intro: tuple[str, str | None, str | None] | None = None  # the list this line is in
    intro_period: tuple[str, str, str] | None = None  # the period the list's line gives
    parts: tuple[str, str] | None = None  # the rate this line is a part of (metric, per)
    each: dict[int, list[str]] = field(default_factory=dict)  # amount start -> the parties
    # that each did what the sentence says ("Latvia and Lithuania each pledged €1bn")


@dataclass(frozen=True)
class Party:
    mention: Mention
    prep: str  # the word before it ("to", "from", "in"), "the" and "a" skipped
    possessive: bool  # "Russia's"
    adjective: bool  # a demonym before a noun ("North Korean shells")


# ", and Russia's reserve of the missiles had fallen to": a clause with a subject of its own
# that owns a stock, a store or a count (its verb may be one no rule knows)
STORES = r"(?:stocks?|stockpiles?|reserves?|inventor(?:y|ies)|arsenals?)"  # what is held
NEW_SUBJECT = re.compile(r",\s+and\s+(?:by\s+[\w\-]+(?:\s+[\w\-]+)?\s+)?"
                         r"(?:[A-Z][\w\-]*(?:'s|\u2019s)\s+|the\s+|its\s+|their\s+)"
                         r"(?:[\w\-]+\s+){0,3}?" + STORES + r"\s+(?:of\s+(?:[\w\-]+\s+){1,3})?"
                         r"(?:has|have|had|is|are|was|were|stood|fell|rose|dropped|shrank)\b")


def clause_bounds(text: str, s: int, e: int, amount: Amount) -> tuple[int, int]:
    """Where the part of the sentence ``s``-``e`` around an amount starts and ends, between
    clause breaks."""
    left = max(text.rfind(";", s, amount.start), text.rfind(", but", s, amount.start),
               text.rfind(" while ", s, amount.start), s - 1) + 1
    rights = [i for i in (text.find(";", amount.end, e), text.find(", but", amount.end, e),
                          text.find(" while ", amount.end, e)) if i >= 0]
    if "and" in text[s:e]:  # ", and the stock had fallen to fewer than 50"
        news = [m.start() for m in NEW_SUBJECT.finditer(text, s, e)]
        left = max([left] + [i + 1 for i in news if i < amount.start])
        rights += [i for i in news if i >= amount.end]
    return left, min(rights) if rights else e


def clause(text: str, s: int, e: int, amount: Amount) -> str:
    """The part of the sentence around an amount, between clause breaks."""
    left, right = clause_bounds(text, s, e, amount)
    return text[left:right]
