"""Completions, recertification and new content versions: a person asked to complete a
course again gets a new cycle (due date, enrolment opened again)."""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from courses.assignments.models import AssignmentReach, PersonAssignment
from courses.catalogue.models import CoursePage
from courses.learning.models import Enrolment, LessonProgress
from courses.learning.services import enrolment_transition
from courses.quizzes.models import QuizAttempt
from courses.reminders.services import dashboard_path, mail_record
from courses.rules import EnrolmentStatus, recertification_due

ES = EnrolmentStatus
DEFAULT_REASSIGN_DUE_DAYS = 30


def recertification_lead_days(course: CoursePage) -> int:
    """How many days before expiry a completion of `course` is reassigned."""
    if course.recertify_days_before is not None:
        return course.recertify_days_before
    return getattr(settings, "RECERTIFICATION_LEAD_DAYS", 30)


def _enrolment_reopen(*, enrolment: Enrolment, reason: str) -> None:
    """A completed enrolment opens again for a new cycle: progress and quiz attempts of the
    earlier cycle go (the Completion row keeps what was achieved)."""
    if enrolment.status != ES.COMPLETED:
        return
    LessonProgress.objects.filter(enrolment=enrolment).delete()
    QuizAttempt.objects.filter(enrolment=enrolment).delete()
    enrolment_transition(enrolment=enrolment, to_status=ES.ACTIVE, reason=reason)
    enrolment.completed_at = None
    enrolment.completed_version = ""
    enrolment.last_lesson = None
    enrolment.save(update_fields=["completed_at", "completed_version", "last_lesson"])


def _reassign(*, row: PersonAssignment, due: date, reason: str) -> None:
    """Ask the person to complete the course again by `due` (new cycle)."""
    row.due_date = due
    row.started_at = None
    row.save(update_fields=["due_date", "started_at", "recertified_for", "required_since"])
    AssignmentReach.objects.filter(person_assignment=row).update(due_date=due)
    enrolment = row.enrolment
    if enrolment is None:
        enrolment = Enrolment.objects.filter(learner_id=row.user_id, course_id=row.course_id
                                             ).first()
    if enrolment is not None:
        _enrolment_reopen(enrolment=enrolment, reason=reason)
        if enrolment.status == ES.ACTIVE:
            Enrolment.objects.filter(pk=enrolment.pk).update(due_date=due)


def recertification_run(*, today: date | None = None) -> list[int]:
    """The daily recertification job: everyone whose counting completion expires within the
    course's lead days is reassigned (due on the expiry date) and told. Returns the ids of
    the rows reassigned; running it twice reassigns (and mails) nobody twice."""
    today = today or timezone.localdate()
    default_lead = getattr(settings, "RECERTIFICATION_LEAD_DAYS", 30)
    longest = max([default_lead, *CoursePage.objects.exclude(recertify_days_before=None)
                   .values_list("recertify_days_before", flat=True)])
    candidates = (PersonAssignment.objects.filter(
        ended_at__isnull=True, valid_until__isnull=False, completed_at__isnull=False,
        course__isnull=False, valid_until__lte=today + timedelta(days=longest))
        .exclude(recertified_for=F("valid_until")).select_related("course", "user")
        .order_by("pk"))
    done = []
    for candidate in candidates:
        if not recertification_due(today=today, valid_until=candidate.valid_until,
                                   lead_days=recertification_lead_days(candidate.course)):
            continue
        with transaction.atomic():
            row = (PersonAssignment.objects.select_for_update(of=("self",))
                   .select_related("enrolment", "course", "user").get(pk=candidate.pk))
            if row.ended_at is not None or row.recertified_for == row.valid_until:
                continue
            row.recertified_for = row.valid_until
            _reassign(row=row, due=row.valid_until, reason="recertification")
            _recertification_mail(row=row)
            done.append(row.pk)
    return done


def _recertification_mail(*, row: PersonAssignment) -> None:
    mail_record(key=f"recertification_due:{row.pk}:{row.valid_until.isoformat()}",
                kind="recertification_due", recipient=row.user, mandatory=row.mandatory,
                values={"name": row.user.get_display_name(), "course": row.course_title,
                        "due_date": row.due_date.isoformat(), "link": dashboard_path()})


@transaction.atomic
def version_reassign(*, course: CoursePage, due_days: int | None = None,
                     today: date | None = None) -> int:
    """A raised content version: everyone currently assigned whose completion is of an
    older version must complete the course again, due `due_days` after today. Returns how
    many were reassigned; a second call with the same version reassigns nobody."""
    today = today or timezone.localdate()
    due = today + timedelta(days=due_days or course.reassign_due_days
                            or DEFAULT_REASSIGN_DUE_DAYS)
    now = timezone.now()
    # people already asked for a newer version (required_since after their completion)
    # are not asked again
    rows = list(PersonAssignment.objects.select_for_update(of=("self",)).filter(
        course=course, ended_at__isnull=True, completed_at__isnull=False)
        .exclude(completed_version=course.content_version)
        .exclude(required_since__gt=F("completed_at")).select_related("enrolment"))
    for row in rows:
        row.required_since = now
        _reassign(row=row, due=due, reason="new content version")
    return len(rows)
