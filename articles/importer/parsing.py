"""Parsing captures ahead of the writer: in a second process when there are many.

Parsing is pure CPU work and writing waits on the database, so on a machine
with two or more cores a large import parses the next batch while the current
one is written. The parser needs no Django: the worker is started fresh
("spawn") and given the gazetteer, never a database connection.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

from articles.places import Gazetteer

from .errors import ParseError
from .model import Extraction
from .parser import extract

Parsed = Extraction | ParseError | None
_gazetteer: Gazetteer | None = None


def _start_worker(gazetteer: Gazetteer) -> None:
    global _gazetteer
    _gazetteer = gazetteer


def _parse(texts: list[str | None], gazetteer: Gazetteer | None = None) -> list[Parsed]:
    """Each text's extraction, or its ParseError; None where there was no text."""
    places = gazetteer or _gazetteer
    parsed: list[Parsed] = []
    for text in texts:
        if text is None:
            parsed.append(None)
            continue
        try:
            parsed.append(extract(text, places))
        except ParseError as error:
            # Sent back as a plain message: exceptions with extra fields pickle poorly.
            parsed.append(ParseError(str(error)))
    return parsed


class ParseAhead:
    """Hands out parsing jobs: run in a worker process, or here when ``workers`` is 0."""

    def __init__(self, gazetteer: Gazetteer, workers: int = 0) -> None:
        self.gazetteer = gazetteer
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> ParseAhead:
        if self.workers > 0:
            self.pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.gazetteer,),
            )
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def submit(self, texts: list[str | None]) -> Callable[[], list[Parsed]]:
        """Start parsing ``texts``; the returned function waits for the results."""
        if self.pool is None:
            return lambda: _parse(texts, self.gazetteer)
        future = self.pool.submit(_parse, texts)
        return future.result
