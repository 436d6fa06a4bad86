import io

import pytest
from django.core.management import call_command

from courses.approvals.models import ApprovalRequest
from courses.approvals.selectors import approvals_waiting_count
from courses.models import CoursePage

pytestmark = pytest.mark.django_db


def test_the_demo_supervisor_has_a_request_waiting_and_seeding_again_adds_none(demo):
    course = CoursePage.objects.get(slug="projektmanagement-verwaltung")
    request = ApprovalRequest.objects.get(course=course)
    assert course.requires_approval and course.live
    assert request.status == "pending"
    assert request.learner.email == "lernende@demo.example"
    assert request.approver.email == "vorgesetzte@demo.example"
    assert approvals_waiting_count(request.approver) == 1

    call_command("seed_demo", stdout=io.StringIO())
    assert ApprovalRequest.objects.filter(course=course).count() == 1
    assert CoursePage.objects.filter(slug="projektmanagement-verwaltung").count() == 1
