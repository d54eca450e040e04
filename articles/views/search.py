"""Search: a place under any spelling, and full-text search ranked with snippets."""

from django.shortcuts import render

from articles import search
from articles.filters import ArticleFilter
from articles.models import Article, District
from articles.pagination import MAX_PAGES, PER_PAGE, page_number
from articles.places import gazetteer, place_ids


def search_page(request):
    """Search results. Template: search.html.

    When ``q`` names a place, the place is named with its other spellings and
    its coverage is listed; otherwise full-text hits, ranked. Both are filtered
    by the archive's place and date filters.
    """
    query = request.GET.get("q", "")[:200].strip()
    data = request.GET.copy()
    data.pop("q", None)
    filterset = ArticleFilter(data or None, queryset=Article.objects.published())
    valid = not filterset.is_bound or filterset.is_valid()
    base = filterset.qs if valid else Article.objects.none()

    place = gazetteer().resolve(query) if query else None
    district = (
        District.objects.prefetch_related("aliases").filter(pk=place.pk).first() if place else None
    )
    number = max(1, min(page_number(request.GET.get("page", 1)) or 1, MAX_PAGES))
    start = (number - 1) * PER_PAGE
    if district:
        # A place under any spelling: its coverage is what the reader asked for,
        # whichever spelling each article used.
        filed = base.filed_under(place_ids([district.name])).for_listing()
        total, more = filed.count(), False
        results = [(article, None) for article in filed[start : start + PER_PAGE]]
    else:
        matches = search.ranked(base, query, start, PER_PAGE) if query else search.Results(0, [])
        found = Article.objects.for_listing().in_bulk([hit.article_id for hit in matches.hits])
        results = [(found[h.article_id], h.snippet) for h in matches.hits if h.article_id in found]
        total, more = matches.total, matches.more
    pages = max(1, -(-total // PER_PAGE))
    return render(
        request,
        "search.html",
        {
            "query": query,
            "filter": filterset,
            "district": district,
            "results": results,
            "total": total,
            "more": more,
            "number": number,
            "pages": pages,
            "has_previous": number > 1,
            "has_next": number < pages,
            "searched_words": search.words(query),
        },
    )
