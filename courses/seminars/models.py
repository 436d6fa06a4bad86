"""Seminar sessions ("Termine") of a course, their days and the bookings.

A Session has one SessionDay per calendar day, so that attendance can be recorded per day
(the volunteer programme counts seminar days). Booking holds one person's place: booked,
on the waiting list (ordered by `waiting_since`), offered a freed seat until a deadline,
waiting for approval, cancelled or refused. SessionMail is the outbox of the seminar mails
(with their .ics attachment): one row per mail key, sent once after commit.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from courses.approvals.models import ApprovalRequest
from courses.catalogue.models import CoursePage
from courses.seminars.rules import (
    OPEN_STATES,
    BookingState,
    FreedSeat,
    SessionState,
    SessionTimes,
)


class Session(models.Model):
    course = models.ForeignKey(CoursePage, verbose_name=_("course"), on_delete=models.CASCADE,
                               related_name="sessions")
    title = models.CharField(_("title"), max_length=200, blank=True,
                             help_text=_("Optional, e.g. \"Workshop day\". Empty: the "
                                         "course's title."))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(
        _("ends at"), help_text=_("A session may span several days: every day runs from the "
                                  "start time to the end time."))
    address = models.TextField(_("address"), blank=True)
    room = models.CharField(_("room"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True,
                                 help_text=_("Shown only to people who booked."))
    trainer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("trainer"),
                                null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="trained_sessions")
    trainer_name = models.CharField(_("trainer's name"), max_length=200, blank=True,
                                    help_text=_("When the trainer has no account."))
    seats = models.PositiveIntegerField(_("seats"), default=12,
                                        help_text=_("0: nobody can book."))
    booking_deadline = models.DateTimeField(_("booking deadline"), null=True, blank=True,
                                            help_text=_("Empty: until the session starts."))
    cancellation_deadline = models.DateTimeField(
        _("cancellation deadline"), null=True, blank=True,
        help_text=_("Empty: until the session starts."))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES,
                                default="de")
    notes = models.TextField(_("notes"), blank=True)
    freed_seat = models.CharField(_("a freed seat"), max_length=10, choices=FreedSeat.choices,
                                  default=FreedSeat.BOOK)
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to take an offered seat"), default=48,
        help_text=_("Only when freed seats are offered."))
    state = models.CharField(_("state"), max_length=20, choices=SessionState.choices,
                             default=SessionState.SCHEDULED)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # Raised whenever the time or place changes (the .ics SEQUENCE).
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                   name="session_ends_after_start"),
            models.CheckConstraint(condition=~Q(state="cancelled") | ~Q(cancel_reason=""),
                                   name="session_cancelled_has_reason"),
        ]
        indexes = [models.Index(fields=["course", "starts_at"])]

    def __str__(self) -> str:
        name = self.title or (self.course.title if self.course_id else "")
        return f"{name} ({self.starts_at:%Y-%m-%d %H:%M})"

    @property
    def display_title(self) -> str:
        return self.title or self.course.title

    @property
    def is_online(self) -> bool:
        return bool(self.online_url) and not self.address

    @property
    def is_cancelled(self) -> bool:
        return self.state == SessionState.CANCELLED

    @property
    def trainer_display(self) -> str:
        if self.trainer_id:
            return self.trainer.get_display_name()
        return self.trainer_name

    @property
    def times(self) -> SessionTimes:
        return SessionTimes(self.starts_at, self.ends_at, self.booking_deadline,
                            self.cancellation_deadline)


class SessionDay(models.Model):
    """One calendar day of a session (local times, Europe/Berlin): attendance is per day."""

    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.CASCADE,
                                related_name="days")
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))

    class Meta:
        verbose_name = _("session day")
        verbose_name_plural = _("session days")
        ordering = ["session", "date"]
        constraints = [models.UniqueConstraint(fields=["session", "date"],
                                               name="session_day_once")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class Booking(models.Model):
    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.CASCADE,
                                related_name="bookings")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"),
                               on_delete=models.CASCADE, related_name="session_bookings")
    state = models.CharField(_("state"), max_length=20, choices=BookingState.choices)
    # The waiting list is ordered by the moment someone joined it.
    waiting_since = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer valid until"), null=True, blank=True)
    approval = models.ForeignKey(ApprovalRequest, verbose_name=_("approval request"),
                                 null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    # Set when the session moved after booking: cancelling is free until it starts.
    free_cancellation = models.BooleanField(_("may cancel free of charge"), default=False)
    cancel_reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["session", "created_at", "pk"]
        constraints = [
            # One open booking per person and session: a double submit finds the first.
            models.UniqueConstraint(fields=["session", "person"], name="booking_one_open",
                                    condition=Q(state__in=[str(s) for s in OPEN_STATES])),
        ]
        indexes = [models.Index(fields=["session", "state", "waiting_since"]),
                   models.Index(fields=["person", "state"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.session} ({self.get_state_display()})"


class SessionMail(models.Model):
    """A seminar mail recorded once under its key and sent after commit."""

    key = models.CharField(_("key"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=30)
    booking = models.ForeignKey(Booking, verbose_name=_("booking"), on_delete=models.CASCADE,
                                related_name="mails")
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("session mail")
        verbose_name_plural = _("session mails")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.key
