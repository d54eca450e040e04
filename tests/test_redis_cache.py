"""Redis as the shared cache, as production shares it between app servers.

Run against the real Redis server on this machine.
"""

import uuid

import pytest
from django.test import override_settings

from tests.conftest import skip_without_redis
from tests.test_project import run_manage

REDIS = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:6379/14",
    "KEY_PREFIX": f"newsroom-test-{uuid.uuid4().hex[:8]}",
}


@pytest.mark.django_db
def test_pages_are_kept_in_redis_and_retired_by_a_change(
    client, make_article, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    skip_without_redis()
    with override_settings(
        CACHES={"default": REDIS}, PAGE_CACHE_SECONDS=300, PAGE_CACHE_ADDITIONS_SECONDS=0
    ):
        try:
            make_article(headline="Synthetic kept in Redis")
            assert client.get("/").get("X-Page-Cache") == "miss"
            assert client.get("/")["X-Page-Cache"] == "hit"
            with django_capture_on_commit_callbacks(execute=True):
                make_article(headline="Synthetic newer")
            assert "Synthetic newer" in client.get("/").content.decode()
        finally:
            cache.clear()


def test_a_redis_cache_url_selects_it():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        DJANGO_SECRET_KEY="k" * 50,
        CACHE_URL="redis://127.0.0.1:6379/0",
    )
    assert result.stdout.strip().endswith("django.core.cache.backends.redis.RedisCache")
