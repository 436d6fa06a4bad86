"""Retention: rejected and withdrawn applications anonymised after N months, service
records deleted after the configured years; counts recorded; a second run does nothing."""

import datetime

import pytest
from django.test import override_settings
from django.utils.module_loading import import_string
from django_q.models import Schedule

from certificates.models import Certificate
from certificates.services import certificate_request
from tests.factories import complete_draft, snapshot
from tests.volunteers.seminar_days.helpers import make_group, make_seminar, make_service
from volunteers.models import (
    AnonymisedApplication,
    Application,
    ApplicationDocument,
    RetentionRun,
    SeminarAttendance,
    Service,
)
from volunteers.retention.services import daily_schedule_ensure, retention_run

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def rejected(year, placements, applicant, other_applicant):
    """Two applications of the year (first start 1 Aug 2027): one rejected, one withdrawn."""
    first = complete_draft(applicant, year, placements[:2])
    Application.objects.filter(pk=first.pk).update(status="rejected")
    second = complete_draft(other_applicant, year, placements[1:2])
    Application.objects.filter(pk=second.pk).update(status="withdrawn")
    return [first, second]


def test_rejected_and_withdrawn_applications_are_anonymised_six_months_after_the_start(
        rejected, year, django_capture_on_commit_callbacks):
    storage = ApplicationDocument._meta.get_field("file").storage
    names = list(ApplicationDocument.objects.values_list("file", flat=True))
    assert names and all(storage.exists(name) for name in names)
    # the day before six months have passed: nothing happens
    assert retention_run(today=D(2028, 1, 31)).counts["applications_anonymised"] == 0
    with django_capture_on_commit_callbacks(execute=True):  # files go after the commit
        run = retention_run(today=D(2028, 2, 1))
    assert run.counts["applications_anonymised"] == 2
    assert not Application.objects.exists() and not ApplicationDocument.objects.exists()
    assert not any(storage.exists(name) for name in names)
    kept = AnonymisedApplication.objects.order_by("status")
    assert [(row.status, row.landkreis) for row in kept] == [
        ("rejected", "weimarer-land"), ("withdrawn", "ilm-kreis")]
    assert retention_run(today=D(2028, 2, 2)).counts["applications_anonymised"] == 0
    assert RetentionRun.objects.count() == 3


@override_settings(VOLUNTEER_APPLICATION_RETENTION_MONTHS=12)
def test_the_period_is_a_setting(rejected):
    assert retention_run(today=D(2028, 2, 1)).counts["applications_anonymised"] == 0
    assert retention_run(today=D(2028, 8, 1)).counts["applications_anonymised"] == 2


def test_service_records_are_kept_ten_years_then_deleted(year, placements, coordinator):
    service = make_service(year, placements[0], "lea@example.org", start=D(2025, 9, 1),
                           end=D(2026, 8, 31), status="ended", actual_end=D(2026, 8, 31))
    running = make_service(year, placements[1], "max@example.org", first="Max",
                           start=D(2025, 9, 1), end=D(2026, 8, 31), status="active")
    seminar = make_seminar(year, make_group(year, service, running), D(2025, 9, 8),
                           D(2025, 9, 12))
    SeminarAttendance.objects.create(seminar=seminar, day=D(2025, 9, 8), service=service,
                                     status="present")
    certificate = certificate_request(
        recipient=service.volunteer, kind="volunteer_service",
        achievement_key=f"volunteer-service:{service.pk}", snapshot=snapshot())
    Service.objects.filter(pk=service.pk).update(certificate=certificate)
    assert retention_run(today=D(2036, 8, 30)).counts["deleted_services"] == 0
    counts = retention_run(today=D(2036, 8, 31)).counts
    assert counts == {"applications_anonymised": 0, "deleted_services": 1,
                      "deleted_agreements": 0, "deleted_attendance": 1,
                      "deleted_certificates": 1}
    assert list(Service.objects.all()) == [running]  # an active service is never due
    assert not Certificate.objects.exists() and not SeminarAttendance.objects.exists()
    assert AnonymisedApplication.objects.get().status == "ended"


def test_the_daily_schedule_exists_once():
    first = daily_schedule_ensure()
    assert daily_schedule_ensure().pk == first.pk
    assert first.func == "volunteers.retention.services.retention_daily_task"


def test_a_schedule_left_by_an_earlier_release_runs_the_job_where_it_lives_now():
    """The job moved module; a deployed schedule naming the old path would fail every night."""
    old = daily_schedule_ensure()
    Schedule.objects.filter(pk=old.pk).update(func="volunteers.seminar_days.retention.retention_daily_task")
    schedule = daily_schedule_ensure()
    assert schedule.pk == old.pk
    assert callable(import_string(schedule.func))


def test_the_applicants_accounts_stay(rejected, applicant):
    """Only the application goes; the account may be used for courses and new applications."""
    retention_run(today=D(2028, 2, 1))
    applicant.refresh_from_db()
    assert applicant.is_active and not applicant.applications.exists()
