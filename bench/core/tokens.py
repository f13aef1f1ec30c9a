"""The documented tokenization for token-level scores: word runs, or single other characters.

A token is a maximal run of Unicode word characters (letters, digits, the tatweel, underscore)
or a single character that is neither a word character nor a space. Attached proclitics stay in
the token (``وبوتين`` is one token), so a token takes the tag of the span it overlaps.
"""

from __future__ import annotations

import re

TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def token_offsets(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each token of ``text[start:end]``, in document offsets."""
    stop = len(text) if end is None else end
    return [(m.start(), m.end()) for m in TOKEN.finditer(text, start, stop)]
