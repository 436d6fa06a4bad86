"""H5P rows: installed library versions, imported content items and the learners' statements.

Files live below MEDIA_ROOT/h5p/ (see courses.h5p.storage); these rows say what is there.
Imported at the end of courses/models.py, so Django registers them in the courses app.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class H5PLibrary(models.Model):
    """One library version in the shared store; its files are written once, never changed."""

    machine_name = models.CharField(_("machine name"), max_length=255)
    major_version = models.PositiveIntegerField(_("major version"))
    minor_version = models.PositiveIntegerField(_("minor version"))
    patch_version = models.PositiveIntegerField(_("patch version"))
    title = models.CharField(_("title"), max_length=255)
    runnable = models.BooleanField(_("runnable"), default=False)
    files_sha256 = models.CharField(
        _("SHA-256 of the files"), max_length=64,
        help_text=_("Identifies this exact copy; a different copy of the same version is "
                    "refused."))
    library_json = models.JSONField(_("library.json"), default=dict)
    installed_at = models.DateTimeField(_("installed at"), auto_now_add=True)

    class Meta:
        app_label = "courses"
        verbose_name = _("H5P library")
        verbose_name_plural = _("H5P libraries")
        ordering = ["machine_name", "major_version", "minor_version"]
        constraints = [
            models.UniqueConstraint(fields=["machine_name", "major_version", "minor_version"],
                                    name="h5p_library_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.machine_name} {self.major_version}.{self.minor_version}" \
               f".{self.patch_version}"

    @property
    def folder(self) -> str:
        return f"{self.machine_name}-{self.major_version}.{self.minor_version}"


class H5PContent(models.Model):
    """One imported `.h5p` package: the original file with its hash, the extracted content."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True,
                                 editable=False)
    title = models.CharField(_("title"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the package"), max_length=64, unique=True,
                              editable=False)
    package = models.FileField(_("original package"), max_length=255, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    language = models.CharField(_("language"), max_length=10, blank=True, editable=False)
    main_library = models.ForeignKey(H5PLibrary, verbose_name=_("main library"),
                                     on_delete=models.PROTECT, related_name="+",
                                     editable=False)
    libraries = models.ManyToManyField(H5PLibrary, verbose_name=_("libraries used"),
                                       related_name="contents", editable=False)
    h5p_json = models.JSONField(_("h5p.json"), default=dict, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", editable=False)
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        app_label = "courses"
        verbose_name = _("H5P content")
        verbose_name_plural = _("H5P content")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class H5PStatement(models.Model):
    """One xAPI statement of a learner, stored once, without personal data but the learner."""

    enrolment = models.ForeignKey("courses.Enrolment", verbose_name=_("enrolment"),
                                  on_delete=models.CASCADE, related_name="h5p_statements")
    lesson = models.ForeignKey("courses.LessonPage", verbose_name=_("lesson"), null=True,
                               on_delete=models.SET_NULL, related_name="+")
    content = models.ForeignKey(H5PContent, verbose_name=_("H5P content"), null=True,
                                on_delete=models.SET_NULL, related_name="statements")
    statement_id = models.UUIDField(_("statement id"))
    verb = models.CharField(_("verb"), max_length=255)
    top_level = models.BooleanField(
        _("top level"), help_text=_("False for statements of a part of the content (with a "
                                    "parent in their context)."))
    score_raw = models.FloatField(_("raw score"), null=True, blank=True)
    score_max = models.FloatField(_("maximum score"), null=True, blank=True)
    score_scaled = models.FloatField(_("scaled score"), null=True, blank=True)
    score_percent = models.PositiveSmallIntegerField(_("score in percent"), null=True,
                                                     blank=True)
    success = models.BooleanField(_("success"), null=True, blank=True)
    completion = models.BooleanField(_("completion"), null=True, blank=True)
    duration = models.CharField(_("duration"), max_length=40, blank=True)
    passed = models.BooleanField(
        _("passed on the server"), default=False,
        help_text=_("Whether the server counted this statement as passing the content's pass "
                    "mark."))
    raw = models.JSONField(_("statement"), default=dict)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        app_label = "courses"
        verbose_name = _("H5P statement")
        verbose_name_plural = _("H5P statements")
        ordering = ["received_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "statement_id"],
                                    name="h5p_statement_once"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.verb.rsplit('/', 1)[-1]}"

    @property
    def verb_name(self) -> str:
        return self.verb.rstrip("/").rsplit("/", 1)[-1]


__all__ = ["H5PContent", "H5PLibrary", "H5PStatement"]


class H5PUserData(models.Model):
    """A learner's saved state inside one H5P item of one lesson (H5P's contentUserData),
    so that a half-done exercise resumes where it was left. One row per sub-content id and
    data type (H5P core saves the type "state"); the data is the JSON text H5P made."""

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("learner"),
                                on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey("courses.LessonPage", verbose_name=_("lesson"),
                               on_delete=models.CASCADE, related_name="+")
    content = models.ForeignKey(H5PContent, verbose_name=_("H5P content"),
                                on_delete=models.CASCADE, related_name="user_data")
    sub_content_id = models.CharField(_("sub-content id"), max_length=64, default="0")
    data_type = models.CharField(_("data type"), max_length=64, default="state")
    data = models.TextField(_("data"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        app_label = "courses"
        verbose_name = _("H5P saved state")
        verbose_name_plural = _("H5P saved states")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "lesson", "content", "sub_content_id", "data_type"],
                name="h5p_user_data_once"),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id}/{self.lesson_id}: {self.data_type}"
