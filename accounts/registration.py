"""Self-registration of applicants with email verification.

A new account is inactive (cannot log in) and marked `registration_pending` until the
person follows the emailed link. The answer to the form never tells whether an address is
already registered: the owner of an existing account gets an email saying so instead.
Registration never changes an existing account: not an active one, not a deactivated one
(it stays deactivated, with its password and groups), and not one still waiting for its
confirmation (its password and name stay; the confirmation mail is sent again). Emails are
throttled per address and per client (accounts.login_protection).
"""

import uuid

from django.conf import settings
from django.contrib.auth.models import Group
from django.core import signing
from django.core.cache import caches
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.login_protection import account_email_allowed
from accounts.models import User
from accounts.roles import Role

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


def registration_token_make(*, user: User, next_url: str = "") -> str:
    return signing.dumps({"u": user.pk, "e": user.email, "n": next_url}, salt=TOKEN_SALT)


@transaction.atomic
def registration_start(*, email: str, password: str, first_name: str, last_name: str,
                       language: str = "de", next_url: str = "", client: str = "") -> User | None:
    """Create a pending, inactive applicant account and email the link (after commit, by a job).

    An address that already has an account gets the "you already have an account" email,
    or, while that account still waits for its confirmation, the confirmation again; the
    account itself is never changed. Over the email limits for the address or the client
    (`client`: its IP address) nothing is created or sent. Returns the new user, else None.
    """
    email = User.objects.normalize_email(email).lower()
    existing = User.objects.filter(email__iexact=email).first()
    if not account_email_allowed(purpose="registration", email=email, client=client):
        return None
    if existing is not None:
        kind = "resend" if awaits_confirmation(existing) else "exists"
        _enqueue_on_commit(existing.pk, kind, language, next_url if kind == "resend" else "")
        return None
    try:
        with transaction.atomic():
            user = User.objects.create_user(email=email, password=password,
                                            first_name=first_name, last_name=last_name,
                                            is_active=False, registration_pending=True)
    except IntegrityError:  # registered by a concurrent request a moment ago
        return None
    group, _created = Group.objects.get_or_create(name=Role.VOLUNTEER.value)
    user.groups.add(group)
    _enqueue_on_commit(user.pk, "confirm", language, next_url)
    return user


def _enqueue_on_commit(user_id: int, kind: str, language: str, next_url: str) -> None:
    mail_id = uuid.uuid4().hex  # lets a retried job see that its mail already went out
    transaction.on_commit(lambda: _enqueue(user_id, kind, language, next_url, mail_id))


def _enqueue(user_id: int, kind: str, language: str, next_url: str, mail_id: str) -> None:
    from django_q.tasks import async_task

    async_task(EMAIL_TASK, user_id, kind, language, next_url, mail_id, group="accounts",
               timeout=60)


def registration_email_task(user_id: int, kind: str, language: str, next_url: str,
                            mail_id: str = "") -> None:
    """Send the confirmation link (or the note that an account exists); at most once per mail_id.

    A confirmation is skipped when the account no longer waits for one.
    """
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return
    confirming = kind in ("confirm", "resend")
    if confirming and not awaits_confirmation(user):
        return
    sent_marks = caches["ratelimit"]
    mark = f"registration-mail-sent:{mail_id}"
    if mail_id and not sent_marks.add(mark, 1, timeout=SENT_MARK_SECONDS):
        return  # a retry of a job whose mail already went out
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(language):
        context = {"user": user, "login_url": base + reverse("accounts:login"),
                   "resent": kind == "resend"}
        if confirming:
            context["confirm_url"] = base + reverse("accounts:registration_confirm", args=[
                registration_token_make(user=user, next_url=next_url)])
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
    """Activate the pending account of this link; following it twice is fine.

    Only an account that waits for its confirmation is activated; a deactivated account
    stays deactivated (RegistrationTokenInvalid). Returns user and next.
    """
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        user = User.objects.select_for_update().get(pk=data["u"], email=data["e"])
    except (signing.BadSignature, User.DoesNotExist, KeyError, TypeError) as error:
        raise RegistrationTokenInvalid from error
    if awaits_confirmation(user):
        user.is_active, user.registration_pending = True, False
        user.save(update_fields=["is_active", "registration_pending"])
    elif not user.is_active:
        raise RegistrationTokenInvalid
    elif user.registration_pending:  # activated by hand meanwhile
        user.registration_pending = False
        user.save(update_fields=["registration_pending"])
    return user, data.get("n", "")
