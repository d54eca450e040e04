"""The texts of one capture, each scanned once for what several extractors need.

Scanning the text is most of the parser's work, so every kind of scan is made at
most once per capture and shared: the tokens (quotes, dates, roles), where the
capitalised words start (names and places) and the distinct words written
(vocabulary and months). A text that no extractor asks about is never tokenised.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import compress
from operator import itemgetter

from .months import MONTH_WORDS, month_in_prose
from .textutil import Token, capital_parts, capitalised_words, distinct_words, tokens


class Document:
    def __init__(self, texts: Iterable[str]) -> None:
        self.texts = list(texts)
        self._tokens: dict[int, list[Token]] = {}
        self._capital_parts: dict[int, list[tuple[int, int]]] = {}
        self._capitalised_words: dict[int, list[tuple[str, int, int]]] = {}
        self._written: set[str] | None = None
        self._vocabulary: frozenset[str] | None = None
        self._months: list[str] = []

    @classmethod
    def of(cls, texts: Iterable[str], document: Document | None = None) -> Document:
        """``document`` when it holds these texts, else a new one for them."""
        texts = list(texts)
        if document is not None and document.texts == texts:
            return document
        return cls(texts)

    def tokens(self, index: int) -> list[Token]:
        if index not in self._tokens:
            self._tokens[index] = tokens(self.texts[index])
        return self._tokens[index]

    def capital_parts(self, index: int) -> list[tuple[int, int]]:
        if index not in self._capital_parts:
            self._capital_parts[index] = capital_parts(self.texts[index])
        return self._capital_parts[index]

    def capitalised_words(self, index: int) -> list[tuple[str, int, int]]:
        if index not in self._capitalised_words:
            self._capitalised_words[index] = capitalised_words(
                self.texts[index], self.capital_parts(index)
            )
        return self._capitalised_words[index]

    @property
    def written(self) -> set[str]:
        """Every word of the texts, once each, as written."""
        if self._written is None:
            self._written = distinct_words(self.texts)
        return self._written

    @property
    def vocabulary(self) -> frozenset[str]:
        """The words the texts write in lower case: a capitalised one of these is a common word."""
        self._sort_words()
        return self._vocabulary

    def _sort_words(self) -> None:
        """Answer both questions asked of the distinct words: which are written in
        lower case, and which may name a month."""
        if self._vocabulary is not None:
            return
        # Built-ins do the looping over every word (map, compress): no Python step each.
        written = list(self.written)
        lowered = list(map(str.lower, written))
        starts_lower = map(str.islower, map(itemgetter(0), written))
        self._vocabulary = frozenset(compress(lowered, starts_lower))
        may_be_months = compress(written, map(MONTH_WORDS.__contains__, lowered))
        self._months = [word for word in may_be_months if month_in_prose(word) is not None]

    def month_starts(self, index: int) -> list[int]:
        """Where text ``index`` may write a month: at each of these, and nowhere else,
        starts a copy of a word that names a month somewhere in the texts."""
        text = self.texts[index]
        found: set[int] = set()
        for word in self._month_words:
            at = text.find(word)
            while at != -1:
                found.add(at)
                at = text.find(word, at + 1)
        return sorted(found)

    @property
    def _month_words(self) -> list[str]:
        self._sort_words()
        return self._months
