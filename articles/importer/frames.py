"""The attribution of one quotation: the words around it that say who spoke.

'"...," X said' and '"...," said X, a ...' after it; 'X said (that) "..."',
'X: "..."' and 'X, who ..., described it: "..."' before it; a speaker named in
the next sentence, or the person the sentence before is about.
"""

from __future__ import annotations

import bisect

from .documents import document_attribution
from .lexicon import BODIES, MANNER_VERBS, PERSON_PRONOUNS, PREPOSITIONS, SPEECH_NOUNS, TOPIC_WORDS
from .marks import QuoteSpan
from .roles import is_role
from .speakers import (
    Attribution,
    attribute_after_verb,
    attribute_groups,
    gender_of,
    groups_before,
    inverted_pronoun,
    is_according_to,
    is_verb,
    phrase_until_punctuation,
    possessive_speaker,
    relative_clause_start,
    sentence_subject,
    split_phrase,
)
from .textutil import Token, sentence_end, sentence_start, word_set

# A subject may be a long office: "Deputy Head of the District Education Department
# for Transport and School Infrastructure Farhad X".
_MAX_SUBJECT_WORDS = 20
_AFTER_WINDOW = 20
_MAX_NAME_WORDS = 6
_MAX_OPENING_WORDS = 8
# Who speaks without being named: "someone at the back called out".
_SOMEONE = frozenset({"someone", "somebody", "quelqu'un", "quelqu’un"})
# What introduces who a remark came from: "the words of X", "offered by X".
_SOURCE = frozenset({"from", "by", "of"})
_FRENCH_AUXILIARY_AFTER = frozenset({"a", "avait", "s'est", "s’est", "est"})
_OF_WORDS = frozenset({"of", "from", "at", "with"})
# "He walked ... and described it", "X welcomed it but called it", "Il passe la main ... et
# sourit": a second verb.
_AND = frozenset({"and", "but", "et", "mais"})
# "Pour la conservatrice, ...": a role with its definite article is someone known.
_DEFINITE = frozenset({"the", "le", "la", "les"})
# A conjunction after the quotation ("« ... » et promis une aide") carries on the
# earlier verb's sentence: no attribution follows it.
_CLAUSE_OPENERS = word_set(
    "that which because but while although when after before despite and or et ou mais"
)


def _index_of(toks: list[Token], token: Token) -> int:
    """Where a token of ``toks`` stands, found by its start (tokens are in order)."""
    return bisect.bisect_left(toks, token.start, key=_start)


def _start(token: Token) -> int:
    return token.start


def token_range(starts: list[int], toks: list[Token], begin: int, end: int) -> range:
    """The tokens from the first starting at ``begin`` or later up to the first that
    ends past ``end``: tokens do not overlap, so only the last one starting before
    ``end`` may run past it."""
    first = bisect.bisect_left(starts, begin)
    last = bisect.bisect_left(starts, end)
    if last and toks[last - 1].end > end:
        last -= 1
    return range(first, max(first, last))


def attribution_after(
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
    window = token_range(starts, toks, span.end + 1, end_of_sentence)
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
        # '« ... », explique-t-elle'
        return Attribution(None, None, pronoun=True, gender=gender_of(toks[i].text))
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


def attribution_before(
    text: str,
    toks: list[Token],
    starts: list[int],
    span: QuoteSpan,
    floor: int,
    vocabulary: frozenset[str],
) -> Attribution | None:
    """Attribution earlier in the quotation's sentence: the last speech verb with a subject."""
    begin = sentence_start(text, span.start, floor)
    window = token_range(starts, toks, begin, span.start)
    if not window:
        return None
    if attribution := document_attribution(toks, window.start, window.stop):
        return attribution  # 'A notice signed by the head of the clinic read: "..."'
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
        if _said_by_someone(toks, j, window.start):
            # "someone at the back called out "..."": nobody the document names.
            return Attribution(None, None, indefinite=True)
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
    before = _index_of(toks, nearest[0]) - 1 if nearest else -1
    # "told the Borderland Gazette:": whoever was told is not the speaker.
    told = before >= window.start and (is_verb(toks[before]) or toks[before].lower == "to")
    attribution = None if told else attribute_groups(groups, at_start, vocabulary)
    if attribution and (attribution.speaker or attribution.pronoun):
        return attribution
    if topic := _topic(toks, window):
        return topic
    first = toks[_past_opening_comma(toks, window.start, colon)]
    if first.lower in PERSON_PRONOUNS:
        # 'She pointed at the river: "..."', « Avant d'entrer, il se retourne : ... »
        return Attribution(None, None, pronoun=True, gender=gender_of(first.text))
    opening = _past_participle_clause(toks, window.start, colon)
    if any(is_verb(toks[j]) for j in range(opening, colon)):
        return None  # a speech verb earlier in the sentence says who
    subject = sentence_subject(toks, opening, colon, vocabulary)
    if not subject:
        return None
    name, description = split_phrase([t.text for t in subject], True, vocabulary)
    return Attribution(name, description) if name else None


def _said_by_someone(toks: list[Token], verb: int, floor: int) -> bool:
    """Whether the verb's subject is someone unnamed: "someone at the back called"."""
    for j in range(verb - 1, max(floor, verb - _MAX_OPENING_WORDS) - 1, -1):
        if not toks[j].is_word:
            return False
        if toks[j].lower in _SOMEONE:
            return True
    return False


def _past_opening_comma(toks: list[Token], start: int, stop: int) -> int:
    """Where the words after a short opening phrase and its comma start ("Avant
    d'entrer, il ..."), or ``start`` when the sentence has none."""
    limit = min(stop, start + _MAX_OPENING_WORDS + 1)
    comma = next((j for j in range(start + 1, limit) if toks[j].text == ","), None)
    return comma + 1 if comma is not None and comma + 1 < stop else start


def _reports(token: Token) -> bool:
    """A verb of speech or of the manner of it: "said", "smiled"."""
    return is_verb(token) or token.lower in MANNER_VERBS


def _past_opening_phrase(toks: list[Token], start: int, stop: int) -> int:
    """Where the subject starts past a phrase of place or time opening the sentence:
    "In the village of Shaki, village head Lusine X met farmers and promised"."""
    if toks[start].lower not in PREPOSITIONS:
        return start
    limit = min(stop, start + _MAX_OPENING_WORDS)
    comma = next((j for j in range(start + 1, limit) if toks[j].text == ","), None)
    return comma + 1 if comma is not None else start


def _past_participle_clause(toks: list[Token], start: int, stop: int) -> int:
    """Where the subject starts past a participle clause opening the sentence: "Asked
    about the future, Mkrtchyan folded her arms" starts at "Mkrtchyan"."""
    if not (is_verb(toks[start]) and toks[start].text[0].isupper()):
        return start
    comma = next((j for j in range(start + 1, stop) if toks[j].text == ","), None)
    return comma + 1 if comma is not None else start


def _topic(toks: list[Token], window: range) -> Attribution | None:
    """Whom a sentence opening "For X, ..." or "Pour la conservatrice, ..." is about:
    the one whose view the words after its colon give."""
    if toks[window.start].lower not in TOPIC_WORDS:
        return None
    stop = window.start + 1 + _MAX_NAME_WORDS
    comma = next(
        (j for j in range(window.start + 1, min(stop, window.stop)) if toks[j].text == ","), None
    )
    if comma is None:
        return None
    phrase = toks[window.start + 1 : comma]
    if not all(tok.is_word for tok in phrase):
        return None
    name, description = split_phrase([t.text for t in phrase])
    if name and name[0].isupper():
        return Attribution(name, description)
    definite = phrase[0].lower in _DEFINITE or phrase[0].lower.startswith(("l'", "l’"))
    if description and not name and (definite or is_role(description)):
        return Attribution(None, description, gender=gender_of(phrase[0].text))
    return None


def _subject_of(
    toks: list[Token], verb: int, floor: int, vocabulary: frozenset[str]
) -> Attribution | None:
    """Who the speech verb at ``verb`` has for its subject, written before it."""
    # "Ruben, who lost his farm, described it": the subject stands before the clause.
    end = relative_clause_start(toks, verb, floor) or verb
    if end - 2 >= floor and toks[end - 1].lower == "who" and toks[end - 2].text == ",":
        # "moderated by journalist Ruzanna X, who reminded the audience": the name
        # just before the clause, unless that is where someone works ("a commodities
        # analyst at the Grain Exchange, who described").
        groups, _ = groups_before(toks, end - 1, floor)
        nearest = next((g for g in groups if g), [])
        at = _index_of(toks, nearest[0]) - 1 if nearest else floor
        where = at >= floor and toks[at].lower in PREPOSITIONS and toks[at].lower != "by"
        name, description = split_phrase([t.text for t in nearest], False, vocabulary)
        if name and name[0].isupper() and not where:
            return Attribution(name, description)
    if toks[end - 1].lower in _AND and toks[floor].lower in PERSON_PRONOUNS:
        # "He walked ... and described it"
        return Attribution(None, None, pronoun=True, gender=gender_of(toks[floor].text))
    opening = _past_opening_phrase(toks, floor, end)
    if toks[end - 1].lower in _AND and (
        subject := sentence_subject(toks, opening, end, vocabulary)
    ):
        # "The mayor met residents and insisted that": the sentence's subject.
        name, description = split_phrase([t.text for t in subject], True, vocabulary)
        return Attribution(name, description) if name or description else None
    groups, at_start = groups_before(toks, end, floor)
    if sum(len(g) for g in groups) > _MAX_SUBJECT_WORDS:
        return None
    if [t.lower for t in groups[0]] == ["it"] and (body := _institution_opening(toks, floor)):
        return body  # "The company apologised for what it called ..."
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
        at = _index_of(toks, farthest[0]) - 1
        if at > floor and toks[at].lower in _OF_WORDS and toks[at - 1].is_word:
            owner = _subject_of(toks, at, floor, vocabulary)
            if owner:
                return owner
    return attribution


def _institution_opening(toks: list[Token], floor: int) -> Attribution | None:
    """The institution a sentence opens with, whom a later "it" stands for: "The
    company apologised for what it called", "The Regional Water Board said it"."""
    for j in range(floor, min(len(toks), floor + _MAX_NAME_WORDS)):
        if not toks[j].is_word:
            return None
        if toks[j].lower in BODIES:
            name, _ = split_phrase([t.text for t in toks[floor : j + 1]])
            return Attribution(name, None) if name else None
    return None


def attribution_next(
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
    window = token_range(starts, toks, after, sentence_end(text, after))
    first = window.start
    if window and [t.lower for t in toks[first : first + 2]] in (["that", "is"], ["c'est"]):
        # '"...". That is how Gulnara X remembers it', "That is driver Elvin X talking".
        first += 3 if first + 2 < window.stop and toks[first + 2].lower == "how" else 2
    subject = sentence_subject(toks, first, window.stop, vocabulary) if window else []
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
    if subject:
        # '"...". Engineer Tamar Gogichaishvili gave that promise on Monday.'
        name, description = split_phrase([t.text for t in subject], True, vocabulary)
        # A paragraph opening with a quotation, then the person it introduces: '"I came
        # for my knees." Sona X, a 71-year-old pensioner, walked twenty minutes'.
        introduced = (
            not text[: span.start].strip()
            and name is not None
            and len(name.split()) > 1
            and (description is not None or _appositive_after(toks, subject, window.stop))
        )
        if name and (speaks or introduced):
            return Attribution(name, description)
    for j in window:
        if is_verb(toks[j]) and not toks[j].lower.endswith("ing"):
            found = _subject_of(toks, j, window.start, vocabulary)
            if found is None and j + 1 < window.stop:
                found = attribute_after_verb(toks, j, window.stop)
            return found if found and found.speaker else None
    return None


def _appositive_after(toks: list[Token], subject: list[Token], stop: int) -> bool:
    """Whether a role is set after the subject between commas: "Sona X, a pensioner,"."""
    at = _index_of(toks, subject[-1]) + 1
    if at + 1 >= stop or toks[at].text != ",":
        return False
    following = toks[at + 1].text
    return following[:1].islower() or following[:1].isdigit()


def _speech_before(text: str, toks: list[Token], starts: list[int], span: QuoteSpan) -> bool:
    """Whether a speech verb stands earlier in the quotation's sentence."""
    window = token_range(starts, toks, sentence_start(text, span.start), span.start)
    return any(is_verb(toks[j]) for j in window)


def reported_speaker(
    text: str, toks: list[Token], vocabulary: frozenset[str]
) -> Attribution | None:
    """Who the last sentence of a text reports as speaking: "Arakelyan said the hardest
    recipe was for zhingyalov hats." gives Arakelyan; a quotation in it gives nobody,
    as its speaker is known already."""
    end = len(text.rstrip())
    begin = sentence_start(text, max(0, end - 1))
    if any(mark in text[begin:end] for mark in '"“”«»'):
        return None
    window = token_range([tok.start for tok in toks], toks, begin, end)
    verb = next((j for j in window if is_verb(toks[j]) and not toks[j].lower.endswith("ing")), None)
    if verb is None or verb == window.start:
        return None
    said = _subject_of(toks, verb, window.start, vocabulary)
    return said if said and (said.pronoun or (said.speaker and said.speaker[0].isupper())) else None


def attribution_previous(
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
    window = token_range(starts, toks, sentence_start(text, begin - 1), begin)
    # Only a sentence of someone speaking or reacting hands over: "X smiled when
    # asked", "X has one more piece of advice", not "X signed the agreement".
    if not any(_hands_over(toks[j]) for j in window):
        return None
    if toks[window.start].lower in PERSON_PRONOUNS:
        # "Il se souvient des bains d'avant. « ... »"
        first = toks[window.start]
        return Attribution(None, None, pronoun=True, gender=gender_of(first.text))
    # "The engineer in charge, Aytan X, said the crew had found two joints. "We
    # replaced them."": who said the sentence before goes on speaking.
    verb = next((j for j in reversed(window) if _reports(toks[j]) and j > window.start), None)
    if verb is not None and not toks[verb].lower.endswith("ing"):
        said = _subject_of(toks, verb, window.start, vocabulary)
        if said and (said.pronoun or (said.speaker and said.speaker[0].isupper())):
            return said
    subject = sentence_subject(toks, window.start, window.stop, vocabulary) if window else []
    if not subject:
        return None
    name, description = split_phrase([t.text for t in subject], True, vocabulary)
    return Attribution(name, description) if name else None


def _hands_over(token: Token) -> bool:
    """A word saying that someone speaks, reacts or remembers: "smiled", "advice"."""
    return is_verb(token) or token.lower in MANNER_VERBS or token.lower in SPEECH_NOUNS
