"""Numbers every reader sees the same, kept while content is unchanged.

Each is one query over the whole archive, or over one place's share of it
(30-360 ms at 100,000 articles), so each is kept in the shared cache under
the content version, never past the next scheduled publication
(``pagecache.remember``).
"""

from . import pagecache
from .models import Article, District, Photo, Quote
from .places import place_ids


def public_articles() -> int:
    """How many articles readers can see: the unfiltered archive list's count."""
    return pagecache.remember("totals:articles", Article.objects.published().count)


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
    """The size of a list that every reader shares, or None to count it live.

    The whole list (``name``: "articles", "quotes" or "photos"), or the list of
    some places under any spelling, has the same size for everyone until
    content changes: a quote index of one common place cost 35 ms to count at
    100,000. Lists filtered otherwise (dates, words, language), or not at all
    because the filters are wrong, are counted as they are asked.
    """
    asked = _asked(request)
    if not asked:
        return WHOLE[name]()
    if asked != {"district"} or not filterset.is_valid():
        return None
    ids = ",".join(str(pk) for pk in sorted(place_ids(filterset.form.cleaned_data["district"])))
    return pagecache.remember(f"totals:{name}:places:{ids}", selected.count)


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
    "quotes": lambda: pagecache.remember("totals:quotes", Quote.objects.public().count),
    "photos": lambda: pagecache.remember("totals:photos", Photo.objects.public().count),
}
