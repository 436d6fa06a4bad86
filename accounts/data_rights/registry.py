"""Contributors to a person's data export and erasure, registered by each app.

An app that keeps personal data calls `data_rights_register` from its `apps.py`
`ready()` (courses, volunteers, certificates), handing over two functions:

- `export(user) -> ExportPart`: JSON-serialisable data about the person, and the files
  (their uploaded documents, their certificate PDFs) to put into the ZIP;
- `erase(user) -> ErasureResult`: erases what may be erased, keeps what must be kept with
  the minimum personal data, and says what was kept and why. Runs inside the erasure's
  transaction; it must not send mail or call out.

The order of registration is the order of the sections in the export.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any


@dataclass(frozen=True)
class ExportFile:
    """One file for the ZIP: its name inside the archive and how to open it (binary)."""

    name: str
    open: Callable[[], IO[bytes]]


@dataclass
class ExportPart:
    data: Any = field(default_factory=dict)
    files: list[ExportFile] = field(default_factory=list)


@dataclass(frozen=True)
class Kept:
    """Something kept after an erasure: what, why, and until when (None: as long as needed).

    `what` and `reason` are (lazy) translatable texts written in English in the code; the
    erasure record stores the English text and the pages translate it when shown.
    """

    what: Any
    reason: Any
    until: date | None = None


@dataclass
class ErasureResult:
    erased: dict[str, int] = field(default_factory=dict)
    kept: list[Kept] = field(default_factory=list)


@dataclass(frozen=True)
class Contributor:
    key: str
    export: Callable[[Any], ExportPart]
    erase: Callable[[Any], ErasureResult]
    keeps: Callable[[Any], list[Kept]] | None = None


_CONTRIBUTORS: dict[str, Contributor] = {}


def data_rights_register(key: str, *, export: Callable, erase: Callable,
                         keeps: Callable | None = None) -> None:
    """Register (or replace) the app `key`'s exporter and eraser; `keeps(user)` (optional)
    tells beforehand what an erasure would keep, for the confirmation page."""
    _CONTRIBUTORS[key] = Contributor(key=key, export=export, erase=erase, keeps=keeps)


def data_rights_kept_preview(user) -> list[Kept]:
    return [kept for contributor in data_rights_contributors() if contributor.keeps
            for kept in contributor.keeps(user)]


def data_rights_contributors() -> Iterator[Contributor]:
    return iter(list(_CONTRIBUTORS.values()))


def rows(queryset, *, exclude: tuple[str, ...] = ()) -> list[dict]:
    """The rows of `queryset` as JSON-ready dicts for an export: every concrete field, a
    foreign key as the text of what it points at (a page's title, a person's name)."""
    result = []
    for obj in queryset:
        row = {}
        for model_field in obj._meta.concrete_fields:
            if model_field.name in exclude:
                continue
            if model_field.is_relation:
                related = getattr(obj, model_field.name, None)
                row[model_field.name] = _related_text(related)
            else:
                value = model_field.value_from_object(obj)
                row[model_field.name] = value.name if hasattr(value, "name") and hasattr(
                    value, "storage") else value
        result.append(row)
    return result


def _related_text(related) -> str | None:
    if related is None:
        return None
    display = getattr(related, "get_display_name", None)
    return display() if callable(display) else str(related)
