"""Goods counted as a maker's output, not as supplies: makers handing goods to their own
army, a state's forces receiving from their own industry, an arms maker's deliveries to
no one named ("Lockheed delivered just over 500 of them in 2024")."""

from __future__ import annotations

import re

from .amounts import Amount
from .context import Context
from .nlp import FIRMS
from .periods import period_rate
from .verbs import Verb

# an arms maker as a verb's subject: "Lockheed Martin, which ..., delivered"
_FIRM_SUBJECT = re.compile(r"\b(?:(?i:company|manufacturers?|makers?|producers?|firms?"
                           r"|plants?|factory|factories|contractor)|"
                           + "|".join(re.escape(n) for n, _ in FIRMS)
                           + r")\b(?:,[^,;]{0,90},)?\s+(?:\w+ly\s+|has\s+|have\s+|had\s+|now\s+"
                           r"|already\s+)*$")
# a state's own forces as those who receive: "the Defence Forces of Ukraine received"
_FORCES_RECEIVE = re.compile(r"\b(?:army|troops|(?:defen[cs]e|armed)\s+forces(?:\s+of\s+\w+)?"
                             r"|military|units|brigades|soldiers)\s+(?:have\s+|has\s+|had\s+)?"
                             r"(?:now\s+|also\s+)?$", re.IGNORECASE)
# a sentence about a maker: "The company produced 100 missiles in 2022, and expects to
# deliver about 190 this year"
_FIRM_OPENS = re.compile(r"\W*(?:The\s+(?:[\w\-]+\s+)?(?:company|group|firm|maker|manufacturer"
                         r"|producer|plant|factory)|" + "|".join(re.escape(n) for n, _ in FIRMS)
                         + r")\b")
# goods a country's makers hand to its own forces: what they made
_OWN_ARMY = re.compile(r"\bto\s+(?:the\s+|its\s+|their\s+)?(?:own\s+)?(?:army|troops|military"
                       r"|armed\s+forces|front(?:\s*lines?)?|units|brigades|soldiers)\b"
                       r"|\b(?:front-?line|frontline)\s+units\b", re.IGNORECASE)
# a state's own makers: "from domestic manufacturers", "from Ukrainian producers"
_FROM_HOME_MAKERS = re.compile(r"[^.;]{0,60}?\bfrom\s+(?:domestic|home-?grown|local|national"
                               r"|(?-i:[A-Z])\w+)\s+(?:firms|companies|producers|manufacturers"
                               r"|makers|industry|plants|factories)\b", re.IGNORECASE)
_MAKERS = re.compile(r"\b(?:makers?|manufacturers?|producers?|industry|companies|firms|members"
                     r"|plants|factories|(?<![\-\u2010\u2011])(?:built|made|produced)|production"
                     r"|output)\b", re.IGNORECASE)  # (not "Korean-made": made abroad)


# goods made at home, received by the state: "the ministry took delivery of about 12,000
# domestically made 155mm rounds in January"
_HOME_MADE = re.compile(r"\b(?:domestically|locally|home)[\s\-](?:made|produced|manufactured"
                        r"|built)\b", re.IGNORECASE)


def maker_output(ctx: Context, amount: Amount, verb: Verb | None, why: list[str],
                 cues: set[str]) -> tuple[str, str] | None:
    """("estimate", "production_rate") when goods (not money) given or received are a
    maker's output in a month or year, else None."""
    text, s, e = ctx.doc.text, ctx.sentence.start, ctx.sentence.end
    own_forces = verb is not None and not verb.intent and (
        verb.kind == "receive" and _FORCES_RECEIVE.search(text, max(s, verb.start - 60),
                                                          verb.start) is not None
        or verb.kind == "give" and verb.passive and _OWN_ARMY.search(ctx.sentence.text)
        is not None and not any(p.prep in ("by", "from") for p in ctx.parties))
    firm_subject = verb is not None and _FIRM_SUBJECT.search(
        text, max(s, verb.start - 120), verb.start) is not None
    domestic = verb is not None and (
        _MAKERS.search(ctx.sentence.text) is not None or firm_subject) and not any(
            p.prep == "from" and not _MAKERS.match(text, p.mention.end + 1) for p in ctx.parties)
    planned = verb is not None and verb.intent and verb.kind == "give" and re.search(
        r"\b(?:domestic|home-?grown|local|national)\s+(?:makers|manufacturers|producers|firms"
        r"|companies|industry)\b", ctx.sentence.text, re.I) is not None  # "expects domestic
    # makers to deliver about 4.5 million drones to the armed forces this year"
    home_made = verb is not None and verb.kind == "receive" and not verb.intent and \
        _HOME_MADE.search(text, amount.start, min(e, amount.end + 20)) is not None and \
        not any(p.prep == "from" for p in ctx.parties)  # (not "locally built drones from Latvia")
    if verb is not None and verb.kind in ("give", "receive") and (not verb.intent or planned) \
            and (domestic and (own_forces or _OWN_ARMY.search(ctx.sentence.text) is not None)
                 or home_made):
        per = amount.per or period_rate(ctx, amount)
        if per is not None:  # "manufacturers handed over 200,000 drones to the army in April"
            ctx.rates[amount.start] = per
            why.append(f"production rate: makers' goods '{verb.text}' to their own army, "
                       f"per {per}")  # "the army received over 230,000 FPV drones from
            # Ukrainian manufacturers", "9,000 interceptor drones were handed over to the troops"
            cues.add("verb")
            return "estimate", "production_rate"
    if verb is not None and (verb.kind == "pledge" and verb.text.lower().startswith("order")
                             or verb.kind == "receive" and re.match(
                                 r"(?i)(?:buy|bought|purchas|procur|receiv|got|took)",
                                 verb.text)) and \
            _FROM_HOME_MAKERS.match(text, amount.end, e) and not any(
                p.prep in ("for", "to") for p in ctx.parties):  # (an order "for Ukraine" is
        # pledged to it)
        per = amount.per or period_rate(ctx, amount)
        if per in ("month", "year"):  # "The Defense Ministry will order up to 30,000 strike
            ctx.rates[amount.start] = per  # drones from domestic manufacturers this year"
            why.append(f"production rate: goods '{verb.text}' from the country's own makers, "
                       f"per {per}")
            cues.add("verb")
            return "estimate", "production_rate"
    maker = verb is not None and (not verb.intent and firm_subject or ctx.doc.last == (
        "estimate", "production_rate") and _FIRM_OPENS.match(ctx.sentence.text) is not None)
    if verb is not None and verb.kind == "give" and not verb.noun and \
            not verb.passive and maker and not any(
                p.prep in ("to", "for", "from", "into") or p.mention.start >= verb.end and
                p.mention.start - verb.end <= 8 and not p.adjective
                for p in ctx.parties) and not re.search(  # (nor "sold Russia 2,000 tonnes")
                r"\b(?:to|for)\s+(?:the\s+)?(?-i:[A-Z])", text[verb.end:e]):
        per = amount.per or period_rate(ctx, amount)
        if per is not None:  # "Lockheed delivered just over 500 of them in 2024", "Ukraine's
            # own factories now deliver more than 1,000 interceptor drones a day"
            ctx.rates[amount.start] = per
            why.append(f"production rate: a maker's goods '{verb.text}' to no one named, per "
                       f"{per}")
            cues.add("verb")
            return "estimate", "production_rate"
    return None
