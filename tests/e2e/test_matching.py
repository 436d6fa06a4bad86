"""The matching proposal in a real browser (issue 13, "Done when").

The demo coordinator runs a proposal for the demo year, opens one applicant's explanation,
changes one assignment with a reason and approves: the offers are made and their emails go
out. One applicant accepts, another declines in "Mein Bereich"; a second run for the rest
fills the seat the decline freed. axe-core runs on every page, the admin's included.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from tests.volunteers.matching.helpers import held
from volunteers.models import (
    Application,
    ApplicationStatus,
    MatchingRun,
    MatchingRunState,
    Placement,
    ProgrammeYear,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

S = ApplicationStatus
YEAR = "Jahrgang 2027/28"


@pytest.fixture
def site(live_server, jobs_inline, seeded):
    """The demo content; jobs handed to django-q2 run at once, in the server's thread."""
    seeded()
    mail.outbox.clear()
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


def log_in(page, site, email, next_url=""):
    page.goto(site + "/konto/anmelden/" + (f"?next={next_url}" if next_url else ""))
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()


def applicant_login(application: Application) -> str:
    """Generated demo applicants have no password: give this one the demo password."""
    user = application.applicant
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user.email


def test_coordinator_runs_changes_and_approves_applicants_answer_and_a_rerun_fills_seats(
        new_page, site, assert_accessible, admin_accessible):
    year = ProgrammeYear.objects.get(name=YEAR)
    admin = new_page()
    log_in(admin, site, "koordination@demo.example", "/admin/")
    expect(admin).to_have_url(re.compile(r"/admin/$"))

    # 1. the matching screen of the demo year: run a proposal with a chosen seed
    admin.goto(site + "/admin/matching/")
    admin_accessible(admin)
    admin.locator(f"main a[href$='/admin/matching/year/{year.pk}/']").click()
    admin_accessible(admin)
    admin.locator("input[name=seed]").fill("7")
    admin.locator("main button[name=run]").click()
    run = MatchingRun.objects.get()
    expect(admin).to_have_url(re.compile(rf"/admin/matching/run/{run.pk}/$"))
    expect(admin.locator("main")).to_contain_text(str(run.result["summary"]["matched"]))
    admin_accessible(admin)

    # 2. one applicant's explanation, in whole sentences
    assignment = run.result["assignment"]
    matched = sorted((int(a) for a, p in assignment.items() if p), key=int)
    changed = Application.objects.get(pk=matched[0])
    admin.locator(f"main a[href$='/run/{run.pk}/applicant/{changed.pk}/']").click()
    expect(admin.locator("main ul.matching-explanation li").first).to_be_visible()
    expect(admin.locator("main ul.matching-explanation li").last).to_contain_text(
        re.compile("Ergebnis|Result"))
    admin_accessible(admin)

    # 3. change that assignment: no placement, with a reason
    admin.locator("select[name=placement]").select_option("")
    admin.locator("textarea[name=reason]").fill("Hat telefonisch abgesagt.")
    admin.locator("main form button[type=submit]").first.click()
    expect(admin).to_have_url(re.compile(rf"/admin/matching/run/{run.pk}/"))
    expect(admin.locator(f"#applicant-{changed.pk}")).to_contain_text(
        "Hat telefonisch abgesagt.")
    admin_accessible(admin)

    # 4. approve (a confirmation page first): offers with deadlines and emails go out
    changed.refresh_from_db()
    status_before = changed.status  # in review, interview or on the waiting list
    admin.locator(f"main a[href$='/run/{run.pk}/approve/']").click()
    admin_accessible(admin)
    admin.locator("main form button[type=submit]").first.click()
    expect(admin).to_have_url(re.compile(rf"/admin/matching/run/{run.pk}/$"))
    run.refresh_from_db()
    assert run.state == MatchingRunState.APPROVED
    offered = [row["application"] for row in run.approval_report["offered"]]
    assert len(offered) == len(matched) - 1 and changed.pk not in offered
    assert run.approval_report["skipped"] == []
    assert len(mail.outbox) == len(offered)
    changed.refresh_from_db()
    assert changed.status == status_before  # taken out of the proposal: no offer
    admin_accessible(admin)

    # 5. one applicant accepts, one whose placement turned others away declines
    turned_away = {p for p, r in run.result["placements"].items() if r["turned_away"]}
    offers = list(Application.objects.filter(pk__in=offered).order_by("pk"))
    decliner = next(a for a in offers if str(a.placement_id) in turned_away)
    accepter = next(a for a in offers if a.pk != decliner.pk)
    for application, action in ((accepter, "accept"), (decliner, "decline")):
        page = new_page()
        log_in(page, site, applicant_login(application))
        expect(page.get_by_role("heading", level=1)).to_have_text("Mein Bereich")
        assert_accessible(page)
        page.locator(f"main a[href*='/bewerbung/{application.pk}/{action}/']").first.click()
        expect(page.locator(f"main form[action$='/{application.pk}/{action}/']")).to_be_visible()
        assert_accessible(page)
        page.locator(f"main form[action$='/{application.pk}/{action}/'] "
                     "button[type=submit]").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Mein Bereich")
        assert_accessible(page)
        application.refresh_from_db()
        assert application.status == (S.ACCEPTED if action == "accept" else S.DECLINED)
    freed = Placement.objects.get(pk=decliner.placement_id)
    assert held(freed) == freed.seats - 1

    # 6. a second run for the remaining applicants and seats fills the freed seat
    admin.goto(site + f"/admin/matching/run/{run.pk}/")  # "run a new proposal for the rest"
    admin.locator(f"main a.button[href$='/admin/matching/year/{year.pk}/']").click()
    admin.locator("main button[name=run]").click()
    rerun = MatchingRun.objects.exclude(pk=run.pk).get()
    expect(admin).to_have_url(re.compile(rf"/admin/matching/run/{rerun.pk}/$"))
    assert str(freed.pk) in rerun.result["assignment"].values()
    admin_accessible(admin)
    admin.locator(f"main a[href$='/run/{rerun.pk}/approve/']").click()
    admin.locator("main form button[type=submit]").first.click()
    expect(admin).to_have_url(re.compile(rf"/admin/matching/run/{rerun.pk}/$"))
    admin_accessible(admin)
    assert held(freed) == freed.seats
    for placement in Placement.objects.filter(programme_year=year):
        assert held(placement) <= placement.seats
