"""Place names in the text: gazetteer entries (any alias) and places of the wider world."""

from __future__ import annotations

import re
import weakref
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


@dataclass(frozen=True)
class _Lookup:
    """What matching needs from a gazetteer and the reference list, made once for both."""

    gazetteer_keys: frozenset[str]
    world: frozenset[str]
    # Every beginning of every key ("" included): a run of words whose folded text
    # is not one of these cannot grow into a name, so matching stops there.
    prefixes: frozenset[str]

    @classmethod
    def of(cls, gazetteer: Gazetteer) -> _Lookup:
        keys, world = frozenset(gazetteer.keys()), world_places()
        prefixes = {key[:size] for key in keys | world for size in range(len(key) + 1)}
        return cls(keys, world, frozenset(prefixes))


# One lookup per live gazetteer, found by the object's identity (a Gazetteer is
# not hashable); the entry goes when its gazetteer does, so an id never reused
# by a new gazetteer can find a stale one.
_lookups: dict[int, tuple[weakref.ref, _Lookup]] = {}


def _lookup(gazetteer: Gazetteer) -> _Lookup:
    key = id(gazetteer)
    entry = _lookups.get(key)
    if entry is not None and entry[0]() is gazetteer:
        return entry[1]
    lookup = _Lookup.of(gazetteer)

    def forget(ref: weakref.ref) -> None:
        if _lookups.get(key, (None,))[0] is ref:
            del _lookups[key]

    _lookups[key] = (weakref.ref(gazetteer, forget), lookup)
    return lookup


@dataclass
class PlacesFound:
    mentioned: list[str] = field(default_factory=list)
    districts: list[str] = field(default_factory=list)
    gazetteer_places: list[Place] = field(default_factory=list)


def find_places(texts: Iterable[str], gazetteer: Gazetteer) -> PlacesFound:
    """Places in reading order: each written form once, and the districts they lead to."""
    found = PlacesFound()
    lookup = _lookup(gazetteer)
    # The lists keep reading order; these sets answer "seen already?" in one step.
    mentioned: set[str] = set()
    places: set[Place] = set()
    districts: set[str] = set()
    for text in texts:
        for written, key in _names_in(text, lookup):
            place = gazetteer.resolve(written) if key in lookup.gazetteer_keys else None
            if written not in mentioned:
                mentioned.add(written)
                found.mentioned.append(written)
            if place is None:
                continue
            if place not in places:
                places.add(place)
                found.gazetteer_places.append(place)
            district = gazetteer.district_of(place)
            if (
                district is not None
                and district.kind == "district"
                and district.name not in districts
            ):
                districts.add(district.name)
                found.districts.append(district.name)
    return found


def gazetteer_places_in(text: str, gazetteer: Gazetteer) -> list[Place]:
    """Gazetteer entries a piece of text names, each once, in reading order."""
    return find_places([text], gazetteer).gazetteer_places


def names_a_place(phrase: str, gazetteer: Gazetteer) -> bool:
    """Whether any part of a phrase is a place name ("Nagorno Karabakh", "Baku Example")."""
    return any(_names_in(phrase, _lookup(gazetteer)))


def _names_in(text: str, lookup: _Lookup) -> Iterable[tuple[str, str]]:
    """(written form, folded key) of each place name, longest match first, left to right.

    fold() works character by character and drops what joins the words of a name,
    so a run of words folds to its words' folds joined: each word is folded once."""
    toks = [Token(m[0], *m.span()) for m in _PART_RE.finditer(text)]
    folded: dict[int, str] = {}
    index = 0
    while index < len(toks):
        if not toks[index].text[0].isupper():
            index += 1
            continue
        match = None
        key = ""
        for last in range(index, min(index + _MAX_WORDS, len(toks))):
            if last > index and not _joins(text, toks[last - 1], toks[last]):
                break
            if last not in folded:
                folded[last] = fold(toks[last].text)
            key += folded[last]
            if key not in lookup.prefixes:
                break
            # The longest match wins, so a later (longer) one replaces this one.
            if key in lookup.gazetteer_keys or (
                key in lookup.world and not _first_name(text, toks, last)
            ):
                match = (text[toks[index].start : toks[last].end], key, last)
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
