"""Lexicon NER baseline: gazetteer look-up with proclitic splitting, a title rule, name propagation.

The word lists live in ``baselines/data/lexicon_*`` (sources and licences in ``LEXICONS.md``):
GPE, LOC and ORG names and nationality adjectives (NORP) from CLDR, PER and ORG names from the
training split of ANERcorp, and hand-written variants, titles and function words. Look-up uses
normalized words (see ``normalize``); spans keep the document's own code-point offsets.

1. Gazetteer: at every word, the longest entry wins; a proclitic (و ف ب ل ك and combinations)
   is split off when the rest is a name, and ``للبيت`` is looked up as ``البيت`` (span ``لبيت``).
2. Title rule: after a title (``الرئيس``, ``وزير الخارجية`` ...), optionally followed by up to two
   NORP/GPE/ORG/LOC mentions, the next one or two name-like words are PER.
3. Propagation: a person found once is found again in the same document, by the full name or by
   its last word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from baselines.arabic import PROCLITICS, Token, lookup_form, split_proclitic, tokenize
from baselines.datafile import read_yaml
from bench.api import Document, Span, System

DATA = Path(__file__).parent / "data"
MARKS = re.compile("[\u0640\u064b-\u065f\u0670\u06d6-\u06ed]")
"""Tatweel and Arabic diacritics: dropped for look-up."""
FOLD = str.maketrans("أإآٱىة", "اااايه")
"""Alef variants to bare alef, alef maqsura to ya, ta marbuta to ha."""
LETTERS = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]+")
"""A normalized word made only of Arabic letters."""
GAZETTEERS = (
    ("lexicon_cldr_gpe.txt", "GPE"),
    ("lexicon_extra.yaml:gpe", "GPE"),
    ("lexicon_cldr_loc.txt", "LOC"),
    ("lexicon_extra.yaml:loc", "LOC"),
    ("lexicon_norp.txt", "NORP"),
    ("lexicon_cldr_org.txt", "ORG"),
    ("lexicon_anercorp_org.txt", "ORG"),
    ("lexicon_anercorp_per.txt", "PER"),
)
"""Gazetteer files and their labels; when two list the same name the earlier one wins."""
MODIFIERS = frozenset({"NORP", "GPE", "ORG", "LOC"})
"""Mentions that may sit between a title and the name (``الرئيس الفرنسي``, ``سفير روسيا``)."""

Candidate = tuple[int, int, str, int, int]
"""A proposed span: start, end, label, first word index, one past its last word index."""


def normalize(text: str) -> str:
    """Look-up form: tatweel and diacritics removed, أ إ آ ٱ → ا, ى → ي, ة → ه."""
    return MARKS.sub("", text).translate(FOLD)


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """``normalize(text)`` and the offset in ``text`` of each of its characters and of its end."""
    chars: list[str] = []
    where: list[int] = []
    for i, char in enumerate(text):
        if not MARKS.match(char):
            chars.append(char.translate(FOLD))
            where.append(i)
    where.append(len(text))
    return "".join(chars), where


def words(text: str) -> list[Token]:
    """``tokenize(text)`` with split-off diacritics glued back onto their word."""
    out: list[Token] = []
    for tok in tokenize(text):
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.end == tok.start
            and (
                not MARKS.sub("", tok.text)
                or (MARKS.match(prev.text[-1]) and tok.text[0].isalnum())
            )
        ):
            out[-1] = Token(prev.text + tok.text, prev.start, tok.end)
        else:
            out.append(tok)
    return out


def key(text: str) -> tuple[str, ...]:
    """A name as the tuple of its normalized words."""
    return tuple(normalize(tok.text) for tok in words(text))


def read_list(name: str) -> list[str]:
    """Entries of ``data/<file>`` (no blank or ``#`` lines) or of a ``<file>.yaml:<section>``."""
    file, _, section = name.partition(":")
    text = (DATA / file).read_text(encoding="utf-8")
    if section:
        return [str(item) for item in read_yaml(DATA / file)[section]]
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


@lru_cache(maxsize=1 << 16)  # a text repeats its words
def stripped_forms(word: str) -> tuple[tuple[str, str], ...]:
    """(stem, dictionary form) of ``word`` after each proclitic it starts with."""
    return tuple((word[len(c) :], lookup_form(c, word[len(c) :]))
                 for c in PROCLITICS if word.startswith(c))


@dataclass
class Gazetteer:
    """Names as tuples of normalized words, each with a label."""

    entries: dict[tuple[str, ...], str] = field(default_factory=dict)
    firsts: set[str] = field(default_factory=set)
    longest: int = 0

    def add(self, names: Iterable[tuple[str, ...]], label: str) -> None:
        """Add names (normalized word tuples) not already present."""
        for name in names:
            if name and all(name) and name not in self.entries:
                self.entries[name] = label
                self.firsts.add(name[0])
                self.longest = max(self.longest, len(name))

    def analyses(self, word: str) -> list[tuple[str, str]]:
        """Readings of a normalized word as (proclitic, stem), ``split_proclitic``'s first."""
        found = [split_proclitic(word, self.firsts.__contains__), ("", word)]
        found += [(c, word[len(c) :]) for c in PROCLITICS if word.startswith(c)]
        return list(dict.fromkeys(found))

    def may_start(self, word: str) -> bool:
        """False when no reading of ``word`` can be the first word of an entry (most words:
        ``match`` skips them without reading them in full)."""
        return word in self.firsts or any(len(stem) >= 2 and form in self.firsts
                                          for stem, form in stripped_forms(word))

    def match(self, norms: list[str], i: int) -> tuple[int, int, str] | None:
        """Longest entry starting at word ``i``: (proclitic length, number of words, label)."""
        best: tuple[int, int, str] | None = None
        if not self.may_start(norms[i]):
            return None
        for clitic, stem in self.analyses(norms[i]):
            first = lookup_form(clitic, stem)
            if len(stem) < 2 or first not in self.firsts:
                continue
            for n in range(min(self.longest, len(norms) - i), 0, -1):
                label = self.entries.get((first, *norms[i + 1 : i + n]))
                if label is not None:
                    if best is None or n > best[1]:
                        best = (len(clitic), n, label)
                    break
        return best


@dataclass(frozen=True)
class Lexicons:
    """Everything the tagger reads from ``data/``."""

    names: Gazetteer
    titles: Gazetteer
    stop: frozenset[str]


@lru_cache(maxsize=1)
def load() -> Lexicons:
    """Read the data files once."""
    names = Gazetteer()
    for file, label in GAZETTEERS:
        names.add((key(name) for name in read_list(file)), label)
    titles = Gazetteer()
    titles.add((key(title) for title in read_list("lexicon_titles.txt")), "TITLE")
    stop = read_list("lexicon_function_words.txt") + read_list("lexicon_anercorp_common.txt")
    return Lexicons(names, titles, frozenset(normalize(word) for word in stop))


class _Tagger:
    """The three passes over one text; ``owner`` maps each word to the span that covers it."""

    def __init__(self, text: str, lex: Lexicons) -> None:
        self.text, self.lex = text, lex
        self.toks = words(text)
        self.forms = [normalize_with_map(tok.text) for tok in self.toks]
        self.norms = [form for form, _ in self.forms]
        self.owner: dict[int, Candidate] = {}

    def candidate(self, i: int, clitic: int, n: int, label: str) -> Candidate:
        """The span of words ``i .. i+n-1`` with ``clitic`` normalized characters left out."""
        start = self.toks[i].start + self.forms[i][1][clitic]
        return (start, self.toks[i + n - 1].end, label, i, i + n)

    def take(self, cands: Iterable[Candidate]) -> None:
        """Keep the longest candidates (then the leftmost) that overlap nothing kept so far."""
        for cand in sorted(cands, key=lambda c: (c[0] - c[1], c[0])):
            if not any(w in self.owner for w in range(cand[3], cand[4])):
                self.owner.update(dict.fromkeys(range(cand[3], cand[4]), cand))

    def lookup(self, gaz: Gazetteer) -> list[Candidate]:
        """Gazetteer matches that start at a word no span covers yet."""
        cands = []
        for i in range(len(self.norms)):
            hit = None if i in self.owner else gaz.match(self.norms, i)
            if hit is not None:
                cands.append(self.candidate(i, *hit))
        return cands

    def name_like(self, word: str, first: bool) -> bool:
        """Could ``word`` be part of a name after a title? Not a function or common word."""
        if not LETTERS.fullmatch(word) or len(word) < 2 or word in self.lex.stop:
            return False
        return not word.startswith("ال" if first else "و")

    def after_title(self, k: int) -> Candidate | None:
        """The PER span after a title ending before word ``k``, past up to two modifiers."""
        for _ in range(2):
            span = self.owner.get(k)
            if span is None or span[2] not in MODIFIERS or span[3] != k:
                break
            k = span[4]
        n = 0
        while n < 2 and k + n < len(self.norms) and k + n not in self.owner:
            if not self.name_like(self.norms[k + n], first=n == 0):
                break
            n += 1
        return self.candidate(k, 0, n, "PER") if n else None

    def titled(self) -> list[Candidate]:
        """Names found by the title rule."""
        found = []
        for _start, _end, _label, i, j in self.lookup(self.lex.titles):
            if not any(w in self.owner for w in range(i, j)):
                cand = self.after_title(j)
                if cand is not None:
                    found.append(cand)
        return found

    def propagate(self) -> list[Candidate]:
        """Later mentions of the persons found so far, by full name or last word."""
        names = Gazetteer()
        for start, end, label, _i, _j in sorted(set(self.owner.values())):
            name = key(self.text[start:end])
            if label == "PER":
                names.add([name], "PER")
                if len(name) > 1 and self.name_like(name[-1], first=True):
                    names.add([name[-1:]], "PER")
        return self.lookup(names)

    def spans(self, doc_id: str) -> list[Span]:
        """Run the passes; return the spans in document order."""
        self.take(self.lookup(self.lex.names))
        self.take(self.titled())
        self.take(self.propagate())
        kept = sorted(set(self.owner.values()))
        return [Span(doc_id, s, e, label, self.text[s:e]) for s, e, label, _i, _j in kept]


class LexiconNER(System):
    """Gazetteers from CLDR and ANERcorp's training split, nisba adjectives, titles → PER."""

    name = "lexicon"
    version = "1"
    kinds = ("spans",)
    labels = ("PER", "ORG", "GPE", "LOC", "NORP")
    regime = "external"
    resources = (
        "CLDR 47 Arabic territory and exemplar-city names via Babel (Unicode License v3): GPE, "
        "LOC, ORG, and NORP adjectives derived by the nisba rule",
        "ANERcorp training split, first 125,102 tokens (Benajiba, Rosso and Benedí 2007; "
        "CC BY-SA 4.0): PER and ORG names seen at least twice, common words",
        "hand-written demonym exceptions, name variants, G20 capitals, regions, titles and "
        "function words (general knowledge)",
    )
    tuned_on_test = False

    def predict(self, doc: Document) -> list[Span]:
        """Lexicon spans for one document."""
        return _Tagger(doc.text, load()).spans(doc.id)
