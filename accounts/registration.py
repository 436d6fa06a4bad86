"""Self-registration of applicants with email verification.

A new account is inactive (cannot log in) until the person follows the emailed link. The
answer to the form never tells whether an address is already registered: the owner of an
existing account gets an email saying so instead.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from accounts.roles import Role

TOKEN_SALT = "accounts.registration"  # noqa: S105 - a salt, not a secret
TOKEN_MAX_AGE = 60 * 60 * 24 * 3  # three days
EMAIL_TASK = "accounts.registration.registration_email_task"


class RegistrationTokenInvalid(Exception):
    """The confirmation link is forged, expired or for an address that changed."""


def registration_token_make(*, user: User, next_url: str = "") -> str:
    return signing.dumps({"u": user.pk, "e": user.email, "n": next_url}, salt=TOKEN_SALT)


@transaction.atomic
def registration_start(*, email: str, password: str, first_name: str, last_name: str,
                       language: str = "de", next_url: str = "") -> User | None:
    """Create an inactive applicant account and email the link; after commit, by a job.

    Returns the new user, or None when the address was already registered.
    """
    email = User.objects.normalize_email(email).lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None and existing.is_active:
        transaction.on_commit(lambda: _enqueue(existing.pk, "exists", language, ""))
        return None
    user = existing or User.objects.create_user(email=email, password=password,
                                                is_active=False)
    user.first_name, user.last_name = first_name, last_name
    user.set_password(password)
    user.is_active = False
    user.save()
    group, _created = Group.objects.get_or_create(name=Role.VOLUNTEER.value)
    user.groups.add(group)
    transaction.on_commit(lambda: _enqueue(user.pk, "confirm", language, next_url))
    return user


def _enqueue(user_id: int, kind: str, language: str, next_url: str) -> None:
    from django_q.tasks import async_task

    async_task(EMAIL_TASK, user_id, kind, language, next_url, group="accounts", timeout=60)


def registration_email_task(user_id: int, kind: str, language: str, next_url: str) -> None:
    """Send the confirmation link (or the note that an account exists)."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(language):
        context = {"user": user, "login_url": base + reverse("accounts:login"),
                   "confirm_url": base + reverse("accounts:registration_confirm", args=[
                       registration_token_make(user=user, next_url=next_url)])}
        template = ("accounts/registration_email.txt" if kind == "confirm"
                    else "accounts/registration_exists_email.txt")
        subject = render_to_string("accounts/registration_email_subject.txt", context).strip()
        body = render_to_string(template, context)
    send_mail(subject, body, None, [user.email])


def registration_confirm(*, token: str) -> tuple[User, str]:
    """Activate the account of this link; following it twice is fine. Returns user and next."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        user = User.objects.get(pk=data["u"], email=data["e"])
    except (signing.BadSignature, User.DoesNotExist, KeyError, TypeError) as error:
        raise RegistrationTokenInvalid from error
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user, data.get("n", "")
