"""Whole pages for anonymous readers, kept in Django's cache under the content generation.

A page is stored whole (the response with all its headers), one copy per
address, with the content generation read when its rendering began
(``articles.freshness``): it is served while that generation is current, so a
change committed while it rendered retires it too. Only what is the same for
every reader is kept: no editor, no session or pending message, no form with a
CSRF token, no cookie set.

A change retires every page at once, so after it every address must be
rendered again. One request per address renders it; readers who ask for the
same address meanwhile get the page it replaces, and after changes that only
added they get it for PAGE_CACHE_ADDITIONS_SECONDS, so frequent writes (an
import) do not make every reader's page render again after each one. Never
if anything was withdrawn since that page was rendered
(``freshness.withdrawal``): after an edit, an unpublish or a delete readers
get a page rendered afterwards, so nothing taken away is ever shown again.

Browsers and shared caches in front (a reverse proxy) are told the same: a
shared page is public for PUBLIC_CACHE_SECONDS with an ETag made from the
generation and the address, so a revalidation of an unchanged page is a 304
from one cache read; everything else is private and never stored.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import parse_etags

from . import freshness

# Editors' tools, files served with their own caching, and the health check,
# which must reflect the database now.
EXCLUDED_PREFIXES = ("/admin/", "/media/", "/healthz", "/static/")
# How long a request may hold the right to render a page before another may
# take it over (if the first one died); a render takes far less.
RENDERING_SECONDS = 10


class Kept(NamedTuple):
    """A stored page, with what it was rendered under. One entry per address,
    replaced by each rendering, so the cache holds one page per address however
    often content changes."""

    generation: str
    withdrawal: str
    began: datetime.datetime
    response: HttpResponse


def page_address(request) -> str:
    # French pages have their own URLs, but the language goes into the key as
    # well: a page whose language does not show in its URL must still never
    # reach a reader of the other language.
    address = f"{request.get_host()}|{request.get_full_path()}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"{getattr(request, 'LANGUAGE_CODE', '')}:{digest}"


def page_etag(generation: str, address: str) -> str:
    """The page's validator, known before it is rendered: the same address under the
    same content generation is the same page."""
    digest = hashlib.sha256(f"{generation}|{address}".encode()).hexdigest()[:32]
    return f'W/"{digest}"'


def is_shared_request(request) -> bool:
    """Whether this request may be answered with, or fill, a page every reader shares."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(EXCLUDED_PREFIXES):
        return False
    # A session or a pending message makes the page this reader's own.
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    return not request.user.is_authenticated


def is_shared_response(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.cookies
        # The page holds a CSRF token, which belongs to this reader alone.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "no-store" not in response.get("Cache-Control", "")
        and "private" not in response.get("Cache-Control", "")
    )


def shared(response, etag: str):
    """Mark a page every reader shares as such, for browsers and shared caches alike."""
    response["ETag"] = etag
    seconds = settings.PUBLIC_CACHE_SECONDS
    response["Cache-Control"] = f"public, max-age={seconds}, s-maxage={seconds}"
    return response


def personal(response):
    """Keep a page that is one reader's own (a session, a message, a form with a CSRF
    token, the admin) out of every cache, unless its view said how to cache it."""
    if "Cache-Control" not in response:
        response["Cache-Control"] = "private, no-store"
    return response


class PageCacheMiddleware:
    """Serves anonymous readers the stored page while content is unchanged, tells
    browsers and proxies how long they may keep it, and answers a revalidation of an
    unchanged page with 304 from one cache read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_shared_request(request):
            return personal(self.get_response(request))
        generation = freshness.generation()
        address = page_address(request)
        etag = page_etag(generation, address)
        if etag in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
            return shared(HttpResponseNotModified(), etag)
        if settings.PAGE_CACHE_SECONDS <= 0:
            return self.respond(self.get_response(request), request, etag)
        key = f"page:{address}"
        kept = cache.get(key)
        if kept is not None and kept.generation == generation:
            kept.response["X-Page-Cache"] = "hit"
            return kept.response
        # After changes that only added, a page is shown as it was for a few
        # seconds: an import writing every second still renders each page once
        # in that time, not after every write. Never if anything was withdrawn
        # since it was rendered: then every reader gets a page rendered afterwards.
        if kept is None or kept.withdrawal != freshness.withdrawal():
            return self.render(request, key, generation, etag)
        wait = datetime.timedelta(seconds=settings.PAGE_CACHE_ADDITIONS_SECONDS)
        if timezone.now() - kept.began < wait:
            return stale(kept.response)
        # One request renders the page again; the others get it as it was meanwhile.
        rendering = f"page-rendering:{generation}:{address}"
        if not cache.add(rendering, True, RENDERING_SECONDS):
            return stale(kept.response)
        try:
            return self.render(request, key, generation, etag)
        finally:
            cache.delete(rendering)

    def render(self, request, key: str, generation: str, etag: str):
        # Read before anything is rendered: a withdrawal committed later moves
        # it on, so this page is never shown in place of a newer one after that.
        withdrawal = freshness.withdrawal()
        began = timezone.now()
        response = self.respond(self.get_response(request), request, etag)
        # A streamed export is shared too, but too long to keep whole.
        if response.get("ETag") == etag and not response.streaming:
            seconds = freshness.seconds_fresh(settings.PAGE_CACHE_SECONDS, began)
            if seconds > 0:
                cache.set(key, Kept(generation, withdrawal, began, response), seconds)
            response["X-Page-Cache"] = "miss"
        return response

    def respond(self, response, request, etag: str):
        """The rendered response, marked shared or personal."""
        if is_shared_response(request, response):
            return shared(response, etag)
        return personal(response)


def stale(response):
    response["X-Page-Cache"] = "stale"
    return response
