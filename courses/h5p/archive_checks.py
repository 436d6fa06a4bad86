"""Checks of the archive itself: limits against zip bombs, safe names, no links, and
file types told by their bytes. Which entries are skipped or ignored, and why, is
documented in package.py (H5P core's rules, with links)."""

from __future__ import annotations

import re
import stat
import zipfile

from django.utils.translation import gettext as _

from courses.h5p.package import (
    CONTENT_EXTENSIONS,
    DEFAULT_MAX_FILE_BYTES,
    DEFAULT_MAX_FILES,
    DEFAULT_MAX_RATIO,
    DEFAULT_MAX_TOTAL_BYTES,
    LIBRARY_EXTENSIONS,
    PackageReport,
    extension,
    is_ignored_top_level_file,
    is_skipped,
    limit,
)
from courses.h5p.signatures import SIGNATURES, SNIFF_BYTES


def check_entries(archive: zipfile.ZipFile, report: PackageReport) -> dict | None:
    """Limits, names and file types; returns name → ZipInfo of the files, or None."""
    infos = archive.infolist()
    max_files = limit("H5P_MAX_FILES", DEFAULT_MAX_FILES)
    max_file = limit("H5P_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES)
    max_total = limit("H5P_MAX_TOTAL_BYTES", DEFAULT_MAX_TOTAL_BYTES)
    max_ratio = limit("H5P_MAX_RATIO", DEFAULT_MAX_RATIO)
    if len(infos) > max_files:
        report.add(_("The package contains %(count)d files; at most %(max)d are allowed.")
                   % {"count": len(infos), "max": max_files})
        return None  # do not even look at the names of a flood of entries
    total = sum(info.file_size for info in infos)
    if total > max_total:
        report.add(_("The package unpacks to %(size)s bytes; at most %(max)s are allowed.")
                   % {"size": total, "max": max_total})
    compressed = sum(info.compress_size for info in infos)
    if compressed and total / compressed > max_ratio:
        report.add(_("The package is compressed suspiciously well (%(ratio)d to 1; at most "
                     "%(max)d to 1 is allowed). It may be a zip bomb.")
                   % {"ratio": total // compressed, "max": max_ratio})

    entries: dict[str, zipfile.ZipInfo] = {}
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        if name in seen or name.casefold() in seen:
            report.add(_("The file name “%(name)s” occurs more than once.") % {"name": name})
            continue
        seen.update({name, name.casefold()})
        if not _name_is_safe(name, report):
            continue
        mode = info.external_attr >> 16
        if info.create_system == 3 and stat.S_ISLNK(mode):
            report.add(_("“%(name)s” is a symbolic link; links are not allowed.")
                       % {"name": name})
            continue
        if info.is_dir():
            continue
        if info.file_size > max_file:
            report.add(_("“%(name)s” is %(size)s bytes large; at most %(max)s bytes are "
                         "allowed per file.") % {"name": name, "size": info.file_size,
                                                 "max": max_file})
        if info.compress_size and info.file_size / info.compress_size > max_ratio:
            report.add(_("“%(name)s” is compressed suspiciously well; it may be a zip bomb.")
                       % {"name": name})
        if is_skipped(name) or is_ignored_top_level_file(name):
            continue  # H5P core skips these and never extracts them; neither do we
        entries[name] = info
    report.names = sorted(entries)

    for name in entries:
        _check_file_type(archive, entries[name], report)
    return entries


def _name_is_safe(name: str, report: PackageReport) -> bool:
    if "\\" in name:
        report.add(_("“%(name)s” contains a backslash; paths must use forward slashes.")
                   % {"name": name})
        return False
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        report.add(_("“%(name)s” is an absolute path.") % {"name": name})
        return False
    if any(ord(char) < 32 or ord(char) == 127 for char in name):
        report.add(_("“%(name)s” contains control characters.") % {"name": name.encode(
            "unicode_escape").decode()})
        return False
    segments = name.rstrip("/").split("/")
    if ".." in segments:
        report.add(_("“%(name)s” points outside the package (“..”).") % {"name": name})
        return False
    if any(segment == "" for segment in segments):
        report.add(_("“%(name)s” contains an empty path segment.") % {"name": name})
        return False
    return True


def _check_file_type(archive: zipfile.ZipFile, info: zipfile.ZipInfo,
                     report: PackageReport) -> None:
    name = info.filename
    top, _sep, rest = name.partition("/")
    ext = extension(name)
    if not rest:
        return  # h5p.json; other top-level files never get here (see check_entries)
    allowed = CONTENT_EXTENSIONS if top == "content" else LIBRARY_EXTENSIONS
    if ext not in allowed:
        report.add(_("“%(name)s” has a file type that is not allowed in %(where)s.")
                   % {"name": name, "where": _("the content folder") if top == "content"
                      else _("a library folder")})
        return
    check = SIGNATURES.get(ext)
    if check is None:
        return
    try:
        with archive.open(info) as handle:
            head = handle.read(SNIFF_BYTES)
    except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError, ValueError):
        report.add(_("“%(name)s” cannot be read from the package.") % {"name": name})
        return
    if info.file_size and not check(head):
        report.add(_("“%(name)s” is not what its name says: its content is not a valid "
                     "%(type)s file.") % {"name": name, "type": ext.upper()})


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, max_bytes: int) -> bytes:
    """Read one entry, trusting not the size in its header but counting the bytes."""
    with archive.open(info) as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes or len(data) != info.file_size:
        raise ValueError(info.filename)
    return data
