"""Counting attempts per client in the shared cache, so limits hold across app servers."""

import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache


def _client_network(text: str) -> str | None:
    """The address as a limit counts it, or None when ``text`` is not an address.

    An IPv6 client usually holds a whole /64 and could take a new address per
    request, so its /64 is one client.
    """
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.IPv6Network((int(address) >> 64 << 64, 64)))


def client_address(request) -> str:
    """The client's address, as the trusted proxies in front of the app report it.

    With ``ARCHIVE_TRUSTED_PROXIES`` = N, each of N proxies appends the address
    it saw to X-Forwarded-For, so the client is the Nth entry from the right;
    whatever stands left of it the client wrote itself and is never read. A
    request with fewer entries did not come through the proxies: its own
    connection's address is the client.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.ARCHIVE_TRUSTED_PROXIES
    if hops > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(forwarded) >= hops and (network := _client_network(forwarded[-hops])):
            return network
    return _client_network(remote) or "unknown"


def identity_key(prefix: str, identity: str) -> str:
    """A counter's key for any text: bounded in length and safe for every cache backend."""
    digest = hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{prefix}:{digest}"


def _bucket(key: str, window: int, ago: int = 0) -> str:
    # Counted per window of time, named in the key: a count ends with its
    # window whatever lifetime the cache backend gives an entry it counts.
    return f"{key}:{window}:{int(time.time()) // window - ago}"


def hit(key: str, window: int, amount: int = 1) -> int:
    """Count ``amount`` attempts (or rows) under ``key``; returns the count of this
    window and the last."""
    bucket = _bucket(key, window)
    cache.add(bucket, 0, timeout=2 * window)
    try:
        cache.incr(bucket, amount)
    except ValueError:  # expired between add and incr
        cache.set(bucket, amount, timeout=2 * window)
    return count(key, window)


def count(key: str, window: int) -> int:
    """Attempts in this window and the one before it, so that a limit reached
    just before a window ends holds for at least a whole window."""
    found = cache.get_many([_bucket(key, window), _bucket(key, window, ago=1)])
    return sum(found.values())


def reset(key: str, window: int) -> None:
    cache.delete_many([_bucket(key, window), _bucket(key, window, ago=1)])
