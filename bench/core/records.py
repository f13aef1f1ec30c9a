"""Frozen records shared by every module: documents, their paragraphs and labelled spans."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    """One evaluation unit: a non-empty line of a document."""

    doc: str
    """Id of the document it belongs to."""
    index: int
    """Position among the document's paragraphs, from 0."""
    start: int
    """Code-point offset of its first character."""
    end: int
    """Code-point offset one past its last character (the line break is outside)."""

    @property
    def unit_id(self) -> str:
        """Stable id used in run records: ``<doc>#<index>``."""
        return f"{self.doc}#{self.index}"


@dataclass(frozen=True)
class Document:
    """An article as the harness and systems see it."""

    id: str
    """The seed file's stem, e.g. ``000_51e80b729b38c360``."""
    text: str
    """The file decoded as UTF-8, unnormalized, with its own line breaks."""
    sha256: str
    """Hex digest of the file's bytes."""
    dct: str | None = None
    """Document creation time as an ISO date, when known."""
    language: str = "ar"
    """ISO 639-1 language code."""
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    """Further manifest fields (outlet, event, note, path)."""

    def paragraphs(self) -> list[Paragraph]:
        """Non-empty lines, the units that bootstrap resampling draws from."""
        units: list[Paragraph] = []
        pos = 0
        for line in self.text.splitlines(keepends=True):
            body = line.rstrip("\r\n")
            if body.strip():
                units.append(Paragraph(self.id, len(units), pos, pos + len(body)))
            pos += len(line)
        return units


@dataclass(frozen=True, order=True)
class Span:
    """A labelled character span: a named-entity mention, or any other span record."""

    doc: str
    """Id of the document."""
    start: int
    """Code-point offset of the first character (inclusive)."""
    end: int
    """Code-point offset one past the last character (exclusive)."""
    label: str
    """The entity type, e.g. ``PER``."""
    text: str = field(default="", compare=False)
    """``document[start:end]``; checked against the document for gold, filled in for predictions."""

    def overlaps(self, other: Span) -> bool:
        """True when both spans are in one document and share at least one character."""
        return self.doc == other.doc and self.start < other.end and other.start < self.end


@dataclass(frozen=True, order=True)
class Timex:
    """A TIMEX3 temporal expression with its normalized value."""

    doc: str
    """Id of the document."""
    start: int
    """Code-point offset of the first character (inclusive)."""
    end: int
    """Code-point offset one past the last character (exclusive)."""
    type: str
    """DATE, TIME, DURATION or SET."""
    value: str
    """ISO 8601 / TimeML value, e.g. ``2022-02-12``, ``2022-02-12TEV``, ``PT50M``, ``PAST_REF``."""
    mod: str | None = None
    """TIMEX3 modifier (APPROX, MORE_THAN, END ...) or None."""
    anchor: str | int | None = field(default=None, compare=False)
    """Reference time used: ``"dct"``, the start offset of an anchoring expression, an ISO date
    for an inferred reference time (reported speech), or None when none was needed."""
    text: str = field(default="", compare=False)
    """``document[start:end]``."""

    @property
    def label(self) -> str:
        """The type, under the name span metrics use."""
        return self.type

    def overlaps(self, other: Timex) -> bool:
        """True when both are in one document and share at least one character."""
        return self.doc == other.doc and self.start < other.end and other.start < self.end


@dataclass(frozen=True, order=True)
class TextSpan:
    """An unlabelled character span (a quote's content, cue or speaker mention)."""

    start: int
    """Code-point offset of the first character (inclusive)."""
    end: int
    """Code-point offset one past the last character (exclusive)."""
    text: str = field(default="", compare=False)
    """``document[start:end]``."""


@dataclass(frozen=True, order=True)
class Quote:
    """A direct, indirect or mixed quote with its cue and speaker."""

    doc: str
    """Id of the document."""
    content: TextSpan
    """What was said."""
    kind: str = "indirect"
    """direct, indirect or mixed."""
    cue: TextSpan | None = field(default=None, compare=False)
    """The speech verb, or None (free direct speech, or not predicted)."""
    speaker: str | None = field(default=None, compare=False)
    """Entity id from the inventory, or None when a system abstains."""
    speaker_mention: TextSpan | None = field(default=None, compare=False)
    """The span naming the speaker in the same sentence, or None when carried over."""
    id: str = field(default="", compare=False)
    """Record id, e.g. ``000-q3`` (gold); optional for predictions."""

    @property
    def start(self) -> int:
        """Start of the content."""
        return self.content.start

    @property
    def end(self) -> int:
        """End of the content."""
        return self.content.end

    @property
    def text(self) -> str:
        """The content's text."""
        return self.content.text

    def overlaps(self, other: Quote) -> bool:
        """True when the two contents share a character in one document."""
        return (self.doc == other.doc and self.content.start < other.content.end
                and other.content.start < self.content.end)
