import io

import pytest

from courses.h5p.services import h5p_content_import
from tests.courses.h5p.builder import valid_package
from tests.factories import make_course

LIMITS = {"H5P_MAX_FILES": 20, "H5P_MAX_FILE_BYTES": 64_000, "H5P_MAX_TOTAL_BYTES": 150_000,
          "H5P_MAX_RATIO": 100}


@pytest.fixture(autouse=True)
def english_messages():
    """Unit tests read the validator's English texts; views are checked in German."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def h5p_settings(settings, tmp_path):
    """Small limits, and a media folder of this test's own."""
    for name, value in LIMITS.items():
        setattr(settings, name, value)
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


@pytest.fixture
def h5p_content(db):
    return h5p_content_import(source=io.BytesIO(valid_package())).content


@pytest.fixture
def h5p_course(demo, h5p_content):
    return make_course(content=h5p_content)


