"""Direct quotations and who said them.

A quotation stands between straight double quotes, curly double quotes or curly
single quotes. Its speaker comes from the attribution after it ('"...," X said',
'"...," said X, a ...') or, failing that, from the speech verb earlier in its
sentence ('X said (that) "..."', 'X says the force will ‘...’').
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection
from dataclasses import dataclass

from .model import QuoteFound
from .names import NameIndex
from .speakers import (
    BODIES,
    MANNER_VERBS,
    PERSON_PRONOUNS,
    SPEECH_NOUNS,
    Attribution,
    attribute_after_verb,
    attribute_groups,
    fits_role,
    groups_before,
    inverted_pronoun,
    is_according_to,
    is_role,
    is_verb,
    phrase_until_punctuation,
    possessive_speaker,
    relative_clause_start,
    sentence_subject,
    split_phrase,
)
from .textutil import Token, sentence_end, sentence_start

# A quotation nobody is said to have spoken must be a real sentence fragment, not a
# scare-quoted term ("so-called "buffer zone"").
_MIN_UNATTRIBUTED_WORDS = 4
# A subject may be a long office: "Spokesperson of the Ministry of ... Ani Badalyan".
_MAX_SUBJECT_WORDS = 14
_AFTER_WINDOW = 20
_MAX_NAME_WORDS = 6
# What introduces who a remark came from: "the words of X", "offered by X".
_SOURCE = frozenset({"from", "by", "of"})
_FRENCH_AUXILIARY_AFTER = frozenset({"a", "avait", "s'est", "s’est", "est"})
_OF_WORDS = frozenset({"of", "from", "at", "with"})
_CLAUSE_OPENERS = frozenset(
    {"that", "which", "because", "but", "while", "although", "when", "after", "before", "despite"}
)
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


@dataclass
class _Found:
    text: str
    speaker: str | None
    description: str | None
    attributed: bool
    sentence: str = ""


@dataclass
class _Said:
    """A speaker the document has given words to, and where."""

    speaker: str
    description: str | None
    text_index: int
    position: int
    salient: bool = True


def find_quotes(
    texts: list[str], names: NameIndex, titles: Collection[int] = ()
) -> list[QuoteFound]:
    """Every quotation of the texts (in reading order) with its speaker; the texts
    at the indexes ``titles`` are headlines, whose quote marks quote nobody."""
    found: dict[str, _Found] = {}  # by the quotation's words, in reading order
    said: list[_Said] = []  # who has spoken so far, in order
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
            attribution = _after(text, toks, starts, span, ceiling, names.vocabulary) or _before(
                text, toks, starts, span, floor, names.vocabulary
            )
            last_span = spans[k + 1] if joined else span
            sentence = text[
                sentence_start(text, span.start) : sentence_end(text, last_span.end + 1)
            ].strip()
            if joined:
                rest = spans[k + 1].inner(text).strip()
                quote = clean_quote(f"{span.inner(text).strip()} {rest}")
                k += 1
            k += 1
            if not any(ch.isalpha() for ch in quote) or _scare_quoted(text, span):
                continue
            # 'X said it was "..." and "..."', or '"...," X said. "..."': a quotation
            # with nothing before it in its sentence, or sharing the sentence of the
            # previous one, carries on the previous speaker's words.
            if attribution is None and previous is not None:
                opening = sentence_start(text, span.start, floor)
                if opening == floor or not text[opening : span.start].strip():
                    attribution = previous
            if attribution is None:
                attribution = _next_sentence(text, toks, starts, span, names.vocabulary)
            if attribution is None:
                attribution = _previous_sentence(text, toks, starts, span, names.vocabulary)
            previous = attribution
            speaker, description = _resolve(attribution, said, names, text_index, span.start)
            if speaker is None and attribution is None and _whole_text(text, span, spans):
                # A paragraph that is only a quotation goes on with the last
                # paragraph's speaker.
                last = said[-1] if said else None
                if last is not None and last.text_index == text_index - 1:
                    speaker, description, attribution = last.speaker, last.description, previous
            if speaker:
                salient = attribution is None or attribution.salient
                said.append(_Said(speaker, description, text_index, span.start, salient))
            if attribution is None and len(quote.split()) < _MIN_UNATTRIBUTED_WORDS:
                continue
            _add(found, _Found(quote, speaker, description, attribution is not None, sentence))
    return _finish(list(found.values()), names)


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


def _resolve(
    attribution: Attribution | None, said: list[_Said], names: NameIndex, text_index: int, at: int
) -> tuple[str | None, str | None]:
    """(speaker, description) of an attribution, with "she" or "the governor" taken
    to the nearest person the document named before who fits, or to nobody."""
    if attribution is None:
        return None, None
    if attribution.speaker:
        return attribution.speaker, attribution.description
    if attribution.pronoun:
        return _nearest_person(said, names, text_index, at)
    role = attribution.description
    if role and role.split()[-1].islower() and not attribution.indefinite:
        for person in names.people_before(text_index, at):
            known = _role_of(person.name, said, names)
            if fits_role(role, known):
                return person.name, known
    # "the farmer said", and no farmer named: nobody to cite, but the role tells
    # an editor who spoke.
    return None, attribution.description


def _nearest_person(
    said: list[_Said], names: NameIndex, text_index: int, at: int
) -> tuple[str | None, str | None]:
    """Whom "he" or "she" refers to: the person last named before it in its paragraph;
    else whichever came last of the person last quoted and the person who last opened
    a sentence in the paragraph before. An institution is never "she"."""
    last = next((s for s in reversed(said) if s.salient and not _is_body(s.speaker)), None)
    if last is not None and text_index - last.text_index > 1:
        last = None
    people = list(names.people_before(text_index, at, within=1))
    here = next((m for m in people if m.text_index == text_index), None)
    if here is not None and (
        last is None or last.text_index < text_index or here.start > last.position
    ):
        return here.name, None
    subject = next((m for m in people if names.opens_sentence(m)), None)
    if subject is not None and (
        last is None or (subject.text_index, subject.start) > (last.text_index, last.position)
    ):
        return subject.name, None
    if last is not None:
        return last.speaker, last.description
    return (people[0].name, None) if people else (None, None)


def _is_body(name: str) -> bool:
    return any(word.lower() in BODIES for word in name.split())


def _role_of(person: str, said: list[_Said], names: NameIndex) -> str | None:
    full = names.fullest(person)
    for earlier in said:
        if earlier.description and names.fullest(earlier.speaker) == full:
            return earlier.description
    return names.role_of(full)


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
    if is_according_to(toks, i) and _speech_before(text, toks, starts, span):
        return None  # 'The minister said that "...", according to the department'
    if inverted_pronoun(toks, i):
        return Attribution(None, None, pronoun=True)  # '« ... », explique-t-elle'
    if toks[i].lower in _FRENCH_AUXILIARY_AFTER and i + 1 < window.stop and is_verb(toks[i + 1]):
        i += 1  # '"...", a reconnu Levan Chikovani'
        return attribute_after_verb(toks, i, window.stop)
    if is_verb(toks[i]) or is_according_to(toks, i):
        return attribute_after_verb(toks, i, window.stop)
    for j in range(i, min(window.stop, i + _AFTER_WINDOW)):
        tok = toks[j]
        manner = tok.lower in MANNER_VERBS and j <= i + _MAX_NAME_WORDS
        if (is_verb(tok) or manner) and not tok.lower.endswith("ing"):
            # Right after the quotation is like the start of a sentence: a role
            # phrase there describes the name that follows it.
            groups, at_start = groups_before(toks, j, i)
            return attribute_groups(groups, at_start, names_vocabulary)
        if (not tok.is_word and tok.text != ",") or tok.lower in _CLAUSE_OPENERS:
            return None  # '"...", that the talks must continue': another clause
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
        attribution = _colon_frame(toks, window, vocabulary)
        if attribution:
            return attribution
    unnamed: Attribution | None = None
    for j in reversed(window):
        if speaker := possessive_speaker(toks, j, window.start):
            # '..., after Aliyev's claim that "..."'
            return Attribution(speaker, None, salient=False)
        if is_according_to(toks, j):
            attribution = attribute_after_verb(toks, j, window.stop)
            if attribution:
                return attribution
            continue
        # A participle ("..., adding that") leans on the subject of an earlier verb.
        if not is_verb(toks[j]) or toks[j].lower.endswith("ing"):
            continue
        attribution = _subject_of(toks, j, window.start, vocabulary)
        if attribution and (attribution.speaker or attribution.pronoun):
            return attribution
        # 'X said the contractor had promised "..."': who reports it is named earlier.
        unnamed = unnamed or attribution
    return unnamed


def _colon_frame(
    toks: list[Token], window: range, vocabulary: frozenset[str]
) -> Attribution | None:
    """The speaker of 'X: "..."' or of 'Guliyev, who ..., pointed at the channel: "..."'."""
    colon = window.stop - 1
    if colon > window.start and is_verb(toks[colon - 1]):
        return None  # 'X said: "..."': the verb says who
    groups, at_start = groups_before(toks, colon, window.start)
    nearest = next((g for g in groups if g), [])
    before = toks.index(nearest[0]) - 1 if nearest else -1
    # "told the Borderland Gazette:": whoever was told is not the speaker.
    told = before >= window.start and (is_verb(toks[before]) or toks[before].lower == "to")
    attribution = None if told else attribute_groups(groups, at_start, vocabulary)
    if attribution and (attribution.speaker or attribution.pronoun):
        return attribution
    first = toks[window.start]
    if first.lower in PERSON_PRONOUNS:
        return Attribution(None, None, pronoun=True)  # 'She pointed at the river: "..."'
    if any(is_verb(toks[j]) for j in window):
        return None  # a speech verb earlier in the sentence says who
    subject = sentence_subject(toks, window.start, colon)
    if not subject:
        return None
    name, description = split_phrase([t.text for t in subject], True, vocabulary)
    return Attribution(name, description) if name else None


def _subject_of(
    toks: list[Token], verb: int, floor: int, vocabulary: frozenset[str]
) -> Attribution | None:
    """Who the speech verb at ``verb`` has for its subject, written before it."""
    # "Ruben, who lost his farm, described it": the subject stands before the clause.
    end = relative_clause_start(toks, verb, floor) or verb
    if toks[end - 1].lower == "and" and toks[floor].lower in PERSON_PRONOUNS:
        return Attribution(None, None, pronoun=True)  # "He walked ... and described it"
    if toks[end - 1].lower == "and" and (subject := sentence_subject(toks, floor, end)):
        # "The mayor met residents and insisted that": the sentence's subject.
        name, description = split_phrase([t.text for t in subject], True, vocabulary)
        return Attribution(name, description) if name or description else None
    groups, at_start = groups_before(toks, end, floor)
    if sum(len(g) for g in groups) > _MAX_SUBJECT_WORDS:
        return None
    attribution = attribute_groups(groups, at_start, vocabulary)
    if (attribution is None or not attribution.speaker) and toks[end - 1].text == ",":
        # "Tomasz Wrona, venu goûter les premiers moûts, a qualifié": past the clause.
        opening = next(
            (j for j in range(end - 2, max(floor, end - 30) - 1, -1) if toks[j].text == ","), None
        )
        if opening is not None:
            groups, at_start = groups_before(toks, opening, floor)
            named = attribute_groups(groups, at_start, vocabulary)
            if named and named.speaker and named.speaker[0].isupper():
                return named
    farthest = next((g for g in reversed(groups) if g), [])
    unnamed = not attribution.speaker or attribution.speaker[0].islower() if attribution else False
    if attribution and unnamed and not attribution.pronoun and farthest:
        # "Engineer Kamala Abbasova of the design institute said", "An official at
        # the power company said": who is of the place of work is the subject.
        at = toks.index(farthest[0]) - 1
        if at > floor and toks[at].lower in _OF_WORDS and toks[at - 1].is_word:
            owner = _subject_of(toks, at, floor, vocabulary)
            if owner:
                return owner
    return attribution


def _next_sentence(
    text: str, toks: list[Token], starts: list[int], span: QuoteSpan, vocabulary: frozenset[str]
) -> Attribution | None:
    """For a quotation that is a sentence of its own, a speaker named in the next one:
    '"The road will reopen." Ani Grigoryan, the engineer, said so on Monday.'"""
    if text[sentence_start(text, span.start) : span.start].strip():
        return None
    after = span.end + 1
    if text[after : after + 1] == ".":
        after += 1
    elif span.inner(text).rstrip()[-1:] not in ".!?":
        return None
    window = _token_range(starts, toks, after, sentence_end(text, after))
    subject = sentence_subject(toks, window.start, window.stop) if window else []
    noun = next((j for j in window if toks[j].lower in SPEECH_NOUNS), None)
    if noun is not None:
        # '"...". The complaint came from opposition leader Zaruhi Baghdasaryan.',
        # '"...". Those were the words of Karine Sedrakyan, a pensioner.'
        source = next((j for j in range(noun, window.stop) if toks[j].lower in _SOURCE), None)
        if source is not None:
            phrase, _ = phrase_until_punctuation(toks, source + 1, window.stop)
            name, description = split_phrase([t.text for t in phrase])
            if name:
                return Attribution(name, description)
    speaks = any(toks[j].lower in SPEECH_NOUNS or is_verb(toks[j]) for j in window)
    if subject and speaks:
        # '"...". Engineer Tamar Gogichaishvili gave that promise on Monday.'
        name, description = split_phrase([t.text for t in subject], True, vocabulary)
        if name:
            return Attribution(name, description)
    for j in window:
        if is_verb(toks[j]) and not toks[j].lower.endswith("ing"):
            found = _subject_of(toks, j, window.start, vocabulary)
            if found is None and j + 1 < window.stop:
                found = attribute_after_verb(toks, j, window.stop)
            return found if found and found.speaker else None
    return None


_SCARE_WORDS = ("so-called", "so called", "dits", "dites", "soi-disant")


def _scare_quoted(text: str, span: QuoteSpan) -> bool:
    """'the so-called "bridge fund"': a name held at arm's length, not a quotation."""
    return text[max(0, span.start - 12) : span.start].rstrip().lower().endswith(_SCARE_WORDS)


def _speech_before(text: str, toks: list[Token], starts: list[int], span: QuoteSpan) -> bool:
    """Whether a speech verb stands earlier in the quotation's sentence."""
    window = _token_range(starts, toks, sentence_start(text, span.start), span.start)
    return any(is_verb(toks[j]) for j in window)


def _previous_sentence(
    text: str, toks: list[Token], starts: list[int], span: QuoteSpan, vocabulary: frozenset[str]
) -> Attribution | None:
    """For a quotation that is all of its sentence, the person the sentence before
    is about: 'Samvel Arakelyan smiled when asked about the price. "Cheap for the
    neighbours."'."""
    begin = sentence_start(text, span.start)
    if text[begin : span.start].strip() or text[span.end + 1 : sentence_end(text, span.end)].strip(
        " .!?"
    ):
        return None
    if begin == 0:
        return None
    window = _token_range(starts, toks, sentence_start(text, begin - 1), begin)
    # Only a sentence of someone speaking or reacting hands over: "X smiled when
    # asked", not "X signed the agreement".
    if not any(is_verb(toks[j]) or toks[j].lower in MANNER_VERBS for j in window):
        return None
    subject = sentence_subject(toks, window.start, window.stop) if window else []
    if len(subject) < 2:
        return None
    name, description = split_phrase([t.text for t in subject], True, vocabulary)
    return Attribution(name, description) if name else None
