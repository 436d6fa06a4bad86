"""Moves of the application workflow: status changes, offers, seats and the waiting list.

volunteers.workflow says which move is allowed to whom and what a free seat is;
`application_transition` is the only function that changes an application's status. It
records an ApplicationEvent and queues the applicant's email only after commit. Seats are
counted on the Placement row under `select_for_update`.
"""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import APPLICATION_STATUS, audit_log
from accounts.models import User
from core.jobs import enqueue_on_commit
from volunteers.exceptions import (
    InvalidTransition,
    NoSeatLeft,
    NotAllowed,
    OfferDeadlinePassed,
)
from volunteers.models import (
    Application,
    ApplicationEvent,
    ApplicationPreference,
    ApplicationStatus,
    EmailEvent,
    Placement,
)
from volunteers.selectors import (
    placement_seats_free,
    transition_allowed,
)
from volunteers.workflow import (
    acceptance_has_seat,
    move_frees_placement,
    offer_deadline_passed,
)

S = ApplicationStatus
EMAIL_TASK = "volunteers.tasks.application_event_email_task"
JOB_GROUP = "volunteers"

@transaction.atomic
def application_transition(*, application: Application, to_status: str, actor: User | None,
                           reason: str = "", placement: Placement | None = None,
                           deadline: datetime.datetime | None = None) -> ApplicationEvent:
    """Move the application to `to_status`, record who/when/why, email after commit; when
    the move gives a seat back, offer it to the next on that placement's waiting list.

    `placement` is needed for interviews, offers and the waiting list (default: the one
    concerned so far; for an interview also the only ranked one). Opening the interview
    stage, or offering, reveals the applicant to that placement's host contacts only
    (ApplicationPreference.interview_opened_at). Raises InvalidTransition, NoSeatLeft,
    OfferDeadlinePassed.
    """
    event, freed = _application_move(application=application, to_status=to_status,
                                      actor=actor, reason=reason, placement=placement,
                                      deadline=deadline)
    if freed is not None:
        waiting_list_advance(placement=freed)
    return event


def _move_target(locked: Application, to_status: str,
                 placement: Placement | None) -> Placement | None:
    """The placement a move is about: the one asked for, else the one concerned so far."""
    target = placement or (None if locked.status == to_status else locked.placement)
    if to_status == S.INTERVIEW and target is None:
        ranked = list(locked.preferences.select_related("placement")[:2])
        target = ranked[0].placement if len(ranked) == 1 else None
    if to_status in (S.OFFERED, S.WAITING_LIST, S.INTERVIEW) and (
            target is None or not locked.preferences.filter(placement=target).exists()):
        raise InvalidTransition(locked.status, to_status, _(
            "Choose one of the placements the applicant has ranked."))
    return target


@transaction.atomic
def _application_move(*, application: Application, to_status: str, actor: User | None,
                      reason: str, placement: Placement | None,
                      deadline: datetime.datetime | None
                      ) -> tuple[ApplicationEvent, Placement | None]:
    """The move itself; returns its event and the placement whose seat it gave back.

    It never moves a waiting list: its callers do, so the two never call each other back.
    """
    locked = Application.objects.select_for_update().get(pk=application.pk)
    from_status = locked.status
    if not transition_allowed(application=locked, to_status=to_status, actor=actor):
        raise InvalidTransition(from_status, to_status)
    now = timezone.now()
    target = _move_target(locked, to_status, placement)
    if to_status in (S.INTERVIEW, S.OFFERED):
        opened = locked.preferences.filter(placement=target, interview_opened_at__isnull=True
                                           ).update(interview_opened_at=now)
        if from_status == to_status == S.INTERVIEW and not opened:
            raise InvalidTransition(from_status, to_status, _(
                "The interview stage for this placement is already open."))
    if to_status == S.OFFERED:
        _offer_seat_check(placement=target, now=now)
        locked.offer_deadline = deadline or now + datetime.timedelta(
            days=locked.programme_year.offer_deadline_days)
        locked.placement = target
        locked.waiting_since = None
    elif to_status == S.WAITING_LIST:
        locked.placement = target
        locked.waiting_since = now
    elif to_status == S.INTERVIEW:
        locked.placement = target
        locked.interview_opened_at = locked.interview_opened_at or now
    elif to_status == S.SUBMITTED:
        locked.submitted_at = now
    elif to_status == S.ACCEPTED:
        if offer_deadline_passed(deadline=locked.offer_deadline, now=now):
            raise OfferDeadlinePassed
        _seat_take(placement_id=locked.placement_id)

    freed = (locked.placement if move_frees_placement(from_status=from_status,
                                                       to_status=to_status) else None)
    if from_status == S.ACCEPTED:
        _seat_free(placement_id=locked.placement_id)
    if from_status == S.OFFERED and to_status != S.ACCEPTED:
        locked.offer_deadline = None

    locked.status = to_status
    locked.save()
    event = ApplicationEvent.objects.create(
        application=locked, actor=actor, from_status=from_status, to_status=to_status,
        placement=locked.placement, reason=reason, created_at=now)
    audit_log(action=APPLICATION_STATUS, user=actor, instance=locked, data={
        "from": from_status, "to": to_status, "placement": locked.placement_id})
    application.refresh_from_db()
    if to_status in EmailEvent.values:
        enqueue_on_commit(EMAIL_TASK, event.pk, group=JOB_GROUP)
    return event, freed


def _offer_seat_check(*, placement: Placement, now: datetime.datetime) -> None:
    """An offer needs a free seat; the row lock makes concurrent offers wait in turn."""
    locked = Placement.objects.select_for_update().get(pk=placement.pk)
    if placement_seats_free(placement=locked, now=now) < 1:
        raise NoSeatLeft(_("This placement has no free seat: every seat is taken or "
                           "held by an open offer. Put the applicant on the waiting "
                           "list instead."))


def _seat_take(*, placement_id: int) -> None:
    """Take one seat; the row lock makes concurrent acceptances wait for each other."""
    placement = Placement.objects.select_for_update().get(pk=placement_id)
    if not acceptance_has_seat(seats=placement.seats, accepted=placement.seats_taken):
        raise NoSeatLeft
    Placement.objects.filter(pk=placement_id).update(seats_taken=F("seats_taken") + 1)


def _seat_free(*, placement_id: int) -> None:
    Placement.objects.select_for_update().filter(pk=placement_id, seats_taken__gt=0).update(
        seats_taken=F("seats_taken") - 1)


@transaction.atomic
def waiting_list_advance(*, placement: Placement) -> list[Application]:
    """Offer free seats (not taken, not under open offer) to the next on the waiting list.

    Order: the host's ranking first (unranked last), then time on the list.
    """
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    free = placement_seats_free(placement=placement)
    offered = []
    while free > 0:
        waiting = (ApplicationPreference.objects
                   .filter(placement=placement, application__placement=placement,
                           application__status=S.WAITING_LIST)
                   .select_related("application")
                   .order_by(F("host_rank").asc(nulls_last=True), "application__waiting_since",
                             "application_id")
                   .first())
        if waiting is None:
            break
        _application_move(application=waiting.application, to_status=S.OFFERED, actor=None,
                          placement=placement, deadline=None,
                          reason=_("A seat became free; next on the waiting list."))
        offered.append(waiting.application)
        free -= 1
    return offered


def offer_accept(*, application: Application, actor: User) -> Application:
    """The applicant accepts the offer and takes a seat.

    An offer past its deadline is expired on the spot (freeing the seat for the waiting
    list) and OfferDeadlinePassed is raised. Raises NoSeatLeft when the last seat has gone.
    """
    if actor.pk != application.applicant_id:
        raise NotAllowed
    application.refresh_from_db()
    if application.status == S.OFFERED and offer_deadline_passed(
            deadline=application.offer_deadline, now=timezone.now()):
        offer_expire(application=application)
        raise OfferDeadlinePassed
    application_transition(application=application, to_status=S.ACCEPTED, actor=actor)
    return application


def offer_expire(*, application: Application) -> bool:
    """Expire one overdue offer; False (and nothing done) when it is no longer overdue."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().filter(pk=application.pk).first()
        if locked is None or locked.status != S.OFFERED or not offer_deadline_passed(
                deadline=locked.offer_deadline, now=timezone.now()):
            return False
        application_transition(application=locked, to_status=S.EXPIRED, actor=None,
                               reason=_("The deadline to accept the offer passed."))
    application.refresh_from_db()
    return True


def offers_expire_overdue(*, now: datetime.datetime | None = None) -> int:
    """Expire every offer whose deadline has passed; a second run finds nothing to do."""
    now = now or timezone.now()
    ids = list(Application.objects.filter(status=S.OFFERED, offer_deadline__lt=now)
               .values_list("pk", flat=True))
    expired = 0
    for application in Application.objects.filter(pk__in=ids):
        expired += offer_expire(application=application)
    return expired
