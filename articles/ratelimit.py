"""Counting attempts per client in the shared cache, so limits hold across app servers."""

import time

from django.core.cache import cache


def client_address(request) -> str:
    # REMOTE_ADDR is the proxy's address behind a reverse proxy; operators who
    # run one set it from X-Forwarded-For in the proxy or WSGI server.
    return request.META.get("REMOTE_ADDR", "unknown")


def _bucket(key: str, window: int) -> str:
    # Counted per window of time, named in the key: a count ends with its
    # window whatever lifetime the cache backend gives an entry it counts.
    return f"{key}:{window}:{int(time.time()) // window}"


def hit(key: str, window: int) -> int:
    """Count one attempt under ``key``; returns the attempts within this window."""
    bucket = _bucket(key, window)
    cache.add(bucket, 0, timeout=window)
    try:
        return cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.set(bucket, 1, timeout=window)
        return 1


def count(key: str, window: int) -> int:
    return cache.get(_bucket(key, window), 0)


def reset(key: str, window: int) -> None:
    cache.delete(_bucket(key, window))
