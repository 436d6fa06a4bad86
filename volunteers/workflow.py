"""Pure rules of the application workflow: what counts as a free seat, when an offer is open.

No queries and no writes here: selectors count, services lock and write, and both ask
these rules, so each rule has exactly one home.
"""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


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
