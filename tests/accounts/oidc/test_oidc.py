"""Single sign-on against the real test provider, over HTTP without a browser.

The Django test client plays the browser on our side; the provider's login form is
walked with `requests` (tests/accounts/oidc/provider.py). Every failure must end on the
login page with a clear message and nothing created or changed.
"""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings

from accounts.models import IdentitySource, OrgUnit, User
from accounts.roles import Role
from tests.accounts.oidc.provider import TestProvider, staff_account
from tests.factories import role_user

pytestmark = pytest.mark.django_db

CALLBACK = "http://testserver/konto/sso/callback/"
ACCOUNTS = {
    "mia": staff_account("mia.meier@tlbv.thueringen.de", "Mia", "Meier", unit="tlbv-it",
                         supervisor="chefin@tlbv.thueringen.de",
                         roles=["tl-lernende", "tl-other"]),
    "otto": staff_account("otto@tlbv.thueringen.de", "Otto", "Ohm", unit="unbekannt"),
    "gesperrt": staff_account("gesperrt@tlbv.thueringen.de", "Gerd", "Sperr", active=False),
    "root": staff_account("root@tlbv.thueringen.de", "Rita", "Root"),
    "local": staff_account("lokal@tlbv.thueringen.de", "Lena", "Lokal"),
}


@pytest.fixture(scope="module")
def provider():
    running = TestProvider([CALLBACK], ACCOUNTS)
    yield running
    running.stop()


@pytest.fixture
def sso(provider):
    provider.reset()
    with override_settings(**provider.settings()):
        yield provider


@pytest.fixture
def units():
    land = OrgUnit.objects.create(name="Freistaat", code="th", kind="land")
    it = OrgUnit.objects.create(name="IT-Referat", code="tlbv-it", kind="behoerde",
                                parent=land)
    Group.objects.get_or_create(name=Role.LEARNER.value)
    Group.objects.get_or_create(name=Role.SUPERVISOR.value)
    chefin = role_user("chefin@tlbv.thueringen.de", Role.SUPERVISOR, home_unit=it)
    return {"land": land, "it": it, "chefin": chefin}


def start(client, path="/konto/sso/anmelden/"):
    response = client.get(path)
    assert response.status_code == 302
    return response["Location"]


def back(client, url):
    """Follow the provider's redirect back to our callback."""
    assert url.startswith(CALLBACK), url
    parts = urlsplit(url)
    return client.get(f"{parts.path}?{parts.query}")


def error_after(client, response):
    """The failure redirect goes to the login page, which shows the message."""
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page.content.decode()


def test_first_login_creates_the_staff_member_in_their_unit(client, sso, units):
    returned = sso.login(start(client), "mia")
    response = back(client, returned)
    assert response.status_code == 302 and response["Location"] == "/mein-bereich/"
    user = User.objects.get(email="mia.meier@tlbv.thueringen.de")
    assert user.oidc_subject == "mia" and user.oidc_issuer == sso.issuer
    assert user.identity_source == IdentitySource.STAFF_SSO
    assert user.is_active and not user.has_usable_password()
    assert not user.is_staff and not user.is_superuser
    assert (user.first_name, user.last_name) == ("Mia", "Meier")
    assert user.home_unit == units["it"] and user.supervisor == units["chefin"]
    assert set(user.groups.values_list("name", flat=True)) == {Role.LEARNER.value}
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.session["oidc_amr"] == [] or isinstance(client.session["oidc_amr"], list)


def test_next_login_matches_the_subject_and_updates_name_unit_and_roles(client, sso, units):
    back(client, sso.login(start(client), "mia"))
    user = User.objects.get(oidc_subject="mia")
    editor, _created = Group.objects.get_or_create(name=Role.EDITOR.value)
    user.groups.add(editor)  # not in the role map: never touched
    client.logout()
    other = OrgUnit.objects.create(name="Haushalt", code="tlbv-hh", kind="behoerde",
                                   parent=units["land"])
    changed = staff_account("mia.schulz@tlbv.thueringen.de", "Mia", "Schulz",
                            unit="tlbv-hh", roles=["tl-vorgesetzte"])
    sso.control(accounts={**ACCOUNTS, "mia": changed})
    response = back(client, sso.login(start(client), "mia"))
    assert response.status_code == 302
    user.refresh_from_db()
    assert User.objects.filter(oidc_subject="mia").count() == 1
    assert (user.email, user.last_name, user.home_unit) == (
        "mia.schulz@tlbv.thueringen.de", "Schulz", other)
    assert user.supervisor == units["chefin"]  # no claim this time: kept
    assert set(user.groups.values_list("name", flat=True)) == {
        Role.SUPERVISOR.value, Role.EDITOR.value}


def test_unknown_unit_code_keeps_the_unit_and_logs(client, sso, units, caplog):
    back(client, sso.login(start(client), "otto"))
    user = User.objects.get(oidc_subject="otto")
    assert user.home_unit is None
    assert "unknown unit code" in caplog.text


def test_local_account_with_the_same_address_is_linked_once(client, sso, units):
    local = role_user("lokal@tlbv.thueringen.de", Role.VOLUNTEER,
                      identity_source=IdentitySource.SELF_REGISTERED)
    back(client, sso.login(start(client), "local"))
    local.refresh_from_db()
    assert local.oidc_subject == "local"
    assert local.identity_source == IdentitySource.STAFF_SSO
    assert User.objects.filter(email="lokal@tlbv.thueringen.de").count() == 1


def test_superuser_with_the_same_address_is_not_linked(client, sso, units):
    root = User.objects.create_superuser("root@tlbv.thueringen.de", "Geheim-12345")
    response = back(client, sso.login(start(client, "/en/konto/sso/anmelden/"), "root"))
    assert "cannot be linked to your staff account" in error_after(client, response)
    root.refresh_from_db()
    assert root.oidc_subject is None and "_auth_user_id" not in client.session


def test_user_deactivated_here_cannot_log_in(client, sso, units):
    back(client, sso.login(start(client), "mia"))
    client.logout()
    User.objects.filter(oidc_subject="mia").update(is_active=False)
    response = back(client, sso.login(start(client, "/en/konto/sso/anmelden/"), "mia"))
    assert "Your account on this platform is deactivated" in error_after(client, response)
    assert "_auth_user_id" not in client.session


def test_user_deactivated_at_the_provider_is_refused(client, sso, units):
    returned = sso.login(start(client, "/en/konto/sso/anmelden/"), "gesperrt")
    assert "error=access_denied" in returned
    response = back(client, returned)
    assert "did not sign you in" in error_after(client, response)
    assert not User.objects.filter(email="gesperrt@tlbv.thueringen.de").exists()


def test_wrong_state_is_refused(client, sso, units):
    returned = sso.login(start(client, "/en/konto/sso/anmelden/"), "mia")
    forged = returned.replace("state=", "state=x")
    response = back(client, forged)
    assert "started in another window or took too long" in error_after(client, response)
    assert not User.objects.filter(oidc_subject="mia").exists()


def test_expired_code_is_refused(client, sso, units):
    sso.control(codeTtl=1)
    returned = sso.login(start(client, "/en/konto/sso/anmelden/"), "mia")
    # the provider's own clock must pass the code's one-second lifetime: nothing to poll
    time.sleep(2.2)
    response = back(client, returned)
    assert "took too long or was already used" in error_after(client, response)
    assert not User.objects.filter(oidc_subject="mia").exists()


def test_reused_code_is_refused(client, sso, units):
    start_url = start(client, "/en/konto/sso/anmelden/")
    returned = sso.login(start_url, "mia")
    back(client, returned)
    client.logout()
    # A second login attempt in the same browser, answered with the first (used) code.
    second = sso.login(start(client, "/en/konto/sso/anmelden/"), "mia")
    state = parse_qs(urlsplit(second).query)["state"][0]
    code = parse_qs(urlsplit(returned).query)["code"][0]
    response = client.get("/konto/sso/callback/", {"code": code, "state": state})
    assert "took too long or was already used" in error_after(client, response)
    assert "_auth_user_id" not in client.session


def test_tampered_id_token_is_refused(client, sso, units):
    sso.control(tamper=True)
    response = back(client, sso.login(start(client, "/en/konto/sso/anmelden/"), "mia"))
    assert "could not be verified" in error_after(client, response)
    assert not User.objects.filter(oidc_subject="mia").exists()
    assert not User.objects.filter(email="intruder@example.org").exists()


def test_off_without_client_id(client):
    with override_settings(OIDC_RP_CLIENT_ID=""):
        assert client.get("/konto/sso/anmelden/").status_code == 404
        assert client.get("/konto/sso/callback/").status_code == 404
        page = client.get("/en/konto/anmelden/").content.decode()
    assert "Sign in with your staff account" not in page


def test_login_page_offers_the_button_when_configured(client, sso):
    page = client.get("/en/konto/anmelden/?next=/lernen/").content.decode()
    assert 'href="/en/konto/sso/anmelden/?next=/lernen/"' in page
    assert "Sign in with your staff account" in page


def test_password_login_does_not_ask_the_provider(client, sso, units):
    # The backend is always listed: a password login must not need the provider.
    with override_settings(OIDC_ISSUER="http://127.0.0.1:9"):
        response = client.post("/konto/anmelden/", {
            "username": "chefin@tlbv.thueringen.de", "password": "Geheim-12345"})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == units["chefin"].pk


def test_unreachable_provider_is_explained(client, sso):
    with override_settings(OIDC_ISSUER="http://127.0.0.1:9"):
        response = client.get("/en/konto/sso/anmelden/")
    assert "cannot be reached at the moment" in error_after(client, response)


def test_a_locked_out_client_address_cannot_sign_in_by_single_sign_on(client, sso, units,
                                                                      settings):
    for number in range(settings.LOGIN_FAILURE_LIMIT):
        client.post("/konto/anmelden/", {"username": f"guess{number}@example.org",
                                          "password": "wrong-password"})
    response = back(client, sso.login(start(client), "mia"))
    assert response.status_code == 429
    assert not User.objects.filter(oidc_subject="mia").exists()
