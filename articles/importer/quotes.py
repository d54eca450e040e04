"""Direct quotations and who said them.

A quotation stands between straight double quotes, curly double quotes or curly
single quotes. Its speaker comes from the attribution after it ('"...," X said',
'"...," said X, a ...') or, failing that, from the speech verb earlier in its
sentence ('X said (that) "..."', 'X says the force will ‘...’').
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from .frames import (
    attribution_after,
    attribution_before,
    attribution_next,
    attribution_previous,
    reported_speaker,
)
from .marks import (
    QuoteSpan,
    clean_quote,
    inserted_attribution,
    named_in_apposition,
    quote_spans,
    scare_quoted,
)
from .model import QuoteFound
from .names import NameIndex
from .references import References, Said
from .roles import is_role
from .speakers import Attribution, inserted_speaker
from .textutil import sentence_end, sentence_start

# A quotation nobody is said to have spoken must be a real sentence fragment, not a
# scare-quoted term ("so-called "buffer zone"").
_MIN_UNATTRIBUTED_WORDS = 4
# A subject may be a long office: "Spokesperson of the Ministry of ... Ani Badalyan".
_MAX_SUBJECT_WORDS = 14


@dataclass
class _Found:
    text: str
    speaker: str | None
    description: str | None
    attributed: bool
    sentence: str = ""


def find_quotes(
    texts: list[str],
    names: NameIndex,
    titles: Collection[int] = (),
    asides: Collection[int] = (),
) -> list[QuoteFound]:
    """Every quotation of the texts (in reading order) with its speaker; the texts
    at the indexes ``titles`` are headlines, whose quote marks quote nobody, and
    those at ``asides`` (captions, related stories) stand outside the prose."""
    found: dict[str, _Found] = {}  # by the quotation's words, in reading order
    references = References(names, asides, len(texts))  # who has spoken so far
    for text_index, text in enumerate(texts):
        if text_index in titles:
            continue
        spans = quote_spans(text)
        if not spans:
            continue  # most texts quote nobody, and need no tokens
        toks = names.tokens_of(text_index, text)
        starts = [tok.start for tok in toks]
        previous: Attribution | None = None
        k = 0
        while k < len(spans):
            span = spans[k]
            quote = clean_quote(span.inner(text))
            floor = spans[k - 1].end + 1 if k else 0
            # '"We will stay," she said, "until they force us."' is one quotation.
            joined = k + 1 < len(spans) and _carries_on(text, span, spans[k + 1])
            ceiling = spans[k + 1].start if k + 1 < len(spans) else len(text)
            attribution = attribution_after(
                text, toks, starts, span, ceiling, names.vocabulary
            ) or attribution_before(text, toks, starts, span, floor, names.vocabulary)
            last_span = spans[k + 1] if joined else span
            sentence = text[
                sentence_start(text, span.start) : sentence_end(text, last_span.end + 1)
            ].strip()
            if joined:
                # The comma before the interruption belongs to the attribution, not to
                # the words spoken: "We will stay until they force us".
                quote = clean_quote(f"{quote} {spans[k + 1].inner(text).strip()}")
                k += 1
            elif inserted := inserted_attribution(quote):
                # '« Les enfants, sourit-il, sont difficiles »': one quotation, the
                # attribution taken out, and its pronoun says who.
                quote, who = inserted
                attribution = attribution or inserted_speaker(who)
            k += 1
            if not any(ch.isalpha() for ch in quote) or scare_quoted(text, span):
                continue
            # 'X said it was "..." and "..."', or '"...," X said. "..."': a quotation
            # with nothing before it in its sentence, or sharing the sentence of the
            # previous one, carries on the previous speaker's words.
            if attribution is None and previous is not None:
                opening = sentence_start(text, span.start, floor)
                if opening == floor or not text[opening : span.start].strip():
                    attribution = previous
            if attribution is None:
                attribution = attribution_next(text, toks, starts, span, names.vocabulary)
            if attribution is None:
                attribution = attribution_previous(text, toks, starts, span, names.vocabulary)
            previous = attribution
            speaker, description = references.resolve(attribution, text_index, span.start, quote)
            if speaker is None and attribution is None and _whole_text(text, span, spans):
                # A paragraph that is only a quotation goes on with the last
                # paragraph's speaker.
                last = references.last_in_paragraph_before(text_index)
                if last is not None:
                    speaker, description, attribution = last.speaker, last.description, previous
                else:
                    # '"Arakelyan said the hardest recipe was ..." ¶ "Some of those ..."'
                    speaker, description = _reported_before(texts, names, references, text_index)
            if speaker:
                salient = attribution is None or attribution.salient
                gender = attribution.gender if attribution else None
                references.record(
                    Said(speaker, description, text_index, span.start, salient), gender
                )
            if attribution is None and (
                len(quote.split()) < _MIN_UNATTRIBUTED_WORDS or named_in_apposition(text, span)
            ):
                continue
            _add(found, _Found(quote, speaker, description, attribution is not None, sentence))
    return _finish(list(found.values()), names)


def _reported_before(
    texts: list[str], names: NameIndex, references: References, text_index: int
) -> tuple[str | None, str | None]:
    """Who the last sentence of the paragraph before reports as speaking, if anyone."""
    before = references.paragraph_before(text_index)
    if before is None:
        return None, None
    text = texts[before]
    reported = reported_speaker(text, names.tokens_of(before, text), names.vocabulary)
    if reported is None:
        return None, None
    return references.resolve(reported, before, len(text), "")


def _carries_on(text: str, span: QuoteSpan, following: QuoteSpan) -> bool:
    """Whether ``following`` goes on with the sentence quoted in ``span`` after an
    attribution between them: '"We will stay," she said, "until they force us."'."""
    between = text[span.end + 1 : following.start].strip()
    inner = span.inner(text).rstrip()
    return (
        (inner.endswith(",") or between.startswith(","))
        and between.endswith(",")
        and len(between.split()) <= _MAX_SUBJECT_WORDS
        and not any(mark in between for mark in ".!?")
        and following.inner(text).lstrip()[:1].islower()
    )


def _whole_text(text: str, span: QuoteSpan, spans: list[QuoteSpan]) -> bool:
    """Whether the quotation is all of its text, but for a final stop."""
    after = text[span.end + 1 :].strip(" .")
    return len(spans) == 1 and not text[: span.start].strip() and not after


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
        if speaker is None and description and not is_role(description):
            description = None  # "someone said": no role worth keeping
        result.append(QuoteFound(f.text, speaker, description, f.sentence))
    return result
