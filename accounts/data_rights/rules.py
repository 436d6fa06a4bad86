"""Pure rules of the data rights: how long things are kept. No database here."""

from __future__ import annotations

from datetime import datetime, timedelta

EXPORT_VALID_DAYS = 7
# A double submit (or a reload of the POST) within this time gives the same request.
EXPORT_REPEAT_SECONDS = 60
UNCONFIRMED_REGISTRATION_DAYS = 7


def export_expires_at(ready_at: datetime, *, days: int = EXPORT_VALID_DAYS) -> datetime:
    return ready_at + timedelta(days=days)


def inactivity_cutoffs(now: datetime, *, retention_days: int, warning_days: int
                       ) -> tuple[datetime, datetime]:
    """(erase_before, warn_before): accounts last active before `warn_before` get the
    warning; those last active before `erase_before` (and warned at least `warning_days`
    ago) are erased."""
    erase_before = now - timedelta(days=retention_days)
    return erase_before, erase_before + timedelta(days=warning_days)


def erased_email(user_pk: int) -> str:
    """The address an erased account keeps: unique, not deliverable, says nothing."""
    return f"geloescht-{user_pk}@invalid.invalid"
