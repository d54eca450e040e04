"""Pages are fresh after any change, to any model, without registering it anywhere."""

import pytest
from django.apps import apps
from django.db.models import F
from django.test import override_settings

from articles import freshness
from tests.pagesapp.models import Notice

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("tests.pagesapp.urls"),
]


@pytest.fixture(autouse=True)
def page_cache():
    with override_settings(PAGE_CACHE_SECONDS=300, PAGE_CACHE_ADDITIONS_SECONDS=0):
        yield


def test_a_page_of_a_model_added_later_is_refreshed_when_it_changes(
    client, django_capture_on_commit_callbacks
):
    notice = Notice.objects.create(text="Synthetic first notice")
    assert client.get("/synthetic-notices/").content == b"Synthetic first notice"
    assert client.get("/synthetic-notices/")["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        notice.text = "Synthetic changed notice"
        notice.save()
    assert client.get("/synthetic-notices/").content == b"Synthetic changed notice"

    with django_capture_on_commit_callbacks(execute=True):
        notice.delete()
    assert client.get("/synthetic-notices/").content == b""


def test_every_other_page_is_refreshed_too(
    client, make_article, django_capture_on_commit_callbacks
):
    make_article(headline="Synthetic headline")
    client.get("/articles/")
    assert client.get("/articles/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        Notice.objects.create(text="Synthetic notice")
    assert client.get("/articles/")["X-Page-Cache"] == "miss"


def test_a_change_that_is_rolled_back_keeps_the_cached_pages(client, make_article):
    make_article()
    client.get("/articles/")
    # Inside the test's transaction, never committed: nothing on-commit runs.
    Notice.objects.create(text="Synthetic uncommitted notice")
    assert client.get("/articles/")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize(
    "model",
    list(apps.get_app_config("articles").get_models()),
    ids=lambda model: model.__name__,
)
def test_a_bulk_update_of_any_archive_model_refreshes_the_pages(
    model, client, make_article, django_capture_on_commit_callbacks
):
    # update() sends no signal. Every model of the archive has a ContentQuerySet
    # manager, so a bulk write is seen at once like a save; a model added
    # without one fails here rather than serving stale pages.
    make_article()
    client.get("/articles/")
    assert client.get("/articles/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        key = model._meta.pk.attname
        model._default_manager.filter(pk__in=[]).update(**{key: F(key)})
    assert client.get("/articles/")["X-Page-Cache"] == "miss"


def test_a_model_added_later_shows_the_previous_page_after_an_addition_only(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    from .test_page_cache_under_writes import while_the_page_renders

    notice = Notice.objects.create(text="Synthetic first notice")
    client.get("/synthetic-notices/")
    with django_capture_on_commit_callbacks(execute=True):
        Notice.objects.create(text="Synthetic second notice")
    _, second = while_the_page_renders(monkeypatch, "/synthetic-notices/")
    assert second.content == b"Synthetic first notice"

    with django_capture_on_commit_callbacks(execute=True):
        notice.text = "Synthetic corrected notice"
        notice.save()
    _, second = while_the_page_renders(monkeypatch, "/synthetic-notices/")
    assert second.content == b"Synthetic corrected notice, Synthetic second notice"


def test_the_cache_keeps_one_copy_of_a_page_and_a_number_however_often_content_changes(
    client, tmp_path, django_capture_on_commit_callbacks
):
    # The file cache, the default on one machine, lists its folder on every
    # write: copies retired by each change would make every write slower.
    folder = tmp_path / "cache"
    file_cache = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache"}
    with override_settings(CACHES={"default": {**file_cache, "LOCATION": folder}}):
        notice = Notice.objects.create(text="Synthetic notice 0")
        for n in range(1, 21):
            assert client.get("/synthetic-notices/").content == f"Synthetic notice {n - 1}".encode()
            assert freshness.remember("synthetic-notices", Notice.objects.count) == 1
            with django_capture_on_commit_callbacks(execute=True):
                notice.text = f"Synthetic notice {n}"
                notice.save()
        assert client.get("/synthetic-notices/").content == b"Synthetic notice 20"
        # The page, the number and the two content tokens.
        assert len(list(folder.iterdir())) == 4
