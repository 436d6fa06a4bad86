"""The world of the access matrix: the demo plus the objects that make "own" and "other".

Built once per test module inside a transaction that is rolled back at the module's end;
each test's own transaction (pytest-django's) nests inside it as a savepoint, so what one
request changes is gone before the next.

"own" objects belong to the role users of the matrix: the learner's enrolment, quiz
attempt and certificate; the applicant's application and document, which rank a placement
of the host contact's own organisation whose interview stage is open, and which lie inside
the scoped coordinator's programme year and organisation units. "other" objects belong to
people outside all of that: another learner in another district, another applicant who
applied only to another host in another programme year.
"""

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.utils import timezone

PASSWORD = "Matrix-Geheim-2026"
CV_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@dataclass
class World:
    """Everything a URL of the matrix can point at, by (kind, case)."""

    users: dict = field(default_factory=dict)       # role → User (None for anonymous)
    sessions: dict = field(default_factory=dict)    # role → session key
    objects: dict = field(default_factory=dict)     # (kind, case) → object
    markers: dict = field(default_factory=dict)     # kind → (own text, other text) in lists

    def obj(self, kind: str, case: str = "own"):
        key = (kind, "own" if case in ("-", "") else case)
        if key not in self.objects:
            raise LookupError(f"the matrix world has no {kind!r} for case {case!r}")
        return self.objects[key]

    def client(self, role: str) -> Client:
        """A fresh client with the role's session (a logout in one cell harms no other).

        Server errors come back as 500 responses, as a browser would see them.
        """
        client = Client(raise_request_exception=False)
        if self.sessions.get(role):
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[role]
        return client


# --- small builders -------------------------------------------------------------------------


def _user(email, first, last, *, roles=(), unit=None, **extra):
    from django.contrib.auth.models import Group

    from accounts.models import User

    user = User.objects.create_user(email=email, password=PASSWORD, first_name=first,
                                    last_name=last, home_unit=unit, **extra)
    user.groups.set(Group.objects.filter(name__in=[str(role) for role in roles]))
    return user


def _application(applicant, year, placements, *, town="Weimar"):
    """A complete draft with a CV, ranking `placements`, ready to submit."""
    from volunteers.services import (
        application_consent_record,
        application_draft_get_or_create,
        application_step_save,
        document_add,
        preferences_set,
    )

    application = application_draft_get_or_create(applicant=applicant, programme_year=year)
    application_step_save(application=application, actor=applicant, data={
        "first_name": applicant.first_name, "last_name": applicant.last_name,
        "date_of_birth": datetime.date(2005, 5, 4), "street": "Lindenstraße 5",
        "postcode": "99423", "town": town, "contact_email": applicant.email,
        "school_obligation_completed": True, "school_situation": "left",
        "start_date": year.start_dates.order_by("date").first(),
        "motivation": "Ich möchte ein Jahr lang digitale Projekte umsetzen."})
    document_add(application=application, actor=applicant, kind="cv",
                 upload=SimpleUploadedFile("Lebenslauf.pdf", CV_PDF))
    preferences_set(application=application, actor=applicant, placements=placements)
    application_consent_record(application=application, actor=applicant)
    return application


def _certificate(recipient, key: str, title: str):
    from certificates.models import CertificateTemplate
    from certificates.services import (
        AchievementSnapshot,
        certificate_issue,
        certificate_request,
    )

    certificate = certificate_request(
        recipient=recipient, kind="course", achievement_key=key,
        template=CertificateTemplate.objects.filter(kind="course").first(),
        snapshot=AchievementSnapshot(recipient_name=recipient.get_full_name(), title=title,
                                     completed_on=datetime.date(2026, 3, 2),
                                     content_version="2026.1", hours=Decimal("2"),
                                     result="bestanden"))
    certificate_issue(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    return certificate


def _image():
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = io.BytesIO()
    PILImage.new("RGB", (16, 16), "navy").save(buffer, "PNG")
    return Image.objects.create(title="Matrix-Bild", file=ImageFile(buffer, name="matrix.png"))


def _document():
    from wagtail.documents.models import Document

    return Document.objects.create(title="Matrix-Dokument",
                                   file=ContentFile(b"Hallo", name="matrix.txt"))


def _set_if_present(instance, name: str, value) -> None:
    """Set a field if the model has it (scope fields are younger than the matrix's world)."""
    if any(f.name == name for f in instance._meta.get_fields()):
        setattr(instance, name, value)
        instance.save(update_fields=[name])


# --- the world ------------------------------------------------------------------------------


def build_world() -> World:
    from django.contrib.auth.models import Group
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.models import (
        Collection,
        GroupApprovalTask,
        Page,
        PageViewRestriction,
        Site,
        Task,
        Workflow,
    )

    from accounts.models import OrgUnit, User
    from accounts.roles import Role
    from certificates.models import CertificateBatch
    from cms.models import ContentPage
    from courses.h5p.models import H5PContent, H5PLibrary
    from courses.models import CoursePage, CourseTopic, Enrolment, LessonPage
    from courses.reminders.models import MailText
    from courses.services import enrolment_create
    from volunteers.matching.services import matching_run_create
    from volunteers.models import (
        AgreementTemplate,
        Application,
        ApplicationStatus,
        EmailTemplate,
        HostOrganisation,
        Placement,
        ProgrammeYear,
        Service,
        ServiceTerms,
        StartDate,
    )
    from volunteers.services import (
        application_submit,
        application_transition,
        guardian_token_make,
    )

    S = ApplicationStatus
    w = World()
    units = {unit.code: unit for unit in OrgUnit.objects.all()}
    by_email = {user.email: user for user in User.objects.all()}
    demo_coordinator = by_email["koordination@demo.example"]

    # Roles. The matrix's coordinator is limited to two units (the learner's authority and
    # the Apolda host's district) and to this year's programme.
    coordinator = _user("koordination-matrix@example.org", "Karla", "Kreis",
                        roles=[Role.COORDINATOR], unit=units["th-tmdi"])
    coordinator.scope_units.set([units["th-tlrz"], units["lk-weimarer-land"]])
    w.users = {
        "anonymous": None,
        "learner": by_email["lernende@demo.example"],
        "supervisor": by_email["vorgesetzte@demo.example"],
        "applicant": by_email["freiwillige@demo.example"],
        "host": by_email["einsatzstelle@demo.example"],
        "coordinator": coordinator,
        "editor": by_email["redaktion@demo.example"],
        "superuser": by_email["admin@demo.example"],
    }

    # Volunteers: this year (in scope) and an earlier one (out of scope).
    year = ProgrammeYear.objects.get(name="Jahrgang 2027/28")
    # The demo seeds this earlier year with its services already.
    old_year, _created = ProgrammeYear.objects.get_or_create(
        name="Jahrgang 2025/26", defaults={"application_opens": datetime.date(2024, 11, 1),
                                           "application_closes": datetime.date(2025, 4, 30)})
    StartDate.objects.get_or_create(programme_year=old_year, date=datetime.date(2025, 9, 1))
    if any(f.name == "coordinators" for f in ProgrammeYear._meta.get_fields()):
        year.coordinators.add(coordinator)
    apolda = HostOrganisation.objects.get(name="Stadtverwaltung Apolda")
    ilmenau = HostOrganisation.objects.get(name="Goethe-Gymnasium Ilmenau")
    _set_if_present(apolda, "org_unit", units["gem-apolda"])
    _set_if_present(ilmenau, "org_unit", units["gem-ilmenau"])
    own_placement = Placement.objects.get(slug="social-media-stadt-apolda")
    second_apolda = Placement.objects.get(slug="it-support-rathaus-apolda")
    ilmenau_placement = Placement.objects.get(slug="medienbildung-goethe-gymnasium")
    other_placement = Placement.objects.create(
        host=ilmenau, programme_year=old_year, title="Schülerzeitung online (2025/26)",
        slug="schuelerzeitung-ilmenau-2025", focus=ilmenau_placement.focus, tasks="Aufgaben",
        seats=1, published=True)
    other_placement.start_dates.set(old_year.start_dates.all())

    # The applicant's own application: submitted, interview opened for the host's placement.
    applicant = w.users["applicant"]
    own_app = _application(applicant, year, [own_placement])
    application_submit(application=own_app, actor=applicant)
    application_transition(application=own_app, to_status=S.IN_REVIEW,
                           actor=demo_coordinator)
    application_transition(application=own_app, to_status=S.INTERVIEW,
                           actor=demo_coordinator, placement=own_placement)
    own_app.refresh_from_db()

    # Another applicant, another host, an earlier programme year.
    other_applicant = _user("otto.fremd@example.org", "Otto", "Fremdling",
                            roles=[Role.VOLUNTEER], unit=units["gem-ilmenau"])
    other_app = _application(other_applicant, year, [ilmenau_placement])
    application_submit(application=other_app, actor=other_applicant)
    other_app.preferences.update(placement=other_placement)
    type(other_app).objects.filter(pk=other_app.pk).update(programme_year=old_year)
    other_app.refresh_from_db()

    # Finding 5: offered at another host, the host ranked 2nd (its stage never opened).
    elsewhere_applicant = _user("finn.anderswo@example.org", "Finnegan", "Anderswo-Quast",
                                roles=[Role.VOLUNTEER])
    elsewhere_app = _application(elsewhere_applicant, year, [ilmenau_placement, second_apolda])
    application_submit(application=elsewhere_app, actor=elsewhere_applicant)
    application_transition(application=elsewhere_app, to_status=S.IN_REVIEW,
                           actor=demo_coordinator)
    application_transition(application=elsewhere_app, to_status=S.OFFERED,
                           actor=demo_coordinator, placement=ilmenau_placement)
    # Submitted only: the host sees it anonymised (demo applicant Mia Wolf).
    anonymous_app = Application.objects.get(applicant__email="mia.wolf@demo.example")
    # A minor's application whose guardian link is valid.
    minor_app = Application.objects.get(applicant__email="lukas.bauer@demo.example")

    w.objects.update({
        ("application", "own"): own_app,
        ("application", "other"): other_app,
        ("preference", "own"): own_app.preferences.get(placement=own_placement),
        ("preference", "other"): other_app.preferences.get(),
        ("preference", "anon"): anonymous_app.preferences.get(placement=own_placement),
        ("preference", "elsewhere"): elsewhere_app.preferences.get(placement=second_apolda),
        ("document", "own"): own_app.documents.get(),
        ("document", "other"): other_app.documents.get(),
        ("document", "anon"): anonymous_app.documents.first(),
        ("document", "elsewhere"): elsewhere_app.documents.get(),
        ("guardian_token", "own"): guardian_token_make(application=minor_app)
        if minor_app.guardian_email else "ungueltig",
        ("placement", "own"): own_placement,
        ("placement", "other"): other_placement,
        ("hostorganisation", "own"): apolda,
        ("hostorganisation", "other"): ilmenau,
        ("programmeyear", "own"): year,
        ("programmeyear", "other"): old_year,
        ("startdate", "own"): year.start_dates.order_by("date").first(),
        ("startdate", "other"): old_year.start_dates.order_by("date").first(),
        ("emailtemplate", "own"): EmailTemplate.objects.order_by("pk").first(),
        ("mailtext", "own"): MailText.objects.order_by("pk").first(),
    })
    # Matching runs: one of this year (the own application takes part), one of the earlier.
    w.objects[("matchingrun", "own")] = matching_run_create(
        programme_year=year, actor=demo_coordinator, seed=1)
    w.objects[("matchingrun", "other")] = matching_run_create(
        programme_year=old_year, actor=demo_coordinator, seed=1)
    # The service year: the demo's services of the earlier year (outside the coordinator's
    # years), one at the host's Apolda, one at a host without contacts; this year's
    # accepted offer still to plan.
    anna = Service.objects.get(volunteer__email="anna.schmidt@demo.example")
    ben = Service.objects.get(volunteer__email="ben.krueger@demo.example")
    w.objects.update({
        ("service", "own"): anna, ("service", "other"): ben,
        ("agreement", "own"): anna.agreements.get(), ("agreement", "other"): ben.agreements.get(),
        ("accepted", "own"): Application.objects.get(
            programme_year=year, status=S.ACCEPTED, service__isnull=True),
        ("agreementtemplate", "own"): AgreementTemplate.objects.order_by("pk").first(),
        ("serviceterms", "own"): ServiceTerms.objects.get_or_create(
            programme_year=year, defaults={"pocket_money_cap": Decimal("676")})[0],
    })
    # Listings show applications by name, enrolments by the learner's name, users by email.
    w.markers["application"] = (f"{own_app.first_name} {own_app.last_name}",
                                f"{other_app.first_name} {other_app.last_name}")
    w.markers["application:csv"] = (own_app.contact_email, other_app.contact_email)

    # Learning: the learner's enrolments, quiz attempts and certificate; another learner's.
    learner = w.users["learner"]
    other_learner = _user("olga.anders@example.org", "Olga", "Andersfeld",
                          roles=[Role.LEARNER], unit=units["gem-ilmenau"])
    other_learner.last_login = timezone.now()  # found by the user list's login filter
    other_learner.save(update_fields=["last_login"])
    ki = CoursePage.objects.get(slug="ki-dienstanweisung")
    ea = CoursePage.objects.get(slug="e-akte")
    bf = CoursePage.objects.get(slug="barrierefreie-dokumente")
    own_enrolment = Enrolment.objects.get(learner=learner, course=ki)
    enrolment_create(learner=learner, course=ea)
    other_enrolment = enrolment_create(learner=other_learner, course=ki)
    own_certificate = learner.certificates.filter(status="issued").first() \
        or _certificate(learner, "course:matrix-own", "Matrix-Kurs")
    other_certificate = _certificate(other_learner, "course:matrix-other", "Matrix-Kurs")
    h5p_lesson = next(lesson for lesson in LessonPage.objects.live().descendant_of(ea)
                      if lesson.h5p_block() is not None)
    quiz_lesson = next(lesson for lesson in LessonPage.objects.live().descendant_of(bf)
                       if lesson.quiz_block() is not None)
    content = H5PContent.objects.order_by("pk").first()
    library = H5PLibrary.objects.order_by("pk").first()
    w.objects.update({
        ("user", "own"): learner,
        ("user", "other"): other_learner,
        ("user", "admin"): w.users["superuser"],  # a superuser's account
        ("user", "coord"): coordinator,  # the coordinator's own account
        ("enrolment", "own"): own_enrolment,
        ("enrolment", "other"): other_enrolment,
        ("certificate", "own"): own_certificate,
        ("certificate", "other"): other_certificate,
        ("course", "own"): ki,
        ("lesson", "own"): LessonPage.objects.live().descendant_of(ki).order_by("path")
        .first(),
        ("lesson", "h5p"): h5p_lesson,
        ("lesson", "quiz"): quiz_lesson,
        ("h5pcontent", "own"): content,
        ("h5plibrary", "own"): library,
        ("coursetopic", "own"): CourseTopic.objects.order_by("pk").first(),
        ("orgunit", "own"): units["th-tlrz"],
        ("orgunit", "other"): units["gem-ilmenau"],
        ("certificatetemplate", "own"): own_certificate.template,
    })
    w.markers["enrolment"] = (learner.get_display_name(), other_learner.get_display_name())
    w.markers["certificate"] = (own_certificate.recipient_name,
                                other_certificate.recipient_name)
    w.markers["user"] = (learner.email, other_learner.email)
    w.objects[("certificatebatch", "own")] = CertificateBatch.objects.create(
        label="Matrix-Stapel", created_by=w.users["superuser"])
    # Staff roster imports: the coordinator's own upload, and one of the demo coordinator.
    from accounts.roster.models import RosterImport

    for case, uploader in (("own", coordinator), ("other", demo_coordinator)):
        w.objects[("rosterimport", case)] = RosterImport.objects.create(
            file_name="matrix.csv", file_hash="0" * 64, uploaded_by=uploader)
    # Assignments: one to the learner's authority (in the coordinator's scope), one to
    # the other learner's town (outside it).
    from courses.assignments.models import Assignment

    for case, unit in (("own", units["th-tlrz"]), ("other", units["gem-ilmenau"])):
        w.objects[("assignment", case)] = Assignment.objects.create(
            course=ki, course_title=ki.title, target_kind="unit", unit=unit,
            due_date=datetime.date.today() + datetime.timedelta(days=30),
            created_by=demo_coordinator)

    # A seminar session of the AI course (coordinators create, move and cancel sessions).
    from courses.seminars.services import session_create

    starts = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=20)
    w.objects[("session", "own")] = session_create(
        course=ki, starts_at=starts, ends_at=starts + datetime.timedelta(hours=3), seats=5,
        address="Erfurt")

    # The CMS: pages, a password-protected page, media, collections, workflows, settings.
    home = Site.objects.get(is_default_site=True).root_page.specific
    about = ContentPage.objects.get(slug="ueber-die-plattform")
    secret = ContentPage(title="Geschützte Seite", slug="geschuetzt", intro="", body="[]")
    home.add_child(instance=secret)
    secret.save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="geheim")
    workflow = Workflow.objects.order_by("pk").first() or Workflow.objects.create(
        name="Matrix-Freigabe")
    task = Task.objects.order_by("pk").first() or GroupApprovalTask.objects.create(
        name="Matrix-Aufgabe")
    w.objects.update({
        ("page", "own"): about,
        ("page", "home"): home,
        ("page", "restricted"): secret,
        ("pageviewrestriction", "own"): restriction,
        ("image", "own"): _image(),
        ("document_wagtail", "own"): _document(),
        ("collection", "own"): Collection.get_first_root_node(),
        ("workflow", "own"): workflow,
        ("task", "own"): task,
        ("redirect", "own"): Redirect.objects.create(old_path="/matrix-alt",
                                                     redirect_link="/"),
        ("site", "own"): Site.objects.get(is_default_site=True),
        ("group", "own"): Group.objects.get(name=Role.LEARNER.value),
    })
    w.objects[("programme_page", "own")] = Page.objects.get(
        slug="freiwilliges-digitales-jahr").specific
    w.objects[("courses_page", "own")] = Page.objects.get(slug="kurse").specific
    return w


@pytest.fixture(scope="module")
def world(demo_shared, django_db_blocker):
    """The matrix's own objects on top of the demo, once per module, rolled back at its end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = build_world()
            for role, user in built.users.items():
                if user is not None:
                    client = Client()
                    client.force_login(user)
                    built.sessions[role] = client.session.session_key
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
