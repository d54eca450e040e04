"""The JSON API and CSV exports use the pages' FilterSets and show only public records."""

import csv
import io

import pytest

from articles.models import Article

pytestmark = pytest.mark.django_db


def test_article_api_is_paginated_with_the_documented_item_shape(client, seed_archive):
    data = client.get("/api/articles/", {"district": "Karvachar"}).json()
    assert set(data) == {"count", "next", "previous", "results"}
    item = next(i for i in data["results"] if i["id"] == seed_archive.pk)
    assert item["url"] == "http://testserver" + seed_archive.get_absolute_url()
    assert item["source"] == "france24.com"
    assert {"slug": "kalbajar", "name": "Kalbajar"} in item["districts"]
    assert item["published_at"].startswith("2020-11-25T05:05")


def test_api_next_link_keeps_the_filters(client, make_article, kalbajar):
    for _ in range(25):
        make_article(districts=[kalbajar])
    data = client.get("/api/articles/", {"district": "kalbajar"}).json()
    assert data["count"] == 25 and len(data["results"]) == 20
    assert "district=kalbajar" in data["next"] and "page=2" in data["next"]
    assert client.get(data["next"]).json()["previous"] is not None


def test_api_refuses_invalid_filters_with_400_and_the_reason(client, db):
    response = client.get("/api/articles/", {"date_after": "2020-13-45", "page": "1"})
    assert response.status_code == 400
    assert "date_after" in response.json()["errors"]
    assert client.get("/api/articles/", {"page": "abc"}).status_code == 400


def test_quote_photo_and_district_apis(client, seed_archive):
    quotes = client.get("/api/quotes/", {"district": "Kalbajar"}).json()
    assert any(q["speaker"] == "Grigory Grigorian" for q in quotes["results"])
    photos = client.get("/api/photos/").json()["results"]
    assert photos[0]["captions"]["fr"].startswith("Dans le Kalbajar")
    districts = client.get("/api/districts/").json()
    kalbajar = next(d for d in districts["results"] if d["slug"] == "kalbajar")
    assert "Karvachar" in kalbajar["aliases"]


def test_api_never_shows_drafts(client, make_article):
    make_article(headline="Synthetic hidden", status=Article.Status.DRAFT)
    assert client.get("/api/articles/").json()["count"] == 0


def read_csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_article_csv_follows_the_filters(client, seed_archive, make_article):
    make_article(headline="Synthetic elsewhere")
    rows = read_csv(client.get("/articles/export.csv", {"district": "Kalbajar"}))
    assert rows[0][:3] == ["id", "published_at", "headline"]
    assert seed_archive.headline in [r[2] for r in rows[1:]]
    assert "Synthetic elsewhere" not in [r[2] for r in rows[1:]]


def test_quote_csv_lists_quotes_with_speakers(client, seed_archive):
    rows = read_csv(client.get("/quotes/export.csv"))
    assert ("Gaguik Yakchibekian", "53-year-old mason") in {(r[3], r[4]) for r in rows[1:]}


def test_csv_cells_cannot_run_as_spreadsheet_formulas(client, make_article):
    make_article(headline='=HYPERLINK("http://evil.example")')
    rows = read_csv(client.get("/articles/export.csv"))
    assert rows[1][2].startswith("'=")


@pytest.mark.parametrize("index", ["articles", "quotes", "photos"])
def test_api_totals_are_counted_once_until_content_changes(
    client, make_article, index, django_capture_on_commit_callbacks, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.models import Photo, Quote

    settings.PAGE_CACHE_SECONDS = 0
    article = make_article()
    Quote.objects.create(article=article, text="Synthetic quote")
    Photo.objects.create(article=article, credit="Synthetic credit")

    def count_and_queries(query="page_size=5"):
        with CaptureQueriesContext(connection) as queries:
            data = client.get(f"/api/{index}/?{query}").json()
        return data["count"], len([q for q in queries if "COUNT(*)" in q["sql"]])

    assert count_and_queries() == (1, 1)
    assert count_and_queries() == (1, 0)
    with django_capture_on_commit_callbacks(execute=True):
        article.status = Article.Status.DRAFT
        article.save()
    assert count_and_queries() == (0, 1)
    # So is a filtered list, whatever its page.
    assert count_and_queries("date_after=2020-01-01")[1] == 1
    assert count_and_queries("date_after=2020-01-01&page=2")[1] == 0


def test_api_lists_go_as_deep_as_the_pages_and_say_so_beyond(client, make_article, monkeypatch):
    from articles.views import api

    monkeypatch.setattr(api, "MAX_DEPTH", 4)  # as deep as four articles, for a small archive
    for _ in range(6):
        make_article()
    assert len(client.get("/api/articles/", {"page": 2, "page_size": 2}).json()["results"]) == 2
    assert client.get("/api/articles/", {"page": 2, "page_size": 2}).json()["next"] is None
    response = client.get("/api/articles/", {"page": 3, "page_size": 2})
    assert response.status_code == 400
    assert "4 items deep" in response.json()["errors"]["page"][0]["message"]
    # Past the end of the list it stays an empty page.
    assert client.get("/api/articles/", {"page": 9, "page_size": 2}).json()["results"] == []
