"""Amounts in a sentence: a number with its bounds (from qualifiers and ranges), its unit,
the item its noun phrase names, and a rate ("a day").

A number is an amount only when a unit follows it (shells, rounds, containers, tonnes,
euros, per cent, missiles, drones, or an item of the catalogue), or when it repeats the
unit of an amount before it ("9,000 shells a day against Ukraine's 2,000"). So counts of
countries, people, years, distances and sites are never drafted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TypeGuard

from .nlp import Mention
from .numbers import NUMBER, ONES, Number, find_numbers

_LOW = (r"more\s+than|over|at\s+least|in\s+excess\s+of|upwards\s+of|no\s+fewer\s+than"
        r"|no\s+less\s+than|not\s+less\s+than|a\s+minimum\s+(?:\w+\s+)?of|north\s+of|above|well\s+over"
        r"|well\s+above"
        # verbs of going past: "expects to pass 1.1 million", "output will exceed 2 million"
        r"|pass|surpass|exceed|top|passed|surpassed|exceeded|topped|passes|surpasses|exceeds"
        r"|tops")
_HIGH = (r"up\s+to|almost|nearly|near|as\s+many\s+as|as\s+much\s+as|just\s+under|under|fewer\s+than"
         r"|less\s+than|at\s+most|no\s+more\s+than|not\s+more\s+than|a\s+maximum\s+of"
         r"|close\s+to|just\s+shy\s+of|shy\s+of|below|short\s+of|just\s+short\s+of"
         r"|as\s+high\s+as|approaching|getting\s+on\s+for|practically|virtually")
_CENTRAL = (r"about|some|approximately|approx\.|roughly|around|an\s+estimated|estimated"
            r"|on\s+the\s+order\s+of|of\s+the\s+order\s+of|in\s+the\s+region\s+of"
            r"|circa|ca\.|~|an\s+approximate|nearly\s+about|or\s+so|something\s+like"
            r"|somewhere\s+around")
QUALIFIER = re.compile(rf"\b(?:(?P<low>{_LOW})|(?P<high>{_HIGH})|(?P<central>{_CENTRAL}))"
                       r"\s*$", re.IGNORECASE)
_SUFFIX = re.compile(r"^(?:\s*(?P<low>or\s+more|-?plus|\+|or\s+over)|\s+(?P<central>or\s+so))",
                     re.IGNORECASE)
RANGE = re.compile(r"^\s*(?:-|\u2013|\u2014|to|and|or)\s*$", re.IGNORECASE)
_RANGE_UNITS = re.compile(r"^\s*(?:%|per\s*cent|percent)?\s*(?P<sep>-|\u2013|\u2014|to|and|or)"
                          r"\s*(?:US\$|[$\u20ac\u00a3])?\s*$", re.IGNORECASE)
# dollars are US dollars unless another country's ("C$300 million", "A$", "NZ$", "HK$")
_CURRENCY_BEFORE = re.compile(r"(?:(?P<eur>€|EUR|euro)|(?P<usd>US\$|(?<![A-Za-z])\$|USD))\s*$")
_OTHER_DOLLARS = re.compile(r"\b(?:Canadian|Australian|New\s+Zealand|Hong\s+Kong|Singapore"
                            r"|Taiwan(?:ese)?|Namibian|Jamaican|Liberian)\s+dollars?\b",
                            re.IGNORECASE)
# unit words, longest first; an item of the catalogue found at the same place wins
_UNITS = [
    (r"(?:shipping|sea|cargo|freight|railway|rail)\s+containers?|containers?", "containers"),
    (r"metric\s+tonnes?|metric\s+tons?|tonnes?|tons?", "metric_tons"),
    (r"per\s*cent|percent|pct|%", "percent"),
    (r"euros?|euro", "EUR"),
    (r"(?:US\s+)?dollars?", "USD"),
    (r"(?:artillery\s+)?(?:shells?|rounds?|projectiles?)|munitions?", "rounds"),
    (r"rockets?", "rounds"),
    (r"missiles?|drones?|(?:glide\s+)?bombs?|interceptors?|(?:wing\s+|guidance\s+)?kits"
     r"|pieces|units", "units"),
]
UNIT_AT = re.compile("|".join(f"(?P<u{i}>{p})" for i, (p, _) in enumerate(_UNITS))
                     + r"(?![\w])", re.IGNORECASE)
# words that end a noun phrase: an amount's unit must come before one of them
_STOP = frozenset((
    "to", "from", "by", "in", "on", "at", "for", "with", "that", "which", "who", "whom",
    "whose", "and", "or", "but", "was", "were", "is", "are", "be", "been", "being", "has",
    "have", "had", "will", "would", "could", "should", "can", "may", "might", "do", "does",
    "did", "not", "than", "as", "of", "the", "a", "an", "this", "these", "those", "its",
    "their", "his", "her", "our", "your", "it", "they", "he", "she", "we", "said", "says",
    "say", "told", "according", "per", "each", "every", "day", "month", "year", "week",
    "since", "until", "between", "into", "onto", "over", "under", "about", "after", "before",
    "while", "when", "where", "because", "if", "so", "also", "such", "more", "less", "most",
    "least", "only"))
# a count in one night or day is a daily rate: "launched 188 drones overnight", "used up
# to 60 interceptors in a single night"
RATE = re.compile(r"\b(?:(?:a|an|per|each|every)\s+(?P<unit>day|week|month|year)"
                   r"|(?P<adverb>daily|weekly|monthly|annually|yearly|per\s+annum|overnight"
                   r"|nightly|(?:a|per|each|every)\s+night|(?:in|during|over)\s+(?:a\s+single"
                   r"|one|a|the\s+same)\s+(?:night|day)|in\s+24\s+hours"
                   r"|(?:in|during|over)\s+(?:a\s+single|one)\s+(?:week|month)"
                   r"|(?:in|on|during)\s+an?\s+(?:average|typical|normal|ordinary|usual|given)\s+"
                   r"(?:day|week|month|year)))\b",
                   re.IGNORECASE)
_RATE_BEFORE = re.compile(r"\b(?P<adverb>daily|weekly|monthly|annual|yearly)\s+(?:(?:\w+\s+){0,2}"
                          r"(?:of\s+)?|(?:output|production|capacity)\s+(?:of\s+[\w\s\-]{0,40}?)?"
                          r"(?:(?:estimated|put|expected|set)\s+)?(?:to|at)\s+(?:\w+\s+){0,2})$",
                          re.IGNORECASE)
_TYPICAL = re.compile(r"\b(?:on|in|during)\s+an?\s+(?:average|typical|normal|ordinary|usual"
                      r"|given)\s+(?P<unit>day|week|month|year)\b", re.IGNORECASE)
_PER = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year",
        "yearly": "year", "annual": "year", "per annum": "year", "overnight": "day",
        "nightly": "day", "night": "day", "day": "day", "in 24 hours": "day", "week": "week",
        "month": "month"}
_FRACTIONS = re.compile(r"\b(?P<f>half|a\s+third|one[\s\-]third|two[\s\-]thirds|a\s+quarter"
                        r"|one[\s\-]quarter|three[\s\-]quarters|a\s+fifth|a\s+tenth"
                        r"|(?:one|two|three|four)[\s\-]fifths?|one[\s\-]tenth|one[\s\-]twentieth"
                        r"|a\s+twentieth)\s+of\b",
                        re.IGNORECASE)
# "one in every ten rounds", "one in three shells": a share
_ONE_IN = re.compile(r"\b(?P<k>one|two|three|four|1|2|3|4)\s+in\s+(?:every\s+)?(?P<n>two|three|four"
                     r"|five|six|seven|eight|nine|ten|twenty|\d{1,3}(?:,\d{3})*(?![\d.]\d))\b",
                     re.IGNORECASE)
_FRACTION_VALUE = {"twentieth": 5.0, "fifths": 20.0, "half": 50.0, "third": 100 / 3,
                   "thirds": 200 / 3, "quarter": 25.0,
                   "quarters": 75.0, "fifth": 20.0, "tenth": 10.0}
# not a level reached: "once it reaches full capacity in 2027", "when fully running"
_FULL_CAPACITY = re.compile(r"(?<!reaches\s)(?<!reached\s)(?<!reach\s)(?<!reaching\s)"
                            r"\bfull\s+capacity\b(?!\s+(?:by|from)\s+(?:\d{4}|next))",
                            re.IGNORECASE)
_CHANGE_AFTER = re.compile(r"^\s*(?:more|less|fewer|higher|lower|increase|rise|drop|fall"
                           r"|growth|decline|jump)\b", re.IGNORECASE)
# ("make up 40%" is a share, not a rise)
_CHANGE_BEFORE = re.compile(r"\b(?:by|(?<!make\s)(?<!made\s)(?<!makes\s)up|down|rose|fell"
                            r"|increased|decreased|grew|jumped|dropped|cut|raised)\s+(?!from\b|to\b)"
                            r"(?:\w+\s+)?$", re.IGNORECASE)
# cargo that is not munitions: "1 million tonnes of oil"
OTHER_CARGO = re.compile(r"^\s+of\s+(?:\w+\s+)?(?:oil|crude|fuel|diesel|petrol|gas|food|grain"
                          r"|wheat|rice|flour|coal|fertili[sz]ers?|cash|timber|steel|goods"
                          r"|humanitarian)\b", re.IGNORECASE)
# "the one-million-shell plan": a name, not an amount
_NAMED = re.compile(r"^[\-\u2010\u2011]\w+[\-\u2010\u2011]?\w*\s+(?:plan|programme|program"
                    r"|initiative|target|goal|pledge|promise|scheme|project|mark|milestone)\b",
                    re.IGNORECASE)
_REFERENCE = re.compile(r"\bout\s+of\s+(?:the\s+|a\s+)?(?:\w+\s+)?$", re.IGNORECASE)
_PART_OF = re.compile(r"^\s*(?:of|out\s+of)\s+(?:the\s+)?(?:\d(?![\d.,]*\s?-?(?:mm|millimet|cm\b"
                      r"|calibre|caliber|inch))|one|two|three|four|five|six"
                      r"|seven|eight|nine|ten)", re.IGNORECASE)
_TIMES = re.compile(r"^\s*(?:times|fold|a\.m\.|p\.m\.|am\b|pm\b|o'clock|years?\s+old)",
                    re.IGNORECASE)
_CALIBRE = re.compile(r"\d+(?:[.,]\d+)?\s?-?(?:mm|millimet(?:er|re)s?|cm|calibre|caliber)\b"
                      r"|\b[A-Z][A-Za-z]*-\d+[A-Za-z]*\b", re.IGNORECASE)
_MODIFIER = re.compile(r"[\s\-]+(?:launchers?|systems?|batter(?:y|ies)|carriers?|crews?"
                       r"|forces|troops|strikes?|attacks?|programmes?|programs?|factor(?:y|ies)"
                       r"|plants?|production|lines?|makers?|producers?|defen[cs]e|shortages?"
                       r"|supplies|stocks?|depots?|components?|parts|engines?|motors?|operators?"
                       r"|units?)\b", re.IGNORECASE)
_MADE = re.compile(r"[\-\u2010\u2011](?:made|built|supplied|produced|manufactured|designed)\b",
                   re.IGNORECASE)
_CARRIER = ("containers", "metric_tons", "EUR", "USD")
# between two amounts of a list: "30 Kalibr missiles and around 20", "300 drones, 50"
_LIST_LINK = re.compile(r"(?:\s+(?!(?:in|last|this|next|since|during|over|on|by|until|per|a|an"
                        r"|each|every)\b)[\w\-]+){0,2}?\s*(?:,\s*(?:and\s+)?|and\s+"
                        r"|as\s+well\s+as\s+)"
                        r"(?:(?:about|around|some|roughly|nearly|almost|up\s+to|more\s+than|over)"
                        r"\s+)?", re.IGNORECASE)


@dataclass(frozen=True)
class Amount:
    start: int  # the phrase: qualifier, number(s), unit and its item
    end: int
    number_start: int
    number_end: int
    low: float | None
    central: float | None
    high: float | None
    unit: str | None
    item: str | None  # named in its noun phrase (or implied by a bare "shells")
    item_implied: bool  # from a bare unit word, not a name
    per: str | None  # "day", "week", "month", "year"
    origin: str | None  # a party's demonym in its noun phrase ("North Korean missiles")
    owner: str | None  # a possessive party before it ("Ukraine's 2,000")
    how: str  # how the bounds were read, for the candidate's "why"
    kind: str = "number"  # "number", "fraction", "full", "elliptic"
    mixed: bool = False  # goods of two kinds: "mortar and artillery rounds"


# a year before a noun, not a count: "the 2023 shells went to the United States"
_YEAR_AS_WORD = re.compile(r"[Tt]he\s20(?:1[4-9]|2\d)\s+[a-z]")
# the second half of a pair of model names: "Kh-59/69", "Kh-22/32"
_MODEL_BEFORE = re.compile(r"[A-Za-z]{1,4}-?\d{1,4}[/\u2044]$")
# a calibre of cannon or small arms, not artillery: "rounds of 35mm ammunition", "7.62mm"
_SMALL_CALIBRE = re.compile(r"(?:^|\s+of\s+|\s)(?P<cal>[1-5]?\d(?:[.,]\d+)?)\s?-?"
                            r"(?:mm|millimet(?:er|re)s?)\b", re.IGNORECASE)
# words that name a kind of munition of its own: "mortar and artillery rounds" are two
_KIND_WORDS = re.compile(r"\b(?:mortars?|tanks?|rockets?|small[\s\-]arms|rifles?|artillery|naval"
                         r"|anti-tank|howitzers?|shells?|rounds?|drones?|missiles?|bombs?)\b",
                         re.IGNORECASE)
# a size, not a count: "standard 20-foot containers", "a 40-tonne truck"
_DIMENSION = re.compile(r"-(?:foot|feet|ft|metre|meter|inch|tonne|ton|km|kilometre|mile"
                        r"|storey|wheel|axle)\b|\s(?:foot|feet|ft|inch)\b", re.IGNORECASE)
# a model's number after its letters: "RBS 70 missiles", "MIM 23" (not a currency's code:
# "EUR 800 million")
_MODEL_NUMBER = re.compile(r".*\b(?!(?:EUR|USD|GBP|CHF|SEK|NOK|DKK|PLN|CZK|HUF|RON|BGN|UAH|RUB|KRW"
                           r"|JPY|CNY|TRY|INR|CAD|AUD|NZD|ZAR|BRL|NATO|EU|US|UK|UN)\b)[A-Z]{2,5}"
                           r"\s\d{1,3}(?![\d,.])\s[a-zA-Z]", re.DOTALL)


def direct_amounts(text: str, start: int, end: int, mentions: list[Mention],
                   masked: list[tuple[int, int]], item_units: dict[str, str]
                   ) -> tuple[list[Amount], list[Number]]:
    """The amounts of ``text[start:end]`` whose unit follows their number, and every
    number found (for :mod:`ingest.draft.references`, which reads the bare ones).
    ``mentions`` are the catalogue's words found in the text; ``masked`` spans (dates)
    hold no amount; ``item_units`` gives each item's canonical unit."""
    sentence = text[start:end]
    masks = masked + [(m.start, m.end) for m in mentions if m.field == "item"]
    masks += [(start + m.start(), start + m.end()) for m in _CALIBRE.finditer(sentence)]
    one_in = [(start + m.start(), start + m.end(), m) for m in _ONE_IN.finditer(sentence)]
    masks += [(a, b) for a, b, _ in one_in]
    by_start = {m.start: m for m in mentions}
    party_ends = {m.end for m in mentions if m.field == "party"}
    numbers = [_shift(n, start) for n in find_numbers(sentence)]
    numbers = [n for n in numbers if not any(a < n.end and n.start < b for a, b in masks)
               and not _MODEL_BEFORE.search(text, max(0, n.start - 12), n.start)
               and not (_MODEL_NUMBER.match(text, max(0, n.start - 7), n.end + 2)
                        and n.start - 1 not in party_ends)  # (not "the USA 500 shells")
               and not _DIMENSION.match(text, n.end)
               and not _YEAR_AS_WORD.match(text, max(0, n.start - 4))]
    out: list[Amount] = []
    i = 0
    while i < len(numbers):
        n, second = numbers[i], None
        link = _RANGE_UNITS.match(text[n.end:numbers[i + 1].start]) if i + 1 < len(
            numbers) else None
        if link is not None:  # "2-3 million", "between 60% and 70%", "$20,000 to $50,000"
            before = text[max(start, n.start - 12):n.start].lower()
            nxt = numbers[i + 1]
            first = n.value * nxt.value / unscaled(nxt) if (
                not n.scaled and nxt.scaled and n.value < 1000) else n.value
            if (link["sep"].lower() != "and" or before.rstrip(" $€£").endswith("between")) \
                    and first < nxt.value:  # (not "$364 million to two American companies")
                second = nxt
        i += 2 if second is not None else 1
        amount = _amount(text, start, end, n, second, by_start, item_units)
        if amount is not None:
            out.append(amount)
    out += [f for f in _fractions(text, start, end, numbers, by_start)
            if not any(a < f.end and f.start < b for a, b in masked)]
    for lo, hi, found in one_in:  # "roughly one in every ten rounds": a share of 10 percent
        count = ONES.get(found["n"].lower()) or int(found["n"].replace(",", ""))
        part = ONES.get(found["k"].lower()) or int(found["k"])
        if count < 2 or part >= count:
            continue
        qualifier = QUALIFIER.search(text[max(start, lo - 40):lo])
        value = round(100 * part / count, 2)
        low = value if qualifier is not None and qualifier["low"] else None
        high = value if qualifier is not None and qualifier["high"] else None
        item = _item_of(text, hi - 1, end, by_start) or _first_item(text, hi, end, by_start)
        out.append(Amount(lo, hi, lo, hi, low, None if low or high else value, high, "percent",
                          item.code if item else None, False, None, None, None,
                          f"'{found.group(0)}' is {value:g} percent", kind="fraction"))
    out += [_full(text, start, start + m.start(), start + m.end())
            for m in _FULL_CAPACITY.finditer(sentence)]
    out.sort(key=lambda a: a.start)
    for i in range(len(out) - 2, -1, -1):  # "about 30 Kalibr missiles and around 20
        a, b = out[i], out[i + 1]  # Iskander-M missiles each month": a list shares its rate
        if a.per is None and b.per is not None and a.unit == b.unit and _LIST_LINK.fullmatch(
                text, a.end, b.start):
            out[i] = replace(a, per=b.per)
    return out, numbers


def _shift(n: Number, by: int) -> Number:
    return replace(n, start=n.start + by, end=n.end + by)


def _amount(text: str, start: int, end: int, n: Number, second: Number | None,
            by_start: dict[int, Mention], item_units: dict[str, str]) -> Amount | None:
    last = second or n
    before = text[start:n.start]
    if n.vague and re.search(r"\b(?:in|by\s+the)\s+$", before):
        return None  # "output is counted in dozens a month": no figure given
    if _REFERENCE.search(before) or _PART_OF.match(text[last.end:end]) or _TIMES.match(
            text[last.end:end]):
        return None
    if _NAMED.match(text[last.end:end]) and not re.match(r"[\-\u2010\u2011](?:euro|dollar)",
                                                          text[last.end:end], re.IGNORECASE):
        return None
    currency = _CURRENCY_BEFORE.search(before)
    qual_end = n.start - (len(currency.group(0)) if currency else 0)
    qual_base = max(start, qual_end - 40)  # where the qualifier's window starts
    qualifier = QUALIFIER.search(text[qual_base:qual_end])
    bracket = re.search(r"(?:[A-Z]{1,3}\$|[\u00a3\u20ac$]|[A-Z]{3}\s?)?[\d.,]+\s*(?:bn|mn|m"
                        r"|billion|million)?\s*(?:[A-Za-z]+\s+){0,2}?\(\s*$",
                        text[max(start, qual_end - 40):qual_end])
    same_sum = bracket is not None and currency is not None and not bracket.group(0).startswith(
        currency.group(0).strip()) and re.match(r"\s*\)", text[last.end:end]) is not None
    if qualifier is None and same_sum and bracket is not None:  # "more than £14bn ($18.4bn)"
        at = max(start, qual_end - 40) + bracket.start()  # sum, so the same bound
        qual_base = max(start, at - 40)
        qualifier = QUALIFIER.search(text[qual_base:at])
    if qualifier is not None and re.search(r"\b(?:hand|turn|pass)(?:s|ed|ing)?\s+over\s+$",
                                           text[max(start, qual_end - 40):qual_end], re.I):
        qualifier = None  # "handed over 350,000 rounds": a verb, not "more than"
    unit, item, implied, origin, unit_end = _unit_after(text, last.end, end, by_start,
                                                        item_units)
    if currency:
        unit, unit_end = ("EUR" if currency["eur"] else "USD"), max(unit_end, last.end)
    if unit is None or unit in _CARRIER and OTHER_CARGO.match(text[unit_end:end]):
        return None
    if unit == "USD" and not currency and _OTHER_DOLLARS.search(text, last.end,
                                                                 max(unit_end, last.end)):
        return None  # "35 million Canadian dollars": no US dollars
    if re.match(r"\s*(?:for|to)\s+(?:every|each)\b", text[max(unit_end, last.end):end], re.I):
        return None  # "three shells for every Ukrainian one": a ratio
    if re.search(r"\b(?:cost|price)s?\s+of\s+$", before, re.I):
        return None  # "the cost of one interceptor drone": a price's unit
    if re.match(r"\s*(?:(?:a|per)\s+(?:day|week|month)\s+)?(?:per|for\s+each|each)\s+"
                r"(?:gun|howitzer|barrel|battery|brigade|battalion|soldier|crew|launcher|system"
                r"|aircraft|jet|tank)\b",
                text[max(unit_end, last.end):end], re.I):
        return None  # "rationed to 20 shells a day per gun": a unit's ration
    if unit == "percent" and (_CHANGE_AFTER.match(text[unit_end:end])
                              or _CHANGE_BEFORE.search(text[start:n.start])):
        return None  # "30 per cent more containers": a change, not a level
    low = central = high = None
    first_value = n.value
    if second is not None:
        if not n.scaled and second.scaled and n.value < 1000:
            first_value = n.value * second.value / unscaled(second)
        low, high = sorted((first_value, second.value))
        how = f"range {n.text}-{second.text}"
    elif n.vague:
        low, how = n.value, f"'{n.text}' means at least {plain(n.value)}"
    else:
        how = "bare number: central"
        central = n.value
        suffix = _SUFFIX.match(text[n.end:end])
        if qualifier is not None:
            word = re.sub(r"\s+", " ", qualifier.group(0).strip().lower())
            if qualifier["low"]:
                low, central, how = n.value, None, f"'{word}': a lower bound"
            elif qualifier["high"]:
                high, central, how = n.value, None, f"'{word}': an upper bound"
            else:
                how = f"'{word}': central"
        elif suffix is not None and suffix["low"]:
            low, central, how = n.value, None, f"'{suffix.group(0).strip()}': a lower bound"
    phrase_start = qual_base + qualifier.start() if qualifier else qual_end
    per = _rate(text, unit_end, end, start, phrase_start)
    mixed = item is None and re.search(r"\b(?:and|or)\b", text[last.end:unit_end]) is not None
    return Amount(phrase_start, max(unit_end, last.end), n.start, last.end, low, central,
                  high, unit, item, implied, per, origin, None, how, mixed=mixed)


def counts_goods(amount: Amount | None) -> TypeGuard[Amount]:
    """Whether an amount counts goods: not money, a share, or a number of nothing named."""
    return amount is not None and amount.unit not in (None, "percent", "EUR", "USD")


def unscaled(n: Number) -> float:
    """The scale of a scaled number ("3 million": 1e6)."""
    for scale in (1e12, 1e9, 1e6, 1e3, 100.0):
        if n.value >= scale:
            return n.value / scale
    return n.value


def plain(value: float) -> str:
    return f"{int(value):,}" if value.is_integer() else f"{value:,}"


_BULLET_FIGURE = re.compile(r"\s*[\-\u2022*\u2013\u2014\u25aa\u25cf]\s+(?:about\s+|some\s+"
                            r"|more\s+than\s+|over\s+|up\s+to\s+|nearly\s+|almost\s+|roughly\s+)?[\d.,]+"
                            r"(?:\s*(?:million|billion|thousand|m|bn|k))?", re.IGNORECASE)


_EVENTS_AFTER = re.compile(r"[\s\-]+(?:strikes|attacks|hits|sorties|raids|incidents"
                           r"|sightings)\b", re.IGNORECASE)


def _unit_after(text: str, pos: int, end: int, by_start: dict[int, Mention],
                item_units: dict[str, str]
                ) -> tuple[str | None, str | None, bool, str | None, int]:
    """(unit, item, item implied, origin, end of the phrase) of the noun phrase after a
    number: up to four modifiers ("relatively inexpensive", "North Korean"), then a unit
    word or an item of the catalogue."""
    origin = None
    words = 0
    start_pos = pos
    mixed = False  # "mortar and artillery rounds": two kinds, no one item
    after_vague_of = True  # "thousands of drones", "millions of shells"
    copula = False
    if text.startswith(":", pos) and _BULLET_FIGURE.fullmatch(
            text, text.rfind("\n", 0, pos) + 1, pos):
        pos += 1  # "- 700,000: artillery rounds EU member states have delivered": a line of
        # figures, each with its goods after a colon
    while pos < end and words <= 5:
        m = re.match(r"[\s\-\u2010\u2011]*(?:[\"\u201d\u2019]\s+(?:of\s+)?|or\s+so\s+)?"
                     if words == 0 else r"[\s\-\u2010\u2011]*", text[pos:end])
        assert m is not None  # ('"more than 1.6 million" rounds', '"hundreds" of missiles')
        at = pos + m.end()
        if at >= end:
            break
        mention = by_start.get(at)
        if mention is not None and mention.field == "item" and _EVENTS_AFTER.match(
                text, mention.end, end):
            return None, None, False, None, pos  # "about 600 Molniya strikes": strikes counted
        if mention is not None and mention.field == "item":
            joined = re.match(r"\s+(?:and|or|&)\s+(?:[\w\-]+\s+){0,2}?", text[mention.end:end])
            other = by_start.get(mention.end + joined.end()) if joined else None
            if other is not None and other.field == "item" and other.code != mention.code \
                    and item_units.get(other.code) == item_units.get(mention.code):
                mixed = True  # "2.4 million artillery shells and mortar rounds": two kinds
            if mixed and not _KIND_WORDS.search(text, start_pos, mention.start) and not (
                    joined and other is not None and other.field == "item"):
                mixed = False  # "cruise and ballistic missiles", "Patriot and NASAMS
                # interceptors": one kind of goods, of two sorts
            return (item_units.get(mention.code), None if mixed else mention.code, False,
                    origin, _head_end(text, mention.end, end))
        unit_m = _unit_word(text, at, end)
        if unit_m is not None and _MODIFIER.match(text, unit_m.end(), end):
            unit_m = None  # "multiple rocket launchers": the rockets are not what is counted
            break
        if unit_m is not None and unit_m.group(0).lower() == "pieces" and re.search(
                r"\b(?:artillery|gun|weapons?)\s+$", text[max(0, at - 12):at], re.I):
            return None, None, False, origin, pos  # "200 artillery pieces": guns
        if unit_m is not None:
            unit = _UNITS[int(next(k for k, v in unit_m.groupdict().items() if v)[1:])][1]
            item, implied, unit_end = None, False, unit_m.end()
            if unit == "rounds" and re.match(r"(?i)(?:artillery\s+)?(?:shells?|rounds?|"
                                             r"projectiles?)$", unit_m.group(0)) and not mixed:
                item, implied = "shell_artillery", True
                small = _SMALL_CALIBRE.search(text, max(start_pos - 12, 0), start_pos + 2) or \
                    _SMALL_CALIBRE.match(text, unit_m.end(), end)
                if small is not None:  # "250,000 rounds of 35mm ammunition": no shells
                    item, implied = ("ammo_small_arms" if float(small["cal"].replace(",", "."))
                                     < 15 else None), False
            if unit in _CARRIER or unit == "rounds":
                found = _item_of(text, unit_end, end, by_start)
                if found is not None:
                    item, implied = found.code, False
                    if unit == "rounds":  # "60,000 rounds of 155mm ammunition a year"
                        unit_end = found.end
            elif unit == "percent":  # "80% of Tehran's chip imports"
                clause = re.split(r"[,;:]", text[unit_end:end], maxsplit=1)[0]
                found = _first_item(text, unit_end, unit_end + len(clause), by_start)
                item = found.code if found is not None else None
            return unit, item, implied, origin, unit_end
        calibre = re.match(r"\d+(?:[.,]\d+)?\s?-?(?:mm|millimet(?:er|re)s?)\b", text[at:end],
                           re.IGNORECASE)
        if calibre is not None and (words == 0 or origin is not None and words <= 2):
            pos = at + calibre.end()  # "at least 100,000 170mm rounds" (no item of its own),
            words += 1  # "30,000 Serbian-made 122mm Grad rockets"
            continue
        model = re.match(r"\d{1,3}(?![\d,.])(?=\s)", text[at:end])
        if words > 0 and model is not None and _MODEL_NUMBER.match(text, max(0, at - 7),
                                                                   at + model.end() + 2):
            pos = at + model.end()  # "more than 100 RBS 70 surface-to-air missiles"
            continue
        if words > 0 and NUMBER.match(text, at):
            break  # "18 howitzers and several hundred thousand rounds": another amount
        made = _MADE.match(text, mention.end, end) if mention is not None else None
        if mention is not None and mention.field == "party" and made is not None:
            origin = mention.code  # "US-made", "Iranian-supplied"
            pos = made.end()
            words += 1
            after_vague_of = False
            continue
        if mention is not None and mention.field == "party" and mention.kind == "demonym":
            origin = mention.code
            pos = mention.end
            words += 1
            after_vague_of = False
            continue
        owner = re.match(r"[A-Z]?[a-z]+(?:\s+[A-Z][a-z]+)?['\u2019]s\s", text[at:end])
        if owner is not None and words == 0 and not after_vague_of and re.search(
                r"\bof\s+(?:the\s+)?$", text[max(0, at - 8):at]):
            pos = at + owner.end() - 1  # "18,000 of the plant's rockets", "of Russia's drones"
            words += 1
            continue
        acronym = re.match(r"\([A-Z0-9\-]{2,8}\)", text[at:end])
        if acronym is not None and words > 0:
            pos = at + acronym.end()  # "a million first-person-view (FPV) drones"
            continue
        word = re.match(r"[A-Za-z]+\d*(?:-[A-Za-z0-9]+)*-?", text[at:end])  # "Geran-2", "M795"
        if word is None:
            break
        w = word.group(0).lower()
        if w == "of" and words == 0 and (after_vague_of or re.match(
                r"\s+(?:the|these|those|their|its|our)\s", text[at + 2:end])):
            pos = at + word.end()  # "thousands of drones", "about two thousand of the drones"
            the = re.match(r"\s+(?:the|these|those|their|its|our)\b", text[pos:end])
            pos += the.end() if the else 0
            after_vague_of = False
            continue
        if w == "such" and words == 0:
            pos = at + word.end()  # "about 14,000 such shells a month"
            continue
        if w == "more" and words == 0 and not re.match(r"(?:\s+[\w\-]+){0,3}\s+than\b",
                                                     text[at + 4:end]):
            pos = at + word.end()  # "sending 10 more interceptors"
            continue
        if w in ("were", "are", "was", "is") and words == 0 and not copula:
            copula = True  # "of these, 400,000 were 155mm rounds"
            pos = at + word.end()
            continue
        if w in ("and", "or") and words > 0 and not mixed:
            mixed = True
            pos = at + word.end()
            continue
        if w in _STOP:
            break
        after_vague_of = False
        pos = at + word.end()
        words += 1
    return None, None, False, None, pos


def _unit_word(text: str, at: int, end: int) -> re.Match[str] | None:
    """The unit word at ``at``: a whole word, even where the window ends inside one ("two
    European capitals" has no euros)."""
    m = UNIT_AT.match(text, at, end)
    if m is not None and m.end() < len(text) and (text[m.end()].isalnum()
                                                  or text[m.end()] == "_"):
        return None
    return m


def _head_end(text: str, pos: int, end: int) -> int:
    """Where the noun phrase of a named item ends: at its unit word when one follows within
    two words ("500 Stinger shoulder-fired missiles"), else where the name ends."""
    at = pos
    for _ in range(3):
        space = re.match(r"[\s\-]+", text[at:end])
        if space is None:
            break
        unit = _unit_word(text, at + space.end(), end)
        if unit is not None and not _MODIFIER.match(text, unit.end(), end):
            return unit.end()
        word = re.match(r"[A-Za-z][\w\-]*", text[at + space.end():end])
        if word is None or word.group(0).lower() in _STOP:
            break
        at += space.end() + word.end()
    return pos


def _item_of(text: str, pos: int, end: int, by_start: dict[int, Mention]) -> Mention | None:
    """The item in an "of ..." after a unit: "containers of 152mm shells"."""
    m = re.match(r"\s+of\s+", text[pos:end])
    if m is None:
        return None
    at = pos + m.end()
    for _ in range(4):
        mention = by_start.get(at)
        if mention is not None and mention.field == "item":
            return mention
        word = re.match(r"[\w\-]+\s*", text[at:end])
        if word is None or word.group(0).strip().lower() in _STOP:
            return None
        at += word.end()
    return None


_OF_CALIBRE = re.compile(r"^\s+of\s+(?:the\s+)?\d{2,3}\s?-?mm(?:\s+calib(?:re|er))?"
                         r"|^\s*(?:and|or|/)\s*\d{1,3}(?:\.\d{1,2})?\s?-?mm\b", re.IGNORECASE)
# (and a second calibre: "10 million 5.45mm and 7.62mm cartridges a month")


def _rate(text: str, pos: int, end: int, start: int, before: int) -> str | None:
    """A rate right after the amount, in its clause ("a day", "per month", "annually"), or
    in front of it ("monthly output of"); not a span of time ("in almost a year", "a
    year ago")."""
    window = text[pos:min(end, pos + 60)]  # (a calibre in between is no number: "20,000
    window = _OF_CALIBRE.sub(lambda m: " " * len(m.group(0)), window)  # shells of 155mm
    window = re.split(r"[,;:\u2013\u2014]|\d", window, maxsplit=1)[0]  # calibre a year")
    for m in RATE.finditer(window):
        if re.match(r"\s+ago\b", window[m.end():]) or re.search(
                r"\b(?:in|for|over|within|almost|nearly|about|than|of|last|past|next|this|"
                r"once|twice|after|before)\s+$", window[:m.start()], re.IGNORECASE):
            continue
        return m["unit"].lower() if m["unit"] else per_of(m["adverb"])
    b = _RATE_BEFORE.search(text[max(start, before - 40):before])
    if b is not None:
        return _PER[b["adverb"].lower()]
    typical = _TYPICAL.search(text, start, before)  # "On an average day, troops report ..."
    if typical is None or re.match(r"[^.;]{0,40}?\b(?:since|so\s+far|in\s+total|to\s+date)\b",
                                   text[pos:end], re.IGNORECASE):
        return None  # (not "..., but it has made 2 million shells since 2022")
    return typical["unit"].lower()


def per_of(adverb: str) -> str:
    words = re.sub(r"\s+", " ", adverb.lower())
    return _PER.get(words) or _PER[words.rsplit(" ", 1)[-1]]


def _fractions(text: str, start: int, end: int, numbers: list[Number],
               by_start: dict[int, Mention]) -> list[Amount]:
    out = []
    for m in _FRACTIONS.finditer(text, start, end):
        if any(n.start <= m.start() < n.end and n.end >= m.end("f") for n in numbers):
            continue  # "half a million" is a number ("two-thirds of" is no "two")
        if re.match(r"\s+(?:this|last|next|the\s+previous|the\s+original)\s+year\W*s\b|\s+the"
                    r"\s+(?:amount|sum|total|budget|figure|level|number|money|funds|package)\b",
                    text[m.end():end], re.IGNORECASE):
            continue  # "half of this year's amount": a ratio, not a share of supplies
        words = re.split(r"[\s\-]+", m["f"].lower())
        word = words[-1]
        value = _FRACTION_VALUE[word]
        if word == "fifths":  # "two-fifths", "four-fifths"
            value = 20.0 * ONES.get(words[0], 1)
        qualifier = QUALIFIER.search(text[max(start, m.start() - 40):m.start()])
        how = "fraction: central"
        low = high = None
        central: float | None = round(value, 2)
        if qualifier is not None and qualifier["low"]:
            low, central, how = central, None, "fraction, a lower bound"
        elif qualifier is not None and qualifier["high"]:
            high, central, how = central, None, "fraction, an upper bound"
        item = _item_of(text, m.end() - 3, end, by_start) or _first_item(
            text, m.end(), end, by_start)
        out.append(Amount(m.start(), m.end(), m.start(), m.end(), low, central, high,
                          "percent", item.code if item else None, False, None, None, None,
                          f"'{m['f']}' is {central or low or high:g} percent; {how}",
                          kind="fraction"))
    return out


def _first_item(text: str, pos: int, end: int, by_start: dict[int, Mention]) -> Mention | None:
    for at in range(pos, min(end, pos + 80)):
        mention = by_start.get(at)
        if mention is not None and mention.field == "item":
            return mention
    return None


def _full(text: str, sentence_start: int, start: int, end: int) -> Amount:
    qualifier = QUALIFIER.search(text[max(sentence_start, start - 40):start])
    if qualifier is not None and qualifier["high"]:
        return Amount(start, end, start, end, None, None, 100.0, "percent", None, False, None,
                      None, None, f"'{qualifier.group(0).strip()} full capacity': at most 100 "
                      "percent", kind="full")
    return Amount(start, end, start, end, None, 100.0, None, "percent", None, False, None,
                  None, None, "'full capacity' is 100 percent", kind="full")
