"""CSV exports of the current article and quote lists, for researchers."""

import csv

from django.http import StreamingHttpResponse

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


def _csv_response(filename: str, header: list[str], rows) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([_cell(v) for v in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def articles_csv(request):
    """The filtered archive list as CSV (same filters as /articles/)."""
    filterset, articles = filtered_articles(request)
    rows = (
        [
            a.pk,
            a.published_at.isoformat(),
            a.headline,
            a.source.domain if a.source else "",
            "; ".join(d.name for d in a.places),
            a.byline,
            a.language,
            request.build_absolute_uri(a.get_absolute_url()),
        ]
        for a in articles.iterator(chunk_size=500)
    )
    header = ["id", "published_at", "headline", "source", "districts", "byline", "language", "url"]
    return _csv_response("articles.csv", header, rows)


def quotes_csv(request):
    """The filtered quote list as CSV (same filters as /quotes/)."""
    filterset, quotes = filtered_quotes(request)
    rows = (
        [
            q.pk,
            q.said_on.isoformat() if q.said_on else "",
            q.text,
            q.speaker.name if q.speaker else "",
            q.speaker.description if q.speaker else "",
            q.district.name if q.district else "",
            request.build_absolute_uri(q.article.get_absolute_url()),
        ]
        for q in quotes.iterator(chunk_size=500)
    )
    header = ["id", "said_on", "text", "speaker", "speaker_description", "district", "article"]
    return _csv_response("quotes.csv", header, rows)
