"""/archive/: browsing by year, month and day, with a calendar of counts."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db


def at(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(day + "T10:00"))


@pytest.fixture
def spread(make_article):
    make_article(published_at=at("2020-10-30"))
    make_article(published_at=at("2020-11-25"))
    make_article(published_at=at("2020-11-25"))
    make_article(published_at=at("2020-11-09"))
    make_article(published_at=at("2020-11-26"), status=Article.Status.DRAFT)
    make_article(published_at=at("2021-01-02"))


def test_a_year_is_a_grid_of_its_twelve_months_with_counts(client, spread):
    response = client.get("/archive/2020/")
    months = {month.month: n for month, n in response.context["months"]}
    assert months == dict.fromkeys(range(1, 13), 0) | {10: 1, 11: 3}
    body = response.content.decode()
    assert 'href="/archive/2020/11/"' in body and "3 articles" in body
    assert 'href="/archive/2020/12/"' not in body  # an empty month is no link
    assert "4 articles this year" in body


def test_the_archive_index_lists_every_year_with_its_months(client, spread):
    response = client.get("/archive/")
    assert response.status_code == 200
    years = [(year, total) for year, total, _months in response.context["years"]]
    assert years == [(2021, 1), (2020, 4)]
    body = response.content.decode()
    assert 'href="/archive/2021/1/"' in body and 'href="/archive/2020/10/"' in body
    assert 'href="/archive/2020/"' in body


def test_every_page_links_to_the_date_archive(client, spread):
    body = client.get("/").content.decode()
    assert 'href="/archive/"' in body and "Browse by date" in body


def test_an_article_date_links_to_its_day(client, make_article):
    article = make_article(published_at=at("2020-11-25"))
    assert 'href="/archive/2020/11/25/"' in client.get(article.get_absolute_url()).content.decode()
    assert 'href="/archive/2020/11/25/"' in client.get("/articles/").content.decode()


def test_an_article_date_links_to_its_day_in_the_site_time_zone(client, make_article, settings):
    settings.TIME_ZONE = "Asia/Baku"  # UTC+4: 22:00 UTC on the 24th is the 25th there
    moment = datetime.datetime(2020, 11, 24, 22, 0, tzinfo=datetime.UTC)
    make_article(published_at=moment)
    assert 'href="/archive/2020/11/25/"' in client.get("/articles/").content.decode()


def test_a_french_reader_browses_by_date_in_french(client, spread):
    body = client.get("/fr/archive/").content.decode()
    assert "Parcourir par date" in body and 'href="/fr/archive/2020/11/"' in body


def test_an_empty_archive_says_so(client, db):
    assert "No public coverage yet." in client.get("/archive/").content.decode()


def test_a_month_calendar_counts_each_day(client, spread):
    response = client.get("/archive/2020/11/")
    counts = {cell[0].day: cell[1] for week in response.context["weeks"] for cell in week if cell}
    assert counts[25] == 2 and counts[9] == 1 and counts[26] == 0
    assert response.context["total"] == 3
    body = response.content.decode()
    assert 'href="/archive/2020/11/25/"' in body


def test_a_day_lists_its_articles_with_previous_and_next(client, spread):
    response = client.get("/archive/2020/11/25/")
    assert len(response.context["articles"]) == 2
    assert response.context["previous"].published_at.date() == datetime.date(2020, 11, 9)
    assert response.context["next"].published_at.date() == datetime.date(2021, 1, 2)


def test_an_impossible_date_is_not_found(client, db):
    assert client.get("/archive/2020/13/").status_code == 404
    assert client.get("/archive/2020/2/30/").status_code == 404
    assert client.get("/archive/99999/").status_code == 404


def test_counts_are_kept_until_content_changes(
    client, spread, settings, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0  # every request renders; only the counts are kept

    def counted(url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        grouped = [q for q in queries if "GROUP BY" in q["sql"] or "COUNT(" in q["sql"]]
        return response, len(grouped)

    assert counted("/archive/2020/")[1] == 1
    response, queries = counted("/archive/2020/")
    months = {m.month: n for m, n in response.context["months"] if n}
    assert queries == 0 and months == {10: 1, 11: 3}
    assert counted("/archive/2020/11/")[1] == 2  # the days, and the list
    response, queries = counted("/archive/2020/11/")
    assert queries == 0 and response.context["total"] == 3
    assert response.context["page_obj"].paginator.count == 3
    # Publishing the draft of 26 November shows in both at once.
    draft = Article.objects.get(status=Article.Status.DRAFT)
    draft.status = Article.Status.PUBLISHED
    with django_capture_on_commit_callbacks(execute=True):
        draft.save()
    months = counted("/archive/2020/")[0].context["months"]
    assert {m.month: n for m, n in months if n} == {10: 1, 11: 4}
    assert counted("/archive/2020/11/")[0].context["total"] == 4
