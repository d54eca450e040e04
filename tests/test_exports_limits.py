"""CSV exports come a page at a time, say where the rest is, and each client's
share of the workers is bounded."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from articles.models import Quote

pytestmark = pytest.mark.django_db


def rows_of(response) -> list[list[str]]:
    assert response.streaming, "an export streams: it is never built whole in memory"
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


def links(response) -> dict[str, str]:
    return {rel: url for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', response["Link"])}


@override_settings(ARCHIVE_EXPORT_MAX_ROWS=3)
def test_an_export_is_cut_into_pages_that_together_hold_the_whole_list(client, make_article):
    made = [make_article() for _ in range(7)]
    first = client.get("/articles/export.csv")
    assert len(rows_of(first)) - 1 == 3
    assert first["X-Total-Count"] == "7"
    assert 'filename="articles-page-1-of-3.csv"' in first["Content-Disposition"]
    assert "page=2" in links(first)["next"] and "page=3" in links(first)["last"]

    seen = []
    url = "/articles/export.csv"
    while url:
        response = client.get(url)
        seen += [row[0] for row in rows_of(response)[1:]]
        url = links(response).get("next")
    assert sorted(seen) == sorted(str(a.pk) for a in made) and len(seen) == len(set(seen))


@override_settings(ARCHIVE_EXPORT_MAX_ROWS=3)
def test_the_last_page_has_no_next_and_a_page_past_the_end_is_only_the_header(client, make_article):
    for _ in range(4):
        make_article()
    last = client.get("/articles/export.csv", {"page": 2})
    assert len(rows_of(last)) - 1 == 1 and "next" not in links(last)
    for page in (3, 10**30):
        beyond = client.get("/articles/export.csv", {"page": page})
        assert beyond.status_code == 200 and len(rows_of(beyond)) == 1


@override_settings(ARCHIVE_EXPORT_MAX_ROWS=2)
def test_the_next_page_keeps_the_lists_filters(client, make_article, kalbajar):
    for _ in range(3):
        make_article(districts=[kalbajar])
    make_article(headline="Elsewhere")
    response = client.get("/articles/export.csv", {"district": "Kalbajar"})
    assert response["X-Total-Count"] == "3"
    following = rows_of(client.get(links(response)["next"]))
    assert len(following) - 1 == 1 and following[1][2] != "Elsewhere"


@override_settings(ARCHIVE_EXPORT_MAX_ROWS=2)
def test_the_quote_export_is_paged_too(client, make_article):
    article = make_article()
    for n in range(5):
        Quote.objects.create(article=article, text=f"Synthetic words {n}")
    response = client.get("/quotes/export.csv")
    assert len(rows_of(response)) - 1 == 2
    assert response["X-Total-Count"] == "5"
    assert 'filename="quotes-page-1-of-3.csv"' in response["Content-Disposition"]


def test_an_export_that_fits_in_one_page_keeps_its_plain_name(client, make_article):
    make_article()
    response = client.get("/articles/export.csv")
    assert 'filename="articles.csv"' in response["Content-Disposition"]
    assert "next" not in links(response)


@pytest.mark.parametrize("page", ["0", "-1", "abc", "9" * 5000, ""])
def test_a_page_that_is_not_a_page_number_is_refused_plainly(client, page):
    response = client.get("/articles/export.csv", {"page": page})
    assert response.status_code == 400
    assert "whole number" in response.content.decode()


@override_settings(ARCHIVE_EXPORT_MAX_ROWS=3, EXPORT_RATE_ROWS=6, EXPORT_RATE_WINDOW=600)
def test_a_client_exporting_in_a_loop_is_told_to_wait_and_others_are_not(make_article):
    for _ in range(7):
        make_article()
    looping = Client(REMOTE_ADDR="198.51.100.7")
    assert looping.get("/articles/export.csv").status_code == 200
    assert looping.get("/articles/export.csv", {"page": 2}).status_code == 200
    refused = looping.get("/articles/export.csv", {"page": 3})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Try again in" in refused.content.decode()
    assert looping.get("/quotes/export.csv").status_code == 429
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.get("/articles/export.csv").status_code == 200


def test_the_lists_csv_link_starts_the_export_at_its_first_page(client, make_article, kalbajar):
    for _ in range(25):
        make_article(districts=[kalbajar])
    for url in ("/articles/", "/quotes/"):
        page = client.get(url, {"district": "Kalbajar", "page": 2}).content.decode()
        link = re.search(r'href="(/(?:articles|quotes)/export\.csv[^"]*)"', page).group(1)
        assert "district=Kalbajar" in link and "page=" not in link


def test_an_export_runs_as_many_queries_for_25_articles_as_for_2(client, make_article, kalbajar):
    def queries() -> int:
        # Once warm (the gazetteer and the list's count are kept between requests).
        rows_of(client.get("/articles/export.csv"))
        with CaptureQueriesContext(connection) as captured:
            rows_of(client.get("/articles/export.csv"))
        return len(captured)

    for _ in range(2):
        make_article(districts=[kalbajar])
    few = queries()
    for _ in range(23):
        make_article(districts=[kalbajar])
    assert queries() == few
