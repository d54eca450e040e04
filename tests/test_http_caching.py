"""What browsers and shared caches (a reverse proxy, a CDN) are told about each response.

Anonymous pages are public for PUBLIC_CACHE_SECONDS and carry an ETag known before
rendering, so asking again about an unchanged page is answered 304 from one cache
read; anything personal is kept out of every cache.
"""

import datetime
import time

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    with override_settings(PUBLIC_CACHE_SECONDS=5, PAGE_CACHE_ADDITIONS_SECONDS=0):
        cache.clear()
        yield
        cache.clear()


def public_addresses(article) -> list[str]:
    return [
        "/",
        "/articles/",
        "/fr/articles/",
        article.get_absolute_url(),
        "/districts/kalbajar/",
        "/archive/",
        reverse("search") + "?q=synthetic",
        "/feeds/latest/",
        "/districts/kalbajar/feed/",
        "/sitemap.xml",
        "/api/articles/",
        "/articles/export.csv",
    ]


@pytest.fixture
def article(make_article, kalbajar):
    return make_article(headline="Synthetic headline for caching", districts=[kalbajar])


def test_anonymous_pages_feeds_sitemaps_api_and_csv_are_public_for_the_set_time(client, article):
    for address in public_addresses(article):
        response = client.get(address)
        assert response.status_code == 200, address
        assert response["Cache-Control"] == "public, max-age=5, s-maxage=5", address
        assert response["ETag"].startswith('W/"'), address


def test_the_time_is_one_setting(client, article):
    with override_settings(PUBLIC_CACHE_SECONDS=30):
        assert client.get("/articles/")["Cache-Control"] == "public, max-age=30, s-maxage=30"


def test_public_pages_do_not_vary_by_the_browsers_language(client, article):
    for address in public_addresses(article):
        vary = client.get(address).get("Vary", "")
        assert "Accept-Language" not in vary, address


@pytest.mark.parametrize("page_cache_seconds", [300, 0])
def test_asking_again_about_an_unchanged_page_is_a_304_without_a_query(
    client, article, django_assert_num_queries, page_cache_seconds
):
    with override_settings(PAGE_CACHE_SECONDS=page_cache_seconds):
        for address in public_addresses(article):
            etag = client.get(address)["ETag"]
            with django_assert_num_queries(0):
                response = client.get(address, HTTP_IF_NONE_MATCH=etag)
            assert response.status_code == 304, address
            assert response["ETag"] == etag
            assert response["Cache-Control"] == "public, max-age=5, s-maxage=5"
            assert not response.content


def test_each_address_has_its_own_validator(client, article):
    etag = client.get("/articles/")["ETag"]
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert client.get("/fr/articles/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_change_gives_the_page_a_new_validator(
    client, article, django_capture_on_commit_callbacks
):
    etag = client.get("/articles/")["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.filter(pk=article.pk).unpublish()
    response = client.get("/articles/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "Synthetic headline for caching" not in response.content.decode()


def test_a_scheduled_article_going_public_gives_the_page_a_new_validator(
    client, make_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_article(
            headline="Synthetic scheduled headline",
            published_at=timezone.now() + datetime.timedelta(seconds=1.5),
        )
    first = client.get("/articles/")
    assert "Synthetic scheduled headline" not in first.content.decode()
    assert client.get("/articles/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    time.sleep(1.6)
    response = client.get("/articles/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200
    assert "Synthetic scheduled headline" in response.content.decode()


def test_an_editors_pages_are_kept_out_of_every_cache(editor_client, article):
    for address in ("/articles/", article.get_absolute_url(), "/admin/"):
        response = editor_client.get(address)
        assert "no-store" in response["Cache-Control"], address
        assert "public" not in response["Cache-Control"], address
        assert "ETag" not in response, address


def test_a_form_with_a_csrf_token_is_kept_out_of_every_cache(client, article):
    response = client.get(article.get_comment_url())
    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_a_page_showing_a_message_is_kept_out_of_every_cache(client, article):
    posted = client.post(
        article.get_comment_url(),
        {"author": "Synthetic Reader", "body": "A synthetic comment about caching."},
    )
    assert posted.status_code == 302
    response = client.get(posted["Location"])
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response
