"""Whom a pronoun, a role or an institution's short name stands for: "she said",
"the governor added", "la cuisinière glisse", "the authority said"."""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection
from dataclasses import dataclass
from itertools import islice

from .lexicon import (
    ARTICLES_INDEFINITE,
    BODIES,
    CONNECTORS,
    FUNCTION_WORDS,
    OFFICES,
    PERSON_PRONOUNS,
    TITLES,
    TOPIC_WORDS,
)
from .names import NameIndex
from .roles import fits_role, looks_like_role
from .speakers import Attribution, gender_of, is_name_word
from .textutil import Token, sentence_start, strip_possessive, word_set, words

# An adverbial opening a sentence before its subject: "Outside, a man ...".
_MAX_OPENING_WORDS = 3
_MAX_ROLE_WORDS = 3
_LOOKBACK_SENTENCES = 4
_MAX_LOOKED_AT = 50
_LOOKBACK_CHARS = 1500


@dataclass
class Said:
    """A speaker the document has given words to, and where."""

    speaker: str
    description: str | None
    text_index: int
    position: int
    salient: bool = True


@dataclass(frozen=True)
class _Subject:
    """Who a sentence of the paragraph is about, and where it starts."""

    position: int
    speaker: str | None
    description: str | None


class References:
    """The people a document has named and quoted so far, to tell whom a later
    "she" or "the principal" stands for.

    Captions and related stories (``asides``) sit between paragraphs in the texts
    but are not part of the prose: "the paragraph before" skips them."""

    def __init__(self, names: NameIndex, asides: Collection[int], count: int) -> None:
        self.names = names
        self.said: list[Said] = []
        self._asides = frozenset(asides)
        self._genders: dict[str, str] = {}
        self._first_roles: dict[str, str] = {}
        self._named_roles: dict[str, str | None] = {}
        self._described: dict[str, tuple[str, str | None]] = {}
        self._ordinal: list[int] = []  # per text, how many paragraphs up to it
        for index in range(count):
            previous = self._ordinal[-1] if self._ordinal else 0
            self._ordinal.append(previous + (index not in self._asides))

    def gap(self, earlier: int, later: int) -> int:
        """How many paragraphs on text ``later`` is from text ``earlier``."""
        return self._ordinal[later] - self._ordinal[earlier]

    def record(self, said: Said, gender: str | None) -> None:
        self.said.append(said)
        full = self.names.fullest(said.speaker)
        if said.description:
            self._first_roles.setdefault(full, said.description)
        # Every speaker with their latest role (None for one never given), the latest
        # speaker last.
        known = said.description or self._described.pop(full, (None, None))[1]
        self._described.pop(full, None)
        self._described[full] = (said.speaker, known)
        if gender:
            self._genders.setdefault(self.names.fullest(said.speaker), gender)

    def last_in_paragraph_before(self, text_index: int) -> Said | None:
        """Who spoke in the paragraph before, or before an interviewer's question."""
        last = self.said[-1] if self.said else None
        if last is None:
            return None
        gap = self.gap(last.text_index, text_index)
        between = self.paragraph_before(text_index)
        asked = between is not None and self.names.texts[between].rstrip().endswith("?")
        if gap == 1 or (gap == 2 and asked and self._nobody_named_since(last, text_index)):
            return last
        return None

    def resolve(
        self, attribution: Attribution | None, text_index: int, at: int, quote: str
    ) -> tuple[str | None, str | None]:
        """(speaker, description) of an attribution, with "she" or "the governor"
        taken to the nearest person the document named before who fits, or to nobody."""
        if attribution is None:
            return None, None
        speaker = attribution.speaker
        if speaker and speaker.islower() and speaker.split()[-1] in BODIES:
            # "the authority said": the institution named before with that word.
            body = self.names.body_before(speaker.split()[-1], text_index, at)
            if body is None:
                body = self.names.fuller_body(speaker, text_index, at)
            return body or speaker, attribution.description
        if speaker and len(speaker.split()) < 4 and speaker.split()[-1].lower() in BODIES:
            return self.names.fuller_body(speaker, text_index, at), attribution.description
        if speaker:
            return speaker, attribution.description
        if attribution.pronoun:
            return self._nearest_person(text_index, at, attribution.gender, quote)
        role = attribution.description
        # "the official", "the Head of the Executive Authority": a role to resolve.
        resolvable = role and (role.split()[-1].islower() or role.split()[0].lower() in OFFICES)
        if resolvable and not attribution.indefinite:
            found = self._fitting(role, text_index, at)
            if found is not None:
                return found
        # "the farmer said", and no farmer named: nobody to cite, but the role tells
        # an editor who spoke.
        return None, attribution.description

    def _fitting(self, role: str, text_index: int, at: int) -> tuple[str, str | None] | None:
        """The person or institution a role reference stands for: "the authority" is
        the last institution named with that word; "the official" the last speaker
        whose role fits, else the nearest person named with a fitting role."""
        head = _head(role)
        if head in BODIES:
            body = self.names.body_before(head, text_index, at)
            return (body, None) if body else None
        # The latest speakers with a role, then the nearest people named, a bounded
        # number of each, so that a long capture costs no more per quotation.
        for speaker, description in islice(reversed(self._described.values()), _MAX_LOOKED_AT):
            known = description or self._role_of(speaker)
            if fits_role(role, known):
                return speaker, known
        seen: set[str] = set()
        for person in islice(self.names.people_before(text_index, at), _MAX_LOOKED_AT):
            if person.name in seen:
                continue
            seen.add(person.name)
            known = self._role_of(person.name)
            if fits_role(role, known):
                return person.name, known
        return None

    def _nearest_person(
        self, text_index: int, at: int, gender: str | None, quote: str
    ) -> tuple[str | None, str | None]:
        """Whom "he" or "she" refers to: the person last named before it in its
        paragraph, or who a later sentence of it is about ("La conservatrice espère
        ...", "Outside, a man waiting ... said", who has no name); else whichever came
        last of the person last quoted and the person who last opened a sentence in
        the paragraph before. Never an institution, a person of the other gender, or
        a person the quotation itself names."""

        def fits(name: str) -> bool:
            known = self._genders.get(self.names.fullest(name))
            return not (gender and known and known != gender) and not _named_in(name, quote)

        last = self._last_speaker(text_index, fits)
        before = self.paragraph_before(text_index)
        within = text_index - before if before is not None else 0
        nearest = islice(self.names.people_before(text_index, at, within=within), _MAX_LOOKED_AT)
        people = [
            mention
            for mention in nearest
            if (mention.text_index == text_index or mention.text_index not in self._asides)
            and fits(mention.name)
        ]
        here = next((m for m in people if m.text_index == text_index), None)
        if here is not None:
            here = self._subject_of_sentence_with(here, people)
        subject = self._sentence_subject(text_index, at)
        if (
            subject is not None
            and (here is None or subject.position > here.start)
            and (last is None or last.text_index < text_index or subject.position > last.position)
            and (subject.speaker is None or fits(subject.speaker))
        ):
            return subject.speaker, subject.description
        if here is not None and (
            last is None or last.text_index < text_index or here.start > last.position
        ):
            return here.name, None
        opener = next((m for m in people if self.names.opens_sentence(m)), None)
        if opener is not None and (
            last is None or (opener.text_index, opener.start) > (last.text_index, last.position)
        ):
            return opener.name, None
        if last is not None:
            return last.speaker, last.description
        if people:
            return people[0].name, None
        # "Zulfiyya X unlocks the door ... / The postmistress has run ... / 'People
        # think ...,' she said": the last person named, past a paragraph naming nobody.
        if before is not None and (earlier := self.paragraph_before(before)) is not None:
            further = self.names.people_before(before, 0, within=before - earlier)
            opener = next((m for m in further if self.names.opens_sentence(m)), None)
            if opener is not None and opener.text_index == earlier and fits(opener.name):
                return opener.name, None
        return None, None

    def _subject_of_sentence_with(self, mention, people):
        """The person a sentence is about, rather than one named inside a clause of it:
        "Huseynova, who says the idea came from an inspector, Tofiq X, is ..."."""
        text = self.names.texts[mention.text_index]
        begin = sentence_start(text, mention.start)
        for other in reversed(people):
            if other.text_index != mention.text_index or other.start >= mention.start:
                continue
            between = text[other.end : mention.start]
            clause = _RELATIVE_RE.match(between) is not None
            if clause and other.start >= begin and self.names.opens_sentence(other):
                return other
        return mention

    def _last_speaker(self, text_index: int, fits) -> Said | None:
        """The last person quoted in this paragraph or the one before; or, past one
        who cannot be meant (the other gender), the one before them in the paragraph
        before that: "« ... », rétorque le président. « ... », répond-elle"."""
        skipped = False
        for earlier in reversed(self.said):
            gap = self.gap(earlier.text_index, text_index)
            # A paragraph between that names nobody does not change who is speaking.
            limit = 2 if skipped or self._nobody_named_since(earlier, text_index) else 1
            if gap > limit:
                return None
            if not earlier.salient or _is_body(earlier.speaker):
                continue
            if not fits(earlier.speaker):
                skipped = True
                continue
            return earlier
        return None

    def _nobody_named_since(self, earlier: Said, text_index: int) -> bool:
        """Whether no person is named after what ``earlier`` said and before the text
        ``text_index``, outside captions and related stories."""
        within = text_index - earlier.text_index
        speaker = self.names.fullest(earlier.speaker)
        for mention in self.names.people_before(text_index, 0, within=within):
            if (mention.text_index, mention.start) <= (earlier.text_index, earlier.position):
                return True
            if mention.text_index in self._asides or mention.text_index == text_index:
                continue
            if self.names.fullest(mention.name) != speaker:  # '"...," Ramila X says.'
                return False
        return True

    def paragraph_before(self, text_index: int) -> int | None:
        index = text_index - 1
        while index >= 0 and index in self._asides:
            index -= 1
        return index if index >= 0 else None

    def _sentence_subject(self, text_index: int, at: int) -> _Subject | None:
        """Who the nearest sentence of the paragraph before ``at`` that opens with a
        role, an unnamed person or a topic is about: "The principal conceded ...",
        "La conservatrice espère ...", "Outside, a man ... said", "For Sargsyan, ..."."""
        text = self.names.texts[text_index]
        toks = self.names.tokens_of(text_index)
        first = bisect.bisect_left(toks, at, key=_start)
        # Only the last few sentences, so a long paragraph costs no more per quotation.
        end, floor = at, max(0, at - _LOOKBACK_CHARS)
        for _ in range(_LOOKBACK_SENTENCES):
            if end <= floor:
                break
            begin = sentence_start(text, end, floor)
            last, first = first, bisect.bisect_left(toks, begin, hi=first, key=_start)
            found = self._subject_of_sentence(toks, first, last, text_index, at)
            if found is not None:
                return found
            end = begin - 1
        return None

    def _subject_of_sentence(
        self, toks: list[Token], first: int, last: int, text_index: int, at: int
    ) -> _Subject | None:
        i = _past_opening(toks, first, last, self.names)
        if i + 1 >= last:
            return None
        word = toks[i].lower
        if word in TOPIC_WORDS and is_name_word(toks[i + 1].text):
            # "For Sargsyan, the year ...", "Pour Hélène Marchetti, l'essentiel ...".
            j = i + 1
            while j < last and is_name_word(toks[j].text):
                j += 1
            if j < last and toks[j].text == ",":
                name = " ".join(strip_possessive(t.text) for t in toks[i + 1 : j])
                return _Subject(toks[i].start, name, None)
            return None
        if word not in ARTICLES_INDEFINITE and word not in ("the", "le", "la", "l"):
            return None
        role = _role_words(toks, i + 1, last)
        if not role:
            return None
        if word in ARTICLES_INDEFINITE:
            # "A man waiting on the bench said": someone the document does not name.
            person = any(w in TITLES or w in _PERSONS or looks_like_role(w) for w in role[:2])
            return _Subject(toks[i].start, None, None) if person else None
        gender = gender_of(toks[i].text)
        for count in range(1, len(role) + 1):
            # The role is the first words, the verb after them: "La conservatrice espère".
            found = self._fitting(" ".join(role[:count]), text_index, at)
            if found is None or not found[0] or _is_body(found[0]):
                continue
            known = self._genders.get(self.names.fullest(found[0]))
            if not (gender and known and gender != known):
                return _Subject(toks[i].start, found[0], found[1])
        return None

    def _role_of(self, person: str) -> str | None:
        """The role the document first gave the person, quoting them or naming them."""
        full = self.names.fullest(person)
        if full in self._first_roles:
            return self._first_roles[full]
        if full not in self._named_roles:
            self._named_roles[full] = self.names.role_of(full)
        return self._named_roles[full]


# Nouns for a person that are no role: "a man waiting on the bench said".
_PERSONS = word_set(
    "man woman boy girl person visitor passer-by customer buyer neighbour neighbor mother "
    "father grandmother grandfather homme femme passant passante cliente client voisin voisine"
)


# A relative clause right after a name: "Huseynova, who says ...", "X, qui a grandi".
_RELATIVE_RE = re.compile(r"\s*,\s*(?:who|whose|qui|dont)\b")


def _past_opening(toks: list[Token], first: int, last: int, names: NameIndex) -> int:
    """Where a sentence's subject starts, past an opening adverbial and its comma
    ("Outside, a man ..."); a name before the comma is the subject itself
    ("Arsen Grigoryan, a driver, stood ...")."""
    if toks[first].lower in TOPIC_WORDS:
        return first  # "For Sargsyan, ...": the topic is who it is about
    for j in range(first, min(last, first + _MAX_OPENING_WORDS + 1)):
        word = toks[j]
        if word.text == ",":
            dislocated = j + 1 < last and toks[j + 1].lower in PERSON_PRONOUNS
            # "La directrice, elle, se veut prudente": the role is the subject.
            return first if dislocated else j + 1
        if not word.is_word:
            break
        capital = word.text[0].isupper() and word.lower not in names.vocabulary
        if capital and (j > first or len(names.fullest(word.text).split()) > 1):
            break  # a name, or a word of one: "Grigoryan, 41, stood"
    return first


def _role_words(toks: list[Token], start: int, last: int) -> list[str]:
    """The lower-case words after an article, the role among them and maybe the verb
    after it: "principal conceded", "agricultural development head said"."""
    words: list[str] = []
    j = start
    while j < last and len(words) < _MAX_ROLE_WORDS + 1:
        tok = toks[j]
        if not tok.is_word or not tok.text.islower() or tok.lower in FUNCTION_WORDS:
            break
        words.append(tok.lower)
        j += 1
    return words


def _start(token: Token) -> int:
    return token.start


def _head(role: str) -> str:
    """The noun a role is of: "authority", the "head" of "head of the clinic"."""
    words = role.lower().split()
    cut = next((i for i, word in enumerate(words) if word in CONNECTORS), len(words))
    return words[max(cut - 1, 0)]


def _named_in(name: str, quote: str) -> bool:
    """Whether the quotation names the person: someone rarely speaks of themselves by
    name ("Elmira Rahimova proved that ...," he said)."""
    if not any(part in quote for part in name.split()):
        return False  # most quotations name nobody: no need to split them into words
    written = {word.text for word in words(quote)}
    return any(len(part) > 2 and part in written for part in name.split())


def _is_body(name: str) -> bool:
    return any(word.lower() in BODIES for word in name.split())
