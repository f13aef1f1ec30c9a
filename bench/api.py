"""The public API for writing a system: everything a system implementation imports from bench.

Baselines and third-party systems import only from here, so the harness's internals can move
without breaking them::

    from bench.api import Document, Span, System
"""

from __future__ import annotations

from bench.core.align import Alignment, align, normalize
from bench.core.records import Document, Paragraph
from bench.core.timex_values import MODS, REFS, TYPES, value_error
from bench.core.yamlio import load_yaml
from bench.kinds.pairs import Claim, ClaimPair, ClaimSpan, load_claims
from bench.kinds.quotes import Quote, TextSpan
from bench.kinds.spans import Span
from bench.kinds.timex import Timex
from bench.systems.protocol import REGIMES, System

__all__ = [
    "Alignment", "align", "normalize",
    "MODS", "REFS", "REGIMES", "TYPES", "Claim", "ClaimPair", "ClaimSpan", "Document",
    "Paragraph", "Quote", "Span", "System", "TextSpan", "Timex", "load_claims", "load_yaml",
    "value_error",
]
