"""The read-only JSON API: the archive's lists, with the same FilterSets as the pages."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.urls import reverse

from articles.models import Article, District, Person, Source
from articles.pagination import MAX_DEPTH, list_count, page_number
from articles.places import Place

from .archive import filtered_articles
from .collections import filtered_photos, filtered_quotes

MAX_PAGE_SIZE = 100


def _paginated(request, filterset, items, serialize):
    """One page of ``items`` as JSON, counted as the pages count their lists."""
    if filterset is not None and filterset.is_bound and not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)
    page = page_number(request.GET.get("page", 1))
    size = page_number(request.GET.get("page_size", 20))
    if page is None or size is None:
        return JsonResponse(
            {"errors": {"page": [{"message": "Must be a whole number."}]}}, status=400
        )
    if page < 1 or not 1 <= size <= MAX_PAGE_SIZE:
        return JsonResponse(
            {"errors": {"page": [{"message": f"page ≥ 1 and 1 ≤ page_size ≤ {MAX_PAGE_SIZE}."}]}},
            status=400,
        )
    start = (page - 1) * size
    count = list_count(request, items)
    if MAX_DEPTH <= start < count:
        # As the pages do: a deep OFFSET costs the database more the deeper it goes.
        message = f"Lists go {MAX_DEPTH} items deep; narrow them with the date filters."
        return JsonResponse({"errors": {"page": [{"message": message}]}}, status=400)
    # Past the end there is nothing to fetch; asking the database anyway would
    # pass an OFFSET too large for it (page=10**20 overflowed SQLite: a 500).
    rows = list(items[start : start + size]) if start < count else []

    def link(number: int) -> str:
        params = request.GET.copy()
        params["page"] = number
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return JsonResponse(
        {
            "count": count,
            "next": link(page + 1) if page * size < min(count, MAX_DEPTH) else None,
            "previous": link(page - 1) if page > 1 and count else None,
            "results": [serialize(request, row) for row in rows],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def district_ref(district: District | Place) -> dict:
    return {"slug": district.slug, "name": district.name}


def article_json(request, article: Article) -> dict:
    return {
        "id": article.pk,
        "headline": article.headline,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "published_at": article.published_at.isoformat(),
        "section": article.section,
        "summary": article.summary,
        "byline": article.byline,
        "language": article.language,
        "source": article.source.domain if article.source else None,
        "districts": [district_ref(d) for d in article.places],
    }


def articles(request):
    filterset, items = filtered_articles(request)
    return _paginated(request, filterset, items, article_json)


def quotes(request):
    filterset, items = filtered_quotes(request)

    def serialize(request, quote):
        return {
            "id": quote.pk,
            "text": quote.text,
            "speaker": quote.speaker.name if quote.speaker else None,
            "speaker_description": quote.speaker_description or None,
            "district": district_ref(quote.district) if quote.district else None,
            "article": request.build_absolute_uri(quote.article.get_absolute_url()),
            "said_on": quote.said_on.isoformat() if quote.said_on else None,
        }

    return _paginated(request, filterset, items, serialize)


def photos(request):
    filterset, items = filtered_photos(request)

    def serialize(request, photo):
        return {
            "id": photo.pk,
            "credit": photo.credit,
            "captions": {c.language: c.text for c in photo.captions.all()},
            "image": request.build_absolute_uri(photo.image.url) if photo.image else None,
            "district": district_ref(photo.district) if photo.district else None,
            "article": request.build_absolute_uri(photo.article.get_absolute_url()),
        }

    return _paginated(request, filterset, items, serialize)


def districts(request):
    items = District.objects.select_related("parent").prefetch_related("aliases")

    def serialize(request, district):
        return {
            "slug": district.slug,
            "name": district.name,
            "kind": district.kind,
            "parent": district.parent.slug if district.parent else None,
            "aliases": [a.name for a in district.aliases.all()],
            "url": request.build_absolute_uri(district.get_absolute_url()),
            "api_articles": request.build_absolute_uri(
                reverse("api-articles") + f"?district={district.slug}"
            ),
        }

    return _paginated(request, None, items, serialize)


def people(request):
    """People with public quotes, by name."""
    items = Person.objects.public().for_listing()

    def serialize(request, person):
        return {
            "slug": person.slug,
            "name": person.name,
            "description": person.latest_description,
            "kind": person.kind,
            "quotes": person.quote_count,
            "url": request.build_absolute_uri(person.get_absolute_url()),
        }

    return _paginated(request, None, items, serialize)


def sources(request):
    """Sources of public articles, by name."""
    items = Source.objects.public().with_article_counts()

    def serialize(request, source):
        return {
            "slug": source.slug,
            "name": source.name,
            "domain": source.domain,
            "kind": source.kind,
            "articles": source.article_count,
            "url": request.build_absolute_uri(source.get_absolute_url()),
            "api_articles": request.build_absolute_uri(
                reverse("api-articles") + "?" + urlencode({"source": source.domain})
            ),
        }

    return _paginated(request, None, items, serialize)
