"""Second factor for the admin, through the real middleware (ADMIN_MFA_REQUIRED on)."""

import re

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from accounts.audit import TWO_FACTOR_RESET
from accounts.models import OrgUnit
from accounts.roles import Role
from accounts.two_factor.rules import provider_reported_mfa
from tests.accounts.two_factor.helpers import current_code
from tests.factories import role_user

pytestmark = pytest.mark.django_db

SETUP = "/en/konto/zwei-faktoren/einrichten/"
VERIFY = "/en/konto/zwei-faktoren/pruefen/"


@pytest.fixture(autouse=True)
def _enforced(settings):
    settings.ADMIN_MFA_REQUIRED = True
    settings.ADMIN_MFA_FROM_OIDC = False


def enrol(client, user) -> tuple[TOTPDevice, list[str]]:
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SETUP, {"code": current_code(device), "next": "/admin/"})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"])
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", page.content.decode())
    return TOTPDevice.objects.get(pk=device.pk), codes


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.EDITOR])
def test_admin_roles_are_sent_to_set_up_a_second_factor(client, role):
    user = role_user("admin@example.org", role)
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/konto/zwei-faktoren/pruefen/" in response["Location"]
    follow = client.get(response["Location"])
    assert follow.status_code == 302 and "/zwei-faktoren/einrichten/" in follow["Location"]


def test_superuser_needs_it_too_and_learners_are_not_asked(client):
    boss = role_user("boss@example.org", is_superuser=True, is_staff=True)
    client.force_login(boss)
    assert client.get("/admin/pages/").status_code == 302
    learner = role_user("learner@example.org", Role.LEARNER)
    client.force_login(learner)
    # Wagtail itself refuses the admin to a learner (no second factor asked for).
    response = client.get("/admin/")
    assert "zwei-faktoren" not in response.get("Location", "")


def test_enrolment_shows_qr_and_text_secret_then_recovery_codes_once(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code delays the next try otherwise
    user = role_user("coord@example.org", Role.COORDINATOR)
    client.force_login(user)
    page = client.get(SETUP).content.decode()
    assert "<svg" in page and 'id="totp-secret"' in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(SETUP, {"code": "000000" if current_code(device) != "000000"
                                else "111111"})
    assert wrong.status_code == 200 and "not valid" in wrong.content.decode()
    device, codes = enrol(client, user)
    assert device.confirmed and len(codes) == 10
    # shown once only
    assert client.get("/en/konto/zwei-faktoren/wiederherstellungscodes/").status_code == 302
    assert client.get("/admin/").status_code == 200


def test_each_new_session_needs_a_code_and_a_recovery_code_works_once(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    user = role_user("coord@example.org", Role.COORDINATOR)
    client.force_login(user)
    device, codes = enrol(client, user)
    client.logout()

    client.force_login(user)
    assert client.get("/admin/").status_code == 302
    bad = client.post(VERIFY, {"code": "nonsense", "next": "/admin/"})
    assert bad.status_code == 200 and "not valid" in bad.content.decode()
    ok = client.post(VERIFY, {"code": current_code(device, steps_ahead=1), "next": "/admin/"})
    assert ok.status_code == 302 and ok["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    client.logout()

    client.force_login(user)
    assert client.post(VERIFY, {"code": codes[0]}).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()
    client.force_login(user)
    assert client.post(VERIFY, {"code": codes[0]}).status_code == 200  # used up
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_next_is_kept_on_this_site_only(client):
    user = role_user("coord@example.org", Role.COORDINATOR)
    client.force_login(user)
    device, _codes = enrol(client, user)
    client.logout()
    client.force_login(user)
    response = client.post(VERIFY, {"code": current_code(device, steps_ahead=1),
                                    "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_provider_mfa_counts_only_when_configured(client, settings):
    user = role_user("coord@example.org", Role.COORDINATOR)
    client.force_login(user)
    session = client.session
    session["oidc_amr"] = ["pwd", "otp"]
    session.save()
    assert client.get("/admin/").status_code == 302
    settings.ADMIN_MFA_FROM_OIDC = True
    assert client.get("/admin/").status_code == 200
    session = client.session
    session["oidc_amr"] = ["pwd"]
    session.save()
    assert client.get("/admin/").status_code == 302


def test_provider_mfa_rule():
    assert provider_reported_mfa(amr=["mfa"], acr="", accepted_acr=[])
    assert provider_reported_mfa(amr=["pwd", "hwk"], acr=None, accepted_acr=[])
    assert not provider_reported_mfa(amr=["pwd"], acr="urn:x:low", accepted_acr=["urn:x:high"])
    assert provider_reported_mfa(amr=[], acr="urn:x:high", accepted_acr=["urn:x:high"])
    assert not provider_reported_mfa(amr=None, acr="", accepted_acr=[""])


def test_admin_login_page_is_reachable_without_the_second_factor(client):
    user = role_user("coord@example.org", Role.COORDINATOR)
    client.force_login(user)
    assert client.get("/admin/login/").status_code in (200, 302)
    assert client.post("/admin/logout/").status_code == 302


def test_wrong_codes_slow_down_the_next_try(client):
    user = role_user("coord@example.org", Role.COORDINATOR)
    client.force_login(user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = "000000" if current_code(device) != "000000" else "111111"
    client.post(SETUP, {"code": wrong})
    response = client.post(SETUP, {"code": current_code(device)})
    assert response.status_code == 200 and "Wait" in response.content.decode()


def test_reset_by_superuser_and_coordinator_in_scope_is_audited(client, settings):
    settings.ADMIN_MFA_FROM_OIDC = True  # the administrators here came through SSO with MFA
    unit = OrgUnit.objects.create(name="Amt", code="amt", kind="behoerde")
    other = OrgUnit.objects.create(name="Anderes Amt", code="anderes", kind="behoerde")
    editor = role_user("editor@example.org", Role.EDITOR, home_unit=unit)
    outsider = role_user("out@example.org", Role.EDITOR, home_unit=other)
    coordinator = role_user("coord@example.org", Role.COORDINATOR, home_unit=unit)
    coordinator.scope_units.add(unit)
    boss = role_user("boss@example.org", is_superuser=True, is_staff=True)
    for person in (editor, outsider, coordinator):
        TOTPDevice.objects.create(user=person, name="authenticator", confirmed=True)

    def login(user, amr):
        client.force_login(user)
        session = client.session
        session["oidc_amr"] = amr
        session.save()

    login(editor, ["mfa"])
    assert client.get(f"/admin/two-factor-reset/{outsider.pk}/").status_code in (302, 403)
    assert client.post(f"/admin/two-factor-reset/{outsider.pk}/").status_code in (302, 403)
    assert TOTPDevice.objects.filter(user=outsider).exists()

    login(coordinator, ["pwd"])  # no second factor in this session: sent to it first
    response = client.get(f"/admin/two-factor-reset/{editor.pk}/")
    assert response.status_code == 302 and "zwei-faktoren" in response["Location"]
    login(coordinator, ["mfa"])
    assert client.get(f"/admin/two-factor-reset/{outsider.pk}/").status_code in (302, 403)
    assert client.get(f"/admin/two-factor-reset/{editor.pk}/").status_code == 200
    assert client.post(f"/admin/two-factor-reset/{editor.pk}/").status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    entry = ModelLogEntry.objects.get(action=TWO_FACTOR_RESET)
    assert entry.user_id == coordinator.pk and entry.object_id == str(editor.pk)

    login(boss, ["mfa"])
    assert client.get(f"/admin/two-factor-reset/{boss.pk}/").status_code in (302, 403)
    listing = client.get("/admin/users/").content.decode()
    assert f"/admin/two-factor-reset/{outsider.pk}/" in listing
    assert client.post(f"/admin/two-factor-reset/{outsider.pk}/").status_code == 302
    assert not TOTPDevice.objects.filter(user=outsider).exists()
    assert TOTPDevice.objects.filter(user=coordinator).exists()
