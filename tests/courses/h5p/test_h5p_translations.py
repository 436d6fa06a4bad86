"""The H5P answer's sentences reach the German catalogue: makemessages must see each one."""

import ast
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
APPS = ("accounts", "certificates", "cms", "core", "courses", "volunteers")
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "ngettext", "pgettext", "npgettext"}


def _gettext_calls_inside_fstrings(path: Path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) \
                        and inner.func.id in GETTEXT_NAMES:
                    lines.append(inner.lineno)
    return lines


def test_no_gettext_call_hides_inside_an_fstring():
    found = [f"{path.relative_to(ROOT)}:{line}"
             for app in APPS for path in sorted((ROOT / app).rglob("*.py"))
             for line in _gettext_calls_inside_fstrings(path)]
    assert found == [], "makemessages does not extract these; translate outside the f-string"


def test_lesson_complete_sentence_is_extracted_for_translation(tmp_path):
    # The keywords makemessages passes to xgettext for Python files.
    out = tmp_path / "h5p.pot"
    subprocess.run(
        [shutil.which("xgettext"), "--language=Python", "--keyword=gettext_noop",
         "--keyword=gettext_lazy", "--keyword=ngettext_lazy:1,2", "--keyword=pgettext:1c,2",
         "--from-code=UTF-8", "-o", str(out), str(ROOT / "courses/h5p/endpoint_views.py")],
        check=True, capture_output=True)
    assert 'msgid "This lesson is complete."' in out.read_text()
