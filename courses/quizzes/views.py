"""The quiz's one view: a learner submits answers; the server scores them."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.catalogue.models import LessonPage
from courses.exceptions import CourseError
from courses.learning.services import enrolment_for_lesson
from courses.quizzes.services import quiz_attempt_submit


@login_required
@require_POST
def quiz_submit(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    try:
        enrolment = enrolment_for_lesson(learner=request.user, lesson=lesson)
        token = uuid.UUID(request.POST.get("submission_token", ""))
    except CourseError as error:
        messages.error(request, error.message)
        return redirect(lesson.url)
    except ValueError:
        messages.error(request, _("The form was incomplete. Please answer again."))
        return redirect(lesson.url)
    answers = {key[2:]: request.POST.getlist(key) for key in request.POST if key.startswith("q-")}
    try:
        attempt = quiz_attempt_submit(enrolment=enrolment, lesson=lesson,
                                      quiz_block_id=request.POST.get("quiz", ""),
                                      answers=answers, submission_token=token)
    except CourseError as error:
        messages.error(request, error.message)
        return redirect(lesson.url)
    return redirect(f"{lesson.url}?versuch={attempt.pk}#ergebnis")
