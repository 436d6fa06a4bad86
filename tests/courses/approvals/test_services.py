"""Approval requests: asked when enrolling, decided once, escalated when nobody answers."""

import datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from courses.approvals.exceptions import (
    AlreadyDecided,
    NotAllowedToDecide,
    ReasonRequired,
    RequestWithdrawn,
)
from courses.approvals.models import ApprovalRequest
from courses.approvals.selectors import approvals_waiting_count
from courses.approvals.services import (
    approval_decide,
    approvals_escalate,
    course_enrolment_request,
)
from courses.learning.models import EnrolmentEvent
from courses.learning.services import enrolment_withdraw
from courses.reminders.models import ReminderSent
from tests.factories import role_user

pytestmark = pytest.mark.django_db


def _ask(people, course, capture):
    with capture(execute=True):
        enrolment = course_enrolment_request(learner=people["learner"], course=course)
    return enrolment, ApprovalRequest.objects.get(enrolment=enrolment, status="pending")


def test_enrolling_in_an_approval_course_asks_the_supervisor_by_mail(
        people, approval_course, jobs_inline, mailoutbox, django_capture_on_commit_callbacks):
    enrolment, request = _ask(people, approval_course, django_capture_on_commit_callbacks)

    assert enrolment.status == "pending_approval"
    assert request.approver == people["supervisor"]
    assert request.status == "pending" and request.title == approval_course.title
    assert [mail.to for mail in mailoutbox] == [[people["supervisor"].email]]
    assert "Jonas Wagner" in mailoutbox[0].subject
    assert "/mein-bereich/team/" in mailoutbox[0].body
    assert approvals_waiting_count(people["supervisor"]) == 1


def test_asking_twice_keeps_one_request(people, approval_course, jobs_inline,
                                        django_capture_on_commit_callbacks):
    _ask(people, approval_course, django_capture_on_commit_callbacks)
    _ask(people, approval_course, django_capture_on_commit_callbacks)

    assert ApprovalRequest.objects.count() == 1
    assert ReminderSent.objects.filter(kind="approval_requested").count() == 1


def test_approving_activates_the_enrolment_and_tells_the_learner(
        people, approval_course, jobs_inline, mailoutbox, django_capture_on_commit_callbacks):
    enrolment, request = _ask(people, approval_course, django_capture_on_commit_callbacks)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        approval_decide(request_id=request.pk, actor=people["supervisor"], approve=True)

    enrolment.refresh_from_db()
    request.refresh_from_db()
    assert enrolment.status == "active"
    assert request.status == "approved" and request.decided_by == people["supervisor"]
    assert [mail.to for mail in mailoutbox] == [[people["learner"].email]]
    assert approval_course.title in mailoutbox[0].body
    assert approvals_waiting_count(people["supervisor"]) == 0


def test_refusing_needs_a_reason_which_the_learner_reads(
        people, approval_course, jobs_inline, mailoutbox, django_capture_on_commit_callbacks):
    enrolment, request = _ask(people, approval_course, django_capture_on_commit_callbacks)
    mailoutbox.clear()

    with pytest.raises(ReasonRequired):
        approval_decide(request_id=request.pk, actor=people["supervisor"], approve=False,
                        reason="   ")
    request.refresh_from_db()
    assert request.status == "pending"

    with django_capture_on_commit_callbacks(execute=True):
        approval_decide(request_id=request.pk, actor=people["supervisor"], approve=False,
                        reason="Bitte erst im nächsten Quartal.")
    enrolment.refresh_from_db()
    assert enrolment.status == "rejected"
    assert "Bitte erst im nächsten Quartal." in mailoutbox[0].body


def test_a_second_decision_changes_nothing(people, approval_course, jobs_inline, mailoutbox,
                                           django_capture_on_commit_callbacks):
    enrolment, request = _ask(people, approval_course, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        approval_decide(request_id=request.pk, actor=people["supervisor"], approve=True)
    events = EnrolmentEvent.objects.filter(enrolment=enrolment).count()
    mails = len(mailoutbox)

    with pytest.raises(AlreadyDecided):
        approval_decide(request_id=request.pk, actor=people["supervisor"], approve=False,
                        reason="Doch nicht.")

    enrolment.refresh_from_db()
    assert enrolment.status == "active"
    assert EnrolmentEvent.objects.filter(enrolment=enrolment).count() == events
    assert len(mailoutbox) == mails


def test_a_learner_never_decides_their_own_request_not_even_as_coordinator(
        people, approval_course, jobs_inline, django_capture_on_commit_callbacks):
    learner = people["learner"]
    learner.groups.add(*people["coordinator"].groups.all())
    learner.supervisor = None
    learner.save()
    _enrolment, request = _ask(people, approval_course, django_capture_on_commit_callbacks)
    assert request.approver is None

    with pytest.raises(NotAllowedToDecide):
        approval_decide(request_id=request.pk, actor=learner, approve=True)
    assert approvals_waiting_count(learner) == 0


def test_nobody_outside_decides(people, approval_course, jobs_inline,
                                django_capture_on_commit_callbacks):
    _enrolment, request = _ask(people, approval_course, django_capture_on_commit_callbacks)
    stranger = role_user("fremd@example.org", Role.SUPERVISOR)
    for actor in (stranger, people["coordinator"], people["elsewhere"]):
        with pytest.raises(NotAllowedToDecide):
            approval_decide(request_id=request.pk, actor=actor, approve=True)
    request.refresh_from_db()
    assert request.status == "pending"


def test_without_a_supervisor_the_coordinators_in_scope_decide(
        people, approval_course, jobs_inline, mailoutbox, django_capture_on_commit_callbacks):
    learner = people["learner"]
    learner.supervisor = None
    learner.save()
    _enrolment, request = _ask(people, approval_course, django_capture_on_commit_callbacks)

    assert request.approver is None
    assert [mail.to for mail in mailoutbox] == [[people["coordinator"].email]]
    assert approvals_waiting_count(people["coordinator"]) == 1
    assert approvals_waiting_count(people["elsewhere"]) == 0
    with pytest.raises(NotAllowedToDecide):
        approval_decide(request_id=request.pk, actor=people["elsewhere"], approve=True)
    approval_decide(request_id=request.pk, actor=people["coordinator"], approve=True)


def test_an_unanswered_request_is_escalated_once_after_the_set_days(
        people, approval_course, jobs_inline, mailoutbox, settings,
        django_capture_on_commit_callbacks):
    settings.APPROVAL_ESCALATION_DAYS = 7
    _enrolment, request = _ask(people, approval_course, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    now = timezone.now()

    assert approvals_escalate(now=now + datetime.timedelta(days=6)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert approvals_escalate(now=now + datetime.timedelta(days=7, minutes=1)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert approvals_escalate(now=now + datetime.timedelta(days=8)) == 0

    request.refresh_from_db()
    assert request.escalated_at is not None and request.status == "pending"
    assert [mail.to for mail in mailoutbox] == [[people["coordinator"].email]]
    assert "/admin/freigaben/" in mailoutbox[0].body
    # Both may decide now; the first decision wins.
    approval_decide(request_id=request.pk, actor=people["coordinator"], approve=True)
    with pytest.raises(AlreadyDecided):
        approval_decide(request_id=request.pk, actor=people["supervisor"], approve=True)


def test_a_withdrawn_enrolment_withdraws_its_request(people, approval_course, jobs_inline,
                                                     django_capture_on_commit_callbacks):
    enrolment, request = _ask(people, approval_course, django_capture_on_commit_callbacks)
    enrolment_withdraw(enrolment=enrolment, actor=people["learner"])

    with pytest.raises(RequestWithdrawn):
        approval_decide(request_id=request.pk, actor=people["supervisor"], approve=True)
    request.refresh_from_db()
    enrolment.refresh_from_db()
    assert request.status == "withdrawn" and enrolment.status == "withdrawn"
    # Asking again makes a new request.
    _ask(people, approval_course, django_capture_on_commit_callbacks)
    assert ApprovalRequest.objects.filter(status="pending").count() == 1


def test_asking_again_after_withdrawing_finds_the_open_request(
        people, approval_course, jobs_inline, django_capture_on_commit_callbacks):
    enrolment, request = _ask(people, approval_course, django_capture_on_commit_callbacks)
    enrolment_withdraw(enrolment=enrolment, actor=people["learner"])
    _enrolment, again = _ask(people, approval_course, django_capture_on_commit_callbacks)

    assert again.pk == request.pk
    assert ApprovalRequest.objects.count() == 1
