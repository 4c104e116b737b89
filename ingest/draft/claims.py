"""From a sentence's amounts to claims: the type, who supplies whom, the item, the period.

Each rule is small and named in the candidate's ``why``, so the analyst sees how a field
was filled and can judge it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .amounts import Amount, counts_goods
from .attribution import Attribution, find_attributions
from .context import LOCATION, NOT_SUBJECT, Claim, Context, Document
from .conversions import SAME_CARGO, conversion, equivalent, factors, partner, per_carrier
from .goods import (
    GENERIC,
    clause_item,
    item_referred,
    named_before,
    paid_item,
    sentence_item,
    specific_item,
)
from .kinds import governing, kind_of
from .money import bracket_party, total_parties
from .nlp import Sentence
from .parties import context_flow, flow, north_south, parties_of
from .periods import fill_dates
from .references import find_amounts
from .subjects import subject_of
from .verbs import Verb, find_verbs
from .when import find_dates
from .whose import (
    aid_for,
    announcer,
    carried_subject,
    contract_for,
    firm_before,
    line_party,
    main_party,
    maker_seller,
    russia_before,
    scheme_supplier,
    seller_before,
    speaker,
    told_by,
)

# materials munitions are made of, counted in tonnes
_MATERIAL = re.compile(r"\s+of\s+(?:[\w\-]+\s+){0,2}?(?:propellants?|powder|gunpowder|explosives?"
                       r"|TNT|RDX|HMX|nitrocellulose|nitroglycerine?|steel|cotton|linters|chemicals?"
                       r"|acid|toluene|octogen|hexogen)\b", re.IGNORECASE)
_DOMESTIC = re.compile(r"\b(?:domestic|home-?grown|local|national)\s+(?:firms?|companies|"
                       r"producers?|manufacturers?|makers?|industry|suppliers?)\b", re.IGNORECASE)
_OWN_FORCES = re.compile(r"\bto\s+the\s+front(?:\s*lines?)?\b|\bto\s+(?:its|their)\s+(?:own\s+)?"
                         r"(?:troops|forces|army|units|soldiers|brigades)\b", re.IGNORECASE)
_BROAD = re.compile(r"\s*(?:%|per\s*cent|percent)?\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?"
                    r"(?:\w+\s+)?(?:ammunition|munitions|weapons|arms|imports|supplies|aid)\b",
                    re.IGNORECASE)
# a party in a later clause than the amount's: "roughly 40,000 a month, according to Army
# officials, and the service wants 100,000"
_LATER_CLAUSE = re.compile(r"[^;]*?(?:;|,\s+(?:and|but|while|whereas)\s)[^;]*$", re.DOTALL)
_BARE_KIND = re.compile(r"\s*(?:of\s+(?:the|those|these)\s+)?(bombs|rockets)\s*", re.IGNORECASE)
# the codes a bare "bombs" or "rockets" may stand for
_KIND_CODES = {"bombs": "glide_bomb", "rockets": "rocket_"}


# a line that breaks the figure before down: "They included:", "By type:"
_BROKEN_DOWN = re.compile(r"\b(?:includ(?:ed|e|es|ing)|compris(?:ed|e|es|ing)|broke\s+down|break"
                          r"down|by\s+type|were|was)\b", re.IGNORECASE)
# users of goods named by what they are, not whose: "Gunners in the east are firing"
_OWN_USERS = re.compile(r"\b(?:[Gg]unners|[Cc]rews|[Tt]roops|[Uu]nits|[Bb]rigades|[Ss]oldiers"
                        r"|[Bb]atteries|[Ww]e|[Oo]ur)\b")
_STOCKS_AFTER = re.compile(r"[\s\-]+(?:army\s+|military\s+|state\s+|own\s+)?(?:stocks|stockpiles"
                           r"|depots|production|factories|plants|arsenals|reserves|makers"
                           r"|manufacturers|industry|producers|firms|companies)\b")
# a sentence that breaks the rate before down: "That includes roughly 40 Kh-101 cruise
# missiles and around 30 Iskander-M ballistic missiles each month"
_PARTS_OF_RATE = re.compile(r"\W*(?:That|This|These|Those|They|It)\s+(?:figure\s+|total\s+)?"
                            r"(?:includes?|included|including|comprises?|comprised)\b")
_IT_SENT = re.compile(r"\b(?:it|they)\s+(?:has\s+|have\s+|had\s+|also\s+|then\s+)*$")
# a line that lists what aid holds: "Today's announcement of new military aid for Ukraine
# includes:"
_AID_INCLUDES = re.compile(r"\b(?:aid|package|assistance|announcement|tranche|donation)\b[^:]*"
                           r"\b(?:includ(?:es|ed|ing)|compris(?:es|ed)|consists?\s+of)\b", re.I)
# trade that is stopped, not done: "its ban on arms exports to Russia"
_TRADE_STOPPED = re.compile(r"\b(?:ban|bans|banned|halt\w*|stop\w*|curb\w*)\s+(?:on\s+)?"
                            r"(?:\w+\s+)?$", re.IGNORECASE)
# trade counted by value: "exports of microchips to Russia came to $45 million"
_TRADE = re.compile(r"\b(?:exports|imports|shipments|deliveries|sales|trade)\b", re.IGNORECASE)
# one plant's capacity, not an industry's: "The lines are running at 80% of capacity"
_ONE_SITE = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]his|[Tt]hat)\s+(?:new\s+|existing\s+|site's\s+)?"
                       r"(?:plant|factory|site|facility|lines?|works)\b")
_ALL_TYPES = re.compile(r"\s+of\s+(?:all|various|different|many)\s+(?:types|kinds|sorts)\b")
# a line of a list without a bullet: "155 mm artillery ammunition \u2013 more than 35,000 rounds;"
_LABEL_LINE = re.compile(r"^[^.;:\n]{1,60}\s[\u2013\u2014\-:]\s[^\n]{1,80}[;.]?\s*$")
_BULLET = re.compile(r"\s*(?:[\-\u2022*\u2013\u2014\u25aa\u25cf]|\d{1,2}[.)])\s")
_DATELINE = re.compile(r"([^\u2014\u2013\n:;.!?]{2,60}?)\s+(?:\u2014|\u2013|-{1,2})\s+")
_DATELINE_SMALL = frozenset(("near", "outside", "in", "of", "and", "on", "de", "la"))

# what a correction says an earlier version of the text got wrong
_CORRECTED = re.compile(r"\b(?:an?\s+)?(?:earlier|previous|original)\s+version\s+of\s+this\s+"
                        r"(?:story|article|report|piece|post|page|entry|item)\b[^.;]{0,80}?\b"
                        r"(?:said|stated|reported|gave|misstated|wrongly|incorrectly|erroneously"
                        r"|misreported|put)\b", re.IGNORECASE)


def sentence_claims(doc: Document, sentence: Sentence) -> list[Claim]:
    """The claims of one sentence (and a conversion with the sentence before it)."""
    text, s, e = doc.text, sentence.start, sentence.end
    if _CORRECTED.search(text, s, e):
        return []  # "Correction: An earlier version of this story said ...": a figure withdrawn
    lead = _dateline(text, s, e)  # "SEOUL, Oct 18 (Wire) - ": where and when it was filed
    mentions = [m for m in doc.mentions if lead <= m.start < e] + north_south(doc, sentence)
    mentions.sort(key=lambda m: m.start)
    dates = [d for d in find_dates(text, s, e, doc.reported_on) if d.start >= lead]
    attributions = find_attributions(text, s, e)
    named = [m for m in doc.mentions if m.field == "item" and m.end <= s]
    earlier = named[-1] if named else None
    if earlier is not None and earlier.code in GENERIC and len(named) > 1 and \
            named[-2].code not in GENERIC and 0 <= earlier.start - named[-2].end <= 1:
        earlier = named[-2]  # "500 SCALP-EG missiles": the kind, not "missiles"
    amounts = find_amounts(text, s, e, mentions, [(d.start, d.end) for d in dates]
                           + [(s, lead)], doc.item_units, earlier, doc.last_amount,
                           doc.last_figure, doc.last_rate)
    amounts = [a for a in amounts if not any(t.start <= a.number_start < t.end
                                             for t in attributions)]
    verbs = find_verbs(text, s, e)
    source = _source(doc, attributions)
    claims: list[Claim] = []
    carriers = doc.carriers
    doc.carriers = []
    cargo = SAME_CARGO.search(sentence.text)
    if amounts and cargo and carriers and s + cargo.start() < amounts[0].start:
        before, carrier, record = carriers[-1]
        if amounts[0].unit not in (None, carrier.unit) and factors(carrier, amounts[0]):
            if record.get("item") is None and amounts[0].item and not any(
                    before.start <= m.start < before.end and m.field == "item"
                    for m in doc.mentions):  # unless its sentence named a mixed cargo
                record["item"] = amounts[0].item  # "That tonnage equals some 2 million shells"
            claims.append(conversion(doc, carrier, amounts[0], record, before.start, e,
                                      "the next sentence gives the same cargo in "
                                      f"{amounts[0].unit}"))
            amounts = amounts[1:]
    parties = parties_of(text, mentions, attributions, lead)
    ctx = Context(doc, sentence, parties, verbs, dates, attributions, amounts)
    if (_BULLET.match(sentence.text) or doc.intro is not None and _LABEL_LINE.match(
            sentence.text)) and not any(v.kind in ("give", "receive", "pledge") and not v.intent
                                        for v in verbs):
        ctx.intro = doc.intro  # "- more than 4 million artillery rounds since 2022;", "- 20,000
        # rounds of 155mm artillery ammunition, to be delivered by the end of March 2025;"
        ctx.intro_period = doc.intro_period
    elif not sentence.text.rstrip().endswith(":"):
        doc.intro, doc.intro_period = None, None
    if _BULLET.match(sentence.text):
        ctx.parts = doc.parts  # "- 87 Iskander-M ballistic missiles, launched from Kursk;"
    elif _PARTS_OF_RATE.match(sentence.text) and doc.last is not None and doc.last[1] in (
            "consumption_rate", "production_rate") and doc.last_figure is not None and \
            doc.last_figure.per is not None and 0 <= s - doc.last_rate_at <= 300:
        ctx.parts = (doc.last[1], doc.last_figure.per)  # "That includes roughly 40 Kh-101s"
        doc.parts = None
    elif sentence.text.rstrip().endswith(":") and doc.last is not None and doc.last[1] in (
            "consumption_rate", "production_rate") and doc.last_figure is not None and \
            doc.last_figure.per is not None and 0 <= s - doc.last_rate_at <= 300 and \
            _BROKEN_DOWN.search(sentence.text):
        doc.parts = (doc.last[1], doc.last_figure.per)
    else:
        doc.parts = None
    consumed: set[int] = set()
    for i, amount in enumerate(amounts):
        if i in consumed:
            continue
        one = per_carrier(ctx, amount)
        if one is not None:  # "a standard container holds about 300 rounds"
            item = None if amount.item_implied else amount.item
            counted = [a.item for a in amounts[:i] if a.unit == one.unit and a.item] + [
                m.code for m in mentions if m.field == "item" and one.start <= m.start < one.end]
            # (or the goods the carrier's phrase names: "a metric ton of packed 152mm
            # ammunition amounts to roughly 15 rounds")
            last = doc.last_figure
            if not counted and last is not None and last.unit == one.unit and last.item:
                counted = [last.item]  # "260 containers of 155mm shells ... Each one holds
                # between 400 and 480 rounds"
            if counted and (item is None or item in GENERIC) and \
                    doc.item_units.get(counted[-1]) == amount.unit:
                item = counted[-1]  # "20 containers of 122mm shells ..., each holding
                # roughly 500 rounds": the containers' goods
            claims.append(conversion(doc, one, amount, {"source": source, "item": item},
                                     s, e, f"the sentence says what one "
                                     f"{(one.unit or '').rstrip('s')} holds"))
            continue
        claim = _claim(ctx, amount, source)
        linked = equivalent(ctx, amounts, i) if claim is None and amount.unit in (
            "containers", "metric_tons") else None
        if linked is not None and not factors(amount, amounts[linked]):
            linked = None
        if linked is not None:  # "a wagon can carry 60 tonnes, or about 1,000 shells"
            consumed.add(linked)
            claims.append(conversion(doc, amount, amounts[linked], {
                "source": source, "item": None if amount.item_implied else amount.item},
                s, e, "the sentence says what the cargo equals"))
            continue
        if claim is None:
            continue
        claims += _each(ctx, amount, claim)
        if claim.record["type"] == "shipment" and amount.unit in ("containers", "metric_tons"):
            linked = partner(ctx, amounts, i)
            if linked is not None and not factors(amount, amounts[linked]):
                linked = None  # both at least: no factor; fewer goods than carriers: a part
            if linked is not None and per_carrier(ctx, amounts[linked]) is not None:
                linked = None  # "60 containers ..., each container carries 300 to 400
                # shells": what one holds, not the whole cargo
            if linked is not None:
                consumed.add(linked)
                other = amounts[linked]
                if claim.record.get("item") is None and other.item:
                    claim.record["item"] = other.item
                    claim.why.append(f"item: from '{text[other.start:other.end]}'")
                claims.append(conversion(doc, amount, other, claim.record, s, e,
                                          "the same sentence gives the same cargo in "
                                          f"{other.unit}"))
            else:
                doc.carriers.append((sentence, amount, claim.record))
    if not any(c.record["type"] in ("shipment", "pledge") for c in claims):
        _remember_flow(ctx)
    return claims


def _introduce(ctx: Context, verb: Verb, supplier: str | None, recipient: str | None) -> None:
    """A line ending with ":" introduces a list whose lines go on with its verb."""
    if ctx.sentence.text.rstrip().endswith(":"):
        kind = "pledge" if verb.kind == "pledge" or verb.intent else "shipment"
        ctx.doc.intro = (kind, supplier, recipient)
        when = next((d for d in ctx.dates if d.resolved and d.kind in ("point", "range")
                     and d.first and d.last), None)  # "In the 2024-25 financial year the UK
        ctx.doc.intro_period = (when.first, when.last, when.text) if when and when.first and \
            when.last else None  # delivered to Ukraine:"


def _remember_flow(ctx: Context) -> None:
    """A sentence that moves goods it doesn't count ("North Korea has provided Russia with
    100 guns") still says who supplies whom: the next sentence may count them ("Along
    with the launchers came some 20,000 rockets")."""
    verb = next((v for v in ctx.verbs if v.kind in ("give", "receive", "pledge")
                 and not v.noun), None)
    if verb is None and ctx.sentence.text.rstrip().endswith(":") and \
            _AID_INCLUDES.search(ctx.sentence.text):  # "Today's announcement of new military
        whom = next((p.mention.code for p in ctx.parties if p.prep in ("for", "to")), None)
        who = next((p.mention.code for p in ctx.parties if p.prep not in NOT_SUBJECT
                    and p.mention.code != whom), None)  # aid for Ukraine includes:"
        ctx.doc.intro = ("pledge", who or ctx.doc.flow[0], whom or ctx.doc.flow[1])
        ctx.doc.intro_period = None
        return
    if verb is None:
        return
    at = Amount(verb.end, verb.end, verb.end, verb.end, None, None, None, None, None, False,
                None, None, None, "")
    supplier, recipient = flow(ctx, at, verb, [])
    _introduce(ctx, verb, supplier, recipient)
    if supplier is not None and recipient is not None or ctx.doc.intro is not None and (
            supplier is not None or recipient is not None):
        ctx.doc.flow = (supplier, recipient)


def _dateline(text: str, s: int, e: int) -> int:
    """Where a sentence's dateline ends ("SEOUL, Oct 18 (Wire) - ", "WASHINGTON — ",
    "Near Bakhmut, Ukraine — "): a few capitalised words, dates and a bracketed outlet
    before a dash. Its place and date are the report's, not the claim's."""
    m = _DATELINE.match(text, s, e)
    if m is None:
        return s
    words = re.findall(r"[^\s,()]+", m[1])
    if words and words[0][:1].isupper() and all(
            w[:1].isupper() or w[:1].isdigit() or w.lower() in _DATELINE_SMALL for w in words):
        return m.end()
    return s


def _source(doc: Document, attributions: list[Attribution]) -> str | None:
    found = None
    for a in attributions:
        resolved = doc.sources.resolve(a)
        if resolved is not None:
            found = resolved
    return found


def _each(ctx: Context, amount: Amount, claim: Claim) -> list[Claim]:
    """A claim of several parties that each did it ("Latvia and Lithuania each pledged
    €1bn") is one claim per party."""
    members = ctx.each.get(amount.start)
    if not members or claim.record.get("supplier") is not None or \
            claim.record["type"] not in ("shipment", "pledge"):
        return [claim]
    out = []
    for code in members:
        if code == claim.record.get("recipient"):
            continue
        why = [w for w in claim.why if "several together" not in w]
        why.append(f"supplier: {code}, one of {', '.join(members)}, which each did so")
        out.append(replace(claim, record={**claim.record, "supplier": code}, why=why))
    if out:
        ctx.doc.flow = (out[-1].record["supplier"], claim.record.get("recipient")
                        or ctx.doc.flow[1])
    return out or [claim]


def _claim(ctx: Context, amount: Amount, source: str | None) -> Claim | None:
    text = ctx.doc.text
    if not ctx.parties and _first_person(ctx, amount):
        return None  # "“We make 5,000 drones a month,” says the founder": a unit's own count
    verb = governing(ctx, amount)
    why = [f"amount '{text[amount.start:amount.end]}': {amount.how}"]
    cues: set[str] = set()
    through: str | None = None  # the state whose scheme the goods or money go through
    if verb is not None and verb.kind == "give" and re.match(r"(?i)sen[dt]", verb.text) and \
            _IT_SENT.search(text, max(ctx.sentence.start, verb.start - 40), verb.start) and \
            (amount.item or "").startswith(("drone_", "missile_", "glide_")) and not \
            re.search(r"\bto\s+(?:the\s+)?(?-i:[A-Z])", text[verb.end:ctx.sentence.end]) and \
            russia_before(ctx):
        verb = replace(verb, kind="consume")  # "Russia launched 5,438 drones in June.
        why.append("'it' is Russia, which launched them")  # Overnight it sent a record 728"
    kind = kind_of(ctx, amount, verb, why, cues)
    if kind is None:
        return None
    if "paid" in cues or "total" in cues:
        verb = None  # "would spend €200 million on shells": no one uses them
    record: dict[str, Any] = {"type": kind[0], "source": source}
    if kind[0] == "estimate":
        record["metric"] = kind[1]
    _quantity(record, amount)
    if "used" in cues and "quantity" in record:
        record["quantity_low"] = record.pop("quantity")
        why.append("bounds: those used were delivered, so at least this many")
    record["unit"] = amount.unit
    if kind[0] in ("shipment", "pledge") or kind[1] == "supply_share":
        supplier, recipient = flow(ctx, amount, verb, why)
        if ctx.intro is not None and verb is None:
            supplier, recipient = supplier or ctx.intro[1], recipient or ctx.intro[2]
        record["supplier"], record["recipient"] = supplier, recipient
        if kind[1] == "supply_share" and supplier is None and recipient is None:
            return None  # a share of no one's supplies: nothing to record
        if kind[1] == "supply_share":
            ctx.doc.flow = (supplier or ctx.doc.flow[0], recipient or ctx.doc.flow[1])
        if "total" in cues and (record["supplier"] is None or record["recipient"] is None):
            whose, whom = total_parties(ctx, amount)  # "brings Finland's commitments to
            if record["supplier"] is None and whose is not None:  # Kyiv to EUR2.2 billion"
                record["supplier"] = whose
                why.append("supplier: whose commitments the total counts")
            if record["recipient"] is None and whom is not None and whom != record["supplier"]:
                record["recipient"] = whom
                why.append("recipient: whom the commitments are to")
        if kind[0] in ("shipment", "pledge") and record["supplier"] is None:
            record["supplier"] = scheme_supplier(ctx, amount, record["recipient"], why)
        if kind[0] in ("shipment", "pledge") and record["supplier"] is None:
            stocks = next((p.mention.code for p in ctx.parties if p.prep == "from"
                           and p.adjective and p.mention.code != record["recipient"]
                           and _STOCKS_AFTER.match(text, p.mention.end)), None)
            if stocks is not None:  # "delivered to Ukraine from French stocks"
                record["supplier"] = stocks
                why.append("supplier: whose stocks or plants they came from")
        donor = bracket_party(ctx, amount) if kind[0] == "pledge" and supplier is None else None
        if donor is not None:
            record["supplier"] = donor
            why.append("supplier: whose name the sum follows")
        if kind[0] == "pledge" and record["supplier"] is None:
            record["supplier"] = announcer(ctx, amount, why)
        if kind[0] == "pledge" and record["supplier"] is None and record["recipient"] is not None \
                and amount.unit not in ("EUR", "USD"):  # "the group signed a contract ... to
            record["supplier"] = maker_seller(ctx, amount, record["recipient"], why)  # deliver
        if kind[0] == "pledge" and record["recipient"] is None and amount.unit in ("EUR",
                                                                                  "USD"):
            record["recipient"] = aid_for(ctx, amount, record["supplier"], why) or \
                contract_for(ctx, amount, why)
            if record["supplier"] is None and record["recipient"] is not None:  # "the group
                record["supplier"] = maker_seller(  # signed a $270 million contract with Poland"
                    ctx, amount, record["recipient"], why)
            if record["recipient"] is not None and record["recipient"] == record["supplier"]:
                record["recipient"] = None  # "Rheinmetall's contract with the Bundeswehr":
                # a state's own purchase
        if kind[0] == "shipment" and (record["supplier"] is None or record["recipient"] is None):
            trade = _TRADE.search(text, ctx.sentence.start, amount.start)
            if trade is not None and not re.search(r"[,;]", text[trade.end():amount.start]) \
                    and not _TRADE_STOPPED.search(text, max(0, trade.start() - 30),
                                                  trade.start()):
                between = [p for p in ctx.parties if trade.end() <= p.mention.start < amount.start]
                to = next((p.mention.code for p in between if p.prep == "to"), None)
                source = next((p.mention.code for p in between if p.prep == "from"), None)
                if record["recipient"] is None and to is not None and to != record["supplier"]:
                    record["recipient"] = to
                    why.append(f"recipient: where the '{trade[0]}' go")
                if record["supplier"] is None and source is not None and \
                        source != record["recipient"]:
                    record["supplier"] = source
                    why.append(f"supplier: where the '{trade[0]}' come from")
        vehicle = next((p.mention.code for p in ctx.parties if p.prep == "via"), None)
        if kind[0] in ("shipment", "pledge") and (record["recipient"] is None or
                                                  amount.item is None) and \
                vehicle is not None and vehicle != record["supplier"]:
            through = vehicle  # "€100 million to the Czech-led initiative": for whom that
            # state's scheme buys (the article's claims from it say)
    before = ctx.doc.subject, ctx.doc.last
    if kind[0] == "estimate" and kind[1] != "supply_share":
        record["subject"] = subject_of(ctx, amount, verb, why, kind[1])
        if record["subject"] is None and "line before" in cues:
            record["subject"] = line_party(ctx, why)
        unnamed = all(p.prep in LOCATION or _LATER_CLAUSE.match(
            text, amount.end, p.mention.start) or kind[1] == "production_rate" and
            p.mention.start > amount.start and re.search(
                r"\b(?:for|to)\s+(?:the\s+|its\s+|their\s+)?(?:[A-Z][\w\-]*\s+)?$",
                text[max(0, p.mention.start - 30):p.mention.start]) is not None
            for p in ctx.parties)
        # (who output is made for is not who makes it: "produce 10,000 rounds a year for the
        # Ground Self-Defense Force")
        if record["subject"] is None and unnamed and kind[1] == "consumption_rate" and \
                _OWN_USERS.search(ctx.sentence.text):
            record["subject"] = told_by(ctx, why)  # "Gunners are firing 5,000 rounds a day, a
            # Ukrainian officer told the paper"
        if record["subject"] is None and unnamed:
            record["subject"] = firm_before(ctx, amount, why) or carried_subject(
                ctx, why, kind[1]) or speaker(ctx, amount, why)
        if record["subject"] is None and unnamed:
            record["subject"] = main_party(ctx, why)
        if record["subject"] is not None:
            ctx.doc.subject = record["subject"]
    record["item"] = amount.item
    if kind[1] == "supply_share" and amount.item is None and _BROAD.match(text, amount.end) \
            or amount.mixed:
        item = None  # "less than 1% of the ammunition", "mortar and artillery rounds"
    elif amount.item is None and amount.unit in ("EUR", "USD"):
        item = paid_item(ctx, amount)
    elif amount.item is None and amount.unit == "metric_tons" and _MATERIAL.match(text,
                                                                                amount.end):
        item = None  # "1,500 tonnes of propellant a year": a material, not the shells it fills
    elif amount.item is None and kind[1] != "capacity_utilisation":
        item = sentence_item(ctx, amount)
    elif amount.item is None:
        item = clause_item(ctx, amount)
    else:
        item = None
    if amount.item is None:
        if item is not None:
            record["item"] = item
            why.append("item: the one item the sentence names")
    else:
        specific = specific_item(ctx, amount)
        if specific is not None:
            record["item"] = specific
            why.append(f"item: '{text[amount.start:amount.end]}' are the {specific} the "
                       "sentence names")
        elif (named := item_referred(ctx, amount)) is not None:
            record["item"] = named  # "about 1,200 of the missiles", "14,000 such shells"
            why.append(f"item: '{text[amount.start:amount.end]}' are the {named} named before")
        elif amount.item_implied:
            why.append("item: shells or rounds with no calibre are shell_artillery")
    if kind[0] == "estimate" and record.get("subject") is not None and \
            record.get("subject") == before[0] and before[1] == (kind[0], kind[1]) and \
            record["item"] in GENERIC and not _ALL_TYPES.match(text, amount.end) and \
            (record["item"] != "drone_combat" or any(w.startswith(
                "subject: the article's estimate before") for w in why)) and \
            ctx.doc.estimate_item not in (None, record["item"]) and \
            ctx.doc.item_units.get(ctx.doc.estimate_item or "") == amount.unit and \
            (ctx.doc.estimate_item or "").split("_")[0] == record["item"].split("_")[0] and \
            specific_item(ctx, amount) is None:
        record["item"] = ctx.doc.estimate_item  # "Production is set to reach 100,000 rounds"
        why.append("item: as the article's estimate before")
    if record["item"] is None and amount.unit in ("units", "rounds"):
        bare = _BARE_KIND.fullmatch(text, amount.number_end, amount.end)
        named = named_before(ctx, _KIND_CODES[bare[1].lower()]) if bare is not None else None
        if bare is not None and named is not None:  # "glide bombs ... some 4,300 bombs fell"
            record["item"] = named
            why.append(f"item: the {bare[1]} are the {named} the article named before")
    if kind[1] == "capacity_utilisation" and record["item"] is None and \
            ctx.doc.made_item is not None and _ONE_SITE.search(text, ctx.sentence.start,
                                                               amount.start):
        record["item"] = ctx.doc.made_item  # "The lines are running at 80% of capacity"
        why.append("item: what the article's production figure before is of")
    if kind[0] == "estimate" and record["item"] == "drone_combat" and \
            record.get("subject") == "RU" and (amount.kind == "elliptic" or re.fullmatch(
                r"\s*(?:of\s+the\s+|of\s+them\s*)?(?:drones|UAVs)?\s*",
                text[amount.number_end:amount.end])) and not _ALL_TYPES.match(text, amount.end):
        named = named_before(ctx, "drone_") if not re.search(
            r"\b(?:units|troops|soldiers|brigades|front[\s\-]?line|frontline)\b",
            ctx.sentence.text, re.I) else None  # units' drones are mostly FPV, not Shaheds
        if named == "drone_shahed":
            record["item"] = named  # "Shahed drones ... Russia launched 728 drones"
            why.append(f"item: the drones are the {named} the article named before")
    if kind[0] == "estimate" and record["item"] is not None:
        ctx.doc.estimate_item = record["item"]
    if kind[1] == "production_rate" and record["item"] is not None:
        ctx.doc.made_item = record["item"]
    per = ctx.rates.get(amount.start, amount.per)
    if kind[0] == "estimate" and per:
        record["per"] = per
    if amount.unit == "percent":
        ctx.last_percent = kind[1]
    if kind[0] in ("shipment", "pledge"):
        if record["recipient"] is None and (_OWN_FORCES.search(ctx.sentence.text) or record[
                "supplier"] is None and _DOMESTIC.search(ctx.sentence.text)):
            return None  # "ordered drones from domestic firms", "delivered N to the front"
        seller = seller_before(ctx, record["supplier"]) if (
            kind[0] == "pledge" and record["recipient"] is None and record["supplier"]
            is not None and verb is not None and verb.text.lower().startswith("order")
            and not verb.noun and amount.kind != "elliptic" and amount.unit not in ("EUR", "USD")
            and not any(p.prep == "for" for p in ctx.parties)) else None
        if seller is not None:  # "Baykar ... Kyiv also ordered 24 more TB2s in 2023": the
            record["supplier"], record["recipient"] = seller.code, record["supplier"]  # maker
            why.append(f"flow: who ordered them receives them; supplier: {seller.text}, the "
                       "arms maker named before")
        if kind[0] == "pledge" and record["recipient"] is None and (
                verb is not None and verb.text.lower().startswith("order") or
                amount.unit in ("EUR", "USD") and re.search(r"\b(?:orders?|contracts?)\b",
                                                            ctx.sentence.text, re.I)):
            return None  # "Poland has ordered K9 howitzers under contracts worth $13bn":
            # its own purchase, pledged to no one
        context_flow(ctx, record, verb, why)
        if record["supplier"] is None and record["recipient"] is None:
            return None  # no one named here or before: nothing an analyst could record
    if fill_dates(ctx, amount, verb, record, why):
        if "alongside" in cues and kind[0] == "estimate" and ctx.doc.last_end is not None:
            record["period_end"] = ctx.doc.last_end  # "in February, ..., together with
            why.append("period: as the figure before")  # more than 150 missiles"
        else:
            cues.add("undated")
    ctx.doc.last_end = record.get("period_end")
    if "used" in cues and record.get("measure") == "increment":
        # goods used on a day had been delivered by then, not on it
        record["measure"] = "cumulative"
        del record["period_start"]
        why.append("cumulative: those used had arrived by then")
    if source:
        cues.add("source")
    ctx.doc.last = (kind[0], kind[1])
    ctx.doc.last_figure = replace(amount, per=record.get("per", amount.per))
    if counts_goods(ctx.doc.last_figure) and ctx.doc.last_figure.per is not None:
        ctx.doc.last_rate = ctx.doc.last_figure
    if kind[1] in ("consumption_rate", "production_rate"):
        ctx.doc.last_rate_at = ctx.sentence.end
    if kind[0] in ("shipment", "pledge"):
        ctx.doc.last_amount = amount
    return Claim(record, ctx.sentence.start, ctx.sentence.end, amount.start, why, cues,
                 via=through)


def _first_person(ctx: Context, amount: Amount) -> bool:
    """A figure in a quotation whose speaker counts in the first person ("we fire 50
    rounds a day"): their unit's or firm's, not a state's."""
    text, s = ctx.doc.text, ctx.sentence.start
    before = text[s:amount.start]
    quoted = (before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1
              or before.count("\u2018") > before.count("\u2019"))
    return quoted and re.search(r"\b(?:[Ww]e|[Oo]ur|I|[Mm]y)\b", before) is not None


def _quantity(record: dict[str, Any], amount: Amount) -> None:
    for key, value in (("quantity", amount.central), ("quantity_low", amount.low),
                       ("quantity_high", amount.high)):
        if value is not None:
            record[key] = int(value) if float(value).is_integer() else value
