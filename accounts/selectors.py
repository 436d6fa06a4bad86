"""Reads for accounts that are more than one query."""

from accounts.models import OrgUnit


def org_unit_descendant_ids(*, unit: OrgUnit) -> set[int]:
    """The ids of a unit and every unit below it (one query per tree level)."""
    found, frontier = {unit.pk}, [unit.pk]
    while frontier:
        frontier = list(OrgUnit.objects.filter(parent_id__in=frontier)
                        .exclude(pk__in=found).values_list("pk", flat=True))
        found.update(frontier)
    return found
