"""Where quotations stand in a text: between straight double quotes, curly double
quotes, guillemets or curly single quotes, and what words they hold."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import FRENCH_SPEECH_VERBS, SPEECH_NOUNS, SPEECH_VERBS
from .textutil import word_set

_TRAILING_RE = re.compile(r"\s*[,.]$")


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # index of the opening mark
    end: int  # index of the closing mark

    def inner(self, text: str) -> str:
        return text[self.start + 1 : self.end]


def _opens(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return not before.isalnum() and not after.isspace()


def _closes(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def quote_spans(text: str) -> list[QuoteSpan]:
    """Quotation spans in order; a quotation inside another one is part of it."""
    if '"' not in text and "“" not in text and "‘" not in text and "«" not in text:
        return []  # no mark that opens a quotation: most texts
    spans = (
        _straight(text)
        + _paired(text, "“", "”", check=False)
        + _paired(text, "«", "»", check=False)
        + _paired(text, "‘", "’")
    )
    spans.sort(key=lambda span: span.start)
    kept: list[QuoteSpan] = []
    for span in spans:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def _marks(text: str, *marks: str) -> list[int]:
    """Positions of the given marks, in order: the only characters the scans below
    look at (and most texts have none, which str.find tells fastest)."""
    found = []
    for mark in marks:
        at = text.find(mark)
        while at != -1:
            found.append(at)
            at = text.find(mark, at + 1)
    return sorted(found) if len(marks) > 1 else found


def _straight(text: str) -> list[QuoteSpan]:
    spans = []
    opened: int | None = None
    for index in _marks(text, '"'):
        if opened is None:
            if _opens(text, index):
                opened = index
        elif _closes(text, index):
            spans.append(QuoteSpan(opened, index))
            opened = None
        elif _opens(text, index):
            opened = index  # the earlier mark was a stray one
        else:
            # Spaces on both sides: a closing mark typed after a space
            # ('"... behind, " he said'), as a mark that opens is never so.
            spans.append(QuoteSpan(opened, index))
            opened = None
    return spans


def _paired(text: str, opener: str, closer: str, check: bool = True) -> list[QuoteSpan]:
    """Spans between two distinct marks. With ``check``, the closer must end a word
    and not sit inside one, so the apostrophe of "Shushi’s" or "don’t" closes nothing."""
    spans = []
    opened: int | None = None
    for index in _marks(text, opener, closer):
        char = text[index]
        if char == opener and (not check or _opens(text, index)):
            opened = index
        elif char == closer and opened is not None and (not check or _closes(text, index)):
            spans.append(QuoteSpan(opened, index))
            opened = None
    return spans


def clean_quote(inner: str) -> str:
    return _TRAILING_RE.sub("", inner.strip())


_SCARE_WORDS = ("so-called", "so called", "dits", "dites", "soi-disant")
# Words that give a thing its name: the quotation after them is that name ("under the
# headline "...", "le programme, baptisé « ... »"), not words anyone spoke.
# So too "billed as", "known as", and the plural present "call" of what people
# habitually call a thing ("a sage that the beekeepers call "mountain tea"").
_NAMING_RE = re.compile(
    r"(?:\b(?:headline|headlined|title|titled|entitled|slogan|motto|banner|named|nicknamed|"
    r"billed\s+as|known\s+as|call|"
    r"baptisée?s?|intitulée?s?|nommée?s?|surnommée?s?))\W*$",
    re.IGNORECASE,
)
# "the “taxi lottery”", "les « hirondelles »": a short term after an article.
_ARTICLE_RE = re.compile(r"(?:\b(?:the|le|la|les)|\bl['’])\s*$", re.IGNORECASE)
_MAX_TERM_WORDS = 3
_TITLE_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
# Small words a title leaves in lower case, however long: "Songs from the Highlands".
_TITLE_SMALL_WORDS = word_set("from with into onto over under upon about after before than")


def scare_quoted(text: str, span: QuoteSpan) -> bool:
    """Whether the quotation is a name or term held at arm's length, not words spoken:
    'the so-called "bridge fund"', 'ending the "taxi lottery"', 'under the headline
    "A Roof Over the Harvest"', or any title written in capitals ("Open Doors Day")."""
    before = text[max(0, span.start - 24) : span.start].rstrip()
    if before.lower().endswith(_SCARE_WORDS) or _NAMING_RE.search(before):
        return True
    inner = span.inner(text)
    words = _TITLE_WORD_RE.findall(inner)
    if _ARTICLE_RE.search(before) and len(words) <= _MAX_TERM_WORDS:
        return True
    # In a title every word but the small ones is capitalised; a sentence is not so.
    long_words = [word for word in words if len(word) > 3 and word not in _TITLE_SMALL_WORDS]
    return (
        len(words) > 1
        and words[0][0].isupper()
        and len(long_words) > 1
        and all(word[0].isupper() for word in long_words)
    )


def named_in_apposition(text: str, span: QuoteSpan) -> bool:
    """Whether the quotation names what the words before it speak of, set between
    commas: 'The front page last month, ‘A town that still plays’, brought letters'.
    After a word of speech it is words spoken: 'Her answer, "not yet", came fast'."""
    before = text[: span.start].rstrip()
    inner = span.inner(text).rstrip()
    after = text[span.end + 1 :].lstrip()
    if not before.endswith(",") or inner[-1:] in ".!?":
        return False
    if inner.endswith(","):
        after = "," + after
    if not (after.startswith(",") and after[1:].lstrip()[:1].islower()):
        return False
    last = _LAST_WORD_RE.search(before[:-1])
    return last is not None and last[0].lower() not in _SPEECH_WORDS


_LAST_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*$")
_SPEECH_WORDS = SPEECH_VERBS | SPEECH_NOUNS


# ", sourit-elle,", ", explique-t-il,", ", a-t-elle ajouté,": a French attribution
# set inside the quotation, its verb inverted with its subject pronoun.
_INSERTED_RE = re.compile(
    r",\s*[^\W\d_]+-(?:t-)?(il|elle|ils|elles|on)(?:\s+[^\W\d_]+)?\s*,\s*", re.IGNORECASE
)
# ", raconte la directrice,": the verb, then who, a few words at most.
_INSERTED_NOUN_RE = re.compile(
    r",\s*([^\W\d_]+)\s+((?:le|la|les|l['’]|son|sa|ses)\s*[^\W\d_][\w'’-]*"
    r"(?:\s+[\w'’-]+){0,3})\s*,\s*",
    re.IGNORECASE,
)


def inserted_attribution(quote: str) -> tuple[str, list[str]] | None:
    """The words of a quotation with an attribution inserted in them taken out, and
    who that attribution names: its pronoun (["elle"]) or its subject (["la",
    "directrice"]); None when it has none."""
    found = _INSERTED_RE.search(quote)
    if found is not None:
        who = [found.group(1)]
    else:
        found = _INSERTED_NOUN_RE.search(quote)
        if found is None or found.group(1).lower() not in FRENCH_SPEECH_VERBS:
            return None
        who = found.group(2).split()
    return f"{quote[: found.start()]} {quote[found.end() :]}", who
