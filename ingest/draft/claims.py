"""From a sentence's amounts to claims: the type, who supplies whom, the item, the period.

Each rule is small and named in the candidate's ``why``, so the analyst sees how a field
was filled and can judge it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any

from .amounts import Amount, find_amounts
from .attribution import Attribution, Sources, find_attributions
from .nlp import Mention, Sentence
from .verbs import Verb, find_verbs
from .when import When, end_day, find_dates, first_day

_LOCATION = frozenset(("in", "near", "inside", "across", "against", "at", "within",
                       "throughout", "outside", "on", "via", "through", "around", "over",
                       "between", "versus", "than", "of", "about", "under", "beyond"))
_NOT_SUBJECT = _LOCATION | frozenset(("to", "for", "from", "by", "with", "into"))
# a demonym before these nouns stands for its state as the one who acts: "American factories
# produced", "Ukrainian forces are using", "the Czech-led initiative has delivered"
_ACTORS = re.compile(r"^[\s\-]*(?:led\s+|made\s+|run\s+|owned\s+)?(?:[\w\-]+\s+){0,2}?"
                     r"(?:factories|factory|plants?|industry|industries|manufacturers?|producers?"
                     r"|makers?|forces|troops|units|army|military|gunners|artillery|government"
                     r"|initiative|coalition|companies|company|firms?|arsenals?|depots?|navy|stocks?"
                     r"|stockpiles?|reserves?|air\s+force)\b",
                     re.IGNORECASE)
_CUMULATIVE = re.compile(r"\b(?:so\s+far|to\s+date|in\s+total|thus\s+far|altogether|a\s+total"
                         r"\s+of|until\s+now|up\s+to\s+now|overall|in\s+all|cumulative(?:ly)?"
                         r"|since)\b", re.IGNORECASE)
_CAPACITY = re.compile(r"\bcapacity\b", re.IGNORECASE)
_SHARE = re.compile(r"\b(?:suppl(?:y|ies|ied|ying)|provid(?:e|es|ed|ing)|account(?:s|ed)?"
                    r"|gets?|getting|got|receiv(?:e|es|ed|ing)|obtain(?:s|ed)?|buy(?:s|ing)?"
                    r"|bought|sources?|sourcing"
                    r"\s+for|comes?\s+from|came\s+from|sourced|import(?:s|ed)?|share)\b",
                    re.IGNORECASE)
_STOCK = re.compile(r"\b(?:stocks?|stockpiles?|stockpiled|reserves?|inventor(?:y|ies)|arsenal"
                    r"|left|remaining|in\s+store|in\s+storage|still\s+(?:ha[sd]|have|holds?"
                    r"|held|possess(?:es)?))\b", re.IGNORECASE)
_MONEY_PLEDGE = re.compile(r"\b(?:plan|package|aid|fund|funding|pledge|deal|budget"
                           r"|initiative|programme|program|tranche|contract)\b", re.IGNORECASE)
_LINK = re.compile(r"\b(?:potentially|possibly|could|would|which|that|containing|holding"
                   r"|carrying|enough\s+for|equal\s+to|equivalent\s+to|equating\s+to"
                   r"|amounting\s+to|or\s+about|or\s+roughly|or\s+some|i\.e\.|worth)\b",
                   re.IGNORECASE)
# a sentence that gives the cargo of the sentence before in another unit: "That tonnage
# equals some 2 million shells", "the containers could hold as many as 9 million shells"
_SAME_CARGO = re.compile(r"\b(?:that|this|the|these|those)\s+(?:weight|amount|tonnage|volume"
                         r"|cargo|quantity|shipments?|load|figure|total|containers?|wagons?"
                         r"|tonnes|tons)\s+(?:is|was|were|are|would|could|might|may|can|equals?"
                         r"|includ(?:ed|es|e)|contained|carried|held|consisted\s+of"
                         r"|equalled|amounts?\s+to|correspond(?:s)?\s+to|hold|holds|contain"
                         r"|contains|translates?\s+(?:in)?to)\b", re.IGNORECASE)
# a participle right after an amount: "N were distributed", "N supplied to it", "N used
# annually by" (not "N to be used at the front")
_ATTACHED = re.compile(r"^\s*(?:of\s+(?:[\w\-]+\s+){1,3})?(?:(?:were|was|are|is|have|has"
                       r"|had|been|being|be|will|would|could|should|might|may|to)\s+){0,3}"
                       r"(?:(?:\w+ly|also|already|still|now|then|just|only)\s+)?$", re.IGNORECASE)
# a relative clause after goods: "40 Iranian drones that, officials say, Russia launched"
_RELATIVE = re.compile(r"^[\s,]*(?:(?:that|which)\s+)?(?:[\w\-]+\s+(?:say|said|says|believe)"
                       r"\s+)?(?:that\s+)?(?:the\s+)?[\w\-\u2019']+(?:\s+[\w\-\u2019']+)?\s+"
                       r"(?:has\s+|had\s+|have\s+)?$", re.IGNORECASE)
# outlets named after a place: "The Washington Post", "the Kyiv Independent"
_OUTLET = re.compile(r"^[\s\-]+(?:Post|Times|Journal|Herald|Daily|News|Independent|Telegraph"
                     r"|Guardian|Tribune|Gazette|Insider|Pravda|Today|Review|Standard|Observer"
                     r"|Examiner|Chronicle|Mail|Express|Sun|Star|Bulletin)\b")
_SAME_PERIOD = re.compile(r"\b(?:over|in|during|for|across)\s+the\s+same\s+(?:period|time"
                          r"|months?|weeks?)\b", re.IGNORECASE)
_NORTH_SOUTH = re.compile(r"\b[Tt]he\s+(North|South)\b(?!\s+(?:Korea|Atlantic|Pole|Caucasus))")


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
    period: tuple[str | None, str | None] = (None, None)  # the last increment's period


def sentence_claims(doc: Document, sentence: Sentence) -> list[Claim]:
    """The claims of one sentence (and a conversion with the sentence before it)."""
    text, s, e = doc.text, sentence.start, sentence.end
    mentions = [m for m in doc.mentions if s <= m.start < e] + _north_south(doc, sentence)
    mentions.sort(key=lambda m: m.start)
    dates = find_dates(text, s, e, doc.reported_on)
    attributions = find_attributions(text, s, e)
    amounts = find_amounts(text, s, e, mentions, [(d.start, d.end) for d in dates],
                           doc.item_units)
    amounts = [a for a in amounts if not any(t.start <= a.number_start < t.end
                                             for t in attributions)]
    verbs = find_verbs(text, s, e)
    source = _source(doc, attributions)
    claims: list[Claim] = []
    carriers = doc.carriers
    doc.carriers = []
    cargo = _SAME_CARGO.search(sentence.text)
    if amounts and cargo and carriers and s + cargo.start() < amounts[0].start:
        before, carrier, record = carriers[-1]
        if amounts[0].unit not in (None, carrier.unit):
            if record.get("item") is None and amounts[0].item:
                record["item"] = amounts[0].item  # "That tonnage equals some 2 million shells"
            claims.append(_conversion(doc, carrier, amounts[0], record, before.start, e,
                                      "the next sentence gives the same cargo in "
                                      f"{amounts[0].unit}"))
            amounts = amounts[1:]
    parties = _parties(text, mentions, attributions)
    ctx = _Sentence(doc, sentence, parties, verbs, dates, attributions, amounts)
    consumed: set[int] = set()
    for i, amount in enumerate(amounts):
        if i in consumed:
            continue
        claim = _claim(ctx, amount, source)
        if claim is None:
            continue
        claims.append(claim)
        if claim.record["type"] == "shipment" and amount.unit in ("containers", "metric_tons"):
            partner = _partner(ctx, amounts, i)
            if partner is not None:
                consumed.add(partner)
                other = amounts[partner]
                if claim.record.get("item") is None and other.item:
                    claim.record["item"] = other.item
                    claim.why.append(f"item: from '{text[other.start:other.end]}'")
                claims.append(_conversion(doc, amount, other, claim.record, s, e,
                                          "the same sentence gives the same cargo in "
                                          f"{other.unit}"))
            else:
                doc.carriers.append((sentence, amount, claim.record))
    return claims


@dataclass
class _Sentence:
    doc: Document
    sentence: Sentence
    parties: list[_Party]
    verbs: list[Verb]
    dates: list[When]
    attributions: list[Attribution]
    amounts: list[Amount]
    last_share: str | None = None
    last_percent: str | None = None  # the metric of the sentence's last share
    rates: dict[int, str] = field(default_factory=dict)  # amount start -> per, from a period


@dataclass(frozen=True)
class _Party:
    mention: Mention
    prep: str  # the word before it ("to", "from", "in"), "the" and "a" skipped
    possessive: bool  # "Russia's"
    adjective: bool  # a demonym before a noun ("North Korean shells")


def _north_south(doc: Document, sentence: Sentence) -> list[Mention]:
    """"the North" for the last party named "North ..." before it (and "the South")."""
    out = []
    for m in _NORTH_SOUTH.finditer(doc.text, sentence.start, sentence.end):
        earlier = [x for x in doc.mentions if x.end <= m.start() and x.field == "party"
                   and x.text.lower().startswith(m[1].lower() + " ")]
        if earlier:
            x = earlier[-1]
            out.append(Mention(m.start(), m.end(), x.code, "party", "alias", m[0]))
    return out


def _parties(text: str, mentions: list[Mention], attributions: list[Attribution]
             ) -> list[_Party]:
    out = []
    for m in mentions:
        if m.field != "party" or any(a.start <= m.start < a.end for a in attributions):
            continue
        if _OUTLET.match(text[m.end:m.end + 16]):
            continue
        words = re.findall(r"[\w\u2019']+", text[max(0, m.start - 40):m.start].lower())
        while words and words[-1] in ("the", "a", "an", "its", "their"):
            words.pop()
        after = text[m.end:m.end + 3]
        possessive = bool(re.match(r"['\u2019]s?\b", after))
        adjective = (m.kind == "demonym" and not m.text.endswith("s")  # "the Iranians"
                     and bool(re.match(r"[\s\-]+[a-z]", text[m.end:m.end + 3])))
        out.append(_Party(m, words[-1] if words else "", possessive, adjective))
    return out


def _source(doc: Document, attributions: list[Attribution]) -> str | None:
    found = None
    for a in attributions:
        resolved = doc.sources.resolve(a)
        if resolved is not None:
            found = resolved
    return found


def _claim(ctx: _Sentence, amount: Amount, source: str | None) -> Claim | None:
    text = ctx.doc.text
    verb = _governing(ctx, amount)
    why = [f"amount '{text[amount.start:amount.end]}': {amount.how}"]
    cues: set[str] = set()
    kind = _kind(ctx, amount, verb, why, cues)
    if kind is None:
        return None
    record: dict[str, Any] = {"type": kind[0], "source": source}
    if kind[0] == "estimate":
        record["metric"] = kind[1]
    _quantity(record, amount)
    if "used" in cues and "quantity" in record:
        record["quantity_low"] = record.pop("quantity")
        why.append("bounds: those used were delivered, so at least this many")
    record["unit"] = amount.unit
    if kind[0] in ("shipment", "pledge") or kind[1] == "supply_share":
        supplier, recipient = _flow(ctx, amount, verb, why)
        record["supplier"], record["recipient"] = supplier, recipient
        if kind[1] == "supply_share" and supplier is None and recipient is None:
            return None  # a share of no one's supplies: nothing to record
    if kind[0] == "estimate" and kind[1] != "supply_share":
        record["subject"] = _subject(ctx, amount, verb, why)
        if record["subject"] is None and ctx.doc.subject and not ctx.parties and re.search(
                r"^(?:\W*\w+\W+){0,1}(?:production|output|it|they|the\s+country|the"
                r"\s+company|the\s+plant|the\s+factory|its|their)\b",
                ctx.sentence.text, re.IGNORECASE):
            record["subject"] = ctx.doc.subject
            why.append("subject: the article's estimate before names it")
        if record["subject"] is not None:
            ctx.doc.subject = record["subject"]
    record["item"] = amount.item
    if amount.item is None and kind[1] != "capacity_utilisation":
        item = _sentence_item(ctx, amount)
    elif amount.item is None:
        item = _clause_item(ctx, amount)
    else:
        item = None
    if amount.item is None:
        if item is not None:
            record["item"] = item
            why.append("item: the one item the sentence names")
    elif amount.item_implied:
        why.append("item: shells or rounds with no calibre are shell_artillery")
    per = ctx.rates.get(amount.start, amount.per)
    if kind[0] == "estimate" and per:
        record["per"] = per
    if amount.unit == "percent":
        ctx.last_percent = kind[1]
    if kind[0] in ("shipment", "pledge"):
        _context_flow(ctx, record, verb, why)
    _dates(ctx, amount, verb, record, why)
    if source:
        cues.add("source")
    return Claim(record, ctx.sentence.start, ctx.sentence.end, amount.start, why, cues)


def _quantity(record: dict[str, Any], amount: Amount) -> None:
    for key, value in (("quantity", amount.central), ("quantity_low", amount.low),
                       ("quantity_high", amount.high)):
        if value is not None:
            record[key] = int(value) if float(value).is_integer() else value


def _governing(ctx: _Sentence, amount: Amount) -> Verb | None:
    """The verb an amount depends on: the nearest before it in its clause, or a passive
    participle after it ("N were distributed", "N supplied to it by X")."""
    before = [v for v in ctx.verbs if v.end <= amount.start and not _boundary(
        ctx.doc.text[v.end:amount.start])]
    after = [v for v in ctx.verbs if v.start >= amount.end and v.start - amount.end < 60
             and _ATTACHED.match(ctx.doc.text[amount.end:v.start])
             and (v.kind in ("give", "consume") or v.kind == "produce" and amount.per)]
    if after and (after[0].passive or not before):
        return after[0]
    relative = [v for v in ctx.verbs if v.start >= amount.end
                and _RELATIVE.match(ctx.doc.text[amount.end:v.start])]
    if amount.origin is not None and relative and relative[0].kind == "consume":
        return relative[0]  # "40 Iranian drones officials say Russia launched"
    pledged = [v for v in relative if v.kind == "pledge" or v.intent]
    if pledged and not any(v.kind in ("give", "receive") for v in before[-1:]):
        return pledged[0]  # "the one million rounds the bloc had promised to deliver"
    return before[-1] if before else None


def _boundary(between: str) -> bool:
    return ";" in between or bool(re.search(r",\s+(?:but|while|whereas)\b|\bwhile\b", between))


def _kind(ctx: _Sentence, amount: Amount, verb: Verb | None, why: list[str], cues: set[str]
          ) -> tuple[str, str] | None:
    """(type, metric) of the claim an amount makes, or None when it makes none."""
    text, s, e = ctx.doc.text, ctx.sentence.start, ctx.sentence.end
    clause = _clause(text, s, e, amount)
    if amount.unit == "percent":
        if amount.kind == "full" or _CAPACITY.search(text[amount.end:amount.end + 30]) or (
                _CAPACITY.search(clause) and re.search(r"\b(?:at|running|operat\w*|working)\s+"
                                                       r"(?:\w+\s+)?$",
                                                       text[max(s, amount.start - 30):
                                                            amount.start])):
            why.append("capacity: a share of capacity")
            cues.add("cue")
            return "estimate", "capacity_utilisation"
        if _SHARE.search(clause):
            why.append("supply share: a share of what is supplied")
            cues.add("cue")
            return "estimate", "supply_share"
        if ctx.last_percent is not None and re.search(
                r"\b(?:and|from|with|against|versus|than)\s+(?:\w+\s+){0,2}$",
                text[max(s, amount.start - 30):amount.start]):
            why.append(f"{ctx.last_percent}: as the share before it in the sentence")
            return "estimate", ctx.last_percent
        return None
    if amount.per is None and verb is not None and verb.kind in ("produce", "consume") and (
            not verb.noun or verb.text.lower().startswith(("production", "output"))):
        per = _period_rate(ctx, amount)
        if per is not None:
            amount = replace(amount, per=per)
            ctx.rates[amount.start] = per
            why.append(f"rate: a quantity in one {per} is a rate per {per}")
    if amount.per is not None:
        if verb is not None and verb.kind == "produce":
            why.append(f"production rate: '{verb.text}' with 'per {amount.per}'")
            cues.add("verb")
            return "estimate", "production_rate"
        if verb is not None and verb.kind == "consume":
            why.append(f"consumption rate: '{verb.text}' with 'per {amount.per}'")
            cues.add("verb")
            return "estimate", "consumption_rate"
        return None
    if verb is not None and verb.kind in ("give", "receive", "pledge") and (
            verb.intent or verb.kind == "pledge"):
        why.append(f"pledge: '{_context(text, verb)}'")
        cues.add("verb")
        return "pledge", ""
    if _STOCK.search(clause) and (verb is None or verb.kind not in ("give", "receive")):
        why.append("stock: a quantity held")
        cues.add("cue")
        return "estimate", "stock"
    if amount.unit in ("EUR", "USD") and verb is not None and verb.kind in ("give", "receive") \
            and not verb.noun and not verb.intent:
        why.append(f"shipment: '{verb.text}' (goods counted by their value)")
        cues.add("verb")
        return "shipment", ""
    if amount.unit in ("EUR", "USD"):
        later = [v for v in ctx.verbs if v.start >= amount.end and v.kind in ("give", "pledge")]
        if _MONEY_PLEDGE.search(text[amount.end:amount.end + 30]) and (later or verb):
            why.append("pledge: money for a plan, package or aid")
            cues.add("cue")
            return "pledge", ""
        return None
    if verb is not None and verb.kind in ("give", "receive") and not verb.noun:
        why.append(f"shipment: '{verb.text}'" + (" (passive)" if verb.passive else ""))
        cues.add("verb")
        return "shipment", ""
    if verb is not None and verb.kind == "consume" and amount.origin is not None:
        why.append(f"shipment: goods from {amount.origin} that were '{verb.text}' had been "
                   "delivered (at least these)")
        cues.add("verb")
        cues.add("used")
        return "shipment", ""
    if re.search(r"\bfrom\b.{1,60}\bto\b", text[amount.end:e]) and verb is None:
        why.append("shipment: 'from X to Y'")
        return "shipment", ""
    return None


def _context(text: str, verb: Verb) -> str:
    start = max(0, verb.start - 20)
    snippet = text[start:verb.end]
    return snippet[snippet.find(" ") + 1:] if start else snippet


def _clause(text: str, s: int, e: int, amount: Amount) -> str:
    """The part of the sentence around an amount, between clause breaks."""
    left = max(text.rfind(";", s, amount.start), text.rfind(", but", s, amount.start),
               text.rfind(" while ", s, amount.start), s - 1) + 1
    rights = [i for i in (text.find(";", amount.end, e), text.find(", but", amount.end, e),
                          text.find(" while ", amount.end, e)) if i >= 0]
    return text[left:min(rights) if rights else e]


def _flow(ctx: _Sentence, amount: Amount, verb: Verb | None, why: list[str]
          ) -> tuple[str | None, str | None]:
    """(supplier, recipient) from the sentence's structure."""
    text = ctx.doc.text
    parties = ctx.parties
    supplier = recipient = None
    how = ""
    if verb is not None and verb.kind in ("give", "pledge", "receive"):
        subject = _nearest_subject(parties, verb.start, ctx.sentence.start, amount)
        after = [p for p in parties if p.mention.start >= verb.end]
        indirect = next((p for p in after if p.mention.start - verb.end <= 8
                         and p.prep not in _NOT_SUBJECT and not p.possessive), None)
        to = _after_prep(after, ("to", "into", "for"), amount)
        from_ = _after_prep(after, ("from",), amount)
        by = _after_prep(after, ("by",), amount)
        if subject is None:
            subject = _actor(ctx, verb.start, ctx.sentence.start)
        if verb.passive or (by is not None and verb.start > amount.start):
            supplier, recipient = _code(by), _code(to) or _pronoun(ctx, verb, amount)
            how = _said(("supplier after 'by'", supplier), ("recipient after 'to'", recipient))
        elif verb.kind == "receive":
            recipient, supplier = _code(subject), _code(from_)
            how = _said(("recipient before the verb", recipient),
                        ("supplier after 'from'", supplier))
        else:
            # "deliveries from Copenhagen had reached ...": "from X" before the verb
            from_before = next((p for p in reversed(parties) if p.prep == "from" and
                                ctx.sentence.start <= p.mention.start < verb.start), None)
            supplier = _code(subject) or _code(from_) or _code(from_before)
            recipient = _code(indirect) or _code(to)
            how = _said(("supplier before the verb" if subject else "supplier after 'from'",
                         supplier), ("recipient right after the verb" if indirect else
                                     "recipient after 'to'", recipient))
            later = [v for v in ctx.verbs if v.start > verb.end and v.kind == "give"]
            if recipient is None and verb.kind == "pledge" and later:
                # "backed a plan to give Kyiv ammunition"
                nxt = [p for p in parties if p.mention.start >= later[0].end]
                found = next((p for p in nxt if p.mention.start - later[0].end <= 8), None) \
                    or _after_prep(nxt, ("to", "into", "for"), amount)
                recipient = _code(found)
                if recipient is not None:
                    how += f"; recipient: who the plan is to '{later[0].text}' to"
    elif verb is not None and verb.kind == "consume":
        recipient = _code(_nearest_subject(parties, verb.start, ctx.sentence.start, amount))
        how = _said(("recipient: who used them", recipient))
    else:
        m = re.search(r"\bfrom\b", text[amount.end:ctx.sentence.end])
        if m:
            after = [p for p in parties if p.mention.start >= amount.end]
            supplier = _code(_after_prep(after, ("from",), amount))
            recipient = _code(_after_prep(after, ("to", "into"), amount))
            how = _said(("supplier after 'from'", supplier), ("recipient after 'to'", recipient))
    if amount.unit == "percent":  # "70% of Moscow's imports", "half of all Russian shells"
        owner = next((p for p in parties if p.mention.start >= amount.end and
                      (p.possessive or p.adjective) and p.mention.start - amount.end < 40), None)
        if owner is not None and recipient is None:
            recipient = owner.mention.code
            how += "; recipient: whose supplies the share is of"
        given = next((v for v in ctx.verbs if v.start >= amount.end and v.kind == "give"), None)
        if supplier is None and given is not None and given.passive:
            # "most drones Russia flies are supplied to it by Tehran"
            after = [p for p in parties if p.mention.start >= given.end]
            supplier = _code(_after_prep(after, ("by",), amount))
            recipient = recipient or _code(_after_prep(after, ("to",), amount)) or _pronoun(
                ctx, given, amount)
            how += "; passive: supplier after 'by'"
        if recipient is None:
            used_by = _after_prep([p for p in parties if p.mention.start >= amount.end],
                                  ("by",), amount)
            recipient = _code(used_by) if used_by and used_by.mention.code != supplier else None
        used = next((v for v in ctx.verbs if v.start >= amount.end and v.kind == "consume"),
                    None)
        if recipient is None and used is not None:  # "half of all drones Russia launches"
            user = [p for p in parties if amount.end <= p.mention.start < used.start]
            if user and user[-1].mention.code != supplier:
                recipient = user[-1].mention.code
                how += "; recipient: who uses what the share is of"
        if recipient is None and ctx.last_share is not None:
            recipient = ctx.last_share  # "70% of Moscow's imports and 90% of the ..."
            how += "; recipient: as for the share before it"
        if recipient is not None:
            ctx.last_share = recipient
    if supplier is None and amount.origin is not None:
        supplier = amount.origin
        how += "; supplier: the demonym of the goods"
    if supplier is None:
        made = _made_by(ctx, amount)
        if made is not None:
            supplier = made
            how += "; supplier: 'X-supplied' goods"
    if recipient is None and verb is not None and verb.kind in ("give", "pledge"):
        # "Norway will give Ukraine ..., while Sweden has pledged 3,000 rounds"
        for other in ctx.verbs:
            if other is verb or other.kind not in ("give", "pledge"):
                continue
            near = next((p for p in parties if 0 <= p.mention.start - other.end <= 8
                         and not p.possessive), None)
            if near is not None and near.mention.code != supplier:
                recipient = near.mention.code
                how += "; recipient: the one given to elsewhere in the sentence"
                break
    if supplier is not None and supplier == recipient:
        recipient = None
    if how.strip("; "):
        why.append(f"flow: {how.strip('; ')}")
    return supplier, recipient


def _context_flow(ctx: _Sentence, record: dict[str, Any], verb: Verb | None,
                  why: list[str]) -> None:
    """A party the sentence does not name comes from the claim before it in the article
    ("It also sent ...", "Germany alone supplied 170,000 rounds"), and is said so."""
    supplier, recipient = record.get("supplier"), record.get("recipient")
    last_supplier, last_recipient = ctx.doc.flow
    # neither named: the sentence goes on about the claim before ("It also sent ...", "the
    # bloc had promised ...")
    pronoun = supplier is None and recipient is None
    if supplier is None and last_supplier and last_supplier != recipient and (
            recipient == last_recipient or pronoun):
        record["supplier"] = supplier = last_supplier
        why.append("supplier: the article's claim before names it")
    if recipient is None and last_recipient and last_recipient != supplier and (
            supplier is not None or pronoun):
        record["recipient"] = recipient = last_recipient
        why.append("recipient: the article's claim before names it")
    if supplier is not None or recipient is not None:
        ctx.doc.flow = (supplier or last_supplier, recipient or last_recipient)


def _period_rate(ctx: _Sentence, amount: Amount) -> str | None:
    """"launched 1,300 drones in August", "made 2.4 million rounds in 2024": a quantity in
    one day, week, month or year of the sentence is a rate per that."""
    for d in _dates_of(ctx, amount):
        if d.kind == "point" and d.first and d.first == d.last:
            return {0: "year", 1: "month", 2: "day"}[d.first.count("-")]
        if d.kind == "point" and d.first and d.last and d.first.count("-") == 2 and \
                first_day(d.last) - first_day(d.first) == dt.timedelta(days=6):
            return "week"
    return None


def _dates_of(ctx: _Sentence, amount: Amount) -> list[When]:
    """The date phrases that belong to an amount: those before the sentence's first
    amount and its verb apply to all; the others to the amount nearest them."""
    if not ctx.amounts:
        return list(ctx.dates)
    first = min(a.start for a in ctx.amounts)
    out = []
    for d in ctx.dates:
        if d.end <= first:
            out.append(d)
            continue
        nearest = min(ctx.amounts, key=lambda a: min(abs(d.start - a.end), abs(a.start - d.end)))
        if nearest.start == amount.start:
            out.append(d)
    return out


def _said(*found: tuple[str, str | None]) -> str:
    """How the parties found were found (those not found are left out)."""
    return "; ".join(how for how, code in found if code is not None)


def _code(p: _Party | None) -> str | None:
    return p.mention.code if p is not None else None


def _nearest_subject(parties: list[_Party], before: int, start: int, amount: Amount
                     ) -> _Party | None:
    found = [p for p in parties if start <= p.mention.start and p.mention.end <= before
             and p.prep not in _NOT_SUBJECT and not (p.adjective and not p.possessive)]
    if not found:
        found = [p for p in parties if p.mention.end <= before and p.possessive
                 and p.prep not in _LOCATION]
    return found[-1] if found else None


def _after_prep(parties: list[_Party], preps: tuple[str, ...], amount: Amount
                ) -> _Party | None:
    return next((p for p in parties if p.prep in preps), None)


def _pronoun(ctx: _Sentence, verb: Verb, amount: Amount) -> str | None:
    """"supplied to it by X": "it" is the party named before it (not a location)."""
    m = re.search(r"\bto\s+(?:it|them)\b", ctx.doc.text[verb.end:verb.end + 20])
    if m is None:
        return None
    earlier = [p for p in ctx.parties if p.mention.end <= verb.start and p.prep not in
               _LOCATION]
    return earlier[0].mention.code if earlier else None


def _made_by(ctx: _Sentence, amount: Amount) -> str | None:
    """"North Korean-supplied ammunition": the demonym before "-supplied" or "-made"."""
    for p in ctx.parties:
        tail = ctx.doc.text[p.mention.end:p.mention.end + 12]
        if p.mention.kind == "demonym" and p.mention.start < amount.end and re.match(
                r"-(?:supplied|made|produced|built)", tail):
            return p.mention.code
    return None


def _subject(ctx: _Sentence, amount: Amount, verb: Verb | None, why: list[str]) -> str | None:
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
    subject = _nearest_subject(ctx.parties, anchor, left, amount)
    if subject is None:
        subject = _nearest_subject(ctx.parties, anchor, ctx.sentence.start, amount)
        if subject is not None and subject.prep in ("to", "for"):
            subject = None
    if subject is not None:
        why.append("subject: the party before the verb")
        return subject.mention.code
    actor = _actor(ctx, anchor, left)
    if actor is not None:
        why.append(f"subject: '{actor.mention.text}' before the verb")
        return actor.mention.code
    its = re.search(r"\b(?:its|their)\s+(?:own\s+)?\w+", text[left:anchor], re.IGNORECASE)
    if its is not None:  # "Ukraine's defence ministry says its plants made ..."
        owners = [m for m in ctx.doc.mentions if m.field == "party" and any(
            a.start <= m.start < a.end for a in ctx.attributions) and m.start < anchor]
        if len({m.code for m in owners}) == 1:
            why.append("subject: whose 'its' (the source's state)")
            return owners[0].code
    return None


def _actor(ctx: _Sentence, before: int, start: int) -> _Party | None:
    """A demonym before a noun that acts ("American factories", "the Czech-led initiative"),
    nearest before ``before``."""
    found = [p for p in ctx.parties if start <= p.mention.start and p.mention.end <= before
             and p.mention.kind == "demonym" and p.prep not in _NOT_SUBJECT
             and _ACTORS.match(ctx.doc.text[p.mention.end:p.mention.end + 40])]
    return found[-1] if found else None


def _clause_item(ctx: _Sentence, amount: Amount) -> str | None:
    """The one item named between the commas around an amount: "factories making
    artillery shells for Russia run at full capacity"."""
    text, s, e = ctx.doc.text, ctx.sentence.start, ctx.sentence.end
    left = max(text.rfind(",", s, amount.start), s)
    right = text.find(",", amount.end, e)
    right = e if right < 0 else right
    items = {m.code for m in ctx.doc.mentions
             if left <= m.start < right and m.field == "item"}
    return items.pop() if len(items) == 1 else None


def _sentence_item(ctx: _Sentence, amount: Amount) -> str | None:
    items = {m.code for m in ctx.doc.mentions
             if ctx.sentence.start <= m.start < ctx.sentence.end and m.field == "item"}
    items |= {a.item for a in ctx.amounts if a.item and not a.item_implied}
    return items.pop() if len(items) == 1 else None


def _partner(ctx: _Sentence, amounts: list[Amount], i: int) -> int | None:
    """The amount after a carrier amount (containers, tonnes) that gives the same cargo in
    rounds or units: "400 containers ..., possibly holding over 200,000
    shells"."""
    first = amounts[i]
    for j in range(i + 1, len(amounts)):
        other = amounts[j]
        if other.unit in ("rounds", "units") and other.kind == "number":
            between = ctx.doc.text[first.end:other.start]
            if _LINK.search(between) and len(between) < 120:
                return j
        return None
    return None


def _conversion(doc: Document, carrier: Amount, goods: Amount, shipment: dict[str, Any],
                start: int, end: int, how: str) -> Claim:
    """A conversion from the carrier's unit to the goods' unit, with the factor the two
    amounts imply: low = least goods / most carriers, high = most goods / least carriers."""
    c_low = carrier.central if carrier.central is not None else carrier.low
    c_high = carrier.central if carrier.central is not None else carrier.high
    g_low = goods.central if goods.central is not None else goods.low
    g_high = goods.central if goods.central is not None else goods.high
    low = _sig(g_low / c_high) if g_low and c_high else None
    high = _sig(g_high / c_low) if g_high and c_low else None
    record: dict[str, Any] = {"type": "conversion", "source": shipment.get("source"),
                              "from_unit": carrier.unit, "to_unit": goods.unit}
    if low is not None and high is not None and low != high:
        record["factor_low"], record["factor_high"] = low, high
        note = f"implied range {low:g} to {high:g} {goods.unit} per {_singular(carrier.unit)}"
    elif low is not None or high is not None:
        record["factor"] = low if low is not None else high
        bound = ("" if low == high else " (at least)" if high is None else " (at most)")
        note = (f"implied: {_fmt(g_low if low is not None else g_high)} / "
                f"{_fmt(c_high if low is not None else c_low)} = {record['factor']:g} "
                f"{goods.unit} per {_singular(carrier.unit)}{bound}")
    else:
        note = "the amounts give no factor"
    item = shipment.get("item") or goods.item
    if item:
        record["item"] = item
    record["notes"] = f"Drafted: {note}."
    why = [f"conversion: {how}", note]
    return Claim(record, start, end, goods.start, why, {"cue"})


def _sig(x: float) -> float:
    return float(f"{x:.4g}")


def _fmt(x: float | None) -> str:
    return "?" if x is None else (f"{int(x):,}" if float(x).is_integer() else f"{x:,}")


def _singular(unit: str | None) -> str:
    return {"containers": "container", "metric_tons": "metric ton", "EUR": "euro",
            "USD": "dollar"}.get(unit or "", unit or "?")


def _dates(ctx: _Sentence, amount: Amount, verb: Verb | None, record: dict[str, Any],
           why: list[str]) -> None:
    """Period, measure and due date from the sentence's date phrases."""
    reported = ctx.doc.reported_on
    claim_date, period, since, by, within = None, None, None, None, None
    verb_at = verb.start if verb is not None else amount.start
    leading = [a for a in ctx.attributions if a.verb_start < amount.start]
    for d in _dates_of(ctx, amount):
        in_attribution = any(a.start - 40 <= d.start < a.end and d.end <= a.end + 30
                             for a in ctx.attributions) or (
            leading and d.end <= min(a.start for a in leading) + 1 and d.start < verb_at)
        if d.kind == "within":
            within = d
        elif not d.resolved:
            continue
        elif d.kind == "since":
            since = d
        elif d.kind == "by":
            by = d
        elif d.kind in ("point", "asof") and in_attribution and d.end <= verb_at:
            claim_date = d
        elif d.kind in ("point", "range", "asof") and period is None:
            period = d
    kind = record["type"]
    as_of = _clip(claim_date.last if claim_date and claim_date.last else None, reported)
    if claim_date is not None:
        why.append(f"date: '{claim_date.text}' dates the claim")
    if kind == "shipment":
        text = ctx.doc.text
        cumulative = _CUMULATIVE.search(text[ctx.sentence.start:ctx.sentence.end])
        if since is not None:
            record["measure"] = "cumulative"
            record["period_start"] = since.first
            record["period_end"] = as_of or _day(reported)
            why.append(f"cumulative: '{since.text}' starts the count")
        elif period is not None and period.kind == "range" or (
                period is not None and period.kind == "point" and not cumulative):
            assert period is not None
            record["measure"] = "increment"
            record["period_start"] = period.first
            record["period_end"] = _clip(period.last, reported)
            ctx.doc.period = (record["period_start"], record["period_end"])
            why.append(f"increment: '{period.text}'")
        elif _SAME_PERIOD.search(text[ctx.sentence.start:ctx.sentence.end]) and \
                ctx.doc.period[0] is not None:
            record["measure"] = "increment"
            record["period_start"], record["period_end"] = ctx.doc.period
            why.append("increment: the same period as the claim before")
        else:
            record["measure"] = "cumulative"
            record["period_end"] = (period.last if period is not None and period.kind == "asof"
                                    else as_of or _day(reported))
            why.append("cumulative: " + (f"'{cumulative.group(0)}'" if cumulative else
                                         "a total with no period") + " up to "
                       + ("the claim's date" if as_of else "reported_on"))
    elif kind == "pledge":
        start = period or claim_date
        if start is not None and start.first:
            record["period_start"] = start.first
            why.append(f"pledged: '{start.text}'")
        if by is not None:
            record["due_by"] = by.last
            why.append(f"due by: '{by.text}'")
        elif within is not None and record.get("period_start"):
            record["due_by"] = _add_months(record["period_start"], within.months)
            why.append(f"due by: '{within.text}' after it was pledged")
    elif kind == "estimate":
        if period is not None and period.kind == "range" or (
                period is not None and period.first != period.last):
            record["period_start"], record["period_end"] = period.first, period.last
            why.append(f"period: '{period.text}'")
        elif period is not None:
            record["period_end"] = period.last
            why.append(f"period: '{period.text}'")
        elif by is not None and verb is not None and verb.intent:
            record["period_end"] = by.last
            why.append(f"period: the aim '{by.text}'")
        else:
            record["period_end"] = as_of or _day(reported)
        if "period_end" in record and record["period_end"] is not None:
            record["period_end"] = _clip_estimate(record["period_end"], reported, verb)


def _day(d: dt.date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _clip(partial: str | None, reported: dt.date | None) -> str | None:
    """A past period ends no later than the report: a day after it becomes the report's
    day ("this week" in a Tuesday article)."""
    if partial is None or reported is None:
        return partial
    if first_day(partial) > reported:
        return reported.isoformat()
    if partial.count("-") == 2 and end_day(partial) > reported:
        return reported.isoformat()
    return partial


def _clip_estimate(partial: str, reported: dt.date | None, verb: Verb | None) -> str:
    if verb is not None and verb.intent:
        return partial  # an aim may be for later
    return _clip(partial, reported) or partial


def _add_months(partial: str, months: int) -> str:
    y, m = (int(x) for x in partial.split("-")[:2]) if "-" in partial else (int(partial), 1)
    total = y * 12 + (m - 1) + months
    return f"{total // 12:04d}-{total % 12 + 1:02d}"
