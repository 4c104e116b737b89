"""Whose figure an estimate is: its stock, production, consumption or capacity."""

from __future__ import annotations

import re

from .amounts import Amount
from .context import NOT_SUBJECT, Context, clause_bounds
from .roles import HELD, actor, nearest_subject, outside_asides
from .verbs import Verb

# where goods are made: "a plant in Lithuania", "its plants in Germany and Spain", "makes
# 30,000 shells a year in Norway" (the state where they are made, whoever owns the maker)
_SITE = re.compile(r"\b(?:plants?|factory|factories|sites?|facility|facilities|works|lines?"
                   r"|workshops?|shipyards?|complex|arsenal)\s+(?:[\w\-]+\s+){0,3}?(?:in|near)"
                   r"\s+(?:the\s+)?(?:northern\s+|southern\s+|eastern\s+|western\s+|central\s+)?$",
                   re.IGNORECASE)
_MADE_IN = re.compile(r"(?:\s+(?:of\s+)?[\w\-]+){0,4}?\s+(?:a|per|each|every)\s+(?:year|month|week"
                      r"|day)\s+(?:at\s+(?:its|their|a|the)\s+(?:\w+\s+)?(?:plants?|factory"
                      r"|factories|sites?)\s+)?in\s+(?:the\s+)?$", re.IGNORECASE)

_SITE_AFTER = re.compile(r"[\s\-]+(?:\w+\s+)?(?:plants?|factory|factories|sites?|facilit(?:y|ies)"
                         r"|workshops?|lines)\b")

_MAKERS_AFTER = re.compile(r"[\s\-]+(?:\w+\s+)?(?:firms|companies|producers|manufacturers|makers"
                           r"|industry|plants|factories)\b")


def site_of(ctx: Context, amount: Amount, why: list[str]) -> str | None:
    """The state where the goods a production rate or capacity is of are made, when the
    clause names the site: "building a plant in Lithuania that is due to make ..."."""
    text = ctx.doc.text
    left, right = clause_bounds(ctx.doc.text, ctx.sentence.start, ctx.sentence.end, amount)
    for p in ctx.parties:
        m = p.mention
        if not left <= m.start < right or m.kind == "place":
            continue
        if p.prep in ("in", "near") and (
                _SITE.search(text, max(left, m.start - 60), m.start)
                or amount.end <= m.start and _MADE_IN.match(text, amount.end, m.start)):
            why.append(f"subject: where they are made ('in {m.text}')")
            return m.code
        if p.adjective and p.prep == "from" and _MAKERS_AFTER.match(text, m.end):
            why.append(f"subject: whose makers they come from ('{m.text}')")
            return m.code  # "plans to buy 4.5 million drones from Ukrainian producers"
        if p.adjective and _SITE_AFTER.match(text, m.end):
            why.append(f"subject: where they are made ('{m.text}' plants)")
            return m.code
    return None


_SIDE = re.compile(r"[\s\-]+side\b")


def _state_acts(ctx: Context, amount: Amount, anchor: int) -> bool:
    """Whether a state (not an arms maker) is the subject before the verb in the amount's
    clause: "Russia produces 250,000 shells a month for its front lines in Ukraine"."""
    left, _ = clause_bounds(ctx.doc.text, ctx.sentence.start, ctx.sentence.end, amount)
    text = ctx.doc.text
    first = next((p for p in ctx.parties if left <= p.mention.start < anchor), None)
    return first is not None and first.mention.kind != "place" and \
        first.prep not in NOT_SUBJECT and (not first.adjective or first.possessive) and \
        not _SITE_AFTER.match(text, first.mention.end) and \
        not re.search(r"\bthat\b", text[first.mention.end:anchor])


def side_of(ctx: Context, amount: Amount, why: list[str]) -> str | None:
    """"compared with roughly 10,000 a day on the Russian side", "On the Ukrainian side,
    gunners fire 2,000 a day": whose side of the front the figure is."""
    text = ctx.doc.text
    left, right = clause_bounds(ctx.doc.text, ctx.sentence.start, ctx.sentence.end, amount)
    later = [a.start for a in ctx.amounts if a.start > amount.end]
    for p in ctx.parties:
        m = p.mention
        if p.prep != "on" or not _SIDE.match(text, m.end) or not left <= m.start < right:
            continue
        between = text[amount.end:m.start] if m.start >= amount.end else text[m.end:amount.start]
        if re.search(r"\bthan\b", between) or m.start < amount.start and any(
                m.end <= q.mention.start < amount.start for q in ctx.parties):
            continue  # "five times more than on the Ukrainian side", "On the Ukrainian side
            # of the border, Russia fired"
        if amount.end <= m.start <= amount.end + 60 and not any(x < m.start for x in later) \
                or m.start < amount.start and not re.search(r"\d", text[m.end:amount.start]):
            why.append(f"subject: whose side ('on the {m.text} side')")
            return m.code
    return None


def subject_of(ctx: Context, amount: Amount, verb: Verb | None, why: list[str],
               metric: str | None = None) -> str | None:
    """Whose stock, production, consumption or capacity."""
    anchor = verb.start if verb is not None and verb.start < amount.start else amount.start
    if metric in ("production_rate", "capacity_utilisation") and not _state_acts(
            ctx, amount, anchor):
        site = site_of(ctx, amount, why)
        if site is not None:
            return site
    side = side_of(ctx, amount, why)
    if side is not None:
        return side
    if amount.owner is not None:
        why.append("subject: the party whose figure it is ('X's N')")
        return amount.owner
    text = ctx.doc.text
    left = max(text.rfind(";", ctx.sentence.start, amount.start),
               text.rfind(", but", ctx.sentence.start, amount.start),
               text.rfind(" while ", ctx.sentence.start, amount.start), ctx.sentence.start)
    by = re.match(r"[^,;]{0,40}?\bby\s+(?:the\s+)?", text[amount.end:ctx.sentence.end])
    if by is not None:
        after = [p for p in ctx.parties if p.mention.start == amount.end + by.end()]
        if after:
            why.append("subject: after 'by'")
            return after[0].mention.code
    anchor = verb.start if verb is not None and verb.start < amount.start else amount.start
    holder = next((p for p in reversed(ctx.parties) if left <= p.mention.start < amount.start
                   and HELD.match(text, p.mention.end)), None)
    if holder is not None:  # "puts the remaining Russian stock of Iskanders at about 300"
        why.append(f"subject: whose stock ('{holder.mention.text}')")
        return holder.mention.code
    subject = nearest_subject(outside_asides(text, ctx.parties, left, anchor), anchor, left,
                              amount)
    if subject is None:
        subject = nearest_subject(ctx.parties, anchor, ctx.sentence.start, amount)
        if subject is not None and subject.prep in ("to", "for"):
            subject = None
    acting = actor(ctx, anchor, left)
    if subject is not None and acting is not None and \
            acting.mention.start > subject.mention.end:
        subject = None  # "Ukraine's intelligence estimates that Russian plants assemble 40"
    if subject is not None:
        why.append("subject: the party before the verb")
        return subject.mention.code
    if acting is not None:
        why.append(f"subject: '{acting.mention.text}' before the verb")
        return acting.mention.code
    its = re.search(r"\b(?:its|their)\s+(?:own\s+)?\w+", text[left:anchor], re.IGNORECASE)
    if its is not None:  # "Ukraine's defence ministry says its plants made ..."
        owners = [m for m in ctx.doc.mentions if m.field == "party" and any(
            a.start <= m.start < a.end for a in ctx.attributions) and m.start < anchor]
        if len({m.code for m in owners}) == 1:
            why.append("subject: whose 'its' (the source's state)")
            return owners[0].code
    return None
