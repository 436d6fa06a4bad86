"""The demo's seminar plan of "Jahrgang 2025/26": attendance recorded, one volunteer amber."""

import pytest
from django.utils import timezone, translation

from volunteers.models import ProgrammeYear, SeminarAttendance, Service
from volunteers.seminar_days.demo import seed_seminar_days
from volunteers.seminar_days.rules import Signal
from volunteers.seminar_days.selectors import seminar_states


@pytest.mark.django_db
def test_the_demo_flags_the_extended_volunteer_amber_and_nobody_else(demo):
    seed_seminar_days()  # a no-op when the demo seed already made the plan
    year = ProgrammeYear.objects.get(name="Jahrgang 2025/26")
    services = Service.objects.filter(programme_year=year).select_related(
        "application", "volunteer")
    assert SeminarAttendance.objects.filter(seminar__programme_year=year).exists()
    with translation.override("en"):
        states = seminar_states(services, today=timezone.localdate())
    flagged = {state.name: state.verdict for state in states.values()
               if state.verdict.signal != Signal.GREEN}
    assert list(flagged) == ["David Lehmann"]
    assert flagged["David Lehmann"].signal == Signal.AMBER
    assert "30 of 36 seminar days attended" in flagged["David Lehmann"].reason
    seed_seminar_days()  # idempotent
    assert year.seminar_groups.count() == 2
