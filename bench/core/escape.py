"""One escaping function per output format; every renderer calls these on text it did not write.

Names, versions, resources, descriptions and labels can come from a pull request, so nothing
they hold may open a link, inject markup, split a table or fake the publish markers.
"""

from __future__ import annotations

import html
import re
import unicodedata

START = "<!-- bench:leaderboard:start -->"
END = "<!-- bench:leaderboard:end -->"
"""The markers ``bench report --publish`` writes between."""



def _one_line(text: str) -> str:
    """Control characters and line breaks become spaces; bidi isolates and marks are kept."""
    kept = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in str(text))
    return " ".join(kept.split())


def md_text(text: str) -> str:
    """Text for a Markdown paragraph or list item: one line, no markup, no links, no HTML."""
    flat = _one_line(text)
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\\[\]|])", r"\\\1", flat)


def md_cell(text: str) -> str:
    """Text for a Markdown table cell: as ``md_text``, so a ``|`` cannot split the row."""
    return md_text(text)


def md_link(label: str, target: str) -> str:
    """A Markdown link to a relative path or an http(s) URL; any other target is dropped."""
    safe = target if re.fullmatch(r"(https?://)?[A-Za-z0-9._~/#%-]+", target) else ""
    safe = "" if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", safe) and not safe.startswith(
        ("http://", "https://")) else safe
    return f"[{md_text(label)}]({safe})" if safe else md_text(label)


def html_text(text: str) -> str:
    """Text for HTML element content or a quoted attribute."""
    return html.escape(str(text), quote=True)


def xml_text(text: str) -> str:
    """Text for SVG or other XML content and attributes (control characters dropped)."""
    cleaned = "".join(c for c in str(text) if c.isprintable() or c in "\t\n")
    return html.escape(cleaned, quote=True)


def readme_block(text: str) -> str:
    """A block to publish between the markers: any marker inside it is neutralized."""
    for marker in (START, END):
        text = text.replace(marker, marker.replace("<", "&lt;"))
    return text.replace("<!--", "&lt;!--")
