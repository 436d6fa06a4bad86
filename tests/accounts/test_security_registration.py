"""Issue 9, findings 2 and 3 (and the registration part of 6).

2. A deactivated account came back, with all its former rights, by registering again.
3. Registering an address that still waited for its confirmation replaced its password, so
   whoever registered second owned the account once the address's owner confirmed; and
   with the first password kept instead, whoever registered first owned it.
Registration now never changes an existing account, every registration attempt carries its
own password to its own confirmation link (the link the mailbox owner follows decides), a
link activates only an account that waits for one, and registration mails are throttled per
address and client.
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
from accounts.models import PendingRegistration, User
from accounts.registration import (
    TOKEN_MAX_AGE,
    _legacy_token_make,
    registration_email_task,
    registration_token_make,
)
from accounts.roles import Role

pytestmark = pytest.mark.django_db

REGISTER = "/en/konto/registrieren/"
LOGIN = "/en/konto/anmelden/"
FROZEN_NOW = 1_900_000_020.0  # every mail of a test falls into one throttle window
FIRST_PASSWORD = "Sonnenblume-2027"
MALLORY_PASSWORD = "Mallory-Passwort-99"


def form(email="jana@example.org", password=FIRST_PASSWORD, first="Jana", last="Köhler"):
    return {"first_name": first, "last_name": last, "email": email,
            "password1": password, "password2": password}


@pytest.fixture(autouse=True)
def _one_window(monkeypatch, settings):
    settings.ACCOUNT_EMAIL_LIMIT_PER_ADDRESS = 2
    settings.ACCOUNT_EMAIL_LIMIT_PER_CLIENT = 10
    monkeypatch.setattr(core.ratelimit, "time", types.SimpleNamespace(time=lambda: FROZEN_NOW))


@pytest.fixture
def register(client, jobs_inline, django_capture_on_commit_callbacks):
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

    # Nor does a freshly signed link for a new attempt on it.
    attempt = PendingRegistration.objects.create(user=user, password="x", first_name="E",
                                                 last_name="Ve")
    fresh = ("/en/konto/registrieren/bestaetigen/"
             f"{registration_token_make(registration=attempt)}/")
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
    password_before = User.objects.get(pk=user.pk).password

    register(form(password="Neues-Passwort-2027"), ip="203.0.113.66")
    assert "already have an account" in mail.outbox[-1].body
    assert client.get(link).status_code == 400
    user.refresh_from_db()
    assert not user.is_active and user.password == password_before


# Finding 3


def test_registering_a_pending_address_again_changes_nothing_until_a_link_is_followed(
        register):
    register(form(password=FIRST_PASSWORD, first="Jana", last="Köhler"))
    user = User.objects.get(email="jana@example.org")
    password_before = user.password
    register(form(password=MALLORY_PASSWORD, first="Mallory", last="Eindringling"),
             ip="203.0.113.66")

    user.refresh_from_db()
    assert user.registration_pending and not user.is_active
    assert user.password == password_before and not user.has_usable_password()
    assert (user.first_name, user.last_name) == ("Jana", "Köhler")
    # Each registration got its own mail with its own link, naming who registered when.
    assert len(mail.outbox) == 2
    first, second = (confirm_path(message) for message in mail.outbox)
    assert first != second
    assert "“Jana Köhler”" in mail.outbox[0].body
    assert "“Mallory Eindringling”" in mail.outbox[1].body
    assert "already been registered" in mail.outbox[1].body
    # The links name attempts; no password hash travels in a mail.
    for attempt in PendingRegistration.objects.filter(user=user):
        assert attempt.password.split("$")[-1] not in "".join(m.body for m in mail.outbox)


def test_whoever_registers_an_address_first_does_not_choose_its_password(client, register):
    # Mallory registers Jana's address before she does, with a password of Mallory's own.
    register(form(password=MALLORY_PASSWORD, first="Mallory", last="Eindringling"),
             ip="203.0.113.66")
    # Jana registers, and follows the link in the mail that answers her registration.
    register(form(password=FIRST_PASSWORD, first="Jana", last="Köhler"))
    mallorys_mail, janas_mail = mail.outbox
    assert client.get(confirm_path(janas_mail)).status_code == 200

    assert can_log_in(client, "jana@example.org", FIRST_PASSWORD)
    assert not can_log_in(client, "jana@example.org", MALLORY_PASSWORD)
    user = User.objects.get(email="jana@example.org")
    assert user.is_active and not user.registration_pending
    assert (user.first_name, user.last_name) == ("Jana", "Köhler")

    # Mallory's link, followed afterwards (by anyone), changes nothing.
    password_after = user.password
    assert client.get(confirm_path(mallorys_mail)).status_code == 400
    user.refresh_from_db()
    assert user.password == password_after
    assert (user.first_name, user.last_name) == ("Jana", "Köhler")
    assert not can_log_in(client, "jana@example.org", MALLORY_PASSWORD)
    # Following Jana's own link again is harmless.
    assert client.get(confirm_path(janas_mail)).status_code == 200
    user.refresh_from_db()
    assert user.password == password_after and user.is_active
    assert can_log_in(client, "jana@example.org", FIRST_PASSWORD)


def test_following_the_other_registrations_link_first_activates_that_one_as_the_mail_warns(
        client, register):
    """The case that remains: the mailbox owner opens the mail of Mallory's registration."""
    register(form(password=MALLORY_PASSWORD, first="Mallory", last="Eindringling"),
             ip="203.0.113.66")
    register(form(password=FIRST_PASSWORD, first="Jana", last="Köhler"))
    mallorys_mail, janas_mail = mail.outbox
    for message in mail.outbox:
        assert "Open only the link of a registration you made yourself" in message.body
    assert "Hello Mallory Eindringling" in mallorys_mail.body

    assert client.get(confirm_path(mallorys_mail)).status_code == 200
    assert can_log_in(client, "jana@example.org", MALLORY_PASSWORD)
    # Jana's own link no longer works; she resets the password with "Forgotten your
    # password?", which needs her mailbox too.
    assert client.get(confirm_path(janas_mail)).status_code == 400
    assert not can_log_in(client, "jana@example.org", FIRST_PASSWORD)


def test_an_expired_registration_attempt_is_refused_and_cleared_by_the_next_registration(
        client, register):
    register(form())
    link = confirm_path(mail.outbox[0])
    user = User.objects.get(email="jana@example.org")
    long_ago = timezone.now() - timezone.timedelta(seconds=TOKEN_MAX_AGE + 60)
    PendingRegistration.objects.filter(user=user).update(created_at=long_ago)

    assert client.get(link).status_code == 400  # its token is still young, the attempt not
    user.refresh_from_db()
    assert not user.is_active

    register(form(email="someone@example.org"), ip="198.51.100.1")
    assert not PendingRegistration.objects.filter(created_at=long_ago).exists()
    register(form(), ip="198.51.100.2")
    assert client.get(confirm_path(mail.outbox[-1])).status_code == 200
    assert can_log_in(client, "jana@example.org", FIRST_PASSWORD)


def test_links_sent_before_attempts_were_recorded_still_confirm_their_account(client):
    # Registered the old way: the account holds the password of its registration.
    old = User.objects.create_user(email="alt@example.org", password=FIRST_PASSWORD,
                                   is_active=False, registration_pending=True)
    link = f"/en/konto/registrieren/bestaetigen/{_legacy_token_make(user=old)}/"
    assert client.get(link).status_code == 200
    assert can_log_in(client, "alt@example.org", FIRST_PASSWORD)

    # Such a link for an account registered since (no password of its own) activates nothing.
    new = User.objects.create_user(email="neu@example.org", password=None,
                                   is_active=False, registration_pending=True)
    link = f"/en/konto/registrieren/bestaetigen/{_legacy_token_make(user=new)}/"
    assert client.get(link).status_code == 400
    new.refresh_from_db()
    assert not new.is_active


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


def pending_with_attempts(count: int) -> tuple[User, list[PendingRegistration]]:
    user = User.objects.create_user(email="jana@example.org", is_active=False,
                                    registration_pending=True)
    attempts = [PendingRegistration.objects.create(user=user, password="x", first_name="J",
                                                   last_name=str(i)) for i in range(count)]
    return user, attempts


def test_the_registration_email_job_sends_once_when_it_is_run_again(db):
    user, (first, second) = pending_with_attempts(2)
    registration_email_task(user.pk, "confirm", "en", "", "mail-1", first.pk)
    registration_email_task(user.pk, "confirm", "en", "", "mail-1", first.pk)  # retried
    assert len(mail.outbox) == 1
    registration_email_task(user.pk, "resend", "en", "", "mail-2", second.pk)  # another mail
    assert len(mail.outbox) == 2


def test_a_confirmation_job_for_a_used_or_dropped_attempt_sends_nothing(db):
    user, (used, dropped) = pending_with_attempts(2)
    PendingRegistration.objects.filter(pk=used.pk).update(used_at=timezone.now())
    registration_email_task(user.pk, "confirm", "en", "", "mail-1", used.pk)
    dropped.delete()
    registration_email_task(user.pk, "resend", "en", "", "mail-2", dropped.pk)
    assert mail.outbox == []


def test_a_failed_send_is_not_marked_as_sent(db, monkeypatch):
    user, (attempt,) = pending_with_attempts(1)

    def broken(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr("accounts.registration.send_mail", broken)
    with pytest.raises(ConnectionRefusedError):
        registration_email_task(user.pk, "confirm", "en", "", "mail-1", attempt.pk)
    monkeypatch.undo()
    registration_email_task(user.pk, "confirm", "en", "", "mail-1", attempt.pk)
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


# An administrator decides by hand


def pending_registration(register) -> tuple[User, str]:
    register(form())
    return User.objects.get(email="jana@example.org"), confirm_path(mail.outbox[-1])


def test_an_account_activated_and_deactivated_in_the_user_editor_is_never_confirmable(
        client, register):
    user, link = pending_registration(register)
    admin = User.objects.create_superuser(email="admin@example.org", password="x")
    client.force_login(admin)
    edit = f"/admin/users/edit/{user.pk}/"
    post = {"email": user.email, "first_name": "Jana", "last_name": "Köhler",
            "display_name": "", "groups": list(user.groups.values_list("pk", flat=True))}

    assert client.post(edit, {**post, "is_active": "on"}).status_code == 302
    user.refresh_from_db()
    assert user.is_active and not user.registration_pending
    assert client.post(edit, post).status_code == 302  # deactivated again
    user.refresh_from_db()
    assert not user.is_active

    client.logout()
    assert client.get(link).status_code == 400
    register(form(password=MALLORY_PASSWORD), ip="203.0.113.66")
    assert "already have an account" in mail.outbox[-1].body
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()


def test_an_account_activated_and_deactivated_in_bulk_is_never_confirmable(client, register):
    user, link = pending_registration(register)
    client.force_login(User.objects.create_superuser(email="admin@example.org", password="x"))
    url = f"/admin/bulk/accounts/user/set_active_state/?id={user.pk}&next=/admin/users/"

    client.post(url, {"mark_as_active": "True"})
    user.refresh_from_db()
    assert user.is_active and not user.registration_pending
    client.post(url, {"mark_as_active": "False"})

    client.logout()
    assert client.get(link).status_code == 400
    user.refresh_from_db()
    assert not user.is_active
