"""The default cache without CACHE_URL: files every process of the machine shares."""

import multiprocessing
import time

import pytest

from articles import counters
from articles.cache import FileBasedCache


@pytest.fixture
def files(tmp_path):
    return FileBasedCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 30}})


def test_counting_keeps_the_entrys_lifetime(files):
    files.set("synthetic-lockout", 1, timeout=900)
    files.incr("synthetic-lockout")
    assert files.get("synthetic-lockout") == 2
    expiry = _expiry(files, "synthetic-lockout")
    assert 890 < expiry - time.time() <= 900

    files.set("synthetic-counter", 7, timeout=None)
    assert files.incr("synthetic-counter", 3) == 10
    assert _expiry(files, "synthetic-counter") is None


def test_counting_a_missing_or_expired_entry_is_an_error_as_in_every_backend(files):
    with pytest.raises(ValueError):
        files.incr("synthetic-missing")
    files.set("synthetic-brief", 1, timeout=0.01)
    time.sleep(0.05)
    with pytest.raises(ValueError):
        files.incr("synthetic-brief")


def _count(location: str, times: int) -> None:
    cache = FileBasedCache(location, {})
    for _ in range(times):
        cache.incr("synthetic-hits")


def test_processes_counting_together_lose_no_count(tmp_path):
    FileBasedCache(str(tmp_path), {}).set("synthetic-hits", 0, timeout=None)
    workers = [
        multiprocessing.get_context("spawn").Process(target=_count, args=(str(tmp_path), 100))
        for _ in range(3)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert FileBasedCache(str(tmp_path), {}).get("synthetic-hits") == 300


def test_a_full_cache_never_culls_the_version_counters(files):
    for key in counters.KNOWN:
        files.set(key, 1, timeout=None)
    for number in range(200):
        files.set(f"synthetic-page-{number}", "page", timeout=300)
    assert all(files.get(key) == 1 for key in counters.KNOWN)
    assert len(files._list_cache_files()) < 60


def _expiry(cache, key):
    import pickle

    with open(cache._key_to_file(key), "rb") as f:
        return pickle.load(f)
