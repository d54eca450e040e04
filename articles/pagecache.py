"""Whole pages for anonymous readers, kept in Django's cache under the content generation.

A page is stored whole (the response with all its headers) under a key that
names the content generation read when its rendering began
(``articles.freshness``), so a change committed while it rendered retires it
too. Only what is the same for every reader is kept: no editor, no session or
pending message, no form with a CSRF token, no cookie set.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from . import freshness

# Editors' tools, files served with their own caching, and the health check,
# which must reflect the database now.
EXCLUDED_PREFIXES = ("/admin/", "/media/", "/healthz", "/static/")


def page_key(request, generation: str) -> str:
    # French pages have their own URLs, but the language goes into the key as
    # well: a page whose language does not show in its URL must still never
    # reach a reader of the other language.
    address = f"{request.get_host()}|{request.get_full_path()}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"page:{generation}:{getattr(request, 'LANGUAGE_CODE', '')}:{digest}"


def is_shared_request(request) -> bool:
    """Whether this request may be answered with, or fill, a page every reader shares."""
    if request.method not in ("GET", "HEAD") or settings.PAGE_CACHE_SECONDS <= 0:
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
        and not response.streaming
        and not response.cookies
        # The page holds a CSRF token, which belongs to this reader alone.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "no-store" not in response.get("Cache-Control", "")
        and "private" not in response.get("Cache-Control", "")
    )


class PageCacheMiddleware:
    """Serves anonymous readers the stored page while content is unchanged."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_shared_request(request):
            return self.get_response(request)
        key = page_key(request, freshness.generation())
        response = cache.get(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        began = timezone.now()
        response = self.get_response(request)
        if is_shared_response(request, response):
            seconds = freshness.seconds_fresh(settings.PAGE_CACHE_SECONDS, began)
            if seconds > 0:
                cache.set(key, response, seconds)
            response["X-Page-Cache"] = "miss"
        return response
