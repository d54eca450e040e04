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


def test_a_year_lists_its_months_with_counts(client, spread):
    response = client.get("/archive/2020/")
    months = {month.month: n for month, n in response.context["months"]}
    assert months == {10: 1, 11: 3}


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
    assert queries == 0 and {m.month: n for m, n in response.context["months"]} == {10: 1, 11: 3}
    assert counted("/archive/2020/11/")[1] == 2  # the days, and the list
    response, queries = counted("/archive/2020/11/")
    assert queries == 0 and response.context["total"] == 3
    assert response.context["page_obj"].paginator.count == 3
    # Publishing the draft of 26 November shows in both at once.
    draft = Article.objects.get(status=Article.Status.DRAFT)
    draft.status = Article.Status.PUBLISHED
    with django_capture_on_commit_callbacks(execute=True):
        draft.save()
    assert {m.month: n for m, n in counted("/archive/2020/")[0].context["months"]} == {
        10: 1,
        11: 4,
    }
    assert counted("/archive/2020/11/")[0].context["total"] == 4
