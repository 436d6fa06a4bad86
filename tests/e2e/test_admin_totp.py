"""A coordinator logs into the admin with TOTP in Chromium: enrolment at the first login
(QR code and the key as text, confirmed with a code), the recovery codes shown once, a
code at the next login; a superuser resets the coordinator's second factor. axe-core on
every page visited (the admin's included)."""

import base64
import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.roles import Role
from tests.factories import role_user
from tests.utils import wait_until

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "Geheim-12345"


def code_for(secret_text: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for the key the page printed."""
    key = secret_text.replace(" ", "")
    generator = TOTP(base64.b32decode(key + "=" * (-len(key) % 8)))
    generator.time = time.time() + 30 * steps_ahead
    return f"{generator.token():06d}"


def admin_login(page, site, email):
    page.goto(site + "/admin/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()


def test_coordinator_enrols_and_logs_in_with_totp(page, live_server, settings,
                                                   assert_accessible, admin_accessible):
    settings.ADMIN_MFA_REQUIRED = True
    site = live_server.url
    coordinator = role_user("koordination-totp@example.org", Role.COORDINATOR,
                            first_name="Aylin", last_name="Demir")
    role_user("chefin@example.org", is_superuser=True, is_staff=True)

    admin_login(page, site, coordinator.email)
    expect(page).to_have_url(f"{site}/konto/zwei-faktoren/einrichten/?next=%2Fadmin%2F")
    expect(page.locator("svg").first).to_be_visible()
    assert_accessible(page)
    secret = page.locator("#totp-secret").inner_text()
    page.locator("#id_code").fill("000000" if code_for(secret) != "000000" else "111111")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".kern-error")).to_be_visible()
    assert_accessible(page)
    # django-otp refuses any try within a second of a wrong code: wait until it allows one
    device = TOTPDevice.objects.devices_for_user(coordinator, confirmed=False).get()
    wait_until(lambda: device.refresh_from_db() or device.verify_is_allowed()[0])
    page.locator("#id_code").fill(code_for(secret))
    page.locator("main form button[type=submit]").click()

    expect(page.locator("#recovery-codes li")).to_have_count(10)
    assert_accessible(page)
    page.locator("main a.kern-btn").click()
    expect(page).to_have_url(f"{site}/admin/")
    admin_accessible(page)

    page.context.clear_cookies()
    admin_login(page, site, coordinator.email)
    expect(page).to_have_url(f"{site}/konto/zwei-faktoren/pruefen/?next=%2Fadmin%2F")
    assert_accessible(page)
    page.locator("#id_code").fill(code_for(secret, steps_ahead=1))
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{site}/admin/")

    # A superuser (after their own enrolment) resets the coordinator's second factor.
    page.context.clear_cookies()
    admin_login(page, site, "chefin@example.org")
    secret = page.locator("#totp-secret").inner_text()
    page.locator("#id_code").fill(code_for(secret))
    page.locator("main form button[type=submit]").click()
    page.locator("main a.kern-btn").click()
    page.goto(f"{site}/admin/two-factor-reset/{coordinator.pk}/")
    admin_accessible(page)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{site}/admin/users/")
    page.context.clear_cookies()
    admin_login(page, site, coordinator.email)
    expect(page).to_have_url(f"{site}/konto/zwei-faktoren/einrichten/?next=%2Fadmin%2F")
