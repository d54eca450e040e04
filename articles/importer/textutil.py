"""Small text helpers shared by the extractors: words, sentences, capitalisation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import compress, groupby, repeat
from operator import not_

# A word may carry inner hyphens and apostrophes ("41-year-old", "Shushi's") but
# never starts or ends with one, so spaced dashes stay separate punctuation.
WORD = r"[^\W_](?:[\w'’\-]*[^\W_])?"
_TOKEN_RE = re.compile(rf"{WORD}|[^\w\s]")
WORD_RE = re.compile(WORD)


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string, which is easier to read."""
    return frozenset(text.split())


# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = word_set(
    "mr mrs ms dr st mt ft gen col lt sgt capt maj adm prof rev jr sr inc co no vs approx"
)

# English and French: a phrase opening with one is a common noun's, not a name's.
ARTICLES = frozenset({"a", "an", "the", "le", "la", "les", "l", "un", "une"})

_STOP_RE = re.compile(r"[.!?]")
_LAST_WORD_RE = re.compile(r"([^\W\d_]+)\.?$")


# Not frozen: building a frozen dataclass costs three times as much, and a long
# capture has tens of thousands of tokens. Nothing changes a token once made.
@dataclass(slots=True)
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
    return [Token(m[0], m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def words(text: str) -> list[Token]:
    return [Token(m[0], m.start(), m.end()) for m in WORD_RE.finditer(text)]


@cache
def _capital_part_re() -> re.Pattern[str]:
    """Where a run of letters and digits (a name part) starts with a capital letter.

    The class lists every capital of the Basic Multilingual Plane as this Python's
    Unicode data has them (made once, on first use), and takes any character
    beyond, where capitals are rare; callers sift those. The look-behinds keep a
    letter or digit with none right before it. Starting with the class lets the
    regex engine skip through a text in C, so the many lower-case words cost no
    Python step."""
    capitals = [code for code in range(0x10000) if chr(code).isupper()]
    ranges = []
    for _, run in groupby(enumerate(capitals), lambda pair: pair[1] - pair[0]):
        codes = [code for _, code in run]
        ranges.append(f"{re.escape(chr(codes[0]))}-{re.escape(chr(codes[-1]))}")
    return re.compile(
        "[" + "".join(ranges) + "\U00010000-\U0010ffff]" + r"(?<=[^\W_])(?<![^\W_].)[^\W_]*"
    )


_span = re.Match.span


def capital_parts(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of letters and digits that starts with a capital."""
    found = _capital_part_re().finditer(text)
    if len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):
        return list(map(_span, found))  # nothing beyond the BMP: no candidate to sift
    return [part.span() for part in found if part[0][0].isupper()]


# What a word runs on through to its next letter or digit ("41-year-old", "Shushi's").
_WORD_JOINERS = ("_", "'", "’", "-")


def capitalised_words(
    text: str, parts: list[tuple[int, int]] | None = None
) -> list[tuple[str, int, int]]:
    """(word, start, end) of the words of ``words(text)`` that start with a capital
    letter, in order (``parts`` are the text's ``capital_parts``, when known).
    Plain tuples: a text has many, and they are cheaper to make than tokens."""
    found = []
    for at, end in capital_parts(text) if parts is None else parts:
        # A part right after a joiner may belong to a word begun before it, and
        # one right before a joiner may run on: "Nagorno-Karabakh", "Shushi's".
        if at and text[at - 1] in _WORD_JOINERS and _inside_word(text, at):
            continue
        if text[end : end + 1] in _WORD_JOINERS:
            end = WORD_RE.match(text, at).end()
        found.append((text[at:end], at, end))
    return found


def _inside_word(text: str, at: int) -> bool:
    """Whether the letter at ``at`` belongs to a word begun before it ("well-Known")."""
    while at > 0 and text[at - 1] in _WORD_JOINERS:
        at -= 1
    return at > 0 and text[at - 1].isalnum()


def words_of(toks: list[Token]) -> list[Token]:
    """The words among a text's tokens: the same as ``words(text)``, since both
    patterns find a word wherever one starts and punctuation never hides one."""
    return [tok for tok in toks if tok.text[0].isalnum()]


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def rstripped_end(text: str, end: int) -> int:
    """``len(text[:end].rstrip())``, without copying what may be most of a long text."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def strip_possessive(word: str) -> str:
    if not word or word[-1] not in "s'’":
        return word  # most words: no suffix below can end them
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
    before = _LAST_WORD_RE.search(text[max(0, index - 12) : index])
    if before is None:
        return True
    word = before.group(1)
    if word.lower() in _ABBREVIATIONS:
        return False
    # Initials such as "U.S." or "J. Smith".
    return not (len(word) == 1 and word.isupper())


def sentence_start(text: str, pos: int, floor: int = 0) -> int:
    """Index where the sentence containing ``pos`` begins (never before ``floor``)."""
    marks = [found.start() for found in _STOP_RE.finditer(text, floor, max(floor, pos))]
    for index in reversed(marks):
        if _ends_sentence(text, index):
            return index + 1
    return floor


def sentence_end(text: str, pos: int, ceiling: int | None = None) -> int:
    """Index just past the end of the sentence containing ``pos`` (never past ``ceiling``)."""
    limit = len(text) if ceiling is None else min(ceiling, len(text))
    for found in _STOP_RE.finditer(text, pos, max(pos, limit)):
        if _ends_sentence(text, found.start()):
            return found.start() + 1
    return limit


# Marks that may stand before or after a word ("(AFP)", "said,", "“We"): none is a
# letter or digit, so taking them off a chunk leaves the word in it untouched.
_EDGE_MARKS = "".join(chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum()) + "“”‘’«»–—…"


def distinct_words(texts: list[str]) -> set[str]:
    """Every word the texts write, once each, as written."""
    # No word runs across white space, so the texts can be read as their distinct
    # space-separated chunks. A chunk that is letters and digits once the marks at
    # its edges are off is one word (those marks can start or end no word); only
    # the others ("41-year-old", "U.S.") need the pattern. Built-ins do the looping.
    chunks = set().union(*map(str.split, texts))
    found = set(filter(str.isalnum, chunks))
    others = list(chunks - found)
    cores = list(map(str.strip, others, repeat(_EDGE_MARKS)))
    plain = list(map(str.isalnum, cores))
    found.update(compress(cores, plain))
    found.update(WORD_RE.findall(" ".join(compress(others, map(not_, plain)))))
    return found
