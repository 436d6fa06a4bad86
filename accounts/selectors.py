"""Reads for accounts that are more than one query."""

from django.db.models import Q

from accounts.models import OrgUnit


def org_unit_descendant_ids(*, unit: OrgUnit) -> set[int]:
    """The ids of a unit and every unit below it (one query per tree level)."""
    found, frontier = {unit.pk}, [unit.pk]
    while frontier:
        frontier = list(OrgUnit.objects.filter(parent_id__in=frontier)
                        .exclude(pk__in=found).values_list("pk", flat=True))
        found.update(frontier)
    return found


def orgunit_ids_in_scope(user) -> set[int] | None:
    """The units a coordinator may see: their scope units and every unit below them.

    None means "no limit": superusers, and everyone whose scope is empty (as the demo's
    coordinator). Anonymous users get an empty set. Roles decide *whether* someone sees
    a kind of record (permission policies); this decides *which* of them.
    """
    if not getattr(user, "is_authenticated", False):
        return set()
    if user.is_superuser:
        return None
    roots = set(user.scope_units.values_list("pk", flat=True))
    if not roots:
        return None
    found, frontier = set(roots), list(roots)
    while frontier:
        frontier = list(OrgUnit.objects.filter(parent_id__in=frontier)
                        .exclude(pk__in=found).values_list("pk", flat=True))
        found.update(frontier)
    return found


def person_in_scope_q(*, user, field: str) -> Q:
    """A filter on rows about a person (`field` names the user) whose home unit is in scope.

    People without a home unit are outside every limited scope.
    """
    unit_ids = orgunit_ids_in_scope(user)
    if unit_ids is None:
        return Q()
    return Q(**{f"{field}__home_unit__in": unit_ids})


def orgunits_in_scope(*, user, units=None):
    """The organisation units within the user's coordination scope (all when unlimited)."""
    units = OrgUnit.objects.all() if units is None else units
    unit_ids = orgunit_ids_in_scope(user)
    return units if unit_ids is None else units.filter(pk__in=unit_ids)


def scope_within_actor(actor, unit_ids) -> bool:
    """Whether a coordination scope made of `unit_ids` (empty: all units) lies inside
    `actor`'s own scope. Superusers and unscoped coordinators cover every scope."""
    if actor.is_superuser:
        return True
    allowed = orgunit_ids_in_scope(actor)
    if allowed is None:
        return True
    unit_ids = set(unit_ids)
    return bool(unit_ids) and unit_ids <= allowed


def person_within_actor_scope(actor, person) -> bool:
    """Whether `actor` coordinates `person`: their home unit lies in the actor's scope.

    Always true for superusers and unscoped coordinators; people without a home unit are
    outside every limited scope.
    """
    allowed = orgunit_ids_in_scope(actor)
    return allowed is None or person.home_unit_id in allowed
