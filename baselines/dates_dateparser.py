"""The `dateparser` baseline: the dateparser library's Arabic search, mapped to TIMEX3.

Each paragraph goes to ``search_dates(languages=["ar"])`` with the DCT as ``RELATIVE_BASE``;
each substring it returns is located in the paragraph (in order) and normalized with
``DateDataParser.get_date_data``: its ``period`` gives the granularity (year -> ``2021``,
month -> ``2021-12``, week -> ``2021-W48``, day -> ``2021-12-07``; a day with a clock time ->
TIME ``2022-02-12T19:00``). Only surrounding spaces and punctuation are trimmed from a
substring. Nothing else is corrected: what dateparser gets wrong (Levantine month names, bare
years filled in with the base date's month and day, prepositions inside spans, no durations)
is what this baseline measures.
"""

from __future__ import annotations

import datetime as dt
import warnings
from typing import Any

from bench.api import Document, System, Timex

TRIM = " \t،,.:;؛«»“”\"()-–"


def to_timex_value(date: dt.datetime, period: str) -> tuple[str, str]:
    """(type, value) for a parsed date and its period."""
    if period == "year":
        return "DATE", f"{date.year:04d}"
    if period == "month":
        return "DATE", f"{date.year:04d}-{date.month:02d}"
    if period == "week":
        year, week, _ = date.isocalendar()
        return "DATE", f"{year:04d}-W{week:02d}"
    if date.hour or date.minute:
        return "TIME", f"{date:%Y-%m-%d}T{date:%H:%M}"
    return "DATE", f"{date:%Y-%m-%d}"


class DateparserTimex(System):
    """dateparser 1.x ``search_dates`` + ``get_date_data`` with the DCT as relative base."""

    name = "dateparser"
    version = "1"
    kinds = ("timex",)
    labels = ("DATE", "TIME", "DURATION", "SET")
    regime = "external"
    resources = ("the dateparser library's Arabic language data (BSD-3-Clause)",)

    def __init__(self) -> None:
        from dateparser.date import DateDataParser  # heavy import, only when used
        from dateparser.search import search_dates

        self._search = search_dates
        self._parser_class = DateDataParser

    def predict(self, doc: Document) -> list[Timex]:
        """Expressions found paragraph by paragraph."""
        if doc.dct is None:
            return []
        base = dt.datetime.fromisoformat(doc.dct)
        settings: dict[str, Any] = {"RELATIVE_BASE": base}
        parser = self._parser_class(languages=["ar"], settings=settings)
        out: list[Timex] = []
        for paragraph in doc.paragraphs():
            text = doc.text[paragraph.start:paragraph.end]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                found = self._search(text, languages=["ar"], settings=settings) or []
            cursor = 0
            for substring, _ in found:
                at = text.find(substring, cursor)
                if at < 0:
                    continue
                cursor = at + len(substring)
                timex = self._timex(doc, parser, substring, paragraph.start + at)
                if timex is not None and (not out or out[-1].end <= timex.start):
                    out.append(timex)
        return out

    def _timex(self, doc: Document, parser: Any, substring: str, at: int) -> Timex | None:
        stripped = substring.strip(TRIM)
        if not stripped:
            return None
        start = at + substring.index(stripped)
        data = parser.get_date_data(substring)
        if data.date_obj is None:
            return None
        kind, value = to_timex_value(data.date_obj, data.period or "day")
        return Timex(doc.id, start, start + len(stripped), kind, value, None, "dct", stripped)
