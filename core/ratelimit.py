"""Fixed-window counters shared by every process (the `ratelimit` cache alias)."""

import hashlib
import time

from django.core.cache import caches


def _cache():
    return caches["ratelimit"]


def rate_limit_hit(scope: str, key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one event for (scope, key); True once the window's count exceeds `limit`.

    The key is hashed, so addresses and email addresses are not stored in clear.
    """
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    window = int(time.time() // window_seconds)
    cache_key = f"rl:{scope}:{digest}:{window}"
    cache = _cache()
    cache.add(cache_key, 0, timeout=window_seconds + 10)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window_seconds + 10)
        count = 1
    return count > limit
