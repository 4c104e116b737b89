"""Who supplies whom: parties from the sentence's structure, and from the article's claim
before when the sentence names none (whose share: ``shares``; whose estimate:
``subjects``)."""

from __future__ import annotations

import re
from typing import Any

from .amounts import Amount
from .attribution import Attribution
from .context import LOCATION, NOT_SUBJECT, Context, Document, Party
from .nlp import Mention, Sentence
from .roles import (
    THE_REST,
    actor,
    after_prep,
    code_of,
    nearest_subject,
    outside_asides,
    pronoun,
    said,
)
from .shares import share_flow
from .verbs import Verb

# "the Armed Forces of Ukraine", "the government of Poland": the party acts
_ACTOR_NOUNS = frozenset(("forces", "army", "armies", "military", "government", "ministry",
                          "navy", "industry", "people", "president", "parliament", "troops",
                          "leadership", "authorities", "industries", "producers", "factories"))
_ACTOR_WORDS = frozenset(("armed", "the", "defence", "defense", "national", "air", "land",
                          "naval", "arms", "of", "and"))
_CONJUNCT = re.compile(r"\s*(?:,\s*and|,\s*or|,|and|or)\s+(?:the\s+)?")
_JOINED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)")  # "Latvia and Lithuania"
# several parties that each did it: "Latvia and Lithuania each pledged", "pledged €1bn each"
_EACH = re.compile(r"\beach\b", re.IGNORECASE)
_EACH_AFTER = re.compile(r"\s+each\b", re.IGNORECASE)
_THROUGH = frozenset(("to", "into", "for", "through", "via"))
# funds and schemes money goes through, not to: "to the Czech initiative"
_VEHICLE = re.compile(r"[\s\-]+(?:(?:led|run|backed)\s+)?(?:(?:ammunition|artillery|shell"
                      r"|munitions|drone|procurement)\s+){0,2}(?:initiative|scheme"
                      r"|fund|programme|program|plan|coalition|effort|drive|mechanism|facility"
                      r"|platform)\b", re.IGNORECASE)
# "is imported, mostly from North Korea": the share is of all imports, not that party's
_MOSTLY = re.compile(r"\b(?:mostly|mainly|largely|chiefly|primarily|partly|including)\s+from\s+"
                     r"(?:the\s+)?$", re.IGNORECASE)
# goods from suppliers the text does not name: "from its partners"
UNNAMED = re.compile(r"\bfrom\s+(?:its|their|the|western|european|foreign|other)?\s*(?:\w+\s+)?"
                     r"(?:partners|allies|donors|backers|supporters|friends|suppliers|countries"
                     r"|states|producers)\b", re.IGNORECASE)
# outlets named after a place: "The Washington Post", "the Kyiv Independent"
_OUTLET = re.compile(r"^[\s\-]+(?:Post|Times|Journal|Herald|Daily|News|Independent|Telegraph"
                     r"|Guardian|Tribune|Gazette|Insider|Pravda|Today|Review|Standard|Observer"
                     r"|Examiner|Chronicle|Mail|Express|Sun|Star|Bulletin)\b")
# the war itself, which no claim's party is: "since Russia's full-scale invasion of Ukraine",
# "before Russia invaded", "for the war in Ukraine"
_INVADER = re.compile(r"(?:['\u2019]s\s+(?:full[\s\-]+scale\s+|all[\s\-]+out\s+|unprovoked\s+)?"
                      r"(?:re-?)?invasion\b(?!\s+(?:force|forces|army|troops))"
                      r"|\s+(?:invaded|re-?invaded)\b)")
_INVADED = re.compile(r"\b(?:invasion\s+of|invaded|war\s+(?:in|on|against)|aggression\s+against)"
                      r"\s+(?:the\s+)?$", re.IGNORECASE)


def in_war_phrase(text: str, m: Mention) -> bool:
    """The party names the war, not a claim's party: "Russia's invasion", "the war in
    Ukraine"."""
    if _INVADER.match(text, m.end):  # not "drones for Russia's invasion": its recipient
        return not re.search(r"\b(?:for|to|into|fuel(?:s|led|ling)?)\s+$",
                             text[max(0, m.start - 12):m.start])
    return bool(_INVADED.search(text[max(0, m.start - 30):m.start]))


_NORTH_SOUTH = re.compile(r"\b[Tt]he\s+(North|South)\b(?!\s+(?:Korea|Atlantic|Pole|Caucasus))")


def north_south(doc: Document, sentence: Sentence) -> list[Mention]:
    """"the North" for the last party named "North ..." before it (and "the South")."""
    out = []
    for m in _NORTH_SOUTH.finditer(doc.text, sentence.start, sentence.end):
        earlier = [x for x in doc.mentions if x.end <= m.start() and x.field == "party"
                   and x.text.lower().startswith(m[1].lower() + " ")]
        if earlier:
            x = earlier[-1]
            out.append(Mention(m.start(), m.end(), x.code, "party", "alias", m[0]))
    return out


# "the Army", "the Army's plants", "The service": an army the article named before ("the
# U.S. Army", "the British Army"), else, in an article naming the United States, the US Army
_ARMY = re.compile(r"\b(?:[Tt]he\s+)?Army\b(?!\s+(?:of|Group)\b)")
_SERVICE = re.compile(r"\b[Tt]he\s+service\b(?!\s+(?:of|life|record)\b)")
_NAMED_ARMY = re.compile(r"[\s.]*(?:Armed\s+Forces|Army|army)\b")


def army_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions of the army an article is about where it writes "the Army" (capitalised,
    no state before it) or, after that, "the service"."""
    parties = [m for m in mentions if m.field == "party"]
    out: list[Mention] = []
    named: str | None = None  # the last state named right before "Army"
    us = any(m.code == "US" for m in parties)
    taken = {m.start for m in mentions}
    for found in sorted([*_ARMY.finditer(text), *_SERVICE.finditer(text)],
                        key=lambda x: x.start()):
        before = [m for m in parties if m.end <= found.start()]
        if before and _NAMED_ARMY.fullmatch(text, before[-1].end, found.end()) or \
                before and re.fullmatch(r"(?:['\u2019]s)?\s*", text[before[-1].end:found.start()]):
            named = before[-1].code  # "the U.S. Army", "Ukraine's army"
            continue
        if re.search(r"[A-Z][\w.'\u2019]*\s+$", text[max(0, found.start() - 20):found.start()]) \
                and not found[0].startswith(("The", "the")):
            continue  # "Excalibur Army", "Red Army", "People's Army"
        if found.re is _SERVICE and not out:
            continue  # "the service" is the Army only after "the Army"
        code = named or ("US" if us else None)
        if code is None or found.start() in taken:
            continue
        out.append(Mention(found.start(), found.end(), code, "party", "alias", found[0]))
    return out


# "the Czech-led initiative ... the initiative delivered": a state's scheme named again
_SCHEME_NAMED = re.compile(r"(?:[\s\-]+(?:led|run|backed))?\s+(?:[a-z][\w\-]*\s+){0,2}?"
                           r"(initiative|scheme|programme|program)\b")
_SCHEME_AGAIN = re.compile(r"\b[Tt]he\s+(?:same\s+)?(?:(?:ammunition|shell|artillery|munitions)"
                           r"\s+)?(initiative|scheme|programme|program)\b(?!\s+(?:of|to|for)\b)")


_ANOTHER_SCHEME = re.compile(r"\b(?:an?|another|its\s+own|their\s+own|a\s+separate|a\s+second)"
                             r"\s+(?:[\w\-]+\s+)?(?:initiative|scheme|programme|program)\b")


def scheme_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions of the state whose scheme an article named ("the Czech-led initiative")
    where it writes "the initiative" (or "the scheme", "the programme") after it, within
    a few paragraphs."""
    named: list[tuple[int, str]] = []  # where the scheme is named, whose
    for m in mentions:
        if m.field != "party":
            continue
        found = _SCHEME_NAMED.match(text, m.end)
        if found is not None:
            named.append((found.end(), m.code))
    out: list[Mention] = []
    for again in _SCHEME_AGAIN.finditer(text):
        before = [(at, code) for at, code in named if at <= again.start()
                  and again.start() - at <= 3000]
        if before and _ANOTHER_SCHEME.search(text, before[-1][0], again.start()):
            continue  # "Germany also runs a separate scheme; the scheme sent ..."
        if before and len({code for _, code in before}) == 1:
            out.append(Mention(again.start(), again.end(), before[-1][1], "party", "alias",
                               again[0]))
    return out


# what Ukrainian officials and their readers call Russia's forces: "the enemy launched 98
# drones", "the occupiers attacked"
_ENEMY = re.compile(r"\b[Tt]he\s+(?:enemy|occupiers|invaders|aggressor|occupying\s+forces"
                    r"|occupation\s+forces)\b(?!['\u2019]s\s+(?:losses|dead))")


_RUSSIAN_SOURCE = re.compile(r"\b(?:Russia['\u2019]s|Russian|Moscow['\u2019]s|the\s+Kremlin"
                             r"|TASS|RIA)\b[^.\n]{0,40}?\b(?:ministry|officials?|said|says"
                             r"|reported|claimed|military|army|forces|governor)\b")


def enemy_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """Russia where an article on the war writes "the enemy" or "the occupiers"."""
    taken = {m.start for m in mentions}
    out = []
    for m in _ENEMY.finditer(text):
        start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        end = min(i for i in (text.find(".", m.end()), text.find("\n", m.end()), len(text))
                  if i >= 0)
        if m.start() in taken or _RUSSIAN_SOURCE.search(text, start, end):
            continue  # "The enemy attacked Belgorod ..., Russia's defence ministry said"
        out.append(Mention(m.start(), m.end(), "RU", "party", "alias", m[0]))
    return out


# a state's makers after "from": "buying weapons directly from Ukrainian manufacturers"
_FROM_MAKERS = re.compile(r"[\s\-]+(?:arms\s+|defen[cs]e\s+|drone\s+|weapons?\s+)?(?:manufacturers"
                          r"|producers|makers|industry|firms|companies|plants|factories)\b")
# goods bought and then handed on: "and handed them to Kyiv"
_PASSED_ON = re.compile(r"\band\s+(?:then\s+|later\s+|since\s+)?(?:handed|sent|gave|passed"
                        r"|delivered|transferred|shipped|donated)\s+(?:them|it|those|these)\s+"
                        r"(?:on\s+|over\s+)?(?:to\s+)?(?:the\s+)?(?=[A-Z])")
# a party a verb follows is the subject of its own clause
_ACTS_AFTER = re.compile(r"(?:['\u2019]s?)?\s+(?:also\s+|then\s+|itself\s+|now\s+)?(?:will|would"
                         r"|shall|has|have|had|is|are|was|were|said|says|plans?|planned|pledged"
                         r"|promised|sent|sends|delivered|delivers|supplied|supplies|shipped"
                         r"|ships|provided|provides|gave|gives|received|receives|bought|buys"
                         r"|ordered|orders|agreed|agrees|announced|announces|committed|commits"
                         r"|added|adds)\b")


def parties_of(text: str, mentions: list[Mention], attributions: list[Attribution],
               start: int = 0) -> list[Party]:
    """The parties that may play a part in a sentence's claims (not the source's, not an
    outlet's), each with the word before it: "the Armed Forces of Ukraine" takes the word
    before "the Armed Forces", "through Poland and Romania" gives both "through"."""
    out: list[Party] = []
    for m in mentions:
        if m.field != "party" or any(a.start <= m.start < a.end for a in attributions):
            continue
        if _OUTLET.match(text[m.end:m.end + 16]) or in_war_phrase(text, m):
            continue
        words = re.findall(r"[\w\u2019']+", text[max(start, m.start - 60):m.start].lower())
        while words and words[-1] in ("the", "a", "an", "its", "their", "state", "owned",
                                      "controlled", "run") or len(words) > 1 and words[-1] in (
                "two", "three", "four", "five", "several", "some", "many", "various", "other"):
            words.pop()  # "from state-owned Munitions India", "from two Turkish companies"
        after = text[m.end:m.end + 3]
        possessive = bool(re.match(r"['\u2019]s?\b", after))
        adjective = (m.kind == "demonym" and not m.text.endswith("s")  # "the Iranians"
                     and bool(re.match(r"[\s\-]+[a-z]", text[m.end:m.end + 3])))
        prep = words[-1] if words else ""
        if prep == "of" and len(words) > 1 and words[-2] in _ACTOR_NOUNS:
            j = len(words) - 2
            while j >= 0 and (words[j] in _ACTOR_NOUNS or words[j] in _ACTOR_WORDS):
                j -= 1
            prep = words[j] if j >= 0 else ""
        if out and _CONJUNCT.fullmatch(text, out[-1].mention.end, m.start) and not (
                out[-1].prep in NOT_SUBJECT and _ACTS_AFTER.match(text, m.end)):
            prep = out[-1].prep  # "through Poland and Romania" (but "to Ukraine, and Denmark
            # will send": a new subject)
        if re.match(r"[\-\u2010\u2011][A-Z]", text[m.end:m.end + 2]) or re.search(
                r"[A-Za-z][\-\u2010\u2011]$", text[max(0, m.start - 2):m.start]):
            continue  # "Norwegian-Finnish", "Franco-German": jointly, no one party
        if _MOSTLY.search(text, max(0, m.start - 30), m.start):
            prep = "mostly"  # "imported, mostly from North Korea": one of the suppliers
        if prep in _THROUGH and (adjective and _VEHICLE.match(text, m.end) or
                                 m.kind == "alias" and _SCHEME_AGAIN.fullmatch(m.text)):
            prep = "via"  # "€150 million to the Czech initiative ... for Ukraine"
        out.append(Party(m, prep, possessive, adjective))
    return out


def _members(text: str, parties: list[Party], last: Party) -> list[str]:
    """The parties joined up to ``last``: "Latvia, Estonia and Lithuania"."""
    out = [last.mention.code]
    at = parties.index(last)
    while at > 0 and _JOINED.fullmatch(text, parties[at - 1].mention.end,
                                       parties[at].mention.start) and \
            parties[at - 1].prep == last.prep:
        at -= 1
        out.insert(0, parties[at].mention.code)
    return list(dict.fromkeys(out))


def flow(ctx: Context, amount: Amount, verb: Verb | None, why: list[str]
          ) -> tuple[str | None, str | None]:
    """(supplier, recipient) from the sentence's structure."""
    text = ctx.doc.text
    parties = ctx.parties
    supplier = recipient = None
    how = ""
    joint = False
    near_from = next((p for p in parties if p.prep == "from"
                      and 0 <= p.mention.start - amount.end <= 40), None)
    if verb is not None and verb.noun and verb.kind == "give" and near_from is not None:
        # "deliveries of 1.9 million rounds from the US and 1.1 million from the EU"
        to = after_prep([p for p in parties if p.mention.start >= amount.end],
                         ("to", "into", "for"), amount)
        supplier, recipient = near_from.mention.code, code_of(to)
        why.append("flow: " + said(("supplier after 'from'", supplier),
                                   ("recipient after 'to'", recipient)))
        return supplier, recipient
    if verb is not None and verb.noun:  # "promised Ukraine €1.6bn, alongside a pledge of N"
        verb = next((v for v in reversed(ctx.verbs) if v.end <= verb.start and not v.noun
                     and v.kind in ("give", "pledge")), verb)
    if verb is not None and verb.kind in ("give", "pledge", "receive"):
        subject = nearest_subject(outside_asides(text, parties, ctx.sentence.start, verb.start),
                                  verb.start, ctx.sentence.start, amount, False)
        after = [p for p in parties if p.mention.start >= verb.end]
        indirect = next((p for p in after if p.mention.start - verb.end <= 8
                         and p.prep not in NOT_SUBJECT and not p.possessive), None)
        to = after_prep(after, ("to", "into", "for"), amount)
        from_ = after_prep(after, ("from",), amount)
        by = after_prep(after, ("by",), amount)
        if subject is not None and any(
                p.mention.end <= subject.mention.start and p.prep == subject.prep
                and _JOINED.fullmatch(text, p.mention.end, subject.mention.start)
                for p in parties):
            members = _members(text, parties, subject)
            between = text[subject.mention.end:verb.start]
            if len(between) < 30 and _EACH.search(between) or _EACH_AFTER.match(
                    text, amount.end):
                ctx.each[amount.start] = members  # "Latvia and Lithuania each pledged"
            subject = None  # "Latvia and Lithuania will contribute": jointly, no one supplier
            joint = True
        elif subject is None:
            subject = actor(ctx, verb.start, ctx.sentence.start)
        if subject is None and not joint:
            subject = next((p for p in parties if p.mention.end <= verb.start and re.search(
                r"\b(?:suppliers|firms|companies|exporters|traders|makers|manufacturers|producers"
                r"|plants|factories)\s+(?:based\s+|registered\s+)?in\s+(?:the\s+)?$",
                text[max(0, p.mention.start - 40):p.mention.start], re.I)), None)  # "suppliers
            # in China shipped"
        if subject is None and not joint:
            subject = _speaking(ctx, verb)
        elif subject is not None and any(
                subject.mention.end <= a.start and a.end <= verb.start and re.search(
                    r"\b(?:it|they|we)\b", text[a.end:verb.start]) for a in ctx.attributions):
            # "the EU allocated €1.4 billion, and Sweden said it would add €100 million"
            subject = _speaking(ctx, verb) or subject
        payer = next((p for p in parties if amount.end <= p.mention.start < verb.start
                      and re.search(r"\b(?:paid\s+for|funded|financed|bought)\s+by\s+(?:the\s+)?$",
                                    text[max(0, p.mention.start - 25):p.mention.start])),
                     None) if verb.passive else None
        if payer is not None:
            maker = next((p for p in parties if p.adjective
                          and amount.start <= p.mention.start < amount.end
                          and re.match(r"[\-\u2010\u2011]made\b", text[p.mention.end:])), None)
            # "200 Ukrainian-made drones paid for by the Netherlands have been delivered":
            # the payer gave them, to the makers' state
            supplier = payer.mention.code
            recipient = code_of(to) or code_of(maker)
            how = said(("supplier: who paid for them", supplier),
                       ("recipient: where they were made and delivered", recipient))
        elif verb.passive or (by is not None and verb.start > amount.start):
            supplier, recipient = code_of(by), code_of(to) or pronoun(ctx, verb, amount)
            how = said(("supplier after 'by'", supplier), ("recipient after 'to'", recipient))
            if supplier is None:  # "5,000 shells from Bulgaria were delivered to Ukraine",
                # "210 tonnes were delivered from Poland"
                supplier = code_of(near_from if near_from is not None and
                                   near_from.mention.end <= verb.start else from_)
                how = said(("supplier after 'from'", supplier),
                           ("recipient after 'to'", recipient))
        elif verb.kind == "receive" and from_ is None and after_prep(after, ("for",), amount):
            # "would buy 100,000 shells for Kyiv": bought for another, so supplied to it
            supplier, recipient = code_of(subject), code_of(after_prep(after, ("for",), amount))
            how = said(("supplier: who buys them", supplier),
                       ("recipient after 'for'", recipient))
        elif verb.kind == "receive" and (passed := _PASSED_ON.search(
                text, amount.end, ctx.sentence.end)) is not None and subject is not None and \
                (onward := next((p for p in parties if p.mention.start >= passed.end()), None)):
            # "the United States has bought more than 300,000 shells from third countries and
            # handed them to Kyiv": bought for another, who got them
            supplier, recipient = code_of(subject), code_of(onward)
            how = said(("supplier: who bought them", supplier),
                       ("recipient: who they were handed on to", recipient))
        elif verb.kind == "receive":
            recipient, supplier = code_of(subject), code_of(from_)
            how = said(("recipient before the verb", recipient),
                        ("supplier after 'from'", supplier))
        else:
            # "deliveries from Copenhagen had reached ...": "from X" before the verb
            from_before = next((p for p in reversed(parties) if p.prep == "from" and
                                ctx.sentence.start <= p.mention.start < verb.start), None)
            came = re.match(r"arriv|came|reach", verb.text, re.I) is not None
            if verb.kind == "pledge" and from_ is not None and to is None and indirect is None \
                    and not verb.noun and subject is not None \
                    and subject.mention.code != from_.mention.code \
                    and re.match(r"(?:order|buy|bought|purchas|contract)", verb.text, re.I):
                # "Russia ordered close to 2,400 drones from Iran": the buyer receives them
                supplier, recipient = code_of(from_), code_of(subject)
                why.append("flow: " + said(("supplier after 'from'", supplier),
                                           ("recipient: who ordered them", recipient)))
                return supplier, recipient
            if came and from_ is not None and subject is not None and \
                    subject.mention.end <= amount.start:
                subject = None  # "as Russia builds its own, 150 have arrived from Iran"
            supplier = code_of(subject) or code_of(from_) or code_of(from_before)
            recipient = code_of(indirect) or code_of(to)
            if verb.text.lower() == "left" and indirect is not None:
                # "20,000 rounds left German depots bound for Ukraine"
                supplier, recipient = code_of(indirect), code_of(after_prep(
                    [p for p in after if p.mention.start > indirect.mention.end],
                    ("to", "into", "for"), amount))
            arrived = recipient is None and came
            if arrived:  # "the first 50,000 rounds arrived in Ukraine in June"
                recipient = code_of(next((p for p in after if p.prep == "in" and
                                          p.mention.start - verb.end <= 12), None))
            how = said(("supplier before the verb" if subject else "supplier after 'from'",
                         supplier), ("recipient right after the verb" if indirect else
                                     f"recipient after '{verb.text} in'" if arrived else
                                     "recipient after 'to'", recipient))
            later = [v for v in ctx.verbs if v.start > verb.end and v.kind == "give"]
            if recipient is None and verb.kind == "pledge" and later:
                # "backed a plan to give Kyiv ammunition"
                nxt = [p for p in parties if p.mention.start >= later[0].end]
                found = next((p for p in nxt if p.mention.start - later[0].end <= 8
                              and p.prep != "via"), None) \
                    or after_prep(nxt, ("to", "into", "for"), amount)
                recipient = code_of(found)
                if recipient is not None:
                    how += f"; recipient: who the plan is to '{later[0].text}' to"
    elif verb is not None and verb.kind == "consume":
        recipient = code_of(nearest_subject(parties, verb.start, ctx.sentence.start, amount))
        how = said(("recipient: who used them", recipient))
    else:
        m = re.search(r"\bfrom\b", text[amount.end:ctx.sentence.end])
        after = [p for p in parties if p.mention.start >= amount.end]
        before = [p for p in parties if p.mention.end <= amount.start]
        from_before = after_prep(before, ("from",), amount)
        if not m and from_before is not None and not re.search(
                r"[,;]", text[from_before.mention.end:amount.start]):
            # "Exports of chips from China to Russia were worth about $3.1 billion"
            supplier = code_of(after_prep(before, ("from",), amount))
            recipient = code_of(after_prep(before, ("to", "into"), amount))
            how = said(("supplier after 'from'", supplier), ("recipient after 'to'", recipient))
        elif m:
            after = [p for p in after if not THE_REST.search(text, amount.end, p.mention.start)]
            supplier = code_of(after_prep(after, ("from",), amount))
            recipient = code_of(after_prep(after, ("to", "into"), amount))
            how = said(("supplier after 'from'", supplier), ("recipient after 'to'", recipient))
        elif amount.unit in ("EUR", "USD"):  # "announced a $2.3 billion package for Ukraine"
            supplier = code_of(nearest_subject(parties, amount.start, ctx.sentence.start,
                                                amount))
            recipient = code_of(after_prep(after, ("for", "to"), amount))
            how = said(("supplier before the amount", supplier),
                       ("recipient after 'for'", recipient))
    makers = next((p for p in parties if p.prep == "from" and p.mention.start > amount.end
                   and _FROM_MAKERS.match(text, p.mention.end) and re.search(
                       r"\b(?:buy|buying|bought|purchas\w*|order\w*)\b",
                       text[amount.end:p.mention.start])),
                  None) if amount.unit in ("EUR", "USD") else None
    if makers is not None and supplier == makers.mention.code:
        funder = nearest_subject(parties, amount.start, ctx.sentence.start, amount)
        if funder is not None and funder.mention.code != makers.mention.code:
            supplier, recipient = funder.mention.code, recipient or makers.mention.code
            how = said(("supplier: who pays", supplier),  # "Denmark will put €563 million
                       ("recipient: whose makers it buys from", recipient))  # into buying
            # weapons directly from Ukrainian manufacturers"
    if (verb is None or verb.noun) and supplier is None and amount.unit != "percent":
        owner = next((p for p in parties if (p.possessive or p.adjective)
                      and p.mention.end <= amount.start
                      and re.match(r"(?:['\u2019]s?)?\s+(?:\w+\s+)?(?:exports|re-exports|shipments"
                                   r"|deliveries|sales)\b", text[p.mention.end:amount.start])),
                     None)  # (or "Chinese exports of machine tools to Russia totaled ...")
        if owner is not None and owner.mention.code != recipient:
            supplier = owner.mention.code  # "Armenia's exports of microelectronics to Russia
            how += "; supplier: whose exports"  # jumped to about $180 million"
    if amount.unit == "percent":  # "70% of Moscow's imports", "half of all Russian shells"
        supplier, recipient, share_how = share_flow(ctx, amount, supplier, recipient)
        how += share_how
    source = next((p for p in parties if 0 <= p.mention.start - amount.end <= 25
                   and p.prep == "from"), None)
    if amount.kind == "elliptic" and source is not None and re.search(
            r"\bincluding\b", text[max(0, amount.start - 30):amount.start]):
        supplier = source.mention.code  # "..., including about 300,000 from South Korean stocks"
        how += "; supplier: after 'from' (a part from another supplier)"
    if supplier is None and amount.origin is not None:
        supplier = amount.origin
        how += "; supplier: the demonym of the goods"
    if supplier is None:
        made = _made_by(ctx, amount, verb)
        if made is not None:
            supplier = made
            how += "; supplier: 'X-supplied' goods"
    if recipient is None and verb is not None and verb.kind in ("give", "pledge"):
        # "Norway will give Ukraine ..., while Sweden has pledged 3,000 rounds"
        for other in ctx.verbs:
            if other is verb or other.kind not in ("give", "pledge"):
                continue
            near = next((p for p in parties if 0 <= p.mention.start - other.end <= 8
                         and not p.possessive and p.prep != "via"), None) or next(
                (p for p in parties if p.prep in ("to", "into") and other.end <= p.mention.start
                 and (p.mention.start < verb.start or other.start > verb.start)), None)
            # ("to send shells to Russia after shipping 28,000 containers")
            if near is not None and near.mention.code != supplier:
                recipient = near.mention.code
                how += "; recipient: the one given to elsewhere in the sentence"
                break
    if recipient is None and verb is not None and verb.kind == "give":
        buyers = next((p for p in parties if p.mention.start > amount.end and re.search(
            r"\bto\s+(?:companies|firms|buyers|customers|plants|factories|traders)\s+(?:based\s+"
            r"|registered\s+|located\s+)?in\s+(?:the\s+)?$",
            text[max(0, p.mention.start - 50):p.mention.start], re.I)), None)
        if buyers is not None and buyers.mention.code != supplier:  # "to companies
            recipient = buyers.mention.code  # registered in the Alabuga zone"
            how += "; recipient: where the buyers are"
    if recipient is None and verb is not None and verb.kind in ("give", "pledge"):
        party = next((p for p in parties if p.mention.end <= verb.start and re.search(
            r"\b(?:contract|deal|agreement)\s+with\s+(?:the\s+)?$",
            text[max(0, p.mention.start - 30):p.mention.start])), None)
        if party is not None and party.mention.code != supplier:  # "signed a contract with
            recipient = party.mention.code  # Ukraine's defence ministry to deliver"
            how += "; recipient: whom the contract is with"
    if recipient is None and verb is not None and verb.kind == "give":
        hands = next((p for p in parties if p.mention.start > amount.end and re.search(
            r"\bin(?:to)?\s+the\s+hands\s+of\s+(?:the\s+)?$", text[:p.mention.start][-30:])),
            None)
        if hands is not None:  # "put about 12,000 drones in the hands of Ukrainian troops"
            recipient = hands.mention.code
            how += "; recipient: in whose hands they were put"
    if recipient is None and verb is not None and verb.kind in ("give", "pledge"):
        made_in = next((p for p in parties if p.prep == "in" and p.mention.start >= amount.end
                        and re.search(r"(?:^|\bfor)\s+(?:[\w\-]+\s+){0,4}?(?:made|built|produced"
                                      r"|manufactured|assembled)\s+(?:locally\s+)?in\s+(?:the\s+)?$",
                                      text[amount.end:p.mention.start])), None)
        if made_in is not None and made_in.mention.code != supplier:
            recipient = made_in.mention.code  # "pledged €500m for long-range drones made
            how += "; recipient: where the goods paid for are made"  # in Ukraine"
    if supplier is not None and supplier == recipient:
        recipient = None
    if joint:
        how += "; supplier: several together (none alone)"
    if how.strip("; "):
        why.append(f"flow: {how.strip('; ')}")
    return supplier, recipient


def context_flow(ctx: Context, record: dict[str, Any], verb: Verb | None,
                  why: list[str]) -> None:
    """A party the sentence does not name comes from the claim before it in the article
    ("It also sent ...", "Germany alone supplied 170,000 rounds"), and is said so."""
    supplier, recipient = record.get("supplier"), record.get("recipient")
    last_supplier, last_recipient = ctx.doc.flow
    # neither named: the sentence goes on about the claim before ("It also sent ...", "the
    # bloc had promised ...")
    pronoun = supplier is None and recipient is None
    unnamed = UNNAMED.search(ctx.sentence.text) is not None or any(  # "from its partners"
        "several together" in w for w in why)
    if supplier is None and last_supplier and last_supplier != recipient and not unnamed and (
            recipient == last_recipient or pronoun):
        record["supplier"] = supplier = last_supplier
        why.append("supplier: the article's claim before names it")
    if recipient is None and last_recipient and last_recipient != supplier and (
            supplier is not None or pronoun):
        record["recipient"] = recipient = last_recipient
        why.append("recipient: the article's claim before names it")
    if supplier is not None or recipient is not None:
        ctx.doc.flow = (supplier or last_supplier, recipient or last_recipient)


def _speaking(ctx: Context, verb: Verb) -> Party | None:
    """"The Netherlands said on Wednesday it would buy ...": "it" (or "they", "we") after
    an attribution is the party that speaks, and so is a quoted "we" before it."""
    text = ctx.doc.text
    we = re.search(r"\b[Ww]e\b", text[ctx.sentence.start:verb.start]) is not None
    before = sorted((a for a in ctx.attributions if a.end <= verb.start), key=lambda a: -a.end)
    for a in before + [a for a in ctx.attributions if a.end > verb.start]:  # the nearest
        # first: "Norway said it would spend $47m, and the Netherlands said it would send 50"
        if a.end <= verb.start and re.search(r"\b(?:it|they|we)\b", text[a.end:verb.start]) \
                and not re.search(r"[;.]", text[a.end:verb.start]) or we and a.start >= verb.end:
            # "The Netherlands said it would ...", "“We have sent ...,” Poland's minister said"
            found = [m for m in ctx.doc.mentions if a.start <= m.start < a.end
                     and m.field == "party"]
            if len({m.code for m in found}) > 1:  # "CSG, which hunts for shells outside
                found = [m for m in found if not re.search(  # Europe, said it": not Europe
                    r"\b(?:" + "|".join(LOCATION) + r")\s+(?:the\s+)?$",
                    text[max(0, m.start - 20):m.start], re.IGNORECASE)]
            if len({m.code for m in found}) == 1:
                return Party(found[0], "", False, False)
    return None


def _made_by(ctx: Context, amount: Amount, verb: Verb | None) -> str | None:
    """"North Korean-supplied ammunition": the demonym before "-supplied" or "-made"; "155mm
    rounds made in Serbia have been delivered", "shells made by Rheinmetall were sent": the
    party after "made in/by", when no one before the amount gave them."""
    text = ctx.doc.text
    for p in ctx.parties:
        tail = text[p.mention.end:p.mention.end + 12]
        if p.mention.kind == "demonym" and p.mention.start < amount.end and re.match(
                r"-(?:supplied|made|produced|built|funded|financed)", tail):
            return p.mention.code  # ("Dutch-funded contracts have put 12,000 drones ...")
        if (verb is None or verb.start >= amount.end) and \
                amount.end <= p.mention.start < amount.end + 60 and re.fullmatch(
                r"(?:\s+of\s+[\w\-]+(?:\s+[\w\-]+){0,2})?\s+(?:made|built|produced|manufactured)"
                r"\s+(?:in|by)\s+(?:the\s+)?", text[amount.end:p.mention.start], re.IGNORECASE):
            return p.mention.code
    return None

