"""Money in a sentence: when it is pledged (a package, aid, what a state will spend), and
when it is no claim at all (a price, a firm's books, civilian aid, a defence budget)."""

from __future__ import annotations

import re

from .amounts import Amount
from .context import Context
from .verbs import Verb

_MONEY_PLEDGE = re.compile(r"\b(?:plan|package|aid|fund|funding|pledge|deal|budget|drawdown|top-?up"
                           r"|weapons|arms|military\s+equipment"
                           r"|initiative|programme|program|tranche|contract|order|purchase"
                           r"|contribution|grant)\b", re.IGNORECASE)
# a price, not an amount of goods: "cost about $2 million each", "at $35,000 apiece"
_PRICE = re.compile(r"\s*(?:each|apiece|a\s+piece|(?:per|an?)\s+(?:unit|piece|shell|round|drone"
                    r"|missile|launcher|item|aircraft|interceptor|rocket|howitzer|system))\b",
                    re.IGNORECASE)
# (the same sum in another currency may come first: "worth 13 billion kronor ($1.2 billion)")
# (or after it: "a package of 2.5 billion kroner, or roughly 335 million euros")
_AID_WORTH = re.compile(r"\b(?:package|aid|tranche|assistance|support|pledges?|drawdown|share"
                        r"|commitments?|allocations?|contributions?)[\s,]+"
                        r"(?:\w+[\s,]+){0,9}?"
                        r"(?:worth|of|valued\s+at|totall?ing|totalling|total|totals|stand\s+at|is|was"
                        r"|stands\s+at|stood\s+at|amounts?\s+to|amounted\s+to|reached)\s+"
                        r"(?:\w+\s+){0,2}"
                        r"(?:(?:[A-Z]{3}\s?|[A-Z]{1,2}\$|\u00a3)?[\d.,]+(?:\s*(?:bn|mn|m)\b|\s+(?:[a-z]+\s+){0,2}[a-z]+)\s*"
                        r"(?:\(|,?\s+or\b|,)\s*"
                        r"(?:about|some|roughly|around|approximately|nearly|almost)?\s*)?$",
                        re.IGNORECASE)
# a package in another currency, then the same sum: "a £450m package, about €525m, for"
_PACKAGE_IN_OTHER = re.compile(r"(?:\u00a3|[A-Z]{1,2}\$|\b[A-Z]{3}\s?)[\d.,]+\s*(?:m|bn|mn|million"
                               r"|billion)?\s+(?:[\w\-]+\s+)?(?:package|pledge|tranche|aid|contribution"
                               r"|donation)[\s,(]+(?:or\s+)?(?:about|some|roughly|around|approximately"
                               r"|nearly|almost|worth)?\s*$")
# a running total: "The package brings US commitments to more than $43 billion"
_BRINGS_TO = re.compile(r"\b(?:brings?|brought|takes?|took|lifts?|pushes?|pushed)\s+"
                        r"(?:[\w'\u2019]+\s+){0,8}?(?:commitments?|pledges?|aid"
                        r"|assistance|support|contributions?)\b[^.;]{0,70}?\bto\s+(?:\w+\s+){0,2}"
                        r"(?:(?:[A-Z]{0,3}\$|\u20ac|\u00a3)?[\d.,]+\s+(?:\w+\s+){0,2}\w+\s*\(\s*)?$",
                        re.IGNORECASE)
_COMMITMENTS = re.compile(r"(?:['\u2019]s)?[\s\-]+(?:\w+\s+){0,3}?(?:commitments?|pledges?|aid"
                          r"|assistance|support|contributions?)\b", re.IGNORECASE)


def total_parties(ctx: Context, amount: Amount) -> tuple[str | None, str | None]:
    """Whose commitments a running total counts and whom they are to: "That brings the
    total value of Finland's defence materiel commitments to Kyiv to about EUR2.2 billion"."""
    found = _BRINGS_TO.search(ctx.doc.text, ctx.sentence.start, amount.start)
    if found is None:
        return None, None
    inside = [p for p in ctx.parties if found.start() <= p.mention.start < amount.start]
    whose = next((p.mention.code for p in inside if _COMMITMENTS.match(ctx.doc.text,
                                                                       p.mention.end)), None)
    whom = next((p.mention.code for p in inside if p.prep in ("to", "for")), None)
    return whose, whom


# money a party will spend or pay: "it would spend €500 million on drones for Ukraine",
# "Norway will pay 3 billion kroner, or about 255 million euros, for missiles"
_WILL_SPEND = re.compile(r"\b(?:will|would|is\s+to|are\s+to|plans?\s+to|planning\s+to"
                         r"|intends?\s+to|is\s+set\s+to|are\s+set\s+to"
                         r"|(?:agreed|decided|pledged|promised|voted)\s+(?:[\w,]+\s+){0,3}?to)\s+"
                         r"(?:also\s+|now\s+)?(?:spend|pay|invest|put\s+up|put|use)\s+"
                         r"(?:(?:another|an\s+extra|a\s+further|an\s+additional)\s+)?"
                         r"(?:[^\s;:]+\s+){0,5}\(?\s*$", re.IGNORECASE)
_DONORS = re.compile(r"\b(?:donors?|donated|aid|pledges?|pledged|commitments?|committed"
                     r"|allocations?|allocated|contributions?|contributors?|support)\b",
                     re.IGNORECASE)
_PART = re.compile(r"\b(?:including|includes|included)\s+(?:some\s+|about\s+|around\s+)?$",
                   re.IGNORECASE)
_OF_THE_TOTAL = r"\)?\s+(?:of\s+(?:the|that|this)\s+(?:total|sum|money|package)\s+)?"
_WILL_PAY = re.compile(_OF_THE_TOTAL + r"(?:will|would|is\s+to|are\s+to|to|should)\s+"
                       r"(?:be\s+used\s+to\s+)?(?:pay|fund|finance|buy|purchase|cover)\b"
                       r"|" + _OF_THE_TOTAL + r"(?:will|would|is\s+to|are\s+to|should)\s+be\s+"
                       r"(?:spent|used)\s+(?:on|for)\b", re.IGNORECASE)
_NOT_ARMS = re.compile(r"[^.;]{0,80}?\brather\s+than\s+(?:weapons|arms|munitions)\b"
                       r"|[^.;]{0,60}?\bto\s+(?:help\s+)?(?:\w+\s+)?(?:moderni[sz]e|expand|build|upgrade)"
                       r"\s+(?:\w+\s+)?(?:plants|factories|lines|capacity|production)\b"
                       r"|[^.;]{0,60}?\bpays?\s+for\s+(?:[\w'\u2019]+\s+)?(?:budget|reconstruction"
                       r"|salaries|pensions)\b"
                       r"|[^.;]{0,60}?\b(?:all|most|much|nearly\s+all)\s+of\s+it\s+(?:\w+\s+)?"
                       r"(?:financial|humanitarian|economic|budget(?:ary)?)\b"
                       r"|(?:(?!\band\b)[^.;,]){0,40}?\b(?:to|would|will)\s+(?:\w+\s+)?(?:replenish|restock|refill"
                       r"|backfill)\b"
                       r"|[^.;]{0,12}?\b(?:in|of|for)\s+(?:\w+\s+)?(?:humanitarian|reconstruction"
                       r"|budget(?:ary)?|financial|economic|energy|macro-?financial|civilian)"
                       r"(?:\s+and\s+\w+)?\s+(?:aid|support|assistance|help)\b"
                       r"|[\s,)]*(?:for|on)\s+(?:its\s+own\s+|their\s+own\s+|national\s+)?"
                       r"(?:security\s+and\s+)?defen[cs]e\b(?![^.;,]{0,30}?\b(?:for|to)\s+(?:the\s+)?"
                       r"(?-i:[A-Z]))"  # (but "on defence support for Ukraine" is aid)
                       # (and "none of it for Ukraine", "for its army")
                       r"|[^.;]{0,80}?\bnone\s+of\s+(?:it|them|which)\s+(?:is\s+|was\s+)?for\b"
                       r"|[^.;]{0,60}?\bfor\s+(?:its|their)\s+(?:army|armed\s+forces|military|troops)\b"
                       r"|[^.;]{0,80}?\b(?:for|on)\s+(?:[A-Z]\w+['\u2019]s|its|their|the\s+(?:country|state"
                       r"|nation|government)['\u2019]s)\s+own\s+(?:(?:ammunition|arms|weapons)\s+)?"
                       r"(?:purchases|procurement|needs|army|artillery"
                       r"|forces|troops|defen[cs]e|stocks|use|military|armed\s+forces)\b"
                       r"|[\s,]*for\s+(?:the|a|its|a\s+new)\s+(?:new\s+)?(?:site|plant|factory"
                       r"|facility|production\s+line)\b", re.IGNORECASE)
_NOT_ARMS_BEFORE = re.compile(r"\b(?:(?:humanitarian|reconstruction|budget(?:ary)?|financial"
                              r"|economic|energy|civilian)(?:\s+and\s+\w+)?\s+(?:aid|support|assistance|help)"
                              r"|(?:budget|financing|funding)\s+(?:gap|deficit|shortfall|hole))\b"
                              r"[^.;]{0,40}$", re.IGNORECASE)
# money argued over or refused is no claim: "Congress is still arguing over a $61 billion
# package", "is refusing to sign off on an extra €3 billion package"
_ARGUED = re.compile(r"\b(?:argu(?:e|es|ed|ing)|debat(?:e|es|ed|ing)|wrangl(?:e|es|ed|ing)"
                     r"|refus(?:e|es|ed|ing)|holding\s+up|stuck)\b[^.;]*$", re.IGNORECASE)
# money still held up: "a $60 billion aid package remains stuck in Congress"
_STUCK_AFTER = re.compile(r"[^.;]{0,60}?\b(?:remains?|remained|is|was|are|were)\s+(?:still\s+)?"
                          r"(?:stuck|blocked|stalled|held\s+up)\b"
                          r"|[^.;]{0,100}?\bfaces?\s+an?\s+uncertain\b", re.IGNORECASE)
# a package's sum: "a $725 million drawdown package", "a €500m aid tranche"
_PACKAGE_NAMED = re.compile(r"\b(?:package|drawdown|tranche|top-?up)\b", re.IGNORECASE)
# a package not yet settled is not pledged by its name alone: "a proposed $3 billion
# package", "a package that could reach €5bn" (money in a sentence that argues over it is
# no claim at all: _ARGUED)
_UNSETTLED = re.compile(r"\b(?:argu(?:e|es|ed|ing)|debat(?:e|es|ed|ing)|stall(?:s|ed|ing)"
                        r"|block(?:s|ed|ing)|held\s+up|holding\s+up|propos(?:e|es|ed|ing)|could"
                        r"|might|(?-i:may))\b", re.IGNORECASE)
# money set aside: "$13.8 billion was set aside for Kyiv to buy weapons"
_SET_ASIDE = re.compile(r"[^,;]{0,20}?\b(?:was|were|has\s+been|have\s+been|had\s+been|is|are)\s+"
                        r"(?:also\s+)?(?:set\s+aside|earmarked|allocated|reserved)\s+for\b"
                        r"|\)?\s+of\s+[^.;,]{0,40}?\b(?:aid|support|money|funding)\s+(?:earmarked"
                        r"|set\s+aside|reserved)\s+for\b",
                        re.IGNORECASE)
_BOOKS = re.compile(r"\b(?:backlog|revenues?|sales|turnover|profits?|earnings|market\s+"
                    r"(?:value|cap\w*)|shares?\s+price|valuation|price\s+target|dividend)\b",
                    re.IGNORECASE)


def no_claim(ctx: Context, amount: Amount, verb: Verb | None) -> bool:
    """Money that counts no arms for anyone: a price ("at $35,000 apiece"), a firm's books
    ("its order backlog hit €55bn"), civilian aid or a state's own defence budget."""
    text, s, e = ctx.doc.text, ctx.sentence.start, ctx.sentence.end
    each_gave = verb is not None and verb.kind in ("give", "pledge") and not verb.noun and \
        re.match(r"\s+each\b", text[amount.end:e]) is not None and not re.search(
            r"\b(?:at|for)\s+(?:\w+\s+)?$", text[max(s, amount.start - 20):amount.start])
    price = (_PRICE.match(text, amount.end, e) or re.match(
        r"\s*(?:a|per)\s+share\b", text[amount.end:e], re.I) or re.search(
        r"\b(?:apiece|each)\s*$", text[amount.number_end:amount.end])) and not each_gave
    if price or re.search(r"\bcosts?\s+(?:\w+\s+){0,2}$", text[max(s, amount.start - 30):
                                                            amount.start]) or re.search(
            r"\b(?:sells?|sold|selling|buys?|bought|priced?)\s+(?:an?|one|each|every)\s+"
            r"[^.;]{0,40}?\b(?:for|at)\s+(?:about\s+|around\s+|roughly\s+|some\s+)?$",
            text[max(s, amount.start - 80):amount.start]) or re.search(
            r"\b(?:price|cost)s?\s+of\b[^.;]{0,80}?\b(?:at|is|was|of)\s+(?:about\s+|around\s+"
            r"|some\s+|roughly\s+)?$", text[max(s, amount.start - 120):amount.start]):
        return True  # "which cost about $2 million each": a price ("each pledged €1bn
        # each" is no price)
    if re.match(r"[^.;]{0,60}?\bto\s+all\s+(?:of\s+)?(?:its|their)\s+(?:customers|clients"
                r"|buyers)\b", text[amount.end:e], re.I):
        return True  # "exported goods worth about $170 million to all its customers"
    if re.search(r"\b(?:trade|turnover|commerce)\s+between\b|\bbilateral\s+trade\b"
                 r"|\bdefen[cs]e\s+(?:budget|spending)\b", text[max(s, amount.start - 80):
                                                           amount.start], re.I):
        return True  # "Trade between Turkey and Russia reached $57 billion", "a record
        # defence budget of 7.95 trillion yen, or about $56 billion": no arms for anyone
    if re.search(r"\b(?:licen[cs]ing|licen[cs]es?|royalt(?:y|ies)|subsid(?:y|ies|ised|ized))\b",
                 text[max(s, amount.start - 60):min(e, amount.end + 40)], re.I):
        return True  # "a licensing arrangement reportedly worth $1.75 billion", "received
        # $170 million in government subsidies": no arms for anyone
    if re.search(r"\b(?:wages?|salar(?:y|ies)|earnings|pensions?)\b[^.;,]{0,40}$",
                 text[s:amount.start], re.I):
        return True  # "The average gross wage has reached BGN 2 350 (about €1 200)"
    if _BOOKS.search(text[max(s, amount.start - 60):amount.start]) or re.search(
            r"\border\s+(?:books?|backlogs?|intake)\b|\bbook(?:s|ed|ing)?\s+(?:new\s+)?orders\b"
            r"|\bearnings\s+before\s+interest\b|\bEBITDA\b|\bvalue\s+(?:the\s+)?(?:company|group"
            r"|firm|business)\s+at\b", text[s:e], re.I) or re.search(
            r"\b(?:bought|acquired|purchased|took\s+over)\b[^.;]{0,30}\bfor\s+(?:about\s+|around\s+"
            r"|some\s+|roughly\s+|nearly\s+)?$", text[max(s, amount.start - 60):amount.start], re.I
            ) and re.search(r"\b(?:group|company|firm|maker|business|stake|subsidiary)\b",
                            text[s:amount.start], re.I):
        return True  # "its order backlog hit a record €55bn", "Rheinmetall (€55bn) has the
        # largest order book": a firm's books, not aid
    if re.search(r"\b(?:cut|reduced|slashed|lowered|trimmed|increased|raised|rose|fell)\s+by\s+"
                 r"(?:about\s+|some\s+|around\s+|roughly\s+)?$", text[s:amount.start], re.I):
        return True  # "Military support was cut by €2 billion": a change, not a sum given
    if re.search(r"\b(?:defen[cs]e|arms|military|weapons)(?:\s+and\s+aerospace)?\s+exports\b"
                 r"[^.;]{0,60}$", text[s:amount.start], re.I):
        return True  # "Turkey's defence and aerospace exports reached $5.5 billion": to all
    if re.search(r"\b(?:an?\s+|its\s+|the\s+)?investment\s+of\s+(?:about\s+|around\s+|some\s+"
                 r"|roughly\s+|more\s+than\s+|nearly\s+|almost\s+)?$",
                 text[max(s, amount.start - 40):amount.start], re.I):
        return True  # "financed with an investment of about $95 million": a plant's cost
    if _ARGUED.search(text, s, amount.start) or _STUCK_AFTER.match(text, amount.end, e):
        return True  # "Congress is still arguing over a $61 billion package": not yet given
    # "$2.3 billion in humanitarian and reconstruction aid", "413 billion euros for defence
    # over seven years": no arms for anyone
    return bool(_NOT_ARMS.match(text, amount.end, e) or
                _NOT_ARMS_BEFORE.search(text, s, amount.start))


def money_kind(ctx: Context, amount: Amount, verb: Verb | None, why: list[str],
               cues: set[str]) -> tuple[str, str] | None:
    """Money no verb gives or receives is pledged when it is a plan, package or aid ("a
    $2.3 billion package of military aid for Ukraine", "an aid package worth $1.2bn"), or
    when it will pay for goods ("the remaining $1.1 billion will pay for ammunition")."""
    text, e = ctx.doc.text, ctx.sentence.end
    if _WILL_SPEND.search(text, ctx.sentence.start, amount.start) and re.match(
            r"[^;]*?\b(?:for|on|into|in|to\s+(?:buy|purchase|pay|fund|finance))\s",
            text[amount.end:e]):
        why.append("pledge: money a party will spend or pay for goods")
        cues.update(("cue", "paid"))  # "spend" here uses nothing up
        return "pledge", ""
    if verb is not None and verb.kind == "consume":
        return None  # "of which €1.2 billion has been spent"
    if verb is None and ctx.intro is not None:
        why.append(f"{ctx.intro[0]}: a line of the list the line before introduces")
        return ctx.intro[0], ""
    later = [v for v in ctx.verbs if v.start >= amount.end and v.kind in ("give", "pledge")]
    named = _MONEY_PLEDGE.search(text, amount.number_end, min(e, amount.end + 30))
    for_someone = any(p.mention.start >= amount.end and p.prep in ("for", "to")
                      or p.prep == "with" and 0 <= p.mention.start - amount.end <= 20
                      for p in ctx.parties)  # ("a $200 million contract with Estonia")
    if named and (later or verb or for_someone):
        why.append("pledge: money for a plan, package or aid")
    elif _AID_WORTH.search(text, ctx.sentence.start, amount.start) or _PACKAGE_IN_OTHER.search(
            text, ctx.sentence.start, amount.start):
        why.append("pledge: the value of a package or aid")
    elif _PART.search(text, ctx.sentence.start, amount.start) and any(
            a.unit == amount.unit and a.end <= amount.start for a in ctx.amounts):
        why.append("pledge: a part of the package before it")
    elif _WILL_PAY.match(text, amount.end, e):
        why.append("pledge: money that will pay for goods")
    elif bracket_party(ctx, amount) is not None and _DONORS.search(ctx.sentence.text):
        why.append("pledge: a donor's sum in brackets after its name")
    else:
        return None
    cues.add("cue")
    return "pledge", ""


def bracket_party(ctx: Context, amount: Amount) -> str | None:
    """The party whose sum an amount in brackets right after its name is: "Germany
    (€12.6bn) and the UK (€10.1bn) remain the largest donors"."""
    text = ctx.doc.text
    if not re.fullmatch(r"\s*\(\s*", text[max(0, amount.start - 3):amount.start]) and \
            text[max(0, amount.start - 1):amount.start] != "(":
        return None
    opening = text.rfind("(", ctx.sentence.start, amount.start)
    return next((p.mention.code for p in ctx.parties
                 if p.mention.end <= opening and re.fullmatch(r"\s*", text[p.mention.end:opening])),
                None)


def package_pledge(ctx: Context, amount: Amount, verb: Verb | None, why: list[str],
                   cues: set[str]) -> bool:
    """Whether money is pledged because it is the sum of a package, drawdown or tranche
    ("a $725 million drawdown package on Dec. 2") or money set aside ("$13.8 billion was set
    aside for Kyiv"): not when a verb says it was given, nor while the package is unsettled
    ("could", "proposed", "stalled")."""
    text, e = ctx.doc.text, ctx.sentence.end
    if _BRINGS_TO.search(text, ctx.sentence.start, amount.start):
        why.append("pledge: the running total of commitments")
        cues.update(("cue", "total"))  # "brings" gives nothing: the total's verb is no flow
        return True  # "The package brings US commitments to more than $43 billion"
    given = verb is not None and verb.kind in ("give", "receive") and not verb.intent and \
        not verb.noun and not re.match(r"(?:came|come|went|arriv)", verb.text, re.I)
    if given or _UNSETTLED.search(ctx.sentence.text) or not (
            _PACKAGE_NAMED.search(text, amount.number_end, amount.end)
            or _SET_ASIDE.match(text, amount.number_end, e)):
        return False
    why.append("pledge: the sum of a package, or money set aside")
    cues.add("cue")
    return True
