"""Reads of the service year: services of a programme year, a volunteer's or a host
contact's services, leave balances."""

from django.db.models import F, QuerySet

from volunteers.service.models import Service


def services_for_programme_year(*, programme_year_id: int) -> QuerySet[Service]:
    """A programme year's services with what the rules need, ordered by start.

    Each row carries `date_of_birth` (the volunteer's, from the application), `start_date`,
    `planned_end`, `actual_end` (the last day served once ended), `status`, `part_time`,
    `weekly_hours`, and its volunteer, placement and host loaded.
    """
    return (Service.objects.filter(programme_year_id=programme_year_id)
            .select_related("volunteer", "placement__host", "application", "programme_year")
            .annotate(date_of_birth=F("application__date_of_birth"))
            .order_by("start_date", "pk"))
