"""Version counters in the shared cache, read once per request.

A counter moves on when editors change something: the content version (every
cached page and number) and the gazetteer's (places and their names). Every
app server reads them from the shared cache, so a change made through one is
seen by all. A single page asks several times (the place filter, the list's
places, the counts); each read is a round trip to Redis, 0.2-0.3 ms with
Django's client. Within a request the first read stands: a request sees one
consistent state, and a change it makes itself (``bump``) is read again.
Outside a request (commands, the shell) every read goes to the cache.
"""

from __future__ import annotations

import threading
import time

from django.core.cache import cache
from django.core.signals import request_finished, request_started

# Every counter a page may need, read together on its first read.
KNOWN: set[str] = set()

_request = threading.local()


def register(key: str) -> str:
    KNOWN.add(key)
    return key


def read(key: str) -> int:
    """The counter's value: as first read in this request, else from the cache."""
    seen = getattr(_request, "seen", None)
    if seen is not None and key in seen:
        return seen[key]
    keys = sorted(KNOWN | {key}) if seen is not None else [key]
    found = cache.get_many(keys)
    for missing in (k for k in keys if found.get(k) is None):
        # A lost counter (cache restarted, key evicted) starts again from the
        # clock, never from a number that stored pages or processes still carry.
        found[missing] = cache.get_or_set(missing, time.time_ns(), timeout=None)
    if seen is not None:
        seen.update(found)
    return found[key]


def already_read(key: str, value) -> None:
    """A counter's value that the caller read from the cache itself (with other keys)."""
    memo = getattr(_request, "seen", None)
    if memo is not None and value is not None:
        memo[key] = value


def this_request() -> dict | None:
    """What this request has read from the shared cache, by key; None outside a request.

    Also for values kept under a content version (``pagecache.remember``):
    their key names the version, so within a request they cannot change.
    """
    return getattr(_request, "seen", None)


def bump(key: str) -> None:
    """Move the counter on, for every app server (and for the rest of this request)."""
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, time.time_ns(), timeout=None)
    seen = getattr(_request, "seen", None)
    if seen is not None:
        seen.pop(key, None)


def _start(**kwargs) -> None:
    _request.seen = {}


def _finish(**kwargs) -> None:
    _request.seen = None


request_started.connect(_start, dispatch_uid="articles.counters.start")
request_finished.connect(_finish, dispatch_uid="articles.counters.finish")
