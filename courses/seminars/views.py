"""Thin views of seminar sessions: the course's dates page (/kurse/<course>/termine/),
answered for CoursePage's route (see courses.seminars.wagtail_hooks)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from core.errors import DomainError
from courses.seminars.forms import BookingActionForm
from courses.seminars.rules import BookingState
from courses.seminars.selectors import course_session_rows, waiting_position
from courses.seminars.services import (
    approvals_settle,
    booking_book,
    booking_cancel,
    booking_offer_accept,
)

BS = BookingState


def sessions_page(request, *, page):
    """GET: the course's upcoming sessions with seats left and the person's bookings.
    POST: book / cancel / take an offered seat, then back to the page with a message."""
    if request.method == "POST":
        return _sessions_post(request, page=page)
    if request.user.is_authenticated:
        approvals_settle(person=request.user)  # an approval decided since the last visit
    rows = course_session_rows(course=page, user=request.user)
    return page.render(request, template="courses/seminars/sessions_page.html",
                       context_overrides={"rows": rows, "course": page})


def _sessions_post(request, *, page):
    if not request.user.is_authenticated:
        return redirect_to_login(request.path)
    form = BookingActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This action is not possible. Please reload the page and "
                                  "try again."))
        return redirect(request.path)
    action = form.cleaned_data["action"]
    try:
        if action == BookingActionForm.BOOK:
            booking = booking_book(session_id=form.cleaned_data["session"], person=request.user,
                                   course_id=page.pk)
            _book_message(request, booking)
        elif action == BookingActionForm.CANCEL:
            booking_cancel(booking_id=form.cleaned_data["booking"],
                                     person=request.user)
            messages.success(request, _("Your booking is cancelled."))
        else:
            booking_offer_accept(booking_id=form.cleaned_data["booking"], person=request.user)
            messages.success(request, _("The seat is yours. A confirmation with a calendar "
                                        "file is on its way by mail."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(request.path)


def _book_message(request, booking) -> None:
    if booking.state == BS.BOOKED:
        messages.success(request, _("Your seat is booked. A confirmation with a calendar file "
                                    "is on its way by mail."))
    elif booking.state == BS.WAITING:
        messages.info(request, _("The session is full. You are on the waiting list at "
                                 "position %(position)s; we tell you by mail when a seat is "
                                 "free.") % {"position": waiting_position(booking)})
    elif booking.state == BS.OFFERED:
        messages.info(request, _("A seat is offered to you. Please take it before the "
                                 "deadline."))
    elif booking.state == BS.APPROVAL_PENDING:
        messages.info(request, _("This course needs approval. Your request has been sent; no "
                                 "seat is held until it is approved. Then you are booked if a "
                                 "seat is free, or put on the waiting list."))
