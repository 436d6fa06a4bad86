"""What courses hold about a person, for their data export and account deletion.

Registered with accounts' data-rights registry in CoursesConfig.ready(). Everything here
can be erased: a completed course stays provable through its certificate, which the
certificates app keeps.
"""

from django.db import transaction

from accounts.data_rights.registry import ErasureResult, ExportPart, rows
from courses.models import (
    ApprovalRequest,
    Assignment,
    Attendance,
    Booking,
    Completion,
    Enrolment,
    H5PStatement,
    H5PUserData,
    LessonProgress,
    MailPreference,
    PersonAssignment,
    QuizAttempt,
    ReminderSent,
)


def courses_export(user) -> ExportPart:
    enrolments = []
    for enrolment in Enrolment.objects.filter(learner=user).select_related("course"):
        row = rows([enrolment], exclude=("learner",))[0]
        row["events"] = rows(enrolment.events.all(), exclude=("enrolment",))
        row["progress"] = rows(LessonProgress.objects.filter(enrolment=enrolment),
                               exclude=("enrolment",))
        row["quiz_attempts"] = rows(QuizAttempt.objects.filter(enrolment=enrolment),
                                    exclude=("enrolment",))
        row["h5p_statements"] = rows(H5PStatement.objects.filter(enrolment=enrolment),
                                     exclude=("enrolment", "statement"))
        enrolments.append(row)
    data = {
        "enrolments": enrolments,
        "completions": rows(Completion.objects.filter(learner=user), exclude=("learner",)),
        "assignments": rows(PersonAssignment.objects.filter(user=user), exclude=("user",)),
        "approval_requests": rows(ApprovalRequest.objects.filter(learner=user),
                                  exclude=("learner",)),
        "seminar_bookings": rows(Booking.objects.filter(person=user), exclude=("person",)),
        "seminar_attendance": rows(Attendance.objects.filter(person=user),
                                   exclude=("person",)),
        "h5p_saved_state": rows(H5PUserData.objects.filter(learner=user),
                                exclude=("learner",)),
        "reminders_sent": rows(ReminderSent.objects.filter(recipient=user),
                               exclude=("recipient",)),
        "mail_preferences": rows(MailPreference.objects.filter(user=user), exclude=("user",)),
    }
    return ExportPart(data=data)


@transaction.atomic
def courses_erase(user) -> ErasureResult:
    erased = {}
    for key, queryset in (
        ("seminar_attendance", Attendance.objects.filter(person=user)),
        ("seminar_bookings", Booking.objects.filter(person=user)),
        ("enrolments", Enrolment.objects.filter(learner=user)),
        ("completions", Completion.objects.filter(learner=user)),
        ("assignments", PersonAssignment.objects.filter(user=user)),
        ("personal_assignments", Assignment.objects.filter(person=user)),
        ("approval_requests", ApprovalRequest.objects.filter(learner=user)),
        ("h5p_saved_state", H5PUserData.objects.filter(learner=user)),
        ("reminders_sent", ReminderSent.objects.filter(recipient=user)),
        ("mail_preferences", MailPreference.objects.filter(user=user)),
    ):
        erased[key] = queryset.delete()[0]
    return ErasureResult(erased=erased)
