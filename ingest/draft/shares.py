"""Whose share a percentage is: "70% of Moscow's imports", "half of all drones Russia
launches", "China accounts for 90%", "60 percent of the shells Russia fires are North
Korean"."""

from __future__ import annotations

import re

from .amounts import Amount
from .context import NOT_SUBJECT, Context
from .roles import THE_REST, after_prep, code_of, predicate_party, pronoun


def share_flow(ctx: Context, amount: Amount, supplier: str | None, recipient: str | None
               ) -> tuple[str | None, str | None, str]:
    """(supplier, recipient, how they were found) of a share, from what the sentence's
    structure gave."""
    parties = ctx.parties
    how = ""
    owner = next((p for p in parties if p.mention.start >= amount.end and
                  (p.possessive or p.adjective) and p.mention.start - amount.end < 40), None)
    if owner is not None and recipient is None:
        recipient = owner.mention.code
        how += "; recipient: whose supplies the share is of"
    given = next((v for v in ctx.verbs if v.start >= amount.end and v.kind == "give"), None)
    if supplier is None and given is not None and given.passive:
        # "most drones Russia flies are supplied to it by Tehran"
        after = [p for p in parties if p.mention.start >= given.end]
        supplier = code_of(after_prep(after, ("by",), amount))
        recipient = recipient or code_of(after_prep(after, ("to",), amount)) or pronoun(
            ctx, given, amount)
        how += "; passive: supplier after 'by'"
    used = next((v for v in ctx.verbs if v.start >= amount.end and (
        v.kind == "consume" or v.kind == "receive" and not v.passive)), None)
    if recipient is None and used is not None:  # "half of all drones Russia launches",
        # "1% of the ammunition Ukraine has imported"
        user = [p for p in parties if amount.end <= p.mention.start < used.start]
        if user and user[-1].mention.code != supplier:
            recipient = user[-1].mention.code
            how += "; recipient: who uses what the share is of"
    by_party = after_prep([p for p in parties if p.mention.start >= amount.end],
                           ("by",), amount)
    bought = next((v for v in ctx.verbs if v.start >= amount.end and v.kind == "receive"
                   and v.passive), None)
    if by_party is not None and bought is not None and supplier is None and \
            by_party.mention.code != recipient:
        supplier = by_party.mention.code  # "are bought outside Europe by the Czech-led ..."
        how += "; supplier: who buys them for the user"
    elif recipient is None and by_party is not None and by_party.mention.code != supplier:
        recipient = by_party.mention.code  # "used by X"
    whose = next((p for p in parties if p.possessive and p.mention.end <= amount.start and
                  re.match(r"['\u2019]s?\s+share\s+of\b", ctx.doc.text[p.mention.end:])), None)
    if whose is not None and whose.mention.code not in (recipient, supplier):
        supplier = whose.mention.code  # "Italy's share of the artillery ammunition Ukraine
        how += "; supplier: whose share"  # has received from EU countries is less than 5%"
    predicate = predicate_party(ctx, amount)
    if supplier is None and predicate is not None and \
            predicate.mention.code != recipient:
        supplier = predicate.mention.code  # "60 percent of the shells Russia fires are North
        how += "; supplier: what the goods are"  # Korean"
    made = next((p for p in parties if p.mention.start >= amount.end and re.search(
        r"\b(?:were|was|are|is)\s+(?:all\s+)?(?:made|produced|manufactured|built)\s+(?:in|by)\s+"
        r"(?:the\s+)?$", ctx.doc.text[max(0, p.mention.start - 40):p.mention.start])), None)
    if made is not None:  # "half of the shells that reached Ukraine from the US were made in
        supplier = made.mention.code  # Korea": whose they are, not who passed them on
        how += "; supplier: where the goods were made"
    if supplier is None:  # "roughly half of which come from North Korea" (not "with most of
        supplier = code_of(after_prep([p for p in parties if p.mention.start >= amount.end  # the
                                       and not THE_REST.search(ctx.doc.text, amount.end,  # rest
                                                                p.mention.start)],  # coming
                                       ("from",), amount))  # from British stocks")
    if supplier is None:  # "close to half of what we fired came through the Czech initiative"
        via = next((p for p in parties if p.mention.start >= amount.end and re.search(
            r"\b(?:came|come|comes|coming)\s+(?:through|via)\s+(?:the\s+)?$",
            ctx.doc.text[max(0, p.mention.start - 30):p.mention.start])), None)
        supplier = code_of(via)
        if supplier is not None:
            how += "; supplier after 'from'"
    if supplier is None:  # "China accounts for 90%", "Bulgarian ammunition made up a third"
        before = [p for p in parties if p.mention.end <= amount.start
                  and p.prep not in NOT_SUBJECT and p.mention.code != recipient]
        if before:
            supplier = before[-1].mention.code
            how += "; supplier: the party before the share"
    text = ctx.doc.text
    if recipient is None:  # "its share of Russia's imports rose to 85 per cent"
        owner = next((p for p in parties if p.possessive and p.mention.end <= amount.start
                      and re.search(r"\bshare\s+of\s+(?:the\s+)?$",
                                    text[max(0, p.mention.start - 20):p.mention.start])), None)
        if owner is not None:
            recipient = owner.mention.code
            how += "; recipient: whose imports the share is of"
    if supplier is None and re.match(r"\W*(?:Its|Their)\s+share\b", ctx.sentence.text):
        line = text.rfind("\n", 0, ctx.sentence.start) + 1  # "China remains the larger
        stop = text.rfind(". ", line, ctx.sentence.start - 2)  # source. Its share of ..."
        previous = stop + 2 if stop >= 0 else line
        named = [m for m in ctx.doc.mentions if m.field == "party"
                 and previous <= m.start < ctx.sentence.start and m.code != recipient]
        if named:
            supplier = named[0].code
            how += "; supplier: what 'its' stands for, named in the sentence before"
    last_supplier, last_recipient = ctx.last_share or (None, None)
    if recipient is None and last_recipient is not None:
        recipient = last_recipient  # "70% of Moscow's imports and 90% of the ..."
        how += "; recipient: as for the share before it"
    if supplier is None and last_supplier is not None and last_supplier != recipient:
        supplier = last_supplier  # "China accounts for 90% ... and 70% of ..."
        how += "; supplier: as for the share before it"
    if recipient is not None or supplier is not None:
        ctx.last_share = (supplier, recipient)
    return supplier, recipient, how
