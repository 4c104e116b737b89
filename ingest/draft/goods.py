"""Which item a claim is about when its amount does not say: the one kind its sentence
names, what money pays for, the kind a bare "missiles" or "rounds" stands for."""

from __future__ import annotations

import re

from .amounts import Amount
from .context import Context
from .nlp import Mention

GENERIC = frozenset(("shell_artillery", "missile_unspecified", "drone_combat"))
GENERIC_WORD = re.compile(r"(?:artillery\s+)?(?:shells?|rounds?|projectiles?|missiles?"
                          r"|drones?|munitions?)$", re.IGNORECASE)


_CALIBRE = re.compile(r"\b(\d{2,3})\s?[\-\u2010\u2011]?(?:mm|millimet(?:er|re)s?)\b"
                      r"(?![\s\-]*(?:rockets?|mortars?|mlrs|multiple))", re.IGNORECASE)


# air-defence systems by name: the missiles a sentence counts with them are theirs
_AIR_DEFENCE = re.compile(r"\b(?:IRIS-T|Patriot|NASAMS|SAMP/T|Hawk|Crotale|Skynex|Gepard"
                          r"|air[\s\-]defen[cs]e)\s+(?:[\w\-]+\s+){0,2}?(?:systems?|batter(?:y|ies)"
                          r"|launchers?|units?)\b")


def specific_item(ctx: Context, amount: Amount) -> str | None:
    """A bare "missiles", "drones" or "rounds" in a sentence that names one kind of them
    outside any other amount: that kind ("makes the PAC-3 interceptor ... 650 missiles a
    year", "production of 155mm shells ... 80,000 rounds a year")."""
    text = ctx.doc.text
    if amount.item not in GENERIC or not (amount.kind == "elliptic" or GENERIC_WORD.fullmatch(
            text[amount.number_end:amount.end].strip())):
        return None  # "5,000 lightweight multirole missiles" are a kind of their own
    unit = ctx.doc.item_units.get(amount.item or "")
    kinds = {m.code for m in ctx.doc.mentions
             if ctx.sentence.start <= m.start < ctx.sentence.end and m.field == "item"
             and m.code not in GENERIC and ctx.doc.item_units.get(m.code) == unit
             and not any(a.start <= m.start < a.end for a in ctx.amounts)}
    if not kinds and amount.item == "missile_unspecified" and _AIR_DEFENCE.search(
            text, ctx.sentence.start, ctx.sentence.end):  # "four IRIS-T systems together
        kinds = {"missile_air_defence"}  # with 300 missiles for them"
    if not kinds and amount.item == "shell_artillery":  # "122mm artillery ammunition: 60,000
        kinds = {f"shell_{m[1]}mm" for m in _CALIBRE.finditer(  # rounds"
            text, ctx.sentence.start, ctx.sentence.end) if f"shell_{m[1]}mm" in ctx.doc.item_units
            and not any(a.start <= m.start() < a.end and a.start > amount.start
                        for a in ctx.amounts)}  # (not a later amount's: "made 2.8 million
        # artillery rounds, about 1.3 million of them 152mm", "sent 10,000 shells, while
        # Slovenia pledged 10,000 rounds of 155mm"; but an earlier one's goods go on: "make
        # 15,000 155mm rounds a month and plan to raise output to 25,000 rounds")
    return kinds.pop() if len(kinds) == 1 else None


# goods the text named before: "1,200 of the missiles", "14,000 such shells", "30,000 shells
# of that calibre", "200 of them"
_REFERRED = re.compile(r"\s*(?:of\s+(?:the|these|those|them)\b|such\b"
                       r"|(?:more|additional|further|extra)\b(?=\s+(?:[\w\-]+\s+)?(?:missiles|drones"
                       r"|shells|rounds|rockets|interceptors|bombs)\b)"  # "60 more missiles"
                       r"|[\w\-]*\s*(?:shells|rounds"
                       r"|missiles|drones)\s+of\s+(?:that|this|the\s+same)\s+(?:calibre|caliber"
                       r"|type|kind|model)\b)", re.IGNORECASE)


def item_referred(ctx: Context, amount: Amount) -> str | None:
    """The kind of goods a definite reference to goods named before stands for: the last
    specific item of the same family the article named before the sentence (within a few
    paragraphs), when the sentence names none."""
    if amount.item not in GENERIC or not _REFERRED.match(ctx.doc.text, amount.number_end):
        return None
    return named_before(ctx, (amount.item or "").split("_")[0] + "_")


def named_before(ctx: Context, prefix: str) -> str | None:
    """The specific item whose code starts with ``prefix`` ("drone_", "rocket_") the article
    named last before the sentence, within a few paragraphs (2,000 characters)."""
    s = ctx.sentence.start
    named = next((m for m in reversed(ctx.doc.mentions) if m.field == "item" and m.end <= s
                  and m.code.startswith(prefix) and m.code not in GENERIC), None)
    return named.code if named is not None and s - named.end <= 2000 else None


def clause_item(ctx: Context, amount: Amount) -> str | None:
    """The one item named between the commas around an amount: "factories making
    artillery shells for Russia run at full capacity"."""
    text, s, e = ctx.doc.text, ctx.sentence.start, ctx.sentence.end
    left = max(text.rfind(",", s, amount.start), s)
    right = text.find(",", amount.end, e)
    right = e if right < 0 else right
    items = {m.code for m in ctx.doc.mentions
             if left <= m.start < right and m.field == "item"}
    return items.pop() if len(items) == 1 else None


def paid_item(ctx: Context, amount: Amount) -> str | None:
    """What money pays for: the one item between the money amounts around it in its
    clause ("a $2.3 billion package for Ukraine, including $1.2 billion of interceptors"
    leaves the interceptors to the $1.2 billion), unless it comes with other goods
    ("artillery ammunition and other equipment")."""
    text, s, e = ctx.doc.text, ctx.sentence.start, ctx.sentence.end
    money = [a for a in ctx.amounts if a.unit in ("EUR", "USD") and a is not amount]
    left = max([text.rfind(";", s, amount.start), s] + [a.end for a in money
                                                         if a.end <= amount.start])
    right = min([e] + [a.start for a in money if a.start >= amount.end]
                + [x for x in (text.find(";", amount.end, e),) if x >= 0])
    items = [m for m in ctx.doc.mentions if left <= m.start < right and m.field == "item"
             and min([abs(m.start - amount.end), abs(amount.start - m.end)]) <= min(
                 [abs(m.start - a.end) for a in money] + [abs(a.start - m.end) for a in money]
                 + [10 ** 9])]  # an item nearer other money is that money's
    tail = text[max((m.end for m in items), default=e):e]
    items = _one_phrase(text, items)
    if len({m.code for m in items}) != 1 or re.match(
            r"\s+and\s+other\b|,\s+(?:(?!to\b|for\b)[\w\-]+\s+){1,4}?and\s+", tail):
        return None  # (not "Stinger missiles, more HIMARS ammunition and anti-tank weapons")
    return items[0].code


def _one_phrase(text: str, items: list[Mention]) -> list[Mention]:
    """Item mentions with a general one right after a specific one left out: "155mm
    artillery ammunition" names 155mm shells, not two kinds."""
    return [m for i, m in enumerate(items) if not (
        m.code in GENERIC and i > 0 and items[i - 1].code not in GENERIC
        and items[i - 1].code.split("_")[0] == m.code.split("_")[0]
        and re.fullmatch(r"[\s\-]*", text[items[i - 1].end:m.start]))]


def sentence_item(ctx: Context, amount: Amount) -> str | None:
    items = {m.code for m in _one_phrase(ctx.doc.text, [
        m for m in ctx.doc.mentions
        if ctx.sentence.start <= m.start < ctx.sentence.end and m.field == "item"])}
    items |= {a.item for a in ctx.amounts if a.item and not a.item_implied}
    return items.pop() if len(items) == 1 else None
