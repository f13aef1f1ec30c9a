"""Word lists and tokens for the `rules` date tagger (baselines/dates_rules/__init__.py).

The lists live in ``baselines/data/timex_lexicon.yaml``; ``lexicon()`` loads and normalizes
them once. ``tokenize`` splits a document into words, numbers and punctuation marks that keep
their code-point offsets; ``readings`` gives a word's forms with an attached proclitic removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from baselines.datafile import read_yaml

LEXICON_PATH = Path(__file__).parent.parent / "data" / "timex_lexicon.yaml"
"""The hand-written word lists."""

_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_MARK = re.compile(f"[{_MARKS}\u0640]")
_TOKEN = re.compile(rf"(?:[^\W\d_]|[{_MARKS}])+|\d+|[^\w\s]")
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"})

Phrase = tuple[str, ...]
PhraseTable = dict[str, list[tuple[Phrase, Any]]]
"""Phrases indexed by their first word, longest first, each with its value."""


def strip_marks(word: str) -> str:
    """``word`` without Arabic diacritics and tatweel."""
    return _MARK.sub("", word)


def norm(word: str) -> str:
    """The lookup form of a word: no diacritics or tatweel, one alef, ى as ي, lower case."""
    return strip_marks(word).translate(_LETTERS).lower()


@dataclass(frozen=True)
class Tok:
    """A token of the document with its offsets and lookup form."""

    text: str
    """The characters as written."""
    start: int
    """Code-point offset of its first character."""
    end: int
    """Code-point offset one past its last character."""
    norm: str
    """``norm(text)``."""
    kind: str
    """``w`` word, ``n`` number (any script's digits), ``p`` punctuation."""
    brk: bool
    """True when a line break separates it from the token before."""


def tokenize(text: str) -> list[Tok]:
    """Words (diacritics included), digit runs and single punctuation marks, with offsets."""
    toks: list[Tok] = []
    last = 0
    for m in _TOKEN.finditer(text):
        word = m.group()
        kind = "n" if word[0].isdigit() else "w" if word[0].isalpha() or _MARK.match(word) else "p"
        toks.append(Tok(word, m.start(), m.end(), norm(word), kind,
                        "\n" in text[last:m.start()]))
        last = m.end()
    return toks


def _offset_after(word: str, letters: int) -> int:
    """Index in ``word`` just after its first ``letters`` letters, diacritics skipped."""
    seen = 0
    for index, char in enumerate(word):
        if seen == letters and not _MARK.match(char):
            return index
        if not _MARK.match(char):
            seen += 1
    return len(word)


def readings(tok: Tok) -> list[tuple[int, str]]:
    """(characters to skip, lookup form) for the token as written and without a proclitic.

    ``لليوم`` also reads as ``اليوم`` (ل + ال), ``وبالأمس`` as ``الامس``.
    """
    out = [(0, tok.norm)]
    if tok.kind != "w":
        return out
    article = lexicon().word("article")
    alef, lam = article[0], article[1]
    for clitic in lexicon().raw("proclitics"):
        stem = tok.norm[len(clitic):]
        if tok.norm.startswith(clitic) and len(stem) >= 2:
            if clitic.endswith(lam) and stem.startswith(lam):
                stem = alef + stem
            out.append((_offset_after(tok.text, len(clitic)), stem))
    return out


class Lexicon:
    """The YAML word lists with normalized keys, built lazily per list and kept."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data
        self._cache: dict[tuple[str, str], Any] = {}

    def raw(self, key: str) -> Any:
        """A list as written in the YAML file."""
        return self._data[key]

    def words(self, key: str) -> frozenset[str]:
        """A list of words (or the keys of a table), normalized."""
        if ("words", key) not in self._cache:
            self._cache["words", key] = frozenset(norm(str(w)) for w in self._data[key])
        return self._cache["words", key]  # type: ignore[no-any-return]

    def table(self, key: str) -> dict[str, Any]:
        """A word -> value table with normalized words."""
        if ("table", key) not in self._cache:
            self._cache["table", key] = {norm(str(k)): v for k, v in self._data[key].items()}
        return self._cache["table", key]  # type: ignore[no-any-return]

    def phrases(self, key: str) -> PhraseTable:
        """A table (or list) of phrases, indexed by first word, longest first."""
        if ("phrases", key) not in self._cache:
            entries = self._data[key]
            items = entries.items() if isinstance(entries, dict) else ((e, True) for e in entries)
            index: PhraseTable = {}
            for phrase, value in items:
                words = tuple(norm(w) for w in str(phrase).split())
                index.setdefault(words[0], []).append((words, value))
            for options in index.values():
                options.sort(key=lambda option: -len(option[0]))
            self._cache["phrases", key] = index
        return self._cache["phrases", key]  # type: ignore[no-any-return]

    def word(self, name: str) -> str:
        """A function word of the ``grammar`` table, normalized ("of" -> "من")."""
        return norm(str(self._data["grammar"][name]))

    def tense(self, key: str) -> Any:
        """An entry of the ``tense`` section."""
        return self._data["tense"][key]


@cache
def lexicon() -> Lexicon:
    """The word lists, loaded once."""
    return Lexicon(read_yaml(LEXICON_PATH))
