"""Single sign-on in a real browser through the real test provider's redirect flow."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.models import IdentitySource, OrgUnit, User
from accounts.roles import Role
from tests.accounts.oidc.provider import PASSWORD, TestProvider, staff_account
from tests.factories import role_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ACCOUNTS = {
    "mia": staff_account("mia.meier@tlbv.thueringen.de", "Mia", "Meier", unit="tlbv-it",
                         supervisor="chefin@tlbv.thueringen.de", roles=["tl-lernende"]),
    "gesperrt": staff_account("gesperrt@tlbv.thueringen.de", "Gerd", "Sperr", active=False),
}


@pytest.fixture(scope="module")
def provider(live_server):
    running = TestProvider([live_server.url + "/konto/sso/callback/"], ACCOUNTS)
    yield running
    running.stop()


@pytest.fixture
def site(live_server, provider, settings):
    provider.reset()
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    land = OrgUnit.objects.create(name="Freistaat Thüringen", code="th", kind="land")
    unit = OrgUnit.objects.create(name="IT-Referat", code="tlbv-it", kind="behoerde",
                                  parent=land)
    Group.objects.get_or_create(name=Role.LEARNER.value)
    role_user("chefin@tlbv.thueringen.de", Role.SUPERVISOR, home_unit=unit,
              first_name="Clara", last_name="Chefin")
    return live_server.url


def sign_in_at_provider(page, login):
    expect(page.get_by_role("heading", name="Test identity provider")).to_be_visible()
    page.get_by_label("Login").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_first_login_lands_the_staff_member_in_their_unit(page, site, assert_accessible):
    page.goto(site + "/en/konto/anmelden/")
    button = page.get_by_role("link", name="Sign in with your staff account")
    expect(button).to_be_visible()
    assert_accessible(page)
    button.focus()
    page.keyboard.press("Enter")
    sign_in_at_provider(page, "mia")
    expect(page).to_have_url(site + "/en/mein-bereich/")
    assert_accessible(page)
    user = User.objects.get(oidc_subject="mia")
    assert user.identity_source == IdentitySource.STAFF_SSO
    assert user.home_unit.code == "tlbv-it"
    assert user.supervisor.email == "chefin@tlbv.thueringen.de"
    assert user.has_role(Role.LEARNER.value)


def test_user_deactivated_at_the_provider_sees_why(page, site, assert_accessible):
    page.goto(site + "/en/konto/anmelden/?next=/en/lernen/")
    page.get_by_role("link", name="Sign in with your staff account").click()
    sign_in_at_provider(page, "gesperrt")
    expect(page).to_have_url(site + "/en/konto/anmelden/")
    expect(page.get_by_text("did not sign you in")).to_be_visible()
    assert_accessible(page)
    assert not User.objects.filter(email="gesperrt@tlbv.thueringen.de").exists()
