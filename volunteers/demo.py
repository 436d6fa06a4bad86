"""Demo content of the Freiwilliges Digitales Jahr for `manage.py seed_demo` (idempotent).

A programme year with its window open, host organisations across Thuringia, published
placements with real German texts and applications in several states, all made through
the services so that the history is real. On top, a crowd of generated applications in
review (volunteers.matching.demo; bulk-created, quick) so that a matching proposal is
interesting: popular placements are oversubscribed, some applicants stay unmatched, and
a few hosts have ranked the applicants they met.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import OrgUnit, User
from accounts.roles import Role
from accounts.services import user_ensure
from volunteers.applications.services import (
    application_consent_record,
    application_draft_get_or_create,
    application_step_save,
    application_submit,
    document_add,
    email_templates_ensure,
    guardian_consent_confirm,
    guardian_token_make,
    preference_verdict_record,
    preferences_set,
)
from volunteers.applications.transitions import application_transition
from volunteers.matching.demo import seed_matching_crowd
from volunteers.models import (
    Application,
    ApplicationStatus,
    Focus,
    HostKind,
    HostOrganisation,
    Landkreis,
    Placement,
    ProgrammeYear,
    StartDate,
)
from volunteers.seminar_days.demo import seed_seminar_days
from volunteers.service.demo import seed_service_year
from volunteers.tasks import expire_schedule_ensure

YEAR_NAME = "Jahrgang 2027/28"
HOST_CONTACT_EMAIL = "einsatzstelle@demo.example"
DEMO_VOLUNTEER_EMAIL = "freiwillige@demo.example"
CV_PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
          b"% Lebenslauf (Demo)\ntrailer << /Root 1 0 R >>\n%%EOF\n")

K, L = HostKind, Landkreis
# name, kind, street, postcode, town, Landkreis, mentor, description
HOSTS = [
    ("Stadtverwaltung Apolda", K.MUNICIPALITY, "Markt 1", "99510", "Apolda",
     L.WEIMARER_LAND, "Thomas Hoffmann",
     "Die Kreisstadt des Weimarer Landes mit rund 22 000 Einwohnerinnen und Einwohnern."),
    ("Landratsamt Weimarer Land", K.MUNICIPALITY, "Bahnhofstraße 28", "99510", "Apolda",
     L.WEIMARER_LAND, "Susanne Lange",
     "Die Kreisverwaltung kümmert sich um Bürgerservice, Schulen, Jugend und Soziales."),
    ("Landratsamt Ilm-Kreis", K.MUNICIPALITY, "Ritterstraße 14", "99310", "Arnstadt",
     L.ILM_KREIS, "Michael Beyer",
     "Die Kreisverwaltung des Ilm-Kreises in Arnstadt."),
    ("Goethe-Gymnasium Ilmenau", K.SCHOOL, "Herderstraße 38", "98693", "Ilmenau",
     L.ILM_KREIS, "Dr. Anja Krause",
     "Ein Gymnasium mit MINT-Profil und eigener Schülerzeitung."),
    ("Jugendzentrum Kasseturm Weimar", K.YOUTH, "Goetheplatz 10", "99423", "Weimar",
     L.WEIMAR, "Kevin Schulz",
     "Offener Treff, Medienwerkstatt und Beratung für junge Menschen in Weimar."),
    ("Stadt- und Regionalbibliothek Erfurt", K.CULTURE, "Domplatz 1", "99084", "Erfurt",
     L.ERFURT, "Claudia Wendt",
     "Die größte öffentliche Bibliothek Thüringens mit Makerspace und Gaming-Angeboten."),
    ("Thüringer Landesrechenzentrum", K.STATE_AUTHORITY, "Ludwig-Erhard-Ring 2", "99099",
     "Erfurt", L.ERFURT, "Jan Richter",
     "Der IT-Dienstleister des Freistaats Thüringen für Landesbehörden."),
    ("Stadtverwaltung Jena", K.MUNICIPALITY, "Am Anger 15", "07743", "Jena", L.JENA,
     "Maria Vogel", "Die Stadt Jena mit ihrem Team Digitale Stadt."),
    ("Seniorenzentrum Gotha-West", K.CARE, "Eisenacher Straße 40", "99867", "Gotha",
     L.GOTHA, "Birgit Hahn",
     "Ein Pflegeheim mit 120 Plätzen, das Bewohnerinnen und Bewohnern digitale Teilhabe "
     "ermöglicht."),
]

# slug, host index, title, focus, seats, tasks, project, certificate, licence, part-time
PLACEMENTS = [
    ("social-media-stadt-apolda", 0, "Social Media für die Stadt Apolda", Focus.SOCIAL_MEDIA, 2,
     "Du planst Beiträge für die Kanäle der Stadt, fotografierst bei Veranstaltungen und "
     "schreibst kurze Texte in einfacher Sprache. Du lernst, wie eine Verwaltung mit "
     "Bürgerinnen und Bürgern kommuniziert.",
     "Ein Redaktionsplan und eine Videoreihe „Apolda erklärt“ zu Angeboten im Rathaus.",
     False, False, True),
    ("it-support-rathaus-apolda", 0, "IT-Support im Rathaus Apolda", Focus.IT_SUPPORT, 1,
     "Du hilfst Kolleginnen und Kollegen bei Fragen zu Computer, Drucker und Fachverfahren, "
     "richtest Arbeitsplätze ein und dokumentierst Lösungen im Wiki.",
     "Eine Sammlung von Schritt-für-Schritt-Anleitungen für häufige Fragen.",
     False, False, False),
    ("buergerservice-digital-weimarer-land", 1, "Digitaler Bürgerservice im Landratsamt",
     Focus.WEB, 1,
     "Du testest Online-Dienste des Landkreises, sammelst Rückmeldungen von Bürgerinnen und "
     "Bürgern und hilfst, Formulare verständlicher zu machen.",
     "Nutzertests der Online-Anträge und Vorschläge für einfache Sprache.",
     False, True, False),
    ("datenprojekte-ilm-kreis", 2, "Offene Daten für den Ilm-Kreis", Focus.DATA, 1,
     "Du bereitest Daten des Landkreises auf, zum Beispiel zu Schulen, Spielplätzen oder "
     "Radwegen, und machst sie auf Karten sichtbar.",
     "Ein Open-Data-Portal mit ersten fünf Datensätzen und einer Karte.",
     False, False, True),
    ("medienbildung-goethe-gymnasium", 3, "Medienbildung am Goethe-Gymnasium Ilmenau",
     Focus.MEDIA_EDUCATION, 2,
     "Du unterstützt Lehrkräfte im Unterricht mit Tablets, betreust die Schülerzeitung "
     "online und bietest eine Arbeitsgemeinschaft zu Medienkompetenz an.",
     "Eine AG „Fake News erkennen“ für die Klassen 7 bis 9.",
     True, False, False),
    ("medienwerkstatt-jugendzentrum-weimar", 4, "Medienwerkstatt im Jugendzentrum Weimar",
     Focus.MEDIA_EDUCATION, 1,
     "Du leitest mit dem Team Workshops zu Podcast, Video und Gaming, berätst Jugendliche zu "
     "Datenschutz und Cybermobbing und organisierst offene Abende.",
     "Ein Podcast, den Jugendliche selbst produzieren.",
     True, False, True),
    ("makerspace-bibliothek-erfurt", 5, "Makerspace und digitale Angebote der Bibliothek",
     Focus.MEDIA_EDUCATION, 2,
     "Du betreust den Makerspace mit 3D-Drucker und Robotik-Sets, hilfst bei digitalen "
     "Sprechstunden für Seniorinnen und Senioren und bei der Onleihe.",
     "Eine Workshopreihe „Programmieren mit Calliope“ für Kinder.",
     True, False, False),
    ("it-service-landesrechenzentrum", 6, "IT-Service im Thüringer Landesrechenzentrum",
     Focus.IT_SUPPORT, 2,
     "Du arbeitest im Service-Desk mit, lernst Netzwerk- und Client-Verwaltung kennen und "
     "hilfst bei der Einführung neuer Software in Landesbehörden.",
     "Ein Lernvideo zur sicheren Passwortverwaltung für Beschäftigte des Landes.",
     False, False, False),
    ("informationssicherheit-landesrechenzentrum", 6, "Informationssicherheit zum Anfassen",
     Focus.DATA, 1,
     "Du unterstützt das Team Informationssicherheit bei Awareness-Kampagnen, wertest "
     "Phishing-Übungen aus und bereitest Schulungsinhalte auf.",
     "Eine Phishing-Awareness-Kampagne mit Quiz für Landesbeschäftigte.",
     False, False, False),
    ("digitale-stadt-jena", 7, "Digitale Stadt Jena", Focus.WEB, 1,
     "Du arbeitest im Team Digitale Stadt an der Website, an Online-Beteiligung und an "
     "Sensorprojekten im Stadtgebiet mit.",
     "Eine Online-Umfrage zur Radverkehrsplanung mit Auswertung.",
     False, False, True),
    ("barrierefreiheit-stadt-jena", 7, "Barrierefreie Online-Angebote in Jena",
     Focus.ACCESSIBILITY, 1,
     "Du prüfst Webseiten und PDF-Dokumente der Stadt auf Barrierefreiheit und hilfst, sie "
     "zu verbessern, gemeinsam mit Menschen mit Behinderung.",
     "Ein Prüfbericht und zehn barrierefrei überarbeitete Dokumente.",
     False, False, False),
    ("digitale-teilhabe-seniorenzentrum-gotha", 8, "Digitale Teilhabe im Seniorenzentrum",
     Focus.SOCIAL_MEDIA, 1,
     "Du zeigst Bewohnerinnen und Bewohnern Videotelefonie mit ihren Familien, betreust "
     "Tablets und gestaltest einen Newsletter für Angehörige.",
     "Eine Tablet-Sprechstunde jede Woche und ein Fotobuch-Projekt.",
     False, False, True),
]

# email, first, last, born, status, preferences (slugs), part of the story
APPLICANTS = [
    ("mia.wolf@demo.example", "Mia", "Wolf", datetime.date(2008, 2, 14),
     ApplicationStatus.SUBMITTED,
     ["social-media-stadt-apolda", "medienwerkstatt-jugendzentrum-weimar"]),
    ("paul.neumann@demo.example", "Paul", "Neumann", datetime.date(2007, 9, 30),
     ApplicationStatus.INTERVIEW,
     ["social-media-stadt-apolda", "it-support-rathaus-apolda"]),
    ("emma.fischer@demo.example", "Emma", "Fischer", datetime.date(2005, 6, 2),
     ApplicationStatus.OFFERED,
     ["it-service-landesrechenzentrum", "makerspace-bibliothek-erfurt"]),
    ("sophie.richter@demo.example", "Sophie", "Richter", datetime.date(2004, 11, 20),
     ApplicationStatus.ACCEPTED, ["informationssicherheit-landesrechenzentrum"]),
    ("noah.klein@demo.example", "Noah", "Klein", datetime.date(2006, 4, 8),
     ApplicationStatus.WAITING_LIST, ["informationssicherheit-landesrechenzentrum",
                                      "digitale-stadt-jena"]),
    ("lukas.bauer@demo.example", "Lukas", "Bauer", datetime.date(2010, 12, 1),
     ApplicationStatus.DRAFT, ["medienbildung-goethe-gymnasium"]),
]

MOTIVATION = ("Ich interessiere mich seit der Schulzeit für Technik und Medien und möchte "
              "nach dem Abschluss ein Jahr lang praktisch arbeiten, bevor ich mich für eine "
              "Ausbildung oder ein Studium entscheide. Besonders reizt mich, mit Menschen zu "
              "arbeiten und ein eigenes Projekt umzusetzen.")


def seed_year() -> ProgrammeYear:
    today = timezone.localdate()
    year, created = ProgrammeYear.objects.get_or_create(name=YEAR_NAME, defaults={
        "application_opens": min(datetime.date(2026, 11, 1), today),
        "application_closes": max(datetime.date(2027, 4, 30),
                                  today + datetime.timedelta(days=120)),
        "max_preferences": 3, "offer_deadline_days": 7})
    for day in (datetime.date(2027, 8, 1), datetime.date(2027, 9, 1),
                datetime.date(2027, 10, 1)):
        StartDate.objects.get_or_create(programme_year=year, date=day)
    return year


# Hosts that belong to a unit of the demo's organisation tree (for coordinators' scopes).
HOST_ORG_UNITS = {
    "Stadtverwaltung Apolda": "gem-apolda",
    "Landratsamt Weimarer Land": "lk-weimarer-land",
    "Landratsamt Ilm-Kreis": "lk-ilm-kreis",
    "Goethe-Gymnasium Ilmenau": "gem-ilmenau",
    "Thüringer Landesrechenzentrum": "th-tlrz",
}


def seed_hosts_and_placements(year: ProgrammeYear) -> dict[str, Placement]:
    contact = User.objects.filter(email=HOST_CONTACT_EMAIL).first()
    units = {unit.code: unit for unit in
             OrgUnit.objects.filter(code__in=HOST_ORG_UNITS.values())}
    hosts = []
    for name, kind, street, postcode, town, landkreis, mentor, description in HOSTS:
        host, _created = HostOrganisation.objects.get_or_create(name=name, defaults={
            "kind": kind, "street": street, "postcode": postcode, "town": town,
            "gemeinde": town, "landkreis": landkreis, "mentor_name": mentor,
            "description": description,
            "org_unit": units.get(HOST_ORG_UNITS.get(name, ""))})
        hosts.append(host)
    if contact is not None:
        hosts[0].contacts.add(contact)
    starts = list(year.start_dates.all())
    placements = {}
    for (slug, host_index, title, focus, seats, tasks, project, certificate, licence,
         part_time) in PLACEMENTS:
        placement, created = Placement.objects.get_or_create(slug=slug, defaults={
            "host": hosts[host_index], "programme_year": year, "title": title,
            "focus": focus, "seats": seats, "tasks": tasks, "digital_focus": project,
            "requires_extended_certificate": certificate,
            "requires_driving_licence": licence, "part_time_possible": part_time,
            "accessibility": "Das Gebäude ist barrierefrei erreichbar; ein Aufzug ist "
                             "vorhanden." if host_index % 2 == 0 else "",
            "published": True})
        if created:
            placement.start_dates.set(starts if host_index % 3 else starts[:2])
        placements[slug] = placement
    return placements


def _fill(application: Application, user: User, born: datetime.date, slugs, placements,
          *, consent: bool = True) -> None:
    year = application.programme_year
    application_step_save(application=application, actor=user, data={
        "first_name": user.first_name, "last_name": user.last_name, "date_of_birth": born,
        "street": "Lindenstraße 5", "postcode": "99423", "town": "Weimar",
        "contact_email": user.email, "school_obligation_completed": True,
        "school_situation": "left", "school_details": "Abitur 2026",
        "start_date": year.start_dates.order_by("date")[1], "motivation": MOTIVATION})
    document_add(application=application, actor=user, kind="cv",
                 upload=SimpleUploadedFile("Lebenslauf.pdf", CV_PDF))
    preferences_set(application=application, actor=user,
                    placements=[placements[slug] for slug in slugs])
    if consent:
        application_consent_record(application=application, actor=user)


def seed_applications(year: ProgrammeYear, placements: dict[str, Placement]) -> None:
    coordinator = User.objects.filter(groups__name=Role.COORDINATOR.value).first()
    host_contact = User.objects.filter(email=HOST_CONTACT_EMAIL).first()
    S = ApplicationStatus
    for email, first, last, born, status, slugs in APPLICANTS:
        # Other applicants are not demo logins: no password, and no role so that the
        # printed list of logins keeps one person per role.
        user = user_ensure(email=email, password=None, first_name=first, last_name=last,
                           roles=[])
        if Application.objects.filter(applicant=user, programme_year=year).exists():
            continue
        application = application_draft_get_or_create(applicant=user, programme_year=year)
        _fill(application, user, born, slugs, placements)
        if status == S.DRAFT:  # the minor: guardian named, consent still pending
            application_step_save(application=application, actor=user, data={
                "guardian_name": "Martina Bauer", "guardian_email": "martina.bauer@demo.example",
                "guardian_phone": "03677 123456"})
            Application.objects.filter(pk=application.pk).update(
                guardian_consent_requested_at=timezone.now())
            continue
        if born.year >= 2009:  # minors at the start need their guardian's consent
            application_step_save(application=application, actor=user, data={
                "guardian_name": f"Andrea {last}", "guardian_email": f"eltern.{email}"})
            guardian_consent_confirm(token=guardian_token_make(application=application))
        application_submit(application=application, actor=user)
        if status == S.SUBMITTED:
            continue
        application_transition(application=application, to_status=S.IN_REVIEW,
                               actor=coordinator, reason="Unterlagen vollständig.")
        first_choice = placements[slugs[0]]
        if status == S.INTERVIEW:
            application_transition(application=application, to_status=S.INTERVIEW,
                                   actor=coordinator, placement=first_choice,
                                   reason="Kennenlernen vereinbaren.")
            preference = application.preferences.get(placement=first_choice)
            if host_contact is not None and first_choice.host.contacts.filter(
                    pk=host_contact.pk).exists():
                preference_verdict_record(
                    preference=preference, actor=host_contact, verdict="suitable",
                    comment="Sehr überzeugendes Motivationsschreiben.",
                    interview_proposal="Dienstag, 12. Januar 2027, 10 Uhr, Rathaus Apolda")
            continue
        if status == S.WAITING_LIST:
            application_transition(application=application, to_status=S.WAITING_LIST,
                                   actor=coordinator, placement=first_choice,
                                   reason="Alle Plätze sind vergeben.")
            continue
        application_transition(application=application, to_status=S.OFFERED,
                               actor=coordinator, placement=first_choice,
                               reason="Die Einsatzstelle hat sich für dich entschieden.")
        if status == S.ACCEPTED:
            application_transition(application=application, to_status=S.ACCEPTED, actor=user)


def seed_demo_volunteer(year: ProgrammeYear, placements: dict[str, Placement]) -> None:
    """The demo volunteer has started a draft: personal data and a first choice."""
    user = User.objects.filter(email=DEMO_VOLUNTEER_EMAIL).first()
    if user is None or Application.objects.filter(applicant=user,
                                                  programme_year=year).exists():
        return
    application = application_draft_get_or_create(applicant=user, programme_year=year)
    application_step_save(application=application, actor=user, data={
        "date_of_birth": datetime.date(2007, 3, 15), "street": "Schillerstraße 12",
        "postcode": "99423", "town": "Weimar", "phone": "0151 23456789"})
    preferences_set(application=application, actor=user,
                    placements=[placements["social-media-stadt-apolda"]])


# --- the crowd for the matching proposal --------------------------------------------------

@transaction.atomic
def seed_volunteers() -> ProgrammeYear:
    """Create the demo programme year with hosts, placements and applications; idempotent."""
    email_templates_ensure()
    year = seed_year()
    placements = seed_hosts_and_placements(year)
    seed_applications(year, placements)
    seed_demo_volunteer(year, placements)
    seed_matching_crowd(year, placements)
    seed_service_year()  # the previous programme year, in service
    seed_seminar_days()  # its seminar plan and attendance
    expire_schedule_ensure()
    return year
