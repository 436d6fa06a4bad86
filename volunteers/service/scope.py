"""Which services a coordinator sees: those at placements within their scope.

Apart from volunteers.service.selectors because it builds on the programme's scope rules in
volunteers.selectors, which itself reads the services for "Mein Bereich".
"""

from django.db.models import QuerySet

from accounts.models import User
from volunteers.models import Service
from volunteers.selectors import placements_in_scope


def services_in_scope(*, user: User) -> QuerySet[Service]:
    """The services at placements within a coordinator's scope (programme years, units)."""
    return Service.objects.filter(placement__in=placements_in_scope(user=user))
