"""The trainer's pages: their sessions, the participant list, recording attendance per day
(refused before the day has begun, idempotent, history kept), who may and may not."""

import datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from courses.seminars.attendance.exceptions import (
    DayNotBegun,
    NotAParticipant,
    NotYourSession,
    SessionWasCancelled,
)
from courses.seminars.attendance.models import Attendance, AttendanceChange
from courses.seminars.attendance.rules import AttendanceStatus
from courses.seminars.attendance.services import attendance_record
from tests.courses.seminars.attendance_factories import (
    book,
    make_seminar_course,
    make_session,
    people,
    trainer_user,
)
from tests.factories import role_user

pytestmark = pytest.mark.django_db
P, A, E = AttendanceStatus.PRESENT, AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED


@pytest.fixture
def world(jobs_queued):
    course, _lessons = make_seminar_course()
    trainer = trainer_user()
    learners = people(2)
    yesterday = timezone.localdate() - datetime.timedelta(days=2)
    past = make_session(course, trainer=trainer, days=2, starts_at=timezone.make_aware(
        datetime.datetime(yesterday.year, yesterday.month, yesterday.day, 9)))
    future = make_session(course, trainer=trainer)
    for learner in learners:
        book(past, learner)
        book(future, learner)
    return {"course": course, "trainer": trainer, "learners": learners, "past": past,
            "future": future}


def url(session, suffix=""):
    return f"/en/mein-bereich/termine/{session.pk}/{suffix}"


def test_trainer_sees_own_sessions_and_participants(client, world):
    client.force_login(world["trainer"])
    listing = client.get("/en/mein-bereich/termine/")
    assert listing.status_code == 200
    assert url(world["past"]).encode() in listing.content
    page = client.get(url(world["past"]))
    assert page.status_code == 200
    for learner in world["learners"]:
        assert learner.email.encode() in page.content
        assert learner.home_unit.name.encode() in page.content
    assert b'<fieldset class="kern-fieldset">' in page.content
    assert page.content.count(b"<legend") == 4  # 2 people x 2 days


def test_another_trainer_or_a_learner_cannot_open_the_session(client, world):
    other = trainer_user("andere@example.org")
    client.force_login(other)
    assert client.get(url(world["past"])).status_code == 404
    assert client.get(url(world["past"], "unterschriften.pdf")).status_code == 404
    assert client.post(url(world["past"]), {}).status_code == 404
    client.force_login(world["learners"][0])
    assert client.get("/en/mein-bereich/termine/").status_code == 403
    assert client.get(url(world["past"])).status_code == 404


def test_coordinator_may_record_every_session(client, world):
    coordinator = role_user("koord@example.org", Role.COORDINATOR)
    client.force_login(coordinator)
    assert client.get("/en/mein-bereich/termine/").status_code == 200
    day = world["past"].days.order_by("date").first()
    learner = world["learners"][0]
    response = client.post(url(world["past"]), {f"a-{day.pk}-{learner.pk}": P})
    assert response.status_code == 302
    record = Attendance.objects.get(day=day, person=learner)
    assert record.status == P and record.recorded_by == coordinator


def test_recording_posts_radio_choices_and_keeps_history(client, world):
    client.force_login(world["trainer"])
    days = list(world["past"].days.order_by("date"))
    first, second = world["learners"]
    data = {f"a-{days[0].pk}-{first.pk}": P, f"a-{days[1].pk}-{first.pk}": P,
            f"a-{days[0].pk}-{second.pk}": A, f"a-{days[1].pk}-{second.pk}": E}
    response = client.post(url(world["past"]), data, follow=True)
    assert b"4 record(s) changed" in response.content
    assert Attendance.objects.count() == 4
    again = client.post(url(world["past"]), data, follow=True)  # a double submit
    assert b"Nothing changed" in again.content
    assert AttendanceChange.objects.count() == 4
    data[f"a-{days[1].pk}-{second.pk}"] = P
    client.post(url(world["past"]), data)
    change = AttendanceChange.objects.order_by("pk").last()
    assert (change.from_status, change.to_status, change.changed_by) == (E, P,
                                                                          world["trainer"])
    history = client.get(url(world["past"])).content.decode()
    assert "Changes to the attendance" in history and "(before: Excused)" in history


def test_before_the_session_recording_is_refused_with_a_message(client, world):
    client.force_login(world["trainer"])
    page = client.get(url(world["future"]))
    assert b"can be recorded once the session has begun" in page.content
    assert b"<legend" not in page.content
    day = world["future"].days.get()
    learner = world["learners"][0]
    response = client.post(url(world["future"]), {f"a-{day.pk}-{learner.pk}": P},
                           follow=True)
    assert b"can be recorded only once that day" in response.content
    assert not Attendance.objects.exists()


def test_service_refusals(world):
    day = world["future"].days.get()
    learner = world["learners"][0]
    with pytest.raises(DayNotBegun):
        attendance_record(session=world["future"], actor=world["trainer"],
                          marks={(day.pk, learner.pk): P})
    stranger = people(1, prefix="fremd")[0]
    past_day = world["past"].days.first()
    with pytest.raises(NotAParticipant):
        attendance_record(session=world["past"], actor=world["trainer"],
                          marks={(past_day.pk, stranger.pk): P})
    with pytest.raises(NotYourSession):
        attendance_record(session=world["past"], actor=learner,
                          marks={(past_day.pk, learner.pk): P})


def test_a_bad_choice_is_a_clear_message_and_nothing_is_saved(client, world):
    client.force_login(world["trainer"])
    day = world["past"].days.first()
    learner = world["learners"][0]
    response = client.post(url(world["past"]), {f"a-{day.pk}-{learner.pk}": "maybe"})
    assert response.status_code == 200
    assert b"Please choose present, absent or excused." in response.content
    assert not Attendance.objects.exists()


def test_the_recording_day_may_be_recorded_while_it_runs(world):
    """A day counts as begun from its start time: the trainer records on the day."""
    day = world["future"].days.get()
    start = timezone.make_aware(datetime.datetime.combine(day.date, day.starts_at))
    result = attendance_record(session=world["future"], actor=world["trainer"],
                               marks={(day.pk, world["learners"][0].pk): P},
                               now=start + datetime.timedelta(minutes=1))
    assert result.changed == 1


def test_my_area_links_trainers_to_their_sessions(client, world):
    client.force_login(world["trainer"])
    assert b'href="/en/mein-bereich/termine/"' in client.get("/en/mein-bereich/").content
    client.force_login(world["learners"][0])
    assert b"/mein-bereich/termine/" not in client.get("/en/mein-bereich/").content


def test_a_cancelled_session_takes_no_attendance(world):
    session = world["past"]
    session.state, session.cancel_reason = "cancelled", "Krankheit"
    session.save()
    with pytest.raises(SessionWasCancelled):
        attendance_record(session=session, actor=world["trainer"],
                          marks={(session.days.first().pk, world["learners"][0].pk): P})
