"""Place names in the text: gazetteer entries (any alias) and places of the wider world."""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from articles.places import Gazetteer, Place, fold

from .document import Document
from .textutil import capital_parts

WORLD_PLACES = Path(__file__).resolve().parent / "data" / "world_places.txt"

# What may stand between the words of one name: spaces, a hyphen with or without
# spaces around it ("Nagorno - Karabakh", "Haut -Karabakh"), or an inner
# apostrophe ("N'Djamena").
_JOIN_RE = re.compile(r"[ \t\xa0]+|[ \t\xa0]*[-‐‑–][ \t\xa0]*|['’]")
_INITIAL_JOIN_RE = re.compile(r"\.[ \t\xa0]*")  # "U.S.", "St. Petersburg"
_MAX_WORDS = 6
# Every character the two patterns above accept: a gap with any other is no join.
_JOIN_CHARS = frozenset(" \t\xa0-‐‑–'’.")
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
    # Every beginning of every key, whole keys and "" included: a run of parts whose
    # folded text is not one of these grows into no name, so matching stops there.
    # (Whole keys stay in: a few letters fold to nothing, so a longer run of parts
    # may fold to the same key.)
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


def find_places(
    texts: Iterable[str], gazetteer: Gazetteer, document: Document | None = None
) -> PlacesFound:
    """Places in reading order: each written form once, and the districts they lead to."""
    found = PlacesFound()
    document = Document.of(texts, document)
    lookup = _lookup(gazetteer)
    # The lists keep reading order; these sets answer "seen already?" in one step.
    mentioned: set[str] = set()
    places: set[Place] = set()
    districts: set[str] = set()
    for index, text in enumerate(document.texts):
        for written, key in _names_in(text, lookup, document.capital_parts(index)):
            if written in mentioned:
                continue  # the same written form, so the same place: nothing new
            mentioned.add(written)
            found.mentioned.append(written)
            place = gazetteer.resolve(written) if key in lookup.gazetteer_keys else None
            if place is None or place in places:
                continue
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
    # A name set in capitals by the layout ("ZANGILAN, June 6 (Wire) -") is the
    # same written name as in the text, where the text writes it too.
    written_normally = {name.casefold() for name in found.mentioned if not name.isupper()}
    found.mentioned = [
        name
        for name in found.mentioned
        if not (name.isupper() and len(name) > 3 and name.casefold() in written_normally)
    ]
    return found


def gazetteer_places_in(text: str, gazetteer: Gazetteer) -> list[Place]:
    """Gazetteer entries a piece of text names, each once, in reading order."""
    return find_places([text], gazetteer).gazetteer_places


def names_a_place(phrase: str, gazetteer: Gazetteer) -> bool:
    """Whether any part of a phrase is a place name ("Nagorno Karabakh", "Baku Example")."""
    return any(_names_in(phrase, _lookup(gazetteer), capital_parts(phrase)))


# A word that makes the name after it a broadcaster's: "Radio Kura", "TV Ganja".
_OUTLET_BEFORE_RE = re.compile(r"\b(?:Radio|Radyo|Télé|TV|Channel|Kanal)\s+$")


def _names_in(text: str, lookup: _Lookup, capitals: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """(written form, folded key) of each place name, longest match first, left to right.

    A name starts with a capitalised part, so only those (``capitals``, as spans)
    are looked at. fold() works character by character and drops what joins the
    parts of a name, so a run of parts folds to its parts' folds joined, and the
    run stops growing as soon as that is the beginning of no key."""
    found = []
    resume = 0  # where the last name found ends: no name starts inside one
    for start, end in capitals:
        if start < resume or text[start:end] == "I":
            continue  # the pronoun starts no name: "I ran out" is not Iran
        if _OUTLET_BEFORE_RE.search(text, max(0, start - 12), start):
            continue  # "Radio Kura" is a station, not the river
        key = fold(text[start:end])
        if key not in lookup.prefixes:
            continue  # about a third of capitalised words: no key starts so
        match = _longest_name(text, lookup, start, end, key)
        if match is None:
            continue
        written, key, (last_start, last_end) = match
        if last_end - last_start == 1 and text[last_end : last_end + 1] == ".":
            written += "."  # keep the final stop of initials: "U.S."
        found.append((written, key))
        resume = last_end
    return found


def _longest_name(
    text: str, lookup: _Lookup, start: int, end: int, key: str
) -> tuple[str, str, tuple[int, int]] | None:
    """(written form, key, span of the last part) of the longest name that starts with
    the part ``start``-``end``, which folds to ``key``."""
    last = (start, end)  # the run's last part
    match = None
    for size in range(1, _MAX_WORDS + 1):
        if key not in lookup.prefixes:
            break
        # The longest match wins, so a later (longer) one replaces this one.
        if key in lookup.gazetteer_keys or (key in lookup.world and not _first_name(text, last[1])):
            match = (text[start : last[1]], key, last)
        following = _joined_part(text, last) if size < _MAX_WORDS else None
        # Its first letter alone often shows the run can grow no further.
        if following is None or key + fold(text[following]) not in lookup.prefixes:
            break
        last = (following, _PART_RE.match(text, following).end())
        key += fold(text[last[0] : last[1]])
    return match


def _joined_part(text: str, part: tuple[int, int]) -> int | None:
    """Where the part after ``part`` (a span) starts, if what stands between them may
    join two words of one name."""
    at = part[1]
    if text[at : at + 1] == " " and text[at + 1 : at + 2].isalnum():
        return at + 1  # the usual gap, told at once
    while at < len(text) and text[at] in _JOIN_CHARS:
        at += 1
    if at == len(text) or not text[at].isalnum() or not _joins(text, part, at):
        return None
    return at


def _joins(text: str, left: tuple[int, int], right: int) -> bool:
    """Whether the gap between a part (span) and the next one (starting at ``right``)
    may join two words of one name."""
    gap = text[left[1] : right]
    if gap == " " or _JOIN_RE.fullmatch(gap):
        return True
    # A full stop joins only an initial or a short abbreviation to what follows.
    return (
        bool(_INITIAL_JOIN_RE.fullmatch(gap)) and left[1] - left[0] <= 2 and text[left[0]].isupper()
    )


def _first_name(text: str, end: int) -> bool:
    """Whether the name just matched (ending at ``end``) is followed by a surname,
    making it a person's name."""
    # The next part must follow after exactly one space, and start with a capital.
    first = text[end + 1 : end + 2]
    if text[end : end + 1] != " " or not (first.isalnum() and first.isupper()):
        return False
    word = _PART_RE.match(text, end + 1)[0]
    return word.lower().endswith(_SURNAME_ENDINGS) and len(word) > 4
