"""H5P views: the sandboxed player page, its public assets and the xAPI endpoint.

The player page plays inside `<iframe sandbox="allow-scripts">`, and its own response
carries `Content-Security-Policy: sandbox allow-scripts` as well, so its document has an
opaque origin ("null") however it is opened, even directly in a tab. Everything it fetches
from us is therefore a cross-origin request: the asset view answers GETs of the public H5P
files with `Access-Control-Allow-Origin: *` and never reads cookies. The player starts only
with the attempt token the lesson page put into its URL; the player's own styles and fonts
(h5p-standalone's) come through `player_file` with the same header, since a font is always
fetched with CORS and the frame's origin is "null". The xAPI endpoint is reached only by
the parent page (same origin, session, CSRF token and that attempt token), never by the frame.
"""

import json
import mimetypes
from pathlib import Path

from django.conf import settings
from django.http import (
    FileResponse,
    Http404,
    HttpResponseBadRequest,
    JsonResponse,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from courses.exceptions import EnrolmentNotActive, NotEnrolled
from courses.h5p import statement_store as store
from courses.h5p import storage
from courses.h5p.attempts import (
    AttemptRefused,
    h5p_attempt_check,
    h5p_attempt_check_content,
    h5p_attempt_check_ids,
)
from courses.h5p.exceptions import StatementInvalid, UserDataInvalid
from courses.h5p.models import H5PContent, H5PLibrary
from courses.h5p.package import CONTENT_EXTENSIONS, LIBRARY_EXTENSIONS, extension
from courses.h5p.selectors import h5p_user_data_for, lesson_for_endpoint, lesson_h5p_value
from courses.h5p.services import USER_DATA_MAX_BYTES, h5p_user_data_save
from courses.h5p.statements import statement_facts
from courses.learning.services import enrolment_for_lesson
from courses.rules import RECORDING_STATUSES, EnrolmentStatus, requirement_met

# How often (seconds) H5P core saves the state of an item; it also saves 3 s after content
# reports progress. Setting: H5P_SAVE_SECONDS.
DEFAULT_USER_DATA_SAVE_SECONDS = 15

CONTENT_TYPES = {
    "js": "text/javascript; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "json": "application/json",
    "svg": "image/svg+xml",
    "xml": "application/xml",
    "vtt": "text/vtt; charset=utf-8",
    "webvtt": "text/vtt; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "md": "text/plain; charset=utf-8",
    "csv": "text/plain; charset=utf-8",
    "diff": "text/plain; charset=utf-8",
    "patch": "text/plain; charset=utf-8",
    "textile": "text/plain; charset=utf-8",
    "woff": "font/woff",
    "woff2": "font/woff2",
    "webp": "image/webp",
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "oga": "audio/ogg",
    "ogv": "video/ogg",
    "gltf": "model/gltf+json",
    "glb": "model/gltf-binary",
}
# A file opened directly (not by the player) must not run anything: an SVG with a script,
# for instance, is rendered as inert in a sandbox with no permissions.
ASSET_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


def _origin(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def player_csp(origin: str) -> str:
    """The player's policy. 'self' is spelled out as the origin too: the sandboxed document's
    own origin is opaque, and browsers differ in what 'self' then means.

    `sandbox allow-scripts` (never `allow-same-origin`) gives the document an opaque origin
    even when it is opened outside the lesson's sandboxed iframe: other people's scripts
    then cannot read the site's pages, cookies or storage with the learner's session.
    """
    self_ = f"'self' {origin}"
    return "; ".join([
        "sandbox allow-scripts",
        "default-src 'none'",
        f"script-src {self_}",
        f"style-src {self_} 'unsafe-inline'",  # H5P sets inline styles everywhere
        f"img-src {self_} data: blob:",
        f"media-src {self_} blob:",
        f"font-src {self_} data:",
        f"connect-src {self_}",
        "frame-src 'none'",
        "frame-ancestors 'self'",
        "base-uri 'none'",
        "form-action 'none'",
    ])


def _player_headers(response, origin: str):
    response["Content-Security-Policy"] = player_csp(origin)
    response["Cache-Control"] = "private, no-cache"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
@xframe_options_sameorigin
def player(request, public_id):
    """The page inside the sandboxed iframe: our static player and the item's files only.

    It starts only with the attempt token of a lesson page that shows this content
    (`?versuch=`); the token is checked again when the parent page posts a result.
    """
    content = get_object_or_404(H5PContent, public_id=public_id)
    origin = _origin(request)
    try:
        attempt = h5p_attempt_check_content(token=request.GET.get("versuch"), content=content)
    except AttemptRefused as refused:
        return _player_headers(TemplateResponse(
            request, "courses/h5p/player_refused.html",
            {"content": content, "message": refused.message}, status=403), origin)
    h5p_json = reverse("h5p:content_asset", kwargs={"public_id": content.public_id,
                                                    "path": "h5p.json"})
    library_json = reverse("h5p:library_asset", kwargs={"folder": "L-1.0",
                                                        "path": "library.json"})
    config = {
        "contentId": str(content.public_id),
        "parentOrigin": origin,
        "origin": origin,
        # Absolute URLs: h5p-standalone resolves relative ones against location.origin,
        # which is "null" in the sandbox.
        "h5pJsonPath": origin + h5p_json.removesuffix("/h5p.json"),
        "contentJsonPath": origin + h5p_json.removesuffix("/h5p.json") + "/content",
        "librariesPath": origin + library_json.removesuffix("/L-1.0/library.json"),
        "frameJs": origin + static("vendor/h5p/frame.bundle.js"),
        # Through our view, not /static/: the fonts it names need CORS in every setup.
        "frameCss": origin + reverse("h5p:player_file", kwargs={"path": "styles/h5p.css"}),
        "objectIri": origin + reverse("h5p:player", kwargs={"public_id": content.public_id}),
        # The learner's saved state: the token names who the lesson page opened it for.
        "saveFreq": int(getattr(settings, "H5P_SAVE_SECONDS", DEFAULT_USER_DATA_SAVE_SECONDS)),
        "userData": h5p_user_data_for(learner_id=attempt.get("u"), lesson_id=attempt.get("l"),
                                      content=content),
    }
    return _player_headers(TemplateResponse(request, "courses/h5p/player.html",
                                            {"content": content, "config": config}), origin)


def _asset_response(path, ext: str, *, immutable: bool):
    content_type = CONTENT_TYPES.get(ext) or mimetypes.guess_type(f"x.{ext}")[0] \
        or "application/octet-stream"
    response = FileResponse(open(path, "rb"), content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    response["Content-Security-Policy"] = ASSET_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=31536000, immutable" if immutable \
        else "public, max-age=300"
    return response


@require_GET
def content_asset(request, public_id, path: str):
    """A public file of one content item (h5p.json, content.json, its media)."""
    if path != "h5p.json" and (not path.startswith("content/")
                               or extension(path) not in CONTENT_EXTENSIONS):
        raise Http404
    if not H5PContent.objects.filter(public_id=public_id).exists():
        raise Http404
    found = storage.safe_file(storage.content_dir(public_id), path)
    if found is None:
        raise Http404
    return _asset_response(found, extension(path), immutable=False)


@require_GET
def library_asset(request, folder: str, path: str):
    """A public file of an installed library version; these never change, so cache them."""
    if extension(path) not in LIBRARY_EXTENSIONS:
        raise Http404
    if not any(lib.folder == folder for lib in H5PLibrary.objects.filter(
            machine_name=folder.rsplit("-", 1)[0])):
        raise Http404
    found = storage.safe_file(storage.library_dir(folder), path)
    if found is None:
        raise Http404
    return _asset_response(found, extension(path), immutable=True)


# The player's own files the frame fetches: its styles, their fonts and images.
PLAYER_FILE_EXTENSIONS = frozenset("css woff woff2 ttf eot otf svg png gif jpg".split())
PLAYER_FILES = "vendor/h5p"


def _player_file_path(path: str):
    """A file of h5p-standalone's dist folder (the `vendor/h5p` entry of STATICFILES_DIRS,
    or STATIC_ROOT/vendor/h5p after collectstatic); None when missing or outside it."""
    bases = [Path(entry[1]) for entry in settings.STATICFILES_DIRS
             if isinstance(entry, tuple | list) and entry[0] == PLAYER_FILES]
    if settings.STATIC_ROOT:
        bases.append(Path(settings.STATIC_ROOT) / PLAYER_FILES)
    for base in bases:
        candidate = storage.safe_file(base, path)
        if candidate is not None:
            return candidate
    return None


@require_GET
def player_file(request, path: str):
    """One of the player's own styles, fonts or images, usable by the opaque-origin frame."""
    if extension(path) not in PLAYER_FILE_EXTENSIONS:
        raise Http404
    found = _player_file_path(path)
    if found is None:
        raise Http404
    return _asset_response(found, extension(path), immutable=False)


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
