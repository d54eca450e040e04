"""The shared cache: Django's Redis backend, with its clients kept.

Run against the real Redis server on this machine, as production shares it
between app servers.
"""

import threading
import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings

from tests.test_project import run_manage

REDIS = {
    "BACKEND": "articles.cache.RedisCache",
    "LOCATION": "redis://127.0.0.1:6379/14",
    "KEY_PREFIX": f"newsroom-test-{uuid.uuid4().hex[:8]}",
}


@pytest.fixture
def redis_cache():
    with override_settings(CACHES={"default": REDIS}):
        cache = caches["default"]
        yield cache
        cache.clear()


def test_every_operation_reuses_one_client(redis_cache):
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client("a-key", write=True) is client


def test_it_does_what_djangos_backend_does(redis_cache):
    redis_cache.set("counter", 1, None)
    redis_cache.incr("counter")
    redis_cache.set("page", (7, b"<html>", 200, {"Content-Type": "text/html"}), 60)
    assert redis_cache.get_many(["counter", "page", "missing"]) == {
        "counter": 2,
        "page": (7, b"<html>", 200, {"Content-Type": "text/html"}),
    }
    assert redis_cache.get_or_set("fresh", 5) == 5
    redis_cache.delete("page")
    assert redis_cache.get("page") is None


def test_threads_share_the_client_safely(redis_cache):
    errors = []

    def work(n):
        try:
            for i in range(50):
                redis_cache.set(f"thread-{n}-{i}", i, 60)
                assert redis_cache.get(f"thread-{n}-{i}") == i
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_a_redis_cache_url_selects_it():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        DJANGO_SECRET_KEY="k" * 50,
        CACHE_URL="redis://127.0.0.1:6379/0",
    )
    assert result.stdout.strip().endswith("articles.cache.RedisCache")
