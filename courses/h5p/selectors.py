"""Reads of H5P rows for the player and the xAPI endpoint."""

from __future__ import annotations

from courses.catalogue.models import LessonPage
from courses.h5p.models import H5PUserData


def h5p_user_data_for(*, learner_id: int, lesson_id: int, content) -> dict[str, dict[str, str]]:
    """The learner's saved state for one item in one lesson, in H5P core's own shape:
    {subContentId: {dataType: JSON text}} (`H5PIntegration.contents[…].contentUserData`)."""
    saved: dict[str, dict[str, str]] = {}
    for row in H5PUserData.objects.filter(learner_id=learner_id, lesson_id=lesson_id,
                                          content=content):
        saved.setdefault(row.sub_content_id, {})[row.data_type] = row.data
    return saved


# What the xAPI and saved-state endpoints read of a lesson: its place in the tree (for its
# course), its requirement and its body; not the other columns of Wagtail's wide page rows.
ENDPOINT_LESSON_FIELDS = ("id", "path", "depth", "title", "live", "requirement", "body")


def lesson_for_endpoint(*, lesson_id: int):
    """The live lesson with the columns the endpoints need, or None."""
    return next(iter(LessonPage.objects.live().only(*ENDPOINT_LESSON_FIELDS)
                     .filter(pk=lesson_id).order_by()[:1]), None)


def lesson_h5p_value(lesson):
    """The value of the lesson's (first) H5P block, or None: that block alone is turned into
    Python (its content item is one query), not every block of the lesson's body."""
    for raw in lesson.body.raw_data:
        if raw.get("type") == "h5p":
            return lesson.body.stream_block.child_blocks["h5p"].to_python(raw.get("value"))
    return None
