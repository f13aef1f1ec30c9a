"""The state the `rules` date tagger's recognizers share: tokens, DCT, anchors and tense cues."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from baselines.dates_rules.lexicon import Lexicon, Tok, norm, readings, strip_marks


@dataclass(frozen=True)
class Found:
    """An expression a recognizer found, from the token it was asked about."""

    end: int
    """Token index one past its last token."""
    type: str
    """DATE, TIME, DURATION or SET."""
    value: str
    """TIMEX3 value (``T19:00`` for a clock time whose day is filled in later)."""
    mod: str | None = None
    """TIMEX3 modifier."""
    anchor: str | int | None = None
    """``"dct"``, the start offset of the anchoring expression, or None."""
    day: dt.date | None = None
    """The calendar day it names, if any (what "اليوم التالي" may count from)."""
    calendar: bool = False
    """True when the day is named by a date or weekday, not by a word relative to the DCT."""
    kind: str = ""
    """A recognizer's tag: ``holiday``, ``clock``."""


class Ctx:
    """One document being tagged: tokens, DCT, lexicon and the anchors found so far."""

    def __init__(self, toks: list[Tok], dct: dt.date, lex: Lexicon) -> None:
        self.toks = toks
        self.dct = dct
        self.lex = lex
        self.anchors: list[tuple[int, dt.date, bool]] = []
        ends = lex.words("sentence_end")
        sentence, self.sentence = 0, []
        for tok in toks:
            sentence += tok.brk
            self.sentence.append(sentence)
            sentence += tok.kind == "p" and tok.norm in ends

    def t(self, i: int) -> str:
        """Lookup form of token ``i`` (any kind), or "" outside the document."""
        return self.toks[i].norm if 0 <= i < len(self.toks) else ""

    def w(self, i: int) -> str:
        """Lookup form of token ``i`` if it is a word, else ""."""
        return self.t(i) if 0 <= i < len(self.toks) and self.toks[i].kind == "w" else ""

    def num(self, i: int) -> int | None:
        """The value of token ``i`` if it is a number, else None."""
        if 0 <= i < len(self.toks) and self.toks[i].kind == "n":
            return int(self.toks[i].text)
        return None

    def digits(self, i: int) -> int:
        """How many digits token ``i`` has (0 when it is not a number)."""
        return len(self.toks[i].text) if self.num(i) is not None else 0

    def adjacent(self, i: int) -> bool:
        """True when token ``i`` follows token ``i - 1`` with no space between."""
        return 0 < i < len(self.toks) and self.toks[i - 1].end == self.toks[i].start

    def joined(self, i: int) -> bool:
        """True when token ``i`` is on the same line as token ``i - 1``."""
        return 0 < i < len(self.toks) and not self.toks[i].brk

    def prev(self, i: int) -> str:
        """Lookup form of the token before ``i`` on the same line, or ""."""
        return self.t(i - 1) if self.joined(i) else ""

    def prev_in(self, i: int, key: str) -> bool:
        """True when the token before ``i`` (on its line), with or without a proclitic, is in
        list ``key`` ("وتيار المستقبل" like "تيار المستقبل")."""
        if not self.joined(i):
            return False
        words = self.lex.words(key)
        return any(form in words for _, form in readings(self.toks[i - 1]))

    def phrase(self, i: int, key: str, first: str | None = None) -> tuple[Any, int] | None:
        """(value, end) of the longest phrase of list ``key`` starting at token ``i``.

        ``first`` replaces the lookup form of token ``i`` (a form with its proclitic removed).
        """
        head = self.t(i) if first is None else first
        for words, value in self.lex.phrases(key).get(head, []):
            if all(self.t(i + k) == word and self.joined(i + k)
                   for k, word in enumerate(words[1:], 1)):
                return value, i + len(words)
        return None

    def last_anchor(self) -> tuple[int, dt.date] | None:
        """(start, day) of the latest calendar date found so far, else of any day found."""
        for wanted in (True, False):
            for start, day, calendar in reversed(self.anchors):
                if calendar or not wanted:
                    return start, day
        return None

    def tense(self, start: int, end: int) -> int | None:
        """-1 past, 1 future, from the nearest tense cue around tokens ``start:end``."""
        window = int(self.lex.tense("window"))
        sentence = self.sentence[start] if start < len(self.toks) else -1
        for distance in range(1, window + 1):
            for i in (start - distance, end - 1 + distance):
                if 0 <= i < len(self.toks) and self.sentence[i] == sentence:
                    cue = self._cue(self.toks[i])
                    if cue is not None:
                        return cue
        return None

    def _cue(self, tok: Tok) -> int | None:
        if tok.kind != "w":
            return None
        bare = strip_marks(tok.text)
        forms = [bare] + [bare[len(p):] for p in self.lex.tense("particles")
                          if bare.startswith(p) and len(bare) > len(p) + 2]
        for form in forms:
            if norm(form) in self.lex.words("tense_future"):
                return 1
            if norm(form) in self.lex.words("tense_past"):
                return -1
            if self._future_verb(form):
                return 1
        return None

    def _future_verb(self, form: str) -> bool:
        """True for a verb with the future prefix سـ (سيتحدث، ستعقد), by its shape."""
        return (len(form) >= int(self.lex.tense("future_min_length"))
                and form.startswith(tuple(self.lex.tense("future_prefixes")))
                and not form.startswith(tuple(self.lex.tense("not_future_prefixes"))))
