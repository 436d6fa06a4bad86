"""Small builders for matching tests: applications already in the pool, straight from the
ORM (the application steps are tested elsewhere), and a look at seats from the rows."""

import datetime
import itertools

from django.utils import timezone

from tests.factories import role_user
from volunteers.models import Application, ApplicationPreference, ApplicationStatus

S = ApplicationStatus
_numbers = itertools.count(1)


def pool_application(year, placements, *, status=S.IN_REVIEW, first_name="Bea",
                     last_name=None, born=datetime.date(2006, 5, 4), host_ranks=None,
                     **fields) -> Application:
    """An application in review (or `status`) ranking `placements` in this order.

    `host_ranks`: {placement: rank} recorded as the host's suitable verdict and ranking.
    """
    number = next(_numbers)
    last_name = last_name or f"Bewerberin{number}"
    user = role_user(f"{last_name.lower()}.{number}@example.org", first_name=first_name,
                     last_name=last_name)
    application = Application.objects.create(
        applicant=user, programme_year=year, status=status, first_name=first_name,
        last_name=last_name, date_of_birth=born, contact_email=user.email,
        start_date=year.start_dates.order_by("date").first(), submitted_at=timezone.now(),
        placement=placements[0] if status == S.WAITING_LIST else None, **fields)
    for rank, placement in enumerate(placements, start=1):
        rank_by_host = (host_ranks or {}).get(placement)
        ApplicationPreference.objects.create(
            application=application, placement=placement, rank=rank,
            host_rank=rank_by_host,
            verdict=ApplicationPreference.Verdict.SUITABLE if rank_by_host else "")
    return application


def held(placement) -> int:
    """Seats taken by acceptances plus seats held by open offers, counted from the rows."""
    now = timezone.now()
    placement.refresh_from_db()
    accepted = Application.objects.filter(placement=placement, status=S.ACCEPTED).count()
    open_offers = Application.objects.filter(placement=placement, status=S.OFFERED,
                                             offer_deadline__gte=now).count()
    return accepted + open_offers
