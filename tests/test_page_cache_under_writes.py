"""Pages under writes: one reader renders a page again while the others are served,
and nothing withdrawn is ever served again.

Each test runs against the local-memory cache and against Redis, as test_page_cache.py.
"""

import time

import pytest
from django.core.management import call_command
from django.test import override_settings

from articles import freshness
from articles.models import Article

from .conftest import SEED_CAPTURE

# The same pair of caches, set up the same way, for every test here.
from .test_page_cache import page_cache  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=False)


def while_the_page_renders(monkeypatch, url: str):
    """The responses of a first reader of ``url`` and of a second one who asks for it
    while the first one's page is being rendered."""
    from django.test import Client

    real = freshness.seconds_fresh
    second = []

    def second_reader_arrives(*args):
        if not second:
            second.append(None)  # the second reader's own rendering must not recurse
            second[0] = Client().get(url)
        return real(*args)

    monkeypatch.setattr(freshness, "seconds_fresh", second_reader_arrives)
    first = Client().get(url)
    monkeypatch.setattr(freshness, "seconds_fresh", real)
    return first, second[0]


def test_after_an_addition_other_readers_get_the_previous_page_while_one_renders_it(
    client, make_article, monkeypatch, django_capture_on_commit_callbacks
):
    make_article(headline="Synthetic already there")
    assert client.get("/")["X-Page-Cache"] == "miss"
    with django_capture_on_commit_callbacks(execute=True):
        make_article(headline="Synthetic just added")

    first, second = while_the_page_renders(monkeypatch, "/")
    assert second["X-Page-Cache"] == "stale"
    assert "Synthetic already there" in second.content.decode()
    assert "Synthetic just added" not in second.content.decode()
    assert first["X-Page-Cache"] == "miss"
    assert "Synthetic just added" in first.content.decode()
    assert set(second.headers) == set(first.headers)
    again = client.get("/")
    assert again["X-Page-Cache"] == "hit" and "Synthetic just added" in again.content.decode()


def _edit(article):
    article.headline = "Synthetic headline after the edit"
    article.save()


def _unpublish(article):
    Article.objects.filter(pk=article.pk).unpublish()


def _unfile(article):
    article.districts.clear()


@pytest.mark.parametrize(
    "withdraw", [_edit, _unpublish, Article.delete, _unfile], ids=lambda f: f.__name__
)
def test_after_a_withdrawal_no_reader_gets_the_previous_page_while_one_renders_it(
    client, make_article, kalbajar, monkeypatch, withdraw, django_capture_on_commit_callbacks
):
    make_article(headline="Synthetic staying", districts=[kalbajar])
    article = make_article(headline="Synthetic soon taken away", districts=[kalbajar])
    url = kalbajar.get_absolute_url()
    assert "Synthetic soon taken away" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        withdraw(article)

    first, second = while_the_page_renders(monkeypatch, url)
    for response in (first, second):
        assert response["X-Page-Cache"] == "miss"
        assert "Synthetic staying" in response.content.decode()
        assert "Synthetic soon taken away" not in response.content.decode()


@override_settings(PAGE_CACHE_ADDITIONS_SECONDS=1)
def test_after_an_import_pages_are_shown_as_they_were_until_the_additions_wait_is_over(
    client, make_article, django_capture_on_commit_callbacks
):
    make_article(headline="Synthetic already there")
    assert client.get("/api/articles/").json()["count"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_coverage", "--publish", str(SEED_CAPTURE), verbosity=0)
    # Rendered again at most once a second however often the importer writes.
    response = client.get("/api/articles/")
    assert response["X-Page-Cache"] == "stale" and response.json()["count"] == 1
    time.sleep(1.1)
    assert client.get("/api/articles/").json()["count"] == 6


@override_settings(PAGE_CACHE_ADDITIONS_SECONDS=60)
@pytest.mark.parametrize("withdraw", [_edit, _unpublish, Article.delete], ids=lambda f: f.__name__)
def test_a_withdrawal_or_an_edit_is_shown_at_once_whatever_the_additions_wait(
    client, make_article, withdraw, django_capture_on_commit_callbacks
):
    article = make_article(headline="Synthetic soon taken away")
    assert "Synthetic soon taken away" in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_article(headline="Synthetic added")
    assert client.get("/")["X-Page-Cache"] == "stale"
    with django_capture_on_commit_callbacks(execute=True):
        withdraw(article)
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Synthetic soon taken away" not in response.content.decode()
    assert "Synthetic added" in response.content.decode()
