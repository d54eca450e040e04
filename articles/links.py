"""URLs of the archive's records, reversed once and remembered.

A list page links every teaser to its article and its places, and each
``reverse()`` costs about 40 microseconds of URL-pattern matching: a tenth of
an uncached list page. What a name and its arguments reverse to depends only
on the URLconf, the script prefix and the language (the /fr/ prefix), so
those are part of the key and nothing ever needs to be forgotten; the size
bound keeps a long-running worker's memory flat.
"""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


def url(viewname: str, **kwargs) -> str:
    """``reverse(viewname, kwargs=kwargs)``, remembered."""
    return _reversed(
        viewname,
        tuple(kwargs.items()),
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
        get_language(),
    )


@functools.lru_cache(maxsize=20_000)
def _reversed(viewname, kwargs, urlconf, script_prefix, language) -> str:
    return reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))
