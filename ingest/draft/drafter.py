"""Draft event records from an article's text: one candidate per claim, in text order."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from supplyline.events import Catalogue

from .claims import sentence_claims
from .context import Claim, Document
from .parties import army_mentions, enemy_mentions, scheme_mentions

REQUIRED = {
    "shipment": ("reported_on", "source", "supplier", "recipient", "item", "quantity", "unit",
                 "measure", "period_end"),
    "pledge": ("reported_on", "source", "supplier", "recipient", "item", "quantity", "unit",
               "period_start", "due_by"),
    "estimate": ("reported_on", "source", "metric", "quantity", "unit", "period_end"),
    "conversion": ("reported_on", "source", "from_unit", "to_unit", "factor"),
}
_FIRST = ("type", "reported_on", "source", "via", "url", "document", "quote")
_IDENTITY = ("type", "metric", "unit", "quantity", "quantity_low", "quantity_high",
             "supplier", "recipient", "subject", "item", "per", "measure", "period_start",
             "period_end", "due_by", "from_unit", "to_unit", "factor", "factor_low",
             "factor_high")


def draft_text(text: str, catalogue: Catalogue, *, document: str,
               reported_on: dt.date | None = None, source: str | None = None,
               via: str | None = None, url: str | None = None) -> list[dict[str, Any]]:
    """Candidates ``{"record", "span", "missing", "confidence", "why"}`` for the claims of
    ``text``, in text order. ``record`` is an event record (SPEC §2) quoting the
    sentence(s) it comes from; ``span`` is where they are in ``text``; ``missing`` lists
    the required fields it could not fill. Every candidate with nothing missing passes
    ``validate_record``. Deterministic: the same arguments give the same candidates (the
    day a record would be recorded, for the plausibility rules, is today)."""
    from supplyline.events.clock import utc_today

    from .nlp import pipeline
    from .when import date_line

    sentences, mentions = pipeline(catalogue).read(text)
    mentions = sorted(mentions + army_mentions(text, mentions) + scheme_mentions(text, mentions)
                      + enemy_mentions(text, mentions), key=lambda m: m.start)
    why_date = None
    if reported_on is None:
        found = date_line(text)
        if found is not None:
            reported_on, _ = found
            why_date = f"reported_on: the date line {reported_on}"
    units = {code: item.unit for code, item in catalogue.items.items()}
    doc = Document(text, mentions, reported_on, units)
    claims: list[Claim] = []
    for sentence in sentences:
        claims += sentence_claims(doc, sentence)
    _same_supplier_same_recipient(claims, text)
    today = utc_today()
    out = []
    for claim in claims:
        record = _record(claim, text, document=document, reported_on=reported_on,
                         source=source, via=via, url=url)
        missing = _missing(record)
        if not missing:
            missing = _checked(record, catalogue, today, claim)
        why = claim.why + ([why_date] if why_date else [])
        out.append({"record": record, "span": [claim.start, claim.end], "missing": missing,
                    "confidence": _confidence(claim, record, missing), "why": "; ".join(why),
                    "undated": "undated" in claim.cues})
    for c in (kept := _headlines(_unique(out), catalogue)):
        del c["undated"]
    return kept


# a supplier the sentence names but the catalogue does not: "from partners and domestic
# producers", "from several allies"
_FROM_OTHERS = re.compile(r"\bfrom\s+(?:its\s+|their\s+|the\s+|several\s+|various\s+|many\s+"
                          r"|other\s+)?(?-i:[a-z])", re.IGNORECASE)


def _dominant(values: list[str | None]) -> str | None:
    """The value most of an article's claims share (at least two, and 60% of those that
    have one), else None."""
    named = sorted(v for v in values if v)
    if not named:
        return None
    top = max(dict.fromkeys(named), key=named.count)
    return top if named.count(top) >= 2 and named.count(top) >= 0.6 * len(named) else None


def _same_supplier_same_recipient(claims: list[Claim], text: str) -> None:
    """A shipment or pledge that names its supplier but no recipient goes where the
    article's other claims from that supplier go, when they all go to one recipient
    ("Britain has sent more than 300,000 rounds" in an article whose other British claim
    is to Ukraine); one that goes through a state's scheme ("€100 million to the Czech-led
    initiative") goes where that state's claims go, and is of what they are when they are
    all shells. Then the article's defaults: a flow that still lacks its recipient or its
    supplier takes the one most of the article's flows share, and an estimate that lacks
    its subject the one most of its estimates share (not a supplier the sentence names in
    words of its own: "from partners"). Each is said so in ``why``."""
    goes: dict[str, set[str]] = {}
    made: dict[str, set[str]] = {}
    for c in claims:
        r = c.record
        if r["type"] in ("shipment", "pledge") and r.get("supplier"):
            if r.get("recipient"):
                goes.setdefault(r["supplier"], set()).add(r["recipient"])
            if r.get("item"):
                made.setdefault(r["supplier"], set()).add(r["item"])
    for c in claims:
        r = c.record
        to = goes.get(r.get("supplier") or "", set())
        if r["type"] in ("shipment", "pledge") and r.get("supplier") and \
                not r.get("recipient") and len(to) == 1:
            r["recipient"] = next(iter(to))
            c.why.append(f"recipient: {r['recipient']}, as in the article's other claims from "
                         f"{r['supplier']}")
    flows = [c.record for c in claims if c.record["type"] in ("shipment", "pledge")]
    common = _dominant([r.get("recipient") for r in flows])
    for c in claims:
        r = c.record
        if common is not None and r in flows and r.get("supplier") and \
                r["supplier"] != common and not r.get("recipient") and c.via is None:
            r["recipient"] = common
            c.why.append(f"recipient: {common}, where most of the article's other supplies go")
    one = _dominant([r.get("supplier") for r in flows])
    for c in claims:
        r = c.record
        if one is not None and r in flows and r.get("recipient") and r["recipient"] != one \
                and not r.get("supplier") and c.via is None and \
                not _FROM_OTHERS.search(text, c.start, c.end):
            r["supplier"] = one
            c.why.append(f"supplier: {one}, who makes most of the article's other supplies")
    whose = _dominant([c.record.get("subject") for c in claims
                       if c.record["type"] == "estimate"])
    for c in claims:
        r = c.record
        if whose is not None and r["type"] == "estimate" and \
                r.get("metric") != "supply_share" and "subject" in r and not r.get("subject"):
            r["subject"] = whose
            c.why.append(f"subject: {whose}, whose figures most of the article's other "
                         "estimates are")
    for c in claims:
        if c.via is None:
            continue
        r = c.record
        to = goes.get(c.via, set())
        if not r.get("recipient") and len(to) == 1:
            r["recipient"] = next(iter(to))
            c.why.append(f"recipient: {r['recipient']}, whom {c.via}'s scheme the money goes "
                         "through supplies in the article's other claims")
        kinds = made.get(c.via, set())
        if not r.get("item") and kinds and all(k.startswith("shell_") for k in kinds):
            r["item"] = next(iter(kinds)) if len(kinds) == 1 else "shell_artillery"
            c.why.append(f"item: {r['item']}, what {c.via}'s scheme the money goes through "
                         "supplies in the article's other claims")


def _record(claim: Claim, text: str, *, document: str, reported_on: dt.date | None,
            source: str | None, via: str | None, url: str | None) -> dict[str, Any]:
    found = claim.record.pop("source", None)
    if found is not None:
        claim.why.append(f"source: '{found}' (attributed in the text)")
    elif source is not None:
        found = source
    elif via is not None:
        found = via
        claim.why.append("source: the outlet (the text attributes the claim to no one)")
    head = {"type": claim.record["type"],
            "reported_on": reported_on.isoformat() if reported_on else None,
            "source": found, "via": via, "url": url, "document": document,
            "quote": text[claim.start:claim.end]}
    rest = {k: v for k, v in claim.record.items() if k not in _FIRST and k != "notes"}
    record = {**head, **rest}
    if "notes" in claim.record:
        record["notes"] = claim.record["notes"]
    return {k: v for k, v in record.items() if v is not None}


def _missing(record: dict[str, Any]) -> list[str]:
    kind = record["type"]
    missing = []
    for f in REQUIRED[kind]:
        if f == "quantity":
            if not any(k in record for k in ("quantity", "quantity_low", "quantity_high")):
                missing.append(f)
        elif f == "factor":
            if "factor" not in record and not ("factor_low" in record and
                                               "factor_high" in record):
                missing.append(f)
        elif f not in record:
            missing.append(f)
    if kind == "shipment" and record.get("measure") == "increment" and \
            "period_start" not in record:
        missing.append("period_start")
    if kind == "estimate":
        if record.get("metric") in ("production_rate", "consumption_rate") and \
                "per" not in record:
            missing.append("per")
        if record.get("metric") == "supply_share":
            missing += [f for f in ("supplier", "recipient") if f not in record]
    return missing


def _checked(record: dict[str, Any], catalogue: Catalogue, today: dt.date,
             claim: Claim) -> list[str]:
    """Validate a complete record; a field the validator refuses is taken out and listed
    as missing, so that every complete candidate ingests."""
    from supplyline.events import validate_record

    missing: list[str] = []
    for _ in range(4):
        _, issues = validate_record(record, catalogue, today)
        if not issues:
            return missing
        for field, message in issues:
            name = field.split("[")[0].split(".")[0]
            if name in record and name not in ("type", "quote", "document"):
                del record[name]
                claim.why.append(f"{name} left out: {message}")
            if name not in missing:
                missing.append(name)
    return missing


def _confidence(claim: Claim, record: dict[str, Any], missing: list[str]) -> float:
    """How complete and well supported a candidate is, 0-1: an ordering aid for review,
    not a probability."""
    score = 0.35
    score += 0.2 if "verb" in claim.cues else 0.1 if "cue" in claim.cues else 0.0
    score += 0.1 if "source" in claim.cues else 0.0
    filled = [f for f in ("supplier", "recipient", "subject", "item") if f in record]
    score += min(0.15, 0.05 * len(filled))
    score -= 0.12 * len(missing)
    if any("with no calibre" in w for w in claim.why):
        score -= 0.05
    return round(min(0.95, max(0.05, score)), 2)


def _unique(candidates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One candidate per claim: an article that repeats a claim (a headline and its
    sentence) gets the better-filled of the two. A candidate says the same as another when
    every field it fills is filled alike in the other (its dates too, unless they are only
    the article's: a headline gives none)."""
    keep = []
    for i, c in enumerate(candidates):
        mine = {k: c["record"][k] for k in _IDENTITY if k in c["record"] and not (
            c["undated"] and k in ("period_start", "period_end", "due_by"))}
        same = [j for j, d in enumerate(candidates) if j != i and all(
            d["record"].get(k) == v for k, v in mine.items())
            and _filled(d) >= _filled(c)]
        if any(_filled(candidates[j]) > _filled(c) or _better(candidates[j], c) or
               (j < i and not _better(c, candidates[j])) for j in same):
            continue
        keep.append(c)
    return keep


_SAME_CLAIM = ("type", "metric", "unit", "supplier", "recipient", "subject", "per")
_GENERIC = frozenset(("shell_artillery", "missile_unspecified", "drone_combat"))


def _headlines(candidates: list[dict[str, Any]], catalogue: Catalogue
               ) -> list[dict[str, Any]]:
    """A headline that rounds a claim its article states ("UK to send Ukraine 5,000 air
    defence missiles" over "more than 5,000 lightweight multirole missiles") is that claim:
    the sentence's candidate stays, taking the headline's kind of goods when it names only
    "missiles"."""
    drop = set()
    for i, h in enumerate(candidates):
        if not _headline(h):
            continue
        hr = h["record"]
        values = {hr.get(k) for k in ("quantity", "quantity_low", "quantity_high")} - {None}
        for c in candidates:
            cr = c["record"]
            if c is h or _headline(c) or any(hr.get(k) not in (None, cr.get(k))
                                             for k in _SAME_CLAIM) or \
                    not values & {cr.get(k) for k in ("quantity", "quantity_low",
                                                      "quantity_high")}:
                continue
            drop.add(i)
            item = hr.get("item")
            if cr.get("item") in _GENERIC and item and item not in _GENERIC and \
                    catalogue.items[item].unit == catalogue.items[cr["item"]].unit:
                cr["item"] = item
                c["why"] += f"; item: {item}, as the headline names them"
            break
    return [c for i, c in enumerate(candidates) if i not in drop]


def _headline(c: dict[str, Any]) -> bool:
    return not c["record"]["quote"].rstrip("\u201d\u2019\"')").endswith((".", "!", "?"))


def _filled(c: dict[str, Any]) -> int:
    return sum(1 for k in _IDENTITY if k in c["record"])


def _better(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Fewer fields missing, then more confidence, then a sentence over a headline (the
    sentence has its context)."""
    return _rank(a) < _rank(b)


def _rank(c: dict[str, Any]) -> tuple[int, float, bool]:
    return len(c["missing"]), -c["confidence"], _headline(c)
