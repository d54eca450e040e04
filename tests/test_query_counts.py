"""Every public page runs a fixed number of queries, however much it shows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Caption, Comment, District, Person, Photo, Quote

pytestmark = pytest.mark.django_db

DAY = timezone.make_aware(datetime.datetime(2020, 11, 25, 10, 0))

PAGES = [
    "/",
    "/articles/",
    "/articles/?district=Karvachar&date_after=2020-11-01",
    "/districts/",
    "/districts/kalbajar/",
    "/quotes/",
    "/quotes/?district=Kalbajar",
    "/photos/",
    "/archive/2020/",
    "/archive/2020/11/",
    "/archive/2020/11/25/",
    "/search/?q=synthetic",
    "/search/?q=Karvachar",
    "/feeds/latest/",
    "/districts/kalbajar/feed/",
    "/sitemap.xml",
    "/api/articles/",
    "/api/quotes/",
    "/api/photos/",
    "/api/districts/",
]


def fill(make_article, count: int, start: int = 0):
    """``count`` articles, each with two districts, quotes, a photo with captions and comments."""
    kalbajar = District.objects.get(name="Kalbajar")
    lachin = District.objects.get(name="Lachin")
    for n in range(start, start + count):
        article = make_article(
            headline=f"Synthetic headline {n}", districts=[kalbajar, lachin], published_at=DAY
        )
        speaker, _ = Person.objects.get_or_create(name=f"Synthetic Speaker {n % 3}")
        Quote.objects.create(
            article=article, speaker=speaker, text="Synthetic words", district=kalbajar
        )
        photo = Photo.objects.create(article=article, credit="Synthetic, AGENCY", district=kalbajar)
        Caption.objects.create(photo=photo, language="en", text="Synthetic caption")
        Caption.objects.create(photo=photo, language="fr", text="Légende synthétique")
        Comment.objects.create(
            article=article, author="r", body="c", status=Comment.Status.APPROVED
        )


def queries(client, url: str) -> int:
    """Queries of a request once the process's gazetteer cache is warm."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("url", PAGES)
def test_a_page_runs_the_same_queries_for_2_or_25_items(client, make_article, url):
    fill(make_article, 2)
    few = queries(client, url)
    fill(make_article, 23, start=2)
    assert queries(client, url) == few


def test_the_article_page_runs_the_same_queries_for_few_or_many_parts(client, make_article):
    fill(make_article, 1)
    from articles.models import Article

    article = Article.objects.get()
    few = queries(client, article.get_absolute_url())
    for n in range(10):
        Quote.objects.create(article=article, text=f"Synthetic {n}")
        photo = Photo.objects.create(article=article, credit="c")
        Caption.objects.create(photo=photo, language="en", text="x")
        Comment.objects.create(
            article=article, author="r", body="c", status=Comment.Status.APPROVED
        )
    assert queries(client, article.get_absolute_url()) == few
    assert few <= 12
