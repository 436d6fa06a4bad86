"""Assignments and compliance: the coordinator's rules, their materialised result per person,
and the history of completions.

- `Assignment`: a coordinator assigns a course to a person, an org unit (optionally with
  its sub-units) or a role (an auth group), with a due date rule. It carries the progress
  of its fan-out job.
- `PersonAssignment`: one row per person and course that is (or was) assigned; the
  earliest due date of all assignments that reach the person, and denormalised facts of
  the completion that counts and of the person's home unit, so that compliance is one SQL
  expression (courses.assignments.selectors.compliance_state_expression) and compliance
  per unit one GROUP BY over this table alone.
- `AssignmentReach`: which assignment reaches which person row (ending one assignment keeps
  the row while another still reaches the person).
- `Completion`: every completion of a course, kept for evidence and recertification.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit
from courses.catalogue.models import CoursePage
from courses.learning.models import Enrolment
from courses.rules import DueMode


class AssignmentTarget(models.TextChoices):
    PERSON = "person", _("A person")
    UNIT = "unit", _("An organisation unit")
    ROLE = "role", _("A role")


class JobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Assignment(models.Model):
    """A coordinator's rule: this course for these people, due by then."""

    course = models.ForeignKey(CoursePage, verbose_name=_("course"), null=True,
                               on_delete=models.SET_NULL, related_name="assignments")
    course_title = models.CharField(_("course title"), max_length=255,
                                    help_text=_("Kept in case the course page is deleted."))
    target_kind = models.CharField(_("assigned to"), max_length=10,
                                   choices=AssignmentTarget.choices)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), null=True,
                               blank=True, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(OrgUnit, verbose_name=_("organisation unit"), null=True,
                             blank=True, on_delete=models.PROTECT, related_name="assignments")
    include_subunits = models.BooleanField(_("including the units below it"), default=True)
    group = models.ForeignKey(Group, verbose_name=_("role"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="+")
    mandatory = models.BooleanField(_("mandatory"), default=True)
    due_mode = models.CharField(_("due date"), max_length=20, choices=DueMode.choices,
                                default=DueMode.FIXED)
    due_date = models.DateField(_("due on"), null=True, blank=True)
    due_days = models.PositiveIntegerField(_("due after days"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    ended_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    # the fan-out job's progress
    job_state = models.CharField(_("job state"), max_length=10, choices=JobState.choices,
                                 default=JobState.QUEUED)
    job_total = models.PositiveIntegerField(_("people to process"), default=0)
    job_done = models.PositiveIntegerField(_("people processed"), default=0)
    job_error = models.TextField(_("job error"), blank=True)
    job_finished_at = models.DateTimeField(_("job finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(name="assignment_target_consistent", condition=(
                models.Q(target_kind="person", person__isnull=False, unit__isnull=True,
                         group__isnull=True)
                | models.Q(target_kind="unit", person__isnull=True, unit__isnull=False,
                           group__isnull=True)
                | models.Q(target_kind="role", person__isnull=True, unit__isnull=True,
                           group__isnull=False))),
            # assigning twice (same course, same target) changes nothing
            models.UniqueConstraint(
                fields=["course", "person"], name="assignment_person_once",
                condition=models.Q(ended_at__isnull=True, target_kind="person")),
            models.UniqueConstraint(
                fields=["course", "unit", "include_subunits"], name="assignment_unit_once",
                condition=models.Q(ended_at__isnull=True, target_kind="unit")),
            models.UniqueConstraint(
                fields=["course", "group"], name="assignment_role_once",
                condition=models.Q(ended_at__isnull=True, target_kind="role")),
        ]

    def __str__(self) -> str:
        return f"{self.course_title} → {self.target_label()}"

    def target_label(self) -> str:
        if self.target_kind == AssignmentTarget.PERSON and self.person_id:
            return str(self.person)
        if self.target_kind == AssignmentTarget.UNIT and self.unit_id:
            return (_("%(unit)s and the units below it") % {"unit": self.unit}
                    if self.include_subunits else str(self.unit))
        if self.target_kind == AssignmentTarget.ROLE and self.group_id:
            return str(self.group)
        return "–"

    @property
    def job_percent(self) -> int:
        if self.job_state == JobState.DONE:
            return 100
        return round(100 * self.job_done / self.job_total) if self.job_total else 0


class PersonAssignment(models.Model):
    """One person and one assigned course: what counts for compliance.

    `ended_at` is set when nothing reaches the person any more (they left the unit, the
    assignment was withdrawn); the row stays as history and no longer counts.
    The completion facts are copied from the latest `Completion` (see services).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"),
                             on_delete=models.CASCADE, related_name="person_assignments")
    course = models.ForeignKey(CoursePage, verbose_name=_("course"), null=True,
                               on_delete=models.SET_NULL, related_name="person_assignments")
    course_title = models.CharField(_("course title"), max_length=255)
    assignments = models.ManyToManyField(Assignment, through="AssignmentReach",
                                         related_name="person_assignments")
    enrolment = models.ForeignKey(Enrolment, verbose_name=_("enrolment"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="+")
    mandatory = models.BooleanField(_("mandatory"), default=False)
    due_date = models.DateField(_("due on"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    ended_at = models.DateTimeField(_("no longer assigned since"), null=True, blank=True)
    # denormalised facts for fast aggregation
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_version = models.CharField(_("content version completed"), max_length=30,
                                         blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    required_since = models.DateTimeField(
        _("completion required since"), null=True, blank=True,
        help_text=_("Set when a new content version is required: only a completion from "
                    "this moment on counts."))
    # the expiry date of the completion this row was last reassigned for (recertification)
    recertified_for = models.DateField(_("reassigned for the expiry on"), null=True,
                                       blank=True)
    # the person's home unit, copied from the user so that the compliance report groups
    # this table alone: set on creation (save() below, services.people for bulk creation),
    # kept in line by services.person_assignments_sync whenever the person is saved
    home_unit = models.ForeignKey(OrgUnit, verbose_name=_("home unit of the person"),
                                  null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", db_index=False)

    class Meta:
        verbose_name = _("assigned course of a person")
        verbose_name_plural = _("assigned courses of people")
        ordering = ["due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="person_assignment_current_once",
                condition=models.Q(ended_at__isnull=True, course__isnull=False)),
        ]
        indexes = [
            models.Index(fields=["course", "ended_at"]),
            models.Index(fields=["ended_at", "due_date"]),
            # compliance per unit (courses.reports.selectors.compliance_by_unit) reads every
            # current row: this index holds each column it needs, in unit order, so that
            # PostgreSQL counts from the index alone (63 MB instead of the 215 MB table for
            # 1,000,000 rows) without sorting
            models.Index(fields=["home_unit", "course", "mandatory", "due_date", "started_at",
                                 "completed_at", "required_since", "valid_until"],
                         name="person_assignment_compliance",
                         condition=models.Q(ended_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.course_title}"

    def save(self, *args, **kwargs):
        """A new row takes the person's home unit (bulk creation sets it itself)."""
        if self._state.adding and self.home_unit_id is None and self.user_id is not None:
            self.home_unit_id = self.user.home_unit_id
        super().save(*args, **kwargs)


class AssignmentReach(models.Model):
    """An assignment reaches a person row, with the due date this assignment gives them."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reaches")
    person_assignment = models.ForeignKey(PersonAssignment, on_delete=models.CASCADE,
                                          related_name="reaches")
    due_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assignment reach")
        verbose_name_plural = _("assignment reaches")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "person_assignment"],
                                    name="assignment_reach_once"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id} → {self.person_assignment_id}"


class Completion(models.Model):
    """One completion of a course by a learner (history: re-completions add rows)."""

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("learner"),
                                on_delete=models.CASCADE, related_name="completions")
    course = models.ForeignKey(CoursePage, verbose_name=_("course"), null=True,
                               on_delete=models.SET_NULL, related_name="completions")
    course_title = models.CharField(_("course title"), max_length=255)
    content_version = models.CharField(_("content version"), max_length=30, blank=True)
    completed_at = models.DateTimeField(_("completed at"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True,
                                   help_text=_("Empty: never expires."))
    enrolment = models.ForeignKey(Enrolment, verbose_name=_("enrolment"), null=True,
                                  blank=True, on_delete=models.SET_NULL,
                                  related_name="completions")

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        ordering = ["-completed_at", "-pk"]
        constraints = [
            # one completion per enrolment cycle: recording the same completion twice is a no-op
            models.UniqueConstraint(fields=["enrolment", "completed_at"],
                                    name="completion_once_per_cycle"),
        ]
        indexes = [models.Index(fields=["learner", "course", "completed_at"])]

    def __str__(self) -> str:
        return f"{self.learner} – {self.course_title} ({self.completed_at:%Y-%m-%d})"
