"""Who makes a claim: "according to X", "X said", "said X", "X told Y", "X estimated",
", X said." at the end, "by X, who ... said". Pronouns ("according to him", "he added")
and a bare surname ("Shin said") name the source met before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_VERBS = (r"said|says|say|told|tells|tell|stated|states|estimated|estimates|estimate|wrote"
          r"|writes|reported|reports|noted|notes|claimed|claims|announced|announces|revealed"
          r"|reveals|believes|believe|assessed|assesses|assess|confirmed|confirms|added|adds"
          r"|mentioned|mentions|analy[sz]ed|analy[sz]es|assumes|assumed|warned|warns"
          r"|disclosed|discloses|indicated|indicates|concluded|explained|explains"
          r"|anticipates|calculated|calculates|suggested|suggests|thinks|expects|argued"
          r"|argues|insisted|acknowledged|admitted|alleged|observed|testified|briefed"
          r"|informed|cited|cites|counted|tallied|put\s+the\s+(?:figure|number)")
VERB = re.compile(rf"\b(?P<verb>{_VERBS})\b")
# where a source with no comma after it runs on into its clause's subject: "according to
# the Pentagon American plants now make"
_RUN_ON = re.compile(r"\s(?=(?:[A-Z][\w\-]*\s+)(?:[a-z][\w\-]*\s+){0,2}?(?:plants|factories"
                     r"|forces|troops|makers|manufacturers|producers|industry|gunners|firms"
                     r"|companies|army|units|artillery|crews|lines)\b)")
# verbs that are also plural nouns: "member states", "by most Western estimates"
_NOUN_FORMS = ("states", "reports", "notes", "claims", "estimates")
ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+(?P<src>[^,.;:\u201c\"]+?)"
                       r"(?=\s*(?:[,.;:]|$)|\s+that\b)")
_PRONOUNS = re.compile(r"^(?:he|she|him|her|they|them|the\s+(?:minister|ministry|agency|"
                       r"official|officials|spokesman|spokeswoman|spokesperson|chief|general|"
                       r"president|report|think\s+tank|institute|service|department|analysts?"
                       r"|researchers?|paper|newspaper))$", re.IGNORECASE)
_LEADING = re.compile(
    r"^(?:[-\u2022*]\s*)?(?:(?:(?:In|On|Earlier|Meanwhile|Last|Back|At|During|Since|By|After|"
    r"Before|Ahead|Later|Previously|Separately|However|Also|Still|Now|Then|This|That|Yet|But|"
    r"And|Overall|Moreover|Furthermore|Additionally|Recently|Today|Yesterday)\b[^,]{0,60},\s*)"
    r"|(?:[Aa]ccording\s+to\s+[^,]{1,80},\s*))+")
_TRAILING = re.compile(
    r"(?:\s+(?:has|have|had|also|further|earlier|previously|recently|already|then|now|once"
    r"|again|been|was|were|is|are|will|would|could|reportedly|separately|first|last\s+\w+"
    r"|this\s+\w+|on\s+\w+|in\s+(?:an?|its|his|her|their|the)\s+[\w\s\u2019']+?|in\s+\w+"
    r"|who|which))+\s*$", re.IGNORECASE)
_FILLER = re.compile(r"^(?:it|there|this|that|these|those|which|what|we|i|you|one)$",
                     re.IGNORECASE)


@dataclass(frozen=True)
class Attribution:
    """A source phrase and its verb; parties inside ``start..end`` are the source's, not
    the claim's."""

    start: int
    end: int  # after the verb (and its object up to "that")
    verb_start: int
    source: str | None  # None: the text names no one ("It is estimated that")
    pronoun: bool


def find_attributions(text: str, start: int, end: int) -> list[Attribution]:
    """The attributions in ``text[start:end]``, left to right."""
    sentence = text[start:end]
    out: list[Attribution] = []
    for m in ACCORDING.finditer(sentence):
        src = m["src"].strip()
        stop = m.end()
        run_on = _RUN_ON.search(src) if re.search(r"\d", src) else None
        if run_on is not None:  # "according to the Pentagon American plants now make about
            src = src[:run_on.start()].strip()  # 20,000 a month": no comma ends the source
            stop = m.start("src") + run_on.start()
        src = re.sub(r"^(?:an?|the)\s+(?=\S+\s+(?:report|analysis|study|assessment)\b)", "",
                     src, flags=re.IGNORECASE)
        out.append(Attribution(start + m.start(), start + stop, start + m.start(), src,
                               bool(_PRONOUNS.match(src))))
    for m in VERB.finditer(sentence):
        if re.match(r"\s+to\b", sentence[m.end():]) or re.search(
                r"\b(?:is|are|was|were|be|been|being)\s+$", sentence[:m.start()]):
            continue  # "revealed to supply", "is said to": no one is quoted
        if m["verb"] in ("added", "adds") and re.match(
                r"\s+(?:another\s+|a\s+further\s+|an\s+(?:extra|additional)\s+)?"
                r"(?:(?:about|some|around|roughly|nearly|almost|more\s+than|over)\s+)?"
                r"(?:[\u20ac$\u00a3\d]|(?:EUR|USD|GBP|DKK|SEK|NOK|CAD|PLN|CHF)\s?\d)",
                sentence[m.end():]):
            continue  # "Sweden added SEK 2 billion to its fund": a sum added, no speech
        if re.search(r",\s*$", sentence[:m.start()]) and re.match(
                r"\s+(?:on|in|last|this|earlier|late|early)\b", sentence[m.end():]) and \
                m["verb"].endswith("ed"):
            continue  # "The package, announced on Tuesday, includes": no one speaks
        if re.search(r"\b(?:an|the|its|their|our|his|her|some|a\s+further)\s+$",
                     sentence[:m.start()], re.IGNORECASE):
            continue  # "holds an estimated 4 million shells": a qualifier, not a source
        if m["verb"] in _NOUN_FORMS and not re.match(
                r"\s*(?:that\b|[,:;.\u201c\u201d\"]|$)", sentence[m.end():]):
            continue  # "EU member states had delivered": a noun
        if m["verb"] in (*_NOUN_FORMS, "estimate") and \
                re.search(r"\b(?:by|in|on|from|to|of)\s+(?:[\w\-]+\s+){0,2}$",
                          sentence[:m.start()], re.IGNORECASE):
            continue  # "by most Western estimates": a noun
        found = _source_before(sentence, m) or _source_after(sentence, m)
        if found is None:
            continue
        src_start, src_end, src, after = found
        obj_end = _object_end(sentence, after)
        out.append(Attribution(start + min(src_start, m.start()), start + max(obj_end, src_end),
                               start + m.start(), src, bool(src and _PRONOUNS.match(src))))
    return sorted(out, key=lambda a: a.start)


def _source_before(sentence: str, m: re.Match[str]) -> tuple[int, int, str | None, int] | None:
    prefix = sentence[:m.start()]
    who = re.search(r",\s*who\b[^,]*$", prefix)
    if who:  # "by the agency's head, Maria Novak, who ... said"
        antecedent = _capitalised_run(prefix[:who.start()])
        if antecedent:
            s = who.start() - len(antecedent)
            return s, who.start(), antecedent, m.end()
        return None
    if prefix.rstrip().endswith(("\u201d", '"')):
        return None
    lead = _LEADING.match(prefix)
    begin = lead.end() if lead else 0
    quote = max(prefix.rfind("\u201d"), prefix.rfind('"'))
    if quote >= begin:  # "... capacity," Shin said
        begin = quote + 1
        while begin < len(prefix) and prefix[begin] in " ,":
            begin += 1
    comma = prefix.rfind(", ", begin)
    candidate = prefix[begin:]
    from .verbs import VERBS

    if comma >= 0 and (len(candidate.split()) > 14 or re.search(r"\d", candidate)
                       or VERBS.search(prefix[begin:comma])):
        begin, candidate = comma + 2, prefix[comma + 2:]  # "..., the ministry said"
    trailing = _TRAILING.search(candidate)
    if trailing:
        candidate = candidate[:trailing.start()]
    candidate = candidate.strip(" ,")
    sub = re.match(r"(?:as|when|after|since|because|while|where|whereas|though|although|and"
                   r"|but|so|then)\s+", candidate, re.IGNORECASE)
    if sub:  # "..., as The Times reported"
        begin += sub.end()
        candidate = candidate[sub.end():]
    if not candidate:
        return None
    if _FILLER.match(candidate) or len(candidate.split()) > 14 or re.search(r"\d", candidate):
        return None
    if VERBS.search(candidate):  # "Russia sent more containers, Shin said": no source
        return None
    if candidate.split()[0].lower() in ("that", "which", "while", "although", "and", "but"):
        return None
    return begin, begin + len(candidate), candidate, m.end()


def _source_after(sentence: str, m: re.Match[str]) -> tuple[int, int, str | None, int] | None:
    """", said X." at the end of a sentence."""
    before = sentence[:m.start()].rstrip()
    if not before.endswith((",", "\u201d", '"')):
        return None
    rest = re.match(r"\s+([A-Z][^,.;]{1,80}?)\s*[.;]?\s*$", sentence[m.end():])
    if rest is None:
        return None
    return m.end() + rest.start(1), m.end() + rest.end(1), rest[1].strip(), m.end()


def _object_end(sentence: str, after: int) -> int:
    """Where the claim starts after "told a newspaper that", "wrote on X that"."""
    from .verbs import VERBS

    m = re.match(r"[^,;:\d]{0,60}?\bthat\b", sentence[after:])
    if m is None or VERBS.search(m.group(0)):
        return after  # "said North Korea sent Russia wagons that ...": the claim itself
    return after + m.end()


def _capitalised_run(text: str) -> str:
    """The trailing run of capitalised words (with possessives and commas) of ``text``."""
    words = re.findall(r"\S+\s*", text)
    run: list[str] = []
    for w in reversed(words):
        bare = w.strip().strip(",")
        if bare and (bare[0].isupper() or re.fullmatch(r"[\u2019']s", bare)):
            run.insert(0, w)
        else:
            break
    return "".join(run).strip(" ,")


class Sources:
    """Sources met so far in a document: a pronoun or a bare surname names the last one."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def resolve(self, attribution: Attribution) -> str | None:
        src = attribution.source
        if src is None:
            return None
        if attribution.pronoun:
            if self.seen:
                return self.seen[-1]
            if re.match(r"(?:he|she|him|her|they|them)$", src, re.IGNORECASE):
                return None
            # "the ministry" with no one named before: as the text says
        if re.fullmatch(r"[A-Z][\w\-]+", src):
            for earlier in reversed(self.seen):
                if src in re.findall(r"[\w\-]+", earlier):
                    return earlier
        src = src[:200].rsplit(" ", 1)[0] if len(src) > 200 else src
        self.seen.append(src)
        return src
