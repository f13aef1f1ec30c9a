"""The quote baselines: `nearest-mention` and `cue-rules`.

Both find quotes the same way, paragraph by paragraph:

- a speech cue (``baselines/data/quote_cues.yaml``, after removing و or ف) followed within a
  few words by a complementizer (أن، إن، بأن ...) or a colon opens reported content, which runs
  to the end of the sentence (a full stop followed by a space or the paragraph's end), or to
  a comma before "بحسب" / "وفقا" / "مشيرا" and the like; a quotation mark right after the
  complementizer makes the quote direct when the marks close the sentence, mixed otherwise;
- text between quotation marks that no cue claimed is a direct quote of its own (an opening
  mark never closed runs to the end of the paragraph).

They differ in who they say spoke:

- ``nearest-mention``: the person or organization mention (from the `lexicon` NER baseline)
  that ends nearest before the cue, or before the opening mark of a quote with no cue;
  abstains when there is none.
- ``cue-rules``: the subject after the verb ("قال مسؤول أمريكي كبير إن"), the source of
  "نقلت X عن Y" or of a trailing "بحسب X" / "وفقا لـ X" when the verb has no subject, and
  otherwise the previous quote's speaker ("وأضاف أن", free direct speech). It also reads a
  sentence ending in "، بحسب X" as X's statement.

Speakers are given as surface forms (``speaker_text``) that the harness resolves through the
entity inventory's aliases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from baselines.arabic import Token
from baselines.lexicon import LexiconNER
from bench.api import Document, System, load_yaml

DATA = __file__.rsplit("/", 1)[0] + "/data/quote_cues.yaml"
RESUME = re.compile(r"\s*،\s*(?:و?بحسب|حسب|وفق|نقلا|نقلًا|مشير|مضيف|مؤكد|موضح|محذر)")
"""A comma before which the narrator takes the sentence back."""
SENTENCE_END = re.compile(r"\.(?=\s|$)")
TOKEN = re.compile(r"[\w\u064b-\u0652\u0640]+|[^\w\s]")
"""Words (diacritics and tatweel kept inside them) or single punctuation characters."""
MIN_WORDS = 3
"""Marked text of fewer words with no cue is a term in quotation marks, not a quote."""
WINDOW = 12
"""How many tokens after a cue a complementizer may come."""


@dataclass(frozen=True)
class Lexicon:
    """The word lists of ``quote_cues.yaml``."""

    cues: frozenset[str]
    complementizers: frozenset[str]
    according_to: frozenset[str]
    subject_stops: frozenset[str]
    marks: dict[str, str]


@cache
def lexicon() -> Lexicon:
    """The quote word lists, read once."""
    from pathlib import Path

    raw = load_yaml(Path(DATA))
    return Lexicon(frozenset(raw["cues"]), frozenset(raw["complementizers"]),
                   frozenset(raw["according_to"]), frozenset(raw["subject_stops"]),
                   dict(raw["marks"]))


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text`` with offsets shifted by ``offset``."""
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in TOKEN.finditer(text)]


def plain(word: str) -> str:
    """The word without diacritics and tatweel."""
    return re.sub("[\u064b-\u0652\u0640]", "", word)


def bare(word: str) -> str:
    """The plain word without a leading و or ف (when something is left)."""
    word = plain(word)
    return word[1:] if len(word) > 2 and word[0] in "وف" else word


@dataclass
class Found:
    """A quote before its speaker is chosen."""

    kind: str
    start: int
    end: int
    cue: Token | None
    subject: list[Token]
    """Words between the cue and the complementizer."""
    source: str | None
    """The text after a "بحسب" / "وفقا لـ" / "عن" that names a source, if any."""
    anchor: int
    """Offset before which the nearest mention is looked for."""
    according_only: bool = False


@dataclass(frozen=True)
class Marked:
    """Text between quotation marks."""

    open: int
    start: int
    end: int
    close: int
    """Offset one past the closing mark (== end when the mark is never closed)."""


def marked(text: str, start: int, end: int, lex: Lexicon) -> list[Marked]:
    """Quoted stretches of a paragraph; an unclosed mark runs to the paragraph's end."""
    found: list[Marked] = []
    i = start
    while i < end:
        closer = lex.marks.get(text[i])
        if closer is None:
            i += 1
            continue
        j = text.find(closer, i + 1, end)
        if j < 0:
            body_end = _trim(text, i + 1, end)
            found.append(Marked(i, i + 1, body_end, end))
            break
        found.append(Marked(i, i + 1, j, j + 1))
        i = j + 1
    return [m for m in found if m.end > m.start]


def _trim(text: str, start: int, end: int) -> int:
    """``end`` moved back over spaces and a final full stop."""
    while end > start and (text[end - 1].isspace() or text[end - 1] == "."):
        end -= 1
    return end


def _clause_end(text: str, start: int, end: int, quoted: list[Marked]) -> int:
    """End of the reported clause starting at ``start``: full stop or narrator's comma."""
    pos = start
    while True:
        stop = SENTENCE_END.search(text, pos, end)
        limit = stop.start() if stop else end
        inside = next((m for m in quoted if m.open < limit < m.close and m.open >= start), None)
        if inside is None or inside.close >= end:
            break
        pos = inside.close
    resume = RESUME.search(text, start, limit)
    if resume:
        limit = resume.start()
    return _trim(text, start, limit)


def _source_after(text: str, end: int, limit: int, lex: Lexicon) -> str | None:
    """The source named by "، بحسب X" (or وفقا لـ X, نقلا عن X) right after ``end``."""
    words = tokenize(text[end:limit], end)[:8]
    for k, tok in enumerate(words[:3]):
        if bare(tok.text) in lex.according_to:
            rest = [w for w in words[k + 1:] if w.text not in ("لـ", "ل", "عن", "ـ")]
            names = _until_punct(rest)
            return " ".join(w.text for w in names) or None
    return None


def _until_punct(words: list[Token]) -> list[Token]:
    out: list[Token] = []
    for w in words:
        if not w.text[0].isalnum():
            break
        out.append(w)
    return out


def find_quotes(text: str, start: int, end: int, *, according: bool) -> list[Found]:
    """Quotes of the paragraph ``text[start:end]`` in order."""
    lex = lexicon()
    quoted = marked(text, start, end, lex)
    toks = tokenize(text[start:end], start)
    claimed: set[Marked] = set()
    found: list[Found] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if bare(tok.text) not in lex.cues:
            i += 1
            continue
        comp, opener = None, None
        for j in range(i + 1, min(len(toks), i + WINDOW)):
            word = toks[j].text
            if word == "." or bare(word) in lex.cues:
                break
            if word in lex.complementizers or word == ":":
                comp = j
                if word == ":" and j + 1 < len(toks) and toks[j + 1].text in lex.complementizers:
                    comp = j + 1
                break
            if j > i + 1 and any(m.open == toks[j].start for m in quoted):
                comp, opener = j - 1, j
                break
        if comp is None:
            i += 1
            continue
        subject = toks[i + 1:comp] if opener is None else toks[i + 1:opener]
        begin = toks[opener].start if opener is not None else toks[comp].end
        while begin < end and (text[begin].isspace() or text[begin] == ":"):
            begin += 1
        quote = next((m for m in quoted if m.open == begin), None)
        clause_end = _clause_end(text, begin, end, quoted)
        if quote is not None and _trim(text, quote.close, clause_end) <= quote.close:
            kind, c_start, c_end = "direct", quote.start, quote.end
            clause_end = max(clause_end, quote.close)
        else:
            inner = [m for m in quoted if begin <= m.open < clause_end]
            kind = "mixed" if inner else "indirect"
            c_start, c_end = begin, clause_end
        claimed.update(m for m in quoted if begin <= m.open < max(clause_end, c_end))
        if c_end > c_start:
            found.append(Found(kind, c_start, c_end, tok, list(subject),
                               _source_after(text, clause_end, end, lex), tok.start))
        i = next((k for k, t in enumerate(toks) if t.start >= max(c_end, clause_end)), len(toks))
    for m in quoted:
        if m not in claimed and len(text[m.start:m.end].split()) >= MIN_WORDS:
            after = tokenize(text[m.close:end], m.close)[:4]
            cue = next((t for t in after if bare(t.text) in lex.cues), None)
            subject = _until_punct(after[after.index(cue) + 1:]) if cue else []
            found.append(Found("direct", m.start, m.end, None, subject, None, m.open))
    if according:
        found += _according_only(text, start, end, found, lex)
    return sorted(found, key=lambda f: f.start)


def _according_only(text: str, start: int, end: int, found: list[Found],
                    lex: Lexicon) -> list[Found]:
    """Sentences ending "، بحسب X" that no cue or mark already made a quote."""
    out: list[Found] = []
    pos = start
    for stop in [*SENTENCE_END.finditer(text, start, end), None]:
        s_end = stop.start() if stop else end
        sentence = (pos, s_end)
        pos = stop.end() if stop else end
        resume = RESUME.search(text, sentence[0], sentence[1])
        if resume is None or any(sentence[0] <= f.start < sentence[1] for f in found):
            continue
        source = _source_after(text, resume.start(), sentence[1], lex)
        if source is None:
            continue
        c_start = sentence[0]
        while c_start < resume.start() and text[c_start].isspace():
            c_start += 1
        if resume.start() > c_start:
            out.append(Found("indirect", c_start, resume.start(), None, [], source, c_start,
                             according_only=True))
        if stop is None:
            break
    return out


def paragraphs(doc: Document) -> list[tuple[int, int]]:
    """(start, end) of each paragraph."""
    return [(p.start, p.end) for p in doc.paragraphs()]


def _record(doc: Document, f: Found, speaker: str | None) -> dict[str, Any]:
    def span(start: int, end: int) -> dict[str, Any]:
        return {"start": start, "end": end, "text": doc.text[start:end]}

    record: dict[str, Any] = {"doc": doc.id, "kind": f.kind, "content": span(f.start, f.end),
                              "cue": _cue(f.cue, span)}
    if speaker:
        record["speaker_text"] = speaker
    return record


def _cue(cue: Token | None, span: Any) -> dict[str, Any] | None:
    """The cue span without its proclitic (وأضاف -> أضاف)."""
    if cue is None:
        return None
    clitic = 1 if bare(cue.text) != plain(cue.text) else 0
    result: dict[str, Any] = span(cue.start + clitic, cue.end)
    return result


class NearestMention(System):
    """Quotes from marks and cues; the speaker is the nearest preceding PER or ORG mention."""

    name = "nearest-mention"
    version = "1"
    kinds = ("quotes",)
    regime = "rules"
    resources = (
        "speech-verb and complementizer lists in baselines/data/quote_cues.yaml, written by an "
        "engineer who had read the test articles",
        "person and organization mentions from the `lexicon` NER baseline",
    )
    tuned_on_test = True

    def predict(self, doc: Document) -> list[dict[str, Any]]:
        """Quotes with the nearest preceding mention as speaker."""
        mentions = sorted((s.end, s.text) for s in LexiconNER().predict(doc)
                          if s.label in ("PER", "ORG"))
        out = []
        for start, end in paragraphs(doc):
            for f in find_quotes(doc.text, start, end, according=False):
                before = [text for m_end, text in mentions if m_end <= f.anchor]
                out.append(_record(doc, f, before[-1] if before else None))
        return out


class CueRules(System):
    """Speech-verb subjects, "according to" sources, and the previous speaker carried over."""

    name = "cue-rules"
    version = "1"
    kinds = ("quotes",)
    regime = "rules"
    resources = (
        "speech-verb, complementizer and 'according to' lists in "
        "baselines/data/quote_cues.yaml, written by an engineer who had read the test articles",
    )
    tuned_on_test = True

    def predict(self, doc: Document) -> list[dict[str, Any]]:
        """Quotes with the cue's subject, the named source, or the previous speaker."""
        lex = lexicon()
        out = []
        previous: str | None = None
        for start, end in paragraphs(doc):
            for f in find_quotes(doc.text, start, end, according=True):
                speaker = self.subject(doc.text, f.subject, lex) or f.source or previous
                out.append(_record(doc, f, speaker))
                previous = speaker
        return out

    @staticmethod
    def subject(text: str, words: list[Token], lex: Lexicon) -> str | None:
        """The subject phrase after the verb: up to a preposition, a time word or punctuation.

        With "عن" ("نقلت وكالة X عن Y قوله") the speaker is what follows عن.
        """
        names = [w.text for w in words]
        if "عن" in names and any(n.startswith("قول") for n in names[names.index("عن"):]):
            words = words[names.index("عن") + 1:]
        kept: list[Token] = []
        for k, w in enumerate(words):
            form = plain(w.text)
            if (form in lex.subject_stops or not w.text[0].isalnum() or form.startswith("قول")
                    or (k > 0 and w.text.startswith("ل"))):
                break
            kept.append(w)
        if not kept:
            return None
        return text[kept[0].start:kept[-1].end]
