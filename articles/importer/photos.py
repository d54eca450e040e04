"""Photo blocks: captions around a "©" credit ("Name, AGENCY" or the agency alone)."""

from __future__ import annotations

import re

from .language import (
    has_small_word_of,
    is_small_word,
    language_scores,
    ranked_languages,
    script_of,
)
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
    "bildagentur herald gazette times agence presse foto fotos studio medya "
    "quarterly weekly daily monthly magazine journal review courier observer tribune ledger "
    "chronicle radio mirror courrier llc ltd inc"
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
    ended_by_lower_case = ended_by_letters = False
    while taken < min(len(words), _MAX_CREDIT_WORDS):
        value = values[taken]
        if value == ",":
            if taken == 0 or taken + 1 >= len(words) or values[taken - 1] == ",":
                break
        elif taken and script_of(value) != script_of(values[0]):
            break  # "© Agence Kamar Гранаты в ящиках": a caption in another alphabet
        elif taken and _new_letters(value, values[:taken]):
            # "© Highland Springs LLC Şagirdlər laboratoriyada": letters the credit
            # has none of open a caption in another language.
            ended_by_letters = True
            break
        elif (value.lower() in _NAME_PARTICLES or value in _JOINERS) and taken:
            pass  # "Jan van Dijk", "Sample Shooter / AFP"
        elif _continues_credit(values, taken) or _closes_brand(values, taken):
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
    if not taken and _all_credit(values):
        return text.strip().rstrip("."), ""  # "© Le Courrier du Rhône" closing the block
    # Heads of the last name in the credit: "Highland Review / Leyla Abbasova" is no
    # agency name ending in "Review".
    last_mark = max((i for i in range(taken) if values[i] in _JOINERS), default=-1)
    heads = [i for i in range(last_mark + 1, taken) if values[i].lower() in _ORGANISATION_HEADS]
    capitals = _capitals_run(values, taken) or _agency_in_capitals(values, taken)
    if capitals is not None:
        taken = capitals
    elif (ended_by_lower_case or ended_by_letters) and heads and heads[-1] < taken - 1:
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


def _agency_in_capitals(values: list[str], taken: int) -> int | None:
    """A name, then an agency in capitals after a comma or slash ("Name, NORTHLIGHT",
    "Name / EKİNCİ İNŞAAT", "Name/AHP"): the first word in mixed case after the
    agency opens the caption, unless it is the agency's kind ("Name, AFP Photo")."""
    for i in range(1, taken):
        agency = values[i].rsplit("/", 1)[-1]
        after_mark = values[i - 1] in (",", "/") or "/" in values[i]
        if not (after_mark and _in_capitals(agency)):
            continue
        end = i + 1
        while end < taken and _in_capitals(values[end]):
            end += 1
        if end < taken and values[end].lower() not in _AGENCY_HEADS:
            return end
        return None
    return None


# Letters of the region's Latin alphabets that English and French lack.
_REGIONAL_LETTERS = frozenset("əğışçöüİĞŞÇÖÜƏ")


def _new_letters(value: str, credit: list[str]) -> bool:
    """Whether a capitalised word has letters of another alphabet than the credit
    before it, once that holds a whole name: not the surname of "Nurlan Həsənli", nor
    a new name after a joiner ("AFP / Şahin Yılmaz")."""
    if not (value[0].isupper() and _REGIONAL_LETTERS.intersection(value)):
        return False
    marks = [i for i, word in enumerate(credit) if word in _JOINERS or word == ","]
    name = credit[marks[-1] + 1 :] if marks else credit
    if len(name) < 2:
        return False
    return not any(_REGIONAL_LETTERS.intersection(word) for word in credit)


def _all_credit(values: list[str]) -> bool:
    """Whether all that follows the "©" is a short name: "© Le Courrier du Rhône"."""
    words = [value for value in values if value != ","]
    return (
        0 < len(words) <= _MAX_CREDIT_WORDS // 2
        and not values[-1].endswith(".")
        and all(w[0].isupper() or w.lower() in _NAME_CONNECTORS | _NAME_PARTICLES for w in words)
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
    if values[at - 1] in _CREDIT_FOR | _JOINERS and value.lower() in _OUTLET_ARTICLES:
        return following[0].isupper()  # "for The Morning Ledger", "Name / The Herald"
    if values[at - 1] in _NAME_CONNECTORS and value in _OUTLET_ARTICLES:
        # "Press Service of the Khojaly District Executive Authority"
        return following[0].isupper() and _continues_credit(values, at - 1)
    if value in _NAME_CONNECTORS and following in _OUTLET_ARTICLES and at + 2 < len(values):
        following = values[at + 2]
    if value in _NAME_CONNECTORS and following[0].isupper() and not _is_small_word(following):
        group = values[:at]
        opening = len(group) - group[::-1].index(",") if "," in group else 0
        return any(word.lower() in _ORGANISATION_HEADS for word in group[opening:])
    return (
        value[0].isupper()
        and following.lower() in _AGENCY_HEADS
        and value.lower() not in _OUTLET_ARTICLES
    )


def _closes_brand(values: list[str], at: int) -> bool:
    """A lower-case head word after a name in capitals is the agency's brand: "KARATAŞ medya"."""
    previous = values[at - 1].rsplit("/", 1)[-1] if at else ""
    return values[at].lower() in _AGENCY_HEADS and _in_capitals(previous)


def _is_small_word(word: str) -> bool:
    # "LA VEILLE": a word in capitals is an agency's name, not a caption's first word.
    return is_small_word(word) and not (len(word) > 1 and word.isupper())


# Where one sentence of a caption ends and the next begins.
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=\S)")


def _in_one_language(caption: str) -> list[str]:
    """A caption whose sentences are plainly in different languages, one after the other
    ("A tanker waits in the courtyard. Водовоз ждёт во дворе."), as one text per language.

    A sentence starts a new language only when its words tell that language alone, or
    more than twice as strongly as any other, so a name in another alphabet splits
    nothing.
    """
    sentences = _SENTENCE_END_RE.split(caption)
    if len(sentences) < 2:
        return [caption]
    runs: list[tuple[str | None, str]] = []
    for sentence in sentences:
        lang = _plainly(sentence)
        if runs and (lang is None or lang == runs[-1][0] or runs[-1][0] is None):
            runs[-1] = (runs[-1][0] or lang, f"{runs[-1][1]} {sentence}")
        else:
            runs.append((lang, sentence))
    return [text for _, text in runs]


def _plainly(sentence: str) -> str | None:
    """The sentence's language when its words leave no doubt, else None."""
    if len(sentence.split()) < 3:
        return None
    scores = sorted(language_scores(sentence).items(), key=lambda item: -item[1])
    (best, top), (_, second) = scores[0], scores[1]
    if top >= 2 and top > 2 * second:
        return best
    # One small word and nothing else: "Workers prune young vines near Jabrayil."
    return best if top and not second and has_small_word_of(sentence, best) else None


def _by_language(captions: list[str]) -> dict[str, str]:
    result: dict[str, str] = {}
    for caption in (text for piece in captions for text in _in_one_language(piece)):
        ranked = ranked_languages(caption) or ["en"]
        # Two captions are usually one text in two languages: when the best guess is
        # taken, the runner-up with any evidence is the better answer.
        lang = next((lang for lang in ranked if lang not in result), ranked[0])
        result[lang] = f"{result[lang]} {caption}" if lang in result else caption
    return result
