"""Issue 9, finding 6: password guessing is locked out; account emails are throttled.

The probe sent 50 wrong passwords to /konto/anmelden/ and 20 to /admin/login/, and then the
right one worked. Now LOGIN_FAILURE_LIMIT failures lock the account (from any address) and
the client address (for any account) until LOGIN_COOLOFF_MINUTES have passed, on both
logins. Password-reset mails are limited per address and per client.
"""

import types
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.utils import timezone

import core.ratelimit
from accounts.models import User

pytestmark = pytest.mark.django_db

LIMIT = 5
PASSWORD = "Richtiges-Passwort-2027"
SITE_LOGIN = "/en/konto/anmelden/"
ADMIN_LOGIN = "/admin/login/"
BOTH_LOGINS = pytest.mark.parametrize("login_url", [SITE_LOGIN, ADMIN_LOGIN])
FROZEN_NOW = 1_900_000_020.0  # every mail of a test falls into one throttle window


@pytest.fixture(autouse=True)
def _limits(settings, monkeypatch):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.TRUSTED_PROXY_COUNT = 0
    monkeypatch.setattr(core.ratelimit, "time", types.SimpleNamespace(time=lambda: FROZEN_NOW))


@pytest.fixture
def account(db) -> User:
    # A superuser, so that a successful login on /admin/login/ is unmistakable too.
    return User.objects.create_superuser(email="chefin@example.org", password=PASSWORD)


def attempt(client, url: str, email: str, password: str, ip: str = "192.0.2.10", **extra):
    return client.post(url, {"username": email, "password": password}, REMOTE_ADDR=ip,
                       **extra)


def logged_in(response, client) -> bool:
    return response.status_code == 302 and "_auth_user_id" in client.session


@BOTH_LOGINS
def test_wrong_passwords_from_many_addresses_lock_the_account(client, account, login_url):
    statuses = [attempt(client, login_url, account.email, "falsch", ip=f"198.51.100.{i}"
                        ).status_code for i in range(LIMIT)]
    assert statuses[:LIMIT - 1] == [200] * (LIMIT - 1)  # the form again, with its error
    assert statuses[-1] == 429
    # The right password from an address that never failed: still refused.
    response = attempt(client, login_url, account.email, PASSWORD, ip="203.0.113.99")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@BOTH_LOGINS
def test_wrong_passwords_from_one_address_lock_that_address_for_every_account(
        client, account, login_url):
    for i in range(LIMIT):
        attempt(client, login_url, f"jemand{i}@example.org", "falsch", ip="198.51.100.7")
    response = attempt(client, login_url, account.email, PASSWORD, ip="198.51.100.7")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # The account itself is not locked: from another address its owner gets in.
    assert logged_in(attempt(client, login_url, account.email, PASSWORD, ip="203.0.113.5"),
                     client)


@BOTH_LOGINS
def test_the_lockout_ends_after_the_cool_off(client, account, settings, login_url):
    for i in range(LIMIT):
        attempt(client, login_url, account.email, "falsch", ip=f"198.51.100.{i}")
    cooloff = settings.AXES_COOLOFF_TIME
    # The failures happened (cool-off minus one minute) ago: still locked.
    AccessAttempt.objects.update(attempt_time=timezone.now() - cooloff + timedelta(minutes=1))
    assert attempt(client, login_url, account.email, PASSWORD).status_code == 429
    # That refused attempt counts as a failure and starts the cool-off again; once all of
    # them are older than the cool-off, the right password works.
    AccessAttempt.objects.update(attempt_time=timezone.now() - cooloff - timedelta(minutes=1))
    assert logged_in(attempt(client, login_url, account.email, PASSWORD), client)


def test_failures_on_the_site_login_lock_the_admin_login_too(client, account):
    for i in range(LIMIT):
        attempt(client, SITE_LOGIN, account.email, "falsch", ip=f"198.51.100.{i}")
    assert attempt(client, ADMIN_LOGIN, account.email, PASSWORD,
                   ip="203.0.113.1").status_code == 429


def test_spelling_the_address_differently_does_not_start_a_fresh_count(client, account):
    variants = ["Chefin@example.org", " chefin@example.org", "CHEFIN@EXAMPLE.ORG",
                "chefin@Example.org", "chefin@example.org "]
    for i, variant in enumerate(variants[:LIMIT]):
        attempt(client, SITE_LOGIN, variant, "falsch", ip=f"198.51.100.{i}")
    assert attempt(client, SITE_LOGIN, account.email, PASSWORD,
                   ip="203.0.113.1").status_code == 429


@BOTH_LOGINS
def test_a_forged_forwarded_for_does_not_escape_the_address_lockout(
        client, account, login_url):
    for i in range(LIMIT):
        attempt(client, login_url, f"jemand{i}@example.org", "falsch", ip="198.51.100.7",
                HTTP_X_FORWARDED_FOR=f"203.0.113.{i}")
    response = attempt(client, login_url, account.email, PASSWORD, ip="198.51.100.7",
                       HTTP_X_FORWARDED_FOR="203.0.113.200")
    assert response.status_code == 429


def test_behind_a_trusted_proxy_the_client_address_is_locked_not_the_proxy(
        client, account, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for i in range(LIMIT):  # forged entries on the left, our proxy's entry on the right
        attempt(client, SITE_LOGIN, f"jemand{i}@example.org", "falsch", ip=proxy,
                HTTP_X_FORWARDED_FOR=f"192.0.2.{i}, 203.0.113.7")
    assert attempt(client, SITE_LOGIN, account.email, PASSWORD, ip=proxy,
                   HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    # Another visitor behind the same proxy is not locked out with the guesser.
    assert logged_in(attempt(client, SITE_LOGIN, account.email, PASSWORD, ip=proxy,
                             HTTP_X_FORWARDED_FOR="203.0.113.8"), client)


def test_the_lockout_page_is_a_page_of_the_site_and_says_when_to_retry(client, account,
                                                                       settings):
    for i in range(LIMIT):
        response = attempt(client, SITE_LOGIN, account.email, "falsch", ip=f"198.51.100.{i}")
    html = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == str(settings.LOGIN_COOLOFF_MINUTES * 60)
    assert 'class="site-header"' in html and 'role="alert"' in html
    assert f"{settings.LOGIN_COOLOFF_MINUTES} minutes" in html
    assert "/en/konto/passwort-vergessen/" in html
    assert "chefin@example.org" not in html


# Password-reset mails


def reset(client, url: str, email: str, ip: str = "192.0.2.10"):
    return client.post(url, {"email": email}, REMOTE_ADDR=ip)


def test_password_reset_mails_are_limited_per_address(client, account, settings):
    settings.ACCOUNT_EMAIL_LIMIT_PER_ADDRESS = 2
    answers = [reset(client, "/en/konto/passwort-vergessen/", account.email,
                     ip=f"198.51.100.{i}") for i in range(4)]
    # Site and Wagtail admin share the limit.
    answers.append(reset(client, "/admin/password_reset/", account.email, ip="198.51.100.9"))
    assert len(mail.outbox) == 2
    # Every answer is the same: nobody learns whether a mail went out.
    assert [answer.status_code for answer in answers] == [302] * 5
    assert len({answer["Location"] for answer in answers[:4]}) == 1


def test_password_reset_mails_are_limited_per_client(client, settings):
    settings.ACCOUNT_EMAIL_LIMIT_PER_CLIENT = 3
    for i in range(5):
        User.objects.create_user(email=f"person{i}@example.org", password=PASSWORD)
        reset(client, "/en/konto/passwort-vergessen/", f"person{i}@example.org",
              ip="198.51.100.7")
    assert len(mail.outbox) == 3
    reset(client, "/en/konto/passwort-vergessen/", "person4@example.org", ip="203.0.113.4")
    assert len(mail.outbox) == 4  # another client is not affected
