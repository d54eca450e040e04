"""Places: the gazetteer grouped by region, and one place with its coverage."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from articles import coverage, freshness
from articles.filters import ArticleFilter
from articles.models import Article, District, Photo, Quote
from articles.pagination import PAGING, paginate
from articles.places import place_ids


def article_counts() -> dict[int, int]:
    """Public articles filed under each place, counting the places within it."""
    return freshness.remember("articles-by-place", District.objects.public_article_counts)


def district_list(request):
    """Regions, their districts, and the places within each, with every alias.

    Template: articles/district_list.html. Context: groups [(heading, [place])], each
    place with .article_count and .places_within.
    """
    places = list(District.objects.select_related("parent").prefetch_related("aliases"))
    counts = article_counts()
    regions = [p for p in places if p.kind == District.Kind.REGION]
    districts = [p for p in places if p.kind == District.Kind.DISTRICT]
    within: dict[int, list[District]] = {}
    for place in places:
        if place.kind in (District.Kind.SETTLEMENT, District.Kind.LANDMARK) and place.parent_id:
            within.setdefault(place.parent_id, []).append(place)
    for district in districts:
        district.article_count = counts.get(district.pk, 0)
        district.places_within = within.get(district.pk, [])
    for region in regions:
        region.article_count = counts.get(region.pk, 0)
    # Regions first; then the districts of each region, then those of none.
    groups = [(_("Regions"), regions)]
    groups += [(r.name, [d for d in districts if d.parent_id == r.pk]) for r in regions]
    groups.append((_("Districts"), [d for d in districts if d.parent_id is None]))
    return render(
        request, "articles/district_list.html", {"groups": [(t, ds) for t, ds in groups if ds]}
    )


def district_detail(request, slug: str):
    """A place, its names, its timeline, and its public articles, quotes and photos.

    Template: articles/district_detail.html. The date filter of the archive
    list applies (date_after, date_before) to the lists; the coverage chart
    always shows the whole range.
    """
    district = get_object_or_404(
        District.objects.select_related("parent").prefetch_related("aliases"), slug=slug
    )
    ids = place_ids([district.name])
    filed = Article.objects.published().filed_under(ids)
    filterset = ArticleFilter(request.GET or None, queryset=filed)
    valid = not filterset.is_bound or filterset.is_valid()
    articles = filterset.qs.for_listing() if valid else Article.objects.none()
    page, page_message = paginate(request, articles)
    quotes = Quote.objects.public().filter(district__in=ids)
    photos = Photo.objects.public().filter(district__in=ids)
    if valid and any(name not in PAGING for name in request.GET):
        # The reader's filters (dates, words, language) choose the articles too.
        quotes = quotes.filter(article__in=filterset.qs)
        photos = photos.filter(article__in=filterset.qs)
    quotes = quotes.select_related("speaker", "article").order_by("-article__published_at", "id")
    photos = photos.prefetch_related("captions").order_by("-article__published_at", "-id")
    events = district.events.all()
    return render(
        request,
        "articles/district_detail.html",
        {
            "district": district,
            "places_within": District.objects.filter(parent=district),
            "events": events,
            "coverage": coverage.place_chart(district, events),
            "filter": filterset,
            "page_obj": page,
            "articles": page.object_list,
            "page_message": page_message,
            "quotes": quotes[:10],
            "photos": photos[:8],
        },
    )
