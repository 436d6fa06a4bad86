"""Seminar days of the Freiwilliges Digitales Jahr: the seminar plan per programme year,
seminar groups with their volunteers (services), and attendance per seminar day.

A seminar runs on every calendar day from its first to its last day (weekends included:
those earn replacement days off, see rules.replacement_days_off). Attendance is recorded
per seminar day and service through volunteers.seminar_days.services.attendance_record.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from volunteers.placements.models import ProgrammeYear
from volunteers.seminar_days.rules import (
    AttendanceStatus,
    Rounding,
    SeminarKind,
    seminar_length_ok,
)


def default_rounding() -> str:
    return getattr(settings, "VOLUNTEER_SEMINAR_ROUNDING", Rounding.UP)


def default_extra_days() -> int:
    return getattr(settings, "VOLUNTEER_SEMINAR_EXTRA_DAYS", 5)


class SeminarTerms(models.Model):
    """The seminar rules of one programme year (without a row: the settings' defaults)."""

    programme_year = models.OneToOneField(ProgrammeYear, verbose_name=_("programme year"),
                                          on_delete=models.CASCADE,
                                          related_name="seminar_terms")
    extra_digital_days = models.PositiveSmallIntegerField(
        _("extra digital seminar days"), default=default_extra_days,
        validators=[MaxValueValidator(30)],
        help_text=_("Mandatory seminar days of the digital focus on top of the statutory "
                    "minimum."))
    rounding = models.CharField(
        _("services shorter than 12 months"), max_length=10, choices=Rounding.choices,
        default=default_rounding,
        help_text=_("The law sets no pro-rata rule for services shorter than 12 months."))

    class Meta:
        verbose_name = _("seminar rules")
        verbose_name_plural = _("seminar rules")

    def __str__(self) -> str:
        return str(self.programme_year)


class SeminarGroup(models.Model):
    """A seminar group of one programme year and the volunteers (services) in it."""

    programme_year = models.ForeignKey(ProgrammeYear, verbose_name=_("programme year"),
                                       on_delete=models.CASCADE,
                                       related_name="seminar_groups")
    name = models.CharField(_("name"), max_length=100)
    services = models.ManyToManyField("volunteers.Service", verbose_name=_("volunteers"),
                                      blank=True, related_name="seminar_groups")

    class Meta:
        verbose_name = _("seminar group")
        verbose_name_plural = _("seminar groups")
        ordering = ["programme_year", "name"]
        constraints = [models.UniqueConstraint(fields=["programme_year", "name"],
                                               name="seminargroup_unique_name_per_year")]

    def __str__(self) -> str:
        return f"{self.name} ({self.programme_year})"


class Seminar(models.Model):
    """One seminar of the plan: introductory, interim or final (at least 5 days each) or a
    single seminar day, for one group, with the pädagogische Begleitung responsible."""

    programme_year = models.ForeignKey(ProgrammeYear, verbose_name=_("programme year"),
                                       on_delete=models.CASCADE, related_name="seminars")
    kind = models.CharField(_("kind"), max_length=20, choices=SeminarKind.choices)
    title = models.CharField(_("title"), max_length=200)
    group = models.ForeignKey(SeminarGroup, verbose_name=_("group"),
                              on_delete=models.PROTECT, related_name="seminars")
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    place = models.CharField(_("place"), max_length=200)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pädagogische Begleitung"), null=True,
        blank=True, on_delete=models.SET_NULL, related_name="volunteer_seminars",
        limit_choices_to={"groups__name__in": [Role.COORDINATOR.value, Role.TRAINER.value]},
        help_text=_("Runs the seminar and records its attendance."))

    class Meta:
        verbose_name = _("seminar")
        verbose_name_plural = _("seminars")
        ordering = ["first_day", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(last_day__gte=models.F("first_day")),
                                   name="seminar_day_order"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({date_format(self.first_day, 'SHORT_DATE_FORMAT')})"

    @property
    def length(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def clean(self):
        if self.first_day and self.last_day:
            if self.last_day < self.first_day:
                raise ValidationError({"last_day": _(
                    "The last day cannot be before the first day.")})
            if not seminar_length_ok(kind=self.kind, days=self.length):
                if self.kind == SeminarKind.SINGLE_DAY:
                    message = _("A single seminar day has the same first and last day.")
                else:
                    message = _("Introductory, interim and final seminars last at least 5 "
                                "days.")
                raise ValidationError({"last_day": message})
        if self.group_id and self.programme_year_id and (
                self.group.programme_year_id != self.programme_year_id):
            raise ValidationError({"group": _("Choose a group of the same programme year.")})


class SeminarAttendance(models.Model):
    """Whether a volunteer was present, excused or absent on one day of a seminar."""

    seminar = models.ForeignKey(Seminar, verbose_name=_("seminar"), on_delete=models.CASCADE,
                                related_name="attendance")
    day = models.DateField(_("day"))
    service = models.ForeignKey("volunteers.Service", verbose_name=_("volunteer"),
                                on_delete=models.CASCADE, related_name="seminar_attendance")
    status = models.CharField(_("attendance"), max_length=10,
                              choices=AttendanceStatus.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("seminar attendance")
        verbose_name_plural = _("seminar attendance")
        ordering = ["seminar", "day", "service"]
        constraints = [models.UniqueConstraint(fields=["seminar", "day", "service"],
                                               name="seminarattendance_once_per_day")]
        indexes = [models.Index(fields=["service", "status"])]
        permissions = [("record_seminarattendance",
                        _("Can record the attendance of every seminar"))]

    def __str__(self) -> str:
        return f"{self.service_id} {self.day} {self.get_status_display()}"


class SeminarAttendanceChange(models.Model):
    """One change of an attendance record: who set which status when (the record itself
    keeps only the last). Goes with the record (and with the service, after retention)."""

    attendance = models.ForeignKey(SeminarAttendance, verbose_name=_("attendance"),
                                   on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(_("before"), max_length=10, blank=True,
                                   choices=AttendanceStatus.choices)
    to_status = models.CharField(_("after"), max_length=10, choices=AttendanceStatus.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("changed by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("attendance change")
        verbose_name_plural = _("attendance changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.attendance_id}: {self.from_status or '–'} → {self.to_status}"
