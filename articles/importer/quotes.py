"""Direct quotations and who said them.

A quotation stands between straight double quotes, curly double quotes or curly
single quotes. Its speaker comes from the attribution after it ('"...," X said',
'"...," said X, a ...') or, failing that, from the speech verb earlier in its
sentence ('X said (that) "..."', 'X says the force will ‘...’').
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .model import QuoteFound
from .names import NameIndex
from .speakers import (
    Attribution,
    attribute_after_verb,
    attribute_groups,
    groups_before,
    is_according_to,
    is_verb,
)
from .textutil import Token, sentence_end, sentence_start

# A quotation nobody is said to have spoken must be a real sentence fragment, not a
# scare-quoted term ("so-called "buffer zone"").
_MIN_UNATTRIBUTED_WORDS = 4
_MAX_SUBJECT_WORDS = 9
_AFTER_WINDOW = 20
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
    if '"' not in text and "“" not in text and "‘" not in text:
        return []  # no mark that opens a quotation: most texts
    spans = _straight(text) + _paired(text, "“", "”", check=False) + _paired(text, "‘", "’")
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


@dataclass
class _Found:
    text: str
    speaker: str | None
    description: str | None
    attributed: bool


def find_quotes(texts: list[str], names: NameIndex) -> list[QuoteFound]:
    """Every quotation of the texts (in reading order) with its speaker."""
    found: dict[str, _Found] = {}  # by the quotation's words, in reading order
    last: tuple[str, str | None, int] | None = None  # speaker, description, text index
    for text_index, text in enumerate(texts):
        spans = quote_spans(text)
        if not spans:
            continue  # most texts quote nobody, and need no tokens
        toks = names.tokens_of(text_index, text)
        starts = [tok.start for tok in toks]
        previous: Attribution | None = None
        for k, span in enumerate(spans):
            quote = clean_quote(span.inner(text))
            if not any(ch.isalpha() for ch in quote):
                continue
            floor = spans[k - 1].end + 1 if k else 0
            ceiling = spans[k + 1].start if k + 1 < len(spans) else len(text)
            attribution = _after(text, toks, starts, span, ceiling, names.vocabulary) or _before(
                text, toks, starts, span, floor, names.vocabulary
            )
            # 'X said it was "..." and "..."', or '"...," X said. "..."': a quotation
            # with nothing before it in its sentence, or sharing the sentence of the
            # previous one, carries on the previous speaker's words.
            if attribution is None and k:
                opening = sentence_start(text, span.start, floor)
                if opening == floor or not text[opening : span.start].strip():
                    attribution = previous
            previous = attribution
            speaker = description = None
            if attribution and attribution.pronoun:
                if last is not None and text_index - last[2] <= 1:
                    speaker, description = last[0], last[1]
                else:
                    speaker = names.person_before(text_index, span.start)
            elif attribution:
                speaker, description = attribution.speaker, attribution.description
            if speaker:
                last = (speaker, description, text_index)
            if attribution is None and len(quote.split()) < _MIN_UNATTRIBUTED_WORDS:
                continue
            _add(found, _Found(quote, speaker, description, attribution is not None))
    return _finish(list(found.values()), names)


def _add(found: dict[str, _Found], new: _Found) -> None:
    """The same words quoted twice (headline and body) are one quotation."""
    old = found.get(new.text)
    if old is None:
        found[new.text] = new
    elif old.speaker is None and new.speaker is not None:
        old.speaker, old.description = new.speaker, new.description


def _finish(found: list[_Found], names: NameIndex) -> list[QuoteFound]:
    """Give each speaker the fullest name and the role the document gives them."""
    speakers = {f.speaker for f in found if f.speaker}
    full = {speaker: names.fullest(speaker) for speaker in speakers}
    roles: dict[str, str] = {}
    for f in found:
        if f.speaker and f.description:
            roles.setdefault(full[f.speaker], f.description)
    result = []
    for f in found:
        speaker = full[f.speaker] if f.speaker else None
        description = f.description
        if speaker and description is None:
            description = roles.get(speaker) or names.role_of(speaker)
        result.append(QuoteFound(f.text, speaker, description))
    return result


def _token_range(starts: list[int], toks: list[Token], begin: int, end: int) -> range:
    """The tokens from the first starting at ``begin`` or later up to the first that
    ends past ``end``: tokens do not overlap, so only the last one starting before
    ``end`` may run past it."""
    first = bisect.bisect_left(starts, begin)
    last = bisect.bisect_left(starts, end)
    if last and toks[last - 1].end > end:
        last -= 1
    return range(first, max(first, last))


def _after(
    text: str,
    toks: list[Token],
    starts: list[int],
    span: QuoteSpan,
    ceiling: int,
    names_vocabulary: frozenset[str],
) -> Attribution | None:
    """Attribution that follows the quotation in the same sentence."""
    inner = span.inner(text).rstrip()
    end_of_sentence = sentence_end(text, span.end + 1, ceiling)
    window = _token_range(starts, toks, span.end + 1, end_of_sentence)
    if not window:
        return None
    first = toks[window.start]
    continues = (inner[-1:] in (",", "?", "!", "—", "–")) or first.text in (",", "—", "–")
    if not continues and not (first.is_word and first.text[0].islower()):
        return None
    i = window.start
    while i < window.stop and toks[i].text in (",", "—", "–", "-"):
        i += 1
    if i >= window.stop:
        return None
    if is_verb(toks[i]) or is_according_to(toks, i):
        return attribute_after_verb(toks, i, window.stop)
    for j in range(i, min(window.stop, i + _AFTER_WINDOW)):
        tok = toks[j]
        if is_verb(tok) and not tok.lower.endswith("ing"):
            # Right after the quotation is like the start of a sentence: a role
            # phrase there describes the name that follows it.
            groups, at_start = groups_before(toks, j, i)
            return attribute_groups(groups, at_start, names_vocabulary)
        if not tok.is_word and tok.text != ",":
            return None
    return None


def _before(
    text: str,
    toks: list[Token],
    starts: list[int],
    span: QuoteSpan,
    floor: int,
    vocabulary: frozenset[str],
) -> Attribution | None:
    """Attribution earlier in the quotation's sentence: the last speech verb with a subject."""
    begin = sentence_start(text, span.start, floor)
    window = _token_range(starts, toks, begin, span.start)
    if not window:
        return None
    if toks[window.stop - 1].text == ":":
        groups, at_start = groups_before(toks, window.stop - 1, window.start)
        attribution = attribute_groups(groups, at_start, vocabulary)
        if attribution and (attribution.speaker or attribution.pronoun):
            return attribution
    for j in reversed(window):
        if is_according_to(toks, j):
            attribution = attribute_after_verb(toks, j, window.stop)
            if attribution:
                return attribution
            continue
        # A participle ("..., adding that") leans on the subject of an earlier verb.
        if not is_verb(toks[j]) or toks[j].lower.endswith("ing"):
            continue
        groups, at_start = groups_before(toks, j, window.start)
        if sum(len(g) for g in groups) > _MAX_SUBJECT_WORDS:
            continue
        attribution = attribute_groups(groups, at_start, vocabulary)
        if attribution:
            return attribution
    return None
