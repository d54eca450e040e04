"""People's names as the whole document writes them, to give a speaker their fullest form."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from .document import Document
from .lexicon import (
    BODIES,
    CONNECTORS,
    ELIDED_RE,
    FUNCTION_WORDS,
    NOT_NAME_WORDS,
    OUTLETS,
    SPEECH_VERBS,
    TITLES,
)
from .roles import looks_like_role
from .speakers import role_phrase
from .textutil import (
    ARTICLES,
    Token,
    rstripped_end,
    sentence_start,
    strip_possessive,
    tokens,
    word_set,
    words,
    words_of,
)

# "L'agricultrice": an elided article on a lower-case noun (any alphabet's letters).
_ELIDED_NOUN_RE = re.compile(r"^[LlDd]['’]([^\W\d_])")
_OFFICE_JOINS = frozenset({"of", "for", "the", "and"})
# The longest office read before a name, in words.
_MAX_OFFICE_WORDS = 20
# Small words inside a lower-case role: "head of agricultural development".
_ROLE_JOINS = frozenset({"of", "for", "de", "du", "des"})
_MAX_ROLE_WORDS = 8
_NAME_GAPS = " \xa0"  # the one character that may stand between two words of a name
_ROLE_AFTER_RE = re.compile(r"\s*,\s*([^,.;:()]{1,60})[,.;]")
_SENTENCE_END_CHARS = '.!?"”’'
_PREPOSITIONS = word_set(
    "in to at from near into toward towards of for on by with through across outside inside "
    "around via over under between"
)
# Words that set a place before a name: "Dans la cour, Tofig Rahimli", "In the
# kitchen, Anna X": what stands after them is where, not what the person is.
_PLACE_PREPOSITIONS = word_set(
    "in at near outside inside around across beyond dans sur devant derrière près"
)


@dataclass(slots=True)  # not frozen, which would make it slow to build (see Token)
class _Mention:
    words: tuple[str, ...]
    text_index: int
    start: int  # character offsets of the mention in its text
    end: int

    @property
    def name(self) -> str:
        return " ".join(self.words)


@dataclass
class NameIndex:
    """Runs of capitalised words in every text, and the words the texts write in lower case."""

    texts: list[str]
    vocabulary: frozenset[str] = frozenset()
    mentions: list[_Mention] = field(default_factory=list)
    # Tells whether a run of words is a place name, when the caller knows places.
    is_place: Callable[[str], bool] | None = None
    # Each text is scanned once, for every reader of the index (quotes reuse the tokens).
    document: Document | None = field(default=None, repr=False)
    _words: dict[int, list[Token]] = field(default_factory=dict, repr=False)
    _word_starts: dict[int, list[int]] = field(default_factory=dict, repr=False)
    # Per text, the mentions that may name a person and their ends, made on demand.
    _people: dict[int, tuple[list[int], list[_Mention]]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(
        cls,
        texts: list[str],
        is_place: Callable[[str], bool] | None = None,
        document: Document | None = None,
    ) -> NameIndex:
        document = Document.of(texts, document)
        index = cls(document.texts, document.vocabulary, is_place=is_place, document=document)
        for text_index, text in enumerate(index.texts):
            for run, names in _name_runs(text, document.capitalised_words(text_index)):
                # Only now is the whole document's vocabulary known.
                first = 0
                while first < len(run):
                    word, start, _ = run[first]
                    if index._may_open_name(text, word, start):
                        break
                    first += 1
                # "Twelve-year-old Mariam Gelashvili", "L'agricultrice Hripsimé
                # Danielian": a role opening a run is no name.
                while len(run) - first > 2 and (
                    looks_like_role(names[first]) or _elided_noun(names[first])
                ):
                    first += 1
                if first < len(run):
                    words = tuple(names[first:])
                    index.mentions.append(_Mention(words, text_index, run[first][1], run[-1][2]))
        return index

    def tokens_of(self, text_index: int, text: str | None = None) -> list[Token]:
        """The tokens of text ``text_index`` (of ``text`` when given, if it is another one)."""
        if text is not None and (text_index >= len(self.texts) or text != self.texts[text_index]):
            return tokens(text)
        if self.document is None:
            self.document = Document(self.texts)
        return self.document.tokens(text_index)

    def _words_of(self, text_index: int) -> list[Token]:
        if text_index not in self._words:
            self._words[text_index] = words_of(self.tokens_of(text_index))
            self._word_starts[text_index] = [word.start for word in self._words[text_index]]
        return self._words[text_index]

    def _may_open_name(self, text: str, word: str, start: int) -> bool:
        """A capitalised common word opening a sentence ("Residents") opens no name."""
        if word.lower() not in self.vocabulary:
            return True
        before = rstripped_end(text, start)
        return before > 0 and text[before - 1] not in _SENTENCE_END_CHARS

    # Mentions looked up by what the questions below ask, so that no question
    # scans every mention of a long capture.
    @cached_property
    def _by_last_word(self) -> dict[str, list[_Mention]]:
        found: dict[str, list[_Mention]] = defaultdict(list)
        for mention in self.mentions:
            found[mention.words[-1]].append(mention)
        return found

    @cached_property
    def _by_first_word(self) -> dict[str, list[_Mention]]:
        found: dict[str, list[_Mention]] = defaultdict(list)
        for mention in self.mentions:
            found[mention.words[0]].append(mention)
        return found

    @cached_property
    def _by_words(self) -> dict[tuple[str, ...], list[_Mention]]:
        found: dict[tuple[str, ...], list[_Mention]] = defaultdict(list)
        for mention in self.mentions:
            found[mention.words].append(mention)
        return found

    def fullest(self, speaker: str) -> str:
        """A one-word speaker ("Hovakimyan") as the document names them in full
        ("Nune Hovakimyan"): the two words that end the longest mention of it, with
        no role among them ("Councillor Nune Hovakimyan" names Nune Hovakimyan).
        A speaker of two words or more is already whole."""
        parts = tuple(speaker.split())
        if len(parts) != 1 or not parts[0][:1].isupper():
            return speaker
        best = parts
        for mention in self._by_last_word.get(parts[0], ()):
            words = mention.words[-2:]
            # "in Hadrut Sargsyan": a place before a surname; "said Ani X": a first name.
            place = (
                self.is_place is not None
                and self.is_place(words[0])
                and len(mention.words) == 2
                and self._after_preposition(mention)
            )
            if len(words) > len(best) and not looks_like_role(words[0]) and not place:
                best = words
        if len(best) == 1:
            # A first name: "Gayane" of "Gayane Grigoryan", if that names a person.
            for mention in self._by_first_word.get(parts[0], ()):
                if len(mention.words) == 2 and self._is_person(mention):
                    best = mention.words
                    break
        return " ".join(best)

    @cached_property
    def _by_last_lower(self) -> dict[str, tuple[list[tuple[int, int]], list[_Mention]]]:
        """Names of two words or more by their last word lower-cased, with where each
        ends: mentions are made in reading order, so both lists are sorted."""
        found: dict[str, tuple[list[tuple[int, int]], list[_Mention]]] = {}
        for mention in self.mentions:
            if len(mention.words) > 1:
                ends, named = found.setdefault(mention.words[-1].lower(), ([], []))
                ends.append((mention.text_index, mention.end))
                named.append(mention)
        return found

    def body_before(self, head: str, text_index: int, position: int) -> str | None:
        """The institution last named before ``position`` of text ``text_index`` whose
        name ends in ``head``: whom "the authority" or "the department" stands for."""
        ends, named = self._by_last_lower.get(head, ([], []))
        before = bisect.bisect_right(ends, (text_index, position))
        return named[before - 1].name if before else None

    def fuller_body(self, body: str, text_index: int, position: int) -> str:
        """The fullest form the document wrote before ``position`` of an institution it
        now names in short: "the health office" was "the district health office", "the
        Executive Authority" the "Khojaly District Executive Authority"."""
        capitalised = body[:1].isupper()
        pattern = re.compile(rf"((?:[^\W\d_][\w'’-]*\s+){{1,4}})(?i:{re.escape(body)})\b")
        best = body
        for index in range(text_index + 1):
            text = self.texts[index] if index < text_index else self.texts[index][:position]
            if body.lower() not in text.lower():
                continue
            for found in pattern.finditer(text):
                kept: list[str] = []
                for word in reversed(found.group(1).split()):
                    lower = word.lower()
                    # "the Aghdam district museum", "the Karabakh Fruit Growers' Association"
                    fits = word[0].isupper() or (kept and lower in CONNECTORS)
                    if not capitalised:
                        fits = fits or (word.islower() and lower not in FUNCTION_WORDS)
                    if not fits or lower in ARTICLES:
                        break
                    kept.insert(0, word)
                while kept and kept[0].lower() in CONNECTORS:
                    kept.pop(0)
                if kept and len(kept) + len(body.split()) > len(best.split()):
                    written = text[found.end(1) : found.end()]  # "Association" as written
                    best = " ".join([*kept, written])
        return best

    def person_before(self, text_index: int, position: int) -> str | None:
        """The last person named in a text before ``position``: whom "he said" refers to.

        Only a name of two or more words that is not an institution counts, so a
        place or a ministry is never taken for a person."""
        if text_index not in self._people:
            people = [m for m in self.mentions if m.text_index == text_index and self._is_person(m)]
            self._people[text_index] = ([m.end for m in people], people)
        ends, people = self._people[text_index]
        # Mentions of one text follow each other, so their ends are in order.
        before = bisect.bisect_right(ends, position)
        return " ".join(people[before - 1].words) if before else None

    def people_before(
        self, text_index: int, position: int, within: int | None = None
    ) -> Iterator[_Mention]:
        """The people named before ``position`` of text ``text_index``, nearest first,
        in that text and the ``within`` texts before it (all of them by default)."""
        first = 0 if within is None else max(0, text_index - within)
        for index in range(text_index, first - 1, -1):
            if index not in self._people:
                people = [m for m in self.mentions if m.text_index == index and self._is_person(m)]
                self._people[index] = ([m.end for m in people], people)
            ends, people = self._people[index]
            count = bisect.bisect_right(ends, position) if index == text_index else len(people)
            for mention in reversed(people[:count]):
                # "... for Displaced Persons Gohar Sargsyan": the person is the last two.
                if len(mention.words) > 2:
                    words = mention.words[-2:]
                    start = mention.end - len(" ".join(words))
                    mention = _Mention(words, mention.text_index, start, mention.end)
                yield mention

    def opens_sentence(self, mention: _Mention) -> bool:
        """Whether the mention is the first thing in its sentence: its subject."""
        text = self.texts[mention.text_index]
        before = text[sentence_start(text, mention.start) : mention.start].strip(' "“‘«')
        # "Fifth-grader Mane Sargsyan liked ...": what she is may open the sentence.
        return all(looks_like_role(word) or word.lower() in ARTICLES for word in before.split())

    def _is_person(self, mention: _Mention) -> bool:
        if mention.words[-1].lower() in OUTLETS:
            return False  # "told the Caspian Wire", "Highland Radio's reporter"
        if len(mention.words) > 2:
            # "for Displaced Persons Gohar Sargsyan": the last two words may be a
            # person even after a preposition, unless they are a place.
            last_two = " ".join(mention.words[-2:])
            return mention.words[-1].lower() not in BODIES and not (
                self.is_place and (self.is_place(last_two) or self.is_place(mention.words[-2]))
            )
        return (
            (len(mention.words) == 2 or len(self.fullest(mention.words[0]).split()) >= 2)
            and mention.words[-1].lower() not in BODIES
            and not self._after_preposition(mention)
            and not self._is_place(mention)
        )

    def _after_preposition(self, mention: _Mention) -> bool:
        """Names after "in", "to", "near"... are places or objects, never the speaker."""
        text = self.texts[mention.text_index]
        before = words(text[max(0, mention.start - 20) : mention.start])
        return bool(before) and before[-1].text.lower() in _PREPOSITIONS

    def _is_place(self, mention: _Mention) -> bool:
        return self.is_place is not None and self.is_place(" ".join(mention.words))

    def role_of(self, name: str) -> str | None:
        """A role written next to a mention of the full name: a title or age just before
        it ("President X", "41-year-old X"), one lower-case word after a comma or at a
        sentence start ("..., engineer X"), or an appositive (", a volunteer,")."""
        parts = tuple(name.split())
        for mention in self._by_last_word.get(parts[-1], ()) if parts else ():
            if mention.words[-len(parts) :] != parts:
                continue
            text = self.texts[mention.text_index]
            found = self._words_of(mention.text_index)
            # Where the name starts in the mention: "Education Karine Melkonyan".
            start = mention.end - len(name)
            # The words before the name, as words(text[:start]) would find them:
            # a word of the whole text never runs on into the name's first word.
            count = bisect.bisect_left(self._word_starts[mention.text_index], start)
            role = _role_before(text, start, found, count) or _role_after(text, mention.end)
            if role:
                return role
        return None


def _elided_noun(word: str) -> bool:
    found = _ELIDED_NOUN_RE.match(word)
    return found is not None and found.group(1).islower()


def _name_runs(
    text: str, capitalised: list[tuple[str, int, int]]
) -> list[tuple[list[tuple[str, int, int]], list[str]]]:
    """Runs of name words (as (word, start, end)) with one space between them, with
    the words written without a possessive, which ends its run.

    Only capitalised words can be name words, so only those (``capitalised``) are
    looked at: any other word between two of them leaves more than a space there."""
    runs: list[tuple[list[tuple[str, int, int]], list[str]]] = []
    current: list[tuple[str, int, int]] = []
    names: list[str] = []
    for found in capitalised:
        word, start, _ = found
        if current:
            gap = current[-1][2]
            if start - gap != 1 or text[gap] not in _NAME_GAPS:
                runs.append((current, names))
                current, names = [], []
        name = strip_possessive(word)
        if name.lower() in NOT_NAME_WORDS:  # is_name_word(), the capital being known
            if current:
                runs.append((current, names))
                current, names = [], []
            continue
        current.append(found)
        names.append(name)
        if name != word:
            runs.append((current, names))
            current, names = [], []
    if current:
        runs.append((current, names))
    return runs


def _role_before(text: str, start: int, before: list[Token], count: int) -> str | None:
    """The role written before a name at ``start``; ``before[:count]`` are the words
    before it (the list is not sliced, as that would copy most of a long text's words)."""
    if not count:
        return None
    gap = text[before[count - 1].end : start].strip()
    if gap == ",":
        # "hosted by the parish priest, Mesrop X,", "Deputy Head for Agriculture, X,"
        return _role_before_comma(before, count) or _office_before(text, before, count)
    if gap:
        return None
    office = _office_before(text, before, count)
    if office:
        return office
    opening = _role_opening_sentence(text, before, count)
    if opening:
        return opening
    taken: list[str] = []
    index = count - 1
    while index >= 0:
        word = before[index].text
        if (word.lower() in TITLES and word[0].isupper()) or any(ch.isdigit() for ch in word):
            taken.insert(0, word)
            index -= 1
            continue
        break
    if (
        not taken
        and index >= 0
        and before[index].text.islower()
        and before[index].lower not in FUNCTION_WORDS
        and before[index].lower not in ARTICLES
        and before[index].lower not in SPEECH_VERBS
    ):
        edge = rstripped_end(text, before[index].start)  # text[:edge] is what precedes it
        tail = text[max(0, edge - 12) : edge]
        lead = words(tail)
        if (
            not edge
            or text[edge - 1] in ",;:" + _SENTENCE_END_CHARS
            or (lead and lead[-1].text.lower() in ARTICLES and tail.endswith(lead[-1].text))
        ):
            taken = [before[index].text]
    return " ".join(taken) or None


def _office_before(text: str, before: list[Token], count: int) -> str | None:
    """An office of several words right before a name: "Deputy Minister of Education",
    "Head of the Department of Education, Youth and Sport of the District Authority".

    It opens with the farthest title in the run of capitalised words, but never
    past a comma before a title, which ends someone else's name: "Vüqar Səfərli,
    Head of the Department ... Könül Abdullayeva"."""
    index, opening = count - 1, None
    while index >= 0 and count - index <= _MAX_OFFICE_WORDS:
        word = before[index].text
        if not (word[0].isupper() or word.lower() in _OFFICE_JOINS):
            break
        if index + 1 < count:
            gap = text[before[index].end : before[index + 1].start].strip()
            if gap not in ("", ",") or (gap and before[index + 1].lower in TITLES):
                break
        if word[0].isupper() and word.lower() in TITLES:
            opening = index
        index -= 1
    if opening is None or opening == count - 1 or before[count - 1].lower in _OFFICE_JOINS:
        return None
    return text[before[opening].start : before[count - 1].end]


def _role_before_comma(before: list[Token], count: int) -> str | None:
    """The role set before a name with a comma: "the parish priest, Mesrop Aghajanyan",
    "Kalbajar's head of agricultural development, Sevda Ibrahimova"."""
    index, taken = count - 1, []
    while index >= 0 and len(taken) < _MAX_ROLE_WORDS:
        word = before[index].text
        lower = word.lower()
        # "head of the clinic": an article after "of" is inside the role.
        inside = lower in ARTICLES and index > 0 and before[index - 1].lower in _ROLE_JOINS
        # "the engineer in charge of the site": "in" after an occupation is inside it.
        in_charge = lower == "in" and index > 0 and before[index - 1].lower in TITLES
        if inside or (
            word.islower()
            and lower not in ARTICLES
            and (lower not in FUNCTION_WORDS or lower in _ROLE_JOINS or in_charge)
        ):
            taken.insert(0, word)
            index -= 1
            continue
        if taken and word[0].isupper() and strip_possessive(word) != word:
            taken.insert(0, word)  # "Aghdam's deputy governor for economic affairs"
            index -= 1
            break
        if word[0].isupper() and _joins_institution(before, index):
            # "La directrice de la Maison, X": the institution is part of the role.
            taken.insert(0, word)
            index -= 1
            continue
        break
    while taken and taken[0].lower() in _ROLE_JOINS:
        taken.pop(0)
    opened = index < 0 or before[index].text.lower() in ARTICLES or before[index].text[0].isupper()
    where = index > 0 and before[index - 1].lower in _PLACE_PREPOSITIONS
    if taken:
        taken[0] = ELIDED_RE.sub("", taken[0])  # "l’administrateur du marché"
    return " ".join(taken) if taken and opened and not where else None


def _joins_institution(before: list[Token], index: int) -> bool:
    """Whether the capitalised word at ``index`` names what a lower-case role before
    it is of: "de la Maison", "of the Water Company"."""
    j = index - 1
    while j >= 0 and before[j].text[0].isupper():
        j -= 1  # the institution's earlier words: "Regional Water Company"
    if j >= 0 and before[j].lower in ARTICLES:
        j -= 1
    return j > 0 and before[j].lower in _ROLE_JOINS and before[j - 1].text.islower()


def _role_opening_sentence(text: str, before: list[Token], count: int) -> str | None:
    """The words from the start of the sentence to the name, when they only say what
    the person is: "Charity coordinator", "Fifth-grader", "The parish priest"."""
    begin = sentence_start(text, before[count - 1].start)
    index = count - 1
    while index > 0 and before[index - 1].start >= begin:
        index -= 1
    phrase = [word.text for word in before[index:count]]
    while phrase and phrase[0].lower() in ARTICLES:
        phrase.pop(0)
    if not phrase or len(phrase) > 4 or any(w.lower() in FUNCTION_WORDS for w in phrase):
        return None
    if any(w[0].isupper() for w in phrase[1:]):
        return None  # capitalised words further in are a name, not a role
    return " ".join(phrase)


def _role_after(text: str, end: int) -> str | None:
    found = _ROLE_AFTER_RE.match(text, end)
    if found is None:
        return None
    phrase = found.group(1).split()
    # ", a volunteer," or an age: "Leyla Mammadova, 64, sat by the road".
    if not phrase or not (phrase[0].lower() in ARTICLES or phrase[0].isdigit()):
        return None
    return role_phrase(phrase)
