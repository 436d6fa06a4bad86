"""The demo: the AI course mandatory for a ministry and a district; the demo supervisor's
team shows done, in progress, overdue and not started; one certificate close to expiry."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from certificates.models import Certificate
from courses.assignments.models import Assignment, PersonAssignment
from courses.assignments.selectors import compliance_rows
from courses.models import CoursePage
from courses.rules import ComplianceState as CS

pytestmark = pytest.mark.django_db


def test_the_demo_supervisors_team_shows_every_state(demo):
    supervisor = User.objects.get(email="vorgesetzte@demo.example")
    ki = CoursePage.objects.get(slug="ki-dienstanweisung")
    states = {row.person_email: row.state for row in compliance_rows(
        users=supervisor.reports.all(), courses=[ki.pk])}
    assert states == {"mia.becker@demo.example": CS.COMPLETED,
                      "lena.fischer@demo.example": CS.IN_PROGRESS,
                      "paul.schmidt@demo.example": CS.OVERDUE,
                      "tim.hartmann@demo.example": CS.NOT_STARTED}
    assert set(Assignment.objects.filter(course=ki).values_list("unit__code", flat=True)) \
        == {"th-tmikl", "lk-ilm-kreis"}


def test_one_certificate_expires_soon(demo):
    soon = timezone.localdate() + timedelta(days=30)
    certificate = Certificate.objects.get(recipient__email="mia.becker@demo.example",
                                          title__startswith="Datenschutz")
    assert certificate.valid_until is not None
    assert timezone.localdate() < certificate.valid_until <= soon
    row = PersonAssignment.objects.get(user__email="mia.becker@demo.example",
                                       course__slug="datenschutz-grundlagen")
    assert row.valid_until == certificate.valid_until


def test_seeding_again_changes_nothing(demo):
    before = (Assignment.objects.count(), PersonAssignment.objects.count(),
              Certificate.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Assignment.objects.count(), PersonAssignment.objects.count(),
            Certificate.objects.count()) == before


def test_the_demo_logins_are_not_assigned_anything(demo):
    assert not PersonAssignment.objects.filter(user__email__in=[
        "vorgesetzte@demo.example", "lernende@demo.example", "koordination@demo.example",
        "einsatzstelle@demo.example"]).exists()
