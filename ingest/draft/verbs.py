"""The verbs that make an amount a claim, and their voice and mood.

"X sent N to Y" (give), "Y received N from X" (receive), "X promised to send N" and "X
will send N" (a pledge), "produces N a month" (produce), "fires N a day" (consume).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_GIVE = (r"re-?export(?:s|ed|ing)?|"
         r"sen[dt]|sends|sending|suppl(?:y|ies|ied|ying)|deliver(?:s|ed|ing|ies|y)?"
         r"|transferr?(?:s|ed|ing)?|ship(?:s|ped|ping)?|hand(?:s|ed|ing)?\s+over|handed"
         r"|provid(?:e|es|ed|ing)|gave|give[sn]?|giving|export(?:s|ed|ing)?"
         r"|donat(?:e|es|ed|ing)|transport(?:s|ed|ing)?|mov(?:e|es|ed|ing)"
         r"|distribut(?:e|es|ed|ing)|smuggl(?:e|es|ed|ing)|funnell?(?:s|ed|ing)?"
         r"|dispatch(?:es|ed|ing)?|sold|sell(?:s|ing)?|brought|bring(?:s|ing)?"
         r"|rush(?:es|ed|ing)?|pass(?:es|ed|ing)?\s+on|fed|handed\s+out|reach(?:es|ed|ing)?"
         r"|arriv(?:e|es|ed|ing)|came|went|includ(?:e|es|ed)|len[dt]|lends|lending|loan(?:s|ed)?"
         r"|(?:holds|contains|comprises)(?=[^.;]{0,40}?\d)"
         r"|cross(?:es|ed|ing)?|carried|pa(?:id|ys?|ying)\s+out"
         r"|load(?:s|ed|ing)?(?=[^.;]{0,80}?\bbound\s+for\b)|channell?(?:s|ed|ing)?"
         r"|left(?=\s+(?:[\w\-]+\s+){0,3}?(?:ports?|depots?|harbou?rs?|warehouses?|factories"
         r"|plants?|stocks|sites?|yards?|bases?|facility|facilities|works)\b[^.;]{0,30}?"
         r"\b(?:for|to)\b)"
         r"|left(?=\s+(?:the\s+)?(?-i:[A-Z])[\w\-]*(?:\s+(?-i:[A-Z])[\w\-]*)?\s+(?:for|bound\s+for)\s)"
         r"|left(?=\s+the\s+(?:\w+\s+)?(?:port|harbou?r)\s+of\s)"  # "left the port of Durres"
         # "state depots have released more than 220,000 rounds for Ukraine"
         r"|releas(?:e|es|ed|ing)(?!\s+(?:[\w\-]+\s+){0,2}?(?:[\u20ac$\u00a3]|EUR|USD|GBP))"
         r"(?=[^.;]{0,80}?\b(?:for|to)\s+(?:the\s+)?(?-i:[A-Z]))"  # (goods, not money released)
         # "Dutch-funded contracts have put about 12,000 drones in the hands of troops"
         r"|put(?:s|ting)?(?=\s+(?:[\w,]+\s+){1,6}?in(?:to)?\s+the\s+hands\s+of\b)"
         # goods on their way: "90 containers heading east from Czech depots"
         r"|head(?:ing|ed|s)?(?=\s+(?:east|west|north|south|eastwards?|westwards?|to|for"
         r"|towards?)\b)")
_RECEIVE = (r"receiv(?:e|es|ed|ing)|obtain(?:s|ed|ing)?|acquir(?:e|es|ed|ing)"
            r"|import(?:s|ed|ing)?|bought|buy(?:s|ing)?|(?:got|gets|getting|get)(?!\s+through)"
            r"|t(?:ake|ook|aken|akes)\s+delivery\s+of|procur(?:e|es|ed|ing)")
_PLEDGE = (r"pledg(?:e|es|ed|ing)|promis(?:e|es|ed|ing)|commit(?:s|ted|ting)?"
           r"|fores(?:ee|ees|aw|een)|envisag(?:e|es|ed)|chip(?:s|ped|ping)?\s+in"
           r"|put(?:s|ting)?(?=\s+[^.;]{0,30}?\bon\s+the\s+table\b)"
           r"|vow(?:s|ed|ing)?|agree(?:s|d)?\s+(?:to|on|an?)(?=\s)|offer(?:s|ed|ing)?|earmark(?:s|ed|ing)?"
           r"|allocat(?:e|es|ed|ing)|approv(?:e|es|ed|ing)|order(?:s|ed|ing)?"
           r"|(?<=has\s)set\s+aside|(?<=have\s)set\s+aside|(?<=had\s)set\s+aside"
           # money a state "added" to a fund: "The Netherlands added €150 million in December"
           r"|add(?:s|ed)(?=\s+(?:a\s+further\s+|another\s+|an\s+extra\s+)?(?:[\u20ac$\u00a3]|EUR|USD"
           r"|GBP)\s?\d)"
           r"|sign(?:s|ed|ing)?\s+(?:a\s+)?contracts?\s+(?:for|to)|contribut(?:e|es|ed|ing)"
           r"|contract(?:s|ed|ing)?\s+for"
           r"|put(?:s|ting)?\s+in(?=\s+(?:\w+\s+)?[\u20ac$\u00a3\d])"
           r"|put(?:s|ting)?(?=\s+(?:another\s+|a\s+further\s+)?(?:(?:about|some|roughly|around)\s+)?"
           r"(?:[\u20ac$\u00a3]|[A-Z]{3}\s?\d|\d)"
           r"(?:[^.;]|(?<=\d)\.(?=\d)){0,40}?\binto\s+(?:the\s+|its\s+|a\s+)?(?:[\w\-]+\s+){0,2}(?:scheme|fund|initiative"
           r"|coalition|mechanism|facility|model|pot|programme|program)\b)|add(?:s|ed|ing)?(?=\s+(?:another\s+|a\s+further\s+|an\s+(?:extra|additional)\s+)?(?:(?:about|some|around|roughly|nearly|almost|more\s+than|over)\s+)?(?:[\u20ac$\u00a3]|(?:EUR|USD|GBP|DKK|SEK|NOK|CAD|PLN|CHF)\s?\d|\d[\d.,]*\s*(?:bn|billion|million|m)?\s*(?:euros?|dollars?|kron[eo]r|pounds|zlot[yi]s?|(?:Danish\s+|Swedish\s+|Norwegian\s+|Czech\s+)?crowns)\b))"
           r"|mobili[sz](?:e|es|ed|ing)|pa(?:y|ys|id|ying)\s+for|set(?:s|ting)?\s+aside|fund(?:s|ed|ing)?(?!\s+(?:of|for)\b)|financ(?:e|es|ed|ing)")
_PRODUCE = (r"produc(?:e|es|ed|ing|tion)|mak(?:e|es|ing)|made|manufactur(?:e|es|ed|ing)"
            r"|output|capacity|turn(?:s|ed|ing)?\s+out|build(?:s|ing)?|built|fabricat(?:e|es|ed|ing)"
            r"|churn(?:s|ed|ing)?\s+out|assembl(?:e|es|ed|ing)|fill(?:s|ed|ing)?"
            r"|load(?:s|ed|ing)?(?![^.;]{0,80}?\b(?:bound\s+for|onto|on\s+to|aboard|into)\b)"
            r"|convert(?:s|ed|ing)?|complet(?:e|es|ed|ing)(?=\s+(?:\w+\s+){0,2}\d)"
            r"|roll(?:s|ed|ing)?\s+off|come\s+off|comes\s+off|came\s+off"
            r"|leav(?:e|es|ing)(?=\s+(?:\w+\s+){0,2}(?:assembly|production)\s+lines?)"
            # old rounds made fit to fire again count as output: "overhaul some 10,000 rounds"
            r"|overhaul(?:s|ed|ing)?|refurbish(?:es|ed|ing)?|recondition(?:s|ed|ing)?")
# verbs of attack use goods only "with" them: "attacked Odesa with 90 drones"
_ATTACK_WORDS = (r"attack(?:s|ed|ing)|struck|strik(?:e|es|ing)|target(?:s|ed|ing)"
                 r"|pound(?:s|ed|ing)|bombard(?:s|ed|ing)|hit(?:s|ting)?")
_CONSUME = (r"fir(?:e|es|ed|ing)|us(?:e|es|ed|ing)(?:\s+up(?!\s+to\b))?|expend(?:s|ed|ing)?"
            r"|get(?:s|ting)?\s+through|got\s+through|go(?:es|ing)?\s+through|went\s+through"
            r"|consum(?:e|es|ed|ing|ption)|shoot(?:s|ing)?(?!\s+down)|shot(?!\s+down)"
            r"|launch(?:es|ed|ing)?|ration(?:s|ed|ing)?\s+to"
            r"|burn(?:s|ed|ing)?\s+through|lob(?:s|bed|bing)?|spen[dt]|spends|spending"
            r"|drop(?:s|ped|ping)?|(?:fall(?:s|ing)?|fell|land(?:s|ed|ing)?|rain(?:s|ed|ing)?"
            r"(?:\s+down)?)\s+on|" + _ATTACK_WORDS)
VERBS = re.compile(rf"\b(?:(?P<give>{_GIVE})|(?P<receive>{_RECEIVE})|(?P<pledge>{_PLEDGE})"
                   rf"|(?P<produce>{_PRODUCE})|(?P<consume>{_CONSUME}))\b", re.IGNORECASE)
_BE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_INTENT = re.compile(
    r"\b(?:will|would|shall|should(?!\s+have\b)|plans?\s+to|planning\s+to|planned\s+to|promis(?:ed|es|e)\s+to"
    r"|(?:agreed|agrees|promised|pledged|committed|vowed|offered|decided|planned|plans|aims)"
    r"\s+(?:[\w,]+\s+){1,6}?to"  # "agreed in 2022 to buy", "agreed at the Washington summit
    # in July to provide"
    r"|commits?\s+(?:[\w\-]+\s+){1,3}to|obliges?\s+(?:[\w\-]+\s+){1,3}to"
    r"|pledg(?:ed|es|e)\s+to|agreed\s+to|agrees\s+to|committed\s+to|commits\s+to|vowed\s+to"
    r"|intends?\s+to|intended\s+to|aims?\s+to|aimed\s+to|aiming\s+to|is\s+to|are\s+to|set\s+to|going\s+to"
    r"|expected\s+to|expects?\s+(?:[\w,]+\s+){0,4}to|expecting\s+to|ready\s+to|offered\s+to"
    r"|plan\s+to"
    r"|(?:will|would)\s+(?:use|spend|provide|allocate|invest|put\s+up)\s+(?:[^.;]|(?<=\d)\.(?=\d)){0,60}?\s+to"
    r"|plans\s+for|want(?:s|ed)?\s+(?:[\w,]+\s+){0,3}?to|hopes?\s+to|seeks?\s+to|able\s+to"
    r"|to\s+be"  # "shells to be delivered in the coming months"
    r"|(?:initiative|scheme|effort|deal|bid|programme|program|project|drive|push|pledge|proposal"
    r"|promise|commitment|agreement|contract|order)(?:\s+with(?:\s+[\w'\u2019\-]+){1,4}?)?"
    r"(?:\s+(?:in|on|last|this|earlier)(?:\s+[\w\-]+){1,2}?)?\s+to"  # ("signed a contract with
    # Ukraine's defence ministry to deliver", "signed a contract in December to supply")
    r"|(?:promise|pledge|commitment|vow|undertaking),\s+[^,;]{1,40},\s+to)"  # "a promise, made
    # in March 2023, to send"
    r"\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
# a gerund approved is a pledge: "signed off on sending 10 more interceptors"
_APPROVED = re.compile(r"\b(?:sign(?:s|ed)?\s+off\s+on|approv(?:e|es|ed)|authori[sz](?:e|es|ed)"
                       r"|green[\s\-]?l(?:it|ights?|ighted)|clear(?:s|ed))\s+$", re.IGNORECASE)
# a headline's infinitive is its future: "UK to send Ukraine 5,000 missiles"
_HEADLINE_TO = re.compile(r"^\W*(?:the\s+)?(?:[A-Z][\w.'\-]*\s+){1,4}to\s+$")
_NOT_VERB_AFTER = re.compile(r"^\s*(?:of|for)\b", re.IGNORECASE)  # "the supply of", "use of"
# plural nouns that look like verbs: "machine tool imports and ...", "its supplies."
_PLURAL_NOUN = re.compile(r"^(?:imports|exports|supplies|deliveries|transfers|shipments"
                          r"|uses|fires|purchases|orders)$", re.IGNORECASE)
_PLURAL_NOUN_AFTER = re.compile(r"^\s*(?:[,.;:)]|and\b|or\b|of\b|from\b|to\b|$)", re.IGNORECASE)


_ATTACK = re.compile(_ATTACK_WORDS, re.IGNORECASE)
# what a package, aid or pledge holds or includes is pledged: "the aid package, announced on
# Tuesday, includes", "a $500 million drawdown that includes"
_PACKAGE_BEFORE = re.compile(r"\b(?:package|tranche|aid|assistance|support|pledge|donation"
                             r"|drawdown|bill|supplemental|law)(?:,[^,;]{1,40},)?\s+(?:(?:which|that|also|will|would"
                             r"|is|was)\s+){0,2}$", re.IGNORECASE)


@dataclass(frozen=True)
class Verb:
    start: int
    end: int
    kind: str  # "give", "receive", "pledge", "produce", "consume"
    text: str
    passive: bool
    intent: bool  # "will send", "plans to provide", "promised to deliver"
    noun: bool  # "production of", "the supply of": names an activity, no one does it


# Russia as the one sending drones or missiles to no one named: it launched them
_RUSSIA_SENDS = re.compile(r"\b(?:Russia|Moscow|the\s+enemy|the\s+occupiers|Russian\s+(?:forces"
                           r"|troops|army|military))\s+(?:has\s+|had\s+|have\s+)?(?:also\s+|then\s+"
                           r"|again\s+)?$")

_LAUNCHED_GOODS = re.compile(r"[^.;:]{0,60}?\b(?:drones?|missiles?|bombs?|Shaheds?|Gerans?"
                             r"|of\s+them)\b", re.IGNORECASE)


def find_verbs(text: str, start: int, end: int) -> list[Verb]:
    out = []
    for m in VERBS.finditer(text, start, end):
        kind = next(k for k, v in m.groupdict().items() if v)
        before = text[max(start, m.start() - 60):m.start()]
        word = m.group(0).lower()
        noun = bool(_NOT_VERB_AFTER.match(text[m.end():end])) and not word.endswith(
            ("ed", "set aside")) or \
            kind == "pledge" and not word.endswith(("ed", "set aside")) and bool(re.search(
                r"\b(?:the|that|this|these|those|an?|its|their|his|her|our)\s+$", before,
                re.IGNORECASE))  # "The first 15,000 rounds from that order were handed over"
        if kind == "consume" and word in ("use", "uses") and noun:
            continue
        if _PLURAL_NOUN.match(word) and _PLURAL_NOUN_AFTER.match(text[m.end():end]) and not \
                re.search(r"\b[A-Z]\w*\s+$", before) and not (
                    word in ("deliveries", "shipments", "transfers") and re.match(
                        r"\s+of\s+(?:\w+\s+){0,2}\d", text[m.end():end])):
            continue  # "its imports." (but "those Russia fires." is a verb, and "deliveries
            # of 50,000 shells from X" a shipment)
        if kind == "consume" and _ATTACK.fullmatch(word) and not re.match(
                r"[^.;:]{0,80}?\bwith\b", text[m.end():end]) and not (
                _BE.search(before) and re.match(r"\s+by\s+(?:\w+\s+){0,2}\d", text[m.end():end])):
            continue  # "attacked Odesa with 90 drones" used them; "hit a record" did not
        if kind == "give" and re.match(r"sen[dt]|launch|hurl|fir", word) and re.match(
                r"[^.;:]{0,80}?\b(?:drones?|missiles?|bombs?|rockets?|shells|rounds)\s+(?:\w+\s+){0,3}?"
                r"(?:(?:a|per|each|every)\s+(?:day|night|week|month)\s+)?(?:against|at|toward|towards|into"
                r")\s+(?!least\b|most\b|a\s+cost\b|(?:a|the)\s+(?:rate|price|pace)\b)"
                r"|[^.;:]{0,80}?\b(?:drones?|missiles?|bombs?|rockets?)\s+(?:across|over)\s+the\s+"
                r"(?:border|front)\b",
                text[m.end():end], re.IGNORECASE):
            kind = "consume"  # "Russia sent 176 drones and 9 missiles against power plants"
        elif kind == "give" and re.match(r"sen[dt]|launch|hurl|fir", word) and re.search(
                r"\b(?:drones?|missiles?|bombs?|rockets?|shells|rounds)\s+(?:were|was|had\s+been"
                r"|have\s+been)\s+$", before, re.I) and re.match(
                r"\s+(?:against|at|toward|towards|into)\s", text[m.end():end], re.I):
            kind = "consume"  # "728 drones were sent against cities"
        elif kind == "give" and re.match(r"sen[dt]", word) and _RUSSIA_SENDS.search(before) \
                and _LAUNCHED_GOODS.match(text[m.end():end]) and not re.search(
                    r"\bto\s+(?:the\s+|its\s+|their\s+)?(?:[a-z]+\s+){0,2}(?-i:[A-Z])"
                    r"|\bto\s+(?:it|them)\b", text[m.end():end], re.I):
            kind = "consume"  # "Russia sent about 330 of them in January": at Ukraine
        if word in ("got", "gets", "getting", "get") and re.match(
                r"(?:[^.;]|(?<=\d)\.(?=\d)){0,80}?\bto\s+(?:the\s+)?(?-i:[A-Z])", text[m.end():end],
                re.I):
            kind = "give"  # "The programme got 1.5 million shells to Ukraine"
        if kind == "produce" and word.startswith("fill") and re.search(
                r"\b(?:consignment|shipment|delivery|cargo|batch|train|ship|convoy)\s+(?:\w+\s+)?$",
                before, re.I):
            kind = "give"  # "The December consignment filled about 50 shipping containers"
        if kind == "produce" and word.startswith("load") and re.search(
                r"\b(?:crews?|gunners|troops|soldiers|batteries)\s+(?:\w+\s+)?$", before, re.I):
            continue  # "crews loaded 300 shells a day": into guns, not into shell casings
        if word == "shipping" and re.match(r"\s+containers?\b", text[m.end():end], re.I):
            continue  # "shipping containers"
        if m.start() > start + 1 and text[m.start() - 1] in "-\u2010\u2011" and \
                text[m.start() - 2].isalnum():
            continue  # "South Korean-made", "US-supplied": an adjective
        package = _PACKAGE_BEFORE.search(before) is not None
        if re.match(r"(?:holds|contains|comprises)$", word) and not package:
            continue  # "Russia still holds 4 million shells": a stock, held
        if word.startswith("includ") and re.match(
                r"\s+in\s+(?:the|a|an|this|that|its|their|Washington's|[A-Z]\w+'s)\s+(?:[\w\-$,.]+\s+)"
                r"{0,4}?(?:package|tranche|drawdown|aid)\b", text[m.end():end]):
            package = True  # "About 30,000 rounds are included in the package"
        if (word.startswith("includ") or re.match(r"(?:hold|contain|compris)", word)) and package:
            kind = "pledge"  # "the package includes 20,000 rounds": pledged
        elif word.startswith("includ") and not re.search(
                r"\b(?:shipments?|deliveries|cargo(?:es)?|consignments?|transfers?|"
                r"containers|trains|list)\s+(?:\w+\s+){0,3}$", before, re.I):
            continue  # "the shipments included N" delivered N; "a plan which includes" not
        if kind == "give" and word.startswith(("reach", "arriv")) and re.search(
                r"\b(?:production|output|capacity)\s+(?:[\w\-]+\s+){0,6}$", re.sub(
                    r",\s+(?:which|who|whose|that)\s[^,;]{0,160},\s+((?:\w+\s+){0,2})$", r" \1",
                    text[max(start, m.start() - 240):m.start()]), re.I):  # (an aside between:
            # "Output of the NLAW missile, which Sweden rushed to Kyiv, will reach 6,000")
            kind = "produce"  # "production reached 100,000 rounds", "expects capacity
            # to reach 1 million rounds in 2025"
        out.append(Verb(m.start(), m.end(), kind, m.group(0),
                        bool(_BE.search(before)) and word.split()[0].endswith((
                            "ed", "en", "nt", "ld", "ght", "ven", "ade")),  # "handed over"
                        bool(_INTENT.search(text[max(start, m.start() - 100):m.start()])
                             or word.endswith("ing") and _APPROVED.search(before)
                             or re.search(r"\bcould\s+(?:\w+\s+)?$", before) is not None
                             and re.search(r"\bif\b", text[m.end():end]) is not None  # "the
                             # scheme could provide up to 1.8 million rounds if donors pay"
                             or _HEADLINE_TO.match(
                            text[start:m.start()])), noun))
    return out
