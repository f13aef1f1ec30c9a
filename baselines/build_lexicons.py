"""Generate the CLDR- and ANERcorp-derived word lists of the lexicon baseline.

Run ``python -m baselines.build_lexicons``; it rewrites ``baselines/data/lexicon_cldr_*.txt``,
``lexicon_norp.txt`` and ``lexicon_anercorp_*.txt`` (sorted, no timestamps: the same inputs give
the same bytes). Inputs, all independent of the benchmark's articles:

- CLDR's Arabic names through Babel: territories (two-letter codes → GPE, numeric regions → LOC,
  EU and UN → ORG) and time-zone exemplar cities (→ GPE);
- the training part of ANERcorp (its first 125,102 tokens as ``baselines.anercorp`` reads them;
  the test part is never used): multi-word PERS and ORG names and the words it almost always
  tags O;
- the hand-written ``lexicon_extra.yaml`` (demonym exceptions, plurals, name variants) and
  ``lexicon_exclude.txt`` (place names that are also common words).

``LEXICONS.md`` describes every file.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import partial
from pathlib import Path

import babel
import yaml
from babel import Locale

from baselines.anercorp import CORPUS, TRAIN_SIZE, read_corpus, repair_iob
from baselines.arabic import lookup_form, split_proclitic
from baselines.lexicon import DATA, LETTERS, MARKS, key, normalize, read_list
from bench.api import decode_iob2

MIN_NAME_COUNT = 2
"""An ANERcorp name is kept when seen at least this often with its majority type."""
COMMON_MIN, COMMON_SHARE = 3, 0.9
"""A word is common when ANERcorp tags it O at least this often and in this share of its uses."""
ORG_CODES = frozenset({"EU", "UN"})
SKIP_CODES = frozenset({"001", "EZ", "QO", "XA", "XB", "ZZ"})
"""World, euro area, outlying Oceania, pseudo-locales and unknown region: no entity."""
NISBA_ENDINGS = ("ي", "ية", "يون", "يين", "يان", "يتان", "يتين", "يا")
"""Inflections of a nisba adjective, written after its stem (the adjective without final ي)."""
LABELS = {"PERS": "PER", "ORG": "ORG"}
Name = tuple[str, ...]

CLDR_NOTE = (
    f"CLDR {babel.core.get_cldr_version()} Arabic names via Babel {babel.__version__}; "
    "Unicode License v3 (https://www.unicode.org/license.txt)"
)
ANER_NOTE = (
    f"ANERcorp training part (first {TRAIN_SIZE:,} tokens), Benajiba, Rosso and Benedi 2007; "
    "CC BY-SA 4.0, share-alike: this file is distributed under CC BY-SA 4.0"
)


def variants(name: str) -> set[str]:
    """A CLDR name, its part before ``(``, ``،`` or `` - ``, and a one-word parenthetical."""
    out = {re.split(r"\s*[(،]|\s+-\s+", name)[0].strip()}
    if "(" not in name and "،" not in name:
        out.add(name)
    out.update(part for part in re.findall(r"\(([^)]*)\)", name) if " " not in part.strip())
    return {part.strip() for part in out if part.strip()}


def cldr_places() -> dict[str, set[str]]:
    """GPE, LOC and ORG names from CLDR's Arabic territories and exemplar cities."""
    ar = Locale("ar")
    places: dict[str, set[str]] = {"GPE": set(), "LOC": set(), "ORG": set()}
    for code, name in ar.territories.items():
        if code in SKIP_CODES:
            continue
        label = "ORG" if code in ORG_CODES else "LOC" if code.isdigit() else "GPE"
        places[label] |= variants(name)
    for zone, data in ar.time_zones.items():
        city = data.get("city")
        if city and not zone.startswith("Etc/"):
            places["GPE"] |= variants(city)
    return places


def countries() -> list[str]:
    """CLDR names of countries and one-word regions, the sources of nisba adjectives."""
    ar = Locale("ar")
    skip = ORG_CODES | SKIP_CODES
    names = [n for c, n in ar.territories.items() if c.isalpha() and c not in skip]
    regions = [n for c, n in ar.territories.items() if c.isdigit() and n.endswith("ا")]
    return sorted(v for name in names + regions for v in variants(name) if len(key(v)) == 1)


def nisba(place: str) -> str | None:
    """The rule: strip ال and a final يا, ا or ة, add ي (روسيا → روسي, كندا → كندي, الصين → صيني).

    None when the name ends in a vowel letter the rule cannot handle (تشيلي، بيرو).
    """
    stem = MARKS.sub("", place)
    stem = stem.removeprefix("ال")
    if stem.endswith("يا"):
        stem = stem[:-2]
    elif stem.endswith(("ا", "ة")):
        stem = stem[:-1]
    elif stem.endswith(("ي", "ى", "و")):
        return None
    return stem + "ي" if len(stem) >= 2 else None


def inflect(adjective: str) -> set[str]:
    """Every form of a nisba adjective, with and without ال (روسي → الروسية, روسيون ...)."""
    stem = adjective[:-1]
    forms = {stem + ending for ending in NISBA_ENDINGS}
    return forms | {"ال" + form for form in forms}


def norp_forms(extra: dict[str, object], places: set[Name]) -> list[str]:
    """NORP forms from the nisba rule and the exceptions, minus place names and excluded words."""
    demonyms: dict[str, list[str]] = extra["demonyms"]  # type: ignore[assignment]
    irregular = {key(place) for place in demonyms}
    adjectives = {nisba(c) for c in countries() if key(c) not in irregular}
    adjectives |= {adj for forms in demonyms.values() for adj in forms}
    forms = {form for adj in adjectives if adj for form in inflect(adj)}
    plurals: list[str] = extra["plurals"]  # type: ignore[assignment]
    forms |= {p for plural in plurals for p in (plural, plural.removeprefix("ال"))}
    excluded = {key(word) for word in read_list("lexicon_exclude.txt")}
    return sorted(f for f in forms if key(f) not in places and key(f) not in excluded)


def train_part() -> list[tuple[str, str]]:
    """ANERcorp's training tokens with IOB2-repaired tags."""
    tokens, _issues = read_corpus(CORPUS)
    train = tokens[:TRAIN_SIZE]
    tags, _changed = repair_iob([tag for _, tag in train])
    return [(word, tag) for (word, _), tag in zip(train, tags, strict=True)]


def entities(rows: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """(type, words) of each entity in IOB2 rows."""
    words = [word for word, _ in rows]
    return [(kind, words[first:last])
            for first, last, kind in decode_iob2([tag for _, tag in rows])]


def name_counts(rows: list[tuple[str, str]]) -> dict[Name, Counter[tuple[str, str]]]:
    """Per normalized multi-word name: how often it is tagged with each (type, spelling)."""
    counts: dict[Name, Counter[tuple[str, str]]] = defaultdict(Counter)
    for kind, words in entities(rows):
        text = MARKS.sub("", " ".join(words))
        name = key(text)
        if len(name) > 1 and all(LETTERS.fullmatch(w) for w in name):
            counts[name][kind, text] += 1
    return counts


def _seen(
    first: str, rest: Name, counts: dict[Name, Counter[tuple[str, str]]], heads: set[str], word: str
) -> bool:
    """Is ``word`` (a stripped first word) seen: the whole name, or a head of 3+ letters?"""
    if word == first:
        return False
    return (word, *rest) in counts or (len(word) > 2 and word in heads)


def strip_proclitics(
    counts: dict[Name, Counter[tuple[str, str]]], heads: set[str]
) -> dict[Name, Counter[tuple[str, str]]]:
    """Strip a proclitic from a name's first word when the stem is seen as an entity's first word.

    ``وحزب الله`` merges into ``حزب الله``, ``للأمم المتحدة`` into ``الأمم المتحدة``, ``ومحمد X``
    into ``محمد X``; ``وليد المعلم`` stays, ``ليد`` starting no entity.
    """
    merged: dict[Name, Counter[tuple[str, str]]] = defaultdict(Counter)
    for name, seen_as in counts.items():
        first, rest = name[0], name[1:]
        clitic, stem = split_proclitic(first, partial(_seen, first, rest, counts, heads))
        head = lookup_form(clitic, stem)
        extra = head[: len(head) - len(stem)]
        for (kind, text), n in seen_as.items():
            merged[(head, *rest)][kind, extra + text[len(clitic) :]] += n
    return merged


def anercorp_names(rows: list[tuple[str, str]]) -> dict[str, list[str]]:
    """PER and ORG gazetteers: multi-word names whose majority type is PERS or ORG, seen twice."""
    heads = {normalize(words[0]) for _kind, words in entities(rows)}
    out: dict[str, list[str]] = {"PER": [], "ORG": []}
    for seen_as in strip_proclitics(name_counts(rows), heads).values():
        kinds: Counter[str] = Counter()
        for (kind, _text), n in seen_as.items():
            kinds[kind] += n
        kind, count = max(kinds.items(), key=lambda kc: (kc[1], kc[0]))
        if kind in LABELS and count >= MIN_NAME_COUNT:
            spelled = sorted(seen_as.items(), key=lambda tn: (-tn[1], tn[0][1]))
            out[LABELS[kind]].append(spelled[0][0][1])
    return out


def word_tags(rows: list[tuple[str, str]]) -> dict[str, Counter[str]]:
    """Per normalized word: how often it is tagged O and how often inside an entity."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for word, tag in rows:
        counts[normalize(word)]["O" if tag == "O" else "entity"] += 1
    return counts


def common_words(tags: dict[str, Counter[str]]) -> list[str]:
    """Words that ANERcorp tags O at least ``COMMON_MIN`` times and in ``COMMON_SHARE`` of uses."""
    return sorted(
        w
        for w, c in tags.items()
        if LETTERS.fullmatch(w) and c["O"] >= COMMON_MIN and c["O"] >= COMMON_SHARE * c.total()
    )


def keep_place(name: str, tags: dict[str, Counter[str]], excluded: set[Name]) -> bool:
    """Drop excluded names and one-word names that ANERcorp tags O more often than not."""
    words = key(name)
    if words in excluded or not all(words):
        return False
    counts = tags.get(words[0], Counter()) if len(words) == 1 else Counter()
    return not (counts["O"] >= COMMON_MIN and counts["O"] > counts["entity"])


def write(file: str, note: str, entries: Iterable[str], out: Path) -> int:
    """Write sorted unique entries under a two-line header; return how many."""
    lines = sorted(set(entries))
    header = (
        "# Generated by `python -m baselines.build_lexicons`; do not edit (see LEXICONS.md).\n"
        f"# {note}\n"
    )
    (out / file).write_text(header + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    return len(lines)


def build(out: Path = DATA) -> dict[str, int]:
    """Write every generated list into ``out``; return the number of entries per file."""
    extra = yaml.safe_load((DATA / "lexicon_extra.yaml").read_text(encoding="utf-8"))
    rows = train_part()
    tags = word_tags(rows)
    excluded = {key(word) for word in read_list("lexicon_exclude.txt")}
    places = {k: {n for n in v if keep_place(n, tags, excluded)} for k, v in cldr_places().items()}
    place_keys = {key(n) for label in ("GPE", "LOC") for n in places[label]}
    place_keys |= {key(n) for n in extra["gpe"] + extra["loc"]}
    names = anercorp_names(rows)
    sizes = {
        "lexicon_cldr_gpe.txt": write("lexicon_cldr_gpe.txt", CLDR_NOTE, places["GPE"], out),
        "lexicon_cldr_loc.txt": write("lexicon_cldr_loc.txt", CLDR_NOTE, places["LOC"], out),
        "lexicon_cldr_org.txt": write("lexicon_cldr_org.txt", CLDR_NOTE, places["ORG"], out),
        "lexicon_norp.txt": write(
            "lexicon_norp.txt",
            CLDR_NOTE + "; nisba rule and lexicon_extra.yaml (hand-written)",
            norp_forms(extra, place_keys),
            out,
        ),
        "lexicon_anercorp_per.txt": write("lexicon_anercorp_per.txt", ANER_NOTE, names["PER"], out),
        "lexicon_anercorp_org.txt": write("lexicon_anercorp_org.txt", ANER_NOTE, names["ORG"], out),
        "lexicon_anercorp_common.txt": write(
            "lexicon_anercorp_common.txt", ANER_NOTE, common_words(tags), out
        ),
    }
    return sizes


def main(argv: list[str] | None = None) -> None:
    """Command line: rebuild the lists (``--out`` to write elsewhere) and print their sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA, help="folder to write (default: data/)")
    args = parser.parse_args(argv)
    for file, size in build(args.out).items():
        print(f"{size:6d}  {file}")


if __name__ == "__main__":
    main()
