"""spaCy's blank English pipeline (tokenizer and sentencizer, no statistical model) and a
``Matcher`` whose patterns are generated from the catalogue's news words.

Building the pipeline costs about a quarter of a second, importing spaCy more: both happen
once per process and catalogue (``pipeline``), so the service and a command drafting
several files pay them once.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from events import Catalogue

# titles and abbreviations the sentencizer must not end a sentence at ("Col. Ants")
_ABBREVIATIONS = ("Col.", "Ret.", "Lt.", "Maj.", "Capt.", "Sgt.", "Brig.", "Cmdr.", "Adm.",
                  "Sen.", "Rep.", "Gov.", "Amb.", "Prof.", "Gen.", "Lt.-Gen.", "Maj.-Gen.",
                  "approx.", "est.", "vs.", "ca.", "Jr.", "Sr.", "No.", "Nos.", "Sept.")
_TYPOGRAPHIC = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2010": "-",
                              "\u2011": "-", "\u2013": "-", "\u2014": "-"})
_MILLIMETRES = re.compile(r"^(?:millimet(?:er|re)s?|mm)$")
_HYPHENS = ("-", "\u2010", "\u2011", "\u2013")
_LOCK = threading.Lock()
_PIPELINES: dict[Any, Pipeline] = {}


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


def norm(word: str) -> str:
    """A token's matching key: case, accents, typographic quotes, a plural "s" and the way
    millimetres are written don't matter (as the catalogue's own lookups)."""
    w = word.translate(_TYPOGRAPHIC).casefold()
    if not w.isascii():
        w = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
    if _MILLIMETRES.match(w):
        return "mm"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "'s")):
        return w[:-1]
    return w


class Pipeline:
    """The tokenizer, sentencizer and catalogue matcher for one catalogue."""

    def __init__(self, words: tuple[tuple[str, str, str, str, bool], ...]) -> None:
        from spacy.lang.en import English
        from spacy.matcher import PhraseMatcher

        class NewsDefaults(English.Defaults):  # type: ignore[misc,valid-type]
            # English's exceptions without contractions and emoticons ("don't", ":-)"),
            # which no rule here reads: a tenth of the exceptions, a third of the build
            tokenizer_exceptions = {k: v for k, v in English.Defaults.tokenizer_exceptions
                                    .items() if k.endswith(".")}

        class News(English):  # type: ignore[no-untyped-call]
            lang = "en"
            Defaults = NewsDefaults

        nlp = News()
        nlp.add_pipe("sentencizer")
        tokenizer: Any = nlp.tokenizer
        for abbreviation in _ABBREVIATIONS:
            tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
        self.nlp = nlp
        # phrases as sequences of token keys (``norm``); acronyms (US, SAM) by their exact
        # spelling
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.labels: dict[int, tuple[str, str, str]] = {}
        self.names: set[int] = set()  # labels of capitalised names: not matched in lower case
        patterns: dict[tuple[str, bool], list[Any]] = {}
        for phrase, code, field, kind, case_sensitive in words:
            label = f"{field}|{code}|{kind}"
            docs = self._variants(phrase, case_sensitive)
            key = (label + ("|name" if phrase[:1].isupper() and not case_sensitive else ""),
                   case_sensitive)
            patterns.setdefault(key, []).extend(docs)
        for (label, case_sensitive), docs in patterns.items():
            (self.exact if case_sensitive else self.matcher).add(label, docs)
            parts = label.split("|")
            self.labels[nlp.vocab.strings[label]] = (parts[0], parts[1], parts[2])
            if len(parts) == 4:
                self.names.add(nlp.vocab.strings[label])

    def _variants(self, phrase: str, case_sensitive: bool) -> list[Any]:
        """The phrase as the text may write it: with or without its hyphens, and a hyphen
        between a calibre and its unit ("152mm", "152 mm" and "152-mm" are one phrase)."""
        from spacy.tokens import Doc

        tokens = [t.text for t in self.nlp.make_doc(phrase) if not t.is_space]
        bare = [t for t in tokens if t not in _HYPHENS]
        forms = {tuple(tokens), tuple(bare)}
        for i in range(len(bare) - 1):
            if bare[i].isdigit() and norm(bare[i + 1]) == "mm":
                forms.add(tuple(bare[:i + 1] + ["-"] + bare[i + 1:]))
        docs = []
        for form in sorted(forms):
            doc = Doc(self.nlp.vocab, words=list(form))
            if not case_sensitive:
                for token in doc:
                    token.norm_ = norm(token.text)
            docs.append(doc)
        return docs

    def read(self, text: str) -> tuple[list[Sentence], list[Mention]]:
        """Sentences (never across a line break) and the catalogue's words in ``text``."""
        sentences: list[Sentence] = []
        mentions: list[Mention] = []
        from spacy.util import filter_spans

        lines = list(_lines(text))
        with _LOCK:  # one pipeline serves the service's threads
            docs = list(self.nlp.pipe(line for _, line in lines))
            for (offset, _), doc in zip(lines, docs, strict=True):
                for token in doc:
                    token.norm_ = norm(token.text)
                for sent in doc.sents:
                    s, e = _trim(sent.text)
                    if e > s:
                        start = offset + sent.start_char + s
                        end = offset + sent.start_char + e
                        sentences.append(Sentence(start, end, text[start:end]))
                matches = [(m, a, b) for m, a, b in self.matcher(doc)
                           if m not in self.names or not doc[a].is_lower] + list(
                    self.exact(doc))
                spans = [doc[a:b] for _, a, b in matches]
                labels = {(a, b): self.labels[m] for m, a, b in matches}
                for span in filter_spans(spans):
                    field, code, kind = labels[(span.start, span.end)]
                    start, end = offset + span.start_char, offset + span.end_char
                    mentions.append(Mention(start, end, code, field, kind, text[start:end]))
        return sentences, mentions


def _lines(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            yield offset, line
        offset += len(line)


def _trim(text: str) -> tuple[int, int]:
    stripped = text.lstrip()
    start = len(text) - len(stripped)
    return start, start + len(stripped.rstrip())


def pipeline(catalogue: Catalogue) -> Pipeline:
    """The pipeline for ``catalogue``'s words, built once per process."""
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
    groups written as such ("EU", "NATO"; a state's two-letter code is an ordinary word in
    prose), and item names without their qualifier ("machine tools" for "machine tools
    (trade value)")."""
    ambiguous = {w.casefold() for w in catalogue.ambiguous}
    out = [(p.code, p.code, "party", "alias", True) for p in catalogue.parties.values()
           if p.kind != "state" and p.code.isalpha()]
    for w in catalogue.news_words():
        if w.phrase.casefold() in ambiguous:
            continue
        out.append((w.phrase, w.code, w.field, w.kind, w.case_sensitive))
        if w.field == "item" and w.kind == "name":
            short = re.split(r"\s*[(,]", w.phrase, maxsplit=1)[0].strip()
            if short and short != w.phrase:
                out.append((short, w.code, w.field, "alias", False))
    return tuple(sorted(set(out)))
