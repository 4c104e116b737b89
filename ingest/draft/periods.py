"""Period, measure and due date of a claim from its sentence's date phrases."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

from .amounts import Amount
from .context import Context, clause
from .verbs import Verb
from .when import When, end_day, first_day

_CUMULATIVE = re.compile(r"\b(?:so\s+far|to\s+date|in\s+total|thus\s+far|altogether|a\s+total"
                         r"\s+of|until\s+now|up\s+to\s+now|overall|in\s+all|cumulative(?:ly)?"
                         r"|(?<!\bmonthly\sfigure\s)(?<!\bweekly\sfigure\s)(?<!\bannual\sfigure\s)"
                         r"(?<!\bfigure\s)(?<!\btotal\s)(?<!\bnumber\s)(?<!\blevel\s)since)\b",
                         re.IGNORECASE)  # (not "the largest monthly figure since early 2023")
# a year's or a month's total so far is that period's: "so far this year", "this month so far"
_SO_FAR_THIS = re.compile(r"\b(?:so\s+far|thus\s+far|to\s+date)\s+(?:this|in)\s+(?:year|month"
                          r"|\d{4})\b|\bthis\s+(?:year|month)\s+(?:so\s+far|to\s+date)\b"
                          r"|\b(?:year|month)[\s\-]to[\s\-]date\b", re.IGNORECASE)
def _so_far_this(text: str, period: When) -> bool:
    """Whether "so far" is said of this date phrase: "150,000 so far this year" (not of
    "in 2023" in "300,000 in 2023 and 150,000 so far this year")."""
    return bool(_SO_FAR_THIS.search(text, max(0, period.start - 25), period.end + 25))


SAME_PERIOD = re.compile(r"\b(?:over|in|during|for|across)\s+the\s+same\s+(?:[\w\-]+\s+)?"
                          r"(?:period|time|months?|weeks?|year|days|hours)\b", re.IGNORECASE)
_LIST = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)")
# the same, each with its own party: "1.9 million from the US and 1.1 million from the EU"
_LISTED = re.compile(r"(?:\s+(?:from|to|for|by)\s+(?:the\s+)?[A-Z][\w\-]*(?:\s+[A-Z]?[\w\-]+)?)?"
                     r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)")
# an estimate that is an aim: "expects to lift output to 1 million a year by 2027"
_AIM = re.compile(r"\b(?:will|would|plans?|planned|planning|aims?|aiming|expects?|expected|wants?"
                  r"|set\s+to|targets?|goal|is\s+to|are\s+to|intends?|hopes?|due\s+to"
                  r"|meant\s+to|supposed\s+to|scheduled\s+to|on\s+(?:track|course)\s+to)\b",
                  re.IGNORECASE)
# a sentence about part of the claim before: "Of these, 400,000 were 155mm rounds"
PART_OF_BEFORE = re.compile(r"(?:Of|Among)\s+(?:these|them|those|which|the\s+total|this)\b")
# a part of the amount before it: "160,000 rounds in May, of which about 90,000 came ..."
_PART_OF_IT = re.compile(r",\s*(?:of\s+which|among\s+them|including)\s+(?:\w+\s+){0,2}$",
                         re.IGNORECASE)
# the shipments of the claim before: "the shipments included 12 million rounds"
_THOSE_SHIPMENTS = re.compile(r"\b(?:the|these|those)\s+(?:shipments?|deliveries|cargo(?:es)?"
                              r"|consignments?|transfers?)\s+(?:\w+\s+)?includ", re.IGNORECASE)
# words between an attribution and the date that dates it: ", the ministry said in a
# statement on Tuesday", "..., officials told reporters last week"
_ATTRIBUTION_TAIL = re.compile(r"[^,;:\d\u201c\u201d\"]{0,40}")
# a clause of its own after an amount: "supplied N, and in 2023 helped it build"
_NEW_CLAUSE = re.compile(r"[;:]|,\s+(?:and|but|while|whereas|which|although|though)\b"
                         r"|\band\s+(?:in|on|during|since|by|from)\b"
                         r"|,\s+(?:a|an|one|two|three|some)\s+(?:full\s+)?(?:\w+\s+)?(?:years?|months?"
                         r"|weeks?)\s+(?:later|earlier|sooner)\s+than\b", re.IGNORECASE)
# (", a full year later than it promised Congress in 2023": the date of another promise)


# a span of one night, day, week or month that ends now: "overnight", "on the night of 8-9
# May", "over the past week", "in the last 24 hours", "over the month"
_RECENT = re.compile(r"\b(?:(?P<day>overnight|on\s+the\s+night\s+of"
                     r"|(?:(?:on|in)\s+)?an?\s+(?:ordinary|average|typical|normal|quiet|intense|busy|heavy)\s+day|(?:over|in|during)\s+the"
                     r"\s+(?:past|last|previous)\s+(?:24\s+hours|day|night)"
                     r"|on\s+(?:the\s+)?(?:heaviest|busiest|worst|peak)\s+days?|that\s+(?:day|night)"
                     r"|on\s+(?:the\s+)?most\s+intense\s+days?)|(?P<week>(?:over|in"
                     r"|during)\s+(?:the\s+)?(?:(?:past|last|previous|first|second|third|fourth"
                     r"|final)\s+)?(?:week|seven\s+days))"
                     r"|(?P<month>(?:over|in|during)\s+the\s+(?:(?:past|last|previous)\s+)?month"
                     r"|(?:over|in|during)\s+the\s+(?:past|last|previous)\s+30\s+days)"
                     r"|(?P<year>(?:over|in|during)\s+the\s+(?:(?:past|last|previous)\s+)?(?:12"
                     r"|twelve)\s+months|(?:over|in|during)\s+the\s+(?:fiscal|financial)\s+year))\b",
                     re.IGNORECASE)


def period_rate(ctx: Context, amount: Amount) -> str | None:
    """"launched 1,300 drones in August", "made 2.4 million rounds in 2024": a quantity in
    one day, week, month or year of the sentence is a rate per that; so is one in the
    night, day, week or month just past ("attacked with 90 drones overnight", "over the
    past week, Russia launched 800 drones")."""
    text, s = ctx.doc.text, ctx.sentence.start
    around = clause(text, s, ctx.sentence.end, amount)
    recent = _RECENT.search(around)
    if recent is not None:
        return next(k for k, v in recent.groupdict().items() if v)
    that = re.search(r"\b(?:in\s+|during\s+|over\s+)?that\s+(day|week|month|year)\b"
                     r"|\b(?:that|this|it)\s+was\s+the\s+(day|week|month|year)\s+(?:when|in\s+which)\b",
                     around, re.IGNORECASE)
    if that is not None:  # "... in May, as Russia launched about 190 missiles that month",
        return (that[1] or that[2]).lower()  # "That was the month when Russia launched"
    before = [per for at, per in sorted(ctx.rates.items()) if at < amount.start]
    if before and SAME_PERIOD.search(text, amount.end, ctx.sentence.end):
        return before[-1]  # "produced 3 million in 2024, while troops fired between 3 and
        # 4 million over the same twelve months"
    for d in dates_of(ctx, amount):
        if _dates_the_claim(ctx, amount, d):
            continue  # "Zelensky said last week that ...": when it was said
        if d.kind == "point" and d.first and d.first == d.last:
            return {0: "year", 1: "month", 2: "day"}[d.first.count("-")]
        if d.kind == "point" and d.first and d.last and d.first.count("-") == 2 and \
                first_day(d.last) - first_day(d.first) == dt.timedelta(days=6):
            return "week"
    return None


# between a date and the second of two amounts: "in March, according to the report, and some"
_DATE_THEN_AND = re.compile(r"(?:,\s+(?:according\s+to|[\w\s']{1,40}?\b(?:said|says))[^,;]{0,60},)?"
                            r"\s+and\s+(?:some\s+|about\s+|around\s+)?")


# a relative clause between commas, with its own dates
_ASIDE = re.compile(r",\s+(?:which|who)\s[^,;]{3,150},")
_RECORD_SINCE = re.compile(r"\b(?:largest|biggest|highest|lowest|most|fewest|smallest|first"
                           r"|greatest|heaviest|busiest|quietest|best|worst)\b[^,;.]{0,40}$",
                           re.IGNORECASE)
_EACH_HOLDS = re.compile(r"\beach\s+(?:[\w\-]+\s+){0,3}$", re.IGNORECASE)


def dates_of(ctx: Context, amount: Amount) -> list[When]:
    """The date phrases that belong to an amount: those before the sentence's first
    amount and its verb apply to all; the others to the amount nearest them, unless a
    clause of their own comes between ("supplied N, and in 2023 helped it build ...")."""
    if not ctx.amounts:
        return list(ctx.dates)
    first = min(a.start for a in ctx.amounts)
    text = ctx.doc.text
    out = []
    asides = [(m.start(), m.end()) for m in _ASIDE.finditer(text, ctx.sentence.start,
                                                             ctx.sentence.end)]
    for d in ctx.dates:
        if any(a <= d.start < b and not a <= amount.start < b for a, b in asides):
            continue  # "The EU, which promised in March to send a million shells, had
            # delivered about 300,000 by the end of October": March is the promise's
        if d.kind == "since" and _RECORD_SINCE.search(text, max(0, d.start - 60), d.start):
            continue  # "45,000 in May alone, the largest monthly figure since early 2023": a
            # comparison, no count's start
        if d.end <= first and not (d.end <= amount.start and re.search(
                r"[;:]\s", text[d.end:amount.start])):
            out.append(d)  # (not past a colon or semicolon: "agreed in February to pay for
            continue  # 60,000 rounds ...: PGZ expects to turn out 150,000 shells this year")
        if _trailing(ctx, amount, d):
            out.append(d)  # ", officials said on Sunday": every amount's claim date
            continue
        if d.start >= amount.end and _NEW_CLAUSE.search(text, amount.end, d.start):
            continue
        if d.start >= amount.end and _listed(ctx, amount, d):
            out.append(d)  # "53 drones and 5 missiles overnight into Wednesday"
            continue
        if d.start >= amount.end and re.fullmatch(r"\s+(?:of\s+)?(?:[\w\-]+\s+){0,4}",
                                                    text[amount.end:d.start]) and any(
                a.start > d.end and _DATE_THEN_AND.fullmatch(text, d.end, a.start)
                for a in ctx.amounts):
            out.append(d)  # "more than 4 million drones of all types in 2025 and some
            continue  # 600,000 rounds": the date of the first of the two
        if d.end <= amount.start and _DATE_THEN_AND.fullmatch(text, d.end, amount.start) and \
                any(a.end <= d.start and re.fullmatch(r"\s+(?:of\s+)?(?:[\w\-]+\s+){0,4}",
                                                      text[a.end:d.start])
                    for a in ctx.amounts) and not any(
                    d2.start >= amount.end and not re.search(r"[,;]", text[amount.end:d2.start])
                    for d2 in ctx.dates):  # (not "10 million in 2022 and 7 million in 2023")
            out.append(d)  # "200,000 mortar rounds in March, according to the report, and
            continue  # some 35,000 rounds of 152mm": the second's too
        if d.end <= amount.start and re.fullmatch(r",\s+when\s+[^,;.]{1,60}",
                                                  text[d.end:amount.start]):
            out.append(d)  # "fired 70 interceptors in December, when Russia launched more
            continue  # than 200 missiles": the clause the date's 'when' opens is of that date
        owners = [a for a in ctx.amounts if not _EACH_HOLDS.search(text, max(0, a.start - 40),
                                                                     a.start)] or ctx.amounts
        nearest = min(owners, key=lambda a: _distance(text, a, d))  # (what each container
        if nearest.start == amount.start:  # holds is no figure of a period)
            out.append(d)
    return out


def _distance(text: str, amount: Amount, d: When) -> int:
    """How far a date is from an amount; a comma between them counts as 40 characters
    ("28,000 containers since August 2023, up from about 20,000": the date is the
    28,000's), a semicolon as 200 (a clause of its own)."""
    a, b = (amount.end, d.start) if amount.end <= d.start else (d.end, amount.start)
    between = text[min(a, b):max(a, b)]
    return abs(b - a) + (40 if "," in between else 0) + (200 if ";" in between else 0)


def fill_dates(ctx: Context, amount: Amount, verb: Verb | None, record: dict[str, Any],
               why: list[str]) -> bool:
    """Period, measure and due date from the sentence's date phrases; whether the text
    gave none (the dates are then the article's)."""
    reported = ctx.doc.reported_on
    claim_date, period, since, by, within = None, None, None, None, None
    verb_at = verb.start if verb is not None else amount.start
    leading = [a for a in ctx.attributions if a.verb_start < amount.start]
    for d in dates_of(ctx, amount):
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
        elif d.kind in ("point", "asof") and (in_attribution and d.end <= verb_at
                                              or _trailing(ctx, amount, d)):
            claim_date = d
        elif d.kind in ("point", "range", "asof") and period is None:
            period = d
    kind = record["type"]
    if kind == "shipment" and since is None and period is None and by is None and \
            ctx.intro_period is not None:  # a line of a list its intro dates: "In the
        first, last, words = ctx.intro_period  # 2024-25 financial year the UK delivered:"
        record["measure"] = "increment"
        record["period_start"], record["period_end"] = first, _clip(last, reported)
        why.append(f"increment: '{words}', the period of the list's intro")
        return False
    as_of = _clip(claim_date.last if claim_date and claim_date.last else None, reported)
    if claim_date is not None:
        why.append(f"date: '{claim_date.text}' dates the claim")
    if kind == "shipment":
        text = ctx.doc.text
        before = [a.end for a in ctx.amounts if a.end <= amount.start]
        after = [a.start for a in ctx.amounts if a.start >= amount.end]
        left = max(before, default=ctx.sentence.start)
        joins = list(re.finditer(r",\s+(?:and|but|while)\s", text[left:amount.start]))
        if joins and verb is not None and verb.start >= amount.end and \
                "," not in text[amount.end:verb.start]:  # (not the "since" of the clause
            left += joins[-1].end()  # before: "shipped 800,000 since 2022, ..., and roughly
            # 45,000 of them were delivered in May"; but "lists 3 million rounds provided
            # since 2022, and more than 500,000 rounds of 105mm" shares it)
        cumulative = _CUMULATIVE.search(text, left,
                                        min(after, default=ctx.sentence.end))  # this amount's:
        # not "so far" of "150,000 so far this year" for "300,000 in 2023 and 150,000 ..."
        if since is not None:
            record["measure"] = "cumulative"
            record["period_start"] = since.first
            record["period_end"] = as_of or _day(reported)
            ctx.doc.period, ctx.doc.running = (record["period_start"], record["period_end"]), True
            why.append(f"cumulative: '{since.text}' starts the count")
        elif period is not None and period.kind == "range" or (
                period is not None and period.kind == "point" and (
                    not cumulative or _so_far_this(text, period))):
            assert period is not None
            record["measure"] = "increment"
            record["period_start"] = period.first
            record["period_end"] = _clip(period.last, reported)
            if cumulative and period.kind == "point" and _so_far_this(text, period):  # "so
                # far this year": from its
                record["period_end"] = as_of or _day(reported) or record["period_end"]  # first
                if re.fullmatch(r"\d{4}", record["period_start"] or ""):  # month up to the day
                    record["period_start"] += "-01"
            ctx.doc.period, ctx.doc.running = (record["period_start"], record["period_end"]), False
            why.append(f"increment: '{period.text}'" + (" so far" if cumulative else ""))
        elif (SAME_PERIOD.search(text[ctx.sentence.start:ctx.sentence.end])
              or PART_OF_BEFORE.match(ctx.sentence.text) or _THOSE_SHIPMENTS.search(
                  ctx.sentence.text) or _PART_OF_IT.search(
                  text, max(ctx.sentence.start, amount.start - 40), amount.start)
              ) and ctx.doc.period[0] is not None:
            record["measure"] = "cumulative" if ctx.doc.running else "increment"
            record["period_start"], record["period_end"] = ctx.doc.period
            why.append(f"{record['measure']}: the same period as the claim before")
        else:
            record["measure"] = "cumulative"
            if by is not None and as_of is None and not (verb is not None and verb.intent):
                as_of = _clip(_past(by.last, reported), reported)  # "had by the end of
                # January delivered": the last January up to the article
                why.append(f"date: '{by.text}' dates the total")
            record["period_end"] = (period.last if period is not None and period.kind == "asof"
                                    else as_of or _day(reported))
            why.append("cumulative: " + (f"'{cumulative.group(0)}'" if cumulative else
                                         "a total with no period") + " up to "
                       + ("the claim's date" if as_of else "reported_on"))
    elif kind == "pledge":
        if by is None and period is not None and period.kind == "point" and verb is not None \
                and verb.intent and period.start >= verb.end and period.first is not None and \
                reported is not None and re.fullmatch(r"\d{4}-\d\d", period.first) and \
                period.first == period.last and not period.explicit_year and \
                period.first < reported.isoformat()[:7]:
            ahead = f"{int(period.first[:4]) + 1:04d}{period.first[4:]}"  # "will send 10,000
            by, period = replace(period, first=ahead, last=ahead), None  # more in July",
            # in a June article: next July, when they are due
        if by is None and period is not None and period.kind == "point" and (
                verb is not None and (verb.intent or verb.kind in ("give", "receive", "pledge"))
                and period.start >= verb.end or re.match(r"(?i)(?:through|until|till)\b",
                                                         period.text)) \
                and period.first is not None \
                and reported is not None and period.first >= reported.isoformat()[:len(
                    period.first)]:
            by, period = period, None  # "aims to deliver 1.8 million rounds in 2025": when
            # they are due, not when they were pledged
        start = period or claim_date
        if start is not None and start.first:
            record["period_start"] = start.first
            why.append(f"pledged: '{start.text}'")
        elif since is not None and since.first:  # "commitments ... since February 2022"
            record["period_start"] = since.first
            why.append(f"pledged: '{since.text}' on")
        if by is not None:
            record["due_by"] = by.last
            why.append(f"due by: '{by.text}'")
        elif within is not None and record.get("period_start"):
            record["due_by"] = _add_months(record["period_start"], within.months)
            why.append(f"due by: '{within.text}' after it was pledged")
    elif kind == "estimate":
        aimed = verb is not None and verb.intent or _AIM.search(
            ctx.doc.text, ctx.sentence.start, amount.start) is not None
        aim = by is not None and aimed
        if aim and by is not None and period is not None and period.end <= amount.start < \
                amount.end <= by.start:
            period = None  # "The group that took over Expal in 2023 wants to lift that to
            # 450,000 a year by 2026": the aim's date, not the takeover's
        if period is not None and period.kind == "range" or (
                period is not None and period.first != period.last):
            record["period_start"], record["period_end"] = period.first, period.last
            why.append(f"period: '{period.text}'")
        elif period is not None:
            record["period_end"] = period.last
            why.append(f"period: '{period.text}'")
        elif by is not None and aim:
            record["period_end"] = by.last
            why.append(f"period: the aim '{by.text}'")
            return False  # an aim may be for later than the article
        else:
            record["period_end"] = as_of or _day(reported)
        if "period_end" in record and record["period_end"] is not None and not aimed:
            record["period_end"] = _clip_estimate(record["period_end"], reported, verb)
    return claim_date is None and period is None and since is None and by is None


def _listed(ctx: Context, amount: Amount, d: When) -> bool:
    """Whether the amounts between an amount and a date after it are a list with it."""
    text = ctx.doc.text
    later = sorted((a for a in ctx.amounts if amount.end <= a.start and a.end <= d.start),
                   key=lambda a: a.start)
    chain = [amount, *later]
    return bool(later) and all(_LISTED.fullmatch(text, a.end, b.start) for a, b in
                               zip(chain, chain[1:], strict=False)) and not re.search(
        r"[,;:]", text[chain[-1].end:d.start])


def _dates_the_claim(ctx: Context, amount: Amount, d: When) -> bool:
    """A date of the attribution, not of the amount: "Zelensky said last week that ...",
    ", officials said on Monday"."""
    verb_at, text = amount.start, ctx.doc.text
    return _trailing(ctx, amount, d) or any(
        a.start - 40 <= d.start < a.end and d.end <= a.end + 30 and d.end <= verb_at
        and not (d.end <= a.start and re.match(r"[\s,]*according\b", text[d.end:a.end], re.I))
        for a in ctx.attributions)  # (but "in March, according to the report," is the claim's)


def _trailing(ctx: Context, amount: Amount, d: When) -> bool:
    """A date right after the attribution that follows the claim dates the claim: ",
    officials said on Tuesday", ", the military said earlier this month"."""
    text = ctx.doc.text
    return any(a.verb_start > amount.end and a.end <= d.start
               and _ATTRIBUTION_TAIL.fullmatch(text, a.end, d.start) is not None
               for a in ctx.attributions)


def _past(partial: str | None, reported: dt.date | None) -> str | None:
    """A date read as due ("by the end of January" after a January article is next
    January) read as past: a year earlier when it starts after the article."""
    if partial is None or reported is None or first_day(partial) <= reported:
        return partial
    return f"{int(partial[:4]) - 1:04d}{partial[4:]}"


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
