"""Counting attempts per client in the shared cache, so limits hold across app servers."""

import time

from django.core.cache import cache


def client_address(request) -> str:
    # REMOTE_ADDR is the proxy's address behind a reverse proxy; operators who
    # run one set it from X-Forwarded-For in the proxy or WSGI server.
    return request.META.get("REMOTE_ADDR", "unknown")


def _bucket(key: str, window: int, ago: int = 0) -> str:
    # Counted per window of time, named in the key: a count ends with its
    # window whatever lifetime the cache backend gives an entry it counts.
    return f"{key}:{window}:{int(time.time()) // window - ago}"


def hit(key: str, window: int) -> int:
    """Count one attempt under ``key``; returns the attempts of this window and the last."""
    bucket = _bucket(key, window)
    cache.add(bucket, 0, timeout=2 * window)
    try:
        cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.set(bucket, 1, timeout=2 * window)
    return count(key, window)


def count(key: str, window: int) -> int:
    """Attempts in this window and the one before it, so that a limit reached
    just before a window ends holds for at least a whole window."""
    found = cache.get_many([_bucket(key, window), _bucket(key, window, ago=1)])
    return sum(found.values())


def reset(key: str, window: int) -> None:
    cache.delete_many([_bucket(key, window), _bucket(key, window, ago=1)])
