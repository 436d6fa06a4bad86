"""Sessions in the database, read by a query built once (core.prepared).

Django's database store builds the same query on every request, and building it costs
more than running it (a logged-in page reads its session first of all). This store runs a
prepared query with the session key and the current time; the rows, the writing, expiry
and `clearsessions` stay Django's own, shared by every process.
"""

from django.contrib.sessions.backends import db
from django.db import router
from django.utils import timezone

from core.prepared import PreparedQuery

_unexpired_data = PreparedQuery(
    lambda key, now: db.SessionStore.get_model_class().objects
    .filter(session_key=key, expire_date__gt=now).values_list("session_data").order_by())


def unexpired_session_data(session_key: str) -> str | None:
    """The stored (encoded) data of the session with this key, None if it is unknown or
    expired: one prepared query on Django's session table."""
    model = db.SessionStore.get_model_class()
    rows = _unexpired_data(session_key, timezone.now(), using=router.db_for_read(model))
    return rows[0][0] if rows else None


class SessionStore(db.SessionStore):
    def load(self):
        if not self.session_key:
            self._session_key = None
            return {}
        data = unexpired_session_data(self.session_key)
        if data is None:  # unknown or expired, as Django's store answers it
            self._session_key = None
            return {}
        return self.decode(data)
