"""Month and weekday names in the languages captures are written in (English, French)."""

from __future__ import annotations

from .textutil import word_set

_ENGLISH = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_ENGLISH_SHORT = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_FRENCH = {
    "janvier": 1,
    "février": 2,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
}
# English words that are also ordinary verbs or nouns: in running text they only
# name a month when capitalised, as English writes months.
_AMBIGUOUS_IN_PROSE = frozenset({"may", "march"})

# Every lower-cased word month_in_prose() may take for a month.
MONTH_WORDS = frozenset({*_ENGLISH, *_ENGLISH_SHORT, *_FRENCH})

WEEKDAYS = word_set(
    "monday tuesday wednesday thursday friday saturday sunday "
    "lundi mardi mercredi jeudi vendredi samedi dimanche"
)


def month_number(word: str) -> int | None:
    """Month of a timestamp's month word, in any case; None if it names no month."""
    key = word.lower().rstrip(".")
    return _ENGLISH.get(key) or _FRENCH.get(key) or _ENGLISH_SHORT.get(key)


def month_in_prose(word: str) -> int | None:
    """Month a word of running text names, or None ("may" the verb is no month)."""
    key = word.lower()
    if key in _FRENCH:
        return _FRENCH[key]
    if key in _ENGLISH:
        if key in _AMBIGUOUS_IN_PROSE and not word[0].isupper():
            return None
        return _ENGLISH[key]
    if key in _ENGLISH_SHORT and word[0].isupper():
        return _ENGLISH_SHORT[key]
    return None


# Lower-cased month and weekday names, which never name a person.
MONTHS_AND_WEEKDAYS = WEEKDAYS | frozenset(_ENGLISH) | frozenset(_FRENCH)
