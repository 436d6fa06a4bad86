import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.module_loading import import_string
from PIL import Image as PILImage

from accounts.models import User
from accounts.roles import Role
from volunteers.models import (
    Application,
    HostKind,
    HostOrganisation,
    Landkreis,
    Placement,
    ProgrammeYear,
    StartDate,
)
from volunteers.services import (
    application_consent_record,
    application_draft_get_or_create,
    application_step_save,
    document_add,
    preferences_set,
)

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def pdf_upload(name="lebenslauf.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def jobs(monkeypatch):
    """Run the jobs handed to django-q2 at once (as the worker would) and record them."""
    calls = []

    def fake_async_task(func, *args, **kwargs):
        calls.append((func, args))
        import_string(func)(*args)

    monkeypatch.setattr("django_q.tasks.async_task", fake_async_task)
    return calls


def role_user(email, role=None, **extra):
    user = User.objects.create_user(email=email, password="Geheim-12345", **extra)
    if role:
        group, _created = Group.objects.get_or_create(name=role.value)
        user.groups.add(group)
    return user


@pytest.fixture
def year(db):
    today = timezone.localdate()
    year = ProgrammeYear.objects.create(
        name="Jahrgang 2027/28", application_opens=today - datetime.timedelta(days=30),
        application_closes=today + datetime.timedelta(days=60))
    for day in (datetime.date(2027, 8, 1), datetime.date(2027, 9, 1)):
        StartDate.objects.create(programme_year=year, date=day)
    return year


@pytest.fixture
def host_contact(db):
    return role_user("anleitung@apolda.example", Role.HOST, first_name="Thomas",
                     last_name="Hoffmann")


@pytest.fixture
def other_host_contact(db):
    return role_user("kontakt@ilmenau.example", Role.HOST)


@pytest.fixture
def coordinator(db):
    return role_user("koordination@example.org", Role.COORDINATOR, first_name="Aylin",
                     last_name="Demir")


@pytest.fixture
def hosts(db, host_contact, other_host_contact):
    apolda = HostOrganisation.objects.create(
        name="Stadtverwaltung Apolda", kind=HostKind.MUNICIPALITY,
        landkreis=Landkreis.WEIMARER_LAND, town="Apolda")
    apolda.contacts.add(host_contact)
    ilmenau = HostOrganisation.objects.create(
        name="Goethe-Gymnasium Ilmenau", kind=HostKind.SCHOOL, landkreis=Landkreis.ILM_KREIS,
        town="Ilmenau")
    ilmenau.contacts.add(other_host_contact)
    return {"apolda": apolda, "ilmenau": ilmenau}


def make_placement(year, host, slug, *, title=None, seats=1, focus="social-media",
                   published=True):
    placement = Placement.objects.create(
        host=host, programme_year=year, title=title or slug.replace("-", " ").title(),
        slug=slug, focus=focus, tasks="Aufgaben", seats=seats, published=published)
    placement.start_dates.set(year.start_dates.all())
    return placement


@pytest.fixture
def placements(year, hosts):
    return [
        make_placement(year, hosts["apolda"], "social-media-apolda",
                       title="Social Media für die Stadt Apolda", seats=2),
        make_placement(year, hosts["ilmenau"], "medienbildung-ilmenau",
                       title="Medienbildung am Gymnasium", focus="medienbildung"),
        make_placement(year, hosts["apolda"], "it-support-apolda", title="IT-Support im Rathaus",
                       focus="it-support"),
        make_placement(year, hosts["ilmenau"], "verborgen", title="Noch nicht veröffentlicht",
                       published=False),
    ]


@pytest.fixture
def applicant(db):
    return role_user("lea@example.org", Role.VOLUNTEER, first_name="Lea",
                     last_name="Schubert")


@pytest.fixture
def other_applicant(db):
    return role_user("max@example.org", Role.VOLUNTEER, first_name="Max",
                     last_name="Keller")


def complete_draft(applicant, year, placements, *, born=datetime.date(2006, 5, 4)):
    """A draft with every step filled in, ready to submit."""
    application = application_draft_get_or_create(applicant=applicant, programme_year=year)
    application_step_save(application=application, actor=applicant, data={
        "first_name": applicant.first_name, "last_name": applicant.last_name,
        "date_of_birth": born, "street": "Bahnhofstraße 3", "postcode": "99510",
        "town": "Apolda", "contact_email": applicant.email,
        "school_obligation_completed": True, "school_situation": "left",
        "start_date": year.start_dates.first(), "motivation": "Ich möchte Social Media machen.",
    })
    document_add(application=application, actor=applicant, kind="cv", upload=pdf_upload())
    preferences_set(application=application, actor=applicant, placements=placements)
    application_consent_record(application=application, actor=applicant)
    return application


@pytest.fixture
def draft(applicant, year, placements) -> Application:
    return complete_draft(applicant, year, placements[:2])
