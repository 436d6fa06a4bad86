"""Writes of H5P: importing packages, recording learners' xAPI statements and saving the
state inside an item (`h5p_user_data_save`).

`h5p_content_import` validates, stores and registers a package (the admin upload and the
`h5p_import` command both call it). `h5p_statement_record` stores one statement once and
turns the top-level ones into a lesson outcome through `courses.services`, applying the
editor's completion choice and pass mark on the server.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from courses.h5p import storage
from courses.h5p.exceptions import PackageRefused, StatementInvalid, UserDataInvalid
from courses.h5p.models import H5PContent, H5PLibrary, H5PStatement, H5PUserData
from courses.h5p.package import (
    CONTENT_EXTENSIONS,
    DEFAULT_MAX_TOTAL_BYTES,
    LibraryRef,
    PackageReport,
    dependency_ref,
    limit,
)
from courses.h5p.validator import validate_package
from courses.learning.services import Outcome, lesson_progress_record
from courses.rules import quiz_passed


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
    for folder in new_libraries:
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


# --- xAPI statements ---------------------------------------------------------------------

FINISHING_VERBS = {"completed", "answered", "passed", "failed"}
# What a lesson may keep of a statement: no actor, authority, instructor or team.
KEPT_KEYS = ("id", "verb", "object", "result", "timestamp")
KEPT_CONTEXT_KEYS = ("contextActivities", "extensions", "registration", "language")
MAX_STATEMENT_BYTES = 64 * 1024


@dataclass(frozen=True)
class StatementResult:
    statement: H5PStatement
    created: bool
    counted: bool


def _number(score: dict, key: str) -> float | None:
    """A finite number, or None when absent; anything else makes the statement invalid."""
    value = score.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise StatementInvalid(_("The score is not valid: “%(name)s” must be a number.")
                               % {"name": key})
    try:
        number = float(value)
    except OverflowError:  # an integer beyond any float
        number = float("inf")
    if not math.isfinite(number):
        raise StatementInvalid(_("The score is not valid: “%(name)s” must be a finite "
                                 "number.") % {"name": key})
    return number


def score_read(result) -> tuple[float | None, float | None, float | None]:
    """(raw, max, scaled) of a statement's result, checked. Raises StatementInvalid.

    raw and max come together, with max > 0 and 0 ≤ raw ≤ max (and min ≤ raw when min is
    given); scaled lies within 0…1. A result without a score has none of them.
    """
    if result is None:
        return None, None, None
    if not isinstance(result, dict):
        raise StatementInvalid()
    score = result.get("score")
    if score is None:
        return None, None, None
    if not isinstance(score, dict):
        raise StatementInvalid(_("The score is not valid."))
    raw, max_, min_, scaled = (_number(score, key) for key in ("raw", "max", "min", "scaled"))
    if (raw is None) != (max_ is None):
        raise StatementInvalid(_("The score is not valid: a raw score needs a maximum, and a "
                                 "maximum needs a raw score."))
    if max_ is not None and max_ <= 0:
        raise StatementInvalid(_("The score is not valid: the maximum must be greater than "
                                 "0."))
    if raw is not None and not 0 <= raw <= max_:
        raise StatementInvalid(_("The score is not valid: the raw score must lie between 0 "
                                 "and the maximum."))
    if min_ is not None and raw is not None and min_ > raw:
        raise StatementInvalid(_("The score is not valid: the raw score is below the "
                                 "minimum."))
    if scaled is not None and not 0 <= scaled <= 1:
        raise StatementInvalid(_("The score is not valid: the scaled score must lie between "
                                 "0 and 1."))
    return raw, max_, scaled


def score_percent(*, raw: float | None, max_: float | None, scaled: float | None
                  ) -> int | None:
    """The percentage computed on the server: raw/max, or scaled; clamped to 0…100."""
    if raw is not None and max_ is not None and max_ > 0:
        value = 100 * raw / max_
    elif scaled is not None:
        value = 100 * scaled
    else:
        return None
    return int(min(100, max(0, round(value))))


def statement_clean(statement) -> dict:
    """The statement without personal data; raises StatementInvalid if it is no statement."""
    if not isinstance(statement, dict):
        raise StatementInvalid()
    try:
        uuid.UUID(str(statement.get("id", "")))
    except ValueError:
        raise StatementInvalid() from None
    verb = statement.get("verb")
    if not isinstance(verb, dict) or not isinstance(verb.get("id"), str) \
            or not verb["id"] or len(verb["id"]) > 255:
        raise StatementInvalid()
    cleaned = {key: statement[key] for key in KEPT_KEYS if key in statement}
    context = statement.get("context")
    if isinstance(context, dict):
        cleaned["context"] = {key: context[key] for key in KEPT_CONTEXT_KEYS if key in context}
    return cleaned


def is_top_level(statement: dict) -> bool:
    parents = (((statement.get("context") or {}).get("contextActivities") or {})
               .get("parent"))
    return not parents


def h5p_statement_record(*, enrolment, lesson, content: H5PContent, statement: dict,
                         completion: str, pass_mark: int) -> StatementResult:
    """Store one statement once; a top-level one may complete the lesson's H5P item.

    `completion` is the editor's choice: "completed" (a completed or answered statement),
    "answered", or "passed" (a score of at least `pass_mark` percent, computed here). Child
    statements (with a parent context) are stored but never count. Raises StatementInvalid,
    EnrolmentNotActive.
    """
    cleaned = statement_clean(statement)
    raw, max_, scaled = score_read(cleaned.get("result"))
    statement_id = uuid.UUID(str(cleaned["id"]))

    verb = cleaned["verb"]["id"]
    verb_name = verb.rstrip("/").rsplit("/", 1)[-1]
    result = cleaned.get("result") or {}
    percent = score_percent(raw=raw, max_=max_, scaled=scaled)
    top = is_top_level(cleaned)
    finishing = top and verb_name in FINISHING_VERBS

    if completion == "answered":
        done = finishing and verb_name == "answered"
    elif completion == "passed":
        done = finishing and percent is not None
    else:
        done = finishing and verb_name in ("completed", "answered")
    passed = completion == "passed" and done and percent is not None \
        and quiz_passed(percent=percent, pass_mark=pass_mark)
    duration = result.get("duration") if isinstance(result.get("duration"), str) else ""

    # No look-up first: the unique (enrolment, statement_id) constraint finds a statement
    # sent again, and the player sends each statement once but for retries. A statement
    # that counts is stored in one transaction with the lesson's progress.
    with transaction.atomic() if done else contextlib.nullcontext():
        try:
            with transaction.atomic():
                record = H5PStatement.objects.create(
                    enrolment=enrolment, lesson=lesson, content=content,
                    statement_id=statement_id, verb=verb, top_level=top, score_raw=raw,
                    score_max=max_, score_scaled=scaled, score_percent=percent,
                    success=result.get("success") if isinstance(result.get("success"), bool)
                    else None,
                    completion=result.get("completion")
                    if isinstance(result.get("completion"), bool) else None,
                    duration=duration[:40], passed=passed, raw=cleaned)
        except IntegrityError:  # sent before (or raced in twice): stored once, counted once
            return StatementResult(
                statement=H5PStatement.objects.get(enrolment=enrolment,
                                                   statement_id=statement_id),
                created=False, counted=False)
        if done:
            lesson_progress_record(enrolment=enrolment, lesson=lesson, outcome=Outcome(
                viewed=True, answered=True, passed=passed,
                score_percent=percent if completion == "passed" else None))
    return StatementResult(statement=record, created=True, counted=done)


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
