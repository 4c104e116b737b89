"""The small questions the party rules share: who a party mention is (``code_of``),
which one may be a sentence's subject, which follows a preposition, what "it" stands for,
and which demonyms act ("American factories") or name what goods are ("is now North
Korean"). ``parties`` (who supplies whom), ``shares`` (whose share) and ``subjects``
(whose estimate) build on them."""

from __future__ import annotations

import re

from .amounts import Amount
from .context import LOCATION, NOT_SUBJECT, Context, Party
from .verbs import VERBS, Verb

# a demonym before these nouns stands for its state as the one who acts: "American factories
# produced", "Ukrainian forces are using", "the Czech-led initiative has delivered"
_ACTORS = re.compile(r"^[\s\-]*(?:led\s+|made\s+|run\s+|owned\s+)?"
                     r"(?:[\w\-]+\s+(?:and|or)\s+)?(?:[\w\-]+\s+){0,2}?"  # "state and private"
                     r"(?:factories|factory|plants?|industry|industries|manufacturers?|producers?"
                     r"|aircraft|jets|planes|warplanes|bombers|pilots|ships|warships|crews"
                     r"|batteries|operators|air\s+defen[cs]es?"
                     r"|makers?|forces|troops|units|army|military|gunners|artillery|government|guns"
                     r"|howitzers|artillerymen|brigades|launchers|soldiers|output|production"
                     r"|initiative|scheme|programmes?|programs?|coalition|companies|company|firms?|arsenals?|depots?|navy|stocks?"
                     r"|stockpiles?|reserves?|air\s+force|workshops?|lines|aviation|sites|facilities|enterprises"
                     r"|shipyards|workers|contractors|sector|side|officers|commanders|suppliers"
                     r"|exporters|traders|brokers|dealers|subsidiary|subsidiaries)\b",
                     re.IGNORECASE)


HELD = re.compile(r"(?:['\u2019]s)?\s+(?:own\s+|remaining\s+|total\s+)?(?:stocks?|stockpiles?"
                   r"|arsenals?|reserves?|inventor(?:y|ies))\b", re.IGNORECASE)


_MUNITIONS = re.compile(r"\b(?:ammunition|munitions?|shells?|rounds|missiles?|drones?|rockets?"
                        r"|bombs?|weapons|arms)\b", re.IGNORECASE)


# an aside between a subject and its verb: "Romania, which has given Ukraine a Patriot
# battery, plans to make 40,000 rounds a year"
ASIDE = re.compile(r",\s+(?:which|who|whose)\b[^,;]{1,120},")

# what follows these is the rest of the goods, not the amount's: "about 70 percent ..., with
# most of the remainder coming from British stocks"
THE_REST = re.compile(r"\b(?:the\s+)?(?:remainder|rest|balance)\b", re.IGNORECASE)


def predicate_party(ctx: Context, amount: Amount) -> Party | None:
    """A demonym the goods a share is of are: "60 percent of the shells Russia fires is now
    North Korean"."""
    text = ctx.doc.text
    return next((p for p in ctx.parties if p.mention.start >= amount.end
                 and p.mention.kind == "demonym" and re.fullmatch(
                     r"[^;]{0,90}?\b(?:is|are|was|were)\s+(?:now\s+|already\s+|still\s+"
                     r"|mostly\s+|largely\s+)?", text[amount.end:p.mention.start])
                 and _MUNITIONS.search(text, amount.end, p.mention.start)
                 and not re.match(r"\s*[\-\w]", text[p.mention.end:p.mention.end + 2])), None)


def said(*found: tuple[str, str | None]) -> str:
    """How the parties found were found (those not found are left out)."""
    return "; ".join(how for how, code in found if code is not None)


def code_of(p: Party | None) -> str | None:
    return p.mention.code if p is not None else None


def outside_asides(text: str, parties: list[Party], start: int, end: int) -> list[Party]:
    """The parties not inside an aside (", which has given Ukraine ...,") between
    ``start`` and ``end``."""
    asides = [(m.start(), m.end()) for m in ASIDE.finditer(text, start, end)]
    return [p for p in parties if not any(a <= p.mention.start < b for a, b in asides)]


def nearest_subject(parties: list[Party], before: int, start: int, amount: Amount,
                     objects: bool = True) -> Party | None:
    """The party nearest before ``before`` that may be a subject (not after a location
    word or a preposition; with ``objects`` false, not right after a verb either: "send
    Ukraine ... and would buy" is not Ukraine buying)."""
    found = [p for p in parties if start <= p.mention.start and p.mention.end <= before
             and p.prep not in NOT_SUBJECT and not (p.adjective and not p.possessive)
             and (objects or not VERBS.fullmatch(p.prep))]
    if not found:
        found = [p for p in parties if p.mention.end <= before and p.possessive
                 and p.prep not in LOCATION and p.prep != "with"]  # (not "a contract with
        # Ukraine's defence ministry to deliver": the other side)
    return found[-1] if found else None


def after_prep(parties: list[Party], preps: tuple[str, ...], amount: Amount
                ) -> Party | None:
    return next((p for p in parties if p.prep in preps), None)


def pronoun(ctx: Context, verb: Verb, amount: Amount) -> str | None:
    """"supplied to it by X": "it" is the party named before it (not a location)."""
    m = re.search(r"\bto\s+(?:it|them)\b", ctx.doc.text[verb.end:verb.end + 20])
    if m is None:
        return None
    earlier = [p for p in ctx.parties if p.mention.end <= verb.start and p.prep not in
               LOCATION]
    return earlier[0].mention.code if earlier else None


def actor(ctx: Context, before: int, start: int) -> Party | None:
    """A demonym before a noun that acts ("American factories", "the Czech-led initiative"),
    nearest before ``before``."""
    found = [p for p in ctx.parties if start <= p.mention.start and p.mention.end <= before
             and p.mention.kind == "demonym" and p.prep not in NOT_SUBJECT
             and _ACTORS.match(ctx.doc.text[p.mention.end:p.mention.end + 40])]
    return found[-1] if found else None
