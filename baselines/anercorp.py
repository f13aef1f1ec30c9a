"""Reading ANERcorp: tokens and tags, repairs of malformed lines, the CAMeL Lab split, the type map.

The corpus (``data/anercorp/ANERCorp.txt``, CC BY-SA 4.0, see ``data/anercorp/README.md``) has one
``token TAG`` line per token and no sentence breaks. A few lines are malformed; ``parse_line``
handles each kind explicitly and ``read_corpus`` counts them by kind:

- ``empty_token``: the line holds only a tag (`` O``; 191 lines, probably a right-to-left mark
  lost in copying: the CAMeL Lab release removes U+200F). The line is dropped.
- ``missing_tag``: the line holds only a token. The token is kept, tagged ``O``.
- ``extra_spaces``: fields separated by more than one space. Read normally.
- ``glued_tag``: a tag glued to the next token (``. Oالإصابة O``). Read as two tokens.
- ``space_in_token``: two words before one tag (``الصالحية ونايفة O``). Kept as one token, as
  the CAMeL Lab counts suggest (so kept, the last 25,008 tokens start at a sentence start).
- ``unknown_tag``: a last field that is no valid tag. The token is kept, tagged ``O``.

``repair_iob`` turns an ``I-X`` that does not continue an ``X`` entity into ``B-X`` (IOB2).

The split follows the CAMeL Lab distribution: the first 125,102 tokens are train, the last 25,008
are test. Read as above, our copy has 13 more tokens before the test part than the CAMeL Lab
counts (which ones we cannot tell without their files), so the 13 tokens between the two parts
(the end of the last training sentence) belong to neither. Sentences end after a run of full stops.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from baselines.crf.features import normalize, sentences, unclitic_forms
from baselines.datafile import read_yaml
from bench.api import decode_iob2

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "data" / "anercorp" / "ANERCorp.txt"
"""The corpus file shipped in the repository."""
TYPE_MAP = Path(__file__).resolve().parent / "data" / "anercorp_map.yaml"
"""The ANERcorp-to-bench type map."""
TRAIN_SIZE = 125_102
TEST_SIZE = 25_008
TYPES = ("PERS", "LOC", "ORG", "MISC")
TAGS = frozenset({"O"} | {f"{p}-{t}" for t in TYPES for p in "BI"})
"""Every valid ANERcorp tag."""

Tagged = tuple[str, str]
"""A token and its tag."""


def parse_line(line: str) -> tuple[list[Tagged], str | None]:
    """The tokens of one corpus line and the kind of defect repaired (None when well formed)."""
    fields = line.split()
    issue = "extra_spaces" if len(fields) == 2 and line.strip() != " ".join(fields) else None
    if not fields:
        return [], "blank"
    if len(fields) == 1:
        if fields[0] in TAGS:
            return [], "empty_token"
        return [(fields[0], "O")], "missing_tag"
    tag = fields[-1]
    if tag not in TAGS:
        return [(" ".join(fields[:-1]), "O")], "unknown_tag"
    if len(fields) == 3 and fields[1][:1] == "O" and len(fields[1]) > 1:
        return [(fields[0], "O"), (fields[1][1:], tag)], "glued_tag"
    token = " ".join(fields[:-1])
    if len(fields) > 2:
        return [(token, tag)], "space_in_token"
    return [(token, tag)], issue


def read_corpus(path: Path = CORPUS) -> tuple[list[Tagged], Counter[str]]:
    """All tokens of the corpus in order, and how many lines of each defect kind were repaired."""
    tokens: list[Tagged] = []
    issues: Counter[str] = Counter()
    text = path.read_text(encoding="utf-8")
    for line in text.split("\n"):
        if not line:
            continue
        fields = line.split()
        if len(fields) == 2 and fields[1] in TAGS and line == f"{fields[0]} {fields[1]}":
            tokens.append((fields[0], fields[1]))  # a well-formed line, as parse_line reads it
            continue
        parsed, issue = parse_line(line)
        tokens.extend(parsed)
        if issue:
            issues[issue] += 1
    return tokens, issues


def repair_iob(tags: Sequence[str]) -> tuple[list[str], int]:
    """Tags in valid IOB2 (an ``I-X`` starting an entity becomes ``B-X``) and how many changed."""
    out: list[str] = []
    changed = 0
    for tag in tags:
        previous = out[-1] if out else "O"
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
            changed += 1
        out.append(tag)
    return out, changed


def split(tokens: Sequence[Tagged]) -> tuple[list[Tagged], list[Tagged]]:
    """The CAMeL Lab train part (first 125,102 tokens) and test part (last 25,008 tokens)."""
    if len(tokens) < TRAIN_SIZE + TEST_SIZE:
        raise ValueError(f"{len(tokens)} tokens: too few for the ANERcorp split")
    return list(tokens[:TRAIN_SIZE]), list(tokens[-TEST_SIZE:])


def load_sentences(part: Sequence[Tagged]) -> list[tuple[list[str], list[str]]]:
    """A part of the corpus as sentences of (words, IOB2-repaired tags)."""
    words = [w for w, _ in part]
    tags, _ = repair_iob([t for _, t in part])
    return [(words[a:b], tags[a:b]) for a, b in sentences(words)]


@dataclass(frozen=True)
class TypeMap:
    """ANERcorp types to bench labels (see ``baselines/data/anercorp_map.yaml``)."""

    labels: dict[str, str | None]
    """ANERcorp type to bench label; None drops the entity."""
    loc_names: frozenset[str] = field(default_factory=frozenset)
    """Normalized names that stay ``LOC`` although the type maps LOC to GPE."""
    loc_heads: frozenset[str] = field(default_factory=frozenset)
    """Normalized first words (river, sea, mountain, ...) that make a LOC name a ``LOC``."""

    def label(self, kind: str, text: str) -> str | None:
        """Our label for an ANERcorp entity of type ``kind`` whose text is ``text``."""
        mapped = self.labels.get(kind)
        if mapped == "GPE" and kind == "LOC" and self.is_region(text):
            return "LOC"
        return mapped

    def is_region(self, text: str) -> bool:
        """True when ``text`` (with or without a proclitic) names a continent, region or feature."""
        words = text.split()
        if not words:
            return False
        for first in unclitic_forms(words[0]):
            name = normalize(" ".join([first, *words[1:]]))
            if name in self.loc_names or normalize(first) in self.loc_heads:
                return True
        return False


def load_type_map(path: Path = TYPE_MAP) -> TypeMap:
    """Read the type map from its YAML file."""
    data = read_yaml(path)
    labels = {str(k): (None if v is None else str(v)) for k, v in data["map"].items()}
    names = frozenset(normalize(n) for n in data.get("loc_names", []))
    heads = frozenset(normalize(h) for h in data.get("loc_heads", []))
    return TypeMap(labels, names, heads)


def map_tags(words: Sequence[str], tags: Sequence[str], types: TypeMap) -> list[str]:
    """IOB2 tags with every entity relabelled by ``types`` (dropped entities become ``O``)."""
    out = ["O"] * len(tags)
    for start, end, kind in decode_iob2(tags):
        label = types.label(kind, " ".join(words[start:end]))
        if label:
            out[start] = "B-" + label
            out[start + 1 : end] = ["I-" + label] * (end - start - 1)
    return out


def entity_words(parts: Iterable[tuple[list[str], list[str]]]) -> Counter[str]:
    """How often each word occurs inside an entity, over (words, tags) sentences."""
    counts: Counter[str] = Counter()
    for words, tags in parts:
        counts.update(w for w, t in zip(words, tags, strict=True) if t != "O")
    return counts
