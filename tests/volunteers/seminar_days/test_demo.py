"""The demo's seminar plan of "Jahrgang 2025/26": attendance recorded, one volunteer amber."""

import pytest
from django.utils import timezone, translation

from volunteers.models import ProgrammeYear, SeminarAttendance, Service
from volunteers.seminar_days.demo import seed_seminar_days
from volunteers.seminar_days.rules import Signal
from volunteers.seminar_days.selectors import seminar_states


@pytest.mark.django_db
def test_the_demo_flags_the_volunteer_extended_to_18_months_amber_and_nobody_else(demo):
    seed_seminar_days()  # a no-op when the demo seed already made the plan
    year = ProgrammeYear.objects.get(name="Jahrgang 2025/26")
    services = Service.objects.filter(programme_year=year).select_related(
        "application", "volunteer")
    assert SeminarAttendance.objects.filter(seminar__programme_year=year).exists()
    with translation.override("en"):
        states = seminar_states(services, today=timezone.localdate())
    flagged = {state.name: state.verdict for state in states.values()
               if state.verdict.signal != Signal.GREEN}
    extended = [state.name for state in states.values()
                if state.service.planned_end >= state.service.start_date.replace(
                    year=state.service.start_date.year + 1)]
    assert len(extended) == 1
    assert list(flagged) == extended, {k: v.reason for k, v in flagged.items()}
    assert flagged[extended[0]].signal == Signal.AMBER
    assert "of 36 seminar days attended" in flagged[extended[0]].reason
    assert flagged[extended[0]].reason.endswith("Plan catch-up days.")
    seed_seminar_days()  # idempotent
    assert year.seminar_groups.count() == 2
