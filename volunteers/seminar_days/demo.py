"""Demo content of the seminar days: the plan and attendance of "Jahrgang 2025/26", whose
services volunteers.service.demo seeds. Called by volunteers.demo.seed_volunteers after
it; idempotent (a year that has seminar groups is left as it is).

- Group "Nord" (September starters Anna Schmidt, Ben Krüger): six seminars of five days,
  30 days = the minimum of 25 plus the year's 5 digital days.
- Group "Süd" (February starters Clara Hahn, Jonas Wagner): six seminars of five days, the
  digital workshop over a weekend (two replacement days off each).
- Attendance is recorded for every day before today, everyone present. Clara Hahn, extended
  to 18 months (36 days), has only the plan's 30 days: flagged amber on seminar days.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from volunteers.models import (
    ProgrammeYear,
    Seminar,
    SeminarAttendance,
    SeminarGroup,
    SeminarTerms,
    Service,
)
from volunteers.seminar_days.rules import AttendanceStatus, SeminarKind

YEAR_NAME = "Jahrgang 2025/26"
D = datetime.date
K = SeminarKind
# group, kind, title, first day, place
PLAN = [
    ("Nord", K.INTRODUCTORY, "Einführungsseminar", D(2025, 9, 15), "Jugendherberge Weimar"),
    ("Nord", K.INTERIM, "Digitalwerkstatt", D(2025, 10, 13), "Makerspace Erfurt"),
    ("Nord", K.INTERIM, "Zwischenseminar: Medien und Demokratie", D(2025, 11, 17),
     "Bildungsstätte Sonneberg"),
    ("Nord", K.INTERIM, "Zwischenseminar: Datenschutz im Alltag", D(2026, 1, 19),
     "Jugendherberge Weimar"),
    ("Nord", K.INTERIM, "Zwischenseminar: Projekte zeigen", D(2026, 4, 20),
     "Volkshochschule Jena"),
    ("Nord", K.FINAL, "Abschlussseminar", D(2026, 7, 6), "Jugendherberge Weimar"),
    ("Süd", K.INTRODUCTORY, "Einführungsseminar", D(2026, 2, 16), "Bildungsstätte Sonneberg"),
    ("Süd", K.INTERIM, "Digitalwerkstatt am Wochenende", D(2026, 3, 14), "Makerspace Erfurt"),
    ("Süd", K.INTERIM, "Zwischenseminar: Medien und Demokratie", D(2026, 5, 11),
     "Jugendherberge Weimar"),
    ("Süd", K.INTERIM, "Zwischenseminar: Datenschutz im Alltag", D(2026, 9, 14),
     "Volkshochschule Jena"),
    ("Süd", K.INTERIM, "Zwischenseminar: Projekte zeigen", D(2026, 11, 9),
     "Bildungsstätte Sonneberg"),
    ("Süd", K.FINAL, "Abschlussseminar", D(2027, 1, 11), "Jugendherberge Weimar"),
]
GROUPS = {
    "Nord": ("anna.schmidt@demo.example", "ben.krueger@demo.example"),
    "Süd": ("clara.hahn@demo.example", "jonas.wagner@demo.example"),
}


@transaction.atomic
def seed_seminar_days() -> ProgrammeYear | None:
    """The seminar plan, groups and attendance of the previous programme year."""
    year = ProgrammeYear.objects.filter(name=YEAR_NAME).first()
    if year is None or SeminarGroup.objects.filter(programme_year=year).exists():
        return year
    SeminarTerms.objects.get_or_create(programme_year=year,
                                       defaults={"extra_digital_days": 5})
    responsible = (User.objects.filter(groups__name=Role.COORDINATOR.value)
                   .order_by("pk").first())
    services = {service.volunteer.email: service for service in Service.objects.filter(
        programme_year=year).select_related("volunteer")}
    groups, members = {}, {}
    for name, emails in GROUPS.items():
        groups[name] = SeminarGroup.objects.create(programme_year=year, name=name)
        members[name] = [services[email] for email in emails if email in services]
        groups[name].services.add(*members[name])
    today = timezone.localdate()
    now = timezone.now()
    rows = []
    for group_name, kind, title, first, place in PLAN:
        seminar = Seminar.objects.create(
            programme_year=year, kind=kind, title=title, group=groups[group_name],
            first_day=first, last_day=first + datetime.timedelta(days=4), place=place,
            responsible=responsible)
        for offset in range(5):
            day = first + datetime.timedelta(days=offset)
            if day >= today:
                continue
            rows += [SeminarAttendance(seminar=seminar, day=day, service=service,
                                       status=AttendanceStatus.PRESENT, recorded_by=responsible,
                                       recorded_at=now)
                     for service in members[group_name]
                     if service.start_date <= day <= service.last_day]
    SeminarAttendance.objects.bulk_create(rows)
    return year
