"""Bare numbers that refer back to goods named before them: "9,000 shells a day against
Ukraine's 2,000", "up from 40,000", "we put them at 200 to 300", "300 of them a month", "a
further 300,000"; and a rate after a list that is every amount's."""

from __future__ import annotations

import re
from dataclasses import replace

from .amounts import (
    QUALIFIER,
    RANGE,
    RATE,
    Amount,
    counts_goods,
    direct_amounts,
    per_of,
    plain,
    unscaled,
)
from .context import STORES
from .goods import GENERIC
from .nlp import Mention
from .numbers import Number

_LIST = re.compile(r"\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)")
_QUALIFIERS = (r"(?:(?:some|about|around|roughly|perhaps|maybe|possibly|an\s+estimated|more\s+than"
               r"|as\s+many\s+as|up\s+to|close\s+to"
               r"|over|at\s+least|nearly|almost|fewer\s+than|less\s+than|just|only)\s+)*")
# a bare number after these takes the unit of the amount before it: "up from 40,000",
# "650 missiles a year in 2025, from about 500 this year", "including about 300,000"
_LEAD = re.compile(r"\bcompared\s+(?:with|to)\s+" + _QUALIFIERS + r"$"
                   r"|(?:\b(?:up|down|rising|falling)\s+|,\s*)from\s+(?:an?\s+(?:peak|high|low"
                   r"|level|total)\s+of\s+)?" + _QUALIFIERS + r"$"
                   r"|\b(?:including|of\s+which|among\s+them)\s+" + _QUALIFIERS + r"$"
                   # "lifted output to 40 a month from about 20"
                   r"|\bto\s+\d[\d,.]*\s+(?:a|per|each)\s+(?:day|week|month|year)\s+from\s+"
                   + _QUALIFIERS + r"$",
                   re.IGNORECASE)
# a bare rate after these is output of the goods of the rate before: "Current output is
# about 45,000 a month"
_OUTPUT_IS = re.compile(r"\b(?:output|production)\s+(?:is|was|has\s+been|had\s+been|runs\s+at"
                        r"|ran\s+at|stands\s+at|stood\s+at)\s+(?:now\s+|currently\s+|still\s+"
                        r"|only\s+)?" + _QUALIFIERS + r"$", re.IGNORECASE)
# a bare number after these is a level of the item named before: "stocks have fallen to
# fewer than 200", "we put them at 200 to 300", "air defence missiles: several hundred";
# or before "of them": "6,000 of them a year"
_LEVEL = re.compile(r"\b(?:(?:fallen|fell|dropped|risen|rose|grown|grew|increased|decreased"
                    r"|shrunk|shrank|climbed|dwindled|declined|sunk|sank|slipped|dipped)\s+"
                    r"(?:to|below|under|above)|(?:stand|stands|stood)\s+at"
                    r"|(?:was|were|is|are|had\s+been)\s+down\s+to"
                    r"|(?:its|their)\s+(?:remaining\s+|own\s+|current\s+)?" + STORES +
                    r"\s+(?:is|are|was|were)\s+(?:now\s+)?"
                    r"(?:believed|thought|estimated|reported|said|understood)\s+to\s+be"
                    r"|(?:was|were|is|are|has\s+been|had\s+been)\s+(?:put|estimated|reckoned|assessed"
                    r"|calculated|pegged)(?:\s+by\s+[^,;.]{1,40}?)?\s+at"  # "stock was put at some
                    # 2 million", "is put by French officials at well over 200,000"
                    r"|puts?\s+(?:them\s+|it\s+|(?:the|its|their|[A-Z][\w\-]*['\u2019]s)\s+(?:[\w\-]+\s+){1,9}?)at|estimated?\s+(?:them\s+|it\s+)?"
                    r"at|:|(?<=number\s)(?:was|is|had\s+been)|(?<=figure\s)(?:was|is|had\s+been)"
                    r"|(?<=count\s)(?:was|is|had\s+been)|(?<=tally\s)(?:was|is|had\s+been)"
                    r"|(?:comes?|came|amounts?|amounted)\s+to"
                    r"|on\s+(?:track|course)\s+(?:for|to\s+(?:reach|hit|make))|aims?\s+for"
                    # "estimate Russia's annual output of shells at", "lift its output of
                    # 120mm rounds across all sites to"
                    r"|estimat(?:e|es|ed|ing)\s+(?:[\w'\u2019]+\s+){1,7}?at"
                    r"|(?:rais(?:e|es|ed|ing)|lift(?:s|ed|ing)?|boost(?:s|ed|ing)?|increas(?:e|es|ed"
                    r"|ing)|expand(?:s|ed|ing)?|doubl(?:e|es|ed|ing)|tripl(?:e|es|ed|ing)|ramp(?:s|ed"
                    r"|ing)?\s+up)\s+(?:[\w'\u2019]+\s+){0,2}?(?:output|production)(?:\s+of\s+"
                    r"[^.;]{0,60}?)?\s+to)"
                    r"\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# more of the goods of the article's claim before: "a further 300,000 are to arrive"
# a verb of giving, making or using right before a bare number: it counts the goods before
_VERB_LEAD = re.compile(r"\b(?:sent|send|delivered|deliver|supplied|supply|shipped|provided|made"
                        r"|make|produced|produce|built|build|fired|fire|launched|launch|used|use"
                        r"|completing|producing|making|building|firing|launching|using|turning\s+out"
                        r"|reach|hit|loading|loaded"
                        r"|turns?\s+out|turned\s+out)\s+"
                        + _QUALIFIERS + r"$", re.IGNORECASE)
_FURTHER = re.compile(r"\b(?:a\s+further|another|an\s+additional|a\s+second\s+batch\s+of"
                      r"|some\s+more|a\s+second|a\s+third)\s+" + _QUALIFIERS + r"$",
                      re.IGNORECASE)
_FIGURE = re.compile(r"\b(?:that|this|the)\s+(?:figure|number|rate|total|tally|count)\b"
                     r"|\b(?:that|this)\s+(?=(?:had\s+|has\s+)?(?:climbed|risen|rose|grown|grew"
                     r"|fallen|fell|dropped|increased|decreased)\b)"
                     r"|\b(?:that|this)\s+(?:is|was|'s)\s+(?=(?:up|down)\s+from\b)", re.IGNORECASE)
_OTHER_MONEY = re.compile(r"(?:[\u00a3\u00a5\u20b4\u20bd\u20a9\u20ba]|\b(?:GBP|CAD|AUD|NZD|CHF"
                          r"|JPY|DKK|SEK|NOK|PLN|CZK|HUF|RON|BGN|UAH|RUB|KRW|TRY|CNY|INR)"
                          r"|\b(?:C|A|NZ|HK)\$)"
                          r"\s?$")
# a sum in a currency no unit has, after its number: "about 14,000 hryvnias"
_MONEY_AFTER = re.compile(r"\s*(?:hryvnias?|hryvnia|roubles?|rubles?|won|yen|yuan|lira|liras"
                          r"|zlot(?:y|ys|ies)|kronor|kroner|krona|krone|crowns|francs|pounds"
                          r"|rupees|UAH|RUB|KRW|JPY|CNY|TRY|PLN|SEK|NOK|DKK|GBP|CHF)\b",
                          re.IGNORECASE)
# a rate a figure is heading for: "The goal is to reach about 180,000 a year by 2028"
_TOWARD = re.compile(r"\b(?:reach(?:es|ed|ing)?|hit(?:s|ting)?|rise\s+to|rising\s+to|rose\s+to"
                     r"|pass|exceed|surpass|top|climb(?:ed)?\s+as\s+high\s+as"
                     r"|grow\s+to|grew\s+to|climb(?:ed)?\s+to|double\s+to|doubled\s+to"
                     r"|increase\s+to|increased\s+to|fall\s+to|fell\s+to|drop(?:ped)?\s+to"
                     r"|(?:double|triple|increase|raise|lift|boost)(?:d)?\s+(?:that|it|this|output"
                     r"|production)\s+to"
                     r"|(?:it|that|this)(?:['\u2019]s|\s+is|\s+was)(?:\s+now)?(?:\s+somewhere)?"
                     r"(?:\s+down\s+to|\s+up\s+to)?(?:\s+between)?"
                     # an aim: "It wants 100,000 a month by the end of 2025", "on track for
                     # 100,000 a month", "The target of 100,000 a month", "to be at 80,000"
                     r"|wants?|wanted|on\s+(?:track|course)\s+for|(?:to\s+)?be\s+at"
                     r"|(?:target|goal|objective|aim)\s+(?:of|is|was)(?:\s+to\s+reach)?"
                     r"|(?:annual\s+)?(?:output|production)\s+to)"
                     r"\s+" + _QUALIFIERS + r"$", re.IGNORECASE)
_A_WEEK = re.compile(r"\b(?:in|over|during)\s+the\s+(?:(?:past|last|previous)\s+)?(?:week|seven"
                     r"\s+days)\b", re.IGNORECASE)
_SHELLS = re.compile(r"\b(?:shells|rounds|artillery\s+ammunition)\b", re.IGNORECASE)
# weapons that are no munitions, counted: a bare number after them counts them too
_HARDWARE = re.compile(r"\d[\d,.]*\s+(?:[\w\-]+\s+){0,3}?(?:howitzers?|tanks?|guns?|launchers?"
                       r"|vehicles?|jets?|aircraft"
                       r"|helicopters?|radars?|warships?|trucks?)\b(?![\s\-]+(?:shells?|rounds?"
                       r"|ammunition|munitions?|missiles?|rockets?))", re.IGNORECASE)
# (or goods named before by what they are: "more than 2,000 of the aircraft", of drones)
_OF_THEM = re.compile(r"\s+of\s+(?:them|these|those|the\s+(?:systems|devices|machines|weapons)"
                      r"|the\s+(?:[\w\-]+\s+)?(?:aircraft|craft))\b", re.IGNORECASE)  # ("150 of
# the flat-pack aircraft", but not "three of the launcher systems")
# a bare number joined to the amount before it: "... and close to 2 million by 2025",
# "and had ordered a further 800,000", "..., more than 110 a day"
# (years and calibres may come between: "10 million rounds in 2022 and around 7 million")
_PARALLEL = re.compile(r"^(?:[^\d;:]|(?<!\d)(?:19|20)\d\d(?!\d)|\d+\s?mm\b){0,90}?"
                       r"(?:,\s*|\b(?:and|or|but|while)\s+)(?:[\w']+\s+){0,6}?"
                       + _QUALIFIERS + r"(?:a\s+further\s+|another\s+|a\s+)?$", re.IGNORECASE)
# a bare number that is a share, not goods: "40 percent of them"
_PERCENT_AFTER = re.compile(r"\s*(?:%|per\s*cent|percent)", re.IGNORECASE)
_NOT_GOODS_AFTER = re.compile(r"\s*(?:days?|weeks?|months?|years?|hours?|minutes?|km|kilomet\w+"
                              r"|miles?|metres?|meters?|people|soldiers|troops|men|times|points?"
                              r"|degrees?|percent|per\s*cent)\b", re.IGNORECASE)
_BARE_END = re.compile(r"\s*(?:$|[,.;:)\u2014\u2013]|so\s+far"
                       r"|(?:a|an|per|each|every|in|this|last|next"
                       r"|by|during|from|over|on|annually|monthly|daily|yearly|overnight|through"
                       r"|since|to|before|after|until|for|at|when"
                       # the number is the subject of its clause: "of which about 90,000 came
                       # through the Czech initiative"
                       r"|were|was|are|is|have|has|had|came|went|arrived|will|would"
                       r"|that|which|sent|delivered|supplied|shipped|provided|received|fired"
                       r"|launched|produced|made)\b)",
                       re.IGNORECASE)
_LEADING_DAY = re.compile(r"\W*(?:(?:over|in|during)\s+(?:the\s+)?(?:past|last|same|previous)\s+"
                          r"(?:day|24\s+hours|night)|overnight|(?:on|in)\s+(?:a\s+single|one)\s+"
                          r"(?:day|night))\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^\s*['\u2019]s?\s*$")
# a bare number right after a verb that moves, uses or makes goods: "North Korea has sent
# Russia perhaps 6 million since", "it has delivered only about 524,000 so far", "gunners
# fire closer to 4,000 a day"
_AFTER_VERB = re.compile(r"\b(?:sen[dt]|sends|sending|suppl(?:y|ies|ied|ying)|deliver(?:s|ed|ing)?"
                         r"|build(?:s|ing)?|built|assembl(?:e|es|ed|ing)|manufactur(?:e|es|ed|ing)"
                         r"|shipp?(?:s|ed|ing)?|provid(?:e|es|ed|ing)|transferr?(?:s|ed|ing)?"
                         r"|fir(?:e|es|ed|ing)|launch(?:es|ed|ing)?|expend(?:s|ed|ing)?"
                         r"|produc(?:e|es|ed|ing)|ma(?:ke|kes|de|king)|receiv(?:e|es|ed|ing)"
                         r"|(?:deliveries|shipments|supplies|transfers)\s+(?:(?:to|would|will|could|should"
                         r"|(?:is|are)\s+expected\s+to)\s+)?reach(?:es|ed)?)\s+(?:(?-i:[A-Z])[\w\-]*\s+)?(?:only\s+|between\s+|closer\s+to\s+"
                         r"|close\s+to\s+)?" + _QUALIFIERS + r"$", re.IGNORECASE)


def find_amounts(text: str, start: int, end: int, mentions: list[Mention],
                 masked: list[tuple[int, int]], item_units: dict[str, str],
                 earlier: Mention | None = None, last_claim: Amount | None = None,
                 last_figure: Amount | None = None, last_rate: Amount | None = None
                 ) -> list[Amount]:
    """The amounts of ``text[start:end]``: those whose unit follows their number
    (:func:`ingest.draft.amounts.direct_amounts`) and the bare numbers that refer back.
    ``earlier`` is the last item named before the sentence ("It makes 300 of them a
    month"); ``last_claim`` the amount of the article's claim before ("expect a further
    300,000 to arrive"); ``last_figure`` the amount of the article's claim before, of any
    type ("that figure had fallen to 10,000"); ``last_rate`` the article's last rate of
    goods ("now produces about 10,000 shells a month and is running at 95% of capacity. A
    new line is meant to lift output to about 200,000 a year")."""
    out, numbers = direct_amounts(text, start, end, mentions, masked, item_units)
    if last_figure is not None and last_figure.unit == "percent" and last_rate is not None:
        last_figure = last_rate  # (a share of capacity between counts no goods)
    return _shared_rates(text, _elliptic(text, start, end, out, numbers, mentions, item_units,
                                         earlier, last_claim, last_figure), start)


def _shared_rates(text: str, amounts: list[Amount], start: int = 0) -> list[Amount]:
    """A rate after a list of amounts is every one's: "130 Shahed drones and 30 missiles
    overnight", "10,000 shells, 500 rockets and 40 missiles a day"; so is a day that opens
    the sentence: "Over the past day, Russian forces dropped 152 bombs"."""
    out = list(amounts)
    lead = _LEADING_DAY.match(text, start)
    if lead is not None:
        out = [replace(a, per="day") if a.per is None and counts_goods(a) else a for a in out]
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if a.per is None and b.per is not None and a.unit not in (None, "percent") and \
                _LIST.fullmatch(text, a.end, b.start):
            out[i] = replace(a, per=b.per)
    return out


# "2,000 to 3,000 a day on the Ukrainian side": whose figure a bare number is
_SIDE = re.compile(r"[^,;.]{0,20}?\bon\s+the\s+(?P<party>\w)[\w\-]*\s+side\b", re.IGNORECASE)


def _bounds(n: Number, q: re.Match[str] | None) -> tuple[float | None, float | None,
                                                          float | None]:
    """(low, central, high) of a bare number: a lower bound when vague ("several hundred")
    or after "more than", an upper bound after "up to", else central."""
    if n.vague or q is not None and q["low"]:
        return n.value, None, None
    if q is not None and q["high"]:
        return None, None, n.value
    return None, n.value, None


def _per(rate: re.Match[str] | None) -> str | None:
    """The period of a rate phrase ("a day", "monthly"), if any."""
    if rate is None:
        return None
    return rate["unit"].lower() if rate["unit"] else per_of(rate["adverb"])


def _range_after(text: str, start: int, n: Number, numbers: list[Number]
                 ) -> tuple[Number, float, float] | None:
    """A bare range: "2,000 to 3,000", "between 3 and 4 million" (the first scaled as the
    second)."""
    following = [m for m in numbers if m.start >= n.end]
    if not following or not RANGE.match(text[n.end:following[0].start]):
        return None
    second = following[0]
    between = re.search(r"\bbetween\s+$", text[max(start, n.start - 12):n.start], re.I)
    if re.match(r"\s*and\s*$", text[n.end:second.start], re.I) and not between:
        return None  # "2,000 and 3,000 more": a list, not a range
    first = n.value
    if not n.scaled and second.scaled and n.value < 1000:
        first = n.value * second.value / unscaled(second)
    low, high = sorted((first, second.value))
    return second, low, high


def _ranged_bounds(text: str, start: int, n: Number,
                   ranged: tuple[Number, float, float] | None, taken: set[int]
                   ) -> tuple[float | None, float | None, float | None]:
    """(low, central, high) of a bare number, or of the bare range it opens ("make 2 to
    2.5 million a year"), whose second number is then taken."""
    if ranged is not None:
        taken.add(ranged[0].start)
        return ranged[1], None, ranged[2]
    return _bounds(n, QUALIFIER.search(text[max(start, n.start - 30):n.start]))


def _goods(named: list[Mention], earlier: Mention | None, last_figure: Amount | None,
           item_units: dict[str, str]) -> tuple[str | None, str | None, bool, str] | None:
    """(unit, item, item implied, words) of the goods a bare number counts: the item the
    sentence named before it, else the one named before the sentence, else the goods of
    the article's figure before ("500,000 shells by October. It expects deliveries to
    reach 800,000")."""
    if named or earlier is not None:
        m = _named(named, item_units) if named else earlier
        assert m is not None
        return item_units.get(m.code), m.code, False, m.text
    if counts_goods(last_figure):
        return (last_figure.unit, last_figure.item, last_figure.item_implied,
                f"{last_figure.unit} of the figure")
    return None


def _named(named: list[Mention], item_units: dict[str, str]) -> Mention:
    """The item a bare number refers back to: the last named, or the last specific kind
    of it ("Iskander-type missiles" are Iskanders)."""
    last = named[-1]
    specific = [m for m in named if m.code not in GENERIC
                and item_units.get(m.code) == item_units.get(last.code)]
    return specific[-1] if last.code in GENERIC and specific else last


def _elliptic(text: str, start: int, end: int, amounts: list[Amount], numbers: list[Number],
              mentions: list[Mention], item_units: dict[str, str],
              earlier: Mention | None = None, last_claim: Amount | None = None,
              last_figure: Amount | None = None) -> list[Amount]:
    """Bare numbers whose unit the sentence gave before them: "9,000 shells a day against
    Ukraine's 2,000" (a possessive party, then the number, takes the unit of the amount
    before), "output of attack drones, hoping to build tens of thousands a month" (a
    number with a rate takes the item named before it)."""
    parties = {m.end: m for m in mentions if m.field == "party"}
    items = [m for m in mentions if m.field == "item"]
    out = list(amounts)
    taken: set[int] = set()
    for n in numbers:
        if n.start in taken or any(a.number_start <= n.start < a.number_end for a in amounts):
            continue
        if re.fullmatch(r"(?:19|20)\d\d", n.text) or n.value == 1 and not n.text[:1].isdigit() \
                or _MONEY_AFTER.match(text, n.end, end):
            continue  # "the highest figure of 2025", "another one", "about 14,000 hryvnias"
        hardware = _HARDWARE.search(text, start, n.start)
        if hardware is not None and not any(hardware.end() <= m.start < n.start for m in items) \
                and not any(hardware.end() <= a.start < n.start for a in amounts):
            continue  # "bought 212 K9 howitzers and signed for another 152": guns, not goods
        previous = [a for a in amounts if a.end <= n.start and a.kind == "number"]
        owner = next((p for e, p in parties.items() if 0 <= n.start - e <= 3
                      and _POSSESSIVE.match(text[e:n.start])), None)
        if owner is not None and previous and _BARE_END.match(text, n.end, end):  # (not
            # "the lowest share among NATO's 32 members")
            p = previous[-1]
            out.append(Amount(owner.start, n.end, n.start, n.end, None, n.value, None, p.unit,
                              p.item, p.item_implied, p.per, None, owner.code,
                              f"bare number after {owner.text}'s: the unit of "
                              f"'{text[p.number_start:p.end]}'", kind="elliptic"))
            continue
        by = re.match(r"\s+(?:fired|used|expended|consumed|produced|made|sent|supplied"
                      r"|delivered)\s+by\s+(?:the\s+)?", text[n.end:end])
        doer = next((m for m in mentions if by and m.field == "party"
                     and m.start == n.end + by.end()), None)
        if by is not None and doer is not None and previous:
            p = previous[-1]
            out.append(Amount(n.start, doer.end, n.start, n.end, None, n.value, None, p.unit,
                              p.item, p.item_implied, p.per, None, doer.code,
                              f"bare number '{by.group(0).strip()}' {doer.text}: the unit of "
                              f"'{text[p.number_start:p.end]}'", kind="elliptic"))
            continue
        if re.search(r"\bratio\s+of\s+$", text[max(start, n.start - 20):n.start], re.I):
            continue  # "down from a ratio of ten to one": no amount
        if _OTHER_MONEY.search(text, max(start, n.start - 5), n.start):
            continue  # "CAD 100 million", "£1.6 billion": a sum in a currency no unit has
        lead = _LEAD.search(text[max(start, n.start - 40):n.start])
        further = _FURTHER.search(text[max(start, n.start - 40):n.start])
        clause_start = max(start, text.rfind(";", start, n.start) + 1)  # ("... due by the
        # end of 2026; fewer than 100 have arrived so far")
        earlier_goods = [a for a in previous if a.end <= clause_start]
        goods_of = earlier_goods[-1] if earlier_goods and len(earlier_goods) == len(previous) \
            else last_claim if not previous else None
        arrived = False
        if further is None and goods_of is not None and re.fullmatch(
                r"\W*" + _QUALIFIERS, text[clause_start:n.start], re.IGNORECASE) and re.match(
                r"\s+(?:have|has|had|were|was)\s+(?:already\s+|now\s+|so\s+far\s+)?(?:been\s+)?"
                r"(?:delivered|sent|shipped|supplied|handed\s+over|transferred|arrived|received)\b",
                text[n.end:end], re.IGNORECASE):
            further = re.search(_QUALIFIERS + "$", text[max(start, n.start - 40):n.start],
                                re.IGNORECASE)  # "About 1,200 have already been delivered"
            arrived = True
        if further is not None and goods_of is not None and (arrived or not previous) and \
                goods_of.unit not in (None, "percent") and _BARE_END.match(text, n.end, end):
            c = goods_of
            q = QUALIFIER.search(text[max(start, n.start - 30):n.start])
            low, central, high = _bounds(n, q) if arrived else (
                n.value if n.vague else None, None if n.vague else n.value, None)
            out.append(Amount(further.start() + max(start, n.start - 40), n.end, n.start, n.end,
                              low, central, high, c.unit, c.item, c.item_implied, None, None,
                              None, f"'{further.group(0).strip()} {n.text}': the unit of the "
                              "claim before", kind="elliptic"))
            continue
        found_before = previous or [a for a in out if a.kind == "elliptic" and a.end <= n.start]
        verb_lead = _VERB_LEAD.search(text[max(start, n.start - 40):n.start])
        same = [c for c in ((previous or [])[-1:] + [x for x in (last_claim, last_figure) if x])
                if counts_goods(c) and n.value in (c.central, c.low, c.high)] if re.search(
            r"\ball\s+$", text[max(start, n.start - 6):n.start], re.I) else []
        if same and _BARE_END.match(text, n.end, end):
            c = same[0]  # "Israel sent 90 Patriot missiles to the US. The Pentagon has promised
            out.append(Amount(n.start - 4, n.end, n.start, n.end, None, n.value, None, c.unit,
                              c.item, c.item_implied, None, None, None,  # to send all 90 to Kyiv"
                              f"'all {n.text}': the goods of the figure before",
                              kind="elliptic"))
            continue
        more = re.match(r"\s+more\b(?!\s+(?:than|of|(?:a|an|per|each|every)\s+(?:day|week|month"
                        r"|year)\b))", text[n.end:end])  # (not "40 more a month": a rate)
        more_of = (previous or [])[-1:] or ([last_claim] if last_claim is not None else [])
        more_lead = verb_lead
        if more_lead is None and more is not None and not n.vague:  # "has received more
            # than 3 million more" (not "imported millions more": no figure)
            more_lead = re.search(r"\b(?:received|got|imported|obtained)\s+" + _QUALIFIERS + "$",
                                  text[max(start, n.start - 40):n.start], re.IGNORECASE)
        if more is not None and more_lead is not None and more_of and counts_goods(
                more_of[0]) and n.value >= 2 and _BARE_END.match(text, n.end + more.end(), end):
            c = more_of[0]  # "delivered about 80,000 Grad rockets since 2022, and a consortium
            low, central, high = _bounds(n, QUALIFIER.search(  # signed a contract in
                text[max(start, n.start - 30):n.start]))  # December to supply 50,000 more"
            out.append(Amount(n.start, n.end + more.end(), n.start, n.end, low, central, high,
                              c.unit, c.item, c.item_implied, None, None, None,
                              f"'{more_lead.group(0).strip()} {n.text} more': more of the "
                              "goods before", kind="elliptic"))
            continue
        rate = RATE.match(re.sub(r"^\s+", "", text[n.end:end]))
        if lead is None and found_before and verb_lead is not None and not n.vague and \
                rate is None and not re.match(r"\s*(?:-|\u2013|to|and)\s*\d", text[n.end:end]):
            lead = verb_lead  # "while Italy is believed to have sent about 50", "plans to
            # produce at least 4.5 million"
        if lead is not None and found_before and not _PERCENT_AFTER.match(text, n.end, end) \
                and _BARE_END.match(text, n.end, end):  # "including two aircraft" is not
            p = found_before[-1]  # ("to 40 a month from about 20": the 40 had no unit)
            q = QUALIFIER.search(text[max(start, n.start - 30):n.start])
            low, central, high = _bounds(n, q) if not n.vague else (None, n.value, None)
            # ("up from fewer than 100 a month"; "a few thousand" as before)
            out.append(Amount(n.start, n.end, n.start, n.end, low, central, high, p.unit,
                              p.item, p.item_implied, p.per, None, None,
                              f"bare number after '{lead.group(0).strip()}': the unit of "
                              f"'{text[p.number_start:p.end]}'", kind="elliptic"))
            continue
        if verb_lead is not None and rate is not None and not found_before and not n.vague and \
                counts_goods(last_figure) and last_figure.per is not None and not any(
                    m.start < n.start for m in items if start <= m.start) and not re.search(
                    r"\b(?:shells|rounds|missiles|drones|bombs|rockets)\b", text[start:n.start],
                    re.IGNORECASE):
            c = last_figure  # "Kupol plans to build 6,000 drones this year. By August the plant
            # was completing roughly 500 a month"
            q = QUALIFIER.search(text[max(start, n.start - 30):n.start])
            low, central, high = _bounds(n, q)
            at = max(start, n.start - 30) + q.start() if q is not None else n.start
            out.append(Amount(at, n.end, n.start, n.end,
                              low, central, high, c.unit, c.item, c.item_implied, _per(rate),
                              None, None, f"bare number after '{verb_lead.group(0).strip()}': "
                              "the goods of the figure before", kind="elliptic"))
            continue
        figure = _FIGURE.search(text, start, n.start)
        if lead is not None and not previous and figure is not None and \
                counts_goods(last_figure) and last_figure.per is not None and \
                _BARE_END.match(text, n.end, end):
            c = last_figure  # "... 6,297 drones in July. The total was up from 5,438 in June"
            low, central, high = _bounds(n, QUALIFIER.search(text[max(start, n.start - 30):
                                                                  n.start]))
            out.append(Amount(n.start, n.end, n.start, n.end, low, central, high, c.unit,
                              c.item, c.item_implied, c.per, None, None,
                              f"'{figure.group(0)}' {lead.group(0).strip()} {n.text}: the "
                              "figure of the claim before", kind="elliptic"))
            continue
        output_is = _OUTPUT_IS.search(text, max(start, n.start - 60), n.start)
        if output_is is not None and rate is not None and not previous and \
                counts_goods(last_figure) and last_figure.per is not None and \
                not _PERCENT_AFTER.match(text, n.end, end):
            c = last_figure  # "... 100,000 155mm rounds a month by 2026. Current output is
            low, central, high = _bounds(n, QUALIFIER.search(  # about 45,000 a month"
                text[max(start, n.start - 30):n.start]))
            out.append(Amount(n.start, n.end, n.start, n.end, low, central, high, c.unit,
                              c.item, c.item_implied, _per(rate), None, None,
                              f"'{output_is.group(0).strip()} {n.text}': the goods of the "
                              "rate before", kind="elliptic"))
            continue
        span = _range_after(text, start, n, numbers)  # ("8,000-10,000 of them")
        level = _LEVEL.search(text[max(start, n.start - 100):n.start]) or (
            _OF_THEM.match(text, (span[0] if span else n).end, end) if n.value >= 2
            and not re.match(r"\s+of\s+(?:them|those|these)\s+(?:who|whom)\b",
                             text[(span[0] if span else n).end:end])
            else None)  # (not "One of them said", "Two of those who agreed to speak")
        if level is not None and figure is not None and last_figure is not None and \
                last_figure.unit not in (None, "percent") and _BARE_END.match(text, n.end, end) \
                and not any(figure.end() <= m.start < n.start for m in items):  # (not "put the
            # total number of artillery shells at 9 million": those shells, not the figure's)
            c = last_figure  # "By late 2024 that figure had fallen to around 10,000"
            q = QUALIFIER.search(text[max(start, n.start - 30):n.start])
            low, high = (n.value if q is not None and q["low"] else None,
                         n.value if q is not None and q["high"] else None)
            central = n.value if low is None and high is None else None
            week = _A_WEEK.search(text, start, n.start)  # "In the week to Sunday the count
            out.append(Amount(n.start, n.end, n.start, n.end, low, central, high, c.unit,
                              c.item, c.item_implied, "week" if week else c.per, None, None,
                              f"'{figure.group(0)}' {n.text}: the figure of the claim before",
                              kind="elliptic"))  # was about 1,150": a week's
            continue
        goods_of, how = None, ""
        of_them = previous[-1] if previous else None
        if level is not None and not _PERCENT_AFTER.match(text, n.end, end):
            if of_them is not None and counts_goods(of_them) and \
                    not [m for m in items if of_them.end <= m.start < n.start] and \
                    re.search(r"\bof\s+(?:them|these|those)\b", level.group(0)):
                goods_of = of_them  # "more than 200,000 rounds ... since March 2022, and some
                how = f"'{n.text} of them': the goods of the figure before"  # 15,000 of them"
            elif not [m for m in items if m.end <= n.start] and counts_goods(last_claim) and \
                    (earlier is None or last_claim.end > earlier.end) and \
                    re.search(r"\b(?:them|these|those)\b", level.group(0)) and \
                    last_claim.end < start:
                goods_of = last_claim  # "... 250,000 rounds of 35mm ammunition since July
                how = (f"'{level.group(0).strip()}' {n.text}: the goods of the claim "  # 2022.
                       "before")  # About 40,000 of them arrived"
        if goods_of is not None:
            c = goods_of
            low, central, high = _ranged_bounds(text, start, n, span, taken)
            last_n = span[0] if span else n
            tail = _OF_THEM.match(text, last_n.end, end)
            phrase_end = tail.end() if tail else n.end
            out.append(Amount(n.start, phrase_end, n.start, last_n.end, low, central, high,
                              c.unit, c.item, c.item_implied,
                              _per(RATE.match(re.sub(r"^\s+", "", text[phrase_end:end]))),
                              None, None, how, kind="elliptic"))
            continue
        named_items = [m for m in items if m.end <= n.start] or (
            [earlier] if earlier is not None and level is not None and re.search(
                r"\b(?:them|these|those|it|its|their|aircraft|systems|devices|machines|craft"
                r"|weapons)\b", level.group(0), re.IGNORECASE) else [])
        shells = _SHELLS.search(level.group(0)) if level is not None else None
        if shells is not None and level is not None and not named_items:  # "puts the stock
            # of Soviet-era rounds at fewer than 5 million": shells or rounds of no calibre
            at = level.start() + max(start, n.start - 100)
            named_items = [Mention(at + shells.start(), at + shells.end(), "shell_artillery",
                                   "item", "name", shells.group(0))]
        if level is not None and named_items and not _PERCENT_AFTER.match(text, n.end, end) \
                and (_BARE_END.match(text, n.end, end) or _OF_THEM.match(text, n.end, end)
                     or re.match(r"\s*(?:-|\u2013|\u2014|to|and|or)\s*\d", text[n.end:end])
                     or re.match(r"\s+(?:and|but|while|or|as|with|according|if|though|although"
                                 r"|whereas|because|after|against|compared)\b", text[n.end:end])
                     or re.match(r"\s*[\w\-]+\s*(?:$|[,.;)])", text[n.end:end])
                     and not _NOT_GOODS_AFTER.match(text, n.end, end)):
            # (not "the army's reserve of fuel was down to 40 days")
            item = _named(named_items, item_units)
            q = QUALIFIER.search(text[max(start, n.start - 30):n.start])
            last = n
            following = [m for m in numbers if m.start >= n.end]
            if following and RANGE.match(text[n.end:following[0].start]):
                last = following[0]  # "we put them at 200 to 300"
                taken.add(last.start)
                low, high = sorted((n.value, last.value))
                central = None
            else:
                low, central, high = _bounds(n, q)  # "several hundred" is at least 300
            tail = _OF_THEM.match(text, last.end, end)
            phrase_end = tail.end() if tail else last.end
            per = _per(RATE.match(re.sub(r"^\s+", "", text[phrase_end:end])))
            out.append(Amount(n.start, phrase_end, n.start, last.end, low, central, high,
                              item_units.get(item.code), item.code, False, per, None, None,
                              f"'{level.group(0).strip()}' {n.text}: the {item.text} named "
                              "before it", kind="elliptic"))
            continue
        rate = RATE.match(re.sub(r"^[\s\u201d\u2019\"']+", "", text[n.end:end]))
        named = [m for m in items if m.end <= n.start]
        ranged = _range_after(text, start, n, numbers)
        last_n = ranged[0] if ranged else n
        if ranged:
            rate = RATE.match(re.sub(r"^[\s\u201d\u2019\"']+", "", text[last_n.end:end]))
        chain = previous or [a for a in out if a.end <= n.start and a.unit is not None]
        parallel = chain[-1] if chain and _PARALLEL.search(
            text[chain[-1].end:n.start]) and _BARE_END.match(text, last_n.end, end) and not (
            chain[-1].unit == "percent" and rate is not None) else None  # (a share is no rate:
        # "at close to 100 percent of capacity, and ... expects output to reach 400 a year")
        if parallel is not None and not named or parallel is not None and rate is None:
            # "2.2 million drones last year and would make 4.5 million in 2025", "10,000
            # rounds a day, against 2,000 to 3,000 a day on the Ukrainian side"
            p = parallel
            if ranged:
                taken.add(last_n.start)
                low, central, high = ranged[1], None, ranged[2]
            else:
                low, central, high = _bounds(n, QUALIFIER.search(
                    text[max(start, n.start - 30):n.start]))
            per = _per(rate) if rate else p.per
            side = _SIDE.match(text, last_n.end, end)
            on_side = next((m.code for m in mentions if side and m.field == "party"
                            and m.start == side.start("party")), None)
            out.append(Amount(n.start, last_n.end, n.start, last_n.end, low, central, high,
                              p.unit, p.item, p.item_implied, per, None, on_side,
                              f"bare number in a list after '{text[p.number_start:p.end]}': "
                              "its unit" + (f"; {on_side}'s, on its side" if on_side else ""),
                              kind="elliptic"))
            continue
        verb_before = _AFTER_VERB.search(text[max(start, n.start - 60):n.start])
        near = earlier if earlier is not None and start - earlier.end < 250 else None
        goods = _goods(named, near, last_figure, item_units)
        more_rate = re.match(r"\s*more\s+(?=(?:a|an|per|each|every)\s+(?:day|week|month|year)\b)",
                             text[last_n.end:end])  # "build about 40 more a month"
        if more_rate is not None:
            rate = RATE.match(text, last_n.end + more_rate.end(), end)
        if verb_before is not None and goods is not None and n.value >= 2 and not previous \
                and (_BARE_END.match(text, last_n.end, end) or rate is not None) and not \
                (re.match(r"\s*(?:%|per\s*cent|percent|times|more|fewer|less)\b",
                          text[last_n.end:end]) and more_rate is None):
            low, central, high = _ranged_bounds(text, start, n, ranged, taken)
            out.append(Amount(n.start, last_n.end, n.start, last_n.end, low, central, high,
                              goods[0], goods[1], goods[2], _per(rate), None, None,
                              f"bare number after '{verb_before.group(0).strip()}': the "
                              f"{goods[3]} named before it", kind="elliptic"))
            continue
        if rate is not None and not named and earlier is not None and \
                start - earlier.end < 80 and not previous and re.fullmatch(
                    r"\W*(?:between\s+)?" + _QUALIFIERS, text[start:n.start], re.I):
            named = [earlier]  # "Russian production of new shells. Between 2 and 3 million
            # a year": a line that opens with its number counts the goods of the line before
        toward = _TOWARD.search(text, max(start, n.start - 60), n.start)
        if toward is not None and toward.group(0).lower().startswith("want") and not re.search(
                r"\bby\b", text[last_n.end:min(end, last_n.end + 60)]):
            toward = None  # "Kyiv wants 200,000 a month from its allies": a request
        if rate is not None and toward is not None and not named and not previous and \
                counts_goods(last_figure) and last_figure.per is not None and \
                last_figure.item is not None and n.value >= 2:
            p = last_figure  # "... 30,000 rounds a year. The goal is to reach about 180,000
            low, central, high = _ranged_bounds(text, start, n, ranged, taken)  # a year"
            kind_item, implied = p.item, p.item_implied
            if earlier is not None and earlier.start >= p.end and \
                    item_units.get(earlier.code) == p.unit and start - earlier.end < 400:
                kind_item, implied = earlier.code, False  # "Production of 155-mm shells started
                # last year. ... But the goal is 20 thousand a month": the goods named since
            out.append(Amount(n.start, last_n.end, n.start, last_n.end, low, central, high,
                              p.unit, kind_item, implied, _per(rate), None, None,
                              f"a bare rate after '{toward.group(0).strip()}': the goods of "
                              "the rate before", kind="elliptic"))
            continue
        if rate is not None and named and n.value >= 2:
            item = named[-1]
            low, central, high = _ranged_bounds(text, start, n, ranged, taken)
            per = _per(rate)
            how = (f"'{n.text}' means at least {plain(n.value)}" if n.vague and not ranged
                   else f"range {plain(low or 0)}-{plain(high or 0)}" if ranged
                   else "bare number: central")
            out.append(Amount(n.start, last_n.end, n.start, last_n.end, low, central, high,
                              item_units.get(item.code), item.code, False, per, None, None,
                              f"{how}, of the {item.text} named before it", kind="elliptic"))
    return sorted(out, key=lambda a: a.start)
