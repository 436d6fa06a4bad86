"""Quiz rows: every submitted attempt, scored on the server."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuizAttempt(models.Model):
    """One submitted attempt, scored on the server, stored with its answers."""

    enrolment = models.ForeignKey("courses.Enrolment", on_delete=models.CASCADE,
                                  related_name="quiz_attempts")
    lesson = models.ForeignKey("courses.LessonPage", null=True, on_delete=models.SET_NULL,
                               related_name="+")
    quiz_block_id = models.CharField(max_length=64)
    number = models.PositiveSmallIntegerField()
    submission_token = models.UUIDField(unique=True)
    answers = models.JSONField(default=dict)
    points = models.PositiveSmallIntegerField()
    max_points = models.PositiveSmallIntegerField()
    score_percent = models.PositiveSmallIntegerField()
    pass_mark = models.PositiveSmallIntegerField()
    passed = models.BooleanField()
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson", "number"],
                                    name="attempt_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}/{self.lesson_id} #{self.number}"
