"""Date phrases in a sentence, resolved against the article's date.

"In November" in an article of 2024-02-27 is 2023-11 (a delivery is never dated after the
report); "by the end of the year" is a due date in December of the sentence's year; "since
September 2023" starts a period; "from August through January" is a period whose end is
the last January before the article. Each keeps the precision the text gives (``2023``,
``2023-11``, ``2023-11-05``). dateparser reads the day, weekday and relative phrases
("26 October", "last week", "on Friday", "two weeks ago") with the article's date as its
base; the domain rules (seasons, ends of years, ranges, which way to resolve) are here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October"
          r"|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
          r"(?![A-Za-z])")
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:19|20|21)\d{2}(?!\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_SEASON = r"(?:summer|winter|spring|autumn|fall)"
_COUNT = {w: i for i, w in enumerate(("", "one", "two", "three", "four", "five", "six", "seven",
                                      "eight", "nine", "ten", "eleven"))}
_SMALL = r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_ATOM = (
    # a financial year from April to March: "the 2024-25 financial year", "financial year
    # 2023/24"
    rf"(?:{_YEAR[:-6]}[\-\u2013/]\d{{2}}\s+(?i:financial|fiscal)\s+year"
    rf"|(?i:financial|fiscal)\s+year\s+{_YEAR[:-6]}[\-\u2013/]\d{{2}}(?!\d))"
    # twelve months that end in a month named: "the financial year to March 2024", "the 12
    # months ending in June 2025"
    rf"|(?i:(?:the\s+)?(?:(?:financial|fiscal)\s+year|12\s+months|twelve\s+months|year)\s+"
    rf"(?:to|ending|ended|through)\s+(?:in\s+)?){_MONTH}\s+{_YEAR}"
    rf"|\d{{4}}-\d{{2}}(?:-\d{{2}})?(?!\d)|{_YEAR[:-6]}[\u2013/]\d{{2}}(?![\d\-])"
    rf"|{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?"
    rf"|{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?"
    rf"|(?i:early|mid|late)[\s\-]+{_MONTH}(?:,?\s+{_YEAR})?"
    rf"|(?i:early|mid|late|end|start)[\s\-]+{_YEAR}"
    rf"|(?i:(?:the\s+)?first\s+(?:two|three|four|five|six|seven|eight|nine|ten|eleven"
    rf"|[2-9]|1[01])\s+months\s+of\s+(?:(?:the|this|last|next)\s+year|{_YEAR}))"
    rf"|(?i:(?:the\s+)?(?:first|second|third|fourth|last|final)\s+(?:half|quarter)"
    rf"(?:\s+of\s+(?:(?:the|this|last|next)\s+year|{_YEAR}))?)"
    rf"|(?:H[12]|Q[1-4])\s+{_YEAR}|{_YEAR}\s+(?:H[12]|Q[1-4])(?!\w)"
    rf"|(?i:last|this|next|past)\s+{_MONTH}"
    rf"|{_MONTH}(?:,?\s+{_YEAR}|\s+(?i:last|this|next)\s+year)?"
    rf"|(?i:(?:the\s+)?(?:end|beginning|start|middle|close)\s+of\s+(?:(?:the|this|next|last)"
    rf"\s+year|{_YEAR}))"
    rf"|(?i:(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+){_MONTH}(?:,?\s+{_YEAR})?"
    rf"|(?i:(?:the\s+)?year[\s\-]end)"
    rf"|(?i:(?:the\s+)?{_SEASON}\s+of\s+){_YEAR}|(?i:{_SEASON})\s+{_YEAR}"
    rf"|(?i:(?:last|this|next|past|previous)\s+(?:week|month|year|{_SEASON}))"
    rf"|(?i:(?:earlier|later)\s+this\s+(?:week|month|year))"
    rf"|(?i:yesterday|today)"
    rf"|{_WEEKDAY}"
    rf"|(?i:{_SMALL}\s+(?:days?|weeks?|months?|years?)\s+(?:ago|earlier|before"
    rf"(?!\s+(?:the|a|an|its|their|his|her|this|that)\b)))"
    rf"|(?i:(?:the\s+)?(?:previous|preceding)\s+day|the\s+day\s+before)"
    rf"|(?<=[\s\-\u2013\u2014]){_YEAR}")
_PREP = (r"(?:since|by\s+the\s+end\s+of|by|until|till|through|throughout|during|into|in|on|from"
         r"|(?:over|in|during|across)\s+the\s+(?:course|whole)\s+of"
         r"|between|as\s+of|before|after|ahead\s+of|over|at\s+the\s+end\s+of)")
PHRASE = re.compile(
    rf"(?<![\w\-])(?:(?P<prep>(?i:{_PREP})|For(?=\s+\d{{4}}\b))\s+)?(?P<a>{_ATOM})"
    rf"(?:\s*(?P<sep>(?i:to|through|until|till|and)\b|[\-\u2013\u2014])\s*(?P<b>{_ATOM}))?"
    rf"|(?P<within>(?i:within\s+{_SMALL}\s+(?:weeks?|months?|years?)))")
_BARE_YEAR_PREPS = ("since", "by", "until", "till", "through", "throughout", "during", "in", "into",
                    "from", "between", "as of", "before", "after", "over", "by the end of",
                    "at the end of", "for", "over the course of", "in the course of",
                    "during the course of", "over the whole of", "in the whole of",
                    "during the whole of", "across the whole of",
                    "across the course of")  # "For 2025, Kyiv wants ..." (a sentence's
# opening "For" only: "€1bn for 2025" may be money for a year, not a date)


@dataclass(frozen=True)
class When:
    """A date phrase: its span in the text, what its preposition makes of it, and the
    period it names as partial dates (None when it cannot be resolved)."""

    start: int
    end: int
    kind: str  # "point" (in/on/during X), "since", "by", "range", "asof", "within", "other"
    first: str | None  # the period's start, as a partial date
    last: str | None  # the period's end
    explicit_year: bool
    text: str
    months: int = 0  # "within N months"

    @property
    def resolved(self) -> bool:
        return self.first is not None and self.last is not None


def find_dates(text: str, start: int, end: int, anchor: dt.date | None) -> list[When]:
    """The date phrases of ``text[start:end]``, resolved against ``anchor`` (the
    article's date; None: only dates with a year resolve)."""
    out: list[When] = []
    article = anchor
    for m in PHRASE.finditer(text, start, end):
        # "In March 2023, ... by the end of the year": the year is the sentence's (but "this
        # year", "last month", "next year" are the article's)
        anchor = article
        if out and out[0].explicit_year and out[0].kind == "point" and out[0].last and not \
                re.match(r"(?i)(?:this|last|next|past|previous|earlier|later)\b", m["a"] or ""):
            anchor = _end_day(out[0].last)
        if m["within"]:
            n = re.search(rf"within\s+({_SMALL})\s+(week|month|year)", m["within"], re.I)
            assert n is not None
            count = _small(n[1]) * (12 if n[2].lower() == "year" else 1)
            if n[2].lower() != "week":
                out.append(When(m.start(), m.end(), "within", None, None, False, m[0], count))
            continue
        prep = re.sub(r"\s+", " ", (m["prep"] or "").lower())
        if re.fullmatch(_YEAR, m["a"]) and prep not in _BARE_YEAR_PREPS:
            continue
        a, b = m["a"], m["b"]
        if b is not None and m["sep"] and m["sep"].lower() == "and" and prep != "between" \
                and not _same_kind(a, b):
            b = None  # "in March and ..." is not a range, "in 2022 and 2023" covers both
        kind = {"since": "since", "by": "by", "until": "by", "till": "by", "before": "by",
                "by the end of": "by", "as of": "asof", "ahead of": "other",
                "after": "other"}.get(prep, "point")
        explicit = bool(re.search(_YEAR, m[0]))
        if b is not None:
            last = _atom(b, anchor, future=kind == "by")
            first = _atom(a, _end_day(last[1]) if last else anchor, future=False)
            if first and last and _first_day(first[0]) <= _end_day(last[1]):
                out.append(When(m.start(), m.end(), "range", first[0], last[1], explicit,
                                m[0]))
                continue
            out.append(When(m.start(), m.end(), kind, None, None, explicit, m[0]))
            continue
        span_end = m.start("a") + len(a)
        found = _atom(a, anchor, future=kind == "by")
        if prep.endswith("end of") and found:
            found = (found[1], found[1]) if found[1].count("-") else (f"{found[1]}-12",) * 2
        out.append(When(m.start(), span_end, kind, found[0] if found else None,
                        found[1] if found else None, explicit, text[m.start():span_end]))
    for m in WAR_START.finditer(text, start, end):
        if not any(d.start <= m.start() < d.end or m.start() <= d.start < m.end() for d in out):
            out.append(When(m.start(), m.end(), "since", "2022-02", "2022-02", False, m[0]))
    for m in WAR_EVE.finditer(text, start, end):
        if not any(d.start <= m.start() < d.end or m.start() <= d.start < m.end() for d in out):
            out.append(When(m.start(), m.end(), "point", "2022-02", "2022-02", False, m[0]))
    return sorted(out, key=lambda d: d.start)


# the full-scale invasion of 24 February 2022: "since the war began", "since the start of
# the full-scale invasion", "since Russia invaded", "since February 2022" (read above)
WAR_START = re.compile(
    r"\b(?i:since)\s+(?:(?i:the\s+(?:start|beginning|outbreak|onset)\s+of\s+)?(?:(?i:the|Russia's"
    r"|Moscow's)\s+)?(?i:full[\s\-]+scale\s+)?(?i:war|invasion)(?:\s+(?i:began|started|broke\s+out"
    r"|of\s+Ukraine|in\s+Ukraine))?|(?:Russia|Moscow)\s+(?i:invaded|launched\s+(?:its|the)\s+"
    r"(?:full[\s\-]+scale\s+)?(?:invasion|war))(?:\s+(?i:Ukraine))?)(?![\w\-])"
    r"(?![^.;,]{0,20}?\bin\s+(?:\w+\s+)?(?:19|20)(?!22)\d\d)")  # "since the war began in
# 2014": another war


# the eve of the invasion: "before the war", "on the eve of the invasion", "began the war
# with", "pre-war stocks" (not "before the war in 2014", another war)
WAR_EVE = re.compile(
    r"\b(?:(?i:before|on\s+the\s+eve\s+of)\s+(?:(?i:the|Russia's|Moscow's)\s+)?(?i:full[\s\-]+scale\s+)?"
    r"(?i:war|invasion)(?!\s+(?i:ends?|is\s+over|finishes|stops))"
    r"|(?i:start(?:s|ed)?|beg[ia]n|begun|enter(?:s|ed)?)\s+(?i:the\s+)?"
    r"(?i:full[\s\-]+scale\s+)?(?i:war|invasion)\s+(?i:with)|(?i:pre)[\-\u2010\u2011](?i:war|invasion)"
    r"|(?i:when|as)\s+(?:Russia|Moscow)\s+(?i:invaded|launched\s+(?:its|the)\s+(?:full[\s\-]+scale\s+)?"
    r"(?:invasion|war))|(?i:when\s+the\s+(?:full[\s\-]+scale\s+)?(?:war|invasion)\s+(?:began|started)"
    r"|at\s+the\s+(?:start|outset|beginning|outbreak)\s+of\s+the\s+(?:full[\s\-]+scale\s+)?"
    r"(?:war|invasion)))"
    r"(?![\w\-])(?![^.;,]{0,20}?\bin\s+(?:\w+\s+)?(?:19|20)(?!22)\d\d)")


def _same_kind(a: str, b: str) -> bool:
    """Two years, or two months: "in 2022 and 2023" is the period from one to the other."""
    return bool(re.fullmatch(_YEAR, a) and re.fullmatch(_YEAR, b) or re.fullmatch(
        _MONTH + rf"(?:,?\s+{_YEAR})?", a) and re.fullmatch(_MONTH + rf"(?:,?\s+{_YEAR})?", b))


def _small(word: str) -> int:
    from .numbers import words_value

    if word.isdigit():
        return int(word)
    return int(words_value("one" if word.lower() in ("a", "an") else word) or 1)


def _first_day(partial: str) -> dt.date:
    parts = [int(p) for p in partial.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _end_day(partial: str) -> dt.date:
    parts = [int(p) for p in partial.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    month = parts[1] if len(parts) > 1 else 12
    return dt.date(parts[0], month, calendar.monthrange(parts[0], month)[1])


def end_day(partial: str) -> dt.date:
    """The last day a partial date stands for."""
    return _end_day(partial)


def first_day(partial: str) -> dt.date:
    """The first day a partial date stands for."""
    return _first_day(partial)


def _month(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()[:3] if name.lower()[:4] != "sept" else "sept"]


def _atom(text: str, anchor: dt.date | None, future: bool) -> tuple[str, str] | None:
    """The period an atomic date phrase names, as (first, last) partial dates."""
    t = re.sub(r"\s+", " ", text.strip())
    low = t.lower()
    ending = re.fullmatch(r"(?:the )?(?:(?:financial|fiscal) year|12 months|twelve months|year) "
                          r"(?:to|ending|ended|through) (?:in )?(\w+\.?) (\d{4})", t, re.I)
    if ending and ending[1].rstrip(".").lower()[:3] in _MONTHS:
        last = int(ending[2]) * 12 + _month(ending[1]) - 1
        first = last - 11  # the twelve months up to that month's end
        return (f"{first // 12:04d}-{first % 12 + 1:02d}", f"{last // 12:04d}-{last % 12 + 1:02d}")
    split = re.fullmatch(r"(\d{4})[\u2013/](\d{2})", t)  # "2022\u201323", "2023/24"
    if split:
        return (split[1], str(int(split[1]) + 1)) if int(split[2]) == (
            int(split[1]) + 1) % 100 else None
    iso = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", t)
    if iso:
        year_, month_ = int(iso[1]), int(iso[2])
        if iso[3] is None and month_ == (year_ + 1) % 100:
            return iso[1], str(year_ + 1)  # "2022-23": a year and the next
        try:
            dt.date(year_, month_, int(iso[3] or 1))
        except ValueError:
            return None  # "2023-13", "2024-02-30": no date
        return t, t
    year = re.search(_YEAR, t)
    y = int(year[0]) if year else None
    if re.fullmatch(_YEAR, t):
        return t, t
    fy = re.fullmatch(r"(?:(\d{4})[\-\u2013/](\d{2}) (?:financial|fiscal) year"
                      r"|(?:financial|fiscal) year (\d{4})[\-\u2013/](\d{2}))", low)
    if fy:  # "the 2024-25 financial year": April 2024 to March 2025 (the UK's, India's,
        first_year = int(fy[1] or fy[3])  # Japan's); a "fiscal year" (the US's runs from
        if int(fy[2] or fy[4]) != (first_year + 1) % 100:  # October) is the two years
            return None
        if "fiscal" in low:
            return f"{first_year:04d}", f"{first_year + 1:04d}"
        return f"{first_year:04d}-04", f"{first_year + 1:04d}-03"
    months = re.fullmatch(r"(?:the )?first (\w+) months of (?:(the|this|last|next) year|(\d{4}))",
                          low)
    if months:  # "the first five months of 2025": January to May
        n = _COUNT.get(months[1]) or int(months[1])
        y = int(months[3]) if months[3] else None
        if y is None and anchor is None:
            return None
        if y is None:
            assert anchor is not None
            y = anchor.year + {"the": 0, "this": 0, "last": -1, "next": 1}[months[2]]
        return f"{y:04d}-01", f"{y:04d}-{n:02d}"
    part = re.fullmatch(r"(?:the )?(first|second|third|fourth|last|final) (half|quarter)"
                        r"(?: of (?:(the|this|last|next) year|(\d{4})))?", low) or re.fullmatch(
        r"([hq])([1-4]) (\d{4})|(\d{4}) ([hq])([1-4])", low)
    if part:
        return _half_or_quarter(part, anchor, future)
    early = re.fullmatch(rf"(early|mid|late|end|start)[\s\-]+({_YEAR})", low)
    if early:  # "end-2025" is its December, "early 2022" the year
        suffix = {"end": "-12", "start": "-01"}.get(early[1], "")
        return early[2] + suffix, early[2] + suffix
    season = re.search(_SEASON, low)
    if season and ("of" in low or y or re.match(r"(last|this|next|past|previous) ", low)):
        return _season(season[0], low, y, anchor)
    past = re.fullmatch(r"(?:the )?(?:past|previous) (year|month|week)", low)
    if past:  # the twelve months (or the month, the week) before the article
        if anchor is None:
            return None
        days = {"year": 365, "month": 30, "week": 7}[past[1]]
        begin = anchor - dt.timedelta(days=days)
        fmt = "%Y-%m" if past[1] != "week" else "%Y-%m-%d"
        return begin.strftime(fmt), anchor.isoformat()
    this = re.fullmatch(r"(?:earlier|later) this (week|month|year)", low)
    if this:
        return _relative("this", this[1], anchor)
    ends = re.match(r"(?:the )?(end|beginning|start|middle|close) of (.*)", low)
    if ends or re.fullmatch(r"(?:the )?year[ \-]end", low):
        return _part_of(ends[1] if ends else "end", ends[2] if ends else "the year", y, anchor)
    month = re.search(_MONTH, t)
    if month and not re.search(_DAY + r"\s+" + _MONTH + "|" + _MONTH + r"\s+" + _DAY, t):
        m = _month(month[0])
        which = re.match(r"(last|this|next|past) ", low)
        if which and not y:  # "last August": the last August before this month
            if anchor is None:
                return None
            y = anchor.year
            if which[1] in ("last", "past") and m >= anchor.month:
                y -= 1
            elif which[1] == "next" and m <= anchor.month:
                y += 1
            return f"{y:04d}-{m:02d}", f"{y:04d}-{m:02d}"
        if "last year" in low or "this year" in low or "next year" in low:
            if anchor is None:
                return None
            y = anchor.year + (-1 if "last" in low else 1 if "next" in low else 0)
        if y is None:
            if anchor is None:
                return None
            y = anchor.year
            if future and m < anchor.month:
                y += 1
            elif not future and m > anchor.month:
                y -= 1
        return f"{y:04d}-{m:02d}", f"{y:04d}-{m:02d}"
    day = _day_month(t, y, anchor, future)
    if day is not None:
        return day, day
    if anchor is None:
        return None
    rel = re.fullmatch(r"(last|this|next) (week|month|year)", low)
    if rel:
        return _relative(rel[1], rel[2], anchor)
    if re.fullmatch(_WEEKDAY, t):  # the last such day on or before the article (or after)
        shift = (anchor.weekday() - list(calendar.day_name).index(t)) % 7
        d = anchor + dt.timedelta(days=(7 - shift) % 7) if future else \
            anchor - dt.timedelta(days=shift)
        return d.isoformat(), d.isoformat()
    if low in ("yesterday", "today"):
        d = anchor - dt.timedelta(days=1 if low == "yesterday" else 0)
        return d.isoformat(), d.isoformat()
    if re.fullmatch(r"(?:the )?(?:previous|preceding) day|the day before", low):
        d = anchor - dt.timedelta(days=1)
        return d.isoformat(), d.isoformat()
    ago = re.fullmatch(rf"({_SMALL}) (day|week|month|year)s? (?:ago|earlier|before)", low)
    if ago:
        n = _small(ago[1])
        if ago[2] == "day":
            d = anchor - dt.timedelta(days=n)
            return d.isoformat(), d.isoformat()
        if ago[2] == "week":
            return _week(anchor - dt.timedelta(weeks=n))
        if ago[2] == "month":
            total = anchor.year * 12 + anchor.month - 1 - n
            return (f"{total // 12:04d}-{total % 12 + 1:02d}",) * 2
        return (f"{anchor.year - n:04d}",) * 2
    return None


def _half_or_quarter(part: re.Match[str], anchor: dt.date | None, future: bool
                     ) -> tuple[str, str] | None:
    """"the first quarter", "the second half of 2024", "Q1 2025", "2024 H2": its months;
    without a year, the last such part of a year that has begun by the article (the next
    one for a due date)."""
    g = part.groups()
    if len(g) == 4:  # "the first quarter (of ...)"
        nth = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(g[0])
        kind, which, year = g[1], g[2], g[3]
    else:  # "q1 2025" or "2025 h2"
        kind = "half" if (g[0] or g[4]) == "h" else "quarter"
        nth, which, year = int(g[1] or g[5]), None, g[2] or g[3]
    size = 6 if kind == "half" else 3
    if nth is None and year is None and which is None:  # "the last quarter": the one before
        if anchor is None:
            return None
        index = (anchor.year * 12 + anchor.month - 1) // size - 1
        y, first_month = index * size // 12, index * size % 12 + 1
        return f"{y:04d}-{first_month:02d}", f"{y:04d}-{first_month + size - 1:02d}"
    nth = nth or 12 // size  # "the last quarter of 2023"
    first_month = (nth - 1) * size + 1
    if year is not None:
        y = int(year)
    elif anchor is None:
        return None
    elif which is not None:
        y = anchor.year + {"the": 0, "this": 0, "last": -1, "next": 1}[which]
    else:
        y = anchor.year
        if future and first_month + size - 1 < anchor.month:
            y += 1
        elif not future and first_month > anchor.month:
            y -= 1
    return f"{y:04d}-{first_month:02d}", f"{y:04d}-{first_month + size - 1:02d}"


def _day_month(t: str, y: int | None, anchor: dt.date | None, future: bool) -> str | None:
    """"26 October", "June 19, 2024": the day; without a year, the last one on or before
    the article (the first one on or after it for a due date)."""
    m = re.fullmatch(rf"({_DAY})\s+({_MONTH})(?:,?\s+{_YEAR})?|({_MONTH})\s+({_DAY})"
                     rf"(?:,?\s+{_YEAR})?", t)
    if m is None:
        return None
    day = int(re.sub(r"\D", "", m[1] or m[4]))
    month = _month(m[2] or m[3])
    if y is None:
        if anchor is None:
            return None
        y = anchor.year
        if not future and (month, day) > (anchor.month, anchor.day):
            y -= 1
        elif future and (month, day) < (anchor.month, anchor.day):
            y += 1
    try:
        return dt.date(y, month, day).isoformat()
    except ValueError:
        return None


def _week(d: dt.date) -> tuple[str, str]:
    monday = d - dt.timedelta(days=d.weekday())
    return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()


def _relative(which: str, unit: str, anchor: dt.date | None) -> tuple[str, str] | None:
    """"last week" (Monday to Sunday), "this month", "next year"."""
    if anchor is None:
        return None
    step = {"last": -1, "this": 0, "next": 1}[which]
    if unit == "week":
        return _week(anchor + dt.timedelta(weeks=step))
    if unit == "month":
        total = anchor.year * 12 + anchor.month - 1 + step
        return (f"{total // 12:04d}-{total % 12 + 1:02d}",) * 2
    return (f"{anchor.year + step:04d}",) * 2


def _season(name: str, low: str, y: int | None, anchor: dt.date | None) -> tuple[str, str] | None:
    months = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
              "winter": (12, 2)}[name]
    if y is None:
        if anchor is None:
            return None
        if name == "winter":  # a winter is named by the year of its December: the last
            # one over, and "this winter" (the one under way, just over, or coming)
            ended = anchor.year - (2 if anchor.month <= 2 else 1)
            this = anchor.year - (1 if anchor.month <= 4 else 0)
        else:
            ended = anchor.year if anchor.month > months[1] else anchor.year - 1
            this = anchor.year
        y = {"this": this, "next": this + 1}.get(low.split(" ")[0], ended)
    if name == "winter":  # winter 2023 runs from December 2023 to February 2024
        return f"{y:04d}-12", f"{y + 1:04d}-02"
    return f"{y:04d}-{months[0]:02d}", f"{y:04d}-{months[1]:02d}"


def _part_of(part: str, of: str, y: int | None, anchor: dt.date | None
             ) -> tuple[str, str] | None:
    month = re.search(_MONTH, of.title())
    if y is None:
        if anchor is None:
            return None
        y = anchor.year + (1 if "next" in of else -1 if "last" in of else 0)
    if month:
        m = _month(month[0])
        return f"{y:04d}-{m:02d}", f"{y:04d}-{m:02d}"
    m = {"end": 12, "close": 12, "beginning": 1, "start": 1, "middle": 6}[part]
    return f"{y:04d}-{m:02d}", f"{y:04d}-{m:02d}"


@functools.lru_cache(maxsize=64)
def _parser(base: dt.date, future: bool) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "future" if future else "past",
        "RETURN_TIME_AS_PERIOD": True})


def _dateparser(text: str, base: dt.date, future: bool) -> tuple[str, str] | None:
    data = _parser(base, future).get_date_data(text)
    if data.date_obj is None:
        return None
    d = data.date_obj.date()
    if data.period == "week":
        monday = d - dt.timedelta(days=d.weekday())
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    if data.period == "year":
        return f"{d.year:04d}", f"{d.year:04d}"
    if data.period == "month":
        return f"{d:%Y-%m}", f"{d:%Y-%m}"
    return d.isoformat(), d.isoformat()


_FULL_DATE = re.compile(rf"\d{{4}}-\d{{2}}-\d{{2}}|{_DAY}\s+{_MONTH},?\s+{_YEAR}"
                        rf"|{_MONTH}\s+{_DAY},?\s+{_YEAR}"
                        rf"|\b(?:[12]\d|3[01]|0?[1-9])[./](?:1[0-2]|0?[1-9])[./]{_YEAR}"
                        rf"|\b{_YEAR}/(?:1[0-2]|0?[1-9])/(?:[12]\d|3[01]|0?[1-9])\b")


def date_line(text: str) -> tuple[dt.date, int] | None:
    """The article's date from a line that is a date and little else ("June 19, 2024",
    "Published 19 June 2024, 10:32", "19.06.2024"), with the line's offset; None if it has
    none. dateparser reads the date, in any of the ways pages write one."""
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if 0 < len(stripped) <= 80:
            m = _FULL_DATE.search(stripped)
            if m and len(re.findall(r"[A-Za-z]{2,}", stripped.replace(m[0], ""))) <= 5:
                found = _dateparser(m[0], dt.date(2000, 1, 1), False)
                if found and found[0].count("-") == 2:
                    return dt.date.fromisoformat(found[0]), offset
        offset += len(line)
    return None
