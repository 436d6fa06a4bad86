"""The H5P endpoints the lesson page posts to: xAPI statements (results) and the state H5P
keeps inside the content (contentUserData).

Both are reached only by the parent page (same origin, session, CSRF token) with the attempt
token the lesson page made for this learner, lesson and content; never by the sandboxed
player frame (see `views`).
"""

import json

from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from courses.exceptions import EnrolmentNotActive, NotEnrolled
from courses.h5p import statement_store as store
from courses.h5p.attempts import (
    AttemptRefused,
    h5p_attempt_check,
    h5p_attempt_check_ids,
)
from courses.h5p.exceptions import StatementInvalid, UserDataInvalid
from courses.h5p.selectors import lesson_for_endpoint, lesson_h5p_value
from courses.h5p.services import USER_DATA_MAX_BYTES, h5p_user_data_save
from courses.h5p.statements import statement_facts
from courses.learning.services import enrolment_for_lesson
from courses.rules import RECORDING_STATUSES, EnrolmentStatus, requirement_met


@require_POST
@cache_control(no_store=True)
def xapi(request, lesson_id: int):
    """Receive one xAPI statement from the parent page of the player.

    Needs the session, the CSRF token and the attempt token the lesson page made for this
    learner, lesson and content: a result cannot be posted without opening the player.
    Reads and writes through `statement_store` (four queries for most statements).
    """
    found = store.session_user(request)
    if found is None and not request.user.is_authenticated:
        return _log_in_first()
    user_id = found.user_id if found is not None else request.user.pk
    verified = found is None  # request.user has checked the session already
    payload, unreadable = _payload(request.body)
    lesson = store.lesson_read(
        lesson_id=lesson_id,
        content_public_id=payload.get("content") if isinstance(payload, dict) else None)
    if lesson is None:
        if not verified and not request.user.is_authenticated:
            return _log_in_first()
        raise Http404
    learner = store.learner_read(user_id=user_id, lesson=lesson)
    if not verified and (learner is None or not store.session_user_valid(
            found, password=learner.password, is_active=learner.is_active)):
        # Not what the session says (a changed password, a locked account, another
        # backend): Django's own check decides.
        if not request.user.is_authenticated:
            return _log_in_first()
        user_id = request.user.pk
        learner = store.learner_read(user_id=user_id, lesson=lesson)
    status = learner.status if learner is not None else None
    if status in (None, EnrolmentStatus.WITHDRAWN, EnrolmentStatus.REJECTED):
        return JsonResponse({"error": str(NotEnrolled().message)}, status=403)
    if status == EnrolmentStatus.PENDING_APPROVAL:
        return JsonResponse({"error": str(EnrolmentNotActive().message)}, status=403)
    if len(request.body) > 64 * 1024:
        return HttpResponseBadRequest()
    if unreadable:
        return JsonResponse({"error": _("The result could not be read.")}, status=400)
    block = lesson.h5p
    if not isinstance(payload, dict) or block is None or block["content"] is None \
            or lesson.posted_content_id is None \
            or str(block["content"]) != str(lesson.posted_content_id):
        return JsonResponse({"error": _("This content is not part of the lesson.")},
                            status=404)
    try:
        h5p_attempt_check_ids(token=payload.get("attempt"), learner_id=user_id,
                              lesson_id=lesson.id, content_public_id=payload["content"])
    except AttemptRefused as refused:
        return JsonResponse({"error": refused.message}, status=403)
    try:
        facts = statement_facts(statement=payload.get("statement"),
                                completion=block["completion"], pass_mark=block["pass_mark"])
    except StatementInvalid as invalid:
        return JsonResponse({"error": invalid.message}, status=400)
    try:
        answer = _statement_store(learner=learner, lesson=lesson, block=block, facts=facts)
    except EnrolmentNotActive as error:
        return JsonResponse({"error": str(error.message)}, status=403)
    return JsonResponse(answer)


def _log_in_first():
    return JsonResponse({"error": _("Please log in.")}, status=403)


def _payload(body: bytes):
    """(the parsed body, whether it could not be read); read before the checks that come
    first, answered in their order."""
    if len(body) > 64 * 1024:
        return None, True
    try:
        return json.loads(body, parse_constant=_refuse_constant), False
    except (ValueError, RecursionError):
        return None, True


def _statement_store(*, learner, lesson, block, facts) -> dict:
    """Store the statement once; a counted one records the lesson's progress when it
    changes anything (a first or better result), and only then runs the completion rule."""
    completion, content_id = block["completion"], lesson.posted_content_id
    counted, progress, status = facts.done, learner.progress, learner.status
    if counted and status not in RECORDING_STATUSES:
        raise EnrolmentNotActive
    if counted and store.progress_would_change(learner=learner, lesson_id=lesson.id,
                                               facts=facts, completion=completion):
        stored, progress, status = store.statement_record_counted(
            learner=learner, lesson_id=lesson.id, content_id=content_id, facts=facts,
            completion=completion)
    else:
        stored = store.statement_insert(enrolment_id=learner.enrolment_id,
                                        lesson_id=lesson.id, content_id=content_id,
                                        facts=facts)
    passed, percent = facts.passed, facts.score_percent
    if not stored:  # sent before (or raced in twice): stored once, counted once
        counted = False
        passed, percent = store.statement_stored(enrolment_id=learner.enrolment_id,
                                                 statement_id=facts.statement_id)
    done = requirement_met(requirement=lesson.requirement, progress=progress)
    message = ""
    if counted and completion == "passed":
        if passed:
            message = _("Passed with %(score)d %%.") % {"score": percent}
        else:
            message = _("Result: %(score)d %%. You need at least %(mark)d %% to pass. "
                        "Please try again.") % {"score": percent, "mark": block["pass_mark"]}
    elif counted:
        message = _("Your result has been saved.")
    if done and counted:
        # A gettext call of its own, not inside an f-string: makemessages cannot see those.
        complete = _("This lesson is complete.")
        message = f"{message} {complete}".strip()
    return {"stored": stored, "counted": counted, "passed": passed, "score_percent": percent,
            "lesson_done": done, "course_completed": status == EnrolmentStatus.COMPLETED,
            "message": message}


def _lesson_or_404(lesson_id: int):
    lesson = lesson_for_endpoint(lesson_id=lesson_id)
    if lesson is None:
        raise Http404
    return lesson


@require_POST
@cache_control(no_store=True)
def user_data(request, lesson_id: int):
    """Save the state H5P keeps for the learner inside the content (contentUserData).

    Reached like the xAPI endpoint: only from the parent page (session, CSRF token) with the
    attempt token the lesson page made for this learner, lesson and content.
    """
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("Please log in.")}, status=403)
    lesson = _lesson_or_404(lesson_id)
    try:
        enrolment_for_lesson(learner=request.user, lesson=lesson)
    except (NotEnrolled, EnrolmentNotActive) as error:
        return JsonResponse({"error": str(error.message)}, status=403)
    if len(request.body) > USER_DATA_MAX_BYTES + 4096:
        return JsonResponse({"error": _("The state of the exercise is too large to be "
                                        "saved.")}, status=400)
    try:
        payload = json.loads(request.body, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        return JsonResponse({"error": _("The state of the exercise could not be saved.")},
                            status=400)
    block = lesson_h5p_value(lesson)
    if not isinstance(payload, dict) or block is None or block["content"] is None \
            or str(block["content"].public_id) != str(payload.get("content")):
        return JsonResponse({"error": _("This content is not part of the lesson.")},
                            status=404)
    content = block["content"]
    try:
        h5p_attempt_check(token=payload.get("attempt"), learner=request.user, lesson=lesson,
                          content=content)
    except AttemptRefused as refused:
        return JsonResponse({"error": refused.message}, status=403)
    try:
        h5p_user_data_save(learner=request.user, lesson=lesson, content=content,
                           sub_content_id=payload.get("subContentId"),
                           data_type=payload.get("dataType"), data=payload.get("data"))
    except UserDataInvalid as invalid:
        return JsonResponse({"error": str(invalid.message)}, status=400)
    return JsonResponse({"saved": True})


def _refuse_constant(name: str):
    """NaN and Infinity are no JSON; Python's parser would accept them."""
    raise ValueError(name)
