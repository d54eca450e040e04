"""CSV exports of the current article and quote lists, for researchers.

An export streams one page of at most ``ARCHIVE_EXPORT_MAX_ROWS`` rows
(``?page=2`` for the next), so no response holds a worker for long; the
``Link`` header names the other pages and ``X-Total-Count`` the list's size.
Each client may export ``EXPORT_RATE_ROWS`` rows per ``EXPORT_RATE_WINDOW``,
so a few clients downloading in a loop cannot keep the workers from readers.
"""

import csv
import math

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.utils.translation import gettext as _

from articles import ratelimit
from articles.pagination import list_count, page_number

from .archive import filtered_articles
from .collections import filtered_quotes


class _Echo:
    def write(self, value):
        return value


def _cell(value):
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _page_url(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _csv_response(request, name: str, header: list[str], queryset, row) -> HttpResponse:
    """One page of ``queryset`` as CSV, ``row`` turning each record into its cells."""
    number = page_number(request.GET.get("page", "1"))
    if number is None or number < 1:
        return HttpResponseBadRequest(
            _("The page must be a whole number from 1."), content_type="text/plain; charset=utf-8"
        )
    key = f"exports:{ratelimit.client_address(request)}"
    window = settings.EXPORT_RATE_WINDOW
    if ratelimit.count(key, window) >= settings.EXPORT_RATE_ROWS:
        response = HttpResponse(
            _("You have exported many rows in a short time. Try again in %(minutes)d minutes.")
            % {"minutes": max(1, window // 60)},
            content_type="text/plain; charset=utf-8",
            status=429,
        )
        response["Retry-After"] = str(window)
        return response

    size = settings.ARCHIVE_EXPORT_MAX_ROWS
    total = list_count(request, queryset)
    pages = max(1, math.ceil(total / size))
    start = (number - 1) * size
    # A page past the end reads nothing: its offset may be past any integer the database takes.
    records = queryset[start : start + size].iterator(chunk_size=500) if number <= pages else ()
    ratelimit.hit(key, window, amount=max(1, min(size, total - start)))

    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(header)
        for record in records:
            yield writer.writerow([_cell(v) for v in row(record)])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    filename = f"{name}.csv" if pages == 1 else f"{name}-page-{number}-of-{pages}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Total-Count"] = str(total)
    links = {"first": 1, "last": pages}
    if 1 < number <= pages + 1:
        links["prev"] = number - 1
    if number < pages:
        links["next"] = number + 1
    response["Link"] = ", ".join(
        f'<{_page_url(request, page)}>; rel="{rel}"' for rel, page in links.items()
    )
    return response


def articles_csv(request):
    """The filtered archive list as CSV (same filters as /articles/), a page at a time."""
    filterset, articles = filtered_articles(request)
    header = ["id", "published_at", "headline", "source", "districts", "byline", "language", "url"]
    return _csv_response(
        request,
        "articles",
        header,
        articles,
        lambda a: [
            a.pk,
            a.published_at.isoformat(),
            a.headline,
            a.source.domain if a.source else "",
            "; ".join(d.name for d in a.places),
            a.byline,
            a.language,
            request.build_absolute_uri(a.get_absolute_url()),
        ],
    )


def quotes_csv(request):
    """The filtered quote list as CSV (same filters as /quotes/), a page at a time."""
    filterset, quotes = filtered_quotes(request)
    header = ["id", "said_on", "text", "speaker", "speaker_description", "district", "article"]
    return _csv_response(
        request,
        "quotes",
        header,
        quotes,
        lambda q: [
            q.pk,
            q.said_on.isoformat() if q.said_on else "",
            q.text,
            q.speaker.name if q.speaker else "",
            q.speaker.description if q.speaker else "",
            q.district.name if q.district else "",
            request.build_absolute_uri(q.article.get_absolute_url()),
        ],
    )
