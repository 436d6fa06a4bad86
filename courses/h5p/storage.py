"""Where H5P files live, below MEDIA_ROOT/h5p/ and nowhere else.

    h5p/packages/<sha256>.h5p              the original upload, named by its hash
    h5p/content/<public_id>/h5p.json       one folder per content item
    h5p/content/<public_id>/content/…      content.json and the item's media
    h5p/libraries/<machineName-major.minor>/…   the shared library store, written once

Every write goes to a private temporary folder below h5p/.tmp/ first and is moved into
place with a rename only when the whole package has been extracted, so a refused or failed
import leaves nothing behind. Library folders are never modified once they are in the store.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

from courses.h5p.archive_checks import read_member
from courses.h5p.package import (
    DEFAULT_MAX_FILE_BYTES,
    LIBRARY_EXTENSIONS,
    extension,
    is_skipped,
    limit,
)

CHUNK = 1024 * 1024


def root() -> Path:
    return Path(settings.MEDIA_ROOT).resolve() / "h5p"


def library_dir(folder: str) -> Path:
    return root() / "libraries" / folder


def content_dir(public_id: uuid.UUID | str) -> Path:
    return root() / "content" / str(public_id)


def package_name(sha256: str) -> str:
    """The original's name relative to MEDIA_ROOT (what the FileField stores)."""
    return f"h5p/packages/{sha256}.h5p"


@contextlib.contextmanager
def workspace() -> Iterator[Path]:
    """A temporary folder on the same file system as the store (so moves are renames)."""
    base = root() / ".tmp"
    base.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(dir=base))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def copy_hashed(source, target: Path, *, max_bytes: int) -> tuple[str, int]:
    """Copy a file object or path to `target`; return its SHA-256 and size."""
    digest, size = hashlib.sha256(), 0
    opened = open(source, "rb") if isinstance(source, str | os.PathLike) else None
    handle = opened or source
    try:
        if hasattr(handle, "seek"):
            handle.seek(0)
        with open(target, "wb") as out:
            while chunk := handle.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise ValueError("package too large")
                digest.update(chunk)
                out.write(chunk)
    finally:
        if opened is not None:
            opened.close()
    return digest.hexdigest(), size


def library_files_sha256(archive: zipfile.ZipFile, folder: str) -> str:
    """A hash over the names and bytes of one library folder inside a package."""
    digest = hashlib.sha256()
    prefix = f"{folder}/"
    max_file = limit("H5P_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES)
    for info in sorted((i for i in archive.infolist()
                        if i.filename.startswith(prefix) and not i.is_dir()
                        and not is_skipped(i.filename)),
                       key=lambda i: i.filename):
        data = read_member(archive, info, max_bytes=max_file)
        digest.update(info.filename[len(prefix):].encode() + b"\0")
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def extract_folder(archive: zipfile.ZipFile, prefix: str, target: Path, *,
                   allowed: frozenset[str] = LIBRARY_EXTENSIONS) -> None:
    """Extract the entries below `prefix` into `target`, refusing anything that escapes it."""
    max_file = limit("H5P_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES)
    target = target.resolve()
    for info in archive.infolist():
        if not info.filename.startswith(prefix) or info.is_dir() or is_skipped(info.filename):
            continue  # names starting with "." or "_" are skipped, as in H5P core
        relative = info.filename[len(prefix):]
        if extension(relative) not in allowed:
            raise ValueError(info.filename)
        destination = (target / relative).resolve()
        if target not in destination.parents:
            raise ValueError(info.filename)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(read_member(archive, info, max_bytes=max_file))


def move_into_place(source: Path, destination: Path) -> bool:
    """Rename a finished folder or file into the store; False if the destination exists."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    if destination.exists():
        return False
    os.replace(source, destination) if source.is_file() else source.rename(destination)
    return True


def remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def safe_file(base: Path, relative: str) -> Path | None:
    """The file `relative` below `base`, or None when it is missing or escapes `base`."""
    if not relative or "\\" in relative or "\0" in relative:
        return None
    base = base.resolve()
    candidate = (base / relative).resolve()
    if base not in candidate.parents or not candidate.is_file():
        return None
    return candidate
