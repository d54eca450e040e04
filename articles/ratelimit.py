"""Counting attempts per client in the shared cache, so limits hold across app servers."""

from django.core.cache import cache


def client_address(request) -> str:
    # REMOTE_ADDR is the proxy's address behind a reverse proxy; operators who
    # run one set it from X-Forwarded-For in the proxy or WSGI server.
    return request.META.get("REMOTE_ADDR", "unknown")


def hit(key: str, window: int) -> int:
    """Count one attempt under ``key``; returns the attempts within the window."""
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def count(key: str) -> int:
    return cache.get(key, 0)


def reset(key: str) -> None:
    cache.delete(key)
