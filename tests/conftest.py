"""Shared records for the specification: people with different rights, and content."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone, translation

from articles.models import Article, District, Source


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run tests that commit to the database (live-server browser tests) last.

    They end by flushing every table, the migrated gazetteer included, which
    the tests after them rely on. pytest-django orders them last itself, but
    pytest-playwright's parametrisation reorders items after it.
    """
    items.sort(
        key=lambda item: (
            item.get_closest_marker("django_db") is not None
            and item.get_closest_marker("django_db").kwargs.get("transaction", False)
        )
    )


REDIS_URL = "redis://127.0.0.1:6379"


def skip_without_redis() -> None:
    """Skip, saying why, where the Redis server the shared-cache tests use is not running."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip(f"Redis is not running at {REDIS_URL}: `make test` starts it when installed")


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: no rate-limit counts carried over."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def english_between_requests():
    """Each test starts in English: a request to a French page leaves French active
    in the thread afterwards, which would turn later reverse() calls French."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def editor(db) -> User:
    user = User.objects.create_user("editor", password="pw-editor-1234", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def source(db) -> Source:
    return Source.objects.create(name="Example Outlet", domain="example.org")


@pytest.fixture
def kalbajar(db) -> District:
    return District.objects.get(name="Kalbajar")


@pytest.fixture
def make_article(db, source):
    """Build articles with sensible defaults; published an hour ago unless told."""
    counter = iter(range(1, 1_000_000))

    def make(**fields) -> Article:
        number = next(counter)
        districts = fields.pop("districts", [])
        defaults = {
            "headline": f"Synthetic test article {number}",
            "slug": f"synthetic-test-article-{number}",
            "body": "Synthetic paragraph one.\n\nSynthetic paragraph two.",
            "source": source,
            "status": Article.Status.PUBLISHED,
            "published_at": timezone.now() - datetime.timedelta(hours=1),
        }
        article = Article.objects.create(**(defaults | fields))
        article.districts.set(districts)
        return article

    return make


SAMPLE_DIR = Path(__file__).resolve().parent.parent / "articles" / "data" / "sample"
SEED_CAPTURE = SAMPLE_DIR / "000_4e6cf89af3c18a31.txt"


@pytest.fixture
def seed_archive(db) -> Article:
    """The seed capture, imported and published as `make run` shows it; its article.

    (The sample's web capture is imported by the tests of web captures.)"""
    quiet = {"stdout": StringIO(), "stderr": StringIO()}
    call_command("import_coverage", "--publish", str(SEED_CAPTURE), **quiet)
    return Article.objects.get(capture__file_name="000_4e6cf89af3c18a31.txt")
