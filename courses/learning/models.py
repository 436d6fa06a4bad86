"""What learners do is rows (transactional): Enrolment, EnrolmentEvent, LessonProgress."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.catalogue.models import CoursePage, LessonPage
from courses.rules import EnrolmentStatus


class EnrolmentSource(models.TextChoices):
    SELF = "self", _("Self-enrolment")
    ASSIGNED = "assigned", _("Assigned")


class Enrolment(models.Model):
    """A learner's enrolment in a course; survives the course page's deletion."""

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("learner"),
                                on_delete=models.CASCADE, related_name="enrolments")
    course = models.ForeignKey(CoursePage, verbose_name=_("course"), null=True,
                               on_delete=models.SET_NULL, related_name="enrolments")
    course_title = models.CharField(_("course title"), max_length=255,
                                    help_text=_("Kept in case the course page is deleted."))
    status = models.CharField(_("status"), max_length=20, choices=EnrolmentStatus.choices,
                              default=EnrolmentStatus.ACTIVE)
    source = models.CharField(_("source"), max_length=20, choices=EnrolmentSource.choices,
                              default=EnrolmentSource.SELF)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_version = models.CharField(_("content version completed"), max_length=30,
                                         blank=True)
    last_lesson = models.ForeignKey(LessonPage, verbose_name=_("last lesson opened"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-enrolled_at"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "course"], name="enrolment_unique",
                                    condition=models.Q(course__isnull=False)),
            models.CheckConstraint(
                condition=~models.Q(status="completed") | models.Q(completed_at__isnull=False),
                name="enrolment_completed_has_date"),
        ]
        indexes = [models.Index(fields=["course", "status"])]

    def __str__(self) -> str:
        return f"{self.learner} – {self.course_title}"


class EnrolmentEvent(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("enrolment event")
        verbose_name_plural = _("enrolment events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '–'} → {self.to_status}"


class LessonProgress(models.Model):
    """What a learner achieved in one lesson: viewed, answered and passed are kept apart."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="progress")
    lesson = models.ForeignKey(LessonPage, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    viewed_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    passed_at = models.DateTimeField(null=True, blank=True)
    best_score = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="progress_unique",
                                    condition=models.Q(lesson__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}/{self.lesson_id}"
