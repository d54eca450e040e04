"""Small text helpers shared by the extractors: words, sentences, capitalisation."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A word may carry inner hyphens and apostrophes ("41-year-old", "Shushi's") but
# never starts or ends with one, so spaced dashes stay separate punctuation.
WORD = r"[^\W_](?:[\w'’\-]*[^\W_])?"
_TOKEN_RE = re.compile(rf"{WORD}|[^\w\s]")
_WORD_RE = re.compile(WORD)


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string, which is easier to read."""
    return frozenset(text.split())


# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = word_set(
    "mr mrs ms dr st mt ft gen col lt sgt capt maj adm prof rev jr sr inc co no vs approx"
)

ARTICLES = frozenset({"a", "an", "the"})


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokens(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def words(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(text)]


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def strip_possessive(word: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)]
    return word


def _ends_sentence(text: str, index: int) -> bool:
    """Whether the mark at ``index`` (one of . ! ?) closes a sentence."""
    after = text[index + 1 : index + 3]
    # Captures glue sentences together ("took over.Residents"), so a capital
    # straight after the stop counts as a new sentence too.
    if after[:1] and not (after[:1].isspace() or after[:1].isupper()):
        return False
    if text[index] != ".":
        return True
    before = re.search(r"([^\W\d_]+)\.?$", text[max(0, index - 12) : index])
    if before is None:
        return True
    word = before.group(1)
    if word.lower() in _ABBREVIATIONS:
        return False
    # Initials such as "U.S." or "J. Smith".
    return not (len(word) == 1 and word.isupper())


def sentence_start(text: str, pos: int, floor: int = 0) -> int:
    """Index where the sentence containing ``pos`` begins (never before ``floor``)."""
    for index in range(pos - 1, floor - 1, -1):
        if text[index] in ".!?" and _ends_sentence(text, index):
            return index + 1
    return floor


def sentence_end(text: str, pos: int, ceiling: int | None = None) -> int:
    """Index just past the end of the sentence containing ``pos`` (never past ``ceiling``)."""
    limit = len(text) if ceiling is None else min(ceiling, len(text))
    for index in range(pos, limit):
        if text[index] in ".!?" and _ends_sentence(text, index):
            return index + 1
    return limit


def lowercase_vocabulary(texts: list[str]) -> set[str]:
    """Words the document writes in lower case: a capitalised one of these is a common word."""
    return {tok.text.lower() for text in texts for tok in words(text) if tok.text[0].islower()}
