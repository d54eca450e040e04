"""Photo blocks: captions around a "©" credit ("Name, AGENCY" or the agency alone)."""

from __future__ import annotations

import re

from .language import language_scores, ranked_languages
from .model import PhotoFound
from .textutil import word_set

# A credit is a run of capitalised words ("Anna Petrova, Meridian Images", "AP
# Photo/Sample Person", "Reuters"), with name particles and one comma inside it.
_CREDIT_WORD_RE = re.compile(r"[^\s,]+|,")
_NAME_PARTICLES = word_set("de da di du van von der den del al el bin ibn")
_JOINERS = frozenset({"/", "&", "-", "|"})
_MAX_CREDIT_WORDS = 10
# Words that end an agency's name: what follows them is the caption.
_AGENCY_HEADS = word_set(
    "agency images image photo photos press pictures news post service lens frame media wire "
    "bildagentur herald gazette times agence presse foto fotos studio"
)


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
    """(credit, caption) for the text that follows a "©".

    The credit runs over capitalised words. It ends before a capitalised small
    word ("In", "The", "Dans"), which opens the caption, or before a lower-case
    word, and then the capitalised word just before that one opens the caption
    instead ("© Reuters Residents of the district..."): a caption's first word
    is rarely followed by another capitalised one.
    """
    text = piece.lstrip(" \t\xa0:")
    words = list(_CREDIT_WORD_RE.finditer(text))
    taken = 0  # words of the credit so far
    ended_by_lower_case = False
    for word in words[:_MAX_CREDIT_WORDS]:
        value = word[0]
        if value == ",":
            if taken == 0 or taken + 1 >= len(words) or words[taken - 1][0] == ",":
                break
        elif (value.lower() in _NAME_PARTICLES or value in _JOINERS) and taken:
            pass  # "Jan van Dijk", "Sample Shooter / AFP"
        elif not (value[0].isupper() or value[0].isdigit()) or _is_small_word(value):
            ended_by_lower_case = not value[0].isupper()
            break
        taken += 1
        if value.endswith(".") and len(value.rstrip(".")) > 1:
            break  # "© Reuters. Residents leave": a full stop ends the credit
    else:
        if len(words) > _MAX_CREDIT_WORDS:
            return "", text.strip()  # no credit-like run: all of it is caption
        taken = len(words)
    after_comma = bool(taken) and words[taken - 1][0] == ","
    while taken and words[taken - 1][0] == ",":
        taken -= 1
    heads = [i for i in range(taken) if words[i][0].lower() in _AGENCY_HEADS]
    if ended_by_lower_case and heads and heads[-1] < taken - 1:
        # "© Nare Hakobyan, Harbour Photo Agency Lusine Ghazaryan in the kitchen":
        # the agency's name ends with its kind of business.
        taken = heads[-1] + 1
    elif ended_by_lower_case and not after_comma and taken > 1 and words[taken - 2][0] != ",":
        taken -= 1
    if not taken:
        return "", text.strip()
    end = words[taken - 1].end()
    return text[:end].strip().rstrip("."), text[end:].strip(" \t\xa0,")


def _is_small_word(word: str) -> bool:
    return any(language_scores(word).values())


def _by_language(captions: list[str]) -> dict[str, str]:
    result: dict[str, str] = {}
    for caption in captions:
        ranked = ranked_languages(caption) or ["en"]
        # Two captions are usually one text in two languages: when the best guess is
        # taken, the runner-up with any evidence is the better answer.
        lang = next((lang for lang in ranked if lang not in result), ranked[0])
        result[lang] = f"{result[lang]} {caption}" if lang in result else caption
    return result
