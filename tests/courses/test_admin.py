import pytest

from accounts.models import User
from courses.models import CoursePage, Enrolment, LessonPage

pytestmark = pytest.mark.django_db


def test_editor_opens_course_and_quiz_lesson_in_the_page_editor(client, demo):
    client.force_login(User.objects.get(email="redaktion@demo.example"))
    course = CoursePage.objects.get(slug="ki-dienstanweisung")
    quiz_lesson = LessonPage.objects.get(slug="abschlusstest")
    course_edit = client.get(f"/admin/pages/{course.pk}/edit/")
    assert course_edit.status_code == 200
    assert "content_version" in course_edit.content.decode()
    lesson_edit = client.get(f"/admin/pages/{quiz_lesson.pk}/edit/")
    assert lesson_edit.status_code == 200
    assert "Abschlusstest zur Dienstanweisung" in lesson_edit.content.decode()


def test_editor_preview_of_a_lesson_needs_no_enrolment(client, demo):
    client.force_login(User.objects.get(email="redaktion@demo.example"))
    quiz_lesson = LessonPage.objects.get(slug="abschlusstest")
    response = client.get(f"/admin/pages/{quiz_lesson.pk}/view_draft/")
    assert response.status_code == 200
    assert "Abschlusstest zur Dienstanweisung" in response.content.decode()


def test_coordinator_sees_enrolments_with_completed_version(client, demo):
    client.force_login(User.objects.get(email="koordination@demo.example"))
    response = client.get("/admin/enrolments/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Barrierefreie Dokumente erstellen" in html and "2025.2" in html
    export = client.get("/admin/enrolments/?export=csv")
    assert export.status_code == 200
    rows = b"".join(export.streaming_content).decode()
    assert "lernende@demo.example,Barrierefreie Dokumente erstellen,Abgeschlossen" in rows


def test_learner_cannot_withdraw_someone_elses_enrolment(client, demo):
    other = Enrolment.objects.filter(learner__email="lernende@demo.example").first()
    client.force_login(User.objects.get(email="vorgesetzte@demo.example"))
    assert client.post(f"/lernen/abmelden/{other.pk}/").status_code == 404
    other.refresh_from_db()
    assert other.status != "withdrawn"
