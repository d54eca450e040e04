"""Photo blocks: captions around a "©" credit ("Name, AGENCY" or the agency alone)."""

from __future__ import annotations

import re

from .language import language_scores, ranked_languages
from .model import PhotoFound
from .textutil import word_set

# An agency is an all-capitals word (AP, REUTERS, EPA-EFE), optionally with a
# "/" part after it ("EPA-EFE/Archives", "REUTERS/Sample Person").
_AGENCY = r"[A-Z][A-Z0-9&\-]*[A-Z0-9](?![\w])"
_NAME_WORD = r"[^\W\d_][\w.'’\-]*"
_CREDIT_RE = re.compile(
    rf"(?P<name>{_NAME_WORD}(?:[ \t\xa0]+{_NAME_WORD}){{0,4}})[ \t\xa0]*(?P<sep>,|/)[ \t\xa0]*"
    rf"(?P<agency>{_AGENCY})"
)
_AGENCY_RE = re.compile(_AGENCY)
# "AP Photo/Name" is how AP credits its photographers.
_SLASH_PART_RE = re.compile(
    r"(?:[ \t\xa0]Photo)?[ \t\xa0]?/[ \t\xa0]?([^\W\d_][\w\-]*)(?:[ \t\xa0]([A-Z][\w\-]*))?"
)
_NAME_PARTICLES = word_set("de da di du van von der den del la le al el bin ibn")
_CAPITALISED_RUN_RE = re.compile(r"[A-Z][\w.'’\-]*(?:[ \t\xa0]+[A-Z][\w.'’\-]*){0,3}")
_SHORT_CREDIT_WORDS = 6


def split_photo_block(text: str) -> list[PhotoFound]:
    """One photo per "©" in the block, with the caption text on either side of its credit."""
    pieces = text.split("©")
    before = pieces[0].strip()
    photos: list[tuple[str, list[str]]] = []
    for index, piece in enumerate(pieces[1:]):
        credit, after = _split_credit(piece)
        captions = [before] if before else []
        last = index == len(pieces) - 2
        # Text between two credits belongs to the earlier photo when that photo has
        # no caption yet; otherwise it is the next photo's leading caption.
        if after and (last or not captions):
            captions.append(after)
            before = ""
        else:
            before = after
        photos.append((credit, captions))
    return [PhotoFound(credit, _by_language(captions)) for credit, captions in photos]


def _split_credit(piece: str) -> tuple[str, str]:
    """(credit, rest) for the text that follows a "©"."""
    text = piece.lstrip(" \t\xa0:")
    found = _CREDIT_RE.match(text)
    if found and _looks_like_name(found.group("name")):
        end = _extend_agency(text, found.end())
        return text[:end].strip(), text[end:].strip()
    agency = _AGENCY_RE.match(text)
    if agency:
        end = _extend_agency(text, agency.end())
        return text[:end].strip(), text[end:].strip()
    if len(text.split()) <= _SHORT_CREDIT_WORDS:
        return text.strip().rstrip("."), ""
    # No agency: the credit is the leading capitalised name, with one ", Name" after it.
    run = _CAPITALISED_RUN_RE.match(text)
    if run is None:
        return "", text.strip()
    end = run.end()
    tail = re.match(r",[ \t\xa0]*" + _CAPITALISED_RUN_RE.pattern, text[end:])
    if tail:
        end += tail.end()
    return text[:end].strip(), text[end:].strip()


def _extend_agency(text: str, end: int) -> int:
    slash = _SLASH_PART_RE.match(text, end)
    if slash is None:
        return end
    second = slash.group(2)
    if second and not _is_small_word(second):
        return slash.end()
    return slash.end(1)


def _is_small_word(word: str) -> bool:
    return any(language_scores(word).values())


def _looks_like_name(name: str) -> bool:
    parts = name.split()
    return all(p[0].isupper() or p.lower() in _NAME_PARTICLES for p in parts) and not any(
        _is_small_word(p) for p in parts if p.lower() not in _NAME_PARTICLES
    )


def _by_language(captions: list[str]) -> dict[str, str]:
    result: dict[str, str] = {}
    for caption in captions:
        ranked = ranked_languages(caption) or ["en"]
        # Two captions are usually one text in two languages: when the best guess is
        # taken, the runner-up with any evidence is the better answer.
        lang = next((lang for lang in ranked if lang not in result), ranked[0])
        result[lang] = f"{result[lang]} {caption}" if lang in result else caption
    return result
