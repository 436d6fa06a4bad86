import datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from tests.factories import complete_draft, make_placement, role_user
from volunteers.models import (
    Application,
    HostKind,
    HostOrganisation,
    Landkreis,
    ProgrammeYear,
    StartDate,
)


@pytest.fixture
def jobs(jobs_inline):
    """Run the jobs handed to django-q2 at once (as the worker would) and record them."""
    return jobs_inline


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


@pytest.fixture
def draft(applicant, year, placements) -> Application:
    return complete_draft(applicant, year, placements[:2])
