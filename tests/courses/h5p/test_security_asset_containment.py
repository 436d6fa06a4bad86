"""The asset routes' last line of defence: a path that passes the route's checks (right
prefix, allowed extension) but resolves outside the item's folder is still refused."""

import json

import pytest
from django.test import Client

from courses.h5p import storage

pytestmark = pytest.mark.django_db


def content_url(content, path: str) -> str:
    return f"/h5p/dateien/inhalt/{content.public_id}/{path}"


@pytest.fixture
def outside_file():
    """A JSON file beside the content folders, i.e. outside every item's own folder."""
    path = storage.root() / "content" / "outside.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"secret": "not this item's"}), encoding="utf-8")
    return path


def test_dot_segments_after_the_content_prefix_do_not_leave_the_items_folder(
        h5p_content, outside_file):
    # Starts with "content/" and ends in ".json", so only the containment check can refuse it.
    response = Client().get(content_url(h5p_content, "content/../../outside.json"))
    assert response.status_code == 404


def test_a_symlink_inside_the_items_folder_pointing_outside_is_not_followed(
        h5p_content, outside_file):
    link = storage.content_dir(h5p_content.public_id) / "content" / "link.json"
    link.symlink_to(outside_file)
    response = Client().get(content_url(h5p_content, "content/link.json"))
    assert response.status_code == 404


def test_another_items_files_are_not_reachable_through_this_items_route(
        h5p_content, outside_file):
    other = storage.root() / "content" / "00000000-0000-4000-8000-000000000000" / "content"
    other.mkdir(parents=True)
    (other / "content.json").write_text("{}", encoding="utf-8")
    path = "content/../../00000000-0000-4000-8000-000000000000/content/content.json"
    assert Client().get(content_url(h5p_content, path)).status_code == 404


def test_library_files_stay_inside_their_library_folder(h5p_content):
    outside = storage.root() / "libraries" / "outside.js"
    outside.write_text("alert(1)", encoding="utf-8")
    path = "/h5p/dateien/bibliotheken/H5P.TestQuestion-1.0/../outside.js"
    assert Client().get(path).status_code == 404
    link = storage.library_dir("H5P.TestQuestion-1.0") / "link.js"
    link.symlink_to(outside)
    assert Client().get("/h5p/dateien/bibliotheken/H5P.TestQuestion-1.0/link.js"
                        ).status_code == 404


def test_safe_file_refuses_what_resolves_outside_its_base(tmp_path):
    base = tmp_path / "base"
    (base / "content").mkdir(parents=True)
    (base / "content" / "inside.json").write_text("{}", encoding="utf-8")
    (tmp_path / "outside.json").write_text("{}", encoding="utf-8")
    assert storage.safe_file(base, "content/inside.json") == (
        base / "content" / "inside.json").resolve()
    assert storage.safe_file(base, "content/../../outside.json") is None
    assert storage.safe_file(base, "../base/content/inside.json") is not None  # stays inside
