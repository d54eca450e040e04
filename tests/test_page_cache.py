"""Anonymous pages come from the cache, and no change ever leaves a stale page behind.

Each test runs against the local-memory cache and against the real Redis server
that production setups share between app servers.
"""

import datetime
import re
import time
import uuid

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import pagecache
from articles.models import Article

from .conftest import SAMPLE_DIR

pytestmark = pytest.mark.django_db(transaction=False)

BACKENDS = {
    "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "redis": {
        "BACKEND": "articles.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
        "KEY_PREFIX": f"newsroom-test-{uuid.uuid4().hex[:8]}",
    },
}


@pytest.fixture(params=list(BACKENDS), autouse=True)
def page_cache(request):
    with override_settings(CACHES={"default": BACKENDS[request.param]}, PAGE_CACHE_SECONDS=300):
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
        call_command("import_coverage", "--publish", str(SAMPLE_DIR), verbosity=0)
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


def test_pages_are_kept_no_longer_than_the_next_scheduled_publication(make_article):
    now = timezone.now()
    make_article(published_at=now + datetime.timedelta(seconds=90))
    assert 80 <= pagecache.timeout(now) <= 90
    assert pagecache.timeout(now + datetime.timedelta(seconds=200)) == 300


def test_invalidation_is_shared_through_the_cache(client, make_article, page_cache):
    make_article(headline="Synthetic shared")
    client.get("/")
    # Another app server moving the version on is all it takes.
    cache.incr(pagecache.VERSION_KEY)
    assert client.get("/")["X-Page-Cache"] == "miss"


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


def test_the_cache_key_names_the_language(rf):
    # Language-neutral addresses and any page whose language is not in its URL
    # are still kept apart by language.
    english, french = rf.get("/api/articles/"), rf.get("/api/articles/")
    english.LANGUAGE_CODE, french.LANGUAGE_CODE = "en", "fr"
    assert pagecache._key(english) != pagecache._key(french)


def test_switching_language_is_never_cached(client, make_article):
    make_article()
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert response.status_code == 302 and response.get("X-Page-Cache") is None
    assert client.get("/fr/")["X-Page-Cache"] == "miss"
    assert client.get("/fr/")["X-Page-Cache"] == "hit"


def test_a_lost_version_counter_never_revives_stale_pages(client, make_article):
    make_article(headline="Synthetic first")
    client.get("/")
    # The counter is lost (cache restarted or key evicted) while pages remain.
    cache.delete(pagecache.VERSION_KEY)
    make_article(headline="Synthetic second")
    cache.delete(pagecache.VERSION_KEY)
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


@pytest.mark.parametrize("remember", [pagecache.remember, pagecache.remember_in_process])
def test_derived_numbers_are_kept_until_content_changes_or_the_next_publication(
    make_article, remember
):
    """In the shared cache, and in each process (the list of sources, say)."""
    computed = []

    def compute():
        computed.append(None)
        return len(computed)

    assert remember("synthetic-numbers", compute) == 1
    assert remember("synthetic-numbers", compute) == 1
    pagecache.invalidate()
    assert remember("synthetic-numbers", compute) == 2
    make_article(published_at=timezone.now() + datetime.timedelta(seconds=1.5))
    pagecache.invalidate()  # what saving it does once its transaction commits
    assert remember("synthetic-numbers", compute) == 3
    assert remember("synthetic-numbers", compute) == 3
    time.sleep(1.6)  # the scheduled article is public now: the numbers are stale
    assert remember("synthetic-numbers", compute) == 4


def test_numbers_computed_while_an_article_comes_out_are_not_kept_past_it(make_article):
    make_article(published_at=timezone.now() + datetime.timedelta(seconds=1.5))
    pagecache.invalidate()

    def slow():
        time.sleep(1.6)  # the article's time comes while this is computed
        return "synthetic numbers without it"

    assert pagecache.remember("synthetic-slow", slow) == "synthetic numbers without it"
    assert pagecache.remember("synthetic-slow", lambda: "synthetic numbers with it") == (
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


def test_a_request_reads_each_version_counter_once(client, make_article, kalbajar):
    from django.core.cache import cache as shared

    make_article(districts=[kalbajar])
    reads = []
    original = shared.get_many

    def counting(keys, *args, **kwargs):
        reads.append(sorted(keys))
        return original(keys, *args, **kwargs)

    shared.get_many = counting
    try:
        # The place filter, the list's places and the counts all need a version.
        client.get("/articles/", {"district": "Kəlbəcər"})
    finally:
        del shared.get_many
    counters_read = [keys for keys in reads if "gazetteer:version" in keys]
    assert len(counters_read) == 1
    assert "pages:version" in counters_read[0]


def test_a_request_asks_the_shared_cache_once_for_each_kept_number(
    client, make_article, kalbajar, monkeypatch
):
    # A place page needs the archive's total and each place's count for its
    # articles, its quotes and its photos: one round trip each is enough.
    make_article(districts=[kalbajar])
    asked = []
    backend = type(caches["default"])
    original = backend.get

    def spy(self, key, *args, **kwargs):
        asked.append(key)
        return original(self, key, *args, **kwargs)

    monkeypatch.setattr(backend, "get", spy)
    with override_settings(PAGE_CACHE_SECONDS=0):
        client.get("/districts/kalbajar/")  # computes and keeps them
        asked.clear()
        assert client.get("/districts/kalbajar/").status_code == 200
    kept = [key for key in asked if key.startswith("derived:")]
    assert len(kept) >= 2
    assert len(kept) == len(set(kept))


def test_a_change_made_during_a_request_is_read_again_within_it(db):
    from django.core.signals import request_finished, request_started

    from articles import counters

    request_started.send(sender=None)
    try:
        before = counters.read(pagecache.VERSION_KEY)
        assert counters.read(pagecache.VERSION_KEY) == before
        cache.incr(pagecache.VERSION_KEY)  # another app server: not seen mid-request
        assert counters.read(pagecache.VERSION_KEY) == before
        pagecache.invalidate()  # this request's own change: seen at once
        assert counters.read(pagecache.VERSION_KEY) == before + 2
    finally:
        request_finished.send(sender=None)
    assert counters.read(pagecache.VERSION_KEY) == before + 2


def test_a_lost_counter_starts_again_from_the_clock_not_from_one(db):
    from articles import counters

    cache.delete(pagecache.VERSION_KEY)
    assert counters.read(pagecache.VERSION_KEY) > 10**18  # nanoseconds since 1970


def test_the_archive_total_is_counted_once_per_content_version(
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
        with django_capture_on_commit_callbacks(execute=True):
            make_article()
        assert total_and_queries()[0] == "2 articles"
        # A filtered list counts what it selects, every time.
        assert total_and_queries("/articles/?language=fr")[0] == "0 articles"


@pytest.mark.parametrize("index", ["quotes", "photos"])
def test_the_quote_and_photo_totals_are_counted_once_per_content_version(
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
        # So is a place's list, under any spelling; one filtered otherwise counts every time.
        article.status = Article.Status.PUBLISHED
        with django_capture_on_commit_callbacks(execute=True):
            article.save()
        assert total_and_counts(f"/{index}/?district=Kalbajar")[0] == f"2 {index}"
        assert total_and_counts(f"/{index}/?district=Karvachar") == (f"2 {index}", 0)
        dated = f"/{index}/?date_after=2000-01-01"
        assert total_and_counts(dated)[1] == total_and_counts(dated)[1] == 1


# Each process keeps the pages it served last, and serves them only as the
# shared cache would.


def test_a_page_served_before_costs_only_the_version_from_the_shared_cache(
    client, make_article, monkeypatch
):
    make_article(headline="Synthetic local copy")
    first = client.get("/")
    asked = []
    backend = type(caches["default"])
    for name in ("get", "get_many"):
        original = getattr(backend, name)

        def spy(self, keys, *args, _original=original, **kwargs):
            asked.extend([keys] if isinstance(keys, str) else keys)
            return _original(self, keys, *args, **kwargs)

        monkeypatch.setattr(backend, name, spy)
    second = client.get("/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert pagecache.VERSION_KEY in asked
    assert not [key for key in asked if key.startswith("page:")]


def test_a_page_rendered_anew_by_another_server_is_served_instead_of_the_local_copy(
    client, rf, make_article
):
    make_article(headline="Synthetic local copy")
    client.get("/")
    # Another app server saw a change and rendered the page under the new version.
    cache.incr(pagecache.VERSION_KEY)
    current = cache.get(pagecache.VERSION_KEY)
    request = rf.get("/")
    request.LANGUAGE_CODE = "en"
    key = pagecache._key(request)
    headers = {"Content-Type": "text/html; charset=utf-8"}
    cache.set(key, (current, b"Synthetic page of the other server", 200, headers, time.time() + 60))
    response = client.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert response.content == b"Synthetic page of the other server"


def test_a_local_copy_expires_with_the_shared_one(client, make_article, monkeypatch):
    make_article(headline="Synthetic expiring")
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    # Past the shared copy's expiry (the next scheduled publication, say) the
    # local copy is not served either, though the version has not moved.
    later = time.time() + 301
    monkeypatch.setattr(pagecache.time, "time", lambda: later)
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_the_local_copies_keep_within_their_size():
    pages = pagecache._LocalPages(max_bytes=100)
    for n in range(5):
        pages.put(f"page:{n}", (1, b"x" * 40, 200, {}, time.time() + 60))
    assert pages.size <= 100
    assert pages.get("page:0") is None and pages.get("page:4") is not None
    pages.put("page:big", (1, b"x" * 101, 200, {}, time.time() + 60))
    assert pages.get("page:big") is None
