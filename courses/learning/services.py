"""Writes of learning: enrolment, progress and the completion rule.

Every progress event ends in `enrolment_evaluate`, which applies the course's completion
rule at once and idempotently; completion asks `certificates` for a certificate.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from certificates.models import CertificateBatch, CertificateKind
from certificates.selectors import certificates_held
from certificates.services import (
    AchievementSnapshot,
    CertificateRequest,
    certificate_batch_issue,
    certificate_request,
)
from courses.assignments.models import Completion, PersonAssignment
from courses.catalogue.models import CoursePage, LessonPage
from courses.exceptions import (
    EnrolmentNotActive,
    EnrolmentNotAllowed,
    InvalidTransition,
    NotEnrolled,
    PrerequisitesMissing,
)
from courses.learning.models import Enrolment, EnrolmentEvent, EnrolmentSource, LessonProgress
from courses.learning.selectors import course_lessons, enrolment_of, missing_prerequisites
from courses.rules import (
    ENROLMENT_MACHINE,
    RECORDING_STATUSES,
    EnrolmentStatus,
    completion_valid_until,
    course_achievement_key,
    course_complete,
)
from courses.seminars.attendance.selectors import session_attended

ES = EnrolmentStatus


@dataclass(frozen=True)
class Outcome:
    """One progress event of a lesson, from any source (page view, quiz, H5P, SCORM)."""

    viewed: bool = False
    answered: bool = False
    passed: bool = False
    score_percent: int | None = None


def enrolment_transition(*, enrolment: Enrolment, to_status: str, actor: User | None = None,
                         reason: str = "") -> Enrolment:
    """Move an enrolment along ENROLMENT_MACHINE and record the event."""
    if not ENROLMENT_MACHINE.allowed(enrolment.status, to_status):
        raise InvalidTransition(enrolment.status, to_status)
    EnrolmentEvent.objects.create(enrolment=enrolment, from_status=enrolment.status,
                                  to_status=to_status, actor=actor, reason=reason)
    enrolment.status = to_status
    enrolment.save(update_fields=["status"])
    return enrolment


@transaction.atomic
def enrolment_create(*, learner: User, course: CoursePage,
                     source: str = EnrolmentSource.SELF, due_date=None,
                     actor: User | None = None) -> Enrolment:
    """Enrol a learner; asked again, return the existing enrolment (re-activating a withdrawn one).

    Raises EnrolmentNotAllowed or PrerequisitesMissing.
    """
    existing = Enrolment.objects.select_for_update().filter(learner=learner,
                                                            course=course).first()
    if existing is not None and existing.status != ES.WITHDRAWN:
        return existing
    if source == EnrolmentSource.SELF and not course.self_enrolment:
        raise EnrolmentNotAllowed
    if missing_prerequisites(learner=learner, course=course):
        raise PrerequisitesMissing
    start = ES.PENDING_APPROVAL if course.requires_approval else ES.ACTIVE
    if existing is not None:
        return enrolment_transition(enrolment=existing, to_status=start, actor=actor or learner)
    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(learner=learner, course=course,
                                                 course_title=course.title, status=start,
                                                 source=source, due_date=due_date)
    except IntegrityError:  # a double click that raced past the check above
        return Enrolment.objects.get(learner=learner, course=course)
    EnrolmentEvent.objects.create(enrolment=enrolment, to_status=start, actor=actor or learner)
    return enrolment


def enrolment_withdraw(*, enrolment: Enrolment, actor: User) -> Enrolment:
    return enrolment_transition(enrolment=enrolment, to_status=ES.WITHDRAWN, actor=actor)


def enrolment_for_lesson(*, learner: User, lesson: LessonPage) -> Enrolment:
    """The learner's active enrolment in the lesson's course. Raises NotEnrolled."""
    enrolment = enrolment_of(user=learner, course=lesson.course())
    if enrolment is None or enrolment.status in (ES.WITHDRAWN, ES.REJECTED):
        raise NotEnrolled
    if enrolment.status == ES.PENDING_APPROVAL:
        raise EnrolmentNotActive
    return enrolment


@transaction.atomic
def lesson_progress_record(*, enrolment: Enrolment, lesson: LessonPage,
                           outcome: Outcome) -> LessonProgress:
    """Store one learner outcome and re-evaluate the course's completion rule.

    Safe to call twice with the same outcome: timestamps keep their first value and the best
    score only grows. Raises EnrolmentNotActive.
    """
    if enrolment.status not in RECORDING_STATUSES:
        raise EnrolmentNotActive
    progress, created = LessonProgress.objects.select_for_update().get_or_create(
        enrolment=enrolment, lesson=lesson)
    now = timezone.now()
    changed = []
    for flag, attr in ((outcome.viewed or outcome.answered, "viewed_at"),
                       (outcome.answered, "answered_at"), (outcome.passed, "passed_at")):
        if flag and getattr(progress, attr) is None:
            setattr(progress, attr, now)
            changed.append(attr)
    if outcome.score_percent is not None and (
            progress.best_score is None or outcome.score_percent > progress.best_score):
        progress.best_score = outcome.score_percent
        changed.append("best_score")
    if changed:
        progress.save(update_fields=changed)
    if created and enrolment.course_id:  # first progress in this lesson: the course is started
        PersonAssignment.objects.filter(
            user_id=enrolment.learner_id, course_id=enrolment.course_id,
            ended_at__isnull=True, started_at__isnull=True).update(started_at=now)
    if enrolment.last_lesson_id != lesson.pk:
        enrolment.last_lesson = lesson
        enrolment.save(update_fields=["last_lesson"])
    enrolment_evaluate(enrolment=enrolment)
    return progress


def lesson_view_record(*, enrolment: Enrolment, lesson: LessonPage) -> LessonProgress | None:
    """A learner opened a lesson. Pending enrolments see nothing recorded."""
    if enrolment.status not in RECORDING_STATUSES:
        return None
    return lesson_progress_record(enrolment=enrolment, lesson=lesson,
                                  outcome=Outcome(viewed=True))


@transaction.atomic
def enrolment_evaluate(*, enrolment: Enrolment) -> bool:
    """Apply the completion rule; complete the enrolment when every required item is met.

    Idempotent: a completed enrolment stays completed with its first date and version.
    """
    if enrolment.status == ES.COMPLETED:
        return True
    if enrolment.status != ES.ACTIVE or enrolment.course is None:
        return False
    lessons = course_lessons(course=enrolment.course)
    progress = {p.lesson_id: p for p in LessonProgress.objects.filter(enrolment=enrolment)}
    # Seminar sessions (issue 12): attendance at a session may be required as well.
    attendance_required = enrolment.course.requires_attendance
    attended = attendance_required and session_attended(person_id=enrolment.learner_id,
                                                        course_id=enrolment.course_id)
    if not course_complete(requirements=[(lesson.pk, lesson.requirement) for lesson in lessons],
                           progress=progress, attendance_required=attendance_required,
                           attended=attended):
        return False
    course = enrolment.course
    enrolment.completed_at = timezone.now()
    enrolment.completed_version = course.content_version
    enrolment.save(update_fields=["completed_at", "completed_version"])
    enrolment_transition(enrolment=enrolment, to_status=ES.COMPLETED)
    cycle = _completion_record(enrolment=enrolment, course=course)
    _certificate_for(enrolment=enrolment, course=course, cycle=cycle)
    return True


def _completion_record(*, enrolment: Enrolment, course: CoursePage) -> int:
    """Add the completion to the learner's history and to their assigned course's facts.

    Returns the number of earlier completions of the same course version (0 the first
    time): a re-completion after recertification earns a certificate of its own.
    """
    valid_until = completion_valid_until(
        completed_on=timezone.localdate(enrolment.completed_at),
        validity_months=course.validity_months)
    earlier = Completion.objects.filter(learner_id=enrolment.learner_id, course=course,
                                        content_version=enrolment.completed_version).count()
    Completion.objects.create(learner_id=enrolment.learner_id, course=course,
                              course_title=course.title, enrolment=enrolment,
                              content_version=enrolment.completed_version,
                              completed_at=enrolment.completed_at, valid_until=valid_until)
    PersonAssignment.objects.filter(
        user_id=enrolment.learner_id, course=course, ended_at__isnull=True).update(
        completed_at=enrolment.completed_at, completed_version=enrolment.completed_version,
        valid_until=valid_until, enrolment=enrolment,
        started_at=Coalesce(F("started_at"), F("completed_at")))
    return earlier


def _certificate_request_for(*, enrolment: Enrolment, course: CoursePage,
                             version: str, cycle: int = 0) -> CertificateRequest:
    """What a completed enrolment's certificate says (a snapshot, never live data)."""
    learner = enrolment.learner
    completed_on = timezone.localdate(enrolment.completed_at)
    valid_until = completion_valid_until(completed_on=completed_on,
                                         validity_months=course.validity_months)
    return CertificateRequest(
        recipient=learner, kind=CertificateKind.COURSE,
        achievement_key=course_achievement_key(course_id=course.pk, version=version,
                                               cycle=cycle),
        snapshot=AchievementSnapshot(
            recipient_name=learner.get_full_name() or learner.get_display_name(),
            title=course.title, completed_on=completed_on, content_version=version,
            hours=(Decimal(course.duration_minutes) / 60).quantize(Decimal("0.1")),
            result="", valid_until=valid_until))


def _certificate_for(*, enrolment: Enrolment, course: CoursePage, cycle: int = 0) -> None:
    item = _certificate_request_for(enrolment=enrolment, course=course,
                                    version=course.content_version, cycle=cycle)
    certificate_request(recipient=item.recipient, kind=item.kind,
                        achievement_key=item.achievement_key, snapshot=item.snapshot)


def course_certificates_missing(*, course: CoursePage, enrolments) -> list[CertificateRequest]:
    """Certificate requests for the given completed enrolments of the course that have no
    current certificate (e.g. completed before certificates were switched on, or failed
    and deleted); `enrolments` is already limited to the coordinator's scope."""
    completed = list(enrolments.filter(course=course, status=ES.COMPLETED).exclude(
        completed_at=None).select_related("learner").order_by("pk"))
    versions = {enrolment.pk: enrolment.completed_version or course.content_version
                for enrolment in completed}
    held = certificates_held(achievement_keys={
        course_achievement_key(course_id=course.pk, version=version)
        for version in versions.values()})
    return [_certificate_request_for(enrolment=enrolment, course=course,
                                     version=versions[enrolment.pk])
            for enrolment in completed
            if (enrolment.learner_id, course_achievement_key(
                course_id=course.pk, version=versions[enrolment.pk])) not in held]


def course_certificate_batch_start(*, course: CoursePage, enrolments, actor: User,
                                   label: str) -> CertificateBatch | None:
    """Request the missing certificates of the course's completed enrolments as one batch
    (rendered by the worker after commit); None when nothing is missing."""
    requests = course_certificates_missing(course=course, enrolments=enrolments)
    if not requests:
        return None
    return certificate_batch_issue(requests=requests, actor=actor, label=label)
