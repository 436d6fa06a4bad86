"""Attendance per session day and person, with the history of every change."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.seminars.attendance.rules import AttendanceStatus
from courses.seminars.models import SessionDay


class Attendance(models.Model):
    """Whether a person was present on one day of a session (the latest record)."""

    day = models.ForeignKey(SessionDay, verbose_name=_("session day"),
                            on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"),
                               on_delete=models.CASCADE, related_name="session_attendance")
    status = models.CharField(_("attendance"), max_length=10,
                              choices=AttendanceStatus.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["day", "person"]
        constraints = [models.UniqueConstraint(fields=["day", "person"],
                                               name="attendance_once_per_day")]
        permissions = [("record_attendance", _("Can record attendance at every session"))]

    def __str__(self) -> str:
        return f"{self.person} – {self.day} ({self.get_status_display()})"


class AttendanceChange(models.Model):
    """Who recorded or changed an attendance record, when, from what to what."""

    attendance = models.ForeignKey(Attendance, verbose_name=_("attendance"),
                                   on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(_("before"), max_length=10, blank=True,
                                   choices=AttendanceStatus.choices)
    to_status = models.CharField(_("after"), max_length=10, choices=AttendanceStatus.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("changed by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("attendance change")
        verbose_name_plural = _("attendance changes")
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.attendance_id}: {self.from_status or '–'} → {self.to_status}"
