"""One validator for `.h5p` packages, shared by the admin upload and `manage.py h5p_import`.

It mirrors the checks of H5P's reference implementation (h5p-php-library, `H5PValidator`)
and adds what a platform playing other people's files needs: zip-bomb limits, path and
symlink checks and a look at the bytes of every file that has a recognisable signature.
It never stops at the first problem: `validate_package` returns every reason it finds, each
a whole translated sentence, so an editor can fix a package in one go.

Override points: the limits come from settings (`H5P_MAX_FILE_BYTES`, `H5P_MAX_TOTAL_BYTES`,
`H5P_MAX_FILES`, `H5P_MAX_RATIO`); `installed` tells the validator which library versions
the platform already has, so a package may rely on them instead of bundling them.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from typing import IO

from django.utils.translation import gettext as _

from courses.h5p.archive_checks import check_entries, read_member
from courses.h5p.manifest_checks import (
    check_content,
    check_dependencies,
    check_h5p_json,
    check_libraries,
)
from courses.h5p.package import (
    CONTENT_EXTENSIONS,
    DEFAULT_MAX_FILE_BYTES,
    DEFAULT_MAX_FILES,
    DEFAULT_MAX_RATIO,
    DEFAULT_MAX_TOTAL_BYTES,
    LIBRARY_EXTENSIONS,
    PLAYER_CORE_API,
    LibraryRef,
    PackageReport,
    dependency_ref,
    extension,
    limit,
)

# The validator's public names, for the importer, the asset views and the command.
__all__ = [
    "CONTENT_EXTENSIONS", "DEFAULT_MAX_FILES", "DEFAULT_MAX_FILE_BYTES", "DEFAULT_MAX_RATIO",
    "DEFAULT_MAX_TOTAL_BYTES", "LIBRARY_EXTENSIONS", "PLAYER_CORE_API", "LibraryRef",
    "PackageReport", "dependency_ref", "extension", "limit", "read_member", "validate_package",
]


def validate_package(source: str | IO[bytes], *,
                     installed: Iterable[LibraryRef] = ()) -> PackageReport:
    """Check an `.h5p` file (a path or a binary file object); collect every problem."""
    report = PackageReport()
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError):
        report.add(_("The file is not a readable H5P package (ZIP archive)."))
        return report
    with archive:
        entries = check_entries(archive, report)
        if entries is None:
            return report
        check_h5p_json(archive, entries, report)
        check_content(archive, entries, report)
        check_libraries(archive, entries, report)
        check_dependencies(report, installed=set(installed))
    return report
