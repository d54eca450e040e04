"""Numbers every reader sees the same, kept while content is unchanged.

Each is one query over the whole archive, or over one place's share of it
(30-360 ms at 100,000 articles), so each is kept in the shared cache under
the content version, never past the next scheduled publication
(``pagecache.remember``).
"""

from django.db.models import Subquery
from django.db.models.lookups import In

from . import pagecache
from .models import Article, District, Filing, Photo, Quote
from .models.articles import Unindexed
from .places import place_ids


def public_articles() -> int:
    """How many articles readers can see: the unfiltered archive list's count."""
    return pagecache.remember("totals:articles", lambda: Article.objects.published().count())


def public_articles_by_place() -> dict[int, int]:
    """Public articles filed under each district, counting the places within it."""
    return pagecache.remember("totals:by-place", District.objects.public_article_counts)


def share_of_archive(ids) -> float:
    """About what share of public articles these places are filed under (at most 1)."""
    counts = public_articles_by_place()
    return min(sum(counts.get(pk, 0) for pk in ids) / max(public_articles(), 1), 1.0)


def is_filtered(request) -> bool:
    """Whether the reader asked for anything but a page of the whole list."""
    return bool(_asked(request))


def kept_count(request, filterset, name: str, selected) -> int | None:
    """The size of a list, had without counting the list itself; None to count it live.

    The whole list (``name``: "articles", "quotes" or "photos"), or the list of
    some places under any spelling, has the same size for everyone until
    content changes: a quote index of one common place cost 35 ms to count at
    100,000. A place's articles within dates are counted from the links
    (``dated_count``). Lists filtered otherwise (words, source,
    language), or not at all because the filters are wrong, are counted as
    they are asked.
    """
    asked = _asked(request)
    if not asked:
        return WHOLE[name]()
    if "district" not in asked or not filterset.is_valid():
        return None
    ids = place_ids(filterset.form.cleaned_data["district"])
    if asked == {"district"}:
        key = ",".join(str(pk) for pk in sorted(ids))
        return pagecache.remember(f"totals:{name}:places:{key}", selected.count)
    # A place typed blank (" ", ",") names none, and filters nothing.
    if ids and name == "articles" and asked <= {"district", "date_after", "date_before"}:
        return dated_count(ids, *filterset.bounds())
    return None


def dated_count(ids, start, end) -> int:
    """Public articles filed under these places from ``start`` until ``end`` (either
    may be None), counted from the links' copies of their dates.

    Each link carries its article's date (``Filing``, migrations 0014 and
    0015), so the links of a month of a place come from one index on (place,
    date): for Kalbajar and the places within it at 100,000 articles, 349
    links. The month's public articles come from the index on (status,
    date), tested against those links by id, unindexed so that SQLite does
    not look up each article's row instead (two thirds slower, 1,351 rows of
    full articles through its page cache). Before: PostgreSQL hashed all
    23,500 links of the places (2.7 ms); SQLite probed the links of each of
    the month's articles (1.1 ms; now 0.3 ms).
    """
    links = Filing.objects.filter(district_id__in=ids)
    articles = Article.objects.published()
    if start:
        links = links.filter(published_at__gte=start)
        articles = articles.filter(published_at__gte=start)
    if end:
        links = links.filter(published_at__lt=end)
        articles = articles.filter(published_at__lt=end)
    return articles.filter(In(Unindexed("id"), Subquery(links.values("article_id")))).count()


def _asked(request) -> set[str]:
    # Every value of every parameter, as the filters read them: a repeated
    # ?district=X&district= filters by X though its last value is empty.
    return {
        name
        for name, values in request.GET.lists()
        if name not in PAGING and any(value for value in values)
    }


PAGING = ("page", "page_size")

# The whole lists, counted from their own querysets, never from a filtered one.
WHOLE = {
    "articles": public_articles,
    "quotes": lambda: pagecache.remember("totals:quotes", lambda: Quote.objects.public().count()),
    "photos": lambda: pagecache.remember("totals:photos", lambda: Photo.objects.public().count()),
}
