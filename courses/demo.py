"""Demo courses for `seed_demo`: four real-looking courses, a learner mid-way and one done."""

import json
import uuid
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import OrgUnit, User
from accounts.roles import Role
from accounts.services import user_ensure
from certificates.models import Certificate
from courses.assignments.models import (
    Assignment,
    AssignmentReach,
    Completion,
    PersonAssignment,
)
from courses.assignments.services import assignment_apply, assignment_create
from courses.h5p.demo import seed_h5p_demo
from courses.models import (
    CompetenceArea,
    CourseFormat,
    CourseIndexPage,
    CoursePage,
    CourseTopic,
    Enrolment,
    LessonPage,
    LessonRequirement,
    ModulePage,
)
from courses.quizzes.scoring import quiz_questions
from courses.quizzes.services import quiz_attempt_submit
from courses.rules import completion_valid_until
from courses.services import enrolment_create, lesson_view_record

NAMESPACE = uuid.UUID("6b1f6f9e-3c55-4b8e-9a52-0e1d2a7c9b10")


def _id(*parts: str) -> str:
    """Stable block ids, so a second seed run and every answer form agree on them."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def _text(key: str, *paragraphs: str) -> dict:
    return {"type": "paragraph", "id": _id(key, "text"),
            "value": "".join(f"<p>{p}</p>" for p in paragraphs)}


def _callout(key: str, kind: str, title: str, text: str) -> dict:
    return {"type": "callout", "id": _id(key, "callout"),
            "value": {"kind": kind, "title": title, "text": f"<p>{text}</p>"}}


def _single(key: str, question: str, options: list[tuple[str, bool, str]]) -> dict:
    return {"type": "single_choice", "id": _id(key, question), "value": {
        "question": question,
        "options": [{"type": "item", "id": _id(key, question, text),
                     "value": {"text": text, "correct": correct, "feedback": feedback}}
                    for text, correct, feedback in options]}}


def _multiple(key: str, question: str, options: list[tuple[str, bool, str]]) -> dict:
    block = _single(key, question, options)
    block["type"] = "multiple_choice"
    return block


def _true_false(key: str, statement: str, correct: bool, feedback: str) -> dict:
    return {"type": "true_false", "id": _id(key, statement),
            "value": {"question": statement, "correct": correct, "feedback": feedback}}


def _short(key: str, question: str, accepted: list[str], feedback: str) -> dict:
    return {"type": "short_text", "id": _id(key, question), "value": {
        "question": question, "case_sensitive": False, "feedback": feedback,
        "accepted_answers": [{"type": "item", "id": _id(key, question, a), "value": a}
                             for a in accepted]}}


def _quiz(key: str, title: str, pass_mark: int, max_attempts: int, questions: list) -> dict:
    return {"type": "quiz", "id": _id(key, "quiz"), "value": {
        "title": title, "pass_mark": pass_mark, "max_attempts": max_attempts,
        "shuffle_questions": False, "shuffle_answers": False, "show_feedback": True,
        "questions": questions}}


KI = "ki-dienstanweisung"
DS = "datenschutz-grundlagen"
EA = "e-akte"
BF = "barrierefreie-dokumente"

COURSES = [
    {
        "slug": KI, "title": "Generative KI in der Verwaltung: die Dienstanweisung",
        "teaser": ("Die verbindliche Dienstanweisung des Landes zum Einsatz generativer KI: "
                   "was erlaubt ist, was nicht, und wie Sie KI-Werkzeuge sicher nutzen."),
        "description": ("<p>Seit Februar 2025 verlangt die KI-Verordnung der EU (Art. 4), dass "
                        "Beschäftigte, die KI-Systeme einsetzen, über ausreichende "
                        "KI-Kompetenz verfügen. Diese Pflichtschulung vermittelt die "
                        "Dienstanweisung des Landes und schließt mit einem Test ab.</p>"),
        "learning_objectives": ("<ul><li>Sie erklären, wie generative KI Texte erzeugt und wo "
                                "ihre Grenzen liegen.</li><li>Sie wenden die Regeln der "
                                "Dienstanweisung im Arbeitsalltag an.</li><li>Sie erkennen "
                                "Daten, die nie in ein KI-Werkzeug gehören.</li></ul>"),
        "target_group": "Alle Beschäftigten des Landes und der Kommunen, die KI-Werkzeuge nutzen.",
        "duration_minutes": 45, "format": CourseFormat.ONLINE, "topic": "ki",
        "areas": ["2", "4"], "is_mandatory": True, "content_version": "2026.1",
        "validity_months": 24,
        "lessons": [
            ("was-ist-generative-ki", "Was ist generative KI?", LessonRequirement.VIEWED, [
                _text(KI + "1", "Generative KI erzeugt neue Inhalte – Texte, Bilder, Code – "
                      "auf Grundlage von Mustern, die sie aus großen Datenmengen gelernt hat.",
                      "Sprachmodelle sagen Wort für Wort voraus, was wahrscheinlich folgt. "
                      "Deshalb klingen ihre Antworten flüssig, sind aber nicht immer richtig."),
                _callout(KI + "1", "warning", "Halluzinationen",
                         "KI-Werkzeuge erfinden mitunter Fakten, Quellen und Paragrafen. "
                         "Prüfen Sie jedes Ergebnis, bevor Sie es verwenden."),
            ]),
            ("dienstanweisung-ueberblick", "Die Dienstanweisung im Überblick",
             LessonRequirement.VIEWED, [
                 _text(KI + "2", "Die Dienstanweisung regelt, welche KI-Werkzeuge dienstlich "
                       "genutzt werden dürfen, welche Daten eingegeben werden dürfen und wer "
                       "für das Ergebnis verantwortlich bleibt.",
                       "Grundsatz: Die Verantwortung für jede Entscheidung und jedes Schreiben "
                       "bleibt beim Menschen. KI-Ergebnisse sind Entwürfe."),
             ]),
            ("daten-und-ki", "Personenbezogene Daten und Verschlusssachen",
             LessonRequirement.VIEWED, [
                 _text(KI + "3", "Personenbezogene Daten, Verschlusssachen und "
                       "Betriebsgeheimnisse dürfen nicht in frei verfügbare KI-Dienste "
                       "eingegeben werden.",
                       "Nutzen Sie ausschließlich die vom Land freigegebenen Werkzeuge und "
                       "anonymisieren Sie Beispiele, bevor Sie sie verwenden."),
             ]),
            ("abschlusstest", "Abschlusstest", LessonRequirement.PASSED, [
                _text(KI + "4", "Zum Abschluss prüfen zehn Minuten lang fünf Fragen Ihr Wissen. "
                      "Sie bestehen ab 80 Prozent und haben drei Versuche."),
                _quiz(KI + "4", "Abschlusstest zur Dienstanweisung", 80, 3, [
                    _single(KI + "q",
                            "Wer ist für ein mit KI erstelltes Schreiben verantwortlich?", [
                        ("Die Person, die es verwendet und zeichnet", True,
                         "Richtig: Die Verantwortung bleibt beim Menschen."),
                        ("Der Anbieter des KI-Werkzeugs", False,
                         "Nein: Anbieter übernehmen keine Verantwortung für Ihre Vorgänge."),
                        ("Niemand, wenn die KI es geschrieben hat", False,
                         "Nein: KI-Ergebnisse sind immer nur Entwürfe."),
                    ]),
                    _multiple(KI + "q",
                              "Welche Daten dürfen nicht in einen frei verfügbaren KI-Dienst?", [
                        ("Namen und Anschriften von Bürgerinnen und Bürgern", True, ""),
                        ("Als Verschlusssache eingestufte Inhalte", True, ""),
                        ("Ein selbst formulierter, anonymer Beispieltext", False,
                         "Anonyme Beispiele sind erlaubt."),
                    ]),
                    _true_false(KI + "q", "KI-Werkzeuge geben Quellen immer korrekt an.", False,
                                "Falsch: Quellenangaben können erfunden sein."),
                    _true_false(KI + "q", "Nur vom Land freigegebene KI-Werkzeuge dürfen "
                                "dienstlich genutzt werden.", True,
                                "Richtig: So steht es in der Dienstanweisung."),
                    _short(KI + "q", "Wie heißt das Phänomen, wenn eine KI Fakten erfindet?",
                           ["Halluzination", "Halluzinationen", "Halluzinieren"],
                           "Man spricht von Halluzinationen."),
                ]),
            ]),
        ],
    },
    {
        "slug": DS, "title": "Datenschutz-Grundlagen für Beschäftigte",
        "teaser": "Die DSGVO im Arbeitsalltag der Verwaltung: Grundbegriffe, Rechte, Pannen.",
        "description": ("<p>Was sind personenbezogene Daten, wann dürfen Sie sie verarbeiten, "
                        "und was tun Sie bei einer Datenpanne? Der Kurs ist alle zwei Jahre "
                        "zu wiederholen.</p>"),
        "learning_objectives": "<ul><li>Sie erkennen personenbezogene Daten.</li>"
                               "<li>Sie melden Datenpannen richtig.</li></ul>",
        "target_group": "Alle Beschäftigten.",
        "duration_minutes": 90, "format": CourseFormat.ONLINE, "topic": "datenschutz",
        "areas": ["1", "4"], "is_mandatory": False, "content_version": "2026.1",
        "validity_months": 24,
        "modules": [
            ("grundbegriffe", "Modul 1: Grundbegriffe", [
                ("personenbezogene-daten", "Personenbezogene Daten", LessonRequirement.VIEWED, [
                    _text(DS + "1", "Personenbezogen sind alle Informationen, die sich auf eine "
                          "identifizierte oder identifizierbare Person beziehen – auch "
                          "Aktenzeichen oder IP-Adressen können dazu gehören."),
                ]),
                ("rechtsgrundlagen", "Rechtsgrundlagen", LessonRequirement.VIEWED, [
                    _text(DS + "2", "Behörden verarbeiten Daten meist zur Erfüllung einer "
                          "Aufgabe im öffentlichen Interesse (Art. 6 Abs. 1 lit. e DSGVO)."),
                ]),
            ]),
            ("arbeitsalltag", "Modul 2: Im Arbeitsalltag", [
                ("datenpanne", "Datenpanne – was nun?", LessonRequirement.VIEWED, [
                    _text(DS + "3", "Eine Datenpanne muss innerhalb von 72 Stunden an die "
                          "Aufsichtsbehörde gemeldet werden. Informieren Sie sofort Ihre "
                          "Datenschutzbeauftragte oder Ihren Datenschutzbeauftragten."),
                ]),
                ("wissenstest-datenschutz", "Wissenstest", LessonRequirement.PASSED, [
                    _quiz(DS + "4", "Wissenstest Datenschutz", 70, 0, [
                        _single(DS + "q",
                                "Innerhalb welcher Frist ist eine Datenpanne zu melden?", [
                            ("24 Stunden", False, ""), ("72 Stunden", True, ""),
                            ("Zwei Wochen", False, "")]),
                        _true_false(DS + "q", "Eine IP-Adresse kann ein personenbezogenes "
                                    "Datum sein.", True, ""),
                        _true_false(DS + "q", "Datenschutz gilt nicht für Papierakten.", False,
                                    "Die DSGVO gilt auch für strukturierte Papierakten."),
                    ]),
                ]),
            ]),
        ],
    },
    {
        "slug": EA, "title": "E-Akte und digitale Vorgangsbearbeitung",
        "teaser": "Vom Posteingang bis zur Aussonderung: Vorgänge vollständig digital führen.",
        "description": "<p>Online-Teil und ein halbtägiges Praxisseminar im Landesamt.</p>",
        "learning_objectives": "<ul><li>Sie legen Vorgänge in der E-Akte richtig an.</li></ul>",
        "target_group": "Sachbearbeitung in Landesbehörden.",
        "duration_minutes": 240, "format": CourseFormat.BLENDED, "topic": "e-akte",
        "areas": ["1", "5"], "is_mandatory": False, "content_version": "1",
        "lessons": [
            ("grundlagen-e-akte", "Grundlagen der E-Akte", LessonRequirement.VIEWED, [
                _text(EA + "1", "Die E-Akte ersetzt die Papierakte vollständig; das "
                      "Thüringer E-Government-Gesetz verpflichtet die Landesbehörden dazu."),
            ]),
            ("posteingang", "Posteingang digitalisieren", LessonRequirement.VIEWED, [
                _text(EA + "2", "Papierpost wird gescannt, geprüft und dem Vorgang "
                      "zugeordnet (ersetzendes Scannen nach TR-RESISCAN)."),
            ]),
            ("selbsttest-e-akte", "Selbsttest", LessonRequirement.ANSWERED, [
                _quiz(EA + "3", "Selbsttest E-Akte", 50, 0, [
                    _true_false(EA + "q", "Nach dem ersetzenden Scannen darf das Papier "
                                "unter Bedingungen vernichtet werden.", True, ""),
                    _short(EA + "q", "Wie heißt die Technische Richtlinie zum ersetzenden "
                           "Scannen?", ["TR-RESISCAN", "RESISCAN"], ""),
                ]),
            ]),
        ],
    },
    {
        "slug": BF, "title": "Barrierefreie Dokumente erstellen",
        "teaser": "Word- und PDF-Dokumente so gestalten, dass alle sie lesen können.",
        "description": "<p>Überschriften, Alternativtexte, Tabellen und der PDF-Export.</p>",
        "learning_objectives": "<ul><li>Sie erstellen barrierefreie PDF-Dokumente.</li></ul>",
        "target_group": "Alle, die Dokumente für die Öffentlichkeit erstellen.",
        "duration_minutes": 60, "format": CourseFormat.ONLINE, "topic": "barrierefreiheit",
        "areas": ["3"], "is_mandatory": False, "content_version": "2025.2",
        "lessons": [
            ("struktur", "Struktur mit Formatvorlagen", LessonRequirement.VIEWED, [
                _text(BF + "1", "Screenreader navigieren über Überschriften. Nutzen Sie "
                      "deshalb Formatvorlagen statt fetter Schrift."),
            ]),
            ("alternativtexte", "Alternativtexte für Bilder", LessonRequirement.VIEWED, [
                _text(BF + "2", "Ein Alternativtext beschreibt, was ein Bild aussagt – nicht, "
                      "wie es aussieht."),
            ]),
            ("test-barrierefreiheit", "Kurztest", LessonRequirement.PASSED, [
                _quiz(BF + "3", "Kurztest Barrierefreiheit", 60, 0, [
                    _true_false(BF + "q", "Fette Schrift ersetzt eine Überschrift.", False, ""),
                    _single(BF + "q", "Was gehört in einen Alternativtext?", [
                        ("Die Aussage des Bildes", True, ""),
                        ("Der Dateiname", False, ""), ("Nichts", False, "")]),
                ]),
            ]),
        ],
    },
]

TOPICS = [("ki", "Künstliche Intelligenz", "Artificial intelligence"),
          ("datenschutz", "Datenschutz", "Data protection"),
          ("e-akte", "E-Akte und Prozesse", "E-files and processes"),
          ("barrierefreiheit", "Barrierefreiheit", "Accessibility")]


def _child(parent, model, slug: str, **fields):
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _lesson(parent, slug, title, requirement, body):
    return _child(parent, LessonPage, slug, title=title, requirement=requirement,
                  body=json.dumps(body), duration_minutes=10)


@transaction.atomic
def seed_courses(*, index: CourseIndexPage) -> dict[str, CoursePage]:
    topics = {slug: CourseTopic.objects.get_or_create(
        slug=slug, defaults={"name": name, "name_en": name_en})[0]
        for slug, name, name_en in TOPICS}
    courses = {}
    for data in COURSES:
        data = dict(data)
        lessons, modules = data.pop("lessons", []), data.pop("modules", [])
        areas, topic = data.pop("areas"), data.pop("topic")
        existing = index.get_children().filter(slug=data["slug"]).exists()
        course = _child(index, CoursePage, data.pop("slug"), topic=topics[topic], **data)
        if not existing:
            course.competence_areas.set(CompetenceArea.objects.filter(code__in=areas))
            course.save_revision().publish()
        for slug, title, requirement, body in lessons:
            _lesson(course, slug, title, requirement, body)
        for slug, title, module_lessons in modules:
            module = _child(course, ModulePage, slug, title=title)
            for lesson_slug, lesson_title, requirement, body in module_lessons:
                _lesson(module, lesson_slug, lesson_title, requirement, body)
        courses[course.slug] = course
    return courses


def seed_h5p_lesson(*, courses: dict[str, CoursePage]) -> LessonPage:
    """An interactive H5P exercise in the E-Akte course, answered to count."""
    content = seed_h5p_demo()
    body = [
        _text(EA + "h5p", "Auch im digitalen Posteingang landen verdächtige E-Mails. Die "
              "Übung läuft direkt im Browser; Ihre Antwort zählt, sobald Sie sie abgeschickt "
              "haben."),
        {"type": "h5p", "id": _id(EA, "h5p"), "value": {
            "content": content.pk, "title": "Übung: verdächtige E-Mails im Posteingang",
            "completion": "answered", "pass_mark": 80}},
    ]
    return _lesson(courses[EA], "uebung-posteingang", "Übung: verdächtige E-Mails",
                   LessonRequirement.ANSWERED, body)


def seed_learner_progress(*, courses: dict[str, CoursePage]) -> None:
    """The demo learner: part-way through the AI course, finished with accessible documents."""
    learner = User.objects.filter(email="lernende@demo.example").first()
    if learner is None or Enrolment.objects.filter(learner=learner).exists():
        return
    ki = enrolment_create(learner=learner, course=courses[KI])
    for lesson in LessonPage.objects.live().descendant_of(courses[KI]).order_by("path")[:2]:
        lesson_view_record(enrolment=ki, lesson=lesson)
    done = enrolment_create(learner=learner, course=courses[BF])
    for lesson in LessonPage.objects.live().descendant_of(courses[BF]).order_by("path"):
        lesson_view_record(enrolment=done, lesson=lesson)
        quiz = lesson.quiz_block()
        if quiz is not None:
            answers = {}
            for question in quiz_questions(quiz.value):
                if question.block_type == "true_false":
                    answers[str(question.id)] = ["true" if question.value["correct"]
                                                 else "false"]
                else:
                    answers[str(question.id)] = [
                        str(bound.id) for bound in question.value["options"].bound_blocks
                        if bound.value["correct"]]
            quiz_attempt_submit(enrolment=done, lesson=lesson, quiz_block_id=str(quiz.id),
                                answers=answers,
                                submission_token=uuid.UUID(_id("demo-attempt", lesson.slug)))


# --- assignments (issue 11) ------------------------------------------------------------

# The demo supervisor's team at the state statistics office (below the interior ministry):
# (email, first name, last name). The demo logins themselves are not assigned anything, so
# their own pages stay as the other demos describe them.
TEAM = [("mia.becker@demo.example", "Mia", "Becker"),
        ("paul.schmidt@demo.example", "Paul", "Schmidt"),
        ("lena.fischer@demo.example", "Lena", "Fischer"),
        ("tim.hartmann@demo.example", "Tim", "Hartmann")]
TEAM_UNIT = "th-tls"
# Staff of a town in the district, so that the district's assignment reaches someone.
DISTRICT_STAFF = [("jan.wolf@demo.example", "Jan", "Wolf", "gem-arnstadt"),
                  ("sara.koch@demo.example", "Sara", "Koch", "gem-ilmenau")]
# The AI course is mandatory here (a ministry with the units below it, and a district).
KI_UNITS = (("th-tmikl", 60), ("lk-ilm-kreis", 90))


def _complete_course(*, learner: User, course: CoursePage) -> Enrolment:
    """Complete a course as a learner would: every lesson viewed, every quiz passed."""
    enrolment = enrolment_create(learner=learner, course=course)
    for lesson in LessonPage.objects.live().descendant_of(course).order_by("path"):
        lesson_view_record(enrolment=enrolment, lesson=lesson)
        quiz = lesson.quiz_block()
        if quiz is None:
            continue
        answers = {}
        for question in quiz_questions(quiz.value):
            value = question.value
            if question.block_type == "true_false":
                answers[str(question.id)] = ["true" if value["correct"] else "false"]
            elif question.block_type == "short_text":
                answers[str(question.id)] = [value["accepted_answers"][0]]
            else:
                answers[str(question.id)] = [str(bound.id) for bound in
                                             value["options"].bound_blocks
                                             if bound.value["correct"]]
        quiz_attempt_submit(enrolment=enrolment, lesson=lesson, quiz_block_id=str(quiz.id),
                            answers=answers, submission_token=uuid.UUID(
                                _id("demo-attempt", learner.email, lesson.slug)))
    enrolment.refresh_from_db()
    return enrolment


def _backdate_completion(*, enrolment: Enrolment, days_ago: int) -> None:
    """Move a fresh completion into the past (a completion close to its expiry)."""
    course = enrolment.course
    completed_at = timezone.now() - timedelta(days=days_ago)
    valid_until = completion_valid_until(completed_on=timezone.localdate(completed_at),
                                         validity_months=course.validity_months)
    Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=completed_at)
    Completion.objects.filter(enrolment=enrolment).update(completed_at=completed_at,
                                                          valid_until=valid_until)
    Certificate.objects.filter(recipient=enrolment.learner, title=course.title,
                               status="queued").update(
        completed_on=timezone.localdate(completed_at), valid_until=valid_until)


@transaction.atomic
def seed_assignments(*, courses: dict[str, CoursePage]) -> None:
    """The AI course is mandatory for the interior ministry (with the statistics office below
    it) and the district Ilm-Kreis; the demo supervisor's team shows one person done, one in
    progress, one overdue and one not started; Mia Becker's data protection certificate
    expires in three weeks. Idempotent: a second run finds the assignments and stops."""
    supervisor = User.objects.filter(email="vorgesetzte@demo.example").first()
    coordinator = User.objects.filter(email="koordination@demo.example").first()
    unit = OrgUnit.objects.filter(code=TEAM_UNIT).first()
    if supervisor is None or coordinator is None or unit is None:
        return
    ki, privacy = courses[KI], courses[DS]
    if Assignment.objects.filter(course=ki, unit__code=KI_UNITS[0][0]).exists():
        return
    team = {}
    for email, first, last in TEAM:
        team[email] = user_ensure(email=email, password=None, first_name=first,
                                  last_name=last, roles=[Role.LEARNER], home_unit=unit,
                                  supervisor=supervisor)
    for email, first, last, code in DISTRICT_STAFF:
        user_ensure(email=email, password=None, first_name=first, last_name=last,
                    roles=[Role.LEARNER], home_unit=OrgUnit.objects.get(code=code))
    mia = team["mia.becker@demo.example"]
    _complete_course(learner=mia, course=ki)
    old = _complete_course(learner=mia, course=privacy)
    # 24 months' validity: expires in three weeks
    _backdate_completion(enrolment=old, days_ago=730 - 21)
    today = timezone.localdate()
    created = []
    for code, due_days in KI_UNITS:
        assignment, _new = assignment_create(
            actor=coordinator, course=ki, target_kind="unit",
            unit=OrgUnit.objects.get(code=code), include_subunits=True, mandatory=True,
            due_date=today + timedelta(days=due_days))
        created.append(assignment)
    assignment, _new = assignment_create(
        actor=coordinator, course=privacy, target_kind="unit", unit=unit, mandatory=True,
        due_date=today + timedelta(days=45))
    created.append(assignment)
    for assignment in created:  # at once, so the demo needs no worker for this
        assignment_apply(assignment_id=assignment.pk)
    # Lena Fischer has started: two lessons read
    lena = Enrolment.objects.get(learner=team["lena.fischer@demo.example"], course=ki)
    for lesson in LessonPage.objects.live().descendant_of(ki).order_by("path")[:2]:
        lesson_view_record(enrolment=lena, lesson=lesson)
    # Paul Schmidt's deadline has passed: as if he had been assigned long ago
    paul = team["paul.schmidt@demo.example"]
    overdue = today - timedelta(days=14)
    rows = PersonAssignment.objects.filter(user=paul, course=ki, ended_at__isnull=True)
    AssignmentReach.objects.filter(person_assignment__in=rows).update(due_date=overdue)
    rows.update(due_date=overdue)
    Enrolment.objects.filter(learner=paul, course=ki).update(due_date=overdue)
