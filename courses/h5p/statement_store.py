"""What the xAPI endpoint reads and writes for one statement, in four plain SQL statements.

The player posts a statement for nearly every click (three of four are child statements:
stored, never counted), so the endpoint keeps clear of the ORM's per-query cost on its
path and reads what it needs in few queries:

1. the session row (`session_user`; the user is checked in query 3, not by a query of its
   own: its active flag and the session's hash of its password, as Django's `get_user`
   does for the model backend; anything else goes the ordinary way through `request.user`);
2. the live lesson with its requirement and body, and the H5P item the post names
   (`lesson_read`);
3. the learner with their enrolment in the lesson's course and progress in the lesson
   (`learner_read`);
4. the statement, inserted once (`statement_insert`: a statement sent again is no
   error, it is simply not inserted).

Only a statement that counts and changes the learner's progress goes on to
`lesson_progress_record` (and the course's completion rule) through the ORM, in one
transaction with the statement.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, load_backend
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends import db as db_sessions
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from wagtail.models import Page

from accounts.models import User
from core.sessions import unexpired_session_data
from courses.catalogue.models import LessonPage
from courses.h5p.models import H5PContent, H5PStatement
from courses.h5p.statements import StatementFacts
from courses.learning.models import Enrolment, LessonProgress
from courses.learning.services import lesson_progress_record


@cache
def _sessions_in_table(engine: str) -> bool:
    """Whether the session engine keeps its sessions in Django's session table, as
    Django's database store does (or a store built on it, such as core.sessions)."""
    store = import_module(engine).SessionStore
    return issubclass(store, db_sessions.SessionStore) and store.get_model_class() is Session


@dataclass(frozen=True)
class SessionUser:
    user_id: int
    backend: str
    auth_hash: str


def session_user(request) -> SessionUser | None:
    """The user the request's session names, read in one query without loading the user;
    None for no session, a session without a user, or sessions not kept in the database
    (the caller then asks `request.user`). Confirm it with `session_user_valid`."""
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not key or not _sessions_in_table(settings.SESSION_ENGINE):
        return None
    encoded = unexpired_session_data(key)
    data = db_sessions.SessionStore().decode(encoded) if encoded is not None else {}
    try:
        user_id = User._meta.pk.to_python(data[SESSION_KEY])
    except (KeyError, ValueError, TypeError):
        return None
    return SessionUser(user_id=user_id, backend=str(data.get(BACKEND_SESSION_KEY, "")),
                       auth_hash=str(data.get(HASH_SESSION_KEY, "")))


def session_user_valid(found: SessionUser, *, password: str, is_active: bool) -> bool:
    """What `django.contrib.auth.get_user` checks, for users of the model backend: a
    configured backend, an active user, and the session's hash of the current password.
    False means "ask `request.user`" (which also handles the fallback secret keys)."""
    if found.backend not in settings.AUTHENTICATION_BACKENDS or not is_active \
            or not found.auth_hash:
        return False
    backend = type(load_backend(found.backend))
    if backend.get_user is not ModelBackend.get_user \
            or backend.user_can_authenticate is not ModelBackend.user_can_authenticate:
        return False
    expected = _session_auth_hash(found.user_id, password, settings.SECRET_KEY)
    return constant_time_compare(found.auth_hash, expected)


@lru_cache(maxsize=512)
def _session_auth_hash(user_id: int, password: str, _secret_key: str) -> str:
    """The user's session hash: a function of the password (and the secret key), so kept."""
    return User(pk=user_id, password=password).get_session_auth_hash()


@dataclass(frozen=True)
class EndpointLesson:
    id: int
    path: str
    requirement: str
    h5p: dict | None  # the stored value of the lesson's first H5P block
    posted_content_id: int | None  # the H5P item the post names, if it exists


@cache
def _h5p_defaults() -> dict:
    block = LessonPage._meta.get_field("body").stream_block.child_blocks["h5p"]
    return {name: child.get_default() for name, child in block.child_blocks.items()}


def _content_db_value(public_id: str):
    """The item's public id as the database stores it; None unless canonical UUID text (the
    endpoint compares the text the lesson page wrote)."""
    try:
        value = uuid.UUID(public_id)
    except (ValueError, TypeError, AttributeError):
        return None
    if str(value) != public_id:
        return None
    return H5PContent._meta.get_field("public_id").get_db_prep_value(value, connection)


def lesson_read(*, lesson_id: int, content_public_id) -> EndpointLesson | None:
    """The live lesson with its H5P block, and the pk of the item the post names; None when
    there is no such live lesson."""
    lesson = LessonPage._meta
    content_id = _content_db_value(content_public_id) if isinstance(content_public_id, str) \
        else None
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.path, l.requirement, l.body, (SELECT c.id FROM "  # noqa: S608
            f"{H5PContent._meta.db_table} c WHERE c.public_id = %s) FROM {Page._meta.db_table} p "
            f"INNER JOIN {lesson.db_table} l ON l.{lesson.pk.column} = p.id "
            "WHERE p.id = %s AND p.live = %s", [content_id, lesson_id, True])
        row = cursor.fetchone()
    if row is None:
        return None
    path, requirement, body, posted_content_id = row
    if isinstance(body, str | bytes):
        body = json.loads(body or "[]")
    value = next((raw.get("value") for raw in body or []
                  if isinstance(raw, dict) and raw.get("type") == "h5p"), None)
    h5p = None
    if isinstance(value, dict):
        h5p = {name: value.get(name, default) for name, default in _h5p_defaults().items()}
    return EndpointLesson(id=lesson_id, path=path, requirement=requirement, h5p=h5p,
                          posted_content_id=posted_content_id)


@dataclass(frozen=True)
class ProgressFacts:
    """The learner's progress in the lesson, as `courses.rules.requirement_met` reads it."""

    viewed_at: object
    answered_at: object
    passed_at: object
    best_score: int | None


@dataclass(frozen=True)
class LearnerRow:
    password: str
    is_active: bool
    enrolment_id: int | None
    status: str | None
    last_lesson_id: int | None
    progress: ProgressFacts | None


def learner_read(*, user_id: int, lesson: EndpointLesson) -> LearnerRow | None:
    """The user, their enrolment in the lesson's course (a page above the lesson) and their
    progress in the lesson, in one query; None when there is no such user."""
    steplen = LessonPage.steplen
    depth = len(lesson.path) // steplen
    ancestors = [lesson.path[:steplen * level] for level in range(1, depth)] or [""]
    marks = ", ".join(["%s"] * len(ancestors))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT u.password, u.is_active, e.id, e.status, e.last_lesson_id, pr.id, "  # noqa: S608
            "pr.viewed_at, pr.answered_at, pr.passed_at, pr.best_score "
            f"FROM {User._meta.db_table} u LEFT JOIN {Enrolment._meta.db_table} e "
            f"ON e.learner_id = u.id AND e.course_id IN (SELECT id FROM {Page._meta.db_table} "
            f"WHERE path IN ({marks})) "
            f"LEFT JOIN {LessonProgress._meta.db_table} pr "
            "ON pr.enrolment_id = e.id AND pr.lesson_id = %s WHERE u.id = %s",
            [*ancestors, lesson.id, user_id])
        row = cursor.fetchone()
    if row is None:
        return None
    (password, is_active, enrolment_id, status, last_lesson_id, progress_id, viewed_at,
     answered_at, passed_at, best_score) = row
    return LearnerRow(
        password=password, is_active=bool(is_active), enrolment_id=enrolment_id,
        status=status, last_lesson_id=last_lesson_id,
        progress=None if progress_id is None else ProgressFacts(
            viewed_at=viewed_at, answered_at=answered_at, passed_at=passed_at,
            best_score=best_score))


def statement_insert(*, enrolment_id: int, lesson_id: int, content_id: int,
                     facts: StatementFacts) -> bool:
    """Store the statement unless the learner's enrolment holds it already (the unique
    (enrolment, statement id) pair); True when it was stored now."""
    values = (enrolment_id, lesson_id, content_id, facts.statement_id, facts.verb,
              facts.top_level, facts.score_raw, facts.score_max, facts.score_scaled,
              facts.score_percent, facts.success, facts.completion, facts.duration,
              facts.passed, facts.cleaned, timezone.now())
    sql, fields = _insert_sql()
    params = [field.get_db_prep_save(value, connection) if prep else value
              for (field, prep), value in zip(fields, values, strict=True)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount == 1


# The columns statement_insert fills, in its order; True where the database needs the
# field's own conversion (UUID, JSON, date and time); numbers, text and flags go as they are.
INSERT_FIELDS = (("enrolment", False), ("lesson", False), ("content", False),
                 ("statement_id", True), ("verb", False), ("top_level", False),
                 ("score_raw", False), ("score_max", False), ("score_scaled", False),
                 ("score_percent", False), ("success", False), ("completion", False),
                 ("duration", False), ("passed", False), ("raw", True), ("received_at", True))


@cache
def _insert_sql():
    fields = [(H5PStatement._meta.get_field(name), prep) for name, prep in INSERT_FIELDS]
    columns = ", ".join(field.column for field, _prep in fields)
    return (f"INSERT INTO {H5PStatement._meta.db_table} ({columns}) "  # noqa: S608 - ours
            f"VALUES ({', '.join(['%s'] * len(fields))}) ON CONFLICT DO NOTHING", fields)


def statement_stored(*, enrolment_id: int, statement_id: uuid.UUID) -> tuple[bool, int | None]:
    """(passed, score_percent) of a statement stored before."""
    row = H5PStatement.objects.filter(enrolment_id=enrolment_id, statement_id=statement_id) \
        .values_list("passed", "score_percent").first()
    return row or (False, None)


def progress_would_change(*, learner: LearnerRow, lesson_id: int, facts: StatementFacts,
                          completion: str) -> bool:
    """Whether recording the statement's outcome would change anything that
    `lesson_progress_record` writes (a first or better result, the last lesson opened)."""
    progress, outcome = learner.progress, facts.outcome(completion=completion)
    if progress is None or learner.last_lesson_id != lesson_id:
        return True
    if progress.viewed_at is None or progress.answered_at is None \
            or (outcome.passed and progress.passed_at is None):
        return True
    return outcome.score_percent is not None and (
        progress.best_score is None or outcome.score_percent > progress.best_score)


def statement_record_counted(*, learner: LearnerRow, lesson_id: int, content_id: int,
                             facts: StatementFacts, completion: str):
    """Store a statement that changes the learner's progress, and record that progress (and
    the course's completion rule) in the same transaction. Returns (stored, progress,
    enrolment status). Raises EnrolmentNotActive."""
    with transaction.atomic():
        if not statement_insert(enrolment_id=learner.enrolment_id, lesson_id=lesson_id,
                                content_id=content_id, facts=facts):
            return False, learner.progress, learner.status
        enrolment = Enrolment.objects.select_related("course").get(pk=learner.enrolment_id)
        lesson = LessonPage.objects.only("id", "path", "depth", "requirement").get(
            pk=lesson_id)
        progress = lesson_progress_record(enrolment=enrolment, lesson=lesson,
                                          outcome=facts.outcome(completion=completion))
    return True, progress, enrolment.status
