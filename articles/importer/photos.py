"""Photo blocks: captions around a "©" credit ("Name, AGENCY" or the agency alone)."""

from __future__ import annotations

import re

from .language import is_small_word, ranked_languages, script_of
from .lexicon import BODIES
from .model import PhotoFound
from .textutil import word_set

# A credit is a run of capitalised words ("Anna Petrova, Meridian Images", "AP
# Photo/Sample Person", "Reuters"), with name particles and one comma inside it.
_CREDIT_WORD_RE = re.compile(r"[^\s,]+|,")
_NAME_PARTICLES = word_set("de da di du van von der den del al el bin ibn")
_JOINERS = frozenset({"/", "&", "-", "|"})
_MAX_CREDIT_WORDS = 10
# "© Name for The Morning Ledger": the outlet a photographer worked for is in the credit.
_CREDIT_FOR = frozenset({"for", "pour"})
_OUTLET_ARTICLES = word_set("the le la les")
# Lower-case words inside an organisation's name: "Association Fil et Trame".
_NAME_CONNECTORS = word_set("of and et de des du")
# "L'Éveil Régional": an elided article on a capitalised name is part of it.
_ELIDED_NAME_RE = re.compile(r"^[LD]['’][^\W\d_]")
# Words that end an agency's name: what follows them is the caption.
_AGENCY_HEADS = word_set(
    "agency images image photo photos press pictures news post service lens frame media wire "
    "bildagentur herald gazette times agence presse foto fotos studio"
)
# Words that open an organisation's name, whose name may hold a connector.
_ORGANISATION_HEADS = _AGENCY_HEADS | BODIES


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
    values = [word[0] for word in words]
    taken = 0  # words of the credit so far
    ended_by_lower_case = False
    while taken < min(len(words), _MAX_CREDIT_WORDS):
        value = values[taken]
        if value == ",":
            if taken == 0 or taken + 1 >= len(words) or values[taken - 1] == ",":
                break
        elif taken and script_of(value) != script_of(values[0]):
            break  # "© Agence Kamar Гранаты в ящиках": a caption in another alphabet
        elif (value.lower() in _NAME_PARTICLES or value in _JOINERS) and taken:
            pass  # "Jan van Dijk", "Sample Shooter / AFP"
        elif _continues_credit(values, taken):
            pass  # "X for The Morning Ledger", "Association Fil et Trame", "Objectif Est Photo"
        elif not _is_credit_word(value):
            ended_by_lower_case = not value[0].isupper()
            break
        taken += 1
        if value.endswith(".") and len(value.rstrip(".")) > 1:
            break  # "© Reuters. Residents leave": a full stop ends the credit
    else:
        if len(words) > _MAX_CREDIT_WORDS:
            return "", text.strip()  # no credit-like run: all of it is caption
    after_comma = bool(taken) and values[taken - 1] == ","
    while taken and values[taken - 1] == ",":
        taken -= 1
    heads = [i for i in range(taken) if values[i].lower() in _AGENCY_HEADS]
    capitals = _capitals_run(values, taken)
    if capitals is not None:
        taken = capitals
    elif ended_by_lower_case and heads and heads[-1] < taken - 1:
        # "© Nare Hakobyan, Harbour Photo Agency Lusine Ghazaryan in the kitchen":
        # the agency's name ends with its kind of business, or with the name
        # its connector joins to it ("Gazette des Coteaux").
        taken = heads[-1] + 1
        if taken + 1 < len(values) and values[taken] in _NAME_CONNECTORS:
            taken += 2
    elif ended_by_lower_case and not after_comma and taken > 1 and values[taken - 2] != ",":
        taken -= 1
    if not taken:
        return "", text.strip()
    end = words[taken - 1].end()
    return text[:end].strip().rstrip("."), text[end:].strip(" \t\xa0,")


def _capitals_run(values: list[str], taken: int) -> int | None:
    """A credit opening with two words in capitals is the run of them ("© LA VEILLE
    Curator Nigar Valiyeva in ..."): the first word in mixed case opens the caption."""
    if taken < 2 or not all(_in_capitals(value) for value in values[:2]):
        return None
    return next(
        (i for i in range(2, taken) if values[i].isalpha() and not values[i].isupper()), taken
    )


def _in_capitals(value: str) -> bool:
    return len(value) > 1 and value.isalpha() and value.isupper()


def _is_credit_word(value: str) -> bool:
    """A capitalised word or a number, or an agency's mixed-case brand ("photoKARVAN"),
    that is no small word opening a caption; "L'Éveil" is a name, not "l'"."""
    if not (value[0].isupper() or value[0].isdigit()):
        return value.isalpha() and not value.islower()
    return _ELIDED_NAME_RE.match(value) is not None or not _is_small_word(value)


def _continues_credit(values: list[str], at: int) -> bool:
    """Whether a word the credit would otherwise end at carries on a name begun before it:
    "for"/"pour" before a capitalised outlet ("for The Morning Ledger", its article
    included), a lower-case connector inside an organisation's name ("Association
    Fil et Trame", "Gazette des Coteaux"), or a small word that an agency's head word
    follows ("Objectif Est Photo")."""
    if not at or at + 1 >= len(values):
        return False
    value, following = values[at], values[at + 1]
    if value in _CREDIT_FOR and following[0].isupper():
        return True
    if values[at - 1] in _CREDIT_FOR and value.lower() in _OUTLET_ARTICLES:
        return following[0].isupper()
    if value in _NAME_CONNECTORS and following[0].isupper() and not _is_small_word(following):
        group = values[:at]
        opening = len(group) - group[::-1].index(",") if "," in group else 0
        return any(word.lower() in _ORGANISATION_HEADS for word in group[opening:])
    return (
        value[0].isupper()
        and following.lower() in _AGENCY_HEADS
        and value.lower() not in _OUTLET_ARTICLES
    )


def _is_small_word(word: str) -> bool:
    # "LA VEILLE": a word in capitals is an agency's name, not a caption's first word.
    return is_small_word(word) and not (len(word) > 1 and word.isupper())


def _by_language(captions: list[str]) -> dict[str, str]:
    result: dict[str, str] = {}
    for caption in captions:
        ranked = ranked_languages(caption) or ["en"]
        # Two captions are usually one text in two languages: when the best guess is
        # taken, the runner-up with any evidence is the better answer.
        lang = next((lang for lang in ranked if lang not in result), ranked[0])
        result[lang] = f"{result[lang]} {caption}" if lang in result else caption
    return result
