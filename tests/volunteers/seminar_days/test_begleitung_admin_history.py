"""The admin's day sheet lists the attendance changes too, like the sheet in Mein Bereich."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.volunteers.seminar_days.helpers import (
    english_admin,
    make_group,
    make_seminar,
    make_service,
)

pytestmark = pytest.mark.django_db


def test_the_admin_sheet_lists_who_changed_what(client, coordinator, year, placements):
    today = timezone.localdate()
    start = today.replace(day=1)
    end = start.replace(year=start.year + 1) - datetime.timedelta(days=1)
    lea = make_service(year, placements[0], "lea.schubert@example.org", start=start, end=end)
    seminar = make_seminar(year, make_group(year, lea), today)
    client.force_login(english_admin(coordinator))
    url = reverse("seminar_days_admin:day", args=[seminar.pk, today.isoformat()])
    client.post(url, {f"s-{lea.pk}": "present"})
    client.post(url, {f"s-{lea.pk}": "absent"})
    html = client.get(url).content.decode()
    assert "Show 2 changes" in html
    assert "Aylin Demir recorded Lea Schubert as “Absent” (before: Present)" in html
