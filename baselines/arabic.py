"""Arabic text helpers shared by the baselines: tokens with offsets and proclitic splitting."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
"""Runs of word characters, or single other non-space characters (the harness's tokenization)."""

PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
"""Attached one-letter proclitics and their two-letter combinations, longest first."""


@dataclass(frozen=True)
class Token:
    """A token and where it sits in the document."""

    text: str
    """The characters of the token."""
    start: int
    """Code-point offset of its first character."""
    end: int
    """Code-point offset one past its last character."""


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` with ``TOKEN``; offsets are shifted by ``offset``."""
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in TOKEN.finditer(text)]


def lookup_form(clitic: str, stem: str) -> str:
    """The dictionary form of a stem: after a ل proclitic, ``لبيت`` is ``البيت`` (لل = ل + ال)."""
    if clitic.endswith("ل") and stem.startswith("ل"):
        return "ا" + stem
    return stem


def split_proclitic(word: str, is_name: Callable[[str], bool]) -> tuple[str, str]:
    """Split ``word`` into (proclitic, stem) as the guidelines do, or ("", word).

    A proclitic is split off only when the word itself is not a name and the remaining stem, in
    its dictionary form (see ``lookup_form``), is one: ``وبوتين`` gives (``و``, ``بوتين``),
    ``للبيت`` gives (``ل``, ``لبيت``), ``بايدن`` stays whole.
    """
    if is_name(word):
        return "", word
    for clitic in PROCLITICS:
        stem = word[len(clitic):]
        if word.startswith(clitic) and len(stem) >= 2 and is_name(lookup_form(clitic, stem)):
            return clitic, stem
    return "", word
