"""The German catalogue is complete: every interface string in the code has a German
translation that is not marked fuzzy.

`makemessages` runs as `make messages` does (same ignores), but on a copy of the sources,
so the catalogue in locale/ is only read, never rewritten. A string added or changed in
the code without a German translation shows up here as untranslated (or as fuzzy, when
gettext guessed it from a similar old one).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = Path("locale") / "de" / "LC_MESSAGES" / "django.po"
# What `make messages` ignores, and what is no source at all.
SKIPPED = {".venv", "node_modules", "staticfiles", "media", "private", "locale", ".git",
           "__pycache__", ".pytest_cache", ".ruff_cache"}

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("xgettext", "msgmerge", "msgattrib")),
    reason="needs GNU gettext")


def _sources_copy(target: Path) -> None:
    for entry in ROOT.iterdir():
        if entry.name in SKIPPED or entry.name.endswith((".sqlite3", ".egg-info")):
            continue
        if entry.is_dir():
            shutil.copytree(entry, target / entry.name, symlinks=True,
                            ignore=shutil.ignore_patterns(*SKIPPED, "*.pyc"))
        elif entry.suffix in {".py", ".html", ".txt"} or entry.name == "manage.py":
            shutil.copy2(entry, target / entry.name)
    (target / CATALOGUE).parent.mkdir(parents=True)
    shutil.copy2(ROOT / CATALOGUE, target / CATALOGUE)


def _messages(po: Path, *flags: str) -> list[str]:
    """The msgids msgattrib selects with `flags` (e.g. --untranslated, --only-fuzzy)."""
    result = subprocess.run(
        [shutil.which("msgattrib"), *flags, "--no-obsolete", "--no-wrap", str(po)],
        check=True, capture_output=True, text=True)
    return [line.removeprefix("msgid ").strip('"') for line in result.stdout.splitlines()
            if line.startswith("msgid ") and line != 'msgid ""']


@pytest.fixture(scope="module")
def merged_catalogue(tmp_path_factory) -> Path:
    """The German catalogue merged with what the code asks for today."""
    copy = tmp_path_factory.mktemp("sources")
    _sources_copy(copy)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "de", "--no-obsolete",
         "--ignore", ".venv/*", "--ignore", "node_modules/*", "--ignore", "staticfiles/*"],
        cwd=copy, env=env, check=True, capture_output=True)
    return copy / CATALOGUE


def test_every_interface_string_has_a_german_translation(merged_catalogue):
    missing = _messages(merged_catalogue, "--untranslated")
    assert missing == [], f"{len(missing)} strings without German translation: {missing}"


def test_no_german_translation_is_fuzzy(merged_catalogue):
    fuzzy = _messages(merged_catalogue, "--only-fuzzy")
    assert fuzzy == [], f"{len(fuzzy)} fuzzy translations to check: {fuzzy}"
