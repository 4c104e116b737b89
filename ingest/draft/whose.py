"""Who a claim's parties are when its sentence's structure does not say: who announced a
pledge, whose scheme goods came through, whom a package is for, whose figure an estimate
is (the speaker, the line before, the claim before, the party the article names most)."""

from __future__ import annotations

import re

from .amounts import Amount
from .context import NOT_SUBJECT, Context
from .kinds import line_before
from .nlp import FIRMS, Mention
from .parties import in_war_phrase, parties_of

_SAYS_IT = re.compile(r"(?:[^,;.]{0,30}?\s)?(?:that\s+)?(?:it|they)\s")  # "said on Monday it"


# a firm named before, as a sentence's subject: "The company says the site will turn out",
# "It produced around 400 missiles last year"
_THE_FIRM = re.compile(r"\b(?:[Tt]he\s+(?:[\w\-]+\s+)?(?:company|group|firm|manufacturer|maker"
                       r"|producer|plant|factory|site|facility)|[Ii]ts\s+(?:factories|plants|lines"
                       r"|sites|output|production|capacity)|It)\b")
_FIRM_CODES = {name.casefold(): code for name, code in FIRMS}


def is_firm(m: Mention) -> bool:
    """Whether a party mention is an arms maker ("Baykar", "Thales Australia")."""
    name = m.text.casefold()
    return name in _FIRM_CODES or name.split(" ", 1)[0] in _FIRM_CODES and m.kind == "place"


def seller_before(ctx: Context, buyer: str) -> Mention | None:
    """The arms maker of another state the article named last before the sentence (within
    a few paragraphs): who sells what a state orders with no seller named."""
    s = ctx.sentence.start
    found = next((m for m in reversed(ctx.doc.mentions) if m.field == "party" and m.end <= s
                  and is_firm(m)), None)
    return found if found is not None and found.code != buyer and s - found.end <= 1500 \
        else None


# a maker that signs or sells, named before: "the group signed a contract ..."
_THE_MAKER = re.compile(r"\b(?:the|its)\s+(?:group|company|firm|maker|manufacturer)\b",
                        re.IGNORECASE)


def maker_seller(ctx: Context, amount: Amount, buyer: str, why: list[str]) -> str | None:
    """The home state of the arms maker named before, when the sentence's seller is "the
    group" or "the company" ("Poongsan ... Last month the group signed a $270 million
    contract with Poland's Armament Agency")."""
    if not _THE_MAKER.search(ctx.doc.text, ctx.sentence.start, amount.start):
        return None
    seller = seller_before(ctx, buyer)
    if seller is None:
        return None
    why.append(f"supplier: {seller.text}, the arms maker named before")
    return seller.code


def firm_before(ctx: Context, amount: Amount, why: list[str]) -> str | None:
    """The home state of the arms maker an article names last, when the sentence's
    subject is "the company", "the plant", "its factories" or "it", and no other party was
    named since the firm."""
    text, s = ctx.doc.text, ctx.sentence.start
    if not _THE_FIRM.search(text, s, amount.start):
        return None
    before = [m for m in ctx.doc.mentions if m.field == "party" and m.end <= s]
    if not before or not is_firm(before[-1]) or \
            s - before[-1].end > 1500:
        return None
    why.append(f"subject: '{before[-1].text}', the firm named before")
    return before[-1].code


def announcer(ctx: Context, amount: Amount, why: list[str]) -> str | None:
    """"The Pentagon announced a $2.3 billion package", "Belgium said it would spend €200
    million": who announces a pledge that names no supplier, or says "it" will, makes it."""
    text = ctx.doc.text
    for a in ctx.attributions:
        if a.verb_start < amount.start and (
                re.match(r"(?:announc|unveil)", text[a.verb_start:a.end])
                or _SAYS_IT.match(text, a.end, amount.start)):
            found = {m.code for m in ctx.doc.mentions if a.start <= m.start < a.verb_start
                     and m.field == "party"}
            if len(found) == 1:
                why.append("supplier: who announced it")
                return found.pop()
    return None


def scheme_supplier(ctx: Context, amount: Amount, recipient: str | None, why: list[str]
            ) -> str | None:
    """"delivered 100,000 rounds under the Czech-led initiative", "came through the Czech
    initiative": the state whose scheme supplies them."""
    text = ctx.doc.text
    for p in ctx.parties:
        m = p.mention
        if any(amount.end <= a.start < m.start or m.end <= a.start < amount.start
               for a in ctx.amounts):
            continue  # another amount's scheme: "160,000, of which 90,000 came through ..."
        if p.mention.code != recipient and re.search(r"\b(?:under|through|via|by|from)\s+the\s+$",
                                                     text[max(0, m.start - 14):m.start]) \
                and _SCHEME.match(text, m.end):
            why.append(f"supplier: {m.code}, whose scheme ('{text[m.start:m.end]}') it is")
            return m.code
    return None


_SCHEME = re.compile(r"(?:-led)?\s+(?:ammunition\s+|artillery\s+|shell\s+)?(?:initiative|programme"
                     r"|program|scheme|plan|coalition)\b", re.IGNORECASE)


def aid_for(ctx: Context, amount: Amount, supplier: str | None, why: list[str]
             ) -> str | None:
    """"its 26th aid package for Ukraine, worth ... €560 million": whom the package the
    sum is the value of is for."""
    text = ctx.doc.text
    found = [p.mention.code for p in ctx.parties if p.prep in ("for", "to")
             and p.mention.end <= amount.start and p.mention.code != supplier
             and re.search(r"\b(?:package|aid|assistance|support|tranche)\s+(?:\w+\s+){0,2}$",
                           text[max(ctx.sentence.start, p.mention.start - 40):p.mention.start])]
    if len(set(found)) != 1:
        return None
    why.append("recipient: whom the package is for")
    return found[0]


def contract_for(ctx: Context, amount: Amount, why: list[str]) -> str | None:
    """"a £1.6 billion ($2 billion) contract under which Thales will supply Ukraine": whom
    the goods a sum pays for will go to (right after the verb of giving, or after 'to')."""
    text = ctx.doc.text
    with_ = re.match(r"(?:\s*(?:contract|deal|order|agreement))?\s+with\s+(?:the\s+)?",
                     text[amount.end:amount.end + 40])
    if with_ is not None and not re.search(r"\b(?:contract|deal|order|agreement)\b",
                                           text[amount.start:amount.end + with_.end()]):
        with_ = None
    buyer = next((p.mention.code for p in ctx.parties if with_ is not None
                  and p.mention.start == amount.end + with_.end()), None)
    if buyer is not None:  # "a $270 million contract with Poland's Armament Agency": the
        why.append("recipient: whom the contract is with")  # buyer receives the goods
        return buyer
    for v in ctx.verbs:
        if v.start < amount.end or v.kind != "give" or not re.search(
                r"\b(?:contract|deal|order|agreement|package)\b", text[amount.end:v.start]):
            continue
        found = next((p.mention.code for p in ctx.parties if 0 <= p.mention.start - v.end <= 8
                      or p.prep == "to" and p.mention.start > v.end), None)
        if found is not None:
            why.append(f"recipient: whom the goods it pays for will be '{v.text}' to")
            return found
    return None


def speaker(ctx: Context, amount: Amount, why: list[str]) -> str | None:
    """"EU says shell output will hit 2 million a year": an estimate naming no one else
    is the speaking party's own."""
    found = {m.code for a in ctx.attributions if a.verb_start < amount.start
             for m in ctx.doc.mentions if a.start <= m.start < a.verb_start
             and m.field == "party"}
    if len(found) == 1:
        why.append("subject: the party that gives the figure")
        return found.pop()
    return None


_MILITARY_SPEAKER = re.compile(r"\b(?:officers?|commanders?|soldiers?|gunners?|general\s+staff"
                               r"|brigades?|army|military|armed\s+forces|troops)\b", re.I)


def told_by(ctx: Context, why: list[str]) -> str | None:
    """"Gunners are firing 5,000 rounds a day, a Ukrainian officer told the paper": the one
    party the sentence's attributions name, wherever they stand, is whose forces use them."""
    text = ctx.doc.text
    found = {m.code for a in ctx.attributions for m in ctx.doc.mentions
             if a.start <= m.start < a.end and m.field == "party"
             and _MILITARY_SPEAKER.search(text, a.start, a.end)
             and not re.search(r"\bintelligence\b", text[a.start:a.end], re.I)}
    if len(found) != 1:
        return None
    why.append("subject: the forces of the party that gives the figure")
    return found.pop()


def line_party(ctx: Context, why: list[str]) -> str | None:
    """"Ukrainian artillery fire. Between 2,000 and 2,500 rounds a day": the one party of
    the line before a verbless line is whose rate it gives."""
    start, end = line_before(ctx)
    found = {m.code for m in ctx.doc.mentions if start <= m.start < end and m.field == "party"}
    if len(found) != 1:
        return None
    why.append("subject: the party of the line before")
    return found.pop()


def main_party(ctx: Context, why: list[str]) -> str | None:
    """Whose figure an estimate is when neither its sentence nor the claims before name
    anyone: the party the article names most up to here, when it is named at least twice
    as often as any other ("US production of 155mm shells ... Output is now 40,000 a month")."""
    counts: dict[str, int] = {}
    for m in ctx.doc.mentions:
        if m.field == "party" and m.start < ctx.sentence.start:
            counts[m.code] = counts.get(m.code, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    why.append(f"subject: {ranked[0][0]}, the party the article names most")
    return ranked[0][0]


# a party named as a source, which "it" does not stand for: "according to Ukrainian
# intelligence", "Western officials say"
_SOURCE_AFTER = re.compile(r"[\s\-]+(?:\w+\s+){0,2}?(?:intelligence|officials?|estimates?|sources?"
                           r"|analysts?|spokesm[ae]n|spokeswoman|media|data|figures)\b", re.I)
_SOURCE_BEFORE = re.compile(r"\baccording\s+to\s+(?:the\s+)?(?:same\s+)?$", re.I)


_THE_SITE = re.compile(r"\b[Tt]he\s+(?:new\s+|planned\s+)?(?:plant|factory|site|facility"
                       r"|works)\b")
_A_SITE = re.compile(r"\b(?:[Ii]ts|[Tt]heir|\w+['\u2019]s)\s+(?:[\w\-]+\s+){0,3}?(?:plant"
                     r"|factory|site|facility|works)\b")
_THE_COUNTRY = re.compile(r"\b[Tt]he\s+country(?:['\u2019]s)?\b")


# a party named as who speaks: "Zelensky says Russia is short of shells"
_SPEAKS_AFTER = re.compile(r"\s+(?:has\s+|had\s+)?(?:said|says|told|warned|claimed|announced"
                           r"|estimated|estimates|believes?|thinks?)\b")


def _as_party(text: str, m: Mention) -> bool:
    """Whether a mention names a party that may act: not a source ("according to Ukrainian
    intelligence"), not the war ("Russia's invasion")."""
    return m.field == "party" and not _SOURCE_AFTER.match(text, m.end) and not \
        _SOURCE_BEFORE.search(text, max(0, m.start - 40), m.start) and not in_war_phrase(text, m)


def _named_before(ctx: Context) -> Mention | None:
    """The last party named before the sentence as a party, not as a source or the war."""
    text = ctx.doc.text
    return next((m for m in reversed(ctx.doc.mentions)
                 if m.end <= ctx.sentence.start and _as_party(text, m)), None)


def russia_before(ctx: Context) -> bool:
    """Whether "it" or "they" at the start of a sentence stands for Russia: the sentence
    before is about it."""
    last = _subject_before(ctx, *_named_in_sentence_before(ctx))
    return last is not None and last.code == "RU"


def _named_in_sentence_before(ctx: Context) -> tuple[int, list[Mention]]:
    """Where the sentence right before starts, and the parties it names as parties (not
    who speaks: "Zelensky says ...")."""
    text, s = ctx.doc.text, ctx.sentence.start
    start = max(text.rfind(". ", 0, s - 2), text.rfind("\n", 0, s - 1), s - 400) + 1
    return start, [m for m in ctx.doc.mentions if start <= m.start and m.end <= s
                   and _as_party(text, m) and not _SPEAKS_AFTER.match(text, m.end)]


def _subject_before(ctx: Context, start: int, named: list[Mention]) -> Mention | None:
    """The party the sentence right before (from ``start``, naming ``named``) is about: its
    first party not after a preposition, else its last party."""
    first = next((p.mention for p in parties_of(ctx.doc.text, named, [], start)
                  if p.prep not in NOT_SUBJECT), None)
    return first or (named[-1] if named else None)


def carried_subject(ctx: Context, why: list[str], metric: str) -> str | None:
    """Whose figure an estimate is when its sentence names no one ("Kh-101 output reached
    50 a month"): the article's estimate before, else the supplier of its claim before;
    "domestic production" is the recipient's (the country the article is about)."""
    doc = ctx.doc
    if re.search(r"\b(?:domestic|home-?grown|national|local)\b", ctx.sentence.text, re.I) \
            and doc.flow[1] is not None:
        why.append("subject: 'domestic', the recipient of the article's claim before")
        return doc.flow[1]
    named = _named_before(ctx)
    start, in_before = _named_in_sentence_before(ctx)
    last = _subject_before(ctx, start, in_before)
    if last is not None and (re.match(r"\W*(?:It|They|Its|Their)\s", ctx.sentence.text) or
                             _THE_COUNTRY.search(ctx.sentence.text)) and \
            (doc.subject is None or doc.subject not in {m.code for m in in_before}):
        why.append(f"subject: '{ctx.sentence.text.split()[0]}' is {last.text}, the subject "
                   "of the sentence before")  # "Its plants run at 90%"
        return last.code
    if last is not None and _THE_SITE.search(ctx.sentence.text) and _A_SITE.search(
            doc.text, start, ctx.sentence.start):
        why.append(f"subject: the plant is {last.text}'s, named in the sentence before")
        return last.code  # "Estonia has picked a site for its shell plant. The plant will
        # make as many as 30,000 rounds a year"
    if doc.subject is not None:
        why.append("subject: the article's estimate before names it")
        return doc.subject
    if named is not None and re.match(r"\W*(?:It|They)\s", ctx.sentence.text):
        why.append(f"subject: '{ctx.sentence.text.split()[0]}' is {named.text}, named before")
        return named.code  # "It expended 10 million rounds"
    if metric == "consumption_rate" and doc.flow[1] is not None:
        why.append("subject: who receives in the article's claim before uses them")
        return doc.flow[1]
    if doc.flow[0] is not None:
        why.append("subject: the supplier of the article's claim before")
        return doc.flow[0]
    return None
