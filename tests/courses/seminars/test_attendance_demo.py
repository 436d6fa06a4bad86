"""The demo: trainer@demo.example leads a past session of the AI course whose attendance
is recorded; seeding again adds nothing."""

import io

import pytest
from django.core.management import call_command

from courses.seminars.attendance.demo import TITLE
from courses.seminars.attendance.models import Attendance
from courses.seminars.models import Session

pytestmark = pytest.mark.django_db


def test_demo_has_a_past_session_with_attendance(demo, client):
    session = Session.objects.get(title=TITLE)
    assert session.trainer.email == "trainer@demo.example"
    assert Attendance.objects.filter(day__session=session).count() == 2
    call_command("seed_demo", stdout=io.StringIO())
    assert Session.objects.filter(title=TITLE).count() == 1
    assert Attendance.objects.filter(day__session=session).count() == 2
    client.force_login(session.trainer)
    page = client.get(f"/en/mein-bereich/termine/{session.pk}/")
    assert page.status_code == 200 and b"Excused" in page.content
