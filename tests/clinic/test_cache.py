import socket
import uuid

import pytest

from clinic.cache import RedisCache

REDIS = "redis://127.0.0.1:6379/15"


def _redis_is_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def test_the_redis_cache_makes_one_client_per_connection_pool():
    cache = RedisCache(REDIS, {})

    first = cache._cache.get_client("a")

    assert cache._cache.get_client("b") is first
    assert cache._cache.get_client("c", write=True) is first


@pytest.mark.skipif(not _redis_is_running(), reason="no Redis on 127.0.0.1:6379")
def test_the_redis_cache_stores_and_reads_through_the_shared_client():
    cache = RedisCache(REDIS, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})

    cache.set("version", {"pk": 7}, 30)
    cache.set_many({"a": 1, "b": 2}, 30)

    assert cache.get("version") == {"pk": 7}
    assert cache.get_many(["a", "b", "missing"]) == {"a": 1, "b": 2}
    cache.delete_many(["version", "a", "b"])
    assert cache.get("version") is None
