"""Builders for the seminar-day tests: services without the agreement workflow."""

import datetime
from decimal import Decimal

from accounts.roles import Role
from tests.factories import role_user
from volunteers.models import Application, Seminar, SeminarGroup, Service


def make_service(year, placement, email, *, first="Lea", last="Schubert",
                 start=datetime.date(2025, 9, 1), end=datetime.date(2026, 8, 31),
                 status="active", born=datetime.date(2005, 3, 4), **extra):
    user = role_user(email, Role.VOLUNTEER, first_name=first, last_name=last)
    application = Application.objects.create(
        applicant=user, programme_year=year, status="accepted", placement=placement,
        first_name=first, last_name=last, date_of_birth=born)
    fields = {"pocket_money": Decimal("400"), "leave_days_agreed": 26, **extra}
    return Service.objects.create(application=application, programme_year=year,
                                  placement=placement, volunteer=user, status=status,
                                  start_date=start, planned_end=end, **fields)


def make_group(year, *services, name="Gruppe A"):
    group = SeminarGroup.objects.create(programme_year=year, name=name)
    group.services.add(*services)
    return group


def make_seminar(year, group, first, last=None, *, kind="introductory", title="Einführung",
                 responsible=None):
    return Seminar.objects.create(programme_year=year, group=group, kind=kind, title=title,
                                  first_day=first, last_day=last or first, place="Erfurt",
                                  responsible=responsible)


def english_admin(user):
    """The admin speaks English to `user` (tests read the English texts)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user
