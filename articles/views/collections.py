"""The quote index and the photo gallery, with the archive's place and date filters."""

from django.shortcuts import render

from articles.filters import PhotoFilter, QuoteFilter
from articles.models import Photo, Quote
from articles.pagination import paginate


def filtered_quotes(request):
    filterset = QuoteFilter(request.GET or None, queryset=Quote.objects.public())
    if filterset.is_bound and not filterset.is_valid():
        return filterset, Quote.objects.none()
    quotes = filterset.qs.select_related("speaker", "article", "district").order_by(
        "-article__published_at", "id"
    )
    return filterset, quotes


def filtered_photos(request):
    filterset = PhotoFilter(request.GET or None, queryset=Photo.objects.public())
    if filterset.is_bound and not filterset.is_valid():
        return filterset, Photo.objects.none()
    photos = (
        filterset.qs.select_related("article", "district")
        .prefetch_related("captions")
        .order_by("-article__published_at", "-id")
    )
    return filterset, photos


def quote_list(request):
    """Quotes from public articles. Template: articles/quote_list.html."""
    filterset, quotes = filtered_quotes(request)
    page, page_message = paginate(request, quotes)
    return render(
        request,
        "articles/quote_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "quotes": page.object_list,
            "page_message": page_message,
        },
    )


def photo_list(request):
    """Photos of public articles. Template: articles/photo_list.html."""
    filterset, photos = filtered_photos(request)
    page, page_message = paginate(request, photos)
    return render(
        request,
        "articles/photo_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "photos": page.object_list,
            "page_message": page_message,
        },
    )
