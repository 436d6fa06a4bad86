"""Writes of H5P: importing packages and saving the state inside an item
(`h5p_user_data_save`).

`h5p_content_import` validates, stores and registers a package (the admin upload and the
`h5p_import` command both call it). Learners' xAPI statements are checked in
`courses.h5p.statements` and stored by `courses.h5p.statement_store`.
"""

from __future__ import annotations

import json
import re
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from courses.h5p import storage
from courses.h5p.exceptions import PackageRefused, UserDataInvalid
from courses.h5p.models import H5PContent, H5PLibrary, H5PUserData
from courses.h5p.package import (
    CONTENT_EXTENSIONS,
    DEFAULT_MAX_TOTAL_BYTES,
    LibraryRef,
    PackageReport,
    dependency_ref,
    limit,
)
from courses.h5p.validator import validate_package


@dataclass(frozen=True)
class ImportResult:
    content: H5PContent
    created: bool
    libraries_installed: list[str]


def installed_libraries() -> set[LibraryRef]:
    return {LibraryRef(name, major, minor) for name, major, minor in
            H5PLibrary.objects.values_list("machine_name", "major_version", "minor_version")}


def h5p_content_import(*, source: str | Path | IO[bytes], uploaded_by=None,
                       title: str = "", keep_installed_libraries: bool = False
                       ) -> ImportResult:
    """Validate and import one `.h5p` package. Raises PackageRefused with every reason.

    Importing the same file again returns the existing item. A library version that is
    installed already with different files is refused, unless the editor decides to keep
    the installed copy (`keep_installed_libraries`); the store is never modified in place.
    """
    with storage.workspace() as work:
        package_path = work / "package.h5p"
        try:
            sha256, size = storage.copy_hashed(
                source, package_path,
                max_bytes=limit("H5P_MAX_TOTAL_BYTES", DEFAULT_MAX_TOTAL_BYTES))
        except ValueError:
            raise PackageRefused([_("The package file is too large.")]) from None
        existing = H5PContent.objects.filter(sha256=sha256).first()
        if existing is not None:
            return ImportResult(content=existing, created=False, libraries_installed=[])
        report = validate_package(str(package_path), installed=installed_libraries())
        if not report.valid:
            raise PackageRefused(report.problems)
        with zipfile.ZipFile(package_path) as archive:
            return _install(archive=archive, report=report, work=work,
                            package_path=package_path, sha256=sha256, size=size,
                            uploaded_by=uploaded_by, title=title,
                            keep_installed=keep_installed_libraries)


def library_conflicts(*, archive: zipfile.ZipFile, report: PackageReport,
                      keep_installed: bool) -> tuple[list[str], dict[str, tuple[dict, str]]]:
    """Problems with installed libraries, and the libraries the package would add."""
    installed = {lib.folder: lib for lib in H5PLibrary.objects.filter(
        machine_name__in={lib["machineName"] for lib in report.libraries.values()})}
    problems, new_libraries = [], {}
    for folder, library_json in report.libraries.items():
        files_sha256 = storage.library_files_sha256(archive, folder)
        current = installed.get(folder)
        if current is None:
            new_libraries[folder] = (library_json, files_sha256)
        elif current.files_sha256 != files_sha256 and not keep_installed:
            problems.append(_(
                "The package contains a different copy of the library %(library)s (patch "
                "%(patch)s) than the installed one (patch %(installed)s). Installed libraries "
                "are never changed; choose to keep the installed copy to import the content "
                "with it.") % {"library": folder, "patch": library_json.get("patchVersion"),
                                "installed": current.patch_version})
    return problems, new_libraries


def libraries_missing_files(*, archive: zipfile.ZipFile, report: PackageReport) -> list[str]:
    """Installed libraries whose folder is gone from the store, for which the package
    brings the very same files (the store lost them, e.g. a partly restored backup):
    an import puts them back, which changes no installed library."""
    gone = [folder for folder in report.libraries
            if not storage.library_dir(folder).exists()]
    if not gone:
        return []
    installed = {lib.folder: lib.files_sha256 for lib in H5PLibrary.objects.filter(
        machine_name__in={report.libraries[folder]["machineName"] for folder in gone})}
    return [folder for folder in gone
            if installed.get(folder) == storage.library_files_sha256(archive, folder)]


def h5p_package_check(*, source: IO[bytes], keep_installed_libraries: bool = False
                      ) -> list[str]:
    """Every reason the package would be refused, without writing anything."""
    report = validate_package(source, installed=installed_libraries())
    if not report.valid:
        return report.problems
    with zipfile.ZipFile(source) as archive:
        problems, _new = library_conflicts(archive=archive, report=report,
                                           keep_installed=keep_installed_libraries)
    return problems


def _install(*, archive: zipfile.ZipFile, report: PackageReport, work: Path,
             package_path: Path, sha256: str, size: int, uploaded_by, title: str,
             keep_installed: bool) -> ImportResult:
    problems, new_libraries = library_conflicts(archive=archive, report=report,
                                                keep_installed=keep_installed)
    if problems:
        raise PackageRefused(problems)

    public_id = uuid.uuid4()
    staged_content = work / "content-item"
    storage.extract_folder(archive, "content/", staged_content / "content",
                           allowed=CONTENT_EXTENSIONS)
    (staged_content / "h5p.json").write_bytes(archive.read("h5p.json"))
    restored = libraries_missing_files(archive=archive, report=report)
    for folder in [*new_libraries, *restored]:
        storage.extract_folder(archive, f"{folder}/", work / "libraries" / folder)

    moved: list[Path] = []
    try:
        with transaction.atomic():
            created_libraries = []
            for folder, (library_json, files_sha256) in new_libraries.items():
                library, created = _library_row(library_json, files_sha256)
                if created:
                    created_libraries.append(folder)
                    if storage.move_into_place(work / "libraries" / folder,
                                               storage.library_dir(folder)):
                        moved.append(storage.library_dir(folder))
            for folder in restored:
                if storage.move_into_place(work / "libraries" / folder,
                                           storage.library_dir(folder)):
                    moved.append(storage.library_dir(folder))
            main_ref = report.main_library
            main = H5PLibrary.objects.get(machine_name=main_ref.machine_name,
                                          major_version=main_ref.major,
                                          minor_version=main_ref.minor)
            content = H5PContent.objects.create(
                public_id=public_id, sha256=sha256, package=storage.package_name(sha256),
                size=size, title=(title or report.h5p_json["title"]).strip()[:255],
                language=report.h5p_json.get("language", "")[:10], main_library=main,
                h5p_json=report.h5p_json, uploaded_by=uploaded_by)
            content.libraries.set(_dependency_closure(report.h5p_json))
            for source, destination in (
                    (staged_content, storage.content_dir(public_id)),
                    (package_path, storage.root().parent / storage.package_name(sha256))):
                if storage.move_into_place(source, destination):
                    moved.append(destination)
    except IntegrityError:
        # Another import of the same file or library won the race: nothing of ours stays.
        for path in moved:
            storage.remove(path)
        existing = H5PContent.objects.filter(sha256=sha256).first()
        if existing is None:
            raise
        return ImportResult(content=existing, created=False, libraries_installed=[])
    except BaseException:
        for path in moved:
            storage.remove(path)
        raise
    return ImportResult(content=content, created=True, libraries_installed=created_libraries)


def _library_row(library_json: dict, files_sha256: str) -> tuple[H5PLibrary, bool]:
    ref = dependency_ref(library_json)
    return H5PLibrary.objects.get_or_create(
        machine_name=ref.machine_name, major_version=ref.major, minor_version=ref.minor,
        defaults={"patch_version": int(library_json["patchVersion"]),
                  "title": library_json["title"][:255],
                  "runnable": bool(library_json.get("runnable")),
                  "files_sha256": files_sha256, "library_json": library_json})


def _dependency_closure(h5p_json: dict) -> list[H5PLibrary]:
    """Every library the content needs: its preloaded dependencies, transitively."""
    by_ref = {LibraryRef(lib.machine_name, lib.major_version, lib.minor_version): lib
              for lib in H5PLibrary.objects.all()}
    found: dict[LibraryRef, H5PLibrary] = {}
    pending = list(h5p_json.get("preloadedDependencies") or [])
    while pending:
        ref = dependency_ref(pending.pop())
        if ref is None or ref in found or ref not in by_ref:
            continue
        found[ref] = by_ref[ref]
        json_ = by_ref[ref].library_json
        pending.extend(json_.get("preloadedDependencies") or [])
        pending.extend(json_.get("dynamicDependencies") or [])
    return list(found.values())


USER_DATA_MAX_BYTES = 64 * 1024
USER_DATA_KEY_RE = re.compile(r"^[\w-]{1,64}$", re.ASCII)


def h5p_user_data_save(*, learner, lesson, content: H5PContent, sub_content_id,
                       data_type, data) -> H5PUserData | None:
    """Store what H5P saved for this learner in this item (its JSON text, at most 64 KiB).

    `None` as data (or H5P's "RESET") removes the saved state. Raises UserDataInvalid.
    """
    sub_content_id = "0" if sub_content_id in (None, "", 0) else sub_content_id
    if not isinstance(sub_content_id, str | int) or isinstance(sub_content_id, bool) \
            or not USER_DATA_KEY_RE.match(str(sub_content_id)) \
            or not isinstance(data_type, str) or not USER_DATA_KEY_RE.match(data_type):
        raise UserDataInvalid(_("The state of the exercise could not be saved."))
    key = {"learner": learner, "lesson": lesson, "content": content,
           "sub_content_id": str(sub_content_id), "data_type": data_type}
    if data is None or data == "RESET":
        H5PUserData.objects.filter(**key).delete()
        return None
    if not isinstance(data, str) or len(data.encode("utf-8")) > USER_DATA_MAX_BYTES:
        raise UserDataInvalid(_("The state of the exercise is too large to be saved."))
    try:
        json.loads(data)
    except (ValueError, RecursionError):
        raise UserDataInvalid(_("The state of the exercise could not be saved.")) from None
    row, _created = H5PUserData.objects.update_or_create(**key, defaults={"data": data})
    return row
