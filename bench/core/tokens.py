"""The documented tokenization for token-level scores: word runs, or single other characters.

A token is a maximal run of Unicode word characters (letters, digits, the tatweel, underscore)
and Arabic combining marks (the harakat, shadda and sukun U+064B-U+065F, the superscript alef
U+0670 and the Quranic marks U+06D6-U+06ED, which Python does not count as word characters), or
a single character that is neither a word character nor a space. So ``أُجري`` is one token, and
attached proclitics stay in the token (``وبوتين`` is one token): a token takes the tag of the
span it overlaps (``bench.core.tagging``).
"""

from __future__ import annotations

import re

MARKS = "\u064b-\u065f\u0670\u06d6-\u06ed"
"""Arabic combining marks kept inside their word."""
TOKEN = re.compile(rf"(?:\w|[{MARKS}])+|[^\w\s{MARKS}]", re.UNICODE)


def token_offsets(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each token of ``text[start:end]``, in document offsets."""
    stop = len(text) if end is None else end
    return [(m.start(), m.end()) for m in TOKEN.finditer(text, start, stop)]
