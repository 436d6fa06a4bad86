"""Tables of the kernel: only mechanics, no domain data."""

from django.db import models


class RateCounter(models.Model):
    """One fixed-window counter of `core.ratelimit` when there is no Redis.

    Incremented with a single UPDATE … SET count = count + 1, so concurrent processes never
    lose a count (the database cache's read-modify-write `incr` does).
    """

    key = models.CharField(max_length=120, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.FloatField(db_index=True)  # seconds since the epoch

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
