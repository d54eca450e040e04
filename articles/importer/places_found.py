"""Place names in the text: gazetteer entries (any alias) and places of the wider world."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from articles.places import Gazetteer, Place, fold

from .textutil import Token

WORLD_PLACES = Path(__file__).resolve().parent / "data" / "world_places.txt"

# What may stand between the words of one name: spaces, a hyphen with or without
# spaces around it ("Nagorno - Karabakh", "Haut -Karabakh"), or an inner
# apostrophe ("N'Djamena").
_JOIN_RE = re.compile(r"[ \t\xa0]+|[ \t\xa0]*[-‐‑–][ \t\xa0]*|['’]")
_INITIAL_JOIN_RE = re.compile(r"\.[ \t\xa0]*")  # "U.S.", "St. Petersburg"
_MAX_WORDS = 6
# Names are matched on runs of letters and digits, so hyphenated compounds split
# into their parts ("Goris-Lachin") and possessives drop off ("Shushi's").
_PART_RE = re.compile(r"[^\W_]+")

# Endings of surnames common in the region: a town name right before one is a
# person's first name ("Ararat Mirzoyan"), not a place.
_SURNAME_ENDINGS = (
    "yan",
    "ian",
    "ov",
    "ova",
    "ev",
    "eva",
    "yev",
    "yeva",
    "ovich",
    "evich",
    "sky",
    "ski",
    "enko",
    "zade",
    "oglu",
    "shvili",
    "dze",
)


@lru_cache(maxsize=4)
def world_places(path: Path = WORLD_PLACES) -> frozenset[str]:
    """Folded names of the reference list (countries, capitals, the region's towns)."""
    with open(path, encoding="utf-8") as fh:
        names = (line.strip() for line in fh)
        return frozenset(fold(name) for name in names if name and not name.startswith("#"))


@dataclass
class PlacesFound:
    mentioned: list[str] = field(default_factory=list)
    districts: list[str] = field(default_factory=list)
    gazetteer_places: list[Place] = field(default_factory=list)


def find_places(texts: Iterable[str], gazetteer: Gazetteer) -> PlacesFound:
    """Places in reading order: each written form once, and the districts they lead to."""
    found = PlacesFound()
    gazetteer_keys = gazetteer.keys()
    world = world_places()
    for text in texts:
        for written, key in _names_in(text, gazetteer_keys, world):
            place = gazetteer.resolve(written) if key in gazetteer_keys else None
            if written not in found.mentioned:
                found.mentioned.append(written)
            if place is None:
                continue
            if place not in found.gazetteer_places:
                found.gazetteer_places.append(place)
            district = gazetteer.district_of(place)
            if (
                district is not None
                and district.kind == "district"
                and district.name not in found.districts
            ):
                found.districts.append(district.name)
    return found


def gazetteer_places_in(text: str, gazetteer: Gazetteer) -> list[Place]:
    """Gazetteer entries a piece of text names, each once, in reading order."""
    return find_places([text], gazetteer).gazetteer_places


def names_a_place(phrase: str, gazetteer: Gazetteer) -> bool:
    """Whether any part of a phrase is a place name ("Nagorno Karabakh", "Baku Example")."""
    return any(_names_in(phrase, gazetteer.keys(), world_places()))


def _names_in(
    text: str, gazetteer_keys: set[str], world: frozenset[str]
) -> Iterable[tuple[str, str]]:
    """(written form, folded key) of each place name, longest match first, left to right."""
    toks = [Token(m.group(), m.start(), m.end()) for m in _PART_RE.finditer(text)]
    joinable = [_joins(text, toks[i], toks[i + 1]) for i in range(len(toks) - 1)]
    index = 0
    while index < len(toks):
        if not toks[index].text[0].isupper():
            index += 1
            continue
        match = None
        for size in range(min(_MAX_WORDS, len(toks) - index), 0, -1):
            last = index + size - 1
            if not all(joinable[index:last]):
                continue
            written = text[toks[index].start : toks[last].end]
            key = fold(written)
            if key in gazetteer_keys:
                match = (written, key, last)
                break
            if key in world and not _first_name(text, toks, last):
                match = (written, key, last)
                break
        if match is None:
            index += 1
            continue
        written, key, last = match
        if len(toks[last].text) == 1 and text[toks[last].end : toks[last].end + 1] == ".":
            written += "."  # keep the final stop of initials: "U.S."
        yield written, key
        index = last + 1


def _joins(text: str, left: Token, right: Token) -> bool:
    gap = text[left.end : right.start]
    if _JOIN_RE.fullmatch(gap):
        return True
    # A full stop joins only an initial or a short abbreviation to what follows.
    return bool(_INITIAL_JOIN_RE.fullmatch(gap)) and len(left.text) <= 2 and left.text[0].isupper()


def _first_name(text: str, toks: list[Token], last: int) -> bool:
    """Whether the name just matched is followed by a surname, making it a person's name."""
    nxt = last + 1
    if nxt >= len(toks) or text[toks[last].end : toks[nxt].start] != " ":
        return False
    word = toks[nxt].text
    return word[0].isupper() and word.lower().endswith(_SURNAME_ENDINGS) and len(word) > 4
