"""Numbers as articles write them: "3,000,000", "1,6 million", "4.8m", "half a million",
"two and a half million",
"three million", "one-thousand", "two-billion-euro", "tens of thousands".

``find_numbers`` finds them in a text with their character spans and values; ranges and
qualifiers are read around them by :mod:`ingest.draft.amounts`. Checked against the
phrases popular number parsers get wrong ("3 million", "half a million", "1,6 million").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
         "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"dozen": 12.0, "hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9,
           "trillion": 1e12}
_ABBREVIATED = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
# "thousands" stands for at least two thousand, "tens of thousands" for at least twenty
# thousand: the least the plural can mean
_PLURAL = {"hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9,
           "dozens": 12.0}
_PLURAL_OF = {"tens": 20.0, "dozens": 24.0, "hundreds": 200.0}
_FEW = {"several": 3.0, "a few": 2.0, "a couple of": 2.0, "many": 2.0}

_ONE = "|".join(sorted(ONES, key=len, reverse=True))
_SCALE = "dozen|hundred|thousand|million|billion|trillion"
_SEP = r"(?:[\s\-\u2010\u2011]+(?:and[\s\-]+)?)"
_HEAD = rf"(?:{_ONE})(?:{_SEP}(?:{_ONE}))?"  # "three", "twenty-five"
_WORDS = (rf"(?:an?|one|three)[\s\-]+quarters?[\s\-]+of[\s\-]+an?[\s\-]+(?:{_SCALE})"  # "a quarter
          rf"|(?:an?|one|two)[\s\-]+thirds?[\s\-]+of[\s\-]+an?[\s\-]+(?:{_SCALE})"  # of a million"
          rf"|(?:an?|half[\s\-]+an?|(?:{_ONE})[\s\-]+and[\s\-]+a[\s\-]+half){_SEP}(?:{_SCALE})"
          rf"(?:{_SEP}(?:{_ONE}|{_SCALE}))*"  # "a million", "half a million"
          rf"|{_HEAD}(?:{_SEP}(?:{_ONE}|{_SCALE}))*")  # "three million", "one-thousand"
_DIGITS = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 3,000,000 or 1,234.5
           r"|\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?"  # 3.000.000
           r"|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+"  # 3 000 000 (narrow spaces)
           # 30 000 or 1 250 000 (a plain space, as translations write): a last group of
           # 000 or two groups, so "June 12 300 drones", "40 122 Grad rockets" or "24 155
           # howitzers" stay two numbers
           r"|\d{1,3}(?: \d{3}){2,}(?![\d,.]\d)|\d{1,3} 000(?![\d,.]\d)"
           r"|\d+(?:[.,]\d+)?")
_VAGUE_RE = (r"(?:(?:tens|dozens|hundreds)\s+of\s+)?(?:thousands|millions|billions|hundreds"
             r"|dozens)|(?:several|a\s+few|a\s+couple\s+of|many)\s+(?:hundred\s+thousand|hundred"
             r"|thousand|million|billion)s?")
NUMBER = re.compile(
    rf"(?:(?<![\w.,])|(?<=EUR)|(?<=USD))(?:(?<=\d-)|(?<=\d(?-i:[kmb])-)|(?<=\d(?-i:[bm]n)-)|(?<![\-]))(?:(?P<digits>{_DIGITS})(?:(?P<gap>[\s\-]*)(?P<scale>{_SCALE}"
    rf"|bn|mn|mln|tn|[kmb])(?![\w]))?(?![\w])"
    rf"|(?P<vague>{_VAGUE_RE})(?![\w])"
    rf"|(?P<words>{_WORDS})(?![\w]))",
    re.IGNORECASE)


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    value: float
    vague: bool  # "thousands": a lower bound, never a central value
    scaled: bool  # it has a scale word ("3 million"), so "2-3 million" scales the 2
    text: str


def find_numbers(text: str) -> list[Number]:
    """Every number in ``text``, left to right, with its span and value."""
    out = []
    for m in NUMBER.finditer(text):
        number = _read(m)
        if number is not None:
            out.append(number)
    return out


def _read(m: re.Match[str]) -> Number | None:
    text = m.group(0)
    if m["digits"]:
        value = digits_value(m["digits"])
        if value is None:
            return None
        scale = (m["scale"] or "").lower()
        if scale in ("m", "b", "k") and m["gap"]:  # "5 m" is five metres, "4.8m" millions
            return Number(m.start(), m.start("digits") + len(m["digits"]), value, False,
                          False, m["digits"])
        factor = _SCALES.get(scale) or _ABBREVIATED.get(scale, 1.0)
        return Number(m.start(), m.end(), value * factor, False, bool(scale), text)
    if m["vague"]:
        return Number(m.start(), m.end(), vague_value(m["vague"]), True, True, text)
    value = words_value(m["words"])
    if value is None:
        return None
    scaled = any(w in _SCALES for w in _split_words(m["words"]))
    return Number(m.start(), m.end(), value, False, scaled, text)


def digits_value(digits: str) -> float | None:
    """The value of digits with thousands separators or a decimal point or comma."""
    d = re.sub(r"[ \u00a0\u202f\u2009]", "", digits)
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", d):
        d = d.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(\.\d{3}){2,}(,\d+)?", d):
        d = d.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+,\d+", d):  # a decimal comma: "1,6 million"
        d = d.replace(",", ".")
    try:
        return float(d)
    except ValueError:
        return None


def _split_words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\-\u2010\u2011]+", text.lower()) if w and w != "and"]


def words_value(text: str) -> float | None:
    """"three million" = 3e6, "half a million" = 5e5, "one hundred and fifty thousand" =
    150000, "a thousand" = 1000; None when the words are no number."""
    words = _split_words(text)
    fraction = re.fullmatch(r"(a|an|one|two|three) (quarters?|thirds?) of an? (\w+)",
                            " ".join(words))
    if fraction is not None and fraction[3] in _SCALES:
        share = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}[fraction[1]]
        return share * _SCALES[fraction[3]] / (4 if fraction[2].startswith("quarter") else 3)
    if words[:1] == ["half"]:
        rest = words_value(" ".join(words[1:])) if len(words) > 1 else None
        return None if rest is None else rest / 2
    if words[:1] and words[0] in ONES and words[1:3] == ["a", "half"]:
        rest = words_value(" ".join(words[3:])) if len(words) > 3 else None  # "two and a
        return None if rest is None else rest * (ONES[words[0]] + 0.5)  # half million"
    total, current, seen = 0.0, 0.0, False
    for w in words:
        if w in ("a", "an"):
            current, seen = 1.0, True
        elif w in ONES:
            current += ONES[w]
            seen = True
        elif w == "hundred":
            current = (current or 1.0) * 100
        elif w in _SCALES:
            total += (current or 1.0) * _SCALES[w]
            current, seen = 0.0, True
        else:
            return None
    return total + current if seen else None


def vague_value(text: str) -> float:
    """The least a vague plural can mean: "thousands" 2,000, "tens of thousands" 20,000,
    "several hundred" 300."""
    words = re.sub(r"\s+", " ", text.lower()).strip()
    for few, n in _FEW.items():
        if words.startswith(few + " "):
            scales = words[len(few) + 1:].rstrip("s").split()  # "several hundred thousand"
            for scale in scales:
                n *= _SCALES[scale]
            return n
    parts = words.split(" of ")
    if len(parts) == 2:
        return _PLURAL_OF[parts[0]] * _PLURAL[parts[1]]
    return 2 * _PLURAL[words]
