"""Aligning strings to code-point offsets in a document: exact, Arabic-normalized, then fuzzy.

Systems that produce strings rather than offsets (language models, most of all) need to say
where in the document each string is. ``align(needle, text)`` answers with half-open
``[start, end)`` offsets into ``text``, trying three strategies in order and stopping at the
first that finds something (exact and normalized matches count together); with a position
``hint``, only the match nearest to it is kept:

1. **exact**: every occurrence of the needle (stripped of outer whitespace), left to right,
   without overlaps. A match also takes the marks (or tatweel) that follow its last letter,
   so a span never splits a letter from its harakat.
2. **normalized**: every further occurrence found after ``normalize`` on both sides (Arabic
   diacritics incl. harakat, tanwin, shadda, sukun and the superscript alef removed; tatweel
   and invisible format marks removed; alef forms to bare alef; alef maksura and Farsi yeh to
   yeh; runs of whitespace to one space), mapped back to offsets of the original text: a
   vocalized spelling of a name is found beside its plain occurrences.
3. **fuzzy**: for needles of at least ``fuzzy_min_length`` normalized characters (quote
   contents, say), the best approximate match found by rapidfuzz's ``partial_ratio`` on the
   normalized strings, its edges then moved by up to ``slack`` characters to the window with
   the highest ``fuzz.ratio``; kept when that ratio is at least ``min_score`` (0-100).

With ``whole_words``, exact and normalized matches must not start or end inside a word,
except that one or two attached proclitics (و ف ب ل ك) may precede the match, as the
guidelines keep them outside entity spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_REMOVED = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]  # tanwin, harakat, shadda, sukun, further marks
    + ["\u0670", "\u0640"]  # superscript alef, tatweel
    + [chr(c) for c in range(0x0610, 0x061B)]  # honorific and Quranic signs above letters
    + [chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06DE, 0x06E9)]  # Quranic marks
    + ["\u061c", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff"]  # format marks
)
"""Characters that normalization drops."""
_FOLDED = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا", "ى": "ي", "ی": "ي"}
"""Letter forms that normalization unifies."""
_PROCLITICS = frozenset("وفبلك")
METHODS = ("exact", "normalized", "fuzzy")


@dataclass(frozen=True, order=True)
class Alignment:
    """Where a string was found in a document."""

    start: int
    """Code-point offset of the first character (inclusive)."""
    end: int
    """Code-point offset one past the last character (exclusive)."""
    method: str = "exact"
    """Which strategy found it: ``exact``, ``normalized`` or ``fuzzy``."""
    score: float = 100.0
    """100 for exact and normalized matches; rapidfuzz's ratio (0-100) for fuzzy ones."""


def normalize(text: str) -> str:
    """The matching form of ``text`` (see the module docstring); outer whitespace stripped."""
    return normalize_with_offsets(text)[0].strip()


@lru_cache(maxsize=16)
def normalize_with_offsets(text: str) -> tuple[str, tuple[int, ...]]:
    """The normalized text and, for each of its characters, the offset it came from in ``text``.

    Outer whitespace is kept (collapsed to one space) so the offsets cover the whole text.
    """
    chars: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        if char in _REMOVED:
            continue
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        chars.append(_FOLDED.get(char, char))
        origin.append(i)
    return "".join(chars), tuple(origin)


def align(needle: str, text: str, *, hint: int | None = None, whole_words: bool = False,
          fuzzy_min_length: int = 25, min_score: float = 85.0, slack: int = 12
          ) -> list[Alignment]:
    """Offsets of ``needle`` in ``text``: every exact and normalized match, left to right, else
    the best fuzzy match of a long needle, else nothing. ``hint`` keeps the match nearest to
    that offset. Every returned span's text normalizes to the needle's normal form, except for
    fuzzy matches, whose ``score`` says how close they are."""
    target = needle.strip()
    if not target or not normalize(target):
        return []
    found = [Alignment(m.start(), _extend_marks(text, m.end()))
             for m in re.finditer(re.escape(target), text)]
    if whole_words:
        found = [a for a in found if _on_word_edges(text, a.start, a.end)]
    found += [a for a in _normalized_matches(normalize(target), text, whole_words)
              if not any(a.start < b.end and b.start < a.end for b in found)]
    found.sort()
    if not found and len(normalize(target)) >= fuzzy_min_length:
        best = _fuzzy_match(normalize(target), text, min_score, slack)
        found = [best] if best else []
    if hint is not None and found:
        return [min(found, key=lambda a: (abs(a.start - hint), a.start))]
    return found


def _normalized_matches(target: str, text: str, whole_words: bool) -> list[Alignment]:
    norm, origin = normalize_with_offsets(text)
    found = []
    for m in re.finditer(re.escape(target), norm):
        start, end = origin[m.start()], _extend_marks(text, origin[m.end() - 1] + 1)
        if not whole_words or _on_word_edges(text, start, end):
            found.append(Alignment(start, end, "normalized"))
    return found


def _extend_marks(text: str, end: int) -> int:
    """Move ``end`` past removed characters (harakat on the last letter, a tatweel)."""
    while end < len(text) and text[end] in _REMOVED:
        end += 1
    return end


def _is_letter(char: str) -> bool:
    return char.isalnum() or char in _REMOVED


def _on_word_edges(text: str, start: int, end: int) -> bool:
    """True when [start, end) neither ends inside a word nor starts inside one (proclitics
    before the start excepted)."""
    if end < len(text) and _is_letter(text[end]) and _is_letter(text[end - 1]):
        return False
    before = start
    while before > 0 and start - before < 2 and text[before - 1] in _PROCLITICS:
        before -= 1
    return before == 0 or not _is_letter(text[before - 1]) or not _is_letter(text[start])


def _fuzzy_match(target: str, text: str, min_score: float, slack: int) -> Alignment | None:
    from rapidfuzz import fuzz

    norm, origin = normalize_with_offsets(text)
    if not norm:
        return None
    rough = fuzz.partial_ratio_alignment(target, norm)
    if rough is None or rough.score < min_score:
        return None
    best = (fuzz.ratio(target, norm[rough.dest_start:rough.dest_end]),
            rough.dest_start, rough.dest_end)
    for start in range(max(0, rough.dest_start - slack), rough.dest_start + slack + 1):
        for end in range(max(start + 1, rough.dest_end - slack),
                         min(len(norm), rough.dest_end + slack) + 1):
            score = fuzz.ratio(target, norm[start:end], score_cutoff=best[0])
            if score > best[0]:
                best = (score, start, end)
    score, start, end = best
    while start < end and norm[start] == " ":
        start += 1
    while end > start and norm[end - 1] == " ":
        end -= 1
    if score < min_score or start >= end:
        return None
    return Alignment(origin[start], _extend_marks(text, origin[end - 1] + 1), "fuzzy",
                     round(score, 2))
