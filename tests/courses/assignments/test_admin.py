"""The coordinator's assignment screens: assign, see the progress, assign twice, withdraw;
bad input keeps the form with a message."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.assignments.models import Assignment, JobState, PersonAssignment

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def admin_client(client, coordinator):
    client.force_login(coordinator)
    return client


def form_data(course, **overrides):
    data = {"course": course.pk, "target_kind": "unit", "include_subunits": "on",
            "mandatory": "on", "due_mode": "fixed",
            "due_date": (TODAY + timedelta(days=30)).isoformat()}
    data.update(overrides)
    return data


def test_a_coordinator_assigns_a_unit_and_sees_the_progress(
        admin_client, tree, staff, ki_course, jobs_inline, django_capture_on_commit_callbacks):
    response = admin_client.get(reverse("assignments_admin:add"))
    assert response.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("assignments_admin:add"),
                                     form_data(ki_course, unit=tree["ministry"].pk))
    assignment = Assignment.objects.get(unit=tree["ministry"])
    assert response.status_code == 302
    assert response["Location"] == reverse("assignments_admin:detail", args=[assignment.pk])
    page = admin_client.get(response["Location"])
    assert page.status_code == 200
    assert f'data-job-state="{JobState.DONE}"' in page.content.decode()
    assert "reload-while-running.js" not in page.content.decode()
    assert PersonAssignment.objects.filter(course=ki_course,
                                           user__in=staff.values()).count() == 3
    # the list shows it
    assert ki_course.title in admin_client.get(reverse("assignments_admin:index")).content.decode()
    # assigning the same again: nothing new, back on the same assignment's page
    with django_capture_on_commit_callbacks(execute=True):
        again = admin_client.post(reverse("assignments_admin:add"),
                                  form_data(ki_course, unit=tree["ministry"].pk))
    assert again["Location"] == response["Location"]
    assert Assignment.objects.filter(unit=tree["ministry"]).count() == 1


def test_a_running_job_page_reloads_itself_and_offers_a_link_without_script(
        admin_client, tree, staff, ki_course, jobs_queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("assignments_admin:add"),
                          form_data(ki_course, unit=tree["ministry"].pk))
    assignment = Assignment.objects.get(unit=tree["ministry"])
    body = admin_client.get(reverse("assignments_admin:detail", args=[assignment.pk])
                            ).content.decode()
    assert "reload-while-running.js" in body
    assert f'href="{reverse("assignments_admin:detail", args=[assignment.pk])}"' in body


@pytest.mark.parametrize("overrides", [
    {"unit": "empty"},                                                    # nobody there
    {"unit": "ministry", "due_date": (TODAY - timedelta(days=1)).isoformat()},  # past
    {"unit": ""},                                                         # no unit chosen
    {"target_kind": "person", "person": "niemand@test.example"},          # unknown person
    {"unit": "ministry", "due_mode": "after_assignment", "due_days": ""},  # no days
])
def test_bad_input_keeps_the_form_with_a_message(admin_client, tree, staff, ki_course,
                                                 overrides, jobs_queued):
    before = Assignment.objects.count()
    if overrides.get("unit"):
        overrides = {**overrides, "unit": tree[overrides["unit"]].pk}
    response = admin_client.post(reverse("assignments_admin:add"),
                                 form_data(ki_course, **overrides))
    assert response.status_code == 200
    assert "error-message" in response.content.decode() \
        or "help-critical" in response.content.decode()
    assert Assignment.objects.count() == before


def test_withdrawing_ends_the_rows_and_keeps_the_history(
        admin_client, tree, staff, ki_course, jobs_inline, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("assignments_admin:add"),
                          form_data(ki_course, target_kind="person", unit="",
                                    person=staff["anna"].email))
    assignment = Assignment.objects.get(person=staff["anna"])
    url = reverse("assignments_admin:detail", args=[assignment.pk])
    assert admin_client.post(url, {"action": "end"}).status_code == 302
    assert admin_client.post(url, {"action": "end"}).status_code == 302
    assignment.refresh_from_db()
    assert assignment.ended_at is not None
    assert PersonAssignment.objects.get(user=staff["anna"]).ended_at is not None


def test_the_enrolment_list_leads_coordinators_to_the_assignment_screen(admin_client):
    response = admin_client.get(reverse("enrolments:add"))
    assert response.status_code == 302
    assert response["Location"] == reverse("assignments_admin:add")
    body = admin_client.get(reverse("enrolments:index")).content.decode()
    assert reverse("assignments_admin:add") in body
