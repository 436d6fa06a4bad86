import uuid

import pytest

from accounts.models import User
from courses.models import Enrolment, EnrolmentStatus, QuizAttempt
from tests.factories import answers_for

pytestmark = pytest.mark.django_db
KI_URL = "/kurse/ki-dienstanweisung/"


def login(client, email="vorgesetzte@demo.example"):
    client.force_login(User.objects.get(email=email))


def test_catalogue_lists_the_demo_courses_with_filters(client, demo):
    html = client.get("/kurse/").content.decode()
    assert "5 Kurse" in html  # with the course that needs approval (courses.approvals.demo)
    for title in ["Generative KI in der Verwaltung: die Dienstanweisung",
                  "Datenschutz-Grundlagen für Beschäftigte",
                  "E-Akte und digitale Vorgangsbearbeitung",
                  "Barrierefreie Dokumente erstellen"]:
        assert title in html
    mandatory = client.get("/kurse/", {"pflicht": "ja"}).content.decode()
    assert "1 Kurs" in mandatory and "Dienstanweisung" in mandatory
    blended = client.get("/kurse/", {"format": "blended"}).content.decode()
    assert "E-Akte" in blended and "Barrierefreie" not in blended
    long = client.get("/kurse/", {"dauer": "lang"}).content.decode()
    assert "E-Akte" in long and "Datenschutz-Grundlagen" not in long
    safety = client.get("/kurse/", {"bereich": "4"}).content.decode()
    assert "Datenschutz-Grundlagen" in safety and "Barrierefreie" not in safety
    topic = client.get("/kurse/", {"thema": "barrierefreiheit"}).content.decode()
    assert "1 Kurs" in topic and "Barrierefreie Dokumente erstellen" in topic


def test_catalogue_search_and_learner_status_on_cards(client, demo):
    html = client.get("/kurse/", {"q": "KI-Verordnung"}).content.decode()
    assert "1 Kurs" in html and "Dienstanweisung" in html
    login(client, "lernende@demo.example")
    html = client.get("/kurse/").content.decode()
    assert "Abgeschlossen" in html and "In Bearbeitung" in html


def test_enrolment_is_a_post_never_a_get(client, ki_course, learner):
    login(client)
    assert client.get(f"/lernen/einschreiben/{ki_course.pk}/").status_code == 405
    assert not Enrolment.objects.filter(learner=learner).exists()
    response = client.post(f"/lernen/einschreiben/{ki_course.pk}/", follow=True)
    assert "Sie sind eingeschrieben" in response.content.decode()
    assert Enrolment.objects.get(learner=learner).status == EnrolmentStatus.ACTIVE


def test_enrolment_needs_a_csrf_token(ki_course, learner, demo):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    login(client)
    assert client.post(f"/lernen/einschreiben/{ki_course.pk}/").status_code == 403
    assert not Enrolment.objects.filter(learner=learner).exists()


def test_anonymous_visitor_is_sent_to_login_for_lessons(client, ki_lessons):
    response = client.get(ki_lessons[0].url)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")


def test_lesson_of_a_course_not_enrolled_in_explains_itself(client, ki_lessons):
    login(client)
    response = client.get(ki_lessons[0].url)
    assert response.status_code == 403
    html = response.content.decode()
    assert "nicht eingeschrieben" in html
    assert f'href="{KI_URL}"' in html


def test_course_page_shows_progress_and_where_to_continue(client, demo):
    login(client, "lernende@demo.example")
    html = client.get(KI_URL).content.decode()
    assert "2 von 4 Pflichtlektionen erledigt" in html
    assert "Weiter lernen" in html
    assert 'href="/kurse/ki-dienstanweisung/daten-und-ki/"' in html


def test_quiz_round_trip_with_feedback_and_completion(client, ki_course, ki_lessons, learner):
    login(client)
    client.post(f"/lernen/einschreiben/{ki_course.pk}/")
    for lesson in ki_lessons[:-1]:
        assert client.get(lesson.url).status_code == 200
        # what the lesson page's script posts on load (the GET itself records nothing)
        assert client.post(f"/lernen/lektion/{lesson.pk}/gelesen/",
                           HTTP_ACCEPT="application/json").status_code == 200
    quiz_lesson = ki_lessons[-1]
    html = client.get(quiz_lesson.url).content.decode()
    assert "Bestehensgrenze: 80 %" in html and "3 Versuche übrig" in html
    quiz_id = str(quiz_lesson.quiz_block().id)

    def post(correct):
        data = {"quiz": quiz_id, "submission_token": str(uuid.uuid4())}
        for qid, values in answers_for(quiz_lesson, correct=correct).items():
            data[f"q-{qid}"] = values
        return client.post(f"/lernen/lektion/{quiz_lesson.pk}/quiz/", data, follow=True)

    failed = post(False).content.decode()
    assert "Noch nicht bestanden" in failed
    assert "Versuch 1: 0 von 5 Punkten (0 %)" in failed
    assert "Nein: Anbieter übernehmen keine Verantwortung" in failed  # per-answer feedback
    passed = post(True).content.decode()
    assert "Bestanden" in passed and "Kurs abgeschlossen" in passed
    dashboard = client.get("/mein-bereich/").content.decode()
    assert "Generative KI in der Verwaltung: die Dienstanweisung – abgeschlossen am" in dashboard
    assert "Inhaltsversion 2026.1" in dashboard


def test_forged_quiz_post_gets_a_message_and_stores_nothing(client, ki_course, ki_lessons,
                                                            learner):
    login(client)
    client.post(f"/lernen/einschreiben/{ki_course.pk}/")
    quiz_lesson = ki_lessons[-1]
    response = client.post(f"/lernen/lektion/{quiz_lesson.pk}/quiz/", {
        "quiz": str(quiz_lesson.quiz_block().id), "submission_token": str(uuid.uuid4()),
        f"q-{uuid.uuid4()}": "x"}, follow=True)
    assert "gehören nicht zu diesem Test" in response.content.decode()
    assert not QuizAttempt.objects.filter(enrolment__learner=learner).exists()


def test_quiz_post_without_enrolment_is_refused(client, ki_lessons, learner):
    login(client)
    quiz_lesson = ki_lessons[-1]
    response = client.post(f"/lernen/lektion/{quiz_lesson.pk}/quiz/", {
        "quiz": str(quiz_lesson.quiz_block().id), "submission_token": str(uuid.uuid4())},
        follow=True)
    assert "nicht eingeschrieben" in response.content.decode()
    assert not QuizAttempt.objects.filter(enrolment__learner=learner).exists()


def test_my_area_shows_only_my_own_courses(client, demo):
    login(client)
    html = client.get("/mein-bereich/").content.decode()
    assert "Sie sind zurzeit in keinem Kurs eingeschrieben." in html
    assert "Barrierefreie Dokumente erstellen" not in html  # the demo learner's, not mine


def test_english_interface_of_the_catalogue(client, demo):
    html = client.get("/en/kurse/", {"pflicht": "ja"}).content.decode()
    assert "1 course" in html and "Mandatory" in html
