"""Anonymous pages come from the cache, and no change ever leaves a stale page behind.

Each test runs against the local-memory cache and against the real Redis server
that production setups share between app servers.
"""

import datetime
import re
import time
import uuid

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import freshness
from articles.models import Article

from .conftest import SEED_CAPTURE, skip_without_redis

pytestmark = pytest.mark.django_db(transaction=False)

BACKENDS = {
    "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "redis": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
        "KEY_PREFIX": f"newsroom-test-{uuid.uuid4().hex[:8]}",
    },
}


@pytest.fixture(params=list(BACKENDS), autouse=True)
def page_cache(request):
    if request.param == "redis":
        skip_without_redis()
    # Pages follow every change at once, unless a test turns the additions wait on.
    with override_settings(
        CACHES={"default": BACKENDS[request.param]},
        PAGE_CACHE_SECONDS=300,
        PAGE_CACHE_ADDITIONS_SECONDS=0,
    ):
        cache.clear()
        yield request.param
        cache.clear()


def test_a_second_visit_is_served_from_the_cache_without_queries(client, make_article):
    make_article(headline="Synthetic cached headline")
    first = client.get("/articles/")
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/articles/")
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert "Content-Security-Policy" in second  # headers still added around the cache


def publish_with_the_admin(client, article):
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
    )


def test_publishing_shows_at_once(client, editor, make_article, django_capture_on_commit_callbacks):
    draft = make_article(headline="Synthetic newly published", status=Article.Status.DRAFT)
    assert "Synthetic newly published" not in client.get("/").content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"
    editor_client = type(client)()
    editor_client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        publish_with_the_admin(editor_client, draft)
    assert "Synthetic newly published" in client.get("/").content.decode()


def test_unpublishing_hides_at_once(client, make_article, django_capture_on_commit_callbacks):
    article = make_article(headline="Synthetic soon withdrawn")
    assert "Synthetic soon withdrawn" in client.get("/").content.decode()
    assert client.get(article.get_absolute_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        article.status = Article.Status.DRAFT
        article.save()
    assert "Synthetic soon withdrawn" not in client.get("/").content.decode()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_unpublishing_in_bulk_hides_at_once(
    client, make_article, django_capture_on_commit_callbacks
):
    article = make_article(headline="Synthetic withdrawn in bulk")
    assert "Synthetic withdrawn in bulk" in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    assert "Synthetic withdrawn in bulk" not in client.get("/").content.decode()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_an_edit_shows_at_once(client, make_article, django_capture_on_commit_callbacks):
    article = make_article(headline="Synthetic before")
    client.get(article.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        article.headline = "Synthetic after"
        article.save()
    assert "Synthetic after" in client.get(article.get_absolute_url()).content.decode()


def test_an_import_shows_at_once(client, django_capture_on_commit_callbacks):
    assert client.get("/api/articles/").json()["count"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_coverage", "--publish", str(SEED_CAPTURE), verbosity=0)
    assert client.get("/api/articles/").json()["count"] == 5


def test_editors_never_get_or_fill_cached_pages(editor_client, make_article):
    from django.test import Client

    make_article()
    assert editor_client.get("/").get("X-Page-Cache") is None
    assert editor_client.get("/").get("X-Page-Cache") is None
    assert Client().get("/")["X-Page-Cache"] == "miss"


def test_forms_with_a_csrf_token_are_never_cached(client, make_article):
    article = make_article()
    client.get(article.get_comment_url())
    response = client.get(article.get_comment_url())
    assert response.get("X-Page-Cache") is None
    assert "csrfmiddlewaretoken" in response.content.decode()


def test_a_scheduled_article_appears_at_its_time_though_the_page_was_cached(client, make_article):
    make_article(headline="Synthetic on time", published_at=timezone.now() + _seconds(1.5))
    assert "Synthetic on time" not in client.get("/").content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"
    time.sleep(1.6)
    assert "Synthetic on time" in client.get("/").content.decode()


def _seconds(n: float) -> datetime.timedelta:
    return datetime.timedelta(seconds=n)


def test_a_change_by_another_process_is_seen_through_the_shared_cache(
    client, make_article, django_capture_on_commit_callbacks
):
    make_article(headline="Synthetic shared")
    client.get("/")
    # What another app server or a manage.py command does after its change.
    with django_capture_on_commit_callbacks(execute=True):
        freshness.content_changed()
    assert client.get("/")["X-Page-Cache"] == "miss"


@pytest.mark.parametrize(
    "url, header",
    [
        ("/feeds/latest/", "Last-Modified"),
        ("/districts/kalbajar/feed/", "Last-Modified"),
        ("/sitemap.xml", "X-Robots-Tag"),
        ("/sitemap-articles.xml", "X-Robots-Tag"),
        ("/sitemap-articles.xml", "Last-Modified"),
        ("/", "Content-Type"),
        ("/articles/", "Content-Type"),
    ],
)
def test_a_cached_page_keeps_every_header_of_the_page_rendered(
    client, make_article, kalbajar, url, header
):
    make_article(districts=[kalbajar])
    miss = client.get(url)
    assert miss["X-Page-Cache"] == "miss"
    assert header in miss
    for hit in (client.get(url), client.head(url)):
        assert hit["X-Page-Cache"] == "hit"
        assert {k: v for k, v in hit.items() if k != "X-Page-Cache"} == {
            k: v for k, v in miss.items() if k != "X-Page-Cache"
        }


def test_moderating_comments_shows_at_once(
    client, editor, make_article, django_capture_on_commit_callbacks
):
    from django.test import Client

    from articles.models import Comment

    article = make_article()
    comment = Comment.objects.create(article=article, author="r", body="Synthetic awaiting")
    assert "Synthetic awaiting" not in client.get(article.get_absolute_url()).content.decode()
    editor_client = Client()
    editor_client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("admin:articles_comment_changelist"),
            {"action": "approve", "_selected_action": [comment.pk]},
        )
    assert "Synthetic awaiting" in client.get(article.get_absolute_url()).content.decode()


def test_french_and_english_readers_each_get_their_own_cached_page(client, make_article):
    make_article(headline="Synthetic bilingual")
    assert client.get("/fr/")["X-Page-Cache"] == "miss"
    english = client.get("/")
    assert english["X-Page-Cache"] == "miss"  # not the French page from the cache
    assert '<html lang="en">' in english.content.decode()
    assert "Latest coverage" in english.content.decode()
    french = client.get("/fr/")
    assert french["X-Page-Cache"] == "hit"
    assert '<html lang="fr">' in french.content.decode()
    assert "Derniers articles" in french.content.decode()
    assert french["Content-Language"] == "fr"
    again = client.get("/")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == english.content
    assert again["Content-Language"] == "en"


def test_a_french_language_cookie_or_browser_never_gets_a_french_page_at_an_english_address(
    client, make_article
):
    from django.test import Client

    make_article()
    Client(HTTP_ACCEPT_LANGUAGE="fr").get("/articles/")
    reader = Client()
    reader.cookies["django_language"] = "fr"
    for visitor in (reader, Client(HTTP_ACCEPT_LANGUAGE="fr")):
        response = visitor.get("/articles/")
        assert response["X-Page-Cache"] == "hit"
        assert '<html lang="en">' in response.content.decode()


def test_switching_language_is_never_cached(client, make_article):
    make_article()
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert response.status_code == 302 and response.get("X-Page-Cache") is None
    assert client.get("/fr/")["X-Page-Cache"] == "miss"
    assert client.get("/fr/")["X-Page-Cache"] == "hit"


def test_a_lost_generation_never_revives_stale_pages(client, make_article):
    make_article(headline="Synthetic first")
    client.get("/")
    # The generation is lost (evicted from the cache) while pages remain.
    cache.delete(freshness.KEY)
    make_article(headline="Synthetic second")
    cache.delete(freshness.KEY)
    response = client.get("/")
    assert "Synthetic second" in response.content.decode()
    assert response["X-Page-Cache"] == "miss"


def test_place_counts_follow_a_publish_at_once_even_without_the_page_cache(
    client, make_article, kalbajar, django_capture_on_commit_callbacks
):
    def kalbajar_count():
        page = client.get("/").content.decode()
        return re.search(
            r'/districts/kalbajar/">Kalbajar</a> <span class="count"[^>]*>(\d+)<', page
        )[1]

    make_article(districts=[kalbajar])
    draft = make_article(districts=[kalbajar], status=Article.Status.DRAFT)
    with override_settings(PAGE_CACHE_SECONDS=0):
        assert kalbajar_count() == "1"
        assert kalbajar_count() == "1"
        with django_capture_on_commit_callbacks(execute=True):
            draft.status = Article.Status.PUBLISHED
            draft.save()
        assert kalbajar_count() == "2"


def test_derived_numbers_are_kept_until_content_changes_or_the_next_publication(
    make_article, django_capture_on_commit_callbacks
):
    remember = freshness.remember
    computed = []

    def compute():
        computed.append(None)
        return len(computed)

    assert remember("synthetic-numbers", compute) == 1
    assert remember("synthetic-numbers", compute) == 1
    with django_capture_on_commit_callbacks(execute=True):
        freshness.content_changed()
    assert remember("synthetic-numbers", compute) == 2
    with django_capture_on_commit_callbacks(execute=True):
        make_article(published_at=timezone.now() + datetime.timedelta(seconds=1.5))
    assert remember("synthetic-numbers", compute) == 3
    assert remember("synthetic-numbers", compute) == 3
    time.sleep(1.6)  # the scheduled article is public now: the numbers are stale
    assert remember("synthetic-numbers", compute) == 4


def test_numbers_computed_while_an_article_comes_out_are_not_kept_past_it(make_article):
    make_article(published_at=timezone.now() + datetime.timedelta(seconds=1.5))

    def slow():
        time.sleep(1.6)  # the article's time comes while this is computed
        return "synthetic numbers without it"

    assert freshness.remember("synthetic-slow", slow) == "synthetic numbers without it"
    assert freshness.remember("synthetic-slow", lambda: "synthetic numbers with it") == (
        "synthetic numbers with it"
    )


@pytest.mark.parametrize("index", ["quotes", "photos"])
def test_a_repeated_empty_filter_never_stands_for_the_whole_list(
    client, make_article, kalbajar, index
):
    from articles.models import Photo, Quote

    for n in range(3):
        article = make_article(districts=[kalbajar] if n == 0 else [])
        if index == "quotes":
            Quote.objects.create(article=article, district=kalbajar if n == 0 else None, text="S")
        else:
            Photo.objects.create(article=article, district=kalbajar if n == 0 else None)
    # The last value is empty, but the filters read every value.
    for query in ("district=Nowhere&district=", "district=Kalbajar&district="):
        client.get(f"/{index}/?{query}")
        client.get(f"/api/{index}/?{query}")
    with override_settings(PAGE_CACHE_SECONDS=0):
        page = client.get(f"/{index}/")
        assert page.context["page_obj"].paginator.count == 3
        assert client.get(f"/api/{index}/").json()["count"] == 3
        assert client.get(f"/api/{index}/?district=Kalbajar&district=").json()["count"] == 1


def test_a_list_is_counted_once_until_content_changes(
    client, make_article, django_capture_on_commit_callbacks
):
    make_article()

    def total_and_queries(url="/articles/"):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        counts = [q["sql"] for q in queries if "COUNT(*)" in q["sql"]]
        return re.search(r'class="result-count"[^>]*>([^<]+)<', page)[1], len(counts)

    with override_settings(PAGE_CACHE_SECONDS=0):
        assert total_and_queries() == ("1 article", 1)
        assert total_and_queries() == ("1 article", 0)
        assert total_and_queries("/articles/?page=1") == ("1 article", 0)
        with django_capture_on_commit_callbacks(execute=True):
            make_article()
        assert total_and_queries()[0] == "2 articles"
        # A filtered list counts what it selects.
        assert total_and_queries("/articles/?language=fr")[0] == "0 articles"


@pytest.mark.parametrize("index", ["quotes", "photos"])
def test_quote_and_photo_lists_are_counted_once_until_content_changes(
    client, make_article, kalbajar, index, django_capture_on_commit_callbacks
):
    from articles.models import Photo, Quote

    def add(article):
        if index == "quotes":
            Quote.objects.create(article=article, district=kalbajar, text="Synthetic quote")
        else:
            Photo.objects.create(article=article, district=kalbajar, credit="Synthetic credit")

    article = make_article()
    add(article)

    def total_and_counts(url=f"/{index}/"):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        counts = [q["sql"] for q in queries if "COUNT(*)" in q["sql"]]
        return re.search(r'class="result-count"[^>]*>([^<]+)<', page)[1], len(counts)

    singular = index.removesuffix("s")
    with override_settings(PAGE_CACHE_SECONDS=0):
        assert total_and_counts() == (f"1 {singular}", 1)
        assert total_and_counts() == (f"1 {singular}", 0)
        with django_capture_on_commit_callbacks(execute=True):
            add(article)
        assert total_and_counts()[0] == f"2 {index}"
        # Unpublishing the article hides its quotes and photos from the count at once.
        with django_capture_on_commit_callbacks(execute=True):
            article.status = Article.Status.DRAFT
            article.save()
        assert total_and_counts()[0] == f"0 {index}"
        # So is a filtered list, under any spelling of a place.
        article.status = Article.Status.PUBLISHED
        with django_capture_on_commit_callbacks(execute=True):
            article.save()
        assert total_and_counts(f"/{index}/?district=Kalbajar") == (f"2 {index}", 1)
        assert total_and_counts(f"/{index}/?district=Kalbajar") == (f"2 {index}", 0)
        assert total_and_counts(f"/{index}/?district=Karvachar")[0] == f"2 {index}"
