"""The speaker inventory (``gold/speakers.yaml``) and resolving surface forms to its ids.

The inventory file has one list, ``speakers:``; ``entities:``, its name before the file was
renamed from ``gold/entities.yaml``, is still read. A task names the file as its ``speakers``
resource (``entities`` still read).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bench.core.yamlio import check_keys, load_yaml, shown
from bench.errors import InputError

ENTITY_KEYS = ("id", "name", "type", "aliases", "doc")
LIST_KEYS = ("speakers", "entities")
"""The inventory's list, under its name and its old name."""
RESOURCE_KEYS = ("speakers", "entities")
"""A task's resource naming the inventory, under its name and its old name."""
ENTITY_TYPES = ("PER", "ORG", "GPE", "ANON")
_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
_PROCLITIC = re.compile("^(و|ف|ب|ل|ك|وب|ول|فب|فل)(?=ال|[^ا])")


def normalize(surface: str) -> str:
    """Lookup form: no diacritics or tatweel, alef forms unified, spaces collapsed."""
    text = _DIACRITICS.sub("", surface)
    text = re.sub("[أإآ]", "ا", text).replace("ى", "ي")
    return " ".join(text.split())


@dataclass(frozen=True)
class Entity:
    """One speaker or entity of the inventory."""

    id: str
    """Stable id, e.g. ``dmitry-peskov``."""
    name: str
    """English name."""
    type: str
    """PER, ORG, GPE or ANON (an anonymous source)."""
    aliases: tuple[str, ...]
    """Every surface form seen in the texts."""
    doc: str | None = None
    """For anonymous sources, the document they belong to."""


@dataclass(frozen=True)
class Inventory:
    """All entities, with alias lookup."""

    entities: tuple[Entity, ...]
    """In file order."""

    @property
    def ids(self) -> frozenset[str]:
        """Every id."""
        return frozenset(e.id for e in self.entities)

    def get(self, entity_id: str | None) -> Entity | None:
        """The entity with this id, or None."""
        return next((e for e in self.entities if e.id == entity_id), None)

    def resolve(self, surface: str, doc: str | None = None) -> str | None:
        """The id whose alias matches ``surface`` (anonymous ones only in their document).

        Tried as given, then without a leading proclitic (and with the article's alif put
        back after ل, as in للبيت); failing those, the longest run of
        whole words at its start that is an alias (so "بيسكوف للصحفيين" resolves to Peskov).
        None when nothing or more than one entity matches.
        """
        forms = [normalize(surface)]
        forms.append(_PROCLITIC.sub("", forms[0]))
        if forms[0].startswith("ل") and not forms[0].startswith("لا"):
            # ل + article is written لل (للبيت الأبيض; the guidelines' span is لبيت الأبيض):
            # put the article's alif back.
            forms.append("ال" + forms[0][2 if forms[0].startswith("لل") else 1:])
        for base in dict.fromkeys(forms[:2]):
            words = base.split()
            forms += [" ".join(words[:n]) for n in range(len(words) - 1, 0, -1)]
        for form in forms:
            found = {e.id for e in self.entities if form in {normalize(a) for a in e.aliases}
                     and (e.doc is None or e.doc == doc)}
            if len(found) == 1:
                return found.pop()
            if found:
                return None
        return None


def inventory_path(resources: Mapping[str, Path]) -> Path | None:
    """The inventory file among a task's resources (``speakers``, or its old name)."""
    return next((resources[k] for k in RESOURCE_KEYS if k in resources), None)


@cache
def load_inventory(path: Path) -> Inventory:
    """Read and check the inventory: unique ids, known types, a list of aliases each."""
    data = load_yaml(path)
    key = next((k for k in LIST_KEYS if isinstance(data, dict) and k in data), LIST_KEYS[0])
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise InputError("expected a mapping with a 'speakers:' list", where=shown(path),
                         hint="see gold/speakers.yaml")
    entities, seen = [], set()
    for entry in data[key]:
        check_keys(entry, ENTITY_KEYS, path, required=("id", "name", "type", "aliases"))
        if entry["id"] in seen:
            raise InputError(f"duplicate entity id '{entry['id']}'", where=shown(path),
                             hint="ids must be unique")
        if entry["type"] not in ENTITY_TYPES:
            raise InputError(f"entity '{entry['id']}' has type '{entry['type']}'",
                             where=shown(path), hint=f"use one of {', '.join(ENTITY_TYPES)}")
        seen.add(entry["id"])
        entities.append(Entity(str(entry["id"]), str(entry["name"]), str(entry["type"]),
                               tuple(str(a) for a in entry["aliases"]), entry.get("doc")))
    return Inventory(tuple(entities))
