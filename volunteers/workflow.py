"""Pure rules of the application workflow: the transition table with who may make each
move, what counts as a free seat, when an offer is open.

No queries and no writes here: selectors count, services lock and write, and both ask
these rules, so each rule has exactly one home.
"""

import datetime
from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.state import StateMachine


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    INTERVIEW = "interview", _("Interview")
    WAITING_LIST = "waiting_list", _("Waiting list")
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Offer expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REJECTED = "rejected", _("Rejected")


S = ApplicationStatus

# Who makes a move. Host contacts record verdicts on their placements (services), but move
# no application: no row of the table names HOST today.
APPLICANT, COORDINATOR, HOST, SYSTEM = "applicant", "coordinator", "host", "system"

# from status -> {to status: who may make the move}
APPLICATION_WORKFLOW = StateMachine({
    S.DRAFT: {S.SUBMITTED: {APPLICANT},
              S.WITHDRAWN: {APPLICANT}},
    S.SUBMITTED: {S.IN_REVIEW: {COORDINATOR},
                  S.REJECTED: {COORDINATOR},
                  S.WITHDRAWN: {APPLICANT}},
    S.IN_REVIEW: {S.INTERVIEW: {COORDINATOR},
                  S.OFFERED: {COORDINATOR},
                  S.WAITING_LIST: {COORDINATOR},
                  S.REJECTED: {COORDINATOR},
                  S.WITHDRAWN: {APPLICANT}},
    # interview -> interview opens the interview stage for a further placement
    S.INTERVIEW: {S.INTERVIEW: {COORDINATOR},
                  S.OFFERED: {COORDINATOR},
                  S.WAITING_LIST: {COORDINATOR},
                  S.REJECTED: {COORDINATOR},
                  S.WITHDRAWN: {APPLICANT}},
    S.WAITING_LIST: {S.OFFERED: {COORDINATOR, SYSTEM},
                     S.REJECTED: {COORDINATOR},
                     S.WITHDRAWN: {APPLICANT}},
    S.OFFERED: {S.ACCEPTED: {APPLICANT},
                S.DECLINED: {APPLICANT},
                S.EXPIRED: {SYSTEM},
                S.WITHDRAWN: {APPLICANT}},
    S.ACCEPTED: {S.WITHDRAWN: {APPLICANT}},
    S.DECLINED: {},
    S.EXPIRED: {},
    S.WITHDRAWN: {},
    S.REJECTED: {},
})


def actor_kinds(*, is_system: bool, is_applicant: bool, is_coordinator: bool) -> set[str]:
    """The kinds of actor a person (or the system) counts as for one application."""
    if is_system:
        return {SYSTEM}
    return ({APPLICANT} if is_applicant else set()) | ({COORDINATOR} if is_coordinator
                                                       else set())


def move_allowed(*, from_status: str, to_status: str, kinds: Iterable[str]) -> bool:
    """Whether any of these kinds of actor may move an application between the statuses."""
    return any(APPLICATION_WORKFLOW.allowed(from_status, to_status, actor_kind=kind)
               for kind in kinds)


def coordinator_targets(from_status: str) -> list[str]:
    """The statuses the coordination may move an application to, in table order."""
    return APPLICATION_WORKFLOW.targets(from_status, actor_kind=COORDINATOR)


# --- offers and seats ---------------------------------------------------------------------


def offer_deadline_passed(*, deadline: datetime.datetime | None,
                          now: datetime.datetime) -> bool:
    """An offer can be accepted up to and including its deadline; a moment later it has
    passed. An offer without a deadline never passes."""
    return deadline is not None and now > deadline


def offer_is_open(*, status: str, deadline: datetime.datetime | None,
                  now: datetime.datetime) -> bool:
    """An offer holds a seat while it is made and its deadline has not passed."""
    return status == S.OFFERED and not offer_deadline_passed(deadline=deadline, now=now)


def placement_free_seats(*, seats: int, accepted: int, open_offers: int) -> int:
    """Seats neither taken by an accepted offer nor held by an open one.

    Every new offer (by a coordinator or from the waiting list) needs one; so accepted
    plus open offers never exceed the seats.
    """
    return max(seats - accepted - open_offers, 0)


def acceptance_has_seat(*, seats: int, accepted: int) -> bool:
    """Whether an open offer can still become an accepted seat.

    The offer being accepted holds one of the free seats itself, so other open offers do
    not count against it; only seats already taken by acceptances do (offers made before
    this rule, or a seat count lowered in the admin, may otherwise outnumber the seats).
    """
    return placement_free_seats(seats=seats, accepted=accepted, open_offers=0) > 0


def move_frees_placement(*, from_status: str, to_status: str) -> bool:
    """Whether a move gives its seat (accepted) or its held seat (open offer) back, so the
    placement's waiting list may move up."""
    return from_status == S.ACCEPTED or (from_status == S.OFFERED and to_status != S.ACCEPTED)
