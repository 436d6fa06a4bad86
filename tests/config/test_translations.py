"""The German catalogue is complete: every interface string in the code has a German
translation that is not marked fuzzy.

`makemessages` runs as `make messages` does (same ignores), but on a copy of the sources,
so the catalogue in locale/ is only read, never rewritten. A string added or changed in
the code without a German translation shows up here as untranslated (or as fuzzy, when
gettext guessed it from a similar old one).
"""

import os
import re
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

# GNU gettext (xgettext, msgmerge, msgattrib) is installed by `make test` with Chromium.


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


def _messages(po: Path, *flags: str, field: str = "msgid") -> list[str]:
    """The msgids (or msgstrs) msgattrib selects with `flags` (e.g. --untranslated)."""
    result = subprocess.run(
        [shutil.which("msgattrib"), *flags, "--no-obsolete", "--no-wrap", str(po)],
        check=True, capture_output=True, text=True)
    return [line.removeprefix(field + " ").strip('"') for line in result.stdout.splitlines()
            if line.startswith(field + " ") and line != f'{field} ""']


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


# A German preposition before a name needs the article in the right case ("bei dem
# Thüringer Landesrechenzentrum"), which a placeholder cannot give: "von Thüringer
# Ministerium" reads wrong. Sentences name hosts and issuers after a colon or in brackets.
NAME_AFTER_PREPOSITION = re.compile(
    r"\b(?:an|auf|aus|bei|beim|durch|für|mit|von|vom|zu|zum|zur)\s+%\((?:host|issuer)\)s")


def test_no_host_or_issuer_name_follows_a_german_preposition(merged_catalogue):
    slips = [text for text in _messages(merged_catalogue, "--no-fuzzy", field="msgstr")
             if NAME_AFTER_PREPOSITION.search(text)]
    assert slips == []
