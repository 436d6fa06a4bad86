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

import json
import re
import stat
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

# The H5P core API version of the player we ship: h5p-standalone 3.8.x bundles the H5P core
# JavaScript of h5p-php-library with `H5PCore::$coreApi = 1.27` (tooltip and theme support,
# both present in node_modules/h5p-standalone/dist/frame.bundle.js). A library that needs a
# newer core would fail at runtime, so the validator refuses it. Raise this together with
# the npm package.
PLAYER_CORE_API = (1, 27)

DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_TOTAL_BYTES = 300 * 1024 * 1024
DEFAULT_MAX_FILES = 5000
DEFAULT_MAX_RATIO = 100

# H5PCore::$defaultContentWhitelist without swf, svg, xml, diff, patch and textile: svg and
# xml can carry script and the others have no business in a course. webp is added because
# current editors export it.
CONTENT_EXTENSIONS = frozenset(
    "json png jpg jpeg gif bmp tif tiff webp eot ttf woff woff2 otf webm mp4 ogg oga ogv mp3 "
    "m4a wav txt pdf rtf doc docx xls xlsx ppt pptx odt ods odp csv md vtt webvtt gltf "
    "glb".split())
# H5PCore::$defaultLibraryWhitelistExtras: libraries are code, so they may also ship these.
LIBRARY_EXTRA_EXTENSIONS = frozenset("js css svg xml".split())
LIBRARY_EXTENSIONS = CONTENT_EXTENSIONS | LIBRARY_EXTRA_EXTENSIONS

MACHINE_NAME_RE = re.compile(r"^[\w.\-]{1,255}$", re.ASCII)
LIBRARY_FOLDER_RE = re.compile(r"^([\w.\-]{1,255})-(\d{1,5})\.(\d{1,5})$", re.ASCII)
LANGUAGE_RE = re.compile(r"^[-a-zA-Z]{1,10}$")
VERSION_RE = re.compile(r"^\d{1,5}$")
EMBED_TYPES = {"div", "iframe"}
SNIFF_BYTES = 64


def limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


@dataclass(frozen=True)
class LibraryRef:
    """machineName-major.minor: the key of a library version in the shared store."""

    machine_name: str
    major: int
    minor: int

    @property
    def folder(self) -> str:
        return f"{self.machine_name}-{self.major}.{self.minor}"

    def __str__(self) -> str:
        return f"{self.machine_name} {self.major}.{self.minor}"


@dataclass
class PackageReport:
    """What the validator found: the problems, and the parsed package when it is valid."""

    problems: list[str] = field(default_factory=list)
    h5p_json: dict = field(default_factory=dict)
    content_json: dict | list | None = None
    libraries: dict[str, dict] = field(default_factory=dict)  # folder → library.json
    names: list[str] = field(default_factory=list)  # file entries (no directories)

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def main_library(self) -> LibraryRef | None:
        main = self.h5p_json.get("mainLibrary")
        for dependency in self.h5p_json.get("preloadedDependencies") or []:
            if isinstance(dependency, dict) and dependency.get("machineName") == main:
                return dependency_ref(dependency)
        return None

    def add(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)


def as_version(value) -> int | None:
    """A version number given as a number or a numeric string, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and 0 <= value <= 99999:
        return value
    if isinstance(value, float) and value.is_integer() and 0 <= value <= 99999:
        return int(value)
    if isinstance(value, str) and VERSION_RE.match(value):
        return int(value)
    return None


def dependency_ref(dependency) -> LibraryRef | None:
    if not isinstance(dependency, dict):
        return None
    name = dependency.get("machineName")
    major, minor = as_version(dependency.get("majorVersion")), \
        as_version(dependency.get("minorVersion"))
    if not isinstance(name, str) or not MACHINE_NAME_RE.match(name) or major is None \
            or minor is None:
        return None
    return LibraryRef(name, major, minor)


# --- file signatures ---------------------------------------------------------------------

def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut off at the end of the sniffed bytes is still text.
        return error.start >= len(head) - 3
    return True


def _mp3(head: bytes) -> bool:
    return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF
                                       and head[1] & 0xE0 == 0xE0)


SIGNATURES = {
    "png": lambda h: h.startswith(b"\x89PNG\r\n\x1a\n"),
    "jpg": lambda h: h.startswith(b"\xff\xd8\xff"),
    "jpeg": lambda h: h.startswith(b"\xff\xd8\xff"),
    "gif": lambda h: h[:6] in (b"GIF87a", b"GIF89a"),
    "webp": lambda h: h[:4] == b"RIFF" and h[8:12] == b"WEBP",
    "bmp": lambda h: h.startswith(b"BM"),
    "tif": lambda h: h[:4] in (b"II*\x00", b"MM\x00*"),
    "tiff": lambda h: h[:4] in (b"II*\x00", b"MM\x00*"),
    "mp3": _mp3,
    "mp4": lambda h: h[4:8] == b"ftyp",
    "m4a": lambda h: h[4:8] == b"ftyp",
    "webm": lambda h: h.startswith(b"\x1a\x45\xdf\xa3"),
    "ogg": lambda h: h.startswith(b"OggS"),
    "oga": lambda h: h.startswith(b"OggS"),
    "ogv": lambda h: h.startswith(b"OggS"),
    "wav": lambda h: h[:4] == b"RIFF" and h[8:12] == b"WAVE",
    "pdf": lambda h: h.startswith(b"%PDF-"),
    "rtf": lambda h: h.startswith(b"{\\rtf"),
    "woff": lambda h: h.startswith(b"wOFF"),
    "woff2": lambda h: h.startswith(b"wOF2"),
    "ttf": lambda h: h[:4] in (b"\x00\x01\x00\x00", b"true", b"typ1"),
    "otf": lambda h: h.startswith(b"OTTO"),
    "eot": lambda h: h[34:36] == b"LP",
    "glb": lambda h: h.startswith(b"glTF"),
    "docx": lambda h: h.startswith(b"PK\x03\x04"),
    "xlsx": lambda h: h.startswith(b"PK\x03\x04"),
    "pptx": lambda h: h.startswith(b"PK\x03\x04"),
    "odt": lambda h: h.startswith(b"PK\x03\x04"),
    "ods": lambda h: h.startswith(b"PK\x03\x04"),
    "odp": lambda h: h.startswith(b"PK\x03\x04"),
    "doc": lambda h: h.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    "xls": lambda h: h.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    "ppt": lambda h: h.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    "vtt": lambda h: h.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT"),
    "webvtt": lambda h: h.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT"),
    "json": _is_text,
    "gltf": _is_text,
    "txt": _is_text,
    "csv": _is_text,
    "md": _is_text,
    "js": _is_text,
    "css": _is_text,
    "svg": _is_text,
    "xml": _is_text,
}


def extension(name: str) -> str:
    suffix = PurePosixPath(name).suffix
    return suffix[1:].lower() if suffix else ""


# --- the validator -----------------------------------------------------------------------

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
        entries = _check_entries(archive, report)
        if entries is None:
            return report
        _check_h5p_json(archive, entries, report)
        _check_content(archive, entries, report)
        _check_libraries(archive, entries, report)
        _check_dependencies(report, installed=set(installed))
    return report


def _check_entries(archive: zipfile.ZipFile, report: PackageReport) -> dict | None:
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
    hidden = next((s for s in segments if s.startswith((".", "_"))), None)
    if hidden is not None:
        report.add(_("“%(name)s”: names starting with “.” or “_” are not allowed.")
                   % {"name": name})
        return False
    return True


def _check_file_type(archive: zipfile.ZipFile, info: zipfile.ZipInfo,
                     report: PackageReport) -> None:
    name = info.filename
    top, _sep, rest = name.partition("/")
    ext = extension(name)
    if not rest:
        if name != "h5p.json":
            report.add(_("“%(name)s” is not allowed at the top level of a package; only "
                         "h5p.json, the content folder and library folders belong there.")
                       % {"name": name})
        return
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


def _read_json(archive: zipfile.ZipFile, entries: dict, name: str, report: PackageReport,
               missing: str, invalid: str):
    info = entries.get(name)
    if info is None:
        report.add(missing)
        return None
    try:
        with archive.open(info) as handle:
            return json.loads(handle.read().decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, OSError, RuntimeError):
        report.add(invalid)
        return None


def _check_dependency_list(value, where: str, report: PackageReport) -> list[LibraryRef]:
    if value is None:
        return []
    if not isinstance(value, list):
        report.add(_("%(where)s: the dependency list must be a list.") % {"where": where})
        return []
    refs = []
    for dependency in value:
        ref = dependency_ref(dependency)
        if ref is None:
            report.add(_("%(where)s: a dependency needs a valid machineName and majorVersion "
                         "and minorVersion given as numbers.") % {"where": where})
        else:
            refs.append(ref)
    return refs


def _check_h5p_json(archive, entries, report: PackageReport) -> None:
    data = _read_json(archive, entries, "h5p.json", report,
                      _("The package has no h5p.json file."),
                      _("h5p.json is not valid JSON."))
    if data is None:
        return
    if not isinstance(data, dict):
        report.add(_("h5p.json must contain a JSON object."))
        return
    report.h5p_json = data
    title = data.get("title")
    if not isinstance(title, str) or not title.strip() or len(title) > 255:
        report.add(_("h5p.json needs a title of 1 to 255 characters."))
    language = data.get("language")
    if not isinstance(language, str) or not LANGUAGE_RE.match(language):
        report.add(_("h5p.json needs a language code such as “de”, “en” or “und”."))
    main = data.get("mainLibrary")
    if not isinstance(main, str) or not MACHINE_NAME_RE.match(main):
        report.add(_("h5p.json needs a valid mainLibrary."))
    embed = data.get("embedTypes")
    if not isinstance(embed, list) or not embed or not all(
            isinstance(item, str) and item in EMBED_TYPES for item in embed):
        report.add(_("h5p.json needs embedTypes, a list of “div” and/or “iframe”."))
    if "preloadedDependencies" not in data:
        report.add(_("h5p.json needs a list of preloadedDependencies."))
    refs = _check_dependency_list(data.get("preloadedDependencies"), "h5p.json", report)
    if isinstance(main, str) and refs and not any(ref.machine_name == main for ref in refs):
        report.add(_("h5p.json: the main library %(name)s is not among the "
                     "preloadedDependencies.") % {"name": main})


def _check_content(archive, entries, report: PackageReport) -> None:
    report.content_json = _read_json(
        archive, entries, "content/content.json", report,
        _("The package has no content/content.json file."),
        _("content/content.json is not valid JSON."))


def _check_libraries(archive, entries, report: PackageReport) -> None:
    folders = sorted({name.split("/", 1)[0] for name in entries if "/" in name} - {"content"})
    for folder in folders:
        match = LIBRARY_FOLDER_RE.match(folder)
        if match is None:
            report.add(_("The folder “%(folder)s” is not named like a library "
                         "(machineName-major.minor).") % {"folder": folder})
            continue
        library = _read_json(
            archive, entries, f"{folder}/library.json", report,
            _("The library folder “%(folder)s” has no library.json.") % {"folder": folder},
            _("%(folder)s/library.json is not valid JSON.") % {"folder": folder})
        if library is None:
            continue
        if _check_library_json(folder, library, entries, report):
            report.libraries[folder] = library


def _check_library_json(folder: str, library, entries, report: PackageReport) -> bool:
    where = f"{folder}/library.json"
    if not isinstance(library, dict):
        report.add(_("%(where)s must contain a JSON object.") % {"where": where})
        return False
    ok = True
    title = library.get("title")
    if not isinstance(title, str) or not title.strip() or len(title) > 255:
        report.add(_("%(where)s needs a title of 1 to 255 characters.") % {"where": where})
        ok = False
    name = library.get("machineName")
    versions = {key: as_version(library.get(key))
                for key in ("majorVersion", "minorVersion", "patchVersion")}
    if not isinstance(name, str) or not MACHINE_NAME_RE.match(name):
        report.add(_("%(where)s needs a valid machineName.") % {"where": where})
        ok = False
    for key, value in versions.items():
        if value is None:
            report.add(_("%(where)s: %(key)s must be a whole number.")
                       % {"where": where, "key": key})
            ok = False
    if ok and f"{name}-{versions['majorVersion']}.{versions['minorVersion']}" != folder:
        report.add(_("The folder “%(folder)s” does not match its library.json "
                     "(%(name)s %(major)s.%(minor)s).") % {
            "folder": folder, "name": name, "major": versions["majorVersion"],
            "minor": versions["minorVersion"]})
        ok = False
    if library.get("runnable") not in (0, 1, True, False):
        report.add(_("%(where)s: runnable must be 0 or 1.") % {"where": where})
        ok = False
    core = library.get("coreApi")
    if core is not None:
        major = as_version(core.get("majorVersion")) if isinstance(core, dict) else None
        minor = as_version(core.get("minorVersion", 0)) if isinstance(core, dict) else None
        if major is None or minor is None:
            report.add(_("%(where)s: coreApi must give majorVersion and minorVersion as "
                         "numbers.") % {"where": where})
            ok = False
        elif (major, minor) > PLAYER_CORE_API:
            report.add(_("%(folder)s needs H5P core %(major)d.%(minor)d, but the player "
                         "supports %(have)s.") % {
                "folder": folder, "major": major, "minor": minor,
                "have": "{}.{}".format(*PLAYER_CORE_API)})
            ok = False
    embed = library.get("embedTypes")
    if embed is not None and (not isinstance(embed, list) or not all(
            isinstance(item, str) and item in EMBED_TYPES for item in embed)):
        report.add(_("%(where)s: embedTypes must list “div” and/or “iframe”.")
                   % {"where": where})
        ok = False
    for key in ("preloadedJs", "preloadedCss"):
        files = library.get(key)
        if files is None:
            continue
        if not isinstance(files, list) or not all(
                isinstance(item, dict) and isinstance(item.get("path"), str) for item in files):
            report.add(_("%(where)s: %(key)s must be a list of {\"path\": …} entries.")
                       % {"where": where, "key": key})
            ok = False
            continue
        for item in files:
            if f"{folder}/{item['path']}" not in entries:
                report.add(_("%(where)s lists %(path)s, which is not in the package.")
                           % {"where": where, "path": item["path"]})
                ok = False
    for key in ("preloadedDependencies", "dynamicDependencies", "editorDependencies"):
        before = len(report.problems)
        _check_dependency_list(library.get(key), where, report)
        ok = ok and len(report.problems) == before
    return ok


def _check_dependencies(report: PackageReport, *, installed: set[LibraryRef]) -> None:
    """Every preloaded or dynamic dependency is in the package or already installed."""
    present = set(installed)
    for library in report.libraries.values():
        ref = dependency_ref(library)
        if ref is not None:
            present.add(ref)
    wanted: list[tuple[LibraryRef, str]] = []
    for dependency in report.h5p_json.get("preloadedDependencies") or []:
        ref = dependency_ref(dependency)
        if ref is not None:
            wanted.append((ref, "h5p.json"))
    for folder, library in report.libraries.items():
        for key in ("preloadedDependencies", "dynamicDependencies"):
            for dependency in library.get(key) or []:
                ref = dependency_ref(dependency)
                if ref is not None:
                    wanted.append((ref, folder))
    for ref, needed_by in wanted:
        if ref not in present:
            report.add(_("The library %(library)s, needed by %(by)s, is neither in the "
                         "package nor installed.") % {"library": ref, "by": needed_by})


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, max_bytes: int) -> bytes:
    """Read one entry, trusting not the size in its header but counting the bytes."""
    with archive.open(info) as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes or len(data) != info.file_size:
        raise ValueError(info.filename)
    return data
