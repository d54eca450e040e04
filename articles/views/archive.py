"""The archive list with its filters, and browsing by date."""

import calendar
import datetime

from django.db.models import Count
from django.db.models.functions import TruncDate, TruncMonth
from django.http import Http404
from django.shortcuts import render
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _

from articles import filters, freshness
from articles.filters import ArticleFilter, start_of
from articles.models import Article
from articles.pagination import PAGING, paginate


def filtered_articles(request):
    """The archive's FilterSet over public articles, and what it selects.

    Shared by the HTML list, the JSON API and the CSV export.
    """
    filterset, articles = filters.apply(ArticleFilter, request, Article.objects.published())
    return filterset, articles.for_listing()


def article_list(request):
    """Every public article, newest first, filtered by place, date, source, language and words.

    Template: articles/article_list.html.
    """
    filterset, articles = filtered_articles(request)
    page, page_message = paginate(request, articles)
    return render(
        request,
        "articles/article_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "articles": page.object_list,
            "page_message": page_message,
            "is_filtered": any(name not in PAGING for name in request.GET),
        },
    )


def valid_date(year: int, month: int = 1, day: int = 1) -> datetime.date:
    """The date a URL names, or 404.

    Years 1 and 9999 are refused too: the day after a period there, or its
    midnight moved to UTC for the database, falls outside what a datetime can
    hold (OverflowError, a 500). No archived coverage is dated in either year.
    """
    if not datetime.MINYEAR < year < datetime.MAXYEAR:
        raise Http404(_("No such date."))
    try:
        return datetime.date(year, month, day)
    except (ValueError, OverflowError):  # OverflowError: a month or day past C long
        raise Http404(_("No such date.")) from None


def _month_counts(articles) -> dict[datetime.date, int]:
    """How many of ``articles`` each month holds, keyed by the month's first day."""
    counted = (
        articles.annotate(month=TruncMonth("published_at"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    # TruncMonth gives a datetime on some databases and a date on others.
    return {_as_date(row["month"]): row["n"] for row in counted}


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _year_grid(year: int, counts: dict[datetime.date, int]) -> list[tuple[datetime.date, int]]:
    """All twelve months of a year with their counts, empty months included."""
    return [
        (month, counts.get(month, 0))
        for month in (datetime.date(year, number, 1) for number in range(1, 13))
    ]


def archive_index(request):
    """Every year of coverage, each a grid of its months with their counts.

    Template: articles/archive_index.html.
    """
    # The same for every reader, and a count over the whole archive.
    counts = freshness.remember(
        "archive:all-months", lambda: _month_counts(Article.objects.published())
    )
    years = sorted({month.year for month in counts}, reverse=True)
    return render(
        request,
        "articles/archive_index.html",
        {
            "years": [
                (
                    year,
                    sum(n for m, n in counts.items() if m.year == year),
                    _year_grid(year, counts),
                )
                for year in years
            ],
        },
    )


def archive_year(request, year: int):
    """The months of a year with their article counts. Template: articles/archive_year.html."""
    first = valid_date(year)
    start, end = start_of(first), start_of(datetime.date(year + 1, 1, 1))
    published = Article.objects.published()
    # The same for every reader, and a count over a whole year.
    counts = freshness.remember(
        f"archive:month-counts:{year}",
        lambda: _month_counts(published.filter(published_at__gte=start, published_at__lt=end)),
    )
    return render(
        request,
        "articles/archive_year.html",
        {
            "year": year,
            "months": _year_grid(year, counts) if counts else [],
            "total": sum(counts.values()),
            "previous": published.filter(published_at__lt=start).order_by("-published_at").first(),
            "next": published.filter(published_at__gte=end).order_by("published_at").first(),
        },
    )


def archive_month(request, year: int, month: int):
    """A month as a calendar of daily counts, with its articles.

    Template: articles/archive_month.html.
    """
    first = valid_date(year, month)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return _archive_period(request, first, following, "articles/archive_month.html")


def archive_day(request, year: int, month: int, day: int):
    """One day's articles. Template: articles/archive_day.html."""
    first = valid_date(year, month, day)
    return _archive_period(
        request, first, first + datetime.timedelta(days=1), "articles/archive_day.html"
    )


def _day_cell(first: datetime.date, number: int, counts: dict) -> tuple[datetime.date, int]:
    date = first.replace(day=number)
    return date, counts.get(date, 0)


def _archive_period(request, first: datetime.date, following: datetime.date, template: str):
    start, end = start_of(first), start_of(following)
    published = Article.objects.published()
    in_period = published.filter(published_at__gte=start, published_at__lt=end)

    def days():
        counted = in_period.annotate(day=TruncDate("published_at")).values("day")
        return {row["day"]: row["n"] for row in counted.annotate(n=Count("id"))}

    # The same for every reader; the period's total is their sum.
    day_counts = freshness.remember(f"archive:days:{first}:{following}", days)
    page, page_message = paginate(request, in_period.for_listing())
    weeks = [
        [_day_cell(first, d, day_counts) if d else None for d in week]
        for week in calendar.Calendar().monthdayscalendar(first.year, first.month)
    ]
    return render(
        request,
        template,
        {
            "day": first,
            "current_day": first if template.endswith("_day.html") else None,
            "month": first.replace(day=1),
            "weeks": weeks,
            "total": sum(day_counts.values()),
            "page_obj": page,
            "articles": page.object_list,
            "page_message": page_message,
            "previous": published.filter(published_at__lt=start).order_by("-published_at").first(),
            "next": published.filter(published_at__gte=end).order_by("published_at").first(),
            # Django's names, in the reader's language (Python's calendar follows the OS locale).
            "weekdays": [WEEKDAYS_ABBR[d] for d in calendar.Calendar().iterweekdays()],
        },
    )
