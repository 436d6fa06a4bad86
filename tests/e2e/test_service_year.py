"""A service year in fast-forward in a real browser (issue 14, "Done when").

The demo volunteer's offer is accepted (fast-forward: set in the database, issue 6's walk
clicks it). The coordinator plans her service in the Wagtail admin with a start a year back,
generates the agreement and signs as Träger; the volunteer signs in "Mein Bereich"; the
host contact signs; the coordinator starts the service; seminar attendance is recorded on
the day sheet; the host contact records leave and the volunteer sees what is left; the
coordinator ends the service after its last day; the Bescheinigung is issued by the job and
verifies at /nachweis/; she asks for her Zeugnis, the host contact (told by mail) drafts it,
the coordinator approves it in the admin and it is issued. axe-core runs on every page.
"""

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from volunteers.models import (
    AbsenceKind,
    Application,
    ApplicationStatus,
    Placement,
    Seminar,
    SeminarAttendance,
    SeminarGroup,
    Service,
    ServiceStatus,
    Zeugnis,
    ZeugnisStatus,
)
from volunteers.seminar_days.rules import SeminarKind

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

VOLUNTEER = "freiwillige@demo.example"  # Lea Schubert
HOST = "einsatzstelle@demo.example"  # Stadtverwaltung Apolda
COORDINATOR = "koordination@demo.example"
START = "2025-11-01"  # 12 months: the last day, 31 October 2026, has passed


@pytest.fixture
def site(live_server, jobs_inline, seeded):
    """The demo content; jobs handed to django-q2 run at once, in the server's thread."""
    seeded()
    return live_server.url


@pytest.fixture
def new_page(browser):
    contexts = []

    def make():
        contexts.append(browser.new_context(locale="de-DE"))
        return contexts[-1].new_page()
    yield make
    for context in contexts:
        context.close()


def log_in(page, site, email, next_url):
    page.goto(f"{site}/konto/anmelden/?next={next_url}")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(next_url) + "$"))


def click_action(page, action):
    page.locator(f"form:has(input[name=action][value={action}]) button[type=submit]").click()


def test_a_service_year_in_fast_forward(new_page, site, assert_accessible, admin_accessible):
    application = Application.objects.get(applicant__email=VOLUNTEER,
                                          programme_year__name="Jahrgang 2027/28")
    Application.objects.filter(pk=application.pk).update(  # the offer she accepted
        status=ApplicationStatus.ACCEPTED, first_name="Lea", last_name="Schubert",
        placement=Placement.objects.get(slug="social-media-stadt-apolda"))

    # 1. the coordinator plans the service, generates the agreement, signs as Träger
    admin = new_page()
    log_in(admin, site, COORDINATOR, "/admin/volunteer-service/")
    admin_accessible(admin)
    admin.locator(f"a[href$='/admin/volunteer-service/plan/{application.pk}/']").click()
    admin.locator("input[name=start_date]").fill(START)
    admin.locator("input[name=pocket_money]").fill("450")
    admin.locator("textarea[name=benefits_in_kind]").fill("Deutschlandticket, Mittagessen")
    admin_accessible(admin)
    admin.locator("main form button[type=submit]").click()
    expect(admin).to_have_url(re.compile(r"/admin/volunteer-service/\d+/$"))
    service = Service.objects.get(application=application)
    service_url = admin.url
    admin_accessible(admin)
    click_action(admin, "generate")
    expect(admin.locator("a[href*='/vereinbarung/']").first).to_be_visible()
    admin_accessible(admin)
    admin.locator("form:has(input[name=party][value=traeger]) button").click()
    expect(admin.locator("form:has(input[name=party][value=traeger])")).to_have_count(0)
    admin_accessible(admin)

    # 2. the volunteer signs on her service page, reached from "Mein Bereich"
    volunteer = new_page()
    log_in(volunteer, site, VOLUNTEER, "/mein-bereich/")
    expect(volunteer.locator(f"section[aria-labelledby=service-heading-{service.pk}]")
           ).to_be_visible()
    assert_accessible(volunteer)
    volunteer.locator("main a[href$='/freiwilliges-digitales-jahr/mein-dienst/']").click()
    expect(volunteer.locator("main a[href*='/vereinbarung/']")).to_be_visible()
    assert_accessible(volunteer)
    volunteer.locator("main form:has(input[name=party][value=volunteer]) button").click()
    expect(volunteer.locator("main form:has(input[name=party])")).to_have_count(0)
    expect(volunteer.locator("main table").first).to_contain_text("Lea Schubert")
    assert_accessible(volunteer)

    # 3. the host contact signs for the Einsatzstelle: the agreement is complete
    host = new_page()
    log_in(host, site, HOST, "/mein-bereich/")
    host.locator("main a[href$='/freiwilliges-digitales-jahr/einsatzstelle/dienste/']").click()
    assert_accessible(host)
    host.get_by_role("link", name="Lea Schubert").click()
    assert_accessible(host)
    host.locator("main form:has(input[name=party][value=host]) button").click()
    expect(host.locator("main .kern-alert--success").last).to_be_visible()
    assert_accessible(host)
    service.refresh_from_db()
    assert service.status == ServiceStatus.AGREED

    # 4. the coordinator starts the service
    admin.goto(service_url)
    click_action(admin, "start")
    expect(admin.locator("form:has(input[name=action][value=end])")).to_be_visible()
    admin_accessible(admin)

    # 5. seminar attendance on the day sheet (the plan is fast-forwarded into place)
    group = SeminarGroup.objects.create(programme_year=service.programme_year, name="Ost")
    group.services.add(service)
    seminar = Seminar.objects.create(
        programme_year=service.programme_year, kind=SeminarKind.INTRODUCTORY, group=group,
        title="Einführungsseminar", first_day=datetime.date(2025, 11, 10),
        last_day=datetime.date(2025, 11, 14), place="Jugendherberge Weimar")
    admin.goto(f"{site}/admin/seminar-days/seminar/{seminar.pk}/2025-11-10/")
    admin_accessible(admin)
    admin.locator(f"input[name=s-{service.pk}][value=present]").check()
    admin.locator("main form button[type=submit]").click()
    expect(admin.locator(f"input[name=s-{service.pk}][value=present]")).to_be_checked()
    admin_accessible(admin)
    assert SeminarAttendance.objects.filter(service=service, status="present").count() == 1

    # 6. the host contact records leave; the volunteer sees what is left
    host.reload()
    host.locator("select[name=kind]").select_option(AbsenceKind.LEAVE)
    host.locator("input[name=first_day]").fill("2025-12-22")
    host.locator("input[name=last_day]").fill("2025-12-24")
    host.locator("input[name=days]").fill("3")
    assert_accessible(host)
    host.locator("main form:has(select[name=kind]) button[type=submit]").click()
    expect(host.locator("main table").last).to_contain_text("3")
    assert_accessible(host)
    volunteer.goto(site + "/mein-bereich/")
    card = volunteer.locator(f"section[aria-labelledby=service-heading-{service.pk}]")
    expect(card).to_contain_text(re.compile(r"23\D+26"))
    assert_accessible(volunteer)

    # 7. the service ends after its last day; the Bescheinigung is issued by the job
    admin.goto(service_url)
    click_action(admin, "end")
    expect(admin.locator("a[href*='/nachweis/']")).to_be_visible()
    admin_accessible(admin)
    service.refresh_from_db()
    assert service.status == ServiceStatus.ENDED
    assert service.certificate.status == "issued"

    # 8. it verifies at /nachweis/, reached from the volunteer's service page
    volunteer.goto(site + "/freiwilliges-digitales-jahr/mein-dienst/")
    volunteer.locator("main a[href*='/nachweis/']").click()
    expect(volunteer).to_have_url(re.compile(r"/nachweis/"))
    expect(volunteer.locator("main")).to_contain_text("Dieser Nachweis ist gültig.")
    expect(volunteer.locator("main")).to_contain_text("Lea Schubert")
    assert_accessible(volunteer)

    # 9. the Zeugnis: she asks for it (with performance and conduct) on her service page
    mail.outbox.clear()
    volunteer.goto(site + "/freiwilliges-digitales-jahr/mein-dienst/")
    volunteer.locator("main input[name=with_performance]").check()
    assert_accessible(volunteer)
    volunteer.locator("main form:has(input[name=with_performance]) button").click()
    expect(volunteer.locator("main .kern-alert--success").last).to_be_visible()
    assert_accessible(volunteer)
    zeugnis = Zeugnis.objects.get(service=service)
    host_zeugnis = f"/freiwilliges-digitales-jahr/einsatzstelle/dienst/{service.pk}/zeugnis/"
    assert [(m.to, host_zeugnis in m.body) for m in mail.outbox] == [([HOST], True)]

    # 10. the host contact, told by mail, drafts it from the service page
    host.goto(site + f"/freiwilliges-digitales-jahr/einsatzstelle/dienst/{service.pk}/")
    host.locator(f"main a[href$='{host_zeugnis}']").click()
    assert_accessible(host)
    for name, text in (("tasks", "Betreuung der Social-Media-Kanäle der Stadt."),
                       ("digital_project", "Ein digitaler Stadtrundgang mit QR-Codes."),
                       ("skills", "Projektplanung, Bildrechte, barrierefreie Texte."),
                       ("performance", "Stets zu unserer vollsten Zufriedenheit."),
                       ("conduct", "Vorbildlich gegenüber allen.")):
        host.locator(f"textarea[name={name}]").fill(text)
    host.locator("main form:has(textarea[name=tasks]) button[type=submit]").click()
    expect(host.locator("main .kern-alert--success").last).to_be_visible()
    assert_accessible(host)
    assert [m.to for m in mail.outbox][1:] == [[COORDINATOR]]

    # 11. the coordinator approves it in the admin; the job issues it
    admin.goto(f"{site}/admin/volunteer-zeugnis/")
    admin_accessible(admin)
    admin.locator(f"a[href$='/admin/volunteer-zeugnis/{zeugnis.pk}/']").first.click()
    expect(admin.locator("textarea[name=conduct]")).to_have_value("Vorbildlich gegenüber allen.")
    admin_accessible(admin)
    admin.locator("button[name=action][value=approve]").click()
    expect(admin.locator("main a[href*='/nachweis/']")).to_be_visible()
    admin_accessible(admin)
    zeugnis.refresh_from_db()
    assert zeugnis.status == ZeugnisStatus.ISSUED

    # 12. she opens it from her service page; the public page never shows the assessment
    volunteer.goto(site + "/freiwilliges-digitales-jahr/mein-dienst/")
    volunteer.locator(f"main a[href$='{zeugnis.certificate.get_absolute_url()}']").click()
    expect(volunteer.locator("main")).to_contain_text("Lea Schubert")
    expect(volunteer.locator("main")).not_to_contain_text("Zufriedenheit")
    assert_accessible(volunteer)
