"""Checks of a package's manifests: h5p.json, content.json, each library.json and the
dependencies between them."""

from __future__ import annotations

import json
import zipfile

from django.utils.translation import gettext as _

from courses.h5p.package import (
    EMBED_TYPES,
    LANGUAGE_RE,
    LIBRARY_FOLDER_RE,
    MACHINE_NAME_RE,
    PLAYER_CORE_API,
    LibraryRef,
    PackageReport,
    as_version,
    dependency_ref,
)


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


def check_h5p_json(archive, entries, report: PackageReport) -> None:
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


def check_content(archive, entries, report: PackageReport) -> None:
    report.content_json = _read_json(
        archive, entries, "content/content.json", report,
        _("The package has no content/content.json file."),
        _("content/content.json is not valid JSON."))


def check_libraries(archive, entries, report: PackageReport) -> None:
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
    """Check one library.json; True when the library may be installed."""
    where = f"{folder}/library.json"
    if not isinstance(library, dict):
        report.add(_("%(where)s must contain a JSON object.") % {"where": where})
        return False
    # Every check runs (to report every problem at once) before the results are combined.
    results = [_check_library_identity(folder, where, library, report),
               _check_library_core_api(folder, where, library, report),
               _check_library_files(folder, where, library, entries, report)]
    for key in ("preloadedDependencies", "dynamicDependencies", "editorDependencies"):
        before = len(report.problems)
        _check_dependency_list(library.get(key), where, report)
        results.append(len(report.problems) == before)
    return all(results)


def _check_library_identity(folder: str, where: str, library: dict,
                            report: PackageReport) -> bool:
    """Title, machine name and version, matching the folder's name; runnable is 0 or 1."""
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
    return ok


def _check_library_core_api(folder: str, where: str, library: dict,
                            report: PackageReport) -> bool:
    """A coreApi, when given, must be numbers the shipped player supports."""
    core = library.get("coreApi")
    if core is None:
        return True
    major = as_version(core.get("majorVersion")) if isinstance(core, dict) else None
    minor = as_version(core.get("minorVersion", 0)) if isinstance(core, dict) else None
    if major is None or minor is None:
        report.add(_("%(where)s: coreApi must give majorVersion and minorVersion as "
                     "numbers.") % {"where": where})
        return False
    if (major, minor) > PLAYER_CORE_API:
        report.add(_("%(folder)s needs H5P core %(major)d.%(minor)d, but the player "
                     "supports %(have)s.") % {
            "folder": folder, "major": major, "minor": minor,
            "have": "{}.{}".format(*PLAYER_CORE_API)})
        return False
    return True


def _check_library_files(folder: str, where: str, library: dict, entries,
                         report: PackageReport) -> bool:
    """embedTypes, and preloaded scripts and styles that are really in the package."""
    ok = True
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
    return ok


def check_dependencies(report: PackageReport, *, installed: set[LibraryRef]) -> None:
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
