"""Conversions: a cargo given in two units (containers or tonnes, and shells) and the
factor the two amounts imply."""

from __future__ import annotations

import re
from typing import Any

from .amounts import Amount
from .context import Claim, Context, Document

_LINK = re.compile(r"\b(?:potentially|possibly|could|would|which|that|containing|holding"
                   r"|carrying|enough\s+for|equal\s+to|equivalent\s+to|equating\s+to"
                   r"|amounting\s+to|or\s+about|or\s+roughly|or\s+some|i\.e\.|worth)\b",
                   re.IGNORECASE)
# a sentence that gives the cargo of the sentence before in another unit: "That tonnage
# equals some 2 million shells", "the containers could hold as many as 9 million shells"
SAME_CARGO = re.compile(r"\b(?:that|this|the|these|those)\s+(?:weight|amount|tonnage|volume"
                        r"|cargo|quantity|shipments?|load|figure|total|containers?|wagons?"
                        r"|tonnes|tons)\s+(?:is|was|were|are|would|could|might|may|can|equals?"
                        r"|includ(?:ed|es|e)|contained|carried|held|consisted\s+of"
                        r"|equalled|amounts?\s+to|correspond(?:s)?\s+to|hold|holds|contain"
                        r"|contains|translates?\s+(?:in)?to)\b"
                        r"|\bput(?:s|ting)?\s+(?:that|this|it|the\s+(?:cargo|tonnage|figure|total))"
                        r"\s+at\b"  # "One of them put that at roughly 150,000 shells"
                        r"|\b(?:that|this|it|which)\s+(?:could|would|might|may|can)\s+(?:add\s+up\s+to"
                        r"|amount\s+to|mean|equal|represent|translate\s+(?:in)?to|hold|contain)\b",
                        re.IGNORECASE)


# a sentence that only says what one unit of cargo equals in goods: "a wagon can carry
# 60 tonnes, or about 1,000 152mm shells", "1,000 tonnes of ammunition equals 16,000 shells"
_EQUIVALENT = re.compile(r"^[^.;]{0,60}?\b(?:or(?:\s+about|\s+roughly|\s+some|\s+around)?|equals?"
                         r"|equalled|equal\s+to|equivalent\s+to|enough\s+for|translates?\s+"
                         r"(?:in)?to|amounts?\s+to|corresponds?\s+to)\s+(?:\w+\s+){0,3}$",
                         re.IGNORECASE)


# what one carrier holds: "a standard container holds about 300 rounds", "maybe 300 to 500
# shells in a container", "300 rounds of 152mm per container"
_PER_CARRIER_AFTER = re.compile(r"\s*(?:per\s+|(?:in|into|to)\s+(?:a|an|each|one|every)\s+"
                                r"(?:[\w\-]+\s+){0,2}?|(?:make|makes)\s+up\s+(?:a|one)\s+"
                                r"|(?:fill|fills|fit\s+in(?:to)?|fits\s+in(?:to)?|go\s+into|goes\s+into)"
                                r"\s+(?:a|one)\s+(?:standard\s+|single\s+)?)(?P<carrier>container"
                                r"|(?:metric\s+)?(?:tonne|ton))\b", re.IGNORECASE)
# (or in a rule of thumb: "about 17 crated 155mm rounds make up a tonne")
# (or counts as: "we count one tonne of cargo as about 20 rounds"; but a tonne of explosive
# that fills shells is no cargo: "one tonne of TNT fills around 150 shells")
_PER_CARRIER_BEFORE = re.compile(r"\b(?:a|an|each|one|every)\s+(?:[\w\-]+\s+){0,3}?"
                                 r"(?P<carrier>container|(?:metric\s+)?(?:tonne|ton))\s+"
                                 r"(?:of\s+(?!(?:\w+\s+)?(?:explosives?|TNT|RDX|HMX|powder"
                                 r"|propellant|nitrocellulose|filler)\b)(?:[\w\-.]+\s+){1,3}?)?"
                                 r"(?:can\s+|could\s+|would\s+|will\s+|typically\s+)?"
                                 r"(?:holds?|held|holding|carr(?:y|ies|ied)|carrying|fits?|contains?"
                                 r"|contained|containing|takes?"
                                 r"|as|equals?"
                                 r"|(?:is\s+|was\s+)?(?:packed|loaded|filled|stuffed|crammed)\s+with"
                                 r"|works?\s+out\s+(?:at|to)|comes?\s+to|amounts?\s+to"
                                 r"|equates?\s+to|translates?\s+(?:in)?to|corresponds?\s+to"
                                 r"|(?:is|was)\s+(?:worth|equal\s+to))\s+"
                                 r"(?:\w+\s+){0,2}$", re.IGNORECASE)


# what each of the carriers just counted holds: "50 shipping containers, each holding around
# 400 rounds"
_EACH_HOLDING = re.compile(r"\b(?P<carrier>containers|(?:metric\s+)?(?:tonnes|tons))\s*,?\s+each\s+"
                           r"(?:holding|carrying|containing|packed\s+with|loaded\s+with|with)\s+"
                           r"(?:\w+\s+){0,2}$", re.IGNORECASE)


# the same, further on in the sentence: "Some 20 containers of 122mm shells left Rijeka in
# January, each holding roughly 500 rounds"
_EACH_AFTER = re.compile(r",\s+each\s+(?:one\s+)?(?:holding|carrying|containing|packed\s+with"
                         r"|loaded\s+with|with)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


# what each of the containers of the sentence before holds: "Each of those boxes holds
# between 300 and 400 rounds"
_EACH_OF_THOSE = re.compile(r"\beach\s+(?:of\s+(?:those|these|the)\s+(?:[\w\-]+\s+)?"
                            r"(?:containers|boxes)|one)\s+(?:can\s+|typically\s+)?"
                            r"(?:holds?|held|carr(?:y|ies|ied)|contains?|contained|takes?)\s+"
                            r"(?:\w+\s+){0,2}$", re.IGNORECASE)


def _one_carrier(start: int, end: int, unit: str | None) -> Amount:
    """One container or ton, said at ``start``-``end``: the "1" of a conversion's factor."""
    return Amount(start, end, start, end, None, 1.0, None, unit, None, False, None, None, None,
                  "one carrier")


def per_carrier(ctx: Context, amount: Amount) -> Amount | None:
    """One carrier, when the sentence says what one holds of the amount's goods."""
    text, s, e = ctx.doc.text, ctx.sentence.start, ctx.sentence.end
    if amount.unit not in ("rounds", "units") or amount.kind != "number" and not re.search(
            r"\bof\s+(?:them|those|these)\s*$", text[amount.number_end:amount.end]):
        return None  # ("A container of 152mm rounds holds about 480 of them")
    found = _PER_CARRIER_AFTER.match(text, amount.end, e) or _PER_CARRIER_BEFORE.search(
        text, max(s, amount.start - 60), amount.start) or _EACH_HOLDING.search(
        text, max(s, amount.start - 60), amount.start)
    if found is None and _EACH_OF_THOSE.search(text, max(s, amount.start - 60), amount.start) \
            and ctx.doc.last_figure is not None and ctx.doc.last_figure.unit == "containers" \
            and ctx.doc.last_figure.end >= s - 400:
        return _one_carrier(amount.start, amount.start, "containers")  # "About 700
        # containers of shells moved ... Each of those boxes holds between 300 and 400 rounds"
    if found is None:
        each = _EACH_AFTER.search(text, max(s, amount.start - 40), amount.start)
        counted = [a for a in ctx.amounts if a.end <= amount.start and a.unit in (
            "containers", "metric_tons")]
        if each is None or not counted:
            return None
        return _one_carrier(each.start(), each.end(), counted[-1].unit)
    unit = "containers" if found["carrier"].lower().startswith("container") else "metric_tons"
    return _one_carrier(found.start(), found.end(), unit)


def equivalent(ctx: Context, amounts: list[Amount], i: int) -> int | None:
    """The goods amount a carrier amount that makes no claim is said to equal."""
    if i + 1 >= len(amounts):
        return None
    goods = amounts[i + 1]
    if goods.unit in ("rounds", "units") and goods.kind == "number" and _EQUIVALENT.match(
            ctx.doc.text[amounts[i].end:goods.start]):
        return i + 1
    return None


def partner(ctx: Context, amounts: list[Amount], i: int) -> int | None:
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


def factors(carrier: Amount, goods: Amount) -> tuple[float | None, float | None] | None:
    """The factor range two amounts imply (least goods / most carriers, most goods /
    least carriers), or None when they imply none: both only lower bounds ("over 13,000
    containers ... over 8 million rounds"), or fewer goods than carriers (the goods are a
    part of the cargo: "the shipments included 220 missiles")."""
    c_low = carrier.central if carrier.central is not None else carrier.low
    c_high = carrier.central if carrier.central is not None else carrier.high
    g_low = goods.central if goods.central is not None else goods.low
    g_high = goods.central if goods.central is not None else goods.high
    low = _sig(g_low / c_high) if g_low and c_high else None
    high = _sig(g_high / c_low) if g_high and c_low else None
    if low is None and high is None or max(x for x in (low, high) if x is not None) < 1:
        return None
    return low, high


def conversion(doc: Document, carrier: Amount, goods: Amount, shipment: dict[str, Any],
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
