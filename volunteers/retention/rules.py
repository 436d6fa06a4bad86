"""How long the volunteer programme keeps what, as pure rules (no database).

The periods are settings, stated on the privacy page: rejected and withdrawn applications
are anonymised `application_retention_months()` after their programme year's first start
date; a finished service's records are deleted `service_retention_years()` after its last
day (§ 147 AO-like retention for the Bescheinigung and the agreement).
"""

import datetime

from django.conf import settings

from core.dates import add_months

APPLICATION_RETENTION_MONTHS = 6  # after the programme year's first start date
SERVICE_RETENTION_YEARS = 10  # after the last day of service


def application_retention_months() -> int:
    """Months after a programme year's start when its rejected and withdrawn applications
    are anonymised (setting VOLUNTEER_APPLICATION_RETENTION_MONTHS, default 6)."""
    return int(getattr(settings, "VOLUNTEER_APPLICATION_RETENTION_MONTHS",
                       APPLICATION_RETENTION_MONTHS))


def service_retention_years() -> int:
    """Years after the last day of service when its agreements, attendance and
    Bescheinigung are deleted (setting VOLUNTEER_SERVICE_RETENTION_YEARS, default 10)."""
    return int(getattr(settings, "VOLUNTEER_SERVICE_RETENTION_YEARS",
                       SERVICE_RETENTION_YEARS))


def retention_due(*, since: datetime.date, months: int, today: datetime.date) -> bool:
    """Whether `months` months have passed since `since` (the day itself counts)."""
    return add_months(since, months) <= today


def retention_cutoff(*, today: datetime.date, months: int) -> datetime.date:
    """The last day whose records are due on `today`: `months` months before it."""
    return add_months(today, -months)
