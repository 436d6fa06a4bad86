"""Self-registration of applicants with email verification.

A new account is inactive (cannot log in), has no usable password and is marked
`registration_pending` until the person follows the emailed link. Every registration
attempt for such an address is a `PendingRegistration` row holding that attempt's password
(hashed) and name, and gets its own email whose link names the row: the link the mailbox
owner follows sets the password and name, and the other attempts' links stop working.
Whoever registers someone else's address first therefore does not choose its password
(unless the owner follows that person's link; the email warns about it).

The answer to the form never tells whether an address is already registered: the owner of
an existing account gets an email saying so instead. Registration never changes an
existing account: not an active one, not a deactivated one (it stays deactivated, with its
password and groups). Emails are throttled per address and per client
(accounts.login_protection); over the limit no attempt is recorded either.
"""

import uuid
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.login_protection import account_email_allowed
from accounts.models import PendingRegistration, User
from accounts.roles import Role
from core.jobs import enqueue_on_commit
from core.tokens import TokenInvalid, token_make, token_read
from core.urls import absolute_url

TOKEN_SALT = "accounts.registration"  # noqa: S105 - a salt, not a secret
TOKEN_MAX_AGE = 60 * 60 * 24 * 3  # three days
EMAIL_TASK = "accounts.registration.registration_email_task"
SENT_MARK_SECONDS = 60 * 60 * 24 * 7  # longer than any retry of the email job


class RegistrationTokenInvalid(Exception):
    """The confirmation link is forged, expired or for an address that changed."""


def awaits_confirmation(user: User) -> bool:
    """A self-registered account that was never confirmed, activated or used.

    An account someone activated by hand and deactivated later is not one, even if its
    flag was never cleared: it stays deactivated.
    """
    return user.registration_pending and not user.is_active and user.last_login is None


def registration_token_make(*, registration: PendingRegistration, next_url: str = "") -> str:
    """The confirmation link's token: it names the attempt, never carries its password."""
    user = registration.user
    return token_make({"u": user.pk, "e": user.email, "r": registration.pk, "n": next_url},
                      salt=TOKEN_SALT)


def _legacy_token_make(*, user: User, next_url: str = "") -> str:
    # Links sent before attempts were recorded name only the account (see _legacy_confirm).
    return token_make({"u": user.pk, "e": user.email, "n": next_url}, salt=TOKEN_SALT)


def _attempts_cutoff() -> datetime:
    return timezone.now() - timedelta(seconds=TOKEN_MAX_AGE)


def _attempt_record(*, user: User, password: str, first_name: str,
                    last_name: str) -> PendingRegistration:
    # Attempts outlive their links by nothing: expired ones of every address go here, an
    # indexed range delete on a table that holds a few days of registrations.
    PendingRegistration.objects.filter(created_at__lt=_attempts_cutoff()).delete()
    return PendingRegistration.objects.create(user=user, password=make_password(password),
                                              first_name=first_name, last_name=last_name)


@transaction.atomic
def registration_start(*, email: str, password: str, first_name: str, last_name: str,
                       language: str = "de", next_url: str = "", client: str = "") -> User | None:
    """Create a pending, inactive applicant account and email the link (after commit, by a job).

    The password and name are recorded as a registration attempt that the emailed link
    names. An address whose account still waits for its confirmation gets another attempt
    with a link of its own; an address with any other account gets the "you already have
    an account" email. An existing account is never changed here. Over the email limits
    for the address or the client (`client`: its IP address) nothing is recorded or sent.
    Returns the new user, else None.
    """
    email = User.objects.normalize_email(email).lower()
    existing = User.objects.filter(email__iexact=email).first()
    if not account_email_allowed(purpose="registration", email=email, client=client):
        return None
    if existing is not None:
        if awaits_confirmation(existing):
            attempt = _attempt_record(user=existing, password=password,
                                      first_name=first_name, last_name=last_name)
            _enqueue_on_commit(existing.pk, "resend", language, next_url, attempt.pk)
        else:
            _enqueue_on_commit(existing.pk, "exists", language, "", None)
        return None
    try:
        with transaction.atomic():
            # No usable password until a link is followed: the attempt's is set then.
            user = User.objects.create_user(email=email, password=None,
                                            first_name=first_name, last_name=last_name,
                                            is_active=False, registration_pending=True,
                                            identity_source="self_registered")
    except IntegrityError:  # registered by a concurrent request a moment ago
        return None
    group, _created = Group.objects.get_or_create(name=Role.VOLUNTEER.value)
    user.groups.add(group)
    attempt = _attempt_record(user=user, password=password, first_name=first_name,
                              last_name=last_name)
    _enqueue_on_commit(user.pk, "confirm", language, next_url, attempt.pk)
    return user


def _enqueue_on_commit(user_id: int, kind: str, language: str, next_url: str,
                       registration_id: int | None) -> None:
    mail_id = uuid.uuid4().hex  # lets a retried job see that its mail already went out
    enqueue_on_commit(EMAIL_TASK, user_id, kind, language, next_url, mail_id,
                      registration_id, group="accounts", timeout=60)


def registration_email_task(user_id: int, kind: str, language: str, next_url: str,
                            mail_id: str = "", registration_id: int | None = None) -> None:
    """Send the confirmation link (or the note that an account exists); at most once per mail_id.

    A confirmation is skipped when the account no longer waits for one, or its attempt
    (`registration_id`) was used, dropped or has expired.
    """
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return
    confirming = kind in ("confirm", "resend")
    if confirming and not awaits_confirmation(user):
        return
    attempt = None
    if confirming and registration_id is not None:
        attempt = PendingRegistration.objects.filter(
            pk=registration_id, user=user, used_at__isnull=True,
            created_at__gte=_attempts_cutoff()).first()
        if attempt is None:
            return
    elif confirming and not user.has_usable_password():
        return  # a job queued before attempts were recorded, for an account without one
    sent_marks = caches["ratelimit"]
    mark = f"registration-mail-sent:{mail_id}"
    if mail_id and not sent_marks.add(mark, 1, timeout=SENT_MARK_SECONDS):
        return  # a retry of a job whose mail already went out
    with translation.override(language):
        context = {"user": user, "name": user.get_display_name(),
                   "login_url": absolute_url(reverse("accounts:login")),
                   "resent": kind == "resend"}
        if attempt is not None:
            token = registration_token_make(registration=attempt, next_url=next_url)
            context.update(name=attempt.get_full_name() or user.email,
                           registered_name=attempt.get_full_name(),
                           registered_at=attempt.created_at)
        elif confirming:
            token = _legacy_token_make(user=user, next_url=next_url)
        if confirming:
            context["confirm_url"] = absolute_url(
                reverse("accounts:registration_confirm", args=[token]))
        template = ("accounts/registration_email.txt" if confirming
                    else "accounts/registration_exists_email.txt")
        subject = render_to_string("accounts/registration_email_subject.txt", context).strip()
        body = render_to_string(template, context)
    try:
        send_mail(subject, body, None, [user.email])
    except Exception:
        if mail_id:
            sent_marks.delete(mark)  # not sent: a retry may try again
        raise


@transaction.atomic
def registration_confirm(*, token: str) -> tuple[User, str]:
    """Activate the pending account with the password and name of this link's attempt.

    Only an account that waits for its confirmation is activated; the other attempts for
    it are dropped, so their links answer RegistrationTokenInvalid from then on, as does a
    link for a deactivated account. Following the link that activated the account again
    changes nothing. Returns user and next.
    """
    try:
        data = token_read(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        user = User.objects.select_for_update().get(pk=data["u"], email=data["e"])
        registration_id = data.get("r")
        next_url = str(data.get("n", ""))
    except (TokenInvalid, User.DoesNotExist, KeyError, TypeError, ValueError,
            AttributeError) as error:
        raise RegistrationTokenInvalid from error
    if registration_id is None:
        return _legacy_confirm(user), next_url
    if not isinstance(registration_id, int):
        raise RegistrationTokenInvalid
    # Read after the account is locked: a concurrent confirmation has finished by now.
    attempt = user.pending_registrations.filter(pk=registration_id,
                                                created_at__gte=_attempts_cutoff()).first()
    if attempt is None:
        raise RegistrationTokenInvalid
    if awaits_confirmation(user) and attempt.used_at is None:
        user.password = attempt.password
        user.first_name, user.last_name = attempt.first_name, attempt.last_name
        user.is_active, user.registration_pending = True, False
        user.save(update_fields=["password", "first_name", "last_name", "is_active",
                                 "registration_pending"])
        # Kept (without the hash) only so that following this link again is harmless.
        attempt.used_at, attempt.password = timezone.now(), ""
        attempt.save(update_fields=["used_at", "password"])
        user.pending_registrations.exclude(pk=attempt.pk).delete()
    elif not user.is_active:
        raise RegistrationTokenInvalid
    elif attempt.used_at is None:
        # Activated by hand meanwhile: the account stays as it is, the attempts go.
        user.pending_registrations.filter(used_at__isnull=True).delete()
        if user.registration_pending:
            user.registration_pending = False
            user.save(update_fields=["registration_pending"])
    return user, next_url


def _legacy_confirm(user: User) -> User:
    """A link sent before attempts were recorded: it activates with the account's password.

    Such accounts were created with the password of their first registration; accounts
    registered since have none until an attempt's link is followed, and are refused here.
    """
    if awaits_confirmation(user) and user.has_usable_password():
        user.is_active, user.registration_pending = True, False
        user.save(update_fields=["is_active", "registration_pending"])
        user.pending_registrations.all().delete()
    elif not user.is_active:
        raise RegistrationTokenInvalid
    elif user.registration_pending:  # activated by hand meanwhile
        user.registration_pending = False
        user.save(update_fields=["registration_pending"])
    return user
