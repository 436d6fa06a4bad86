"""Two factors for the admin: who needs one, enrolment, verification, recovery codes, reset.

Devices are django-otp's: a TOTP device (authenticator app) and a static device holding the
recovery codes, each of which works once. A session counts as verified once
`django_otp.login` ran for it (django-otp's middleware then answers `user.is_verified()`).
"""

from __future__ import annotations

import base64

import segno
from django.conf import settings
from django.db import transaction
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.audit import TWO_FACTOR_RESET, audit_log
from accounts.roles import Role
from accounts.selectors import person_within_actor_scope
from accounts.two_factor.rules import format_secret, normalise_token, provider_reported_mfa

TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery"
RECOVERY_CODE_COUNT = 10
THROTTLED = "throttled"  # enrolment_confirm's answer while wrong codes slow the next try
# Session keys set by the single sign-on login (accounts.oidc).
SESSION_OIDC_AMR = "oidc_amr"
SESSION_OIDC_ACR = "oidc_acr"


def second_factor_required(user) -> bool:
    """Whether `user` must show a second factor before using the admin.

    Everyone who can open the admin: superusers, Koordination and Redaktion.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.has_perm("wagtailadmin.access_admin")


def provider_mfa_accepted(request) -> bool:
    """Whether this session's single sign-on reported MFA and the operator trusts it."""
    if not settings.ADMIN_MFA_FROM_OIDC:
        return False
    return provider_reported_mfa(
        amr=request.session.get(SESSION_OIDC_AMR), acr=request.session.get(SESSION_OIDC_ACR),
        accepted_acr=settings.ADMIN_MFA_OIDC_ACR_VALUES)


def session_verified(request) -> bool:
    user = request.user
    return bool(getattr(user, "is_verified", lambda: False)()) or provider_mfa_accepted(request)


def confirmed_totp(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def enrolment_device(user) -> TOTPDevice:
    """The unconfirmed TOTP device the person is setting up (one, kept across page loads)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def enrolment_details(device: TOTPDevice) -> dict:
    """What the setup page shows: the QR code (inline SVG, made here) and the secret as text."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    qr = segno.make(device.config_url, error="m")
    return {"secret": format_secret(secret),
            "qr_svg": qr.svg_inline(scale=5, dark="#000", light="#fff", omitsize=False),
            "otpauth_url": device.config_url}


@transaction.atomic
def enrolment_confirm(request, device: TOTPDevice, token: str) -> list[str] | str | None:
    """Confirm `device` with a code from the app; returns the new recovery codes, None for
    a wrong code, or THROTTLED while django-otp's delay after wrong codes runs.

    Replaces any earlier devices of the person and marks this session verified.
    """
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=request.user)
    if device.confirmed:
        return None
    if not device.verify_is_allowed()[0]:
        return THROTTLED
    if not device.verify_token(normalise_token(token)):
        return None
    TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = recovery_codes_renew(request.user)
    otp_login(request, device)
    return codes


def recovery_codes_renew(user) -> list[str]:
    """New recovery codes for `user` (the old ones stop working); shown once, stored as is
    in django-otp's static device, each usable once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def verify(request, token: str) -> bool:
    """Check a code from the app or a recovery code; marks the session verified."""
    device = match_token(request.user, normalise_token(token))
    if device is None:
        return False
    otp_login(request, device)
    return True


def has_devices(user) -> bool:
    return TOTPDevice.objects.filter(user=user).exists() or StaticDevice.objects.filter(
        user=user).exists()


def can_reset(actor, person) -> bool:
    """Superusers reset anyone's devices; coordinators those of people in their scope
    (never a superuser's, never their own — that is what recovery codes are for)."""
    if actor.pk == person.pk:
        return False
    if actor.is_superuser:
        return True
    if person.is_superuser or not actor.has_role(Role.COORDINATOR):
        return False
    return person_within_actor_scope(actor, person)


@transaction.atomic
def devices_reset(*, actor, person) -> int:
    """Remove `person`'s devices: they enrol again at their next admin login. Audited."""
    count = TOTPDevice.objects.filter(user=person).delete()[0]
    count += StaticDevice.objects.filter(user=person).delete()[0]
    audit_log(action=TWO_FACTOR_RESET, user=actor, instance=person, data={"person": person.pk})
    return count
