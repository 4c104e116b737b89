"""What claim an amount makes, and the verb it depends on: the type (shipment, pledge,
estimate and its metric) from the verb, the unit, the rate and the words around it."""

from __future__ import annotations

import re
from dataclasses import replace

from .amounts import OTHER_CARGO, Amount, counts_goods
from .context import NEW_SUBJECT, Context, clause
from .makers import maker_output
from .money import money_kind, no_claim, package_pledge
from .percents import percent_kind
from .periods import PART_OF_BEFORE, SAME_PERIOD, period_rate
from .verbs import Verb, find_verbs

_STOCK = re.compile(r"\b(?:stocks?|stockpiles?|stockpiled|reserves?|inventor(?:y|ies)|arsenals?"
                   r"|(?:start(?:s|ed)?|beg[ia]n|begun|enter(?:s|ed)?)\s+the\s+(?:war|invasion)"
                   r"\s+with"
                    r"|left(?!\s+the\s+(?:\w+\s+)?(?:port|harbou?r)\b)|remaining|on\s+hand|ready\s+for\s+use"
                    r"|usable|serviceable|in\s+store|in\s+storage"
                   r"|(?:were|was|are|is)\s+down\s+to|ready\s+(?=missiles|rounds|shells|interceptors)"
                   r"|(?:came|went|entered|started|began)\s+(?:into\s+)?(?:this|the|last|that)\s+"
                   r"(?:year|winter|summer|spring|autumn|month)\s+with|depots?|warehouses?|in\s+reserve"
                    r"|hold(?:s|ing)?\s+back|held\s+back|still\s+(?:ha[sd]|have|holds?"
                    r"|held|possess(?:es)?))\b", re.IGNORECASE)
# what someone asks others to do is no claim: "urged allies to send", "calls on member states
# to deliver", "asked Washington for"
_DEMAND = re.compile(r"\b(?:(?:calls?|called|calling)\s+(?:on|upon)|urg(?:e|es|ed|ing)"
                     r"|ask(?:s|ed|ing)?|press(?:es|ed|ing)|begg?(?:s|ed|ing)?|implor(?:e|es|ed|ing)|appeal(?:s|ed"
                     r"|ing)?\s+to|demand(?:s|ed|ing)?\s+that"
                     # a sale turned down: "turned down a German request to sell 300,000 rounds"
                     r"|turn(?:s|ed|ing)?\s+down|reject(?:s|ed|ing)?|refus(?:es|ed|ing)"
                     r"|declin(?:es|ed|ing)|veto(?:es|ed|ing)?)\s+[^.;:,]{0,60}?\bto\s+$",
                     re.IGNORECASE)
# a request or plan refused: "... was also turned down"
_TURNED_DOWN = re.compile(r"[^.;,]{0,80}?\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+"
                          r"(?:also\s+|later\s+|quickly\s+)?(?:turned\s+down|rejected|refused"
                          r"|blocked|vetoed|denied)\b", re.IGNORECASE)
# a plan no one has agreed to: "has not been agreed", "was never approved"
_NOT_AGREED = re.compile(r"\b(?:has|have|had|was|were)\s+(?:not|never)\s+(?:yet\s+)?(?:been\s+)?"
                         r"(?:agreed|approved|adopted|endorsed|signed\s+off)\b", re.IGNORECASE)
# a target: "the government's target is", "the goal for next year is"
_TARGET = re.compile(r"\b(?:target|goal|aim|ambition|objective)s?\s+(?:for\s+[\w\s]{1,20}?\s+)?"
                     r"(?:is|was|are|were|will\s+be|stands\s+at)\s+(?:now\s+|set\s+at\s+)?$",
                     re.IGNORECASE)
# the value of trade: "Exports of chips to Russia were worth about $3.1 billion"
_TRADE_WORTH = re.compile(r"\b(?:exports|imports|shipments|deliveries|sales|supplies|transfers"
                          r"|trade)\b(?=[^.;]{0,90}?(?:worth|valued\s+at)\s+(?:\w+\s+)?[\d.,]+\s+"
                          r"(?:\w+\s+){0,2}\w+\s*\(\s*$)"
                          r"|\b(?:exports|imports|shipments|deliveries|sales|supplies|transfers"
                          r"|trade)\b"
                          r"[^.;]{0,90}?\b(?:were|was|are|is|had\s+been|have\s+been)\s+"
                          r"(?:\w+\s+)?(?:worth|valued\s+at)\s+(?:\w+\s+)?$"
                          # "ammunition exports from India to Italy rose to about $40 million"
                          r"|\b(?:ammunition|arms|munitions?|shells?|weapons?|explosives?|drones?"
                          r"|missiles?|components?|chips?|microelectronics|machine[\s\-]tools?)\s+"
                          r"(?:exports|imports|shipments|deliveries|sales|supplies|transfers)\b"
                          r"[^.;]{0,60}?\b(?:rose|grew|climbed|jumped|fell|dropped|came|amounted"
                          r"|increased|surged)\s+to\s+(?:\w+\s+)?$"
                          # "exports of microelectronics to Russia jumped to about $180 million"
                          r"|\b(?:exports|imports|re-exports|shipments|deliveries|sales)\s+of\s+"
                          r"[^.;]{0,60}?\b(?:(?:rose|grew|climbed|jumped|fell|dropped|came|amounted"
                          r"|increased|surged)\s+to|totall?ed|reached|hit)\s+(?:\w+\s+)?$"
                          # "The consignments were worth roughly $3.1 million"
                          r"|\b(?:consignments|cargoes|cargos|shipments)\s+(?:were|was|had\s+been)\s+"
                          r"(?:\w+\s+)?(?:worth|valued\s+at)\s+(?:\w+\s+)?$", re.IGNORECASE)
# goods still to come: "are due in Ukraine by", "is expected by the summer"
_DUE = re.compile(r"\s+(?:are|is)\s+(?:now\s+|still\s+)?(?:due|expected|scheduled|set\s+to\s+arrive"
                  r"|to\s+be\s+delivered)\b", re.IGNORECASE)
# a count someone kept: "the air force counted some 2,800 of them", "monitors recorded 900"
_COUNTED = re.compile(r"\b(?:counted|recorded|registered|tallied|logged|documented|tracked"
                      r"|reported)\s+(?:\w+\s+){0,1}$", re.IGNORECASE)
# goods destroyed, or only needed, supply no one
# one unit's figure, not a state's: "a battalion equipped with Caesars fires 4,000 rounds"
_ONE_UNIT = re.compile(r"(?:^|[,;:]\s+|\b(?:that|which)\s+)(?:a|one|each|every|the\s+average)\s+"
                       r"(?:single\s+)?(?:battalion|brigade|battery|crew|gun|howitzer|unit"
                       r"|platoon|squad)\b[^.;]{0,60}$", re.IGNORECASE)
_NO_SUPPLY = re.compile(r"\b(?:destroy(?:s|ed|ing)?|blew\s+up|blown\s+up|burn(?:ed|t)|wiped\s+out"
                        # what air defence stopped: "shot down or suppressed about 2,600"
                        r"|shot\s+down|shoot(?:s|ing)?\s+down|intercept(?:s|ed|ing)?|down(?:s|ed|ing)"
                        r"|suppress(?:es|ed|ing)?"
                        r"|jamm(?:ed|ing)|neutrali[sz](?:es|ed|ing)"
                        r"|need(?:s|ed)?|require[sd]?|would\s+need|a\s+need\s+(?:of|for))\s+"
                        r"(?:[\w\-]+\s+){0,3}$"
                        # the size of one attack: "massed strikes of several hundred drones"
                        r"|\b(?:strikes?|attacks?|salvos?|waves?|raids?|barrages?)\s+of\s+"
                        r"(?:up\s+to\s+|some\s+|about\s+|around\s+)?$"
                        r"|\b(?:found|identified|located|tracked\s+down)\s+(?:some\s+|about\s+|around\s+"
                        r"|roughly\s+|more\s+than\s+|over\s+|at\s+least\s+)?$", re.IGNORECASE)
_LOST_AFTER = re.compile(r"\s+(?:were|was|had\s+been|have\s+been)\s+(?:\w+\s+)?(?:shot\s+down"
                         r"|intercepted|downed|destroyed|jammed|lost|killed|wounded|injured"
                         r"|captured)\b", re.IGNORECASE)
# a choice not yet made: "deliberations over whether to sell 330,000 rounds"
_WHETHER = re.compile(r"\bwhether\s+(?:or\s+not\s+)?to\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# what a source puts a rate or stock at: "put Ukraine's monthly use of 155mm shells at"
_PUT_AT = re.compile(r"\b(?:put(?:s|ting)?|estimat(?:e|es|ed|ing))\s+(?:[\w'\u2019]+\s+){0,3}?"
                     r"(?P<adv>daily|weekly|monthly|annual|yearly)?\s*(?P<what>use|consumption"
                     r"|firing|output|production|stocks?|stockpile)\s+of\s+[^.;]{0,60}?\bat"
                     r"\s+(?:\w+\s+)?$"
                     # output to be raised to a level: "lift its output of 120mm rounds to"
                     r"|\b(?:rais(?:e|es|ed|ing)|lift(?:s|ed|ing)?|boost(?:s|ed|ing)?|increas(?:e|es"
                     r"|ed|ing)|expand(?:s|ed|ing)?|doubl(?:e|es|ed|ing)|tripl(?:e|es|ed|ing)|ramp(?:s"
                     r"|ed|ing)?\s+up)\s+(?:[\w'\u2019]+\s+){0,2}?(?P<adv2>daily|weekly|monthly"
                     r"|annual|yearly)?\s*(?P<what2>output|production)(?:\s+of\s+[^.;]{0,60}?)?\s+to"
                     r"\s+(?:\w+\s+)?$"
                     # in the passive: "Ukraine's monthly use of shells was estimated at"
                     r"|\b(?P<adv3>daily|weekly|monthly|annual|yearly)?\s*(?P<what3>use|consumption"
                     r"|firing|output|production|stocks?|stockpile)\s+of\s+[^.;]{0,60}?\s(?:was|were"
                     r"|is|are|has\s+been|had\s+been)\s+(?:put|estimated|reckoned|assessed|pegged)"
                     r"\s+at\s+(?:\w+\s+)?$", re.IGNORECASE)
# output said to be yearly before its verb: "annual production capacity for ... should reach"
_ANNUAL = re.compile(r"\b(?:annual|yearly)\s+(?:production|output|capacity|manufacturing)\b",
                     re.IGNORECASE)
# goods paid for: "has the money for 500,000 more", "have funding in place to buy 300"
_FUNDED = re.compile(r"\b(?:has|have|had|having|found|secured|raised)\s+(?:\w+\s+){0,2}?(?:the\s+)?"
                     r"(?:money|funding|funds|cash|financing)\s+(?:\w+\s+){0,2}?(?:for|to\s+(?:buy"
                     r"|purchase|pay\s+for|order))\s+(?:(?:another|a\s+further|an\s+extra)\s+)?$",
                     re.IGNORECASE)
# a quantity a party holds or has: "holds fewer than 15,000 rounds", "had about 15 million"
# (not what a carrier or a package holds: "those containers held 8 million rounds")
_HELD = re.compile(r"(?<!package\s)(?<!tranche\s)\b(?:built\s+up\s+(?:a\s+)?(?:reserve|stock"
                   r"(?:pile)?)\s+of|holds?|held|holding|possess(?:es|ed)?|has"
                   r"|had|have|sits?\s+on|sat\s+on|is\s+sitting\s+on|(?:came|went|entered|started"
                   r"|began)\s+(?:into\s+)?(?:this|the|last|that)\s+(?:year|winter|summer|spring"
                   r"|autumn|month)\s+with)\s+(?:now\s+|still\s+|only\s+"
                   r"|just\s+|back\s+)*$", re.IGNORECASE)
_COMING = re.compile(r"[^,;.]{0,40}?\b(?:delivered|sent|shipped|supplied|handed\s+over|coming"
                     r"|due|on\s+order|arriving|promised|pledged)\b", re.IGNORECASE)
_CARRIERS = re.compile(r"\b(?:containers?|ships?|vessels?|trains?|wagons?|cargo(?:es)?"
                       r"|consignments?|shipments?|crates?|boxes|trucks?|lorr(?:y|ies)|planes?|flights?|packages?"
                       r"|tranches?)\b[^,;]{0,30}$", re.IGNORECASE)
_ADD_UP = re.compile(r"\b(?:shipments?|deliveries|transfers?|cargo(?:es)?|consignments?)\b"
                     r"[^.;]{0,40}?"
                     r"\b(?:add(?:s|ed)?\s+up\s+to|amount(?:s|ed)?\s+to|total(?:s|led|ed)?"
                     r"|c(?:o|a)me\s+to)\s+(?:[\w\-]+\s+){0,2}$", re.IGNORECASE)
_THE_FIGURE_WAS = re.compile(r"\b(?:the|that)\s+(?:revised\s+|corrected\s+|new\s+|final\s+"
                             r"|updated\s+)?(?:figure|number|total|tally|count)\s+(?:for\s+"
                             r"(?:19|20)\d\d\s+)?(?:was|is|stood\s+at|came\s+to)\s+(?:\w+\s+){0,2}$",
                             re.IGNORECASE)  # ("The revised count for 2023 is about 70,000")
# goods a state buys from or sends to its own: "from domestic firms", "to the front"
# a participle right after an amount: "N were distributed", "N supplied to it", "N used
# annually by" (not "N to be used at the front")
# a participle that says where goods come from: "155mm rounds made in Serbia have been ..."
_ORIGIN = re.compile(r"\s(?:made|built|produced|manufactured)\s+(?:in|by)\s+(?:the\s+)?(?-i:[A-Z])"
                     r"[\w\-]*(?:\s+(?-i:[A-Z])[\w\-]*)?(?=\s)", re.IGNORECASE)
_ORIGIN_AFTER = re.compile(r"\s+(?:in|by)\s+(?:the\s+)?(?-i:[A-Z])\w+"
                           r"(?:\s+(?-i:[A-Z])\w+)?\s+(?:(?:have|has|had|were|was|are|is)\b|,)",
                           re.IGNORECASE)
_ATTACHED = re.compile(r"^\s*(?:of\s+[\w\-]+(?:\s+[\w\-]+){0,2}\s*)?"
                       r"(?:(?:artillery|ammunition|shells?|rounds?|missiles?|drones?)\s+){0,2}"
                       # "from that scheme", "from Nonnweiler": "40,000 mortar bombs from
                       # Nonnweiler have reached Ukraine"
                       r"(?:(?:from|under)\s+(?:(?:that|the|this|its|their)\s+[\w\-]+"
                       r"|(?-i:[A-Z])[\w\-]*(?:\s+(?-i:[A-Z])[\w\-]*)?)\s+)?"
                       r"(?:,[^,;]{1,80},\s*|,\s*(?=$))?"
                       r"(?:or\s+so\s+)?"  # "900 tonnes or so were shipped"
                       r"(?:(?:a|per|each|every)\s+(?:day|night|week|month|year)\s+)?"  # "100 a day
                       # land on our positions"
                       # "N that were sent"
                       r"(?:(?:that|which)\s+(?=(?:were|was|had|have|has)\s))?"
                       r"(?:(?:were|was|are|is|have|has|had|been|being|be|will|would|could|should|might|may|to"
                       r"|\w+ly|also|already|still|now|then|just|only)\s+){0,4}$", re.IGNORECASE)
# a share of goods of every kind: "1% of the ammunition", "a third of its arms imports"
# a relative clause after goods: "40 Iranian drones that, officials say, Russia launched"
_RELATIVE = re.compile(r"^[\s,]*(?:(?:that|which)\s+)?(?:[\w\-]+\s+(?:say|said|says|believe)"
                       r"\s+)?(?:that\s+)?(?:the\s+)?[\w\-\u2019']+(?:\s+[\w\-\u2019']+)?\s+"
                       r"(?:has\s+|had\s+|have\s+)?(?:(?:already|also|now|recently|previously)\s+)?$",
                       re.IGNORECASE)



# a line that opens with its figure: "- 12 million - artillery shells North Korea has sent"
_BULLET_OPENS = re.compile(r"\s*(?:[\-\u2022*\u2013\u2014\u25aa\u25cf]|\d{1,2}[.)])\s+"
                           r"(?:about\s+|some\s+|more\s+than\s+|over\s+|up\s+to\s+|nearly\s+"
                           r"|almost\s+)?\d")

# who paid for goods: "has already paid for", "funded", "financed", "bought"
_PAID = re.compile(r"pa(?:id|ys?)|fund|financ|bought", re.IGNORECASE)

_DASH_AFTER = re.compile(r"\s+[\-\u2013\u2014:]\s|:\s")  # ("- 700,000: artillery rounds")


def governing(ctx: Context, amount: Amount) -> Verb | None:
    """The verb an amount depends on: the nearest before it in its clause, or a passive
    participle after it ("N were distributed", "N supplied to it by X")."""
    before = [v for v in ctx.verbs if v.end <= amount.start and not boundary(
        ctx.doc.text[v.end:amount.start])]
    after = [v for v in ctx.verbs if v.start >= amount.end and v.start - amount.end < 100
             and not (v.kind == "produce" and _ORIGIN_AFTER.match(ctx.doc.text, v.end))
             and _ATTACHED.match(_ORIGIN.sub("", ctx.doc.text[amount.end:v.start]))
             and (not ctx.doc.text[amount.end:v.start].strip().endswith(",") or
                  v.text.lower().endswith(("ed", "sent", "made", "given", "sold", "brought")))
             and (v.kind in ("give", "consume") or v.kind == "produce" and amount.per
                  or v.kind in ("pledge", "produce") and not ctx.doc.text[amount.end:v.start]
                  .strip())]  # "the 1 million shells promised", "3 million shells produced"
    if not before and _BULLET_OPENS.match(ctx.sentence.text) and \
            _DASH_AFTER.match(ctx.doc.text, amount.number_end, amount.end) and \
            min((a.start for a in ctx.amounts), default=amount.start) == amount.start:
        line_verbs = [v for v in ctx.verbs if v.start >= amount.end and not v.noun
                      and v.kind != "produce"]
        if line_verbs:  # "- 12 million - artillery shells North Korea is believed to have
            return line_verbs[0]  # sent Russia since August 2023": a line of figures
    if after and amount.kind == "elliptic" and not ctx.doc.text[amount.end:after[0].start].strip():
        return after[0]  # "compared with about 25,000 sent to Ukraine in 2024"
    if after and after[0].kind == "pledge" and _PAID.match(after[0].text):
        then = next((v for v in ctx.verbs if v.start > after[0].end and v.kind == "give"
                     and v.passive and re.fullmatch(
                         r"\s+by\s+[^,;.]{1,50}?\s+(?:have|has|had|were|was)\s+(?:already\s+)?"
                         r"(?:been\s+)?", ctx.doc.text[after[0].end:v.start])), None)
        if then is not None:
            return then  # "200 long-range drones paid for by the Netherlands have been
            # delivered since August": delivered
    if after and before and before[-1].kind == "pledge" and after[0].kind == "give" and \
            not ctx.doc.text[amount.end:after[0].start].strip() and \
            after[0].text.lower().endswith(("ed", "sent")) and re.match(
                r"[^.;]{0,60}?\b(?:since|so\s+far|to\s+date|already|last\s+(?:year|month|week))\b",
                ctx.doc.text[after[0].end:ctx.sentence.end], re.IGNORECASE):
        return after[0]  # "has already paid for about 2,000 drones delivered to Ukraine
        # since June": delivered, not still to come
    if after and before and before[-1].kind in ("give", "receive") and not before[-1].noun \
            and re.search(r"\b(?:which|that)\s", ctx.doc.text[amount.end:after[0].start]):
        return before[-1]  # "delivered 100 missiles, ..., which have been fired at Kyiv"
    if after and (after[0].passive or not before or after[0].kind == "pledge" or re.match(
            r"\s+(?:have|has|had)\s+(?:\w+ly\s+|already\s+|also\s+)?$",
            ctx.doc.text[amount.end:after[0].start])):  # "about 150 have arrived from Iran"
        return after[0]  # "N were distributed", "the 1 million shells promised last March"
    relative = [v for v in ctx.verbs if v.start >= amount.end and not v.noun
                and _RELATIVE.match(ctx.doc.text[amount.end:v.start])]
    if amount.origin is not None and relative and relative[0].kind == "consume":
        return relative[0]  # "40 Iranian drones officials say Russia launched"
    pledged = [v for v in relative if v.kind == "pledge" or v.intent and v.kind in ("give",
                                                                                   "receive")]
    given = [v for v in relative if v.kind == "give" and not v.intent]
    if given and not before and re.search(r"\b(?:the|those|these)\s+(?:\w+\s+){0,2}$",
                                          ctx.doc.text[max(0, amount.start - 30):amount.start]):
        return given[0]  # "the more than 30,000 rounds Canada has already provided"
    if pledged and (not any(v.kind in ("give", "receive") for v in before[-1:]) or re.search(
            r"\b(?:against|compared\s+with|of)\s+(?:the|those|these)\s+$",
            ctx.doc.text[max(0, amount.start - 30):amount.start], re.I)):
        return pledged[0]  # "the one million rounds the bloc had promised to deliver", "...
        # handed Ukraine 800,000 rounds so far, against the two million shells the bloc
        # promised to deliver in 2025"
    return before[-1] if before else None


def boundary(between: str) -> bool:
    """A clause of its own between a verb and an amount: "; ", ", but", "while", ", and
    the European Union has ..." (a new subject)."""
    return ";" in between or bool(re.search(
        r",\s+(?:but|while|whereas|when)\b|\bwhile\b|,\s+(?:and|but)\s+(?:the\s+)?(?:[A-Z][\w'\-]*"
        r"\s+){1,4}(?:has|have|had|is|are|was|were|will|would|said|says)\b", between)
        or NEW_SUBJECT.search(between))


def kind_of(ctx: Context, amount: Amount, verb: Verb | None, why: list[str], cues: set[str]
          ) -> tuple[str, str] | None:
    """(type, metric) of the claim an amount makes, or None when it makes none."""
    text, s, e = ctx.doc.text, ctx.sentence.start, ctx.sentence.end
    around = clause(text, s, e, amount)
    if amount.unit == "percent" and OTHER_CARGO.match(text[amount.end:e]):
        return None  # "roughly 40 percent of its diesel": no munitions
    if amount.unit == "percent":
        return percent_kind(ctx, amount, around, why, cues)
    if ctx.parts is not None and amount.per in (None, ctx.parts[1]) and \
            amount.unit in ("units", "rounds") \
            and (verb is None or verb.kind == "consume"):
        ctx.rates[amount.start] = ctx.parts[1]
        why.append(f"{ctx.parts[0].replace('_', ' ')}: a part of the figure the list breaks "
                   f"down, per {ctx.parts[1]}")
        cues.update(("cue", "alongside"))
        return "estimate", ctx.parts[0]
    if verb is None and ctx.intro is not None and re.search(
            r"\bfrom\s+(?:[\w\-]+\s+){0,4}(?:stocks|stockpiles|depots|reserves)\b",
            text[amount.end:e], re.I):  # "- 800,000 rounds from Canadian Armed Forces
        why.append(f"{ctx.intro[0]}: a line of the list the line before introduces")  # stocks;"
        return ctx.intro[0], ""
    put = _PUT_AT.search(text, s, amount.start)
    if put is not None:
        what = (put["what"] or put["what2"] or put["what3"]).lower()
        adv = put["adv"] or put["adv2"] or put["adv3"]
        metric = {"use": "consumption_rate", "consumption": "consumption_rate", "firing":
                  "consumption_rate", "stock": "stock", "stocks": "stock", "stockpile": "stock"
                  }.get(what, "production_rate")
        if metric != "stock" and adv:
            ctx.rates[amount.start] = {"daily": "day", "weekly": "week", "monthly": "month"}.get(
                adv.lower(), "year")
        elif metric != "stock" and amount.per is None:
            per = period_rate(ctx, amount)  # "puts Russia's output of shells last year at"
            if per is not None:
                ctx.rates[amount.start] = per
        why.append(f"{metric.replace('_', ' ')}: what '{put.group(0).strip()}' puts it at")
        cues.add("cue")
        return "estimate", metric  # "One chart put Ukraine's monthly use of 155mm shells at
        # roughly 110,000 rounds"
    if _NO_SUPPLY.search(text, max(s, amount.start - 50), amount.start) or \
            _LOST_AFTER.match(text, amount.end, e) or verb is not None and (_ONE_UNIT.search(
                text[s:verb.start]) is not None or _WHETHER.search(
                text, max(s, verb.start - 40), verb.start) is not None):
        return None  # "destroyed as much as 30,000 tonnes", "they need 200,000 shells a month",
        # "of which 38 were shot down"
    if amount.unit in ("EUR", "USD") and no_claim(ctx, amount, verb):
        return None  # a price, a firm's books, civilian aid or a defence budget
    if amount.unit in ("EUR", "USD") and package_pledge(ctx, amount, verb, why, cues):
        return "pledge", ""  # "a $725 million drawdown package on Dec. 2"
    if _NOT_AGREED.search(around) and (verb is None or verb.intent or verb.kind == "pledge"):
        return None  # "A proposal ... to supply up to 2 million more rounds ... has not been
        # agreed": no one has pledged it (in the amount's clause, of what is still to come)
    if verb is not None and re.search(r"\b(?:refus|reject|declin|veto|block)\w*\s+to\s+(?:let|allow"
                                      r"|permit)\s+(?:[\w\-]+\s+){1,3}$",
                                      text[max(s, verb.start - 60):verb.start], re.I):
        return None  # "refused to let Germany pass on 12,400 Swiss-made rounds"
    if re.search(r"\b(?:takes?|took|taking|needs?|needed|requires?|required)\s+(?:\w+\s+){0,2}$",
                 text[max(s, amount.start - 25):amount.start], re.I) and re.match(
            r"[^.;]{0,20}?\bto\s+(?:bring\s+down|shoot\s+down|destroy|down|kill|hit|stop)\b",
            text[amount.end:e], re.I):
        return None  # "It can take dozens of rounds to bring down a single drone": per target
    if verb is not None and verb.kind == "give" and re.match(
            r"[^.;,]{0,30}?\b(?:abroad|overseas)\b", text[amount.end:e]) and not any(
            p.prep in ("to", "for", "into") and p.mention.start > amount.end for p in ctx.parties):
        return None  # "China shipped 50,000 drones abroad last year": to no one named
    if _TURNED_DOWN.match(text, amount.end, e):
        return None  # "A request to buy hundreds of thousands of rounds was turned down"
    if verb is not None and _DEMAND.search(text, max(s, verb.start - 90), verb.start):
        return None  # "calls on member states to deliver 1.5 million more rounds": asked for
    if amount.unit in ("EUR", "USD"):
        amount = replace(amount, per=None)  # money is pledged or delivered, not fired
    elif amount.per is None and verb is not None and verb.kind == "consume" and \
            amount.origin is not None and amount.origin not in _users(ctx, verb):
        why.append(f"shipment: goods from {amount.origin} that were '{verb.text}' had been "
                   "delivered (at least these)")
        cues.update(("verb", "used"))
        return "shipment", ""
    held = _HELD.search(text, max(s, amount.start - 30), amount.start)
    if held is not None and re.search(r"\b(?:can|could|would|may|might)\s+(?:\w+\s+)?$",
                                      text[max(s, held.start() - 20):held.start()], re.I):
        return None  # "a full battery can hold up to 72 missiles": what it could hold
    if held is not None and _COMING.match(text, amount.end, e):
        held = None  # "Ukraine had 10,000 shells delivered", "has 500,000 shells coming"
    if held is not None and amount.unit not in ("EUR", "USD", "containers") and not \
            _CARRIERS.search(text, max(s, held.start() - 40), held.start()):
        why.append("stock: a quantity held")
        cues.add("cue")
        return "estimate", "stock"  # "the army now holds fewer than 15,000 rounds of its own"
    same = _like_before(ctx, amount)
    if same is not None:  # "together with more than 150 missiles", "That compares with
        what = (same[1] or same[0]).replace("_", " ")  # about 30,000 rounds"
        why.append(f"{what}: '{same[2]}' the figure before")
        cues.update(("cue", "alongside"))
        if ctx.doc.last_figure is not None and ctx.doc.last_figure.per is not None:
            ctx.rates[amount.start] = ctx.doc.last_figure.per
        return same[0], same[1]
    money = amount.unit in ("EUR", "USD")
    output = maker_output(ctx, amount, verb, why, cues) if not money else None
    if output is not None:
        return output
    earlier = [per for at, per in sorted(ctx.rates.items()) if at < amount.start]
    figure = ctx.doc.last_figure
    if not money and amount.per is None and verb is not None and verb.kind in (
            "produce", "consume") and not earlier and counts_goods(figure) and \
            figure.per is not None and ctx.doc.last is not None and ctx.doc.last[1] in (
                "production_rate", "consumption_rate") and SAME_PERIOD.search(
                text, amount.end, e):  # "Ukraine, by contrast, fired fewer than 2 million
        amount = replace(amount, per=figure.per)  # shells in the same year"
        ctx.rates[amount.start] = figure.per
        cues.add("alongside")
        why.append(f"rate: over the same period as the figure before, per {figure.per}")
    if not money and amount.per is None and verb is not None and verb.kind in (
            "produce", "consume") and earlier and re.search(
                r"\bof\s+(?:them|those|these|which)\b", text[max(s, amount.start - 12):amount.end],
                re.IGNORECASE):  # "made 2 million drones in 2024, and some 6,000 of them were"
        amount = replace(amount, per=earlier[-1])
        ctx.rates[amount.start] = earlier[-1]
        cues.add("alongside")  # its period is the figure's before
        why.append(f"rate: a part of the figure before, per {earlier[-1]}")
    if not money and amount.per is None and verb is not None and verb.kind in (
            "produce", "consume") and (not verb.noun or verb.text.lower().startswith(
            ("production", "output"))):
        per = period_rate(ctx, amount)
        annual = _ANNUAL.search(text, max(s, verb.start - 80), verb.start)
        if per is None and verb.kind == "produce" and annual is not None:
            per = "year"  # "annual production capacity for artillery ammunition should reach"
        if per is None and verb.kind == "produce" and re.search(
                r"\bby\s+the\s+end\s+of\s+(?:the|this)\s+year\b", text[amount.end:e], re.I):
            per = "year"  # "will have made more than 1.5 million drones by the end of the year"
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
        last = ctx.doc.last
        if (verb is None and amount.kind == "elliptic" or verb is not None and re.match(
                r"reach|hit", verb.text, re.I)) and last is not None and last[1] in (
                "production_rate", "consumption_rate"):
            why.append(f"{last[1]}: the figure of the estimate before")
            return last
        aimed = _aimed_output(ctx, amount, verb)
        if aimed is not None:
            why.append(f"production rate: an aim ('{aimed}') with 'per {amount.per}'")
            cues.add("cue")
            return "estimate", "production_rate"
        return _rate_cue(ctx, amount, verb, why, cues)
    last, figure = ctx.doc.last, ctx.doc.last_figure
    if verb is not None and verb.kind == "give" and not verb.noun and re.match(
            r"reach|hit", verb.text, re.I) and amount.kind == "elliptic" and last is not None \
            and last[1] in ("production_rate", "consumption_rate") and counts_goods(figure) \
            and figure.per is not None and figure.unit == amount.unit:
        per = period_rate(ctx, amount) or figure.per
        ctx.rates[amount.start] = per
        why.append(f"{last[1].replace('_', ' ')}: the level '{verb.text}' for the figure "
                   f"before, per {per}")
        cues.add("cue")
        return last  # "produced about 120,000 rockets in 2024, and the plan is to reach
        # 180,000 this year"
    if verb is not None and verb.kind in ("give", "receive") and amount.kind == "elliptic" \
            and verb.end <= amount.start and (expected := _EXPECTED.search(
                text, verb.end, amount.start)) is not None:
        why.append(f"pledge: '{expected.group(0)}' more of what was '{verb.text}'")
        cues.add("verb")
        return "pledge", ""  # "has delivered 524,000 so far, and expects to pass 1.1 million"
    if verb is not None and verb.kind == "pledge" and not verb.intent and \
            _PAID.match(verb.text) and re.match(
            r"\s+(?:that|which)\s+(?:have\s+|has\s+|had\s+)?(?:already\s+|since\s+)?(?:reached"
            r"|arrived|been\s+delivered|were\s+delivered|was\s+delivered)\b"
            r"|[^.;]{0,50}?\band\s+(?:were\s+|have\s+been\s+)?(?:delivered|handed\s+over|sent)\b"
            r"[^.;]{0,60}?\b(?:since|so\s+far|to\s+date)\b"
            r"|\s+delivered\s+to\s+[^.;,]{1,40}?\s+in\s+(?:the\s+)?(?:(?:first|second)\s+half\s+of\s+|"
            r"(?:first|second|third|fourth|last)\s+quarter\s+of\s+)?(?:19|20)\d\d\b",
            text[amount.end:e],
            re.I):  # (or "shells made in Ukraine and delivered to the army since August")
        why.append(f"shipment: goods '{verb.text}' that have arrived")
        cues.add("verb")
        return "shipment", ""  # "funding had paid for some 4,000 155mm shells that reached
        # Ukraine in 2024"
    if verb is not None and verb.kind in ("give", "receive", "pledge") and (
            verb.intent or verb.kind == "pledge"):
        why.append(f"pledge: '{_context(text, verb)}'")
        cues.add("verb")
        return "pledge", ""
    if not money and _FUNDED.search(text, max(s, amount.start - 60), amount.start):
        why.append("pledge: goods there is money for")
        cues.add("cue")
        return "pledge", ""  # "they have money for around 800,000 more in 2025"
    if _STOCK.search(around) and (verb is None or verb.kind not in ("give", "receive")) and \
            amount.unit not in ("EUR", "USD"):
        why.append("stock: a quantity held")
        cues.add("cue")
        return "estimate", "stock"
    if amount.unit in ("EUR", "USD") and _TRADE_WORTH.search(text, s, amount.start) and (
            verb is None or verb.noun or verb.start < amount.start):
        why.append("shipment: what exports or deliveries were worth")
        cues.add("cue")
        return "shipment", ""  # "Exports of such components from China to Russia were worth
        # about $3.1 billion in 2024"
    if amount.unit in ("EUR", "USD") and verb is not None and verb.kind == "give" and \
            verb.text.lower().endswith("ing") and re.search(
                r"\b(?:is|are)\s+(?:also\s+|now\s+)?$", text[max(s, verb.start - 20):verb.start]):
        why.append(f"pledge: money '{verb.text}' (being given)")
        cues.add("verb")
        return "pledge", ""  # "the EU has committed €18.1bn, while the US is providing $20bn"
    if verb is not None and verb.kind in ("give", "receive") and not verb.intent and \
            verb.end <= amount.start and _TO_COME.match(text, amount.end, e) and not any(
                a.start > amount.end and a.end <= amount.end + 90 for a in ctx.amounts):
        why.append(f"pledge: '{verb.text}', still to be delivered")
        cues.add("verb")
        return "pledge", ""  # "had bought EUR30 million worth of shells for Ukraine, to be
        # delivered by the end of March"
    if amount.unit in ("EUR", "USD") and verb is not None and verb.kind in ("give", "receive") \
            and not verb.noun and not verb.intent:
        why.append(f"shipment: '{verb.text}' (goods counted by their value)")
        cues.add("verb")
        return "shipment", ""
    if amount.unit in ("EUR", "USD"):
        return money_kind(ctx, amount, verb, why, cues)
    if verb is not None and verb.kind == "give" and verb.noun and re.match(
            r"\s+of\s+(?:(?:a|an|the|another|further|more|additional|some|about|around|up\s+to"
            r"|nearly|roughly)\s+)*$", text[verb.end:amount.start], re.I) and (
            announced := _ANNOUNCED.search(text, max(s, verb.start - 40), verb.start)):
        why.append(f"pledge: '{announced.group(0).strip()} {verb.text} of' goods")
        cues.add("verb")
        return "pledge", ""  # "Paris announced the dispatch of 40 SCALP missiles"
    if verb is not None and verb.kind == "give" and verb.noun and not verb.intent and \
            re.match(r"\s+of\s+", text[verb.end:amount.start]) and \
            amount.start - verb.end < 120 and re.search(
                r"^[^;]{0,60}?\bfrom\s+(?:the\s+)?[A-Z]", text[amount.end:e]) and not \
            re.search(r"\b(?:expected|due|scheduled|planned|will|would|should)\b",
                      text[amount.end:e]):
        why.append(f"shipment: '{verb.text} of' goods from a supplier")
        cues.add("verb")
        return "shipment", ""  # "records deliveries of 1.9 million rounds from the US"
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
    if verb is None and ctx.intro is not None:
        why.append(f"{ctx.intro[0]}: a line of the list the line before introduces")
        return ctx.intro[0], ""
    if verb is None and _DUE.match(text, amount.end, e) and ctx.doc.last_amount is not None:
        why.append("pledge: goods due, of those before")
        cues.add("cue")
        return "pledge", ""  # "The first 1,000 of those are due in Ukraine by the end of
        # this year"
    if verb is None and ctx.doc.last in (("estimate", "production_rate"),
                                         ("estimate", "consumption_rate")) and \
            counts_goods(ctx.doc.last_figure) and ctx.doc.last_figure.per is not None and \
            ctx.doc.last_figure.unit == amount.unit and _COUNTED.search(
                text, max(s, amount.start - 30), amount.start):
        per = amount.per or period_rate(ctx, amount) or ctx.doc.last_figure.per
        ctx.rates[amount.start] = per
        why.append(f"{ctx.doc.last[1]}: a count of the goods of the estimate before, per {per}")
        cues.add("cue")
        return ctx.doc.last  # "In January alone, the air force counted some 2,800 of them"
    if verb is None and ctx.doc.last == ("estimate", "production_rate") and \
            ctx.doc.last_figure is not None and ctx.doc.last_figure.per is not None and \
            ctx.doc.last_figure.unit == amount.unit and _TARGET.search(
                text, max(s, amount.start - 40), amount.start) and not any(
                p.prep in ("for", "to") for p in ctx.parties):
        per = period_rate(ctx, amount) or ctx.doc.last_figure.per
        ctx.rates[amount.start] = per
        why.append(f"production rate: the target for the output before, per {per}")
        cues.add("cue")
        return "estimate", "production_rate"  # "made 1.2 million drones in 2024. For 2025
        # the government's target is 4.5 million"
    if verb is None and ctx.doc.last is not None and ctx.doc.last[0] in ("shipment", "pledge") \
            and _THE_FIGURE_WAS.search(text, max(s, amount.start - 40), amount.start):
        why.append(f"{ctx.doc.last[0]}: the figure of the claim before")
        return ctx.doc.last  # "... since 2023. In September alone the figure was 10,000 tonnes"
    if verb is None and _ADD_UP.search(text, max(s, amount.start - 80), amount.start):
        why.append("shipment: what the shipments add up to")
        cues.add("cue")
        return "shipment", ""  # "the shipments add up to between 4 and 8 million shells"
    if verb is None and ctx.doc.last is not None and ctx.doc.last[0] in ("shipment", "pledge") \
            and PART_OF_BEFORE.match(ctx.sentence.text):
        why.append(f"{ctx.doc.last[0]}: a part of the claim before")
        return ctx.doc.last
    if verb is None and ctx.doc.last in (("estimate", "production_rate"),
                                         ("estimate", "consumption_rate")) and \
            PART_OF_BEFORE.match(ctx.sentence.text) and counts_goods(ctx.doc.last_figure) and \
            ctx.doc.last_figure.per is not None and amount.per is None and not re.search(
                r"\b(?:shot\s+down|intercepted|destroyed|downed|suppressed|jammed|lost)\b",
                ctx.sentence.text, re.I):
        ctx.rates[amount.start] = ctx.doc.last_figure.per  # "... 2.4 million rounds in 2024.
        why.append(f"{ctx.doc.last[1].replace('_', ' ')}: a part of the figure before, per "
                   f"{ctx.doc.last_figure.per}")  # Among them were roughly 120,000 155mm
        cues.update(("cue", "alongside"))  # shells"
        return ctx.doc.last
    if verb is None and amount.unit not in ("EUR", "USD", "percent") and re.search(
            r"\bon\s+(?:their|its)\s+way\s+(?:east|eastwards?|west|to|into|towards?|for)\b",
            text[amount.end:e], re.IGNORECASE):
        why.append("shipment: goods 'on their way' somewhere")
        cues.add("cue")
        return "shipment", ""  # "about 260 containers of 155mm shells ... crossed his yard on
        # their way east"
    if re.search(r"\bfrom\b.{1,60}\bto\b", text[amount.end:e]) and verb is None and not re.search(
            r"\b(?:factories|plants|makers|producers|countries|capitals|cities|sites)\s+from\b",
            text[amount.end:e], re.I):
        why.append("shipment: 'from X to Y'")
        return "shipment", ""
    return None


# a transfer announced, approved or promised, not yet made: "announced the dispatch of"
_ANNOUNCED = re.compile(r"\b(?:announc(?:e|es|ed|ing)|approv(?:e|es|ed|ing)|authori[sz](?:e|es|ed)"
                        r"|promis(?:e|es|ed)|pledg(?:e|es|ed)|agreed|agrees|order(?:s|ed)?"
                        r"|green[\s\-]?l(?:it|ighted|ights?)|unveil(?:s|ed))\s+"
                        r"(?:(?:the|a|an|its|their|another)\s+)?(?:(?:new|further|additional"
                        r"|fresh|urgent|immediate|speedy)\s+)?$", re.IGNORECASE)


def line_before(ctx: Context) -> tuple[int, int]:
    """Where the sentence before this one is, when it is in the same line or paragraph
    (else an empty range)."""
    text, s = ctx.doc.text, ctx.sentence.start
    line = text.rfind("\n", 0, s) + 1
    before = max(text.rfind(". ", line, max(line, s - 2)), text.rfind("? ", line, max(line, s - 2)),
                 text.rfind(": ", line, max(line, s - 2)), line - 1) + 1
    return before, s


# more of the goods before, expected later: "and now expects to pass 1.1 million"
_EXPECTED = re.compile(r"\b(?:expects?|expected|plans?|aims?|intends?|hopes?|is\s+set|are\s+set)"
                       r"\s+to\b|\b(?:will|would|should)\b", re.IGNORECASE)
# goods counted alongside or against the figure before: "together with more than 150
# missiles", "The drones were accompanied by 198 missiles", "That compares with about 30,000
# rounds in 2022"
_ALONGSIDE = re.compile(r"\b(?:together\s+with|along\s+with|accompanied\s+by|alongside"
                        r"|compar(?:es|ed|ing)\s+(?:with|to)|up\s+from|down\s+from)\s+"
                        r"(?:(?:some|about|around|roughly|nearly|almost|more\s+than|over"
                        r"|at\s+least|fewer\s+than|less\s+than|just|only|an\s+estimated)\s+)?$",
                        re.IGNORECASE)


# goods still to come after a verb in the past: "bought N for Ukraine, to be delivered by"
_TO_COME = re.compile(r"[^.;]{0,80}?,?\s*(?:to\s+be\s+(?:delivered|shipped|supplied|handed\s+over"
                      r"|sent)|for\s+delivery|(?:due\s+)?to\s+arrive)\s+(?:by|in|before|within|over"
                      r"|from|next|this|early|late)\b", re.IGNORECASE)
# a figure set against the shipment before, for another period
_AGAINST = re.compile(r"\b(?:compar(?:es|ed|ing)\s+(?:with|to)|up\s+from|down\s+from|against"
                      r"|versus)\s+(?:(?:some|about|around|roughly|nearly|almost|more\s+than"
                      r"|over|at\s+least|less\s+than|just|only|an\s+estimated)\s+)?$",
                      re.IGNORECASE)


def _like_before(ctx: Context, amount: Amount) -> tuple[str, str, str] | None:
    """The rate of the claim before, for goods counted alongside it or against it, when
    the amount gives no rate of its own: (type, metric, the words)."""
    last = ctx.doc.last
    if last == ("shipment", "") and ctx.doc.last_figure is not None and \
            ctx.doc.last_figure.unit == amount.unit and ctx.dates and amount.per is None:
        against = _AGAINST.search(ctx.doc.text, max(ctx.sentence.start, amount.start - 40),
                                  amount.start)  # "... rose to about $40 million in 2023.
        compared = [a for a in ctx.amounts if a.end <= amount.start]  # (not "costs around
        if compared and compared[-1].start != ctx.doc.last_figure.start:  # €8,000, up from
            against = None  # less than €2,000": set against a price, no claim)
        if against is not None:  # That compares with about $2 million in 2021"
            return last[0], last[1], against.group(0).strip()
    if last is None or last[1] not in ("production_rate", "consumption_rate") or \
            amount.per is not None or not counts_goods(amount):
        return None
    found = _ALONGSIDE.search(ctx.doc.text, max(ctx.sentence.start, amount.start - 40),
                              amount.start)
    if found is None:
        return None
    return last[0], last[1], found.group(0).strip()


def _rate_cue(ctx: Context, amount: Amount, verb: Verb | None, why: list[str],
              cues: set[str]) -> tuple[str, str] | None:
    """A rate no verb of making or using governs is made or used as a word of its sentence
    before it says ("Shell output has grown: 250,000 a month"), or, in a line with no verb
    of its own, as the line before it says ("Ukrainian artillery fire. Between 2,000 and
    2,500 rounds a day.")."""
    if verb is not None and verb.kind in ("give", "receive", "pledge"):
        return None
    rationed = _RATIONED.search(ctx.doc.text, max(ctx.sentence.start, amount.start - 90),
                                amount.start)
    if verb is None and rationed is not None:
        held_to = re.sub(r"\s+", " ", rationed.group(0).strip())
        why.append(f"consumption rate: what '{held_to}' with 'per {amount.per}'")
        cues.add("cue")
        return "estimate", "consumption_rate"  # "Ukrainian gunners are down to 2,000 a day"
    found = [v for v in ctx.verbs if v.kind in ("produce", "consume") and v.end <= amount.start]
    where = "its sentence"
    if not found and not ctx.verbs:
        before, s = line_before(ctx)
        found = [v for v in find_verbs(ctx.doc.text, before, s)
                 if v.kind in ("produce", "consume")]
        where = "the line before"
    kinds = {v.kind for v in found}
    if len(kinds) != 1:
        return None
    metric = "production_rate" if kinds == {"produce"} else "consumption_rate"
    why.append(f"{metric.replace('_', ' ')}: '{found[0].text}' in {where}, with "
               f"'per {amount.per}'")
    cues.add("cue")
    if where == "the line before":
        cues.add("line before")
    return "estimate", metric


# an aim stated for a rate: "The Army wants 30,000 shells a month by the end of 2026", "the
# goal of 100,000 rounds a month", "aims for 3,000 drones a month next year"
_AIM_WORD = re.compile(r"\b(?:(?:goal|target|objective|ambition)s?|wants?|wanted|aim(?:s|ing)?"
                       r"\s+(?:for|at)|plans?\s+for|(?:expects?|expected|plans?|planned|hopes?"
                       r"|hoped|intends?|aims?|the\s+plan\s+is|is\s+set|are\s+set|on\s+track)\s+"
                       r"to\s+(?:reach|hit|make|produce|build|turn\s+out|manufacture))\b",
                       re.IGNORECASE)
_AIM_WHEN = re.compile(r"[^.;]{0,40}?\b(?:by|in|next|from)\s+(?:the\s+end\s+of\s+|mid-?|early\s+"
                       r"|late\s+)?(?:(?:19|20)\d\d|next\s+year|the\s+end|(?:January|February"
                       r"|March|April|May|June|July|August|September|October|November|December)"
                       r"|year)", re.IGNORECASE)


def _aimed_output(ctx: Context, amount: Amount, verb: Verb | None) -> str | None:
    """The aim word before a rate no verb of making, using or moving governs, when the rate
    is an aim for output ("wants 30,000 shells a month by 2026"); not a request to others
    ("Kyiv wants 200,000 a month from its allies") nor what deliveries should reach."""
    text, s, e = ctx.doc.text, ctx.sentence.start, ctx.sentence.end
    if verb is not None and not (verb.kind == "give" and re.match(r"reach|hit", verb.text, re.I)
                                 and not verb.noun):
        return None
    if any(p.prep in ("to", "from", "for") for p in ctx.parties) or re.search(
            r"\b(?:deliver(?:y|ies)|shipments?|supplies|transfers?|aid|donations?|imports?|"
            r"exports?)\b", text[s:amount.start], re.IGNORECASE):
        return None
    if re.match(r"[^.;]{0,40}?\bfrom\s+(?!(?:19|20)\d\d|next|this|(?:the\s+)?(?:start|end|middle|"
                r"beginning)\b|(?:January|February|March|April|May|June|July|August|September|"
                r"October|November|December)\b)", text[amount.end:e], re.IGNORECASE):
        return None  # "Ukraine's goal is 200,000 shells a month from partners": a request
    left = max(text.rfind(";", s, amount.start) + 1, s)
    aim = next(reversed(list(_AIM_WORD.finditer(text, left, amount.start))), None)
    if aim is None or re.search(r"\b(?:was|were|is|are|been|became|become|remains?)\s+"
                                r"(?:the\s+|a\s+)?(?:\w+\s+)?targets?\s+of\b",
                                text[left:amount.start], re.I):
        return None  # ("Kyiv was the target of about 100 drones a night": attacked, no aim)
    if aim.group(0).lower().startswith("want") and not _AIM_WHEN.match(text, amount.end, e):
        return None
    return re.sub(r"\s+", " ", aim.group(0))


# those who fire, held to a rate: "Ukrainian gunners are now down to about 2,000 shells a
# day", "have been limited to", "were rationed to"
_RATIONED = re.compile(r"\b(?:gunners|artillery(?:men)?|guns|howitzers|batteries|crews|troops"
                       r"|forces|soldiers|units|brigades)\s+(?:\w+\s+){0,3}?(?:are|were|is|was"
                       r"|have\s+been|has\s+been|had\s+been)\s+(?:now\s+|still\s+|only\s+"
                       r"|often\s+|sometimes\s+)?(?:down\s+to|limited\s+to|restricted\s+to"
                       r"|rationed\s+to|reduced\s+to|cut\s+(?:back\s+)?to|held\s+to)\s+"
                       r"(?:[\w\-]+\s+){0,3}$", re.IGNORECASE)


def _users(ctx: Context, verb: Verb) -> set[str]:
    """The parties named before a verb of use: who used the goods."""
    return {p.mention.code for p in ctx.parties if p.mention.end <= verb.start}


def _context(text: str, verb: Verb) -> str:
    start = max(0, verb.start - 20, text.rfind("\n", 0, verb.start) + 1)
    snippet = text[start:verb.end]
    return snippet[snippet.find(" ") + 1:] if start and " " in snippet else snippet
