"""The validator: a valid package passes, and every rule has a package that breaks it."""

import io

import pytest

from courses.h5p.validator import PLAYER_CORE_API, LibraryRef, validate_package
from tests.courses.h5p.builder import BROKEN, content_only, valid_package


def test_valid_package_passes_and_is_parsed():
    report = validate_package(io.BytesIO(valid_package()))
    assert report.problems == []
    assert report.main_library == LibraryRef("H5P.TestQuestion", 1, 0)
    assert set(report.libraries) == {"H5P.TestQuestion-1.0"}
    assert report.content_json["answers"][1]["correct"] is True


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize("rule", sorted(BROKEN))
def test_every_rule_refuses_a_package_that_breaks_it(rule):
    build, phrase = BROKEN[rule]
    report = validate_package(io.BytesIO(build()))
    assert not report.valid
    assert any(phrase in problem for problem in report.problems), report.problems


def test_all_problems_are_reported_at_once():
    from tests.courses.h5p.builder import pack, valid_files, with_json

    files = with_json(valid_files(), "h5p.json", title=None, language="??")
    files["content/evil.js"] = b"alert(1)"
    files["content/photo.png"] = b"GIF89a"
    report = validate_package(io.BytesIO(pack(files)))
    assert len(report.problems) >= 4, report.problems


def test_a_dependency_may_be_installed_instead_of_bundled():
    package = io.BytesIO(content_only())
    assert not validate_package(package).valid
    installed = [LibraryRef("H5P.TestQuestion", 1, 0)]
    assert validate_package(io.BytesIO(content_only()), installed=installed).valid


def test_versions_may_be_numbers_or_numeric_strings():
    # The demo's h5p.json gives "1" and "0" as strings, its library.json gives numbers.
    assert validate_package(io.BytesIO(valid_package())).valid


def test_messages_are_translated(settings):
    from django.utils import translation

    build, _phrase = BROKEN["no h5p.json"]
    with translation.override("en"):
        english = validate_package(io.BytesIO(build())).problems
    assert english == ["The package has no h5p.json file."]


def test_player_core_api_is_pinned():
    assert PLAYER_CORE_API == (1, 27)
