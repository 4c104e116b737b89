"""Sentences and the catalogue's words in a text: our own small tokenizer, sentence splitter
and phrase matcher, built from the catalogue's news words.

They replace spaCy's blank English pipeline (tokenizer, sentencizer, ``PhraseMatcher``),
which gave the same sentences and words on our articles but cost a whole command twice
its time: importing spaCy took about 0.55 s and building its pipeline 0.25 s, against a
few milliseconds here (the numbers are in docs/drafting.md). The rules follow spaCy's:

- a token is a word (letters), a number ("3,000,000", "4.8", "1990s"), a dotted
  abbreviation or initial ("U.S.", "e.g.", "Gen.", "N."), a web address, or any other
  single character; a possessive "'s" is a token of
  its own; digits and letters are apart ("152mm" is "152" "mm");
- a sentence ends at a ".", "!" or "?" token, after the closing quotes and brackets that
  follow it, and never runs across a line break;
- a phrase of the catalogue matches a run of tokens whose keys (``norm``) equal the
  phrase's, hyphens left out; short acronyms ("US", "SAM") only as written; a capitalised
  name not in lower case ("turkey"); the longest match wins, then the earliest.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from supplyline.events import Catalogue

# abbreviations whose period ends no sentence ("Col. Ants", "Jan. 5", "e.g.")
ABBREVIATIONS = frozenset((
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Col.", "Lt.", "Maj.", "Capt.", "Sgt.",
    "Brig.", "Cmdr.", "Adm.", "Sen.", "Rep.", "Gov.", "Amb.", "Rev.", "Ret.", "St.", "Mt.",
    "Jr.", "Sr.", "Co.", "Corp.", "Inc.", "Ltd.", "Bros.", "No.", "Nos.", "vs.", "v.",
    "approx.", "est.", "ca.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.",
    "Sept.", "Oct.", "Nov.", "Dec.", "Messrs.", "co.",
    # US states as wire copy abbreviates them ("its plant in Camden, Ark., a record")
    "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.", "Ill.",
    "Ind.", "Kan.", "Ky.", "La.", "Md.", "Mass.", "Mich.", "Minn.", "Miss.", "Mo.", "Mont.",
    "Neb.", "Nev.", "Okla.", "Ore.", "Pa.", "Tenn.", "Tex.", "Va.", "Vt.", "Wash.", "Wis.",
    "Wyo."))
_TOKEN = re.compile(
    r"(?P<url>(?:https?://|www\.)\S*[^\s.,;:!?)\]\"'\u201d\u2019])"
    r"|(?P<dotted>(?:[^\W\d_]\.){2,}(?![^\W\d_]))"  # U.S., E.U., e.g., a.m.
    r"|(?P<number>\d+(?:[.,:]\d+)*(?:s\b)?)"  # 3,000,000  4.8  10:32  1990s
    r"|(?P<ellipsis>\.{2,}|\u2026)"
    r"|(?P<possessive>['\u2019]s(?![^\W_]))"  # Russia's
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<other>\S)")
# institutions news copy names for their state (news words only, as capitals are)
_INSTITUTIONS = (("Pentagon", "US"), ("Congress", "US"), ("Bundeswehr", "DE"), ("Whitehall", "GB"),
                 ("Downing Street", "GB"), ("Elysee", "FR"), ("Kremlin", "RU"),
                 ("Biden administration", "US"), ("Trump administration", "US"),
                 ("bloc", "EU"),  # "the bloc promised Ukraine a million shells"
                 ("Self-Defense Forces", "JP"), ("Self-Defence Forces", "JP"),
                 ("State Department", "US"), ("White House", "US"),
                 ("Defense Department", "US"), ("Department of Defense", "US"),
                 ("US Army", "US"), ("U.S. Army", "US"), ("Rada", "UA"),
                 ("Verkhovna Rada", "UA"), ("Bundestag", "DE"),
                 # leaders and ministers news copy names for their state ("Macron promised to
                 # deliver 600 bombs"); only names that stand for one state through the war
                 ("Macron", "FR"), ("Lecornu", "FR"), ("Zelensky", "UA"), ("Zelenskyy", "UA"),
                 ("Zelenskiy", "UA"), ("Shmyhal", "UA"), ("Umerov", "UA"), ("Syrskyi", "UA"),
                 ("Budanov", "UA"), ("Putin", "RU"), ("Shoigu", "RU"), ("Belousov", "RU"),
                 ("Biden", "US"), ("Blinken", "US"), ("Hegseth", "US"), ("Scholz", "DE"),
                 ("Merz", "DE"), ("Pistorius", "DE"), ("Sunak", "GB"), ("Starmer", "GB"),
                 ("Healey", "GB"), ("Erdogan", "TR"), ("Meloni", "IT"), ("Tusk", "PL"),
                 ("Duda", "PL"), ("Kosiniak-Kamysz", "PL"), ("Fiala", "CZ"), ("Orban", "HU"),
                 ("Lukashenko", "BY"), ("Kim Jong Un", "KP"), ("Xi Jinping", "CN"),
                 ("Frederiksen", "DK"), ("Kristersson", "SE"), ("Pevkur", "EE"),
                 ("Stoltenberg", "NATO"), ("von der Leyen", "EU"), ("Kubilius", "EU"))
# arms makers news copy names for their home state's supply or output ("Rheinmetall expects
# to make 700,000 shells", "Baykar has delivered 50 drones to Ukraine"); news words only
FIRMS = (("Rheinmetall", "DE"), ("Diehl", "DE"), ("Krauss-Maffei Wegmann", "DE"),
          ("Hensoldt", "DE"), ("Nexter", "FR"), ("Thales", "FR"), ("Safran", "FR"),
          ("BAE Systems", "GB"), ("Lockheed Martin", "US"), ("Lockheed", "US"),
          ("Raytheon", "US"), ("RTX", "US"), ("General Dynamics", "US"),
          ("Northrop Grumman", "US"), ("L3Harris", "US"), ("AeroVironment", "US"),
          ("Kongsberg", "NO"), ("Saab", "SE"), ("Patria", "FI"),
          ("Czechoslovak Group", "CZ"), ("Excalibur Army", "CZ"),
          ("Polska Grupa Zbrojeniowa", "PL"), ("PGZ", "PL"), ("Mesko", "PL"),
          ("Dezamet", "PL"), ("MSM Group", "SK"), ("ZVS Holding", "SK"), ("Baykar", "TR"),
          ("Roketsan", "TR"), ("Aselsan", "TR"), ("MKE", "TR"), ("MKEK", "TR"),
          ("Repkon", "TR"), ("Hanwha", "KR"), ("Poongsan", "KR"), ("Elbit", "IL"),
          ("Rafael", "IL"), ("Leonardo", "IT"), ("Ukroboronprom", "UA"), ("Rostec", "RU"),
          ("Almaz-Antey", "RU"), ("Uralvagonzavod", "RU"), ("Alabuga", "RU"),
          ("Kalashnikov Concern", "RU"), ("ZALA", "RU"), ("Kupol", "RU"),
          ("Tactical Missiles Corporation", "RU"), ("Novator", "RU"), ("Splav", "RU"),
          ("Techmash", "RU"), ("Mecar", "BE"), ("FN Herstal", "BE"), ("Eurenco", "FR"),
          ("KNDS France", "FR"), ("KNDS Deutschland", "DE"), ("Chemring", "GB"),
          ("Mitsubishi Heavy Industries", "JP"), ("Kawasaki Heavy Industries", "JP"),
          ("Kobe Steel", "JP"), ("Daikin", "JP"), ("Romarm", "RO"), ("Krusik", "RS"),
          ("Yugoimport", "RS"), ("Rheinmetall Expal Munitions", "ES"), ("Expal", "ES"),
          ("Explosia", "CZ"), ("Colt CZ", "CZ"), ("CSG", "CZ"), ("Nitro-Chem", "PL"),
          ("Forcit", "FI"), ("Munitions India", "IN"), ("Day & Zimmermann", "US"),
          ("American Ordnance", "US"), ("LIG Nex1", "KR"), ("Norinco", "CN"),
          ("Denel", "ZA"))
# what news copy calls the catalogue's items beyond its aliases (news words only; the
# catalogue, which logs carry, is unchanged): weapons by name, and plain descriptions
ITEM_WORDS = (
    ("Iskanders", "missile_srbm", True), ("KABs", "glide_bomb", True),
    ("small-arms rounds", "ammo_small_arms", False), ("small arms rounds", "ammo_small_arms",
                                                       False),
    ("small-arms ammunition", "ammo_small_arms", False),
    ("Ababil", "missile_srbm", True),
    ("microchips", "microelectronics", False), ("electronic components", "microelectronics",
                                                  False),
    ("electronics", "microelectronics", False), ("semiconductors", "microelectronics", False),
    ("integrated circuits", "microelectronics", False),
    ("dual-use components", "microelectronics", False),
    ("CNC machines", "machine_tools", False), ("machine-tools", "machine_tools", False),
    ("Stinger", "missile_air_defence", True), ("Stingers", "missile_air_defence", True),
    ("Piorun", "missile_air_defence", True), ("Pioruns", "missile_air_defence", True),
    ("Strela", "missile_air_defence", True), ("Mistral", "missile_air_defence", True),
    ("Starstreak", "missile_air_defence", True), ("Aster", "missile_air_defence", True),
    ("Asters", "missile_air_defence", True), ("LMM", "missile_air_defence", True),
    ("LMMs", "missile_air_defence", True),
    ("Lightweight Multirole Missiles", "missile_air_defence", False),
    ("IRIS-T SLM missiles", "missile_air_defence", False),
    ("anti-aircraft missiles", "missile_air_defence", False),
    ("shoulder-fired missiles", "missile_air_defence", False),
    ("air-defence missiles", "missile_air_defence", False),
    ("air-defense missiles", "missile_air_defence", False),
    ("interceptor drones", "drone_combat", False),
    ("long-range attack drones", "drone_shahed", False), ("Shaheds", "drone_shahed", True),
    ("Gerans", "drone_shahed", True), ("Shahed-type", "drone_shahed", False),
    ("wing kits", "glide_bomb", False), ("UMPK kits", "glide_bomb", False),
    ("guided bombs", "glide_bomb", False), ("AASM Hammer", "glide_bomb", True),
    ("JDAM kits", "glide_bomb", False), ("Storm Shadows", "missile_cruise", True),
    ("Kalibrs", "missile_cruise", True), ("Lancet", "drone_combat", True),
    ("Lancets", "drone_combat", True), ("loitering munitions", "drone_combat", False),
    ("Garpiya", "drone_combat", True), ("Garpiyas", "drone_combat", True),
    ("Molniya", "drone_combat", True), ("Molniyas", "drone_combat", True),
    ("Switchblade", "drone_combat", True), ("Switchblades", "drone_combat", True),
    ("Warmate", "drone_combat", True), ("Warmates", "drone_combat", True),
    ("TB2", "drone_combat", True), ("TB2s", "drone_combat", True),
    ("Brimstone", "missile_unspecified", True), ("Brimstones", "missile_unspecified", True),
    ("Sidewinder", "missile_air_defence", True), ("Sidewinders", "missile_air_defence", True),
    ("AIM-9", "missile_air_defence", True), ("AIM-9M", "missile_air_defence", True),
    ("AIM-9Ms", "missile_air_defence", True), ("AIM-9X", "missile_air_defence", True),
    ("AIM-9Xs", "missile_air_defence", True), ("PAC-2", "missile_air_defence", True),
    ("GEM-T", "missile_air_defence", True), ("AMRAAMs", "missile_air_defence", True),
    ("ESSM", "missile_air_defence", True), ("Sea Sparrow", "missile_air_defence", True),
    ("HAWK missiles", "missile_air_defence", False),
    ("NLAW", "missile_unspecified", True), ("NLAWs", "missile_unspecified", True),
    ("Javelin", "missile_unspecified", True), ("Javelins", "missile_unspecified", True),
    ("anti-tank missiles", "missile_unspecified", False),
    ("Tomahawk", "missile_cruise", True), ("Tomahawks", "missile_cruise", True),
    ("JASSM", "missile_cruise", True), ("JASSMs", "missile_cruise", True),
    ("SCALPs", "missile_cruise", True), ("SCALP-EGs", "missile_cruise", True),
    ("Kh-101s", "missile_cruise", True), ("Neptunes", "missile_cruise", True),
    ("KN-23s", "missile_srbm", True), ("ATACMS missiles", "missile_srbm", False),
    ("Excalibur", "shell_155mm", True), ("Krasnopol", "shell_152mm", True),
    ("3M-14", "missile_cruise", True), ("3M-14 Kalibr", "missile_cruise", True),
    ("Kh-69", "missile_cruise", True), ("9M728", "missile_cruise", True),
    ("9M729", "missile_cruise", True), ("9M723", "missile_srbm", True),
    ("Guided Multiple Launch Rocket System", "rocket_227mm", False),
    ("Guided Multiple Launch Rocket System rounds", "rocket_227mm", False),
    # ("122mm" alone may be a rocket's calibre; its ammunition for guns is a shell)
    ("122mm ammunition", "shell_122mm", False), ("122mm artillery ammunition", "shell_122mm",
                                                  False))
_ENDS = frozenset(".!?\u203c\u203d\u2047\u2048\u2049\uff01\uff0e\uff1f\u3002")
_TYPOGRAPHIC = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2010": "-",
                              "\u2011": "-", "\u2013": "-", "\u2014": "-"})
_MILLIMETRES = re.compile(r"^(?:millimet(?:er|re)s?|mm)$")
_HYPHENS = frozenset(("-", "\u2010", "\u2011", "\u2013"))
_LOCK = threading.Lock()
_PIPELINES: dict[tuple[tuple[str, str, str, str, bool], ...], Pipeline] = {}


@dataclass(frozen=True)
class Mention:
    """A party or an item named in the text, with its code."""

    start: int
    end: int
    code: str
    field: str  # "party" or "item"
    kind: str  # "name", "alias", "demonym" or "place"
    text: str


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


def norm(word: str) -> str:
    """A token's matching key: case, accents, typographic quotes, a plural "s" and the way
    millimetres are written don't matter (as the catalogue's own lookups)."""
    w = word.translate(_TYPOGRAPHIC).casefold()
    if not w.isascii():
        w = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
    if _MILLIMETRES.match(w):
        return "mm"
    if (len(w) > 3 or w[:1].isdigit()) and w.endswith("s") and not w.endswith(
            ("ss", "us", "'s")):
        return w[:-1]
    return w


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``text[start:end]`` with their offsets in ``text``."""
    out: list[Token] = []
    stop = len(text) if end is None else end
    for m in _TOKEN.finditer(text, start, stop):
        a, b = m.span()
        if out and out[-1].end > a:
            if b <= out[-1].end:
                continue  # the period an abbreviation took
            a = out[-1].end  # ("A.." : the initial took one period, the other is a token)
        if m.lastgroup == "word" and text.startswith(".", b) and (
                text[a:b + 1] in ABBREVIATIONS or b - a == 1 and text[a].isupper()):
            b += 1  # "Gen." and an initial ("N. Korea") are one token
        out.append(Token(a, b, text[a:b]))
    return out


def _is_punct(token: str) -> bool:
    return all(unicodedata.category(c).startswith("P") for c in token)


def _ends(text: str, t: Token) -> bool:
    """Whether a token ends a sentence: ".", "!" or "?", but not a period inside a word
    ("kyivindependent.com"), unless a capital follows it right after a lower-case letter
    ("delivered.The")."""
    if t.text not in _ENDS:
        return False
    after = text[t.end:t.end + 1]
    if t.text != "." or not after or after.isspace() or _is_punct(after):
        return True
    before = text[t.start - 1:t.start]
    return before.islower() and after.isupper()


def sentences(text: str, toks: list[Token]) -> list[tuple[int, int]]:
    """Sentence spans over one line's tokens: a sentence ends after a ".", "!" or "?"
    token and the punctuation (closing quotes, brackets) that follows it."""
    out = []
    first = 0
    seen_end = False
    for i, t in enumerate(toks):
        if seen_end and not _is_punct(t.text):
            out.append((toks[first].start, toks[i - 1].end))
            first, seen_end = i, False
        elif _ends(text, t):
            seen_end = True
    if toks:
        out.append((toks[first].start, toks[-1].end))
    return out


class Matcher:
    """The catalogue's words as token-key sequences, matched longest first."""

    def __init__(self, words: tuple[tuple[str, str, str, str, bool], ...]) -> None:
        # key sequence -> (field, code, kind, capitalised name); exact-case phrases apart
        self.folded: dict[tuple[str, ...], tuple[str, str, str, bool]] = {}
        self.exact: dict[tuple[str, ...], tuple[str, str, str, bool]] = {}
        self.longest = 1
        for phrase, code, field, kind, case_sensitive in words:
            label = (field, code, kind, phrase[:1].isupper() and not case_sensitive)
            table = self.exact if case_sensitive else self.folded
            for form in _variants(phrase):
                key = form if case_sensitive else tuple(norm(t) for t in form)
                table.setdefault(key, label)
                self.longest = max(self.longest, len(key))

    def find(self, text: str, toks: list[Token]) -> list[Mention]:
        """The catalogue's words among ``toks``: the longest match first, then the
        earliest, none overlapping. Hyphens don't count ("first-person-view drones" is
        "first-person view drones", "152-mm" is "152mm")."""
        toks = [t for t in toks if t.text not in _HYPHENS]
        keys = [norm(t.text) for t in toks]
        found: list[tuple[int, int, tuple[str, str, str, bool]]] = []
        for i in range(len(toks)):
            for n in range(min(self.longest, len(toks) - i), 0, -1):
                label = self.folded.get(tuple(keys[i:i + n]))
                if label is not None and not (label[3] and toks[i].text.islower()):
                    found.append((i, i + n, label))
                label = self.exact.get(tuple(t.text for t in toks[i:i + n]))
                if label is not None:
                    found.append((i, i + n, label))
        taken: set[int] = set()
        out = []
        for a, b, label in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
            if taken.isdisjoint(range(a, b)):
                taken.update(range(a, b))
                start, end = toks[a].start, toks[b - 1].end
                out.append(Mention(start, end, label[1], label[0], label[2], text[start:end]))
        return sorted(out, key=lambda m: m.start)


def _variants(phrase: str) -> set[tuple[str, ...]]:
    """The phrase's tokens without its hyphens ("152mm", "152 mm" and "152-mm" are one
    phrase)."""
    return {tuple(t.text for t in tokens(phrase) if t.text not in _HYPHENS)}


class Pipeline:
    """Sentences and catalogue words of a text, for one catalogue."""

    def __init__(self, words: tuple[tuple[str, str, str, str, bool], ...]) -> None:
        self.matcher = Matcher(words)

    def read(self, text: str) -> tuple[list[Sentence], list[Mention]]:
        """Sentences (never across a line break) and the catalogue's words in ``text``."""
        found: list[Sentence] = []
        mentions: list[Mention] = []
        for offset, line in _lines(text):
            toks = tokens(text, offset, offset + len(line))
            for start, end in sentences(text, toks):
                found.append(Sentence(start, end, text[start:end]))
            mentions += self.matcher.find(text, toks)
        return found, _firms_abroad(text, mentions)


_FIRM_NAMES = frozenset(name for name, _ in FIRMS)


def _firms_abroad(text: str, mentions: list[Mention]) -> list[Mention]:
    """A firm named with a state is that state's arm of the firm: "Thales Australia",
    "Rheinmetall Hungary" (one mention, of the state)."""
    out: list[Mention] = []
    for m in mentions:
        last = out[-1] if out else None
        if last is not None and last.field == m.field == "party" and last.text in _FIRM_NAMES \
                and m.kind in ("name", "alias") and text[last.end:m.start] == " " \
                and m.text[:1].isupper():
            out[-1] = Mention(last.start, m.end, m.code, "party", "place",
                              text[last.start:m.end])
            continue
        out.append(m)
    return out


def _lines(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            yield offset, line
        offset += len(line)


def pipeline(catalogue: Catalogue) -> Pipeline:
    """The pipeline for ``catalogue``'s words, built once per process and catalogue."""
    words = catalogue_words(catalogue)
    with _LOCK:
        found = _PIPELINES.get(words)
        if found is None:
            if len(_PIPELINES) >= 4:  # a log's own catalogue changes rarely
                _PIPELINES.clear()
            found = _PIPELINES[words] = Pipeline(words)
        return found


def catalogue_words(catalogue: Catalogue) -> tuple[tuple[str, str, str, str, bool], ...]:
    """The words the matcher looks for: the catalogue's news words, the codes of blocs and
    groups written as such ("EU", "NATO", and "Nato" as British papers write it; a state's
    two-letter code is an ordinary word in prose), institutions that stand for their state
    in news copy ("the Pentagon announced"), and item names without their qualifier
    ("machine tools" for "machine tools (trade value)")."""
    # (and "Victoria": a state of Australia and a part of Hong Kong before it is the
    # Seychelles' capital)
    ambiguous = {w.casefold() for w in catalogue.ambiguous} | {"victoria"}
    out = [(p.code, p.code, "party", "alias", True) for p in catalogue.parties.values()
           if p.kind != "state" and p.code.isalpha()]
    out += [(p.code.title(), p.code, "party", "alias", True) for p in catalogue.parties.values()
            if p.kind != "state" and p.code.isalpha() and len(p.code) > 2]
    out += [(phrase, code, "party", "place", False) for phrase, code in _INSTITUTIONS
            if code in catalogue.parties]
    if "EU" in catalogue.parties:  # "Europe will make 2 million shells", "European plants"
        out += [("Europe", "EU", "party", "place", True),
                ("European", "EU", "party", "demonym", True)]
    out += [(phrase, code, "party", "place", phrase.isupper()) for phrase, code in FIRMS
            if code in catalogue.parties]
    out += [(phrase, code, "item", "alias", case) for phrase, code, case in ITEM_WORDS
            if code in catalogue.items]
    for w in catalogue.news_words():
        if w.phrase.casefold() in ambiguous:
            continue
        out.append((w.phrase, w.code, w.field, w.kind, w.case_sensitive))
        if w.field == "item" and w.kind == "name":
            short = re.split(r"\s*[(,]", w.phrase, maxsplit=1)[0].strip()
            if short and short != w.phrase:
                out.append((short, w.code, w.field, "alias", False))
    return tuple(sorted(set(out)))
