"""Reads of learning: course outline, lesson context, prerequisites, the dashboard."""

from collections import namedtuple
from dataclasses import dataclass, field
from datetime import date

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone

from certificates.selectors import certificates_held
from core.pagecache import page_data, page_data_many
from core.prepared import PreparedQuery
from courses.assignments.selectors import assignments_for_user, completion_history
from courses.catalogue.models import CoursePage, LessonPage, ModulePage
from courses.learning.models import Enrolment, LessonProgress
from courses.quizzes.selectors import quiz_context
from courses.rules import (
    ComplianceState,
    EnrolmentStatus,
    LessonRequirement,
    course_achievement_key,
    lesson_done,
    prerequisites_missing,
    requirement_met,
    resume_index,
)

ES = EnrolmentStatus


def course_lessons(*, course: CoursePage) -> list[LessonPage]:
    """The course's live lessons in the order editors arranged them (one query)."""
    return list(LessonPage.objects.live().descendant_of(course).order_by("path"))


def published_lessons(*, course: CoursePage) -> list[LessonPage]:
    """`course_lessons` from the page cache (for pages; services read the database)."""
    return page_data("course-lessons", course.pk, build=lambda: _light(course_lessons(
        course=course)))


def _light(lessons: list[LessonPage]) -> list[LessonPage]:
    """Lessons as kept in the page cache for outlines and links: without their body (read
    only on the lesson's own page), so that every page using them unpickles less."""
    for lesson in lessons:
        lesson.__dict__.pop("body", None)
    return lessons


def course_facts(*, course: CoursePage, preview: bool = False) -> dict:
    """What a course page shows of its relations: catalogue (parent), competence areas,
    prerequisites and modules; from the page cache except in an editor's preview."""

    def build():
        return {"catalogue": course.get_parent(),
                "competence_areas": list(course.competence_areas.all()),
                "prerequisites": list(course.prerequisites.all()),
                "modules": {m.path: m for m in ModulePage.objects.live().child_of(course)}}

    return build() if preview else page_data("course-facts", course.pk, build=build)


def missing_prerequisites(*, learner, course: CoursePage,
                          required: list[CoursePage] | None = None) -> list[CoursePage]:
    """The course's prerequisites (or `required`) the learner has not completed yet."""
    required = list(course.prerequisites.all()) if required is None else required
    if not required:
        return []
    done = Enrolment.objects.filter(learner=learner, status=ES.COMPLETED,
                                    course__in=required).values_list("course_id", flat=True)
    return prerequisites_missing(required=required, completed_ids=done)


def lesson_requirement_met(*, enrolment: Enrolment, lesson: LessonPage) -> bool:
    """Whether the learner's progress meets the lesson's requirement for completion."""
    progress = LessonProgress.objects.filter(enrolment=enrolment, lesson=lesson).first()
    return requirement_met(requirement=lesson.requirement, progress=progress)


# --- course and lesson --------------------------------------------------------------------

@dataclass
class OutlineItem:
    lesson: LessonPage
    module: ModulePage | None
    requirement: str
    requirement_label: str
    done: bool
    state: str  # "done", "open", "optional"
    best_score: int | None = None


@dataclass
class Outline:
    items: list[OutlineItem] = field(default_factory=list)
    required_total: int = 0
    required_done: int = 0
    next_lesson: LessonPage | None = None

    @property
    def percent(self) -> int:
        return round(100 * self.required_done / self.required_total) if self.required_total \
            else 0


def course_outline(*, course: CoursePage, enrolment: Enrolment | None,
                   facts: dict | None = None) -> Outline:
    """Lessons grouped by module with the learner's state: the lessons and modules from the
    page cache, the learner's progress in one query."""
    lessons = published_lessons(course=course)
    modules = (facts or course_facts(course=course))["modules"]
    progress = {}
    if enrolment is not None:
        progress = _progress_flags_by_enrolment([enrolment]).get(enrolment.pk, {})
    outline = Outline()
    for lesson in lessons:
        item_progress = progress.get(lesson.pk)
        optional = lesson.requirement == LessonRequirement.OPTIONAL
        done = lesson_done(requirement=lesson.requirement, progress=item_progress)
        outline.items.append(OutlineItem(
            lesson=lesson, module=modules.get(lesson.path[:-LessonPage.steplen]),
            requirement=lesson.requirement,
            requirement_label=LessonRequirement(lesson.requirement).label, done=done,
            state="done" if done else ("optional" if optional else "open"),
            best_score=item_progress.best_score if item_progress else None))
        if not optional:
            outline.required_total += 1
            outline.required_done += int(done)
    index = resume_index(item.done for item in outline.items)
    if index is not None or outline.items:
        outline.next_lesson = outline.items[index or 0].lesson
    return outline


_enrolment_in_course = PreparedQuery(
    lambda learner_id, course_id: Enrolment.objects.filter(
        learner_id=learner_id, course_id=course_id).order_by("pk")[:1])


def enrolment_of(*, user, course: CoursePage | None) -> Enrolment | None:
    """The person's enrolment in the course (in any status), or None; a prepared query,
    as every course and lesson page asks it."""
    if not user.is_authenticated or course is None:
        return None
    found = _enrolment_in_course(user.pk, course.pk)
    return found[0] if found else None


def course_page_context(*, course: CoursePage, user, preview: bool = False) -> dict:
    """A course page's context: its cached facts, the learner's enrolment and progress."""
    facts = course_facts(course=course, preview=preview)
    enrolment = enrolment_of(user=user, course=course)
    return {
        **facts,
        "enrolment": enrolment,
        "outline": course_outline(course=course, enrolment=enrolment, facts=facts),
        "missing_prerequisites": missing_prerequisites(
            learner=user, course=course, required=facts["prerequisites"])
        if user.is_authenticated else [],
        "can_enrol": course.self_enrolment and (
            enrolment is None or enrolment.status == ES.WITHDRAWN),
    }


def lesson_context(*, lesson: LessonPage, enrolment: Enrolment, attempt_id=None) -> dict:
    course = lesson.course() or enrolment.course  # the same course, from the page cache
    enrolment.course = course
    outline = course_outline(course=course, enrolment=enrolment)
    position = next((i for i, item in enumerate(outline.items) if item.lesson.pk == lesson.pk), 0)
    # The block types from the stored data: the blocks themselves are built only for a quiz,
    # or when the body is rendered (not when it comes from the page cache).
    types = {block["type"] for block in lesson.body.raw_data}
    quiz = lesson.quiz_block() if "quiz" in types else None
    context = {"course": course, "enrolment": enrolment, "outline": outline,
               "lesson_done": bool(outline.items) and outline.items[position].done,
               "previous_lesson": outline.items[position - 1].lesson if position > 0 else None,
               "next_in_course": outline.items[position + 1].lesson
               if position + 1 < len(outline.items) else None,
               "quiz": None,
               # the body shows nothing of the learner's (cached for everyone)
               "body_for_everyone": not types & {"quiz", "h5p"}}
    if quiz is not None:
        context["quiz"] = quiz_context(quiz=quiz, lesson=lesson, enrolment=enrolment,
                                       attempt_id=attempt_id)
    return context


# --- "Mein Bereich" ------------------------------------------------------------------------

def dashboard_courses(*, user, assigned: bool = True, completed: bool = True) -> dict:
    """The learner's own enrolments, split for the dashboard; constant number of queries.

    Assigned courses come first: mandatory ones before the others, overdue before the rest,
    then by due date. Each course in progress carries its percentage of required lessons
    done, the lesson "Continue learning" leads to (the first one not yet done) and, when
    it is assigned, the assignment's row (due date, mandatory, compliance state).
    Assigned courses without a current enrolment (e.g. no longer offered) are listed in
    `assigned_elsewhere`; `earlier_completions` are the completions that are history now.
    `assigned=False` / `completed=False`: the person is known to have no current assignment
    / no completion, and those are not read.
    """
    # The course itself (its address, whether it is live) comes from the page cache when
    # the page is shown (cms.views); here only its id.
    enrolments = _current_enrolments(user.pk)
    today = timezone.localdate()
    assigned = assignments_for_user(user, today=today) if assigned else {}
    active = [e for e in enrolments if e.status in (ES.ACTIVE, ES.PENDING_APPROVAL)]
    lessons = _lesson_refs_by_course([e.course_id for e in active if e.course_id])
    progress = _progress_flags_by_enrolment(active)
    in_progress = []
    for enrolment in active:
        lessons_of_course = lessons.get(enrolment.course_id, [])
        rows = progress.get(enrolment.pk, {})
        done = [lesson_done(requirement=lesson.requirement, progress=rows.get(lesson.pk))
                for lesson in lessons_of_course]
        required = [flag for lesson, flag in zip(lessons_of_course, done, strict=True)
                    if lesson.requirement != LessonRequirement.OPTIONAL]
        index = resume_index(done)
        assignment = assigned.get(enrolment.course_id)
        due_date = assignment.due_date if assignment else enrolment.due_date
        in_progress.append({
            "enrolment": enrolment,
            "percent": round(100 * sum(required) / len(required)) if required else 0,
            "resume_lesson": lessons_of_course[index] if index is not None else None,
            "assignment": assignment,
            "due_date": due_date,
            "overdue": bool(due_date and due_date < today),
        })
    in_progress.sort(key=lambda row: _dashboard_order(row["assignment"], row["due_date"]))
    shown = {e.course_id for e in enrolments}
    return {
        "in_progress": in_progress,
        "completed": [e for e in enrolments if e.status == ES.COMPLETED],
        "assigned_elsewhere": sorted(
            (row for course_id, row in assigned.items() if course_id not in shown),
            key=lambda row: _dashboard_order(row, row.due_date)),
        "overdue_count": sum(1 for row in assigned.values()
                             if row.state == ComplianceState.OVERDUE),
        "earlier_completions": _earlier_completions(user=user, enrolments=enrolments)
        if completed else [],
    }


_current_enrolments = PreparedQuery(
    lambda learner_id: Enrolment.objects.filter(learner_id=learner_id)
    .exclude(status__in=[ES.WITHDRAWN, ES.REJECTED]).order_by("due_date", "-pk"))


def _dashboard_order(assignment, due_date) -> tuple:
    overdue = bool(assignment and assignment.state == ComplianceState.OVERDUE)
    return (assignment is None, not (assignment and assignment.mandatory), not overdue,
            due_date or date.max)


def _earlier_completions(*, user, enrolments: list[Enrolment]) -> list:
    """The learner's completions except the current one of each completed enrolment."""
    current = {(e.pk, e.completed_at) for e in enrolments if e.status == ES.COMPLETED}
    return [completion for completion in completion_history(user=user)
            if (completion.enrolment_id, completion.completed_at) not in current]


@dataclass(frozen=True)
class LessonRef:
    """A lesson as "Mein Bereich" reads it: its id and its requirement."""

    pk: int
    requirement: str


def _lesson_refs_by_course(course_ids: list[int]) -> dict[int, list[LessonRef]]:
    """The live lessons of each course in course order: from the page cache, and the
    courses not cached yet from two queries."""
    return page_data_many("course-lesson-refs", list(dict.fromkeys(course_ids)),
                          build_missing=_lesson_refs_from_database)


def _lesson_refs_from_database(course_ids: list[int]) -> dict[int, list[LessonRef]]:
    courses = list(CoursePage.objects.filter(pk__in=course_ids).only("path", "depth"))
    return {course_id: [LessonRef(pk=lesson.pk, requirement=lesson.requirement)
                        for lesson in lessons]
            for course_id, lessons in _lessons_from_database(courses).items()}


def _lessons_from_database(courses: list[CoursePage]) -> dict[int, list[LessonPage]]:
    by_path = {course.path: course.pk for course in courses}
    lessons: dict[int, list[LessonPage]] = {course.pk: [] for course in courses}
    found = LessonPage.objects.live().filter(_descendants_q(courses)).order_by("path")
    for lesson in _light(list(found)):
        for course_path, course_id in by_path.items():
            if lesson.path.startswith(course_path):
                lessons[course_id].append(lesson)
    return lessons


def _descendants_q(courses: list[CoursePage]) -> Q:
    query = Q()
    for course in courses:
        query |= Q(path__startswith=course.path, depth__gt=course.depth)
    return query


# What the rules read of a progress row is whether each moment is recorded: True when it is,
# None when not (the timestamps themselves are not read, nor converted); and the best score.
ProgressFlags = namedtuple("ProgressFlags", ["viewed_at", "answered_at", "passed_at",
                                             "best_score"])
RECORDED = ("viewed_at", "answered_at", "passed_at")


def _progress_flags_by_enrolment(enrolments: list[Enrolment]) -> dict[int, dict[int, tuple]]:
    """Progress per enrolment and lesson as `ProgressFlags`, from one (prepared) query."""
    rows: dict[int, dict[int, tuple]] = {}
    if not enrolments:
        return rows
    found = _progress_flags(tuple(enrolment.pk for enrolment in enrolments))
    for enrolment_id, lesson_id, *flags, best_score in found:
        rows.setdefault(enrolment_id, {})[lesson_id] = ProgressFlags(
            *(True if flag else None for flag in flags), best_score=best_score)
    return rows


def _progress_flags_query(enrolment_ids: tuple[int, ...]):
    """Which of each lesson's outcomes are recorded (not when), and the best score."""
    recorded = {f"{name}_set": ExpressionWrapper(Q(**{f"{name}__isnull": False}),
                                                 output_field=BooleanField())
                for name in RECORDED}
    return (LessonProgress.objects.filter(enrolment_id__in=enrolment_ids).annotate(**recorded)
            .values_list("enrolment_id", "lesson_id", *recorded, "best_score").order_by())


_progress_flags = PreparedQuery(_progress_flags_query)


def courses_missing_certificates(*, enrolments) -> list[tuple[CoursePage, int]]:
    """(course, completed enrolments without a current certificate) for every live course
    with completed enrolments among `enrolments` (already limited to a scope), by title.

    Two queries however many courses and people: the enrolments, then the certificates.
    """
    completed = (enrolments.filter(status=EnrolmentStatus.COMPLETED,
                                   course__live=True)
                 .exclude(completed_at=None).select_related("course"))
    keys = {enrolment.pk: course_achievement_key(
        course_id=enrolment.course_id,
        version=enrolment.completed_version or enrolment.course.content_version)
        for enrolment in completed}
    held = certificates_held(achievement_keys=keys.values())
    courses: dict[int, CoursePage] = {}
    missing: dict[int, int] = {}
    for enrolment in completed:
        courses[enrolment.course_id] = enrolment.course
        lacks = (enrolment.learner_id, keys[enrolment.pk]) not in held
        missing[enrolment.course_id] = missing.get(enrolment.course_id, 0) + lacks
    return sorted(((courses[pk], count) for pk, count in missing.items()),
                  key=lambda item: item[0].title)
