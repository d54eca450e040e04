"""The one rule for turning any spelling of a place into a gazetteer entry.

Everything that matches place names (filters, search, the importer, the admin)
goes through :func:`fold` and :class:`Gazetteer`, so "Karvachar", "KƏLBƏCƏR"
and "kelbecer" are the same place everywhere.
"""

from __future__ import annotations

import csv
import difflib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from articles import freshness

GAZETTEER_CSV = Path(__file__).resolve().parent / "data" / "gazetteer.csv"

# Letters that Unicode does not decompose into a base letter plus a mark,
# so NFKD alone would keep them apart from their Latin look-alikes.
_UNDECOMPOSED = str.maketrans(
    {
        "ə": "e",
        "Ə": "e",
        "ı": "i",
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
    }
)


def _fold_text(text: str) -> str:
    """The folding rule itself, applied to a whole string (see :func:`fold`)."""
    text = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return "".join(ch for ch in text.casefold() if ch.isalnum())


# Every step of the rule works character by character: NFKD decomposes each
# character on its own (it never composes), the only reordering it does moves
# combining marks, which are all dropped, and casefold and the alphanumeric
# filter look at one character at a time. So a string folds to its characters'
# folds joined, and str.translate can apply a memo of them at C speed.
_MAX_MEMO_CHARS = 20_000  # bounds the memo's memory whatever a capture contains


class _CharFolds(dict):
    def __missing__(self, code: int) -> str:
        folded = _fold_text(chr(code))
        if len(self) < _MAX_MEMO_CHARS:
            self[code] = folded
        return folded


_CHAR_FOLDS = _CharFolds()


def fold(name: str) -> str:
    """Reduce a place name to the key every spelling of it shares.

    Case, accents, spaces and punctuation are dropped: "Nagorno - Karabakh",
    "nagorno-karabakh" and "Nagorno Karabakh" all fold to "nagornokarabakh".
    """
    if name.isascii() and name.isalnum():
        return name.lower()  # a plain word: nothing to decompose or drop
    return name.translate(_CHAR_FOLDS)


@dataclass(frozen=True)
class Place:
    """A gazetteer entry as the resolver sees it, free of the database."""

    name: str
    kind: str
    slug: str = ""
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    pk: int | None = None

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("district-detail", kwargs={"slug": self.slug})

    @property
    def district_name(self) -> str | None:
        """The district this place is filed under: itself, or the district it lies in."""
        if self.kind == "district":
            return self.name
        if self.kind in ("settlement", "landmark"):
            return self.parent
        return None


@dataclass
class Gazetteer:
    """Every name and alias of every place, folded for lookup."""

    places: list[Place] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_key: dict[str, Place] = {}
        self._by_name: dict[str, Place] = {p.name: p for p in self.places}
        # Canonical names win over aliases when two places share a spelling.
        for place in self.places:
            for alias in place.aliases:
                self._by_key.setdefault(fold(alias), place)
        for place in self.places:
            self._by_key[fold(place.name)] = place
        self._by_key.pop("", None)

    def resolve(self, name: str) -> Place | None:
        """The place ``name`` spells, or None for an unknown name (never an error)."""
        if not isinstance(name, str) or len(name) > 200:
            return None
        return self._by_key.get(fold(name))

    def district_of(self, place: Place) -> Place | None:
        """The district entry a place is filed under, if any."""
        name = place.district_name
        return self._by_name.get(name) if name else None

    def get(self, name: str) -> Place | None:
        return self._by_name.get(name)

    def keys(self) -> set[str]:
        return set(self._by_key)

    def suggest(self, name: str, limit: int = 3) -> list[Place]:
        """The places whose names or aliases are spelled most like ``name``, best first."""
        keys = difflib.get_close_matches(fold(name[:200]), self._by_key, n=limit * 3, cutoff=0.75)
        return list(dict.fromkeys(self._by_key[key] for key in keys))[:limit]

    def names(self) -> list[str]:
        """Every name and alias a reader may type, for suggestions as they type."""
        spelled = [n for p in self.places for n in (p.name, *p.aliases)]
        return sorted(dict.fromkeys(spelled), key=fold)

    @classmethod
    def from_csv(cls, path: Path = GAZETTEER_CSV) -> Gazetteer:
        from django.utils.text import slugify

        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        return cls(
            [
                Place(
                    name=row["name"],
                    kind=row["kind"],
                    slug=slugify(row["name"]),
                    parent=row["parent"] or None,
                    aliases=tuple(a for a in row["aliases"].split(";") if a),
                )
                for row in rows
            ]
        )


# The gazetteer as the database holds it: one query, made again by each
# process when the content generation moves on (any change to a place or an
# alias moves it, as any other change does).
_loaded: tuple[str, Gazetteer] | None = None


def gazetteer() -> Gazetteer:
    """The current gazetteer from the database, cached per process."""
    global _loaded
    current = freshness.generation()
    if _loaded is None or _loaded[0] != current:
        _loaded = (current, _from_database())
    return _loaded[1]


def _from_database() -> Gazetteer:
    from articles.models import District

    districts = District.objects.select_related("parent").prefetch_related("aliases")
    return Gazetteer(
        [
            Place(
                name=d.name,
                kind=d.kind,
                slug=d.slug,
                parent=d.parent.name if d.parent else None,
                aliases=tuple(a.name for a in d.aliases.all()),
                pk=d.pk,
            )
            for d in districts
        ]
    )


def resolve_place(name: str):
    """The District that ``name`` spells under any spelling, or None.

    This is the one entry point the filters, search, importer and admin use.
    """
    from articles.models import District

    place = gazetteer().resolve(name)
    if place is None:
        return None
    return District.objects.filter(pk=place.pk).first()


def place_ids(names: list[str]) -> set[int]:
    """The ids of the named places and of every place that lies within them."""
    places = gazetteer()
    chosen = {p.name for name in names if (p := places.resolve(name)) is not None}
    # A region holds districts, which hold settlements: follow the tree down.
    while within := {p.name for p in places.places if p.parent in chosen} - chosen:
        chosen |= within
    return {p.pk for p in places.places if p.name in chosen}
