"""The coverage chart: its numbers are the archive's, and every cell leads to exactly them."""

import datetime
import re
import time
from collections import Counter

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from articles import coverage, synthetic
from articles.models import Article, District
from articles.places import gazetteer

pytestmark = pytest.mark.django_db

CELL_LINK = re.compile(
    r'<a href="(?P<href>[^"]+)"><title>[^<]*</title><rect[^>]*/><text[^>]*>(?P<n>\d+)</text></a>'
)


@pytest.fixture
def archive(db):
    """A small synthetic archive over six years, drafts included, and a scheduled article."""
    synthetic.generate(240)
    kalbajar = District.objects.get(name="Kalbajar")
    scheduled = Article.objects.create(
        headline="Synthetic scheduled",
        slug="synthetic-scheduled",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(days=2),
    )
    scheduled.districts.set([kalbajar])
    draft = Article.objects.create(
        headline="Synthetic draft",
        slug="synthetic-draft",
        status=Article.Status.DRAFT,
        published_at=timezone.make_aware(datetime.datetime(2020, 11, 25, 12)),
    )
    draft.districts.set([kalbajar])
    cache.clear()  # generate() moved the content version inside the test's transaction
    gazetteer()
    return kalbajar


def expected_counts(names, periods) -> dict[tuple[str, int], int]:
    """Counted the slow way, in Python: public articles per place (or a place within it)."""
    places = gazetteer()
    counts = Counter()
    for article in Article.objects.prefetch_related("districts"):
        if not article.is_public:
            continue
        day = timezone.localdate(article.published_at)
        filed = {d.name for d in article.districts.all()}
        filed |= {places.get(n).parent for n in filed if places.get(n).parent}
        for column, period in enumerate(periods):
            if period.first <= day <= period.last:
                for name in names:
                    counts[name, column] += name in filed
    return counts


def chart_cells(html: str) -> list[tuple[str, int]]:
    return [(m["href"], int(m["n"])) for m in CELL_LINK.finditer(html)]


def list_count(client, href: str) -> int:
    response = client.get(href)
    assert response.status_code == 200
    return response.context["page_obj"].paginator.count


def test_the_home_chart_counts_every_public_article_per_district_and_week(archive):
    chart = coverage.home_layout([])
    assert chart.unit == "articles per 8 weeks"
    assert len(chart.periods) <= coverage.MAX_COLUMNS
    periods = [period for period, _ in chart.periods]
    assert all(p.first.weekday() == 0 and p.last.weekday() == 6 for p in periods)
    names = [row.name for row in chart.rows]
    expected = expected_counts(names, periods)
    for row in chart.rows:
        assert [cell.count for cell in row.cells] == [
            expected[row.name, c] for c in range(len(periods))
        ]
    assert sum(row.total for row in chart.rows) > 0


def test_drafts_and_scheduled_articles_are_not_counted(archive):
    drafts = Article.objects.filter(status=Article.Status.DRAFT, districts=archive).count()
    assert drafts and Article.objects.scheduled().filter(districts=archive).exists()
    chart = coverage.place_layout(archive, [])
    public = Article.objects.published().filed_under(
        District.objects.filter(name__in=["Kalbajar", "Dadivank", "Charektar"])
    )
    assert chart.rows[0].name == "Kalbajar"
    assert chart.rows[0].total == public.count()
    assert chart.periods[-1][0].first <= timezone.localdate()


def test_the_home_chart_shows_the_districts_with_most_coverage_and_says_so(archive):
    chart = coverage.home_layout([])
    totals = [row.total for row in chart.rows]
    assert len(chart.rows) == coverage.HOME_ROWS and totals == sorted(totals, reverse=True)
    assert chart.note == "The 8 districts with the most coverage, of 12 with any."


def test_each_home_cell_links_to_a_list_with_exactly_its_count(client, archive):
    cells = chart_cells(client.get("/").content.decode())
    assert len(cells) > 100
    for href, n in cells:
        assert href.startswith("/articles/?district=")
        assert list_count(client, href.replace("&amp;", "&")) == n, href


def test_each_place_cell_links_to_a_list_with_exactly_its_count(client, archive):
    body = client.get("/districts/kalbajar/").content.decode()
    cells = chart_cells(body)
    assert any("district=Dadivank" in href for href, _ in cells)
    for href, n in cells:
        assert list_count(client, href.replace("&amp;", "&")) == n, href


@override_settings(TIME_ZONE="Asia/Yerevan")
def test_days_are_the_site_zones_days_as_in_the_date_filter(client, make_article, kalbajar):
    """21:30 UTC is the next morning in Yerevan (UTC+4): the chart and the list agree."""
    late = timezone.make_aware(datetime.datetime(2020, 11, 24, 21, 30), datetime.UTC)
    make_article(published_at=late, districts=[kalbajar])
    make_article(published_at=late - datetime.timedelta(hours=3), districts=[kalbajar])
    chart = coverage.place_layout(kalbajar, [])
    assert chart.unit == "articles per day"
    cells = zip(chart.periods, chart.rows[0].cells, strict=True)
    assert [(p.first, c.count) for (p, _), c in cells] == [
        (datetime.date(2020, 11, 24), 1),
        (datetime.date(2020, 11, 25), 1),
    ]
    for href, n in chart_cells(client.get("/districts/kalbajar/").content.decode()):
        assert list_count(client, href.replace("&amp;", "&")) == n == 1


def test_a_chart_is_one_query_and_then_comes_from_the_cache(archive, django_assert_num_queries):
    # Besides the count, the counts and the drawing each look up when they go
    # stale (the next scheduled publication).
    with django_assert_num_queries(1 + 2):
        first = coverage.home_chart([])
    with django_assert_num_queries(0):
        again = coverage.home_chart([])
    assert again == first and "<svg" in first
    with django_assert_num_queries(1 + 2):
        coverage.place_chart(archive, [])


def test_the_charts_numbers_are_kept_so_a_page_costs_them_once(client, archive):
    from .test_query_counts import queries

    for url in ("/", "/districts/kalbajar/"):
        cached = queries(client, url)
        cache.clear()
        gazetteer()
        assert _count_queries(client, url) > cached, url
        assert _count_queries(client, url) == cached, url


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_publishing_and_unpublishing_change_the_chart_at_once(
    client, make_article, kalbajar, django_capture_on_commit_callbacks
):
    day = timezone.now() - datetime.timedelta(days=3)
    make_article(published_at=day, districts=[kalbajar])
    draft = make_article(published_at=day, districts=[kalbajar], status=Article.Status.DRAFT)
    assert coverage.place_layout(kalbajar, []).rows[0].total == 1
    assert "Kalbajar, " in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        draft.status = Article.Status.PUBLISHED
        draft.save()
    assert coverage.place_layout(kalbajar, []).rows[0].total == 2
    assert ": 2 articles</title>" in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.filter(pk=draft.pk).update(status=Article.Status.DRAFT)
    assert coverage.place_layout(kalbajar, []).rows[0].total == 1


def test_numbers_are_kept_no_longer_than_the_next_scheduled_publication(make_article, kalbajar):
    make_article(districts=[kalbajar])
    soon = timezone.now() + datetime.timedelta(seconds=1.5)
    make_article(published_at=soon, districts=[kalbajar])
    place = [gazetteer().get("Kalbajar")]
    assert coverage.coverage_counts("test", place).rows[0][1][-1] == 1
    time.sleep(1.6)
    assert sum(coverage.coverage_counts("test", place).rows[0][1]) == 2


def test_the_svg_has_a_title_a_description_and_a_table_with_the_same_numbers(client, archive):
    body = client.get("/").content.decode()
    svg = re.search(r"<svg[^>]*>", body).group(0)
    assert 'viewBox="0 0 ' in svg
    title_id = re.search(r'aria-labelledby="([^"]+)"', svg).group(1)
    desc_id = re.search(r'aria-describedby="([^"]+)"', svg).group(1)
    assert f'<title id="{title_id}">Coverage over time</title>' in body
    assert re.search(rf'<desc id="{desc_id}">A grid with one row per place', body)
    table = re.search(r'<div class="visually-hidden"><table>(.*?)</table>', body, re.S).group(1)
    chart = coverage.home_layout([])
    heads = re.findall(r'<th scope="col">([^<]+)</th>', table)
    assert heads[1:] == [row.name for row in chart.rows]
    body_rows = re.findall(r"<tr><th scope=\"row\">([^<]+)</th>(.*?)</tr>", table)
    numbers = [[int(n) for n in re.findall(r"<td>(\d+)</td>", cells)] for _, cells in body_rows]
    columns = [[cell.count for cell in row.cells] for row in chart.rows]
    assert numbers[:-1] == [list(col) for col in zip(*columns, strict=True)]
    assert body_rows[-1][0] == "Total" and numbers[-1] == [row.total for row in chart.rows]
    # The SVG's own numbers, cell by cell, are the same again.
    assert [n for _, n in chart_cells(body)] == [c for row in columns for c in row if c]


def test_dated_events_of_a_place_are_marked(client, seed_archive):
    body = client.get("/districts/kalbajar/").content.decode()
    marks = re.findall(r'<polygon class="cc-mark" points="[^"]+"><title>([^<]+)</title>', body)
    assert "25 Nov 2020: Azerbaijani forces enter Kalbajar" in marks


def test_no_public_coverage_draws_no_chart(client, make_article, kalbajar):
    make_article(status=Article.Status.DRAFT, districts=[kalbajar])
    assert "<svg" not in client.get("/").content.decode()
    assert "<svg" not in client.get("/districts/kalbajar/").content.decode()
