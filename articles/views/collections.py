"""The quote index and the photo gallery, with the archive's place and date filters."""

from django.shortcuts import render

from articles import filters
from articles.filters import PhotoFilter, QuoteFilter
from articles.models import Photo, Quote
from articles.pagination import paginate


def filtered_quotes(request):
    """Public quotes through QuoteFilter; shared by the page, the API and the CSV export."""
    filterset, quotes = filters.apply(QuoteFilter, request, Quote.objects.public())
    quotes = quotes.select_related("speaker", "article", "district")
    return filterset, quotes.order_by("-article__published_at", "id")


def filtered_photos(request):
    """Public photos through PhotoFilter; shared by the page and the API."""
    filterset, photos = filters.apply(PhotoFilter, request, Photo.objects.public())
    photos = photos.select_related("article", "district").prefetch_related("captions")
    return filterset, photos.order_by("-article__published_at", "-id")


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
