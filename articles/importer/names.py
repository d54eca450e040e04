"""People's names as the whole document writes them, to give a speaker their fullest form."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .speakers import BODIES, TITLES, is_name_word, role_phrase
from .textutil import ARTICLES, lowercase_vocabulary, strip_possessive, word_set, words

_NAME_GAP_RE = re.compile(r"[ \xa0]")
_SENTENCE_END_CHARS = '.!?"”’'
_PREPOSITIONS = word_set(
    "in to at from near into toward towards of for on by with through across outside inside "
    "around via over under between"
)


@dataclass(frozen=True)
class _Mention:
    words: tuple[str, ...]
    text_index: int
    start: int  # character offsets of the mention in its text
    end: int


@dataclass
class NameIndex:
    """Runs of capitalised words in every text, and the words the texts write in lower case."""

    texts: list[str]
    vocabulary: frozenset[str] = frozenset()
    mentions: list[_Mention] = field(default_factory=list)
    # Tells whether a run of words is a place name, when the caller knows places.
    is_place: Callable[[str], bool] | None = None

    @classmethod
    def build(cls, texts: list[str], is_place: Callable[[str], bool] | None = None) -> NameIndex:
        index = cls(list(texts), frozenset(lowercase_vocabulary(texts)), is_place=is_place)
        for text_index, text in enumerate(texts):
            index.mentions.extend(index._runs(text_index, text))
        return index

    def _runs(self, text_index: int, text: str) -> list[_Mention]:
        runs: list[_Mention] = []
        current: list = []

        def close() -> None:
            while current and not self._may_open_name(text, current[0]):
                current.pop(0)
            if current:
                names = tuple(strip_possessive(tok.text) for tok in current)
                runs.append(_Mention(names, text_index, current[0].start, current[-1].end))
            current.clear()

        for tok in words(text):
            if current and not _NAME_GAP_RE.fullmatch(text[current[-1].end : tok.start]):
                close()
            if is_name_word(tok.text):
                current.append(tok)
                if strip_possessive(tok.text) != tok.text:
                    close()
            else:
                close()
        close()
        return runs

    def _may_open_name(self, text: str, tok) -> bool:
        """A capitalised common word opening a sentence ("Residents") opens no name."""
        if tok.text.lower() not in self.vocabulary:
            return True
        before = text[: tok.start].rstrip()
        return bool(before) and before[-1] not in _SENTENCE_END_CHARS

    def fullest(self, speaker: str) -> str:
        """The longest run of capitalised words that ends with the speaker's name."""
        parts = tuple(speaker.split())
        if not parts or any(not part[0].isupper() for part in parts):
            return speaker  # "Ministry of Roads in Example Town" is a body, already whole
        best = parts
        for mention in self.mentions:
            if len(mention.words) > len(best) and mention.words[-len(parts) :] == parts:
                best = mention.words
        return " ".join(best)

    def person_before(self, text_index: int, position: int) -> str | None:
        """The last person named in a text before ``position``: whom "he said" refers to.

        Only a name of two or more words that is not an institution counts, so a
        place or a ministry is never taken for a person."""
        for mention in reversed(self.mentions):
            if mention.text_index != text_index or mention.end > position:
                continue
            last = mention.words[-1].lower()
            if (
                len(mention.words) >= 2
                and last not in BODIES
                and not self._after_preposition(mention)
                and not self._is_place(mention)
            ):
                return " ".join(mention.words)
        return None

    def _after_preposition(self, mention: _Mention) -> bool:
        """Names after "in", "to", "near"... are places or objects, never the speaker."""
        before = words(self.texts[mention.text_index][: mention.start][-20:])
        return bool(before) and before[-1].text.lower() in _PREPOSITIONS

    def _is_place(self, mention: _Mention) -> bool:
        return self.is_place is not None and self.is_place(" ".join(mention.words))

    def role_of(self, name: str) -> str | None:
        """A role written next to a mention of the full name: a title or age just before
        it ("President X", "41-year-old X"), one lower-case word after a comma or at a
        sentence start ("..., engineer X"), or an appositive (", a volunteer,")."""
        parts = tuple(name.split())
        for mention in self.mentions:
            if mention.words != parts:
                continue
            text = self.texts[mention.text_index]
            role = _role_before(text, mention.start) or _role_after(text, mention.end)
            if role:
                return role
        return None


def _role_before(text: str, start: int) -> str | None:
    before = words(text[:start])
    if not before or text[before[-1].end : start].strip():
        return None
    taken: list[str] = []
    index = len(before) - 1
    while index >= 0:
        word = before[index].text
        if (word.lower() in TITLES and word[0].isupper()) or any(ch.isdigit() for ch in word):
            taken.insert(0, word)
            index -= 1
            continue
        break
    if not taken and index >= 0 and before[index].text.islower():
        edge = text[: before[index].start].rstrip()
        lead = words(edge[-12:])
        if (
            not edge
            or edge[-1] in ",;:" + _SENTENCE_END_CHARS
            or (lead and lead[-1].text.lower() in ARTICLES and edge.endswith(lead[-1].text))
        ):
            taken = [before[index].text]
    return " ".join(taken) or None


def _role_after(text: str, end: int) -> str | None:
    found = re.match(r"\s*,\s*([^,.;:()]{1,60})[,.;]", text[end:])
    if found is None:
        return None
    phrase = found.group(1).split()
    if not phrase or phrase[0].lower() not in ARTICLES:
        return None
    return role_phrase(phrase)
