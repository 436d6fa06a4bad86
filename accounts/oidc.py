"""Single sign-on for staff through OpenID Connect (mozilla-django-oidc underneath).

Configured from the environment (config/settings/base.py, block "single sign-on"); off
while OIDC_RP_CLIENT_ID is empty. The provider's endpoints come from explicit settings or,
when those are empty, from the issuer's discovery document (fetched once per process).

Who is who: a person is matched by the provider's stable subject (`iss` + `sub`), never
by the email address alone. The first login creates the account (identity source "staff
account (single sign-on)", active, no usable password) — or links an existing local
account with the same address when it is active, its address confirmed and it is not a
superuser. Name, email, org unit, supervisor and the mapped roles are updated at every
login; superuser and staff flags are never touched. A login that fails for any reason
changes nothing and leaves the reason in `request.oidc_failure` for the callback view.
"""

import logging
from functools import lru_cache

import requests
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError, transaction
from django.utils import translation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts.models import IdentitySource, OrgUnit, User

logger = logging.getLogger(__name__)

# Why a login failed; the callback view turns each into a translated message.
FAILURE_STATE = "state"
FAILURE_PROVIDER = "provider"
FAILURE_CODE = "code"
FAILURE_TOKEN = "token"  # noqa: S105 (a reason, not a secret)
FAILURE_UNREACHABLE = "unreachable"
FAILURE_INACTIVE = "inactive"
FAILURE_CONFLICT = "conflict"
FAILURE_CLAIMS = "claims"

# mozilla-django-oidc setting name → key of the discovery document.
DISCOVERY_KEYS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
SESSION_AMR = "oidc_amr"
SESSION_ACR = "oidc_acr"
SESSION_LANGUAGE = "oidc_language"


class OidcLoginFailed(Exception):
    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason


def oidc_enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


@lru_cache(maxsize=8)
def _discovery(issuer: str) -> dict:
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
    response.raise_for_status()
    document = response.json()
    if document.get("issuer", "").rstrip("/") != issuer.rstrip("/"):
        raise OidcLoginFailed(FAILURE_UNREACHABLE, "discovery names another issuer")
    return document


def oidc_setting(name: str, *default):
    """A mozilla-django-oidc setting; an empty endpoint comes from the issuer's discovery."""
    value = getattr(settings, name, None)
    if value in (None, "") and name in DISCOVERY_KEYS and settings.OIDC_ISSUER:
        try:
            return _discovery(settings.OIDC_ISSUER)[DISCOVERY_KEYS[name]]
        except (requests.RequestException, ValueError, KeyError) as error:
            raise OidcLoginFailed(FAILURE_UNREACHABLE, str(error)) from error
    if value is None:
        if default:
            return default[0]
        raise OidcLoginFailed(FAILURE_UNREACHABLE, f"{name} is not configured")
    return value


def callback_path() -> str:
    """The callback registered at the provider: one address, whatever the interface language."""
    from django.urls import reverse  # late import: keeps the URL map out of module import

    with translation.override(settings.LANGUAGE_CODE):
        return reverse("accounts:oidc_callback")


def role_map() -> dict[str, str]:
    """OIDC_ROLE_MAP "claim-value:Group,other:Group" as a dict (claim value → group name)."""
    pairs = {}
    for item in (settings.OIDC_ROLE_MAP or "").split(","):
        if ":" in item:
            claim_value, group = item.split(":", 1)
            if claim_value.strip() and group.strip():
                pairs[claim_value.strip()] = group.strip()
    return pairs


def _claim_values(value) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, str):
        return {part for part in value.replace(",", " ").split() if part}
    if isinstance(value, list | tuple):
        return {str(part) for part in value}
    return {str(value)}


class StaffOidcBackend(OIDCAuthenticationBackend):
    """Authenticates staff with the provider's code flow; see the module docstring."""

    def __init__(self, *args, **kwargs):
        # The endpoints are resolved at login, not here: password logins build this
        # backend too, and must not wait for the provider.
        self.UserModel = User

    @staticmethod
    def get_settings(attr, *args):
        return oidc_setting(attr, *args)

    def _configure(self) -> None:
        self.OIDC_OP_TOKEN_ENDPOINT = oidc_setting("OIDC_OP_TOKEN_ENDPOINT")
        self.OIDC_OP_USER_ENDPOINT = oidc_setting("OIDC_OP_USER_ENDPOINT")
        self.OIDC_OP_JWKS_ENDPOINT = oidc_setting("OIDC_OP_JWKS_ENDPOINT", None)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = getattr(settings, "OIDC_RP_IDP_SIGN_KEY", None)

    def authenticate(self, request, **kwargs):
        if request is None or not oidc_enabled() or "nonce" not in kwargs:
            return None
        if not request.GET.get("code") or not request.GET.get("state"):
            return None
        try:
            self._configure()
            with translation.override(settings.LANGUAGE_CODE):
                return super().authenticate(request, **kwargs)
        except OidcLoginFailed as failure:
            logger.warning("single sign-on refused: %s", failure)
            request.oidc_failure = failure.reason
        except requests.HTTPError as error:
            status = error.response.status_code if error.response is not None else None
            logger.warning("single sign-on: provider answered %s", status)
            request.oidc_failure = FAILURE_CODE if status in (400, 401) else FAILURE_UNREACHABLE
        except requests.RequestException as error:
            logger.warning("single sign-on: provider unreachable: %s", error)
            request.oidc_failure = FAILURE_UNREACHABLE
        except SuspiciousOperation as error:
            logger.warning("single sign-on: token refused: %s", error)
            request.oidc_failure = FAILURE_TOKEN
        except (ValueError, KeyError, TypeError) as error:  # malformed token or answer
            logger.warning("single sign-on: malformed answer: %s", error)
            request.oidc_failure = FAILURE_TOKEN
        return None

    def verify_token(self, token, **kwargs):
        """The signature (library), then issuer, audience and expiry of the ID token."""
        import jwt  # late import: only a login needs it

        if not token:
            raise SuspiciousOperation("no ID token")
        try:
            payload = super().verify_token(token, **kwargs)
        except jwt.InvalidTokenError as error:  # expired, bad signature, malformed
            raise SuspiciousOperation(str(error)) from error
        if kwargs.get("nonce") is None:  # a userinfo JWT: checked by the ID token's rules
            return payload
        if settings.OIDC_ISSUER and payload.get("iss", "").rstrip("/") != \
                settings.OIDC_ISSUER.rstrip("/"):
            raise SuspiciousOperation("ID token from another issuer")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token for another client")
        if not payload.get("sub"):
            raise SuspiciousOperation("ID token without subject")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload["sub"]:
            raise OidcLoginFailed(FAILURE_CLAIMS, "userinfo names another subject")
        issuer = payload.get("iss") or settings.OIDC_ISSUER
        claims = {**payload, **claims}
        user = staff_user_sync(issuer=issuer, subject=payload["sub"], claims=claims)
        session = self.request.session
        session[SESSION_AMR] = list(_claim_values(payload.get("amr")))
        session[SESSION_ACR] = str(payload.get("acr") or "")
        return user

    def get_user(self, user_id):
        # Django's check: an account deactivated here ends its single sign-on session too.
        return ModelBackend.get_user(self, user_id)


def _link_candidate(email: str) -> User | None:
    """An existing local account that the first single sign-on may take over, or refusal."""
    existing = User.objects.select_for_update().filter(email__iexact=email).first()
    if existing is None:
        return None
    if existing.oidc_subject:
        raise OidcLoginFailed(FAILURE_CONFLICT, "address belongs to another subject")
    if existing.is_superuser:
        raise OidcLoginFailed(FAILURE_CONFLICT, "a superuser is never linked")
    if not existing.is_active or existing.registration_pending:
        raise OidcLoginFailed(FAILURE_CONFLICT, "local account not confirmed or inactive")
    return existing


def staff_user_sync(*, issuer: str, subject: str, claims: dict) -> User:
    """Find (or create, or link) the account of this subject and update it from the claims."""
    email = User.objects.normalize_email(str(claims.get("email") or "")).strip().lower()
    try:
        with transaction.atomic():
            user = (User.objects.select_for_update()
                    .filter(oidc_issuer=issuer, oidc_subject=subject).first())
            created = False
            if user is None:
                if not email:
                    raise OidcLoginFailed(FAILURE_CLAIMS, "no email claim")
                if claims.get("email_verified") is False:
                    raise OidcLoginFailed(FAILURE_CLAIMS, "email not verified by provider")
                user = _link_candidate(email)
                if user is None:
                    user = User(email=email, is_active=True)
                    user.set_unusable_password()
                    created = True
                user.oidc_issuer, user.oidc_subject = issuer, subject
                user.identity_source = IdentitySource.STAFF_SSO
            if not user.is_active:
                raise OidcLoginFailed(FAILURE_INACTIVE, f"user {user.pk} is deactivated")
            _update_from_claims(user, claims, email)
            user.save()
            if created:
                logger.info("single sign-on created user %s", user.pk)
            _sync_roles(user, claims)
            return user
    except IntegrityError as error:  # a concurrent first login of the same person
        raise OidcLoginFailed(FAILURE_CONFLICT, "concurrent first login") from error


def _update_from_claims(user: User, claims: dict, email: str) -> None:
    user.first_name = str(claims.get("given_name") or user.first_name)[:150]
    user.last_name = str(claims.get("family_name") or user.last_name)[:150]
    if email and email != user.email:
        if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
            logger.warning("single sign-on: address of user %s is taken; kept the old one",
                           user.pk)
        else:
            user.email = email
    unit_code = claims.get(settings.OIDC_CLAIM_UNIT) if settings.OIDC_CLAIM_UNIT else None
    if unit_code:
        unit = OrgUnit.objects.filter(code=str(unit_code)).first()
        if unit is None:
            logger.warning("single sign-on: unknown unit code %r for user %s; unit kept",
                           unit_code, user.pk)
        else:
            user.home_unit = unit
    claim = settings.OIDC_CLAIM_SUPERVISOR
    supervisor_email = str(claims.get(claim) or "").strip().lower() if claim else ""
    if supervisor_email:
        supervisor = User.objects.filter(email__iexact=supervisor_email).first()
        if supervisor is None or supervisor.pk == user.pk:
            logger.warning("single sign-on: supervisor %r of user %s not found; kept",
                           supervisor_email, user.pk)
        else:
            user.supervisor = supervisor


def _sync_roles(user: User, claims: dict) -> None:
    """Groups named in OIDC_ROLE_MAP follow the roles claim; all other groups stay."""
    if not settings.OIDC_CLAIM_ROLES:
        return
    mapping = role_map()
    if not mapping:
        return
    held = _claim_values(claims.get(settings.OIDC_CLAIM_ROLES))
    managed = {group.name: group for group in Group.objects.filter(name__in=mapping.values())}
    for missing in set(mapping.values()) - set(managed):
        logger.warning("single sign-on: OIDC_ROLE_MAP names unknown group %r", missing)
    wanted = {mapping[value] for value in held if value in mapping}
    current = set(user.groups.filter(name__in=managed).values_list("name", flat=True))
    for name in wanted - current:
        if name in managed:
            user.groups.add(managed[name])
    for name in current - wanted:
        user.groups.remove(managed[name])
