"""Sessions in the database, read by a query built once.

Django's database store builds the same query on every request, and building it costs
more than running it (a logged-in page reads its session first of all). This store builds
the read once per database and runs it with the session key and the current time; the
rows, the writing, expiry and `clearsessions` stay Django's own, shared by every process.
"""

from functools import cache

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone

_KEY, _NOW = "session-key-placeholder", timezone.now()


class SessionStore(db.SessionStore):
    def load(self):
        if not self.session_key:
            self._session_key = None
            return {}
        using = router.db_for_read(self.model)
        connection = connections[using]
        sql, key_first = _load_sql(using)
        key, now = self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(sql, [key, now] if key_first else [now, key])
            row = cursor.fetchone()
        if row is None:  # unknown or expired, as Django's store answers it
            self._session_key = None
            return {}
        return self.decode(row[0])


@cache
def _load_sql(using: str) -> tuple[str, bool]:
    """The unexpired session's data by key: (SQL, whether the key is its first parameter)."""
    query = (db.SessionStore.get_model_class().objects.using(using)
             .filter(session_key=_KEY, expire_date__gt=_NOW).values_list("session_data")
             .order_by().query)
    sql, params = query.sql_with_params()
    if len(params) != 2 or _KEY not in params:
        raise ValueError(f"unexpected parameters: {params}")
    return sql, params[0] == _KEY
