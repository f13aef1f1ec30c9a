"""Resolving a system's speaker string through the inventory's aliases."""

from __future__ import annotations

import pytest

from bench.core.speakers import Entity, Inventory

INVENTORY = Inventory((
    Entity("dmitry-peskov", "Dmitry Peskov", "PER", ("بيسكوف", "دميتري بيسكوف")),
    Entity("white-house", "White House", "ORG", ("البيت الأبيض",)),
    Entity("kremlin", "Kremlin", "ORG", ("الكرملين",)),
    Entity("russia", "Russia", "GPE", ("روسيا", "موسكو")),
    Entity("sergei-lavrov", "Sergei Lavrov", "PER", ("لافروف",)),
    Entity("official-a", "an official", "ANON", ("مسؤول أمريكي",), doc="a"),
))


@pytest.mark.parametrize(("surface", "expected"), [
    ("بيسكوف", "dmitry-peskov"),
    ("ديمتري بيسكوف", None),             # a variant missing from the inventory
    ("وبيسكوف", "dmitry-peskov"),         # proclitic
    ("بيسكوف للصحفيين", "dmitry-peskov"),  # the longest leading run of words
    ("دميتري بيسكوف المتحدث باسم الكرملين", "dmitry-peskov"),
    ("للبيت الأبيض", "white-house"),      # ل + article written لل
    ("لبيت الأبيض", "white-house"),       # the guidelines' span of the same
    ("للكرملين", "kremlin"),
    ("لروسيا", "russia"),
    ("لافروف", "sergei-lavrov"),          # a name that starts with لا is not ل + article
    ("الكرمْلين", "kremlin"),              # diacritics
    ("مسؤول أمريكي", None),               # anonymous, and no document given
    ("بوتين", None),
], ids=lambda v: str(v))
def test_resolve(surface: str, expected: str | None) -> None:
    assert INVENTORY.resolve(surface) == expected


def test_anonymous_sources_resolve_only_in_their_document() -> None:
    assert INVENTORY.resolve("مسؤول أمريكي", "a") == "official-a"
    assert INVENTORY.resolve("مسؤول أمريكي", "b") is None
