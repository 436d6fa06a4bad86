"""Fixed-window counters shared by every process.

With Redis (`REDIS_URL`) the counters live in the `ratelimit` cache alias, whose `incr` is
atomic. Without Redis they live in the `RateCounter` table, incremented by one UPDATE
statement inside a transaction, which is atomic on SQLite and PostgreSQL alike. Never in
per-process memory.
"""

import hashlib
import time

from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import IntegrityError, transaction
from django.db.models import F

from core.models import RateCounter


def _cache():
    return caches["ratelimit"]


def _count_in_cache(cache, cache_key: str, timeout: int) -> int:
    cache.add(cache_key, 0, timeout=timeout)
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=timeout)
        return 1


def _count_in_table(cache_key: str, expires_at: float) -> int:
    with transaction.atomic():
        counters = RateCounter.objects.filter(key=cache_key)
        if not counters.update(count=F("count") + 1):
            RateCounter.objects.filter(expires_at__lt=time.time()).delete()
            try:
                with transaction.atomic():
                    RateCounter.objects.create(key=cache_key, count=1, expires_at=expires_at)
            except IntegrityError:  # another process created it first
                counters.update(count=F("count") + 1)
        # The UPDATE holds the row until commit: this read includes every earlier count.
        return counters.values_list("count", flat=True).get()


def rate_limit_hit(scope: str, key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one event for (scope, key); True once the window's count exceeds `limit`.

    The key is hashed, so addresses and email addresses are not stored in clear.
    """
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    now = time.time()
    window = int(now // window_seconds)
    cache_key = f"rl:{scope}:{digest}:{window}"
    cache = _cache()
    if isinstance(cache, DatabaseCache):
        count = _count_in_table(cache_key, (window + 1) * window_seconds + 10)
    else:
        count = _count_in_cache(cache, cache_key, window_seconds + 10)
    return count > limit
