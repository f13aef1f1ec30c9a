"""Frozen records shared by every module: documents and their paragraphs (the units).

The records of each kind (``Span``, ``Timex``, ``Quote`` ...) live with their kind, in
``bench.kinds``.
"""

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
