"""Packages as the H5P ecosystem ships them import here, by H5P core's own rules."""

import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from courses.h5p import storage
from courses.h5p.package import (
    CONTENT_EXTENSIONS,
    CORE_CONTENT_WHITELIST,
    LIBRARY_EXTENSIONS,
)
from courses.h5p.services import h5p_content_import
from courses.h5p.validator import validate_package
from tests.courses.h5p.builder import JQUERY_UI, with_jquery_ui, with_top_level_extras

pytestmark = pytest.mark.django_db


def stored_names() -> set[str]:
    return {p.relative_to(storage.root()).as_posix()
            for p in storage.root().rglob("*") if p.is_file()}


def test_library_whitelist_is_cores_content_whitelist_plus_js_css():
    assert CORE_CONTENT_WHITELIST | {"js", "css"} <= LIBRARY_EXTENSIONS
    assert {"diff", "patch", "textile"} <= CONTENT_EXTENSIONS
    # Stricter than core on purpose: script carriers stay out of the content folder.
    assert not {"svg", "xml", "swf", "js", "css", "html"} & CONTENT_EXTENSIONS


def test_top_level_readme_and_macos_files_are_ignored_not_refused():
    report = validate_package(io.BytesIO(with_top_level_extras()))
    assert report.valid, report.problems
    for name in ("README.txt", "LICENSE", ".DS_Store", "content/.DS_Store"):
        assert name not in report.names


def test_package_with_top_level_readme_imports_without_storing_it():
    content = h5p_content_import(source=io.BytesIO(with_top_level_extras())).content
    names = stored_names()
    item = f"content/{content.public_id}"
    assert f"{item}/h5p.json" in names and f"{item}/content/content.json" in names
    assert not any(name.endswith(("README.txt", "LICENSE", ".DS_Store"))
                   or "__MACOSX" in name or "/._" in name for name in names)


def test_package_bundling_jquery_ui_with_a_diff_file_imports_and_serves_it():
    result = h5p_content_import(source=io.BytesIO(with_jquery_ui()))
    assert JQUERY_UI in result.libraries_installed
    diff = storage.library_dir(JQUERY_UI) / "jquery-ui.diff"
    assert diff.read_bytes().startswith(b"--- a/jquery-ui.js")
    response = Client().get(reverse("h5p:library_asset", args=[JQUERY_UI, "jquery-ui.diff"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_skipped_name_is_not_extracted_even_where_its_type_is_allowed():
    """`content/_notes.txt` is skipped as in core, so it never reaches the store."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(with_jquery_ui())) as source, \
            zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("content/_notes.txt", b"private notes")
        target.writestr(f"{JQUERY_UI}/.hidden.js", b"alert(1)")
    content = h5p_content_import(source=io.BytesIO(buffer.getvalue())).content
    assert not (storage.content_dir(content.public_id) / "content" / "_notes.txt").exists()
    assert not (storage.library_dir(JQUERY_UI) / ".hidden.js").exists()
