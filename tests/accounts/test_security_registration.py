"""Issue 9, findings 2 and 3 (and the registration part of 6).

2. A deactivated account came back, with all its former rights, by registering again.
3. Registering an address that still waited for its confirmation replaced its password, so
   whoever registered second owned the account once the address's owner confirmed.
Registration now never changes an existing account, a confirmation link activates only an
account that waits for one, and registration mails are throttled per address and client.
"""

import importlib
import re
import types

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

import core.ratelimit
from accounts.models import User
from accounts.registration import registration_email_task, registration_token_make
from accounts.roles import Role

pytestmark = pytest.mark.django_db

REGISTER = "/en/konto/registrieren/"
LOGIN = "/en/konto/anmelden/"
FROZEN_NOW = 1_900_000_020.0  # every mail of a test falls into one throttle window
FIRST_PASSWORD = "Sonnenblume-2027"


def form(email="jana@example.org", password=FIRST_PASSWORD, first="Jana", last="Köhler"):
    return {"first_name": first, "last_name": last, "email": email,
            "password1": password, "password2": password}


@pytest.fixture(autouse=True)
def _one_window(monkeypatch, settings):
    settings.ACCOUNT_EMAIL_LIMIT_PER_ADDRESS = 2
    settings.ACCOUNT_EMAIL_LIMIT_PER_CLIENT = 10
    monkeypatch.setattr(core.ratelimit, "time", types.SimpleNamespace(time=lambda: FROZEN_NOW))


@pytest.fixture
def run_jobs(monkeypatch):
    from django.utils.module_loading import import_string

    monkeypatch.setattr("django_q.tasks.async_task",
                        lambda func, *args, **kwargs: import_string(func)(*args))


@pytest.fixture
def register(client, run_jobs, django_capture_on_commit_callbacks):
    def post(data: dict, ip: str = "192.0.2.10"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(REGISTER, data, REMOTE_ADDR=ip)
    return post


def confirm_path(message) -> str:
    link = re.search(r"https?://\S+/registrieren/bestaetigen/\S+", message.body).group(0)
    return link.split("testserver", 1)[1]


def can_log_in(client, email: str, password: str) -> bool:
    client.logout()
    client.post(LOGIN, {"username": email, "password": password})
    return "_auth_user_id" in client.session


# Finding 2


def test_a_deactivated_account_that_registers_again_stays_deactivated_with_its_old_rights(
        client, register):
    coordination, _ = Group.objects.get_or_create(name=Role.COORDINATOR.value)
    former = User.objects.create_user(email="jana@example.org", password="Altes-Passwort-1",
                                      first_name="Jana", last_name="Alt", is_active=False)
    former.groups.add(coordination)

    response = register(form(password="Neues-Passwort-2027", first="Eve", last="Neu"))

    assert response.status_code == 200  # the usual "check your inbox" page
    former.refresh_from_db()
    assert not former.is_active and not former.registration_pending
    assert former.check_password("Altes-Passwort-1")
    assert (former.first_name, former.last_name) == ("Jana", "Alt")
    assert list(former.groups.values_list("name", flat=True)) == [Role.COORDINATOR.value]
    assert User.objects.filter(email__iexact="jana@example.org").count() == 1
    assert len(mail.outbox) == 1
    assert "already have an account" in mail.outbox[0].body
    assert "/registrieren/bestaetigen/" not in mail.outbox[0].body
    assert not can_log_in(client, "jana@example.org", "Neues-Passwort-2027")


def test_an_active_account_that_registers_again_is_left_alone(client, register):
    active = User.objects.create_user(email="jana@example.org", password="Altes-Passwort-1")
    register(form(email="JANA@example.org", password="Neues-Passwort-2027"))
    active.refresh_from_db()
    assert active.is_active and active.check_password("Altes-Passwort-1")
    assert not active.registration_pending
    assert not active.groups.exists()
    assert len(mail.outbox) == 1 and "already have an account" in mail.outbox[0].body


def test_the_confirmation_link_never_reactivates_a_deactivated_account(client, register):
    register(form())
    link = confirm_path(mail.outbox[0])
    assert client.get(link).status_code == 200
    user = User.objects.get(email="jana@example.org")
    assert user.is_active and not user.registration_pending

    user.is_active = False  # a coordinator deactivates the account
    user.save(update_fields=["is_active"])
    assert client.get(link).status_code == 400
    user.refresh_from_db()
    assert not user.is_active

    # Nor does a freshly signed link for it.
    fresh = f"/en/konto/registrieren/bestaetigen/{registration_token_make(user=user)}/"
    assert client.get(fresh).status_code == 400
    user.refresh_from_db()
    assert not user.is_active


def test_an_account_activated_by_hand_and_deactivated_later_stays_deactivated(
        client, register):
    register(form())
    link = confirm_path(mail.outbox[0])
    user = User.objects.get(email="jana@example.org")
    # A coordinator activated it without the link (the flag was left set), it was used,
    # and then deactivated.
    User.objects.filter(pk=user.pk).update(is_active=False, last_login=timezone.now())

    register(form(password="Neues-Passwort-2027"), ip="203.0.113.66")
    assert "already have an account" in mail.outbox[-1].body
    assert client.get(link).status_code == 400
    user.refresh_from_db()
    assert not user.is_active and user.check_password(FIRST_PASSWORD)


# Finding 3


def test_a_pending_registration_keeps_its_first_password_and_name(client, register):
    register(form(password="Sonnenblume-2027", first="Jana", last="Köhler"))
    register(form(password="Mallory-Passwort-99", first="Mallory", last="Eindringling"),
             ip="203.0.113.66")

    user = User.objects.get(email="jana@example.org")
    assert user.registration_pending and not user.is_active
    assert user.check_password("Sonnenblume-2027")
    assert (user.first_name, user.last_name) == ("Jana", "Köhler")
    # The second registration only sent the confirmation again.
    assert len(mail.outbox) == 2
    assert all("/registrieren/bestaetigen/" in message.body for message in mail.outbox)
    assert "keeps the name and password given at the first registration" in \
        mail.outbox[1].body

    assert client.get(confirm_path(mail.outbox[1])).status_code == 200
    assert can_log_in(client, "jana@example.org", "Sonnenblume-2027")
    assert not can_log_in(client, "jana@example.org", "Mallory-Passwort-99")
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Jana", "Köhler")


def test_registering_a_pending_address_again_and_again_sends_no_more_mails(register):
    for ip in ("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"):
        response = register(form(), ip=ip)
        assert response.status_code == 200
    assert len(mail.outbox) == 2  # the first confirmation and one repetition


def test_registration_mails_are_limited_per_client(register, settings):
    settings.ACCOUNT_EMAIL_LIMIT_PER_CLIENT = 3
    for i in range(5):
        assert register(form(email=f"person{i}@example.org"), ip="198.51.100.7"
                        ).status_code == 200
    assert len(mail.outbox) == 3
    # Over the limit nothing is created either (no accounts nobody can confirm).
    assert not User.objects.filter(email="person4@example.org").exists()
    register(form(email="person4@example.org"), ip="203.0.113.4")
    assert User.objects.filter(email="person4@example.org", registration_pending=True).exists()


# The email job


def test_the_registration_email_job_sends_once_when_it_is_run_again(db):
    user = User.objects.create_user(email="jana@example.org", password="x",
                                    is_active=False, registration_pending=True)
    registration_email_task(user.pk, "confirm", "en", "", "mail-1")
    registration_email_task(user.pk, "confirm", "en", "", "mail-1")  # retried by the queue
    assert len(mail.outbox) == 1
    registration_email_task(user.pk, "resend", "en", "", "mail-2")  # another mail
    assert len(mail.outbox) == 2


def test_a_failed_send_is_not_marked_as_sent(db, monkeypatch):
    user = User.objects.create_user(email="jana@example.org", password="x",
                                    is_active=False, registration_pending=True)

    def broken(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr("accounts.registration.send_mail", broken)
    with pytest.raises(ConnectionRefusedError):
        registration_email_task(user.pk, "confirm", "en", "", "mail-1")
    monkeypatch.undo()
    registration_email_task(user.pk, "confirm", "en", "", "mail-1")
    assert len(mail.outbox) == 1


def test_a_confirmation_job_for_an_account_that_no_longer_waits_sends_nothing(db):
    user = User.objects.create_user(email="jana@example.org", password="x")
    registration_email_task(user.pk, "confirm", "en", "", "mail-1")
    assert mail.outbox == []


# The data migration


def test_the_migration_marks_only_never_confirmed_self_registrations_as_pending(db):
    migration = importlib.import_module(
        "accounts.migrations.0004_mark_unconfirmed_registrations_pending")
    applicants, _ = Group.objects.get_or_create(name=Role.VOLUNTEER.value)
    coordination, _ = Group.objects.get_or_create(name=Role.COORDINATOR.value)

    def make(email, *, groups=(applicants,), **fields):
        user = User.objects.create_user(email=email, password="x", **fields)
        user.groups.set(groups)
        return user

    unconfirmed = make("neu@example.org", is_active=False)
    deactivated_after_use = make("weg@example.org", is_active=False,
                                 last_login=timezone.now())
    deactivated_coordinator = make("koord@example.org", is_active=False,
                                   groups=(applicants, coordination))
    deactivated_staff = make("staff@example.org", is_active=False, is_staff=True)
    active = make("aktiv@example.org")

    migration.mark_pending(apps, None)

    pending = set(User.objects.filter(registration_pending=True).values_list("email",
                                                                               flat=True))
    assert pending == {unconfirmed.email}
    assert {deactivated_after_use.email, deactivated_coordinator.email,
            deactivated_staff.email, active.email}.isdisjoint(pending)
