"""The `dct` floor for dates: tag words from a small lexicon and give each the DCT as value."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from baselines.arabic import split_proclitic, tokenize
from baselines.datafile import read_yaml
from bench.api import Document, System, Timex

LEXICON = Path(__file__).parent / "data" / "dct_lexicon.yaml"


@cache
def _words() -> frozenset[str]:
    data = read_yaml(LEXICON)
    return frozenset(word for words in data.values() for word in words)


class DctFloor(System):
    """Every weekday, month name or relative-day word is a DATE whose value is the DCT."""

    name = "dct"
    version = "1"
    kinds = ("timex",)
    labels = ("DATE",)
    regime = "rules"
    resources = ("a 35-word lexicon of weekday, month and relative-day names "
                 "(baselines/data/dct_lexicon.yaml)",)

    def predict(self, doc: Document) -> list[Timex]:
        """One DATE per lexicon word (proclitics split off), valued at the DCT."""
        if doc.dct is None:
            return []
        words = _words()
        out = []
        for token in tokenize(doc.text):
            clitic, stem = split_proclitic(token.text, words.__contains__)
            if stem in words:
                start = token.start + len(clitic)
                out.append(Timex(doc.id, start, token.end, "DATE", doc.dct, None, "dct",
                                 doc.text[start:token.end]))
        return out
