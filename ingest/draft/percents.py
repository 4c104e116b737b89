"""What a percentage claims: a share of capacity in use ("running at 90 percent of
capacity"), a share of what is supplied ("North Korea supplies half of Russia's shells",
"less than 5 percent of what Ukraine uses"), or nothing ("1.3% of its GDP")."""

from __future__ import annotations

import re

from .amounts import Amount
from .context import Context
from .roles import predicate_party

_CAPACITY = re.compile(r"\bcapacity\b", re.IGNORECASE)
# "half of the sector's production capacity is being used"
_SHARE_OF_CAPACITY = re.compile(r"\s*(?:of\s+)?(?:the|its|their|that|this|[A-Z]\w+'s)\s+"
                                r"(?:[\w\-]+'s\s+)?(?:[\w\-]+\s+){0,2}capacity\b", re.IGNORECASE)
# a share of what someone uses: "less than 5 percent of what Ukraine uses"
_OF_WHAT_USED = re.compile(r"\s*(?:of\s+)?(?:all\s+)?what\s+(?:[\w\-']+\s+){1,3}(?:uses?|used"
                           r"|fires?|fired|receives?|received|gets?|got|imports?|imported"
                           r"|consumes?)\b",
                           re.IGNORECASE)
_WHAT_THEY_CAN = re.compile(r"\s*of\s+what\s+(?:they|it|the\s+\w+)\s+(?:can|could)\b",
                            re.IGNORECASE)  # "running at 90 percent of what they can do"
_SHARE = re.compile(r"\b(?:suppl(?:y|ies|ied|ying)|provid(?:e|es|ed|ing)|account(?:s|ed)?"
                    r"|met\s+(?:about\s+|some\s+|roughly\s+|around\s+)?(?:a|an|half|\d)"
                    r"|needs|requirements"
                    r"|ma(?:de|kes?|king)\s+up|amount(?:s|ed)?\s+to"
                    r"|gets?|getting|got|receiv(?:e|es|ed|ing)|obtain(?:s|ed)?|buy(?:s|ing)?"
                    r"|bought|sources?|sourcing"
                    r"\s+for|comes?\s+from|came\s+from|sourced|import(?:s|ed)?|share)\b",
                    re.IGNORECASE)
# what a share of goods was made in: "half of the shells ... were made in Korea"
_MADE_IN_PREDICATE = re.compile(r"\b(?:were|was|are|is)\s+(?:all\s+)?(?:made|produced|manufactured"
                                r"|built)\s+(?:in|by)\s+(?-i:[A-Z])", re.IGNORECASE)


# a share of the economy said later in the line: "5.4%: Estonia's planned defence spending
# as a share of GDP"
_OF_GDP = re.compile(r"[^,;]{0,60}?\b(?:as\s+a\s+)?(?:share|percentage|per\s*cent)\s+of\s+"
                     r"(?:its\s+|their\s+)?(?:GDP|gross\s+domestic\s+product|GNI"
                     r"|national\s+income)\b", re.IGNORECASE)


# shares of what is no supply: losses, casualties, interceptions, spending
_NOT_SUPPLIES = re.compile(r"\b(?:casualties|losses|destroyed|intercept(?:ed|s|ions?)|shot\s+down"
                           r"|jamm(?:ed|ing)|killed|wounded|protection)\b", re.IGNORECASE)


def percent_kind(ctx: Context, amount: Amount, around: str, why: list[str], cues: set[str]
                 ) -> tuple[str, str] | None:
    """(type, metric) of a percentage's claim, or None when it makes none; ``around`` is
    the amount's clause."""
    text, s, e = ctx.doc.text, ctx.sentence.start, ctx.sentence.end
    if ctx.last_percent is not None and re.search(r"\b(?:up|down)\s+from\s+(?:\w+\s+)?$",
                                                  text[max(s, amount.start - 30):amount.start]):
        why.append(f"{ctx.last_percent}: as the share before it ('up from')")
        return "estimate", ctx.last_percent  # "at about 70 percent of capacity, up from
        # around 30 percent in January 2023"
    if amount.kind == "full" or _CAPACITY.search(text[amount.end:amount.end + 30]) or \
            _SHARE_OF_CAPACITY.match(text, amount.end, e) or \
            _WHAT_THEY_CAN.match(text, amount.end, e) or (
            _CAPACITY.search(around) and re.search(r"\b(?:at|running|operat\w*|working)\s+"
                                                   r"(?:\w+\s+)?$",
                                                   text[max(s, amount.start - 30):
                                                        amount.start])):
        why.append("capacity: a share of capacity")
        cues.add("cue")
        return "estimate", "capacity_utilisation"
    if re.match(r"\s*(?:of\s+)?(?:its|their|the\s+country's|[A-Z]\w+'s)?\s*(?:gross\s+"
                r"domestic\s+product|GDP|GNI|budget|economy|national\s+income|economic\s+output)\b",
                text[amount.end:e]) or _OF_GDP.match(text, amount.end, e):
        return None  # "more than 1.3% of its gross domestic product": no share of supplies
    near = text[max(s, amount.start - 120):amount.end] + re.split(
        r"[,;]", text[amount.end:min(e, amount.end + 80)], maxsplit=1)[0]
    if _NOT_SUPPLIES.search(near):
        return None  # "about 70% of battlefield casualties", "shot down 84 percent of the
        # drones": a share of something else
    if _SHARE.search(around) or predicate_party(ctx, amount) is not None or \
            _OF_WHAT_USED.match(text, amount.end, e) or _MADE_IN_PREDICATE.search(
                text, amount.end, e):
        why.append("supply share: a share of what is supplied")
        cues.add("cue")
        return "estimate", "supply_share"
    if ctx.last_percent is not None and re.search(
            r"\b(?:and|from|with|against|versus|than)\s+(?:\w+\s+){0,2}$",
            text[max(s, amount.start - 30):amount.start]):
        why.append(f"{ctx.last_percent}: as the share before it in the sentence")
        return "estimate", ctx.last_percent
    return None
