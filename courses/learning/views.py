"""Thin views of learning: enrolment, withdrawal, the guarded lesson page (served through
courses.wagtail_hooks) and its "viewed" POST."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.approvals.services import course_enrolment_request
from courses.catalogue.models import CoursePage, LessonPage
from courses.exceptions import CourseError, EnrolmentNotActive, NotEnrolled
from courses.learning.models import Enrolment
from courses.learning.selectors import lesson_context
from courses.learning.services import (
    enrolment_for_lesson,
    enrolment_withdraw,
    lesson_view_record,
)
from courses.rules import EnrolmentStatus


@login_required
@require_POST
def enrol(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live().public(), pk=course_id)
    try:
        # a course that needs approval also gets its approval request (and its mail)
        enrolment = course_enrolment_request(learner=request.user, course=course)
    except CourseError as error:
        messages.error(request, error.message)
        return redirect(course.url)
    if enrolment.status == EnrolmentStatus.PENDING_APPROVAL:
        messages.info(request, _("Your enrolment request has been sent. You can start as soon "
                                 "as it is approved."))
    else:
        messages.success(request, _("You are enrolled. Have fun learning!"))
    return redirect(course.url)


@login_required
@require_POST
def withdraw(request, enrolment_id: int):
    enrolment = get_object_or_404(Enrolment, pk=enrolment_id, learner=request.user)
    try:
        enrolment_withdraw(enrolment=enrolment, actor=request.user)
        messages.success(request, _("You have withdrawn from the course. Your progress is "
                                    "kept if you enrol again."))
    except CourseError as error:
        messages.error(request, error.message)
    return redirect(enrolment.course.url if enrolment.course else "dashboard")


def lesson_serve(request, *, lesson: LessonPage, page_serve):
    """Serve a lesson to its enrolled learners only, with their progress; records nothing.

    A GET may come from a link prefetcher: viewing is recorded by `lesson_viewed` (a POST).
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    course = lesson.course()
    try:
        enrolment = enrolment_for_lesson(learner=request.user, lesson=lesson)
    except (NotEnrolled, EnrolmentNotActive) as error:
        return TemplateResponse(request, "courses/lesson_locked.html",
                                {"page": lesson, "course": course, "message": error.message},
                                status=403)
    request.lesson_context = lesson_context(lesson=lesson, enrolment=enrolment,
                                            attempt_id=request.GET.get("versuch"))
    request.lesson_context["submission_token"] = uuid.uuid4()
    return page_serve(request)


@login_required
@require_POST
def lesson_viewed(request, lesson_id: int):
    """Record that the learner read a lesson (posted by the lesson page or its button).

    The page's script gets JSON; the button's form is sent on to the `next` address.
    """
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    try:
        enrolment = enrolment_for_lesson(learner=request.user, lesson=lesson)
        completed_before = enrolment.status == EnrolmentStatus.COMPLETED
        lesson_view_record(enrolment=enrolment, lesson=lesson)
    except CourseError as error:
        if wants_json:
            return JsonResponse({"error": str(error.message)}, status=403)
        messages.error(request, error.message)
        return redirect(lesson.url)
    if wants_json:
        enrolment.refresh_from_db(fields=["status"])
        return JsonResponse({"recorded": True, "course_completed_now": not completed_before
                             and enrolment.status == EnrolmentStatus.COMPLETED})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = lesson.url
    return redirect(next_url)
