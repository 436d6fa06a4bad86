r"""What an `.h5p` package is made of: allowed file types, names, library references and
the report the validator fills. No checks here; see validator.py.

The rules mirror H5P core (h5p-php-library, `h5p.classes.php`), so that a package that
plays on h5p.org or in the Lumi H5P server imports here too:

- File types: `H5PCore::$defaultContentWhitelist` for the content folder, and for library
  folders that list plus `H5PCore::$defaultLibraryWhitelistExtras = 'js css'`
  (https://github.com/h5p/h5p-php-library/blob/master/h5p.classes.php, class H5PCore).
  So `diff`, `patch`, `textile` and `swf` are allowed in a library folder: the common
  jQuery.ui-1.10 library ships a `.diff` file, and H5P.DragText, Interactive Video and many
  others bundle it. Lumi's h5p-nodejs-library uses the same lists
  (https://github.com/Lumieducation/H5P-Nodejs-library/blob/master/packages/h5p-server/src/implementation/H5PConfig.ts,
  `contentWhitelist` and `libraryWhitelist`; checked in `PackageValidator.ts`).
- Names starting with "." or "_" (any path segment, e.g. `__MACOSX/`, `.DS_Store`) are
  skipped, not refused: `H5PValidator::isValidPackage` continues on
  `preg_match('/(^[\._]|\/[\._])/', $fileName)` and never extracts them. They are not
  stored here either (`is_skipped`).
- Files at the top level other than h5p.json are ignored, not refused: core checks only
  `h5p.json`, `content/…` and names containing "/" (library files), and when it walks the
  extracted folder it skips any top-level entry that is not a directory ("Ignore this.
  Probably a file that shouldn't have been included."). They are not stored here.

Where this platform is stricter than core, on purpose (each keeps a hostile package out):
the content folder may not hold `svg`, `xml` or `swf` (an SVG or XML document can carry
script, and the content folder is the editor's upload, not reviewed library code); paths
must be relative, without "..", backslashes or control characters; links, zip bombs and
files whose bytes do not match their extension are refused. Additions to core's list:
`webp`, `oga` and `ogv`, which current editors export.
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

# H5PCore::$defaultContentWhitelist, word for word (h5p-php-library, h5p.classes.php).
CORE_CONTENT_WHITELIST = frozenset(
    "json png jpg jpeg gif bmp tif tiff svg eot ttf woff woff2 otf webm mp4 ogg mp3 m4a wav "
    "txt pdf rtf doc docx xls xlsx ppt pptx odt ods odp xml csv diff patch swf md textile vtt "
    "webvtt gltf glb".split())
# H5PCore::$defaultLibraryWhitelistExtras.
CORE_LIBRARY_WHITELIST_EXTRAS = frozenset("js css".split())
# What this platform adds (exported by current editors) and what it keeps out of content.
CONTENT_ADDED = frozenset("webp oga ogv".split())
CONTENT_REFUSED = frozenset("svg xml swf".split())

CONTENT_EXTENSIONS = (CORE_CONTENT_WHITELIST | CONTENT_ADDED) - CONTENT_REFUSED
# The library whitelist is core's content whitelist plus `js css`, exactly as in core.
LIBRARY_EXTENSIONS = CORE_CONTENT_WHITELIST | CONTENT_ADDED | CORE_LIBRARY_WHITELIST_EXTRAS

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


def is_skipped(name: str) -> bool:
    """True for an entry H5P core skips and never extracts: any path segment starting with
    "." or "_" (`H5PValidator::isValidPackage`)."""
    return any(segment.startswith((".", "_")) for segment in name.split("/") if segment)


def is_ignored_top_level_file(name: str) -> bool:
    """A file at the top level other than h5p.json: core ignores it, we do not store it."""
    return "/" not in name and name != "h5p.json"
