"""Words quoted from a document, whose speaker is its author: 'A notice signed by the
head of the clinic read: "..."', 'the department's notice read', 'A regulation
published by the authority states that "..."', 'That schedule promised "..."'."""

from __future__ import annotations

from .lexicon import ARTICLES_INDEFINITE, BODIES
from .speakers import Attribution, split_phrase
from .textutil import ARTICLES, Token, strip_possessive, word_set

# What is written and posted rather than said: its words are its author's.
DOCUMENT_NOUNS = word_set("""
    notice notices regulation regulations rule rules sign signs schedule statement letter
    poster posters leaflet leaflets plaque timetable order decree announcement circular
    report affiche avis communiqué règlement panneau lettre arrêté rapport
    """)
# How a document says what it says: 'read: "..."', 'states that "..."'.
DOCUMENT_VERBS = word_set("""
    read reads says said states stated promised promises proclaims proclaimed warns warned
    announces announced lists listed ends ended concludes concluded notes noted
    proclame proclamait indique indiquait annonce précise conclut
    """)
# Whose document it is, by a pronoun: "Its audit report states", "Son rapport indique".
_OWNER_PRONOUNS = word_set("its their son sa ses leur leurs")
# "seen by the Observer", "obtained by this newspaper": who read it, not who wrote it.
_READ_BY = word_set("seen obtained reviewed consulted quoted cited read")
_DEMONSTRATIVES = word_set("this that these those the ce cette ces")
# Where an author phrase after "by" stops: "by the authority on 15 May".
_AFTER_AUTHOR = word_set("on in at during since last this that which who with to")
_MAX_AUTHOR_WORDS = 8
_MAX_SUBJECT_WORDS = 4  # the document noun heads the subject: "A market regulation"
_MAX_LOOKBACK_TOKENS = 400


def document_attribution(toks: list[Token], begin: int, stop: int) -> Attribution | None:
    """The author of the document whose words the quotation after ``toks[begin:stop]``
    (its sentence so far) gives, when that sentence's subject is a document."""
    verb = next((j for j in range(stop - 1, begin, -1) if toks[j].lower in DOCUMENT_VERBS), None)
    if verb is None:
        return None
    noun = _document_noun(toks, begin, verb)
    if noun is None:
        return None
    author = (
        _author_from(toks, noun, verb)
        or _author_by(toks, noun, verb)
        or _possessive_author(toks, noun, begin)
        or _owner_named_before(toks, noun, begin)
    )
    if author is None and toks[_subject_start(toks, begin, noun)].lower in _DEMONSTRATIVES:
        # "That schedule promised ...": the schedule an earlier sentence said whose it is.
        author = _earlier_author(toks, toks[noun].lower, begin)
    if not author:
        return None
    name, description = split_phrase(author)
    if name is None and description is None:
        return None
    return Attribution(name, description)


def _subject_start(toks: list[Token], begin: int, noun: int) -> int:
    """Where the subject opens, past an opening phrase and its comma ("In Shusha, ...")."""
    commas = [j for j in range(begin, noun) if toks[j].text == ","]
    return commas[-1] + 1 if commas else begin


def _document_noun(toks: list[Token], begin: int, verb: int) -> int | None:
    """The document noun heading the subject of ``verb``, at the sentence's start or
    after an opening phrase: "A notice taped to ...", "The library's rules, posted
    ...", "In Aghdam, a regulation ..."."""
    comma = next((j for j in range(begin, verb) if toks[j].text == ","), None)
    for start in (begin, comma + 1 if comma is not None else None):
        for j in range(start if start is not None else verb, verb):
            if j - start > _MAX_SUBJECT_WORDS or not toks[j].is_word:
                break
            if toks[j].lower in DOCUMENT_NOUNS:
                return j
    return None


def _author_from(toks: list[Token], noun: int, verb: int) -> list[str] | None:
    """The sender right after the document: "A letter from the Water Company to ..."."""
    if noun + 1 >= verb or toks[noun + 1].lower not in ("from", "de"):
        return None
    return _author_at(toks, noun + 2, verb)


def _author_by(toks: list[Token], noun: int, verb: int) -> list[str] | None:
    """The words after "by" in the subject: "signed by the head of the clinic"."""
    by = next(
        (
            j
            for j in range(noun + 1, verb)
            if toks[j].lower in ("by", "par") and toks[j - 1].lower not in _READ_BY
        ),
        None,
    )
    if by is None:
        return None
    return _author_at(toks, by + 1, verb)


def _author_at(toks: list[Token], start: int, verb: int) -> list[str] | None:
    words: list[str] = []
    for j in range(start, verb):
        tok = toks[j]
        if not tok.is_word or (words and tok.lower in _AFTER_AUTHOR):
            break
        words.append(tok.text)
    return words if 0 < len(words) <= _MAX_AUTHOR_WORDS else None


def _possessive_author(toks: list[Token], noun: int, begin: int) -> list[str] | None:
    """The owner written before the document: "the department's (own) notice"."""
    j = noun - 1
    if j >= begin and toks[j].lower == "own":
        j -= 1
    if j < begin or strip_possessive(toks[j].text) == toks[j].text:
        return None
    words = [strip_possessive(toks[j].text)]
    while j - 1 >= begin and toks[j - 1].is_word and toks[j - 1].text[0].isupper():
        j -= 1
        words.insert(0, toks[j].text)
    if words[0].lower() in ARTICLES or words[0].lower() in ARTICLES_INDEFINITE:
        words.pop(0)
    # "The library's rules": a lower-case owner is an institution only when named so.
    return words or None


def _owner_named_before(toks: list[Token], noun: int, begin: int) -> list[str] | None:
    """The institution opening the sentence before, when "its" document speaks: "The
    Chamber of Accounts reached a similar conclusion. Its audit report states ..."."""
    j = noun - 1
    while j > begin and toks[j].is_word and toks[j].text.islower() and j > noun - 3:
        if toks[j].lower in _OWNER_PRONOUNS:
            break
        j -= 1  # "Its audit report": words that say which document
    if toks[j].lower not in _OWNER_PRONOUNS or begin < 2:
        return None
    start = begin - 2  # the full stop before this sentence is at begin - 1
    while start > 0 and toks[start - 1].text not in (".", "!", "?"):
        start -= 1
    words: list[str] = []
    for tok in toks[start : start + _MAX_AUTHOR_WORDS]:
        connector = words and tok.lower in ("of", "for", "de", "des", "du")
        if not (tok.is_word and (tok.text[0].isupper() or connector)):
            break
        words.append(tok.text)
    while words and (words[-1].lower() in ("of", "for", "de", "des", "du")):
        words.pop()
    if words and words[0].lower() in ARTICLES:
        words.pop(0)
    return words if any(word.lower() in BODIES for word in words) else None


def _earlier_author(toks: list[Token], noun: str, before: int) -> list[str] | None:
    """The author given the same document earlier in the paragraph."""
    for j in range(before - 1, max(-1, before - _MAX_LOOKBACK_TOKENS), -1):
        if toks[j].lower != noun:
            continue
        stop = next((k for k in range(j + 1, min(len(toks), j + 12)) if toks[k].text == "."), j)
        return _author_by(toks, j, stop) or _possessive_author(toks, j, max(0, j - 4))
    return None
