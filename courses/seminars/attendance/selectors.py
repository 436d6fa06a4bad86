"""Reads of attendance: whose sessions a user may manage, the participant list with each
day's record, whether a person attended a session of a course, occupancy figures."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from courses.seminars.attendance.models import Attendance, AttendanceChange
from courses.seminars.attendance.rules import AttendanceStatus
from courses.seminars.models import Session, SessionDay
from courses.seminars.rules import SEAT_STATES, BookingState, SessionState
from courses.seminars.selectors import participants, with_seats_taken

RECORD_ANY = "courses.record_attendance"


def may_record_any(user) -> bool:
    """Coordinators (and superusers) manage every session, trainers only their own."""
    return user.is_active and user.has_perm(RECORD_ANY)


def may_manage_session(*, user, session: Session) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return session.trainer_id == user.pk or may_record_any(user)


def sessions_managed(*, user) -> QuerySet[Session]:
    """The sessions a user leads (or, for coordinators, every session), by start."""
    sessions = Session.objects.all()
    if not may_record_any(user):
        sessions = sessions.filter(trainer=user)
    return (with_seats_taken(sessions).select_related("course", "trainer")
            .prefetch_related("days").order_by("starts_at", "pk"))


def sessions_managed_split(*, user, now: datetime | None = None
                           ) -> tuple[list[Session], list[Session]]:
    """(upcoming or running, ended) — the ended ones newest first."""
    now = now or timezone.now()
    sessions = list(sessions_managed(user=user))
    upcoming = [s for s in sessions if s.ends_at > now]
    ended = [s for s in sessions if s.ends_at <= now][::-1]
    return upcoming, ended


@dataclass
class ParticipantRow:
    person_id: int
    name: str
    unit: str
    email: str
    statuses: dict[int, str] = field(default_factory=dict)  # day id → status

    def status_for(self, day_id: int) -> str:
        return self.statuses.get(day_id, "")


def session_days(session: Session) -> list[SessionDay]:
    return list(SessionDay.objects.filter(session=session).order_by("date"))


def participant_rows(*, session: Session) -> list[ParticipantRow]:
    """The booked people (name, unit, email) with their recorded status per day, plus
    anyone with a record who is no longer booked (a record is never hidden)."""
    rows: dict[int, ParticipantRow] = {}
    for booking in participants(session):
        person = booking.person
        rows[person.pk] = ParticipantRow(
            person_id=person.pk, name=person.get_full_name() or person.get_display_name(),
            unit=str(person.home_unit) if person.home_unit_id else "", email=person.email)
    records = (Attendance.objects.filter(day__session=session)
               .select_related("person", "person__home_unit"))
    for record in records:
        row = rows.get(record.person_id)
        if row is None:
            person = record.person
            row = rows[person.pk] = ParticipantRow(
                person_id=person.pk,
                name=person.get_full_name() or person.get_display_name(),
                unit=str(person.home_unit) if person.home_unit_id else "",
                email=person.email)
        row.statuses[record.day_id] = record.status
    return sorted(rows.values(), key=lambda row: (row.name.casefold(), row.email))


def attendance_history(*, session: Session, limit: int = 50) -> list[AttendanceChange]:
    """The latest changes of the session's attendance: who recorded what, when."""
    return list(AttendanceChange.objects.filter(attendance__day__session=session)
                .select_related("attendance__person", "attendance__day", "changed_by")
                .order_by("-changed_at", "-pk")[:limit])


def booked_person_ids(*, session: Session) -> set[int]:
    return set(participants(session).values_list("person_id", flat=True))


def session_attended(*, person_id: int, course_id: int) -> bool:
    """Whether the person was present on every day of a (not cancelled) session of the
    course — the completion requirement "attended a session"."""
    present = Q(days__attendance__person_id=person_id,
                days__attendance__status=AttendanceStatus.PRESENT)
    return (Session.objects.filter(course_id=course_id, state=SessionState.SCHEDULED)
            .annotate(day_count=Count("days", distinct=True),
                      present_days=Count("days", filter=present, distinct=True))
            .filter(day_count__gt=0, present_days=F("day_count")).exists())


# --- occupancy report -------------------------------------------------------------------


@dataclass
class OccupancyRow:
    course_id: int
    course_title: str
    session_id: int | None  # None: the course's total row
    session_label: str
    starts_at: datetime | None
    state: str
    seats: int
    booked: int
    waiting: int
    attended: int

    @property
    def is_total(self) -> bool:
        return self.session_id is None

    @property
    def seats_free(self) -> int:
        return max(self.seats - self.booked, 0)

    @property
    def percent_booked(self) -> float:
        return 100.0 * self.booked / self.seats if self.seats else 0.0


def occupancy_rows(*, course_id: int | None = None, date_from: date | None = None,
                   date_to: date | None = None) -> list[OccupancyRow]:
    """One row per session (seats, booked or offered, waiting, attended = present on every
    day) and after each course's sessions a total row. Two queries."""
    sessions = Session.objects.all()
    if course_id:
        sessions = sessions.filter(course_id=course_id)
    if date_from:
        sessions = sessions.filter(starts_at__date__gte=date_from)
    if date_to:
        sessions = sessions.filter(starts_at__date__lte=date_to)
    sessions = list(sessions.annotate(
        booked=Count("bookings", filter=Q(bookings__state__in=SEAT_STATES), distinct=True),
        waiting=Count("bookings", filter=Q(bookings__state=BookingState.WAITING),
                      distinct=True),
        day_count=Count("days", distinct=True),
    ).select_related("course").order_by("course__title", "course_id", "starts_at", "pk"))
    present = (Attendance.objects.filter(day__session__in=[s.pk for s in sessions],
                                         status=AttendanceStatus.PRESENT)
               .values("day__session_id", "person_id").annotate(days=Count("day_id")))
    attended: dict[int, int] = {}
    day_counts = {s.pk: s.day_count for s in sessions}
    for item in present:
        session_id = item["day__session_id"]
        if item["days"] == day_counts[session_id]:
            attended[session_id] = attended.get(session_id, 0) + 1
    rows: list[OccupancyRow] = []
    total: OccupancyRow | None = None
    for session in sessions:
        if total is None or total.course_id != session.course_id:
            if total is not None:
                rows.append(total)
            total = OccupancyRow(session.course_id, session.course.title, None, "", None, "",
                                 0, 0, 0, 0)
        row = OccupancyRow(
            course_id=session.course_id, course_title=session.course.title,
            session_id=session.pk, session_label=session.display_title,
            starts_at=session.starts_at, state=session.state, seats=session.seats,
            booked=session.booked, waiting=session.waiting,
            attended=attended.get(session.pk, 0))
        rows.append(row)
        if session.state == SessionState.SCHEDULED:
            total.seats += row.seats
            total.booked += row.booked
            total.waiting += row.waiting
            total.attended += row.attended
    if total is not None:
        rows.append(total)
    return rows
