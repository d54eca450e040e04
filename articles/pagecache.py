"""Whole-page caching for anonymous readers, invalidated the moment content changes.

Every page is cached under the current *content version*. Any change to what
readers can see (a save or delete of an article, quote, photo, caption,
comment, place or event; an import) moves the version on, in the shared cache,
so every app server stops serving the old pages at once. A page is never kept
past the next scheduled publication time, so a scheduled article still
appears by itself at its time.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone

from . import counters

VERSION_KEY = counters.register("pages:version")
# What is keyed on the content version can be kept long: any change makes a new key.
DERIVED_SECONDS = 24 * 60 * 60
# Paths that are never cached: editors' tools, per-reader forms, files served
# with their own caching, and the health check, which must reflect the database now.
EXCLUDED_PREFIXES = ("/admin/", "/media/", "/healthz", "/static/")
KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition")
# Each process keeps copies of the pages it served last, up to this many bytes
# and this many pages (small pages at many addresses cost more than their bytes).
LOCAL_BYTES = 16 * 1024 * 1024
LOCAL_PAGES = 2_000


def version() -> int:
    return counters.read(VERSION_KEY)


def invalidate() -> None:
    """Make every cached page stale, on every app server."""
    counters.bump(VERSION_KEY)


def next_publication(now=None):
    """When the next scheduled article becomes public, or None: looked up once per
    content version, and again once that time has come."""
    from articles.models import Article

    now = now or timezone.now()
    key = f"pages:{version()}:next-scheduled"
    upcoming = cache.get(key)
    if upcoming is None or (upcoming and upcoming <= now):
        # Unknown, or its time has come (and it is public now): look again.
        upcoming = (
            Article.objects.scheduled(now)
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        ) or False
        cache.set(key, upcoming, timeout=DERIVED_SECONDS)
    return upcoming or None


def _seconds_until_publication(limit: int, since=None) -> int:
    # The first publication after ``since`` (when the value began to be
    # computed), counted from now: one that came while it was computed leaves
    # no time at all.
    now = timezone.now()
    upcoming = next_publication(since or now)
    if upcoming:
        limit = min(limit, int((upcoming - now).total_seconds()))
    return max(limit, 0)


def timeout(since=None) -> int:
    """How long a page may be kept from now: the configured time, but never past
    the next scheduled publication after ``since`` (when its rendering began)."""
    return _seconds_until_publication(settings.PAGE_CACHE_SECONDS, since)


def remember(name: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, kept in the shared cache while content is unchanged.

    For what every reader sees the same and costs a query over the whole
    archive, such as the article count of each place (0.2 s at 100,000
    articles): keyed on the content version like the pages, never kept past
    the next scheduled publication, and kept whether or not whole pages are.
    """
    key = f"derived:{version()}:{name}"
    # A page may ask several times (a place page asks the archive's total
    # for each of its lists): one round trip to the shared cache is enough.
    seen = counters.this_request()
    if seen is not None and key in seen:
        return seen[key]
    value = cache.get(key)
    if value is None:
        # Kept until the first publication after the computing began: an
        # article whose time comes while it is computed must not be left out
        # until the publication after.
        began = timezone.now()
        value = compute()
        seconds = _seconds_until_publication(DERIVED_SECONDS, began)
        if seconds > 0:
            cache.set(key, value, seconds)
    if seen is not None:
        seen[key] = value
    return value


_in_process: dict[str, tuple[int, Any, Any]] = {}


def remember_in_process(name: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, kept by this process while content is unchanged.

    For small things that many pages show, such as the list of sources with
    public articles: once a request has read the content version, they cost
    neither a query nor a round trip. Like ``remember``, never kept past the
    next scheduled publication, when what is public changes by itself.
    """
    current = version()
    now = timezone.now()
    kept = _in_process.get(name)
    if kept is None or kept[0] != current or (kept[2] and kept[2] <= now):
        kept = (current, compute(), next_publication(now))
        _in_process[name] = kept
    return kept[1]


def _key(request) -> str:
    # French pages have their own URLs, but the language goes into the key as
    # well: a page whose language does not show in its URL (the admin's way,
    # or any language-neutral address) must still never reach another reader.
    path = request.get_full_path().encode("utf-8", "surrogateescape")
    digest = hashlib.sha256(request.get_host().encode() + b"|" + path).hexdigest()
    return f"page:{getattr(request, 'LANGUAGE_CODE', '')}:{digest}"


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or settings.PAGE_CACHE_SECONDS <= 0:
        return False
    if request.path.startswith(EXCLUDED_PREFIXES):
        return False
    # A session or a pending message makes the page this reader's own.
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    return not request.user.is_authenticated


def _cacheable_response(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # The page holds a CSRF token, which belongs to this reader alone.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "no-store" not in response.get("Cache-Control", "")
    )


class _LocalPages:
    """The pages this process served last, each as stored in the shared cache.

    A copy is served only under the content version the shared cache holds
    now, and only until the shared copy expires, so it is never staler than
    the shared one. What it saves is fetching the page again on every hit:
    the home page is 110 KB, and its transfer from Redis made it the slowest
    cached page.
    """

    def __init__(self, max_bytes: int, max_pages: int = LOCAL_PAGES):
        self.max_bytes, self.max_pages, self.size = max_bytes, max_pages, 0
        self.pages: OrderedDict[str, tuple] = OrderedDict()
        # runserver and threaded servers share the process.
        self.lock = threading.Lock()

    def get(self, key: str) -> tuple | None:
        with self.lock:
            stored = self.pages.get(key)
            if stored is not None:
                self.pages.move_to_end(key)
            return stored

    def put(self, key: str, stored: tuple) -> None:
        size = len(stored[1])
        if size > self.max_bytes:
            return
        with self.lock:
            if (old := self.pages.pop(key, None)) is not None:
                self.size -= len(old[1])
            self.pages[key] = stored
            self.size += size
            while self.size > self.max_bytes or len(self.pages) > self.max_pages:
                _, dropped = self.pages.popitem(last=False)
                self.size -= len(dropped[1])


_local = _LocalPages(LOCAL_BYTES)


def _fresh(stored, current: int) -> bool:
    # (version, content, status, headers, expires): the version the page was
    # rendered under, and when the shared copy expires (epoch seconds). Pages
    # stored in another shape, by an earlier release, are rendered anew.
    return (
        isinstance(stored, tuple)
        and len(stored) == 5
        and stored[0] == current
        and time.time() < stored[4]
    )


class AnonymousPageCacheMiddleware:
    """Serves anonymous readers a stored copy of the page while content is unchanged."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        local = _local.get(key)
        if local is not None:
            # Only the version from the shared cache, a few bytes; the page
            # again only if another server has rendered it anew since.
            current = version()
            stored = local if _fresh(local, current) else cache.get(key)
        else:
            # The content version and the page in one round trip: a stored page
            # carries the version it was rendered under, and any other is stale.
            found = cache.get_many([VERSION_KEY, key])
            counters.already_read(VERSION_KEY, found.get(VERSION_KEY))
            current = version()
            stored = found.get(key)
        if _fresh(stored, current):
            if stored is not local:
                _local.put(key, stored)
            _, content, status, headers, _expires = stored
            response = HttpResponse(content, status=status)
            for name, value in headers.items():
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        began = timezone.now()  # as in remember()
        response = self.get_response(request)
        if _cacheable_response(request, response):
            seconds = timeout(began)
            if seconds > 0:
                headers = {h: response[h] for h in KEPT_HEADERS if h in response}
                stored = (
                    current,
                    response.content,
                    response.status_code,
                    headers,
                    time.time() + seconds,
                )
                cache.set(key, stored, seconds)
                _local.put(key, stored)
            response["X-Page-Cache"] = "miss"
        return response
