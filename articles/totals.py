"""Numbers every reader sees the same, kept while content is unchanged.

Each is one query over the whole archive (30-360 ms at 100,000 articles),
so each is kept in the shared cache under the content version, never past
the next scheduled publication (``pagecache.remember``).
"""

from . import pagecache
from .models import Article, District, Photo, Quote


def public_articles() -> int:
    """How many articles readers can see: the unfiltered archive list's count."""
    return pagecache.remember("totals:articles", Article.objects.published().count)


def public_quotes() -> int:
    """How many quotes readers can see: the unfiltered quote index's count."""
    return pagecache.remember("totals:quotes", Quote.objects.public().count)


def public_photos() -> int:
    """How many photos readers can see: the unfiltered gallery's count."""
    return pagecache.remember("totals:photos", Photo.objects.public().count)


def public_articles_by_place() -> dict[int, int]:
    """Public articles filed under each district, counting the places within it."""
    return pagecache.remember("totals:by-place", District.objects.public_article_counts)


def is_filtered(request) -> bool:
    """Whether the reader asked for anything but a page of the whole list."""
    return any(value for name, value in request.GET.items() if name not in ("page", "page_size"))
