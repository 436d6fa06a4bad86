"""The signature sheet: a private PDF with the course, the days, the place, the trainer and
one row per participant with a signature box per day; German headings, page numbers."""

import io

import pytest
from pypdf import PdfReader

from courses.seminars.attendance.selectors import participant_rows, session_days
from courses.seminars.attendance.signature_sheet import signature_sheet_pdf
from tests.courses.seminars.attendance_factories import (
    book,
    make_seminar_course,
    make_session,
    people,
    trainer_user,
)

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_sheet_names_course_days_place_trainer_and_everyone(client):
    course, _lessons = make_seminar_course(title="KI im Büro")
    trainer = trainer_user()
    session = make_session(course, trainer=trainer, days=2)
    learners = people(3)
    for learner in learners:
        book(session, learner)
    client.force_login(trainer)
    response = client.get(f"/mein-bereich/termine/{session.pk}/unterschriften.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = text_of(response.content)
    assert "Unterschriftenliste" in text and "KI im Büro" in text
    assert "Erfurt" in text and "Raum 2.14" in text and "Tina Trainer" in text
    for day in session.days.all():
        assert f"{day.date:%d.%m.%Y}" in text
    for learner in learners:
        assert learner.last_name in text
    assert "Seite 1 von 1" in text


def test_long_lists_get_numbered_pages_and_the_heading_repeats():
    course, _lessons = make_seminar_course()
    session = make_session(course, trainer_name="Extern, Eva", seats=60)
    for learner in people(40):
        book(session, learner)
    pdf = signature_sheet_pdf(session=session, days=session_days(session),
                              rows=participant_rows(session=session))
    reader = PdfReader(io.BytesIO(pdf))
    pages = len(reader.pages)
    assert pages > 1
    last = reader.pages[-1].extract_text()
    assert f"Seite {pages} von {pages}" in last
    assert "Organisationseinheit" in last  # the table heading on every page


def test_sheet_of_a_session_nobody_booked():
    course, _lessons = make_seminar_course()
    session = make_session(course)
    pdf = signature_sheet_pdf(session=session, days=session_days(session), rows=[])
    assert "niemand gebucht" in text_of(pdf)
