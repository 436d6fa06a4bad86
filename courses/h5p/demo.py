"""A small H5P item for the demo, packed at seed time from courses/h5p/demo_package/.

The library H5P.TestQuestion is the project's own (real content-type libraries are not on
npm); the tests pack their valid and broken packages from the same files.
"""

import io
import zipfile
from pathlib import Path

from courses.h5p.models import H5PContent
from courses.h5p.services import h5p_content_import

PACKAGE_DIR = Path(__file__).resolve().parent / "demo_package"


def demo_package_files() -> dict[str, bytes]:
    """The package's files by their name inside the archive."""
    return {path.relative_to(PACKAGE_DIR).as_posix(): path.read_bytes()
            for path in sorted(PACKAGE_DIR.rglob("*")) if path.is_file()}


def pack(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def seed_h5p_demo() -> H5PContent:
    """Import the demo package; a second run returns the same item (same bytes, same hash)."""
    # Fixed timestamps make the archive's bytes, and so its SHA-256, the same on every run.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in demo_package_files().items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data,
                             compress_type=zipfile.ZIP_DEFLATED)
    buffer.seek(0)
    return h5p_content_import(source=buffer).content
