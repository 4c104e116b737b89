"""Whose figure an estimate is: its stock, production, consumption or capacity."""

from __future__ import annotations

import re

from .amounts import Amount
from .context import Context
from .roles import HELD, actor, nearest_subject, outside_asides
from .verbs import Verb


def subject_of(ctx: Context, amount: Amount, verb: Verb | None, why: list[str]) -> str | None:
    """Whose stock, production, consumption or capacity."""
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
