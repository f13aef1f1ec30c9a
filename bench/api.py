"""The public API for writing a system: everything a system implementation imports from bench.

Baselines and third-party systems import only from here, so the harness's internals can move
without breaking them::

    from bench.api import Document, Span, System
"""

from __future__ import annotations

from bench.core.align import Alignment, align, normalize
from bench.core.records import Document, Paragraph
from bench.core.tagging import decode as decode_iob2
from bench.core.tagging import encode as encode_iob2
from bench.core.timex_values import MODS, REFS, TYPES, value_error
from bench.core.tokens import token_offsets
from bench.core.yamlio import load_yaml
from bench.kinds.conflicts import Claim, ClaimPair, ClaimSpan, load_claims
from bench.kinds.dates import Timex
from bench.kinds.quotes import Quote, TextSpan
from bench.kinds.spans import Span
from bench.systems.protocol import REGIMES, System

__all__ = [
    "Alignment", "align", "normalize",
    "MODS", "REFS", "REGIMES", "TYPES", "Claim", "ClaimPair", "ClaimSpan", "Document",
    "Paragraph", "Quote", "Span", "System", "TextSpan", "Timex", "decode_iob2", "encode_iob2",
    "load_claims", "load_yaml", "token_offsets", "value_error",
]
