"""People and where they belong: users (login by email) and the organisation-unit tree."""

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models, router
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.prepared import PreparedQuery


class OrgUnitKind(models.TextChoices):
    LAND = "land", _("State")
    RESSORT = "ressort", _("Ministry")
    BEHOERDE = "behoerde", _("Authority")
    ORGANISATIONSEINHEIT = "organisationseinheit", _("Department")
    LANDKREIS = "landkreis", _("District")
    KREISFREIE_STADT = "kreisfreie_stadt", _("Independent city")
    GEMEINDE = "gemeinde", _("Municipality")


# Which kinds may sit below which; None stands for "at the top of the tree".
ALLOWED_PARENT_KINDS: dict[str, set[str | None]] = {
    OrgUnitKind.LAND: {None},
    OrgUnitKind.RESSORT: {OrgUnitKind.LAND},
    OrgUnitKind.BEHOERDE: {OrgUnitKind.LAND, OrgUnitKind.RESSORT},
    OrgUnitKind.ORGANISATIONSEINHEIT: {
        OrgUnitKind.BEHOERDE, OrgUnitKind.ORGANISATIONSEINHEIT, OrgUnitKind.LANDKREIS,
        OrgUnitKind.KREISFREIE_STADT, OrgUnitKind.GEMEINDE,
    },
    OrgUnitKind.LANDKREIS: {None, OrgUnitKind.LAND},
    OrgUnitKind.KREISFREIE_STADT: {None, OrgUnitKind.LAND},
    OrgUnitKind.GEMEINDE: {OrgUnitKind.LANDKREIS},
}


class OrgUnit(models.Model):
    """A node of the organisation tree (Land → Ressort → Behörde → Einheit; Landkreis → Gemeinde).

    Stored as an adjacency list: the tree is small (thousands of units) and shallow, and
    editors move units in the admin without a tree library in the way.
    """

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    code = models.SlugField(_("code"), max_length=60, unique=True,
                            help_text=_("Stable key used by imports and reports."))
    kind = models.CharField(_("kind"), max_length=30, choices=OrgUnitKind.choices)
    parent = models.ForeignKey("self", verbose_name=_("parent unit"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(parent=models.F("pk")),
                                   name="orgunit_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        parent_kind = self.parent.kind if self.parent_id else None
        if self.kind and parent_kind not in ALLOWED_PARENT_KINDS[self.kind]:
            raise ValidationError({"parent": _(
                "A unit of kind “%(kind)s” cannot be placed here. Choose a parent of a "
                "suitable kind."
            ) % {"kind": self.get_kind_display()}})
        ancestor = self.parent
        while ancestor is not None:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A unit cannot be placed below itself.")})
            ancestor = ancestor.parent

    def ancestors(self) -> list["OrgUnit"]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class IdentitySource(models.TextChoices):
    """How a person's identity was established; certificates say it."""

    SELF_REGISTERED = "self_registered", _("self-registered, email address confirmed")
    STAFF_SSO = "staff_sso", _("staff account (single sign-on)")
    STAFF_ROSTER = "staff_roster", _("staff account (staff roster)")
    ADMIN_CREATED = "admin_created", _("account created by the administration")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get(self, *args, **kwargs):
        """`get(pk=…)` alone, as every logged-in request asks it (Django's ModelBackend),
        runs a prepared query (core.prepared); any other lookup is the ORM's own."""
        if args or len(kwargs) != 1 or "pk" not in kwargs or self._db is not None:
            return super().get(*args, **kwargs)
        try:
            pk = self.model._meta.pk.to_python(kwargs["pk"])
        except ValidationError:
            pk = None
        if not isinstance(pk, int) or isinstance(pk, bool):
            return super().get(*args, **kwargs)  # the ORM's own answer to a bad value
        rows = _user_by_pk(pk, using=router.db_for_read(self.model))
        if not rows:
            raise self.model.DoesNotExist(
                f"{self.model._meta.object_name} matching query does not exist.")
        return rows[0]

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


_user_by_pk = PreparedQuery(lambda pk: User._base_manager.filter(pk=pk).order_by())


class User(AbstractUser):
    """A person who logs in with an email address."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"), max_length=150, blank=True,
        help_text=_("How the person is addressed on the platform; defaults to the full name."),
    )
    home_unit = models.ForeignKey(OrgUnit, verbose_name=_("home unit"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="members")
    supervisor = models.ForeignKey("self", verbose_name=_("supervisor"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="reports")
    # Set while a self-registered account waits for its email confirmation; only such an
    # account can be activated by a confirmation link. A deactivated account never can.
    registration_pending = models.BooleanField(_("registration pending"), default=False,
                                               editable=False)
    # A coordinator limited to these units (and the units below them); empty means all.
    scope_units = models.ManyToManyField(
        OrgUnit, verbose_name=_("coordination scope: organisation units"), blank=True,
        related_name="scoped_coordinators",
        help_text=_("Limits a coordinator to these units and the units below them. "
                    "Empty: all units."),
    )

    # How the identity was established (shown on certificates), and for single sign-on
    # the provider's stable subject identifier: SSO logins match on (issuer, subject).
    identity_source = models.CharField(
        _("identity established by"), max_length=20, choices=IdentitySource.choices,
        default=IdentitySource.ADMIN_CREATED,
    )
    oidc_issuer = models.CharField(_("single sign-on issuer"), max_length=255, blank=True,
                                   editable=False)
    # NULL, not "": the (issuer, subject) pair is unique among people who have one.
    oidc_subject = models.CharField(_("single sign-on subject"), max_length=255,  # noqa: DJ001
                                    null=True, blank=True, editable=False)
    # The HR system's personnel number; the staff roster import matches people by it first.
    employee_id = models.CharField(_("employee ID"), max_length=60, blank=True, db_index=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(supervisor=models.F("pk")),
                                   name="user_not_own_supervisor"),
            models.UniqueConstraint(fields=["oidc_issuer", "oidc_subject"],
                                    name="user_unique_oidc_subject"),
        ]

    def __str__(self) -> str:
        return self.get_display_name()

    def get_display_name(self) -> str:
        return self.display_name or self.get_full_name() or self.email

    def has_role(self, role: str) -> bool:
        return self.groups.filter(name=role).exists()


class PendingRegistration(models.Model):
    """One registration attempt for an address whose account waits for its confirmation.

    Each attempt keeps its own password (hashed) and name, and its emailed link names this
    row: the link the mailbox owner follows decides the password and name, so whoever
    registered an address first does not choose the password. Following one link deletes
    the other attempts; rows go away after the link's maximum age (accounts.registration).
    """

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="pending_registrations")
    password = models.CharField(_("password"), max_length=128)  # a hash, never sent
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now,
                                      db_index=True)
    used_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("pending registration")
        verbose_name_plural = _("pending registrations")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.user.email} ({self.created_at:%Y-%m-%d %H:%M})"

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

# Data rights (accounts/data_rights): their tables live in that sub-feature.
from accounts.data_rights.models import (  # noqa: E402, F401
    AccountErasure,
    DataExport,
    InactivityWarning,
)
from accounts.roster.models import RosterImport  # noqa: E402, F401
