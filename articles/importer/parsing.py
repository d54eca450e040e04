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

from .captured import Captured
from .errors import ParseError
from .model import Extraction

Parsed = Extraction | ParseError | None
_gazetteer: Gazetteer | None = None


def _start_worker(gazetteer: Gazetteer) -> None:
    global _gazetteer
    _gazetteer = gazetteer


def _parse(captures: list[Captured | None], gazetteer: Gazetteer | None = None) -> list[Parsed]:
    """Each capture's extraction, or its ParseError; None where there was no capture."""
    places = gazetteer or _gazetteer
    parsed: list[Parsed] = []
    for capture in captures:
        if capture is None:
            parsed.append(None)
            continue
        try:
            parsed.append(capture.extract(places))
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

    def submit(self, captures: list[Captured | None]) -> Callable[[], list[Parsed]]:
        """Start parsing ``captures``; the returned function waits for the results."""
        if self.pool is None:
            return lambda: _parse(captures, self.gazetteer)
        future = self.pool.submit(_parse, captures)
        return future.result
