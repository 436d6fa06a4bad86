"""Reads of H5P rows for the player."""

from __future__ import annotations

from courses.h5p.models import H5PUserData


def h5p_user_data_for(*, learner_id: int, lesson_id: int, content) -> dict[str, dict[str, str]]:
    """The learner's saved state for one item in one lesson, in H5P core's own shape:
    {subContentId: {dataType: JSON text}} (`H5PIntegration.contents[…].contentUserData`)."""
    saved: dict[str, dict[str, str]] = {}
    for row in H5PUserData.objects.filter(learner_id=learner_id, lesson_id=lesson_id,
                                          content=content):
        saved.setdefault(row.sub_content_id, {})[row.data_type] = row.data
    return saved
