"""Import: the original with its hash, content per item, libraries shared and never changed."""

import hashlib
import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from courses.h5p import storage
from courses.h5p.models import H5PContent, H5PLibrary
from courses.h5p.services import PackageRefused, h5p_content_import
from tests.courses.h5p.builder import BROKEN, content_only, other_library_copy, valid_package

pytestmark = pytest.mark.django_db


def files_below(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes()
            for p in sorted(path.rglob("*")) if p.is_file()} if path.exists() else {}


def test_import_stores_original_content_and_library(settings):
    data = valid_package()
    result = h5p_content_import(source=io.BytesIO(data))
    content = result.content
    assert result.created and result.libraries_installed == ["H5P.TestQuestion-1.0"]
    assert content.sha256 == hashlib.sha256(data).hexdigest()
    assert content.size == len(data)
    assert content.title == "Prüfen Sie Ihr Wissen: Phishing"
    assert str(content.main_library) == "H5P.TestQuestion 1.0.0"
    assert list(content.libraries.all()) == [content.main_library]
    media = Path(settings.MEDIA_ROOT)
    assert (media / content.package.name).read_bytes() == data
    item = storage.content_dir(content.public_id)
    assert (item / "h5p.json").is_file()
    assert (item / "content" / "content.json").is_file()
    assert (item / "content" / "images" / "pixel.png").is_file()
    assert (storage.library_dir("H5P.TestQuestion-1.0") / "question.js").is_file()
    # Nothing but the store below MEDIA_ROOT/h5p, and no temporary folders left.
    assert sorted(p.name for p in (media / "h5p").iterdir()) == [
        ".tmp", "content", "libraries", "packages"]
    assert list((media / "h5p" / ".tmp").iterdir()) == []


def test_reimporting_the_same_file_is_harmless():
    first = h5p_content_import(source=io.BytesIO(valid_package()))
    before = files_below(storage.root())
    again = h5p_content_import(source=io.BytesIO(valid_package()))
    assert not again.created and again.content == first.content
    assert H5PContent.objects.count() == 1 and H5PLibrary.objects.count() == 1
    assert files_below(storage.root()) == before


def test_libraries_are_shared_between_items():
    first = h5p_content_import(source=io.BytesIO(valid_package())).content
    second = h5p_content_import(source=io.BytesIO(valid_package(question="Zweite?"))).content
    third = h5p_content_import(source=io.BytesIO(content_only("Ohne Bibliothek"))).content
    assert len({first.public_id, second.public_id, third.public_id}) == 3
    assert H5PLibrary.objects.count() == 1
    library = H5PLibrary.objects.get()
    assert set(library.contents.all()) == {first, second, third}
    assert third.main_library == library


def test_a_different_copy_of_an_installed_library_is_refused():
    h5p_content_import(source=io.BytesIO(valid_package()))
    library_files = files_below(storage.library_dir("H5P.TestQuestion-1.0"))
    before = files_below(storage.root())
    with pytest.raises(PackageRefused) as refused:
        h5p_content_import(source=io.BytesIO(other_library_copy()))
    assert "different copy of the library H5P.TestQuestion-1.0" in refused.value.problems[0]
    assert files_below(storage.root()) == before
    assert H5PContent.objects.count() == 1

    # The editor's explicit decision: keep the installed copy; the store still never changes.
    result = h5p_content_import(source=io.BytesIO(other_library_copy()),
                                keep_installed_libraries=True)
    assert result.created and result.libraries_installed == []
    assert files_below(storage.library_dir("H5P.TestQuestion-1.0")) == library_files


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize("rule", ["zip bomb", "dot dot", "symlink", "js in content",
                                  "dependency missing", "fake image"])
def test_a_refused_package_leaves_no_files_behind(rule, settings):
    with pytest.raises(PackageRefused):
        h5p_content_import(source=io.BytesIO(BROKEN[rule][0]()))
    media = Path(settings.MEDIA_ROOT)
    leftovers = [p for p in media.rglob("*") if p.is_file()]
    assert leftovers == []
    assert not H5PContent.objects.exists() and not H5PLibrary.objects.exists()


def test_a_failure_after_extraction_removes_what_was_moved(monkeypatch):
    from courses.h5p import services

    monkeypatch.setattr(services, "_dependency_closure",
                        lambda h5p_json: (_ for _ in ()).throw(RuntimeError("boom")))
    with pytest.raises(RuntimeError):
        h5p_content_import(source=io.BytesIO(valid_package()))
    assert [p for p in storage.root().rglob("*") if p.is_file()] == []
    assert not H5PLibrary.objects.exists()


def test_h5p_import_command_imports_and_exits_0(tmp_path, capsys):
    path = tmp_path / "quiz.h5p"
    path.write_bytes(valid_package())
    call_command("h5p_import", str(path))
    out = capsys.readouterr().out
    assert "imported as “Prüfen Sie Ihr Wissen: Phishing”" in out
    call_command("h5p_import", str(path))
    assert "already imported" in capsys.readouterr().out
    assert H5PContent.objects.count() == 1


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_h5p_import_command_prints_every_reason_and_exits_1(tmp_path, capsys):
    from tests.courses.h5p.builder import pack, valid_files, with_json

    files = with_json(valid_files(), "h5p.json", title=None)
    files["content/evil.js"] = b"alert(1)"
    path = tmp_path / "broken.h5p"
    path.write_bytes(pack(files))
    good = tmp_path / "good.h5p"
    good.write_bytes(valid_package())
    with pytest.raises(CommandError) as error:
        call_command("h5p_import", str(path), str(good), "--language", "en")
    assert error.value.returncode == 1
    err = capsys.readouterr().err
    assert "h5p.json needs a title" in err
    assert "“content/evil.js” has a file type that is not allowed" in err
    assert H5PContent.objects.count() == 1  # the good one still went in


def test_h5p_import_exit_status_from_the_shell(tmp_path):
    """The real process: exit code 1 and the reasons on stderr for a refused package."""
    path = tmp_path / "broken.h5p"
    path.write_bytes(BROKEN["no content.json"][0]())
    manage = Path(__file__).resolve().parents[3] / "manage.py"
    from tests.utils import current_database_url

    env = {"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin",
           # The migrated test database; the refused package never writes to it.
           "DATABASE_URL": current_database_url()}
    done = subprocess.run([sys.executable, str(manage), "h5p_import", str(path),
                           "--language", "en"], capture_output=True, text=True, env=env,
                          check=False, timeout=120)
    assert done.returncode == 1
    assert "The package has no content/content.json file." in done.stderr


def test_demo_seed_is_idempotent():
    from courses.h5p.demo import seed_h5p_demo

    first, second = seed_h5p_demo(), seed_h5p_demo()
    assert first == second and H5PContent.objects.count() == 1


def test_an_import_puts_back_the_files_of_an_installed_library_the_store_lost():
    """The library's row stays (an installed library never changes); its folder was lost,
    e.g. with a partly restored backup, and the package brings the very same files."""
    first = h5p_content_import(source=io.BytesIO(valid_package())).content
    folder = storage.library_dir("H5P.TestQuestion-1.0")
    kept = files_below(folder)
    storage.remove(folder)
    second = h5p_content_import(source=io.BytesIO(valid_package(question="Zweite?")))
    assert second.created and second.libraries_installed == []
    assert files_below(folder) == kept
    assert H5PLibrary.objects.count() == 1 and second.content.main_library == first.main_library
