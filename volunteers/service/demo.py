"""Demo content of the service year: the previous programme year "Jahrgang 2025/26" with
its volunteers in service, made through the services so that agreements, signatures and
history are real. Called by volunteers.demo.seed_volunteers; idempotent (a year that has
services is left as it is).

- Anna Schmidt: served 1 September 2025 to 31 August 2026; her Bescheinigung and her
  Zeugnis are issued and verifiable at /nachweis/.
- Ben Krüger: ended early on 31 January 2026 (he found an apprenticeship).
- Clara Hahn: in service since 1 February 2026, part-time (30 hours), extended to the
  18-month limit.
- Jonas Wagner: a minor at the start; his mother signed the agreement (uploaded scan).
"""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from accounts.roles import Role
from accounts.services import user_ensure
from certificates.services import certificate_issue
from volunteers.models import (
    AbsenceKind,
    Application,
    ApplicationPreference,
    ApplicationStatus,
    HostOrganisation,
    Party,
    Placement,
    ProgrammeYear,
    Service,
    StartDate,
)
from volunteers.service.agreement_services import agreement_generate, agreement_sign
from volunteers.service.services import (
    absence_record,
    service_certificate_issue,
    service_create,
    service_end,
    service_extend,
    service_start,
    service_terminate,
)
from volunteers.service.zeugnis_demo import zeugnis_demo_issue

YEAR_NAME = "Jahrgang 2025/26"
HOST_CONTACT_EMAIL = "einsatzstelle@demo.example"
SIGNED_SCAN = (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
               b"% Vereinbarung, unterschrieben (Demo)\ntrailer << /Root 1 0 R >>\n%%EOF\n")
D = datetime.date

# slug, host name, title
PLACEMENTS = [
    ("social-media-stadt-apolda-2025", "Stadtverwaltung Apolda",
     "Social Media für die Stadt Apolda (2025/26)"),
    ("medienwerkstatt-jugendzentrum-weimar-2025", "Jugendzentrum Kasseturm Weimar",
     "Medienwerkstatt im Jugendzentrum Weimar (2025/26)"),
    ("makerspace-bibliothek-erfurt-2025", "Stadt- und Regionalbibliothek Erfurt",
     "Makerspace der Bibliothek (2025/26)"),
]
# email, first, last, born, placement index, start, options
VOLUNTEERS = [
    ("anna.schmidt@demo.example", "Anna", "Schmidt", D(2005, 3, 12), 0, D(2025, 9, 1), {}),
    ("ben.krueger@demo.example", "Ben", "Krüger", D(2006, 7, 23), 1, D(2025, 9, 1), {}),
    ("clara.hahn@demo.example", "Clara", "Hahn", D(2004, 1, 30), 2, D(2026, 2, 1),
     {"part_time": True, "weekly_hours": 30, "pocket_money": Decimal("400")}),
    ("jonas.wagner@demo.example", "Jonas", "Wagner", D(2008, 6, 10), 0, D(2026, 2, 1),
     {"guardian_name": "Katrin Wagner"}),
]


def _year() -> ProgrammeYear:
    year, _created = ProgrammeYear.objects.get_or_create(name=YEAR_NAME, defaults={
        "application_opens": D(2025, 1, 6), "application_closes": D(2025, 4, 30)})
    for day in (D(2025, 9, 1), D(2026, 2, 1)):
        StartDate.objects.get_or_create(programme_year=year, date=day)
    return year


def _placements(year: ProgrammeYear) -> list[Placement]:
    placements = []
    for slug, host_name, title in PLACEMENTS:
        placement, _created = Placement.objects.get_or_create(slug=slug, defaults={
            "host": HostOrganisation.objects.get(name=host_name), "programme_year": year,
            "title": title, "focus": "medienbildung", "seats": 2,
            "tasks": "Digitale Angebote mitgestalten.", "published": False})
        placements.append(placement)
    return placements


def _accepted(year: ProgrammeYear, placement: Placement, email, first, last, born, start,
              guardian_name: str = "") -> Application:
    user = user_ensure(email=email, password=DEMO_PASSWORD, first_name=first, last_name=last,
                       roles=[Role.VOLUNTEER])
    application = Application.objects.create(
        applicant=user, programme_year=year, status=ApplicationStatus.ACCEPTED,
        placement=placement, first_name=first, last_name=last, date_of_birth=born,
        street="Schillerstraße 8", postcode="99423", town="Weimar", contact_email=email,
        start_date=year.start_dates.get(date=start), guardian_name=guardian_name,
        guardian_email="katrin.wagner@demo.example" if guardian_name else "",
        motivation="Ich möchte digitale Projekte für meine Stadt machen.")
    ApplicationPreference.objects.create(application=application, placement=placement, rank=1)
    return application


def _sign_all(service: Service, coordinator: User) -> None:
    agreement = agreement_generate(service=service, actor=coordinator)
    volunteer = service.volunteer
    if agreement.guardian_required:  # the guardian signs on paper; the volunteer uploads it
        agreement_sign(agreement=agreement, party=Party.GUARDIAN, actor=volunteer,
                       scan=SimpleUploadedFile("vereinbarung-unterschrieben.pdf", SIGNED_SCAN))
    agreement_sign(agreement=agreement, party=Party.VOLUNTEER, actor=volunteer)
    agreement_sign(agreement=agreement, party=Party.TRAEGER, actor=coordinator)
    host_contact = service.placement.host.contacts.order_by("pk").first()
    if host_contact is not None:
        agreement_sign(agreement=agreement, party=Party.HOST, actor=host_contact)
    else:  # a host without an account sends the signed copy; the coordination records it
        agreement_sign(agreement=agreement, party=Party.HOST, actor=coordinator,
                       scan=SimpleUploadedFile("einsatzstelle.pdf", SIGNED_SCAN))


def _absences(service: Service, recorder: User) -> None:
    first = service.start_date
    absence_record(service=service, actor=recorder, kind=AbsenceKind.LEAVE,
                   first_day=first + datetime.timedelta(days=90),
                   last_day=first + datetime.timedelta(days=94), days=Decimal(5))
    absence_record(service=service, actor=recorder, kind=AbsenceKind.SICK,
                   first_day=first + datetime.timedelta(days=120),
                   last_day=first + datetime.timedelta(days=121), days=Decimal(2))


def _issue_now(service: Service) -> None:
    """The Bescheinigung at once (the worker would do it in the background)."""
    service = service_certificate_issue(service_id=service.pk)
    if service is not None and service.certificate_id:
        certificate_issue(certificate_id=service.certificate_id)


@transaction.atomic
def seed_service_year() -> ProgrammeYear:
    """The previous programme year with its services; idempotent."""
    year = _year()
    if Service.objects.filter(programme_year=year).exists():
        return year
    coordinator = User.objects.filter(groups__name=Role.COORDINATOR.value).order_by("pk").first()
    placements = _placements(year)
    services = {}
    for email, first, last, born, index, start, options in VOLUNTEERS:
        options = dict(options)
        application = _accepted(year, placements[index], email, first, last, born, start,
                                guardian_name=options.pop("guardian_name", ""))
        options.setdefault("pocket_money", Decimal("500"))
        service = service_create(application=application, actor=coordinator,
                                 benefits_in_kind="Deutschlandticket, Mittagessen",
                                 **options)
        _sign_all(service, coordinator)
        service_start(service=service, actor=coordinator)
        recorder = placements[index].host.contacts.order_by("pk").first() or coordinator
        _absences(service, recorder)
        services[email] = service
    service_end(service=services["anna.schmidt@demo.example"], actor=coordinator)
    service_terminate(service=services["ben.krueger@demo.example"], actor=coordinator,
                      last_day=D(2026, 1, 31), by=Party.VOLUNTEER,
                      reason="Ausbildungsplatz als Fachinformatiker gefunden.")
    # extended to the 18-month limit: still in service
    service_extend(service=services["clara.hahn@demo.example"], actor=coordinator,
                   new_end=D(2027, 7, 31), note="Verlängerung auf 18 Monate.")
    for email in ("anna.schmidt@demo.example", "ben.krueger@demo.example"):
        _issue_now(services[email])
    anna = services["anna.schmidt@demo.example"]
    zeugnis_demo_issue(service=anna, coordinator=coordinator,
                       host_contact=anna.placement.host.contacts.order_by("pk").first()
                       or coordinator)
    return year
