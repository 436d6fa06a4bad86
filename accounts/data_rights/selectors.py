"""Reads for the data rights pages and jobs."""

from __future__ import annotations

from django.db.models import QuerySet
from django.db.models.functions import Coalesce

from accounts.data_rights.models import AccountErasure, DataExport
from accounts.models import User
from accounts.roles import Role, roles_grantable_by
from accounts.selectors import person_within_actor_scope


def exports_of(*, user) -> QuerySet[DataExport]:
    return DataExport.objects.filter(user=user).order_by("-requested_at", "-pk")


def export_of(*, user, pk: int) -> DataExport | None:
    """The person's own export `pk`, or None (somebody else's is never found)."""
    return DataExport.objects.filter(user=user, pk=pk).first()


def erasure_latest(*, user) -> AccountErasure | None:
    return AccountErasure.objects.filter(user=user).order_by("-created_at", "-pk").first()


def self_registered_accounts() -> QuerySet[User]:
    """Accounts people made themselves (applicants): no staff flag, no role but the
    volunteers' one. Staff accounts belong to their administration and are left alone."""
    return (User.objects.filter(is_staff=False, is_superuser=False)
            .exclude(groups__name__in=[role.value for role in Role if role != Role.VOLUNTEER])
            .annotate(last_activity=Coalesce("last_login", "date_joined")))


def erasure_allowed_for(*, actor, person) -> bool:
    """Whether `actor` may delete `person`'s account on their request (by letter).

    Never a superuser's; a staff account only by a superuser; a coordinator only within
    their scope and only people who hold no role the coordinator could not grant.
    """
    if person.is_superuser or person.pk == actor.pk or not actor.is_active:
        return False
    if actor.is_superuser:
        return True
    if person.is_staff or not actor.has_perm("accounts.change_user"):
        return False
    if not person_within_actor_scope(actor, person):
        return False
    grantable = roles_grantable_by(actor) or frozenset()
    return set(person.groups.values_list("name", flat=True)) <= grantable
