"""What an `.h5p` package is made of: allowed file types, names, library references and
the report the validator fills. No checks here; see validator.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.conf import settings

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


def extension(name: str) -> str:
    suffix = PurePosixPath(name).suffix
    return suffix[1:].lower() if suffix else ""
