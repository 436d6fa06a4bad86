"""The rooms of ARCHITECTURE.md hold: imports point one way, between apps and inside them.

A fast test without a database: it reads every module of our apps with ``ast`` and checks

- between apps, the room table (who may import whom; ``core`` imports nothing of ours);
- inside each app, no import circle between its modules (imports inside functions count,
  they only hide a circle);
- no page model module imports its app's views;
- inside each app the layers point down: pure rules, models, selectors, services,
  interfaces (views, forms, hooks, tasks, admin) — a module never imports a higher layer;
- no import placed inside a function unless its line says why with ``late import: …``.

Each check runs per app, so ``pytest tests/test_architecture.py -k volunteers`` shows one
app's offences.
"""

from __future__ import annotations

import ast
import io
import re
import sys
import tokenize
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The room table: which of our top-level packages each app may import (itself included).
ROOMS: dict[str, set[str]] = {
    "core": {"core"},
    "accounts": {"core", "accounts"},
    "certificates": {"core", "accounts", "certificates"},
    "h5p": {"core", "accounts", "h5p"},  # should H5P become an app of its own
    "courses": {"core", "accounts", "certificates", "h5p", "courses"},
    "volunteers": {"core", "accounts", "certificates", "volunteers"},
    "cms": {"core", "accounts", "certificates", "h5p", "courses", "volunteers", "cms"},
    "config": {"core", "accounts", "certificates", "h5p", "courses", "volunteers", "cms",
               "config"},
}
# Top-level packages of this repository that no app may import.
OURS = set(ROOMS) | {"tests", "bench"}
APPS = [app for app in ROOMS if (ROOT / app).is_dir()]
LATE_IMPORT_MARK = "late import:"
VIEWS_MODULE = re.compile(r"(^|_)views?$")
# Layers inside an app, by module (or package) name; unnamed modules are not checked.
LAYERS = {"rules": 0, "workflow": 0, "models": 1, "selectors": 2, "services": 3}
INTERFACE_MODULE = re.compile(r"(^|_)(views?|forms|wagtail_hooks|hooks|tasks|admin)$")
INTERFACE_LAYER = 4
LAYER_NAMES = ["rules", "models", "selectors", "services", "interfaces"]


@dataclass(frozen=True)
class Import:
    source: str  # importing module, e.g. "courses.models"
    path: str  # file, relative to the repository
    line: int
    target: str  # imported module of ours, e.g. "courses.views"
    late: bool  # inside a function
    type_only: bool  # under ``if TYPE_CHECKING:``

    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def label(self) -> str:
        kind = " (inside a function)" if self.late else ""
        kind += " (TYPE_CHECKING only)" if self.type_only else ""
        return f"{self.source} → {self.target}{kind} [{self.where()}]"


def _comment_lines(source: str) -> dict[int, str]:
    comments = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            comments[token.start[0]] = token.string
    return comments


class Codebase:
    """The modules of `apps` under `root` (without migrations and tests), read with ast."""

    def __init__(self, root: Path, apps: list[str], ours: set[str]):
        self.root, self.apps, self.ours = root, apps, ours
        self.modules: dict[str, Path] = {}
        for app in apps:
            for path in sorted((root / app).rglob("*.py")):
                if self._excluded(path):
                    continue
                parts = list(path.relative_to(root).with_suffix("").parts)
                if parts[-1] == "__init__":
                    parts.pop()
                self.modules[".".join(parts)] = path
        self._collected: dict[str, _Collector] = {}

    def _excluded(self, path: Path) -> bool:
        parts = path.relative_to(self.root).parts
        return ("migrations" in parts or "tests" in parts or "__pycache__" in parts
                or path.name.startswith("test_"))

    def is_package(self, module: str) -> bool:
        return self.modules[module].name == "__init__.py"

    def resolve(self, name: str) -> str | None:
        """The module of ours that `name` names, or its nearest enclosing one."""
        if name.split(".")[0] not in self.ours:
            return None
        candidate = name
        while candidate:
            if candidate in self.modules:
                return candidate
            candidate = candidate.rpartition(".")[0]
        return name  # ours, but not scanned here (tests, bench, a name that does not exist)

    def collect(self, module: str) -> _Collector:
        if module not in self._collected:
            path = self.modules[module]
            source = path.read_text(encoding="utf-8")
            collector = _Collector(self, module, path, _comment_lines(source))
            collector.visit(ast.parse(source, filename=str(path)))
            self._collected[module] = collector
        return self._collected[module]

    def app_modules(self, app: str) -> list[str]:
        return [m for m in self.modules if m.split(".")[0] == app]

    def imports_of_app(self, app: str) -> list[Import]:
        return [imp for module in self.app_modules(app) for imp in self.collect(module).imports]

    def defines_pages(self, module: str) -> bool:
        return self.collect(module).defines_pages


class _Collector(ast.NodeVisitor):
    def __init__(self, codebase: Codebase, module: str, path: Path, comments: dict[int, str]):
        self.codebase = codebase
        self.module = module
        self.path = str(path.relative_to(codebase.root))
        self.comments = comments
        self.depth = 0
        self.type_checking = 0
        self.imports: list[Import] = []
        self.late_unmarked: list[tuple[int, str]] = []  # any late import, ours or not
        self.defines_pages = False

    def _function(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_ClassDef(self, node):
        for base in node.bases:
            name = base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", "")
            if name.endswith("Page"):
                self.defines_pages = True
        self.generic_visit(node)

    def visit_If(self, node):
        test = node.test
        is_tc = (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
        if not is_tc:
            self.generic_visit(node)
            return
        self.type_checking += 1
        for child in node.body:
            self.visit(child)
        self.type_checking -= 1
        for child in node.orelse:
            self.visit(child)

    def _marked(self, node) -> bool:
        lines = range(node.lineno - 1, (node.end_lineno or node.lineno) + 1)
        return any(LATE_IMPORT_MARK in self.comments.get(n, "") for n in lines)

    def _record(self, node, names: list[str]):
        late = self.depth > 0
        if late and not self.type_checking and not self._marked(node):
            self.late_unmarked.append((node.lineno, ", ".join(names) or "?"))
        for name in names:
            target = self.codebase.resolve(name)
            if target is None or target == self.module:
                continue
            self.imports.append(Import(self.module, self.path, node.lineno, target, late,
                                       bool(self.type_checking)))

    def visit_Import(self, node):
        self._record(node, [alias.name for alias in node.names])

    def visit_ImportFrom(self, node):
        if node.level:
            package = (self.module if self.codebase.is_package(self.module)
                       else self.module.rpartition(".")[0])
            for _ in range(node.level - 1):
                package = package.rpartition(".")[0]
            base = f"{package}.{node.module}" if node.module else package
        else:
            base = node.module or ""
        names = []
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            names.append(sub if sub in self.codebase.modules else base)
        self._record(node, list(dict.fromkeys(names)))


@cache
def codebase() -> Codebase:
    return Codebase(ROOT, APPS, OURS)


def _report(title: str, offences: list[str]) -> str:
    return f"{title} ({len(offences)}):\n  " + "\n  ".join(offences)


# ---------------------------------------------------------------------------------------
# (a) rooms between apps


def room_offences(app: str, code: Codebase | None = None, rooms=ROOMS) -> list[str]:
    code = code or codebase()
    return [imp.label() for imp in code.imports_of_app(app)
            if imp.target.split(".")[0] not in rooms[app]]


@pytest.mark.parametrize("app", APPS)
def test_app_imports_only_the_rooms_below_it(app):
    offences = room_offences(app)
    assert not offences, _report(
        f"{app} may import only {sorted(ROOMS[app])}; these imports go elsewhere", offences)


def test_every_app_folder_has_a_row_in_the_room_table():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps <= set(ROOMS), f"add a row to ROOMS for: {sorted(apps - set(ROOMS))}"


# ---------------------------------------------------------------------------------------
# (b) no import circle inside an app


def _graph(code: Codebase, app: str) -> dict[str, dict[str, Import]]:
    """module → {imported module → first import}, only inside the app; counts parents.

    Importing ``a.b.c`` runs the packages ``a`` and ``a.b`` too, so an import also points
    at the enclosing packages of its target (except the importer's own enclosing ones).
    """
    graph: dict[str, dict[str, Import]] = {m: {} for m in code.app_modules(app)}
    for imp in code.imports_of_app(app):
        if imp.type_only or imp.target not in graph:
            continue
        own_parents = {imp.source.rsplit(".", n)[0] for n in range(imp.source.count(".") + 1)}
        targets = [imp.target.rsplit(".", n)[0] for n in range(imp.target.count(".") + 1)]
        for target in targets:
            if target in graph and target not in own_parents and target != imp.source:
                graph[imp.source].setdefault(target, imp)
    return graph


def _strongly_connected(graph: dict[str, dict[str, Import]]) -> list[list[str]]:
    """Tarjan's algorithm: the groups of modules that reach each other (size > 1)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def _shortest_cycle(graph, start: str, within: set[str]) -> list[str]:
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(graph[node]):
            if nxt not in within:
                continue
            if nxt == start:
                return paths[node] + [start]
            if nxt not in paths:
                paths[nxt] = paths[node] + [nxt]
                queue.append(nxt)
    return []


def cycle_offences(app: str, code: Codebase | None = None) -> list[str]:
    """Each circle as a chain ``a → b [file:line] → a [file:line]``."""
    graph = _graph(code or codebase(), app)
    offences = []
    for component in _strongly_connected(graph):
        within = set(component)
        seen = set()
        for start in component:
            cycle = _shortest_cycle(graph, start, within)
            key = frozenset(pairwise(cycle))
            if not cycle or key in seen:
                continue
            seen.add(key)
            steps = [cycle[0]]
            for a, b in pairwise(cycle):
                imp = graph[a][b]
                late = " (inside a function)" if imp.late else ""
                steps.append(f"→ {b}{late} [{imp.where()}]")
            offences.append(" ".join(steps))
    return offences


@pytest.mark.parametrize("app", APPS)
def test_no_import_circle_inside_the_app(app):
    offences = cycle_offences(app)
    assert not offences, _report(f"import circles inside {app}", offences)


# ---------------------------------------------------------------------------------------
# (c) page models do not import their app's views


def _is_views(module: str) -> bool:
    return any(VIEWS_MODULE.search(part) for part in module.split(".")[1:])


def page_views_offences(app: str, code: Codebase | None = None) -> list[str]:
    code = code or codebase()
    return [imp.label() for imp in code.imports_of_app(app)
            if not _is_views(imp.source) and code.defines_pages(imp.source)
            and imp.target.split(".")[0] == app and _is_views(imp.target)]


@pytest.mark.parametrize("app", APPS)
def test_page_models_do_not_import_their_views(app):
    offences = page_views_offences(app)
    assert not offences, _report(f"page model modules of {app} importing its views",
                                 offences)


# ---------------------------------------------------------------------------------------
# (d) no import inside a function without a stated reason


def late_import_offences(app: str, code: Codebase | None = None) -> list[str]:
    code = code or codebase()
    offences = []
    for module in code.app_modules(app):
        collector = code.collect(module)
        offences += [f"{collector.path}:{line} imports {names} inside a function"
                     for line, names in collector.late_unmarked]
    return offences


@pytest.mark.parametrize("app", APPS)
def test_imports_inside_functions_say_why(app):
    offences = late_import_offences(app)
    assert not offences, _report(
        f"imports inside functions in {app} without a '# {LATE_IMPORT_MARK} <reason>' "
        "comment (move them to the top of the module, or say why they must stay)",
        offences)


# ---------------------------------------------------------------------------------------
# The checks themselves find what they look for (a small made-up project).

PLANTED = {
    "core/__init__.py": "",
    "core/jobs.py": "from accounts import models\n",  # core imports upward
    "accounts/__init__.py": "",
    "accounts/models.py": "import courses.models\n",  # accounts imports upward
    "courses/__init__.py": "",
    "courses/rules.py": "",
    "courses/models.py": (
        "from wagtail.models import Page\n"
        "from . import rules\n"
        "class LessonPage(Page):\n"
        "    def serve(self, request):\n"
        "        from courses.views import lesson_serve\n"  # page model → views, late
        "        return lesson_serve(request, self)\n"
        "    def get_context(self, request):\n"
        "        import json  # late import: a genuine reason\n"
        "        return {}\n"),
    "courses/selectors.py": "from courses.models import LessonPage\n",
    "courses/services.py": (
        "from courses import selectors\n"
        "def advance():\n"
        "    from courses.services import advance\n"),  # its own module: no edge
    "courses/views.py": "from .models import LessonPage\nfrom .services import advance\n",
    "courses/sub/__init__.py": "from .deep import thing\n",
    "courses/sub/deep.py": "from ..services import advance\nthing = 1\n",
    "courses/sub/selectors.py": "from courses.services import advance\n",
    "courses/tests/test_x.py": "from courses.views import *\n",  # tests are not scanned
    "courses/migrations/0001_initial.py": "import volunteers.models\n",
}


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> Codebase:
    root = tmp_path_factory.mktemp("project")
    for name, text in PLANTED.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return Codebase(root, ["core", "accounts", "courses"], {"core", "accounts", "courses",
                                                               "volunteers", "tests"})


def test_the_room_check_finds_upward_imports_and_skips_migrations_and_tests(planted):
    assert room_offences("core", planted) == ["core.jobs → accounts.models [core/jobs.py:1]"]
    assert room_offences("accounts", planted) == [
        "accounts.models → courses.models [accounts/models.py:1]"]
    assert room_offences("courses", planted) == []


def test_the_circle_check_counts_imports_inside_functions_and_relative_ones(planted):
    assert sorted(cycle_offences("courses", planted)) == [
        "courses.models → courses.views (inside a function) [courses/models.py:5] "
        "→ courses.models [courses/views.py:1]",
        "courses.selectors → courses.models [courses/selectors.py:1] "
        "→ courses.views (inside a function) [courses/models.py:5] "
        "→ courses.services [courses/views.py:2] → courses.selectors [courses/services.py:1]"]


def test_the_circle_check_counts_the_packages_an_import_runs(planted):
    graph = _graph(planted, "courses")
    assert set(graph["courses.sub"]) == {"courses.sub.deep"}
    assert set(graph["courses.sub.deep"]) == {"courses.services"}


def test_the_page_model_check_finds_a_page_importing_its_views(planted):
    assert page_views_offences("courses", planted) == [
        "courses.models → courses.views (inside a function) [courses/models.py:5]"]


def test_the_late_import_check_accepts_only_imports_that_say_why(planted):
    assert late_import_offences("courses", planted) == [
        "courses/models.py:5 imports courses.views inside a function",
        "courses/services.py:3 imports courses.services inside a function"]


# ---------------------------------------------------------------------------------------
# (e) layers inside an app point down


def layer_of(module: str) -> int | None:
    for part in reversed(module.split(".")[1:]):
        if part in LAYERS:
            return LAYERS[part]
        if INTERFACE_MODULE.search(part):
            return INTERFACE_LAYER
    return None


def layer_offences(app: str, code: Codebase | None = None) -> list[str]:
    code = code or codebase()
    offences = []
    for imp in code.imports_of_app(app):
        if imp.target.split(".")[0] != app or imp.type_only:
            continue
        low, high = layer_of(imp.source), layer_of(imp.target)
        if low is not None and high is not None and high > low:
            offences.append(f"{imp.label()}: {LAYER_NAMES[low]} import {LAYER_NAMES[high]}")
    return offences


@pytest.mark.parametrize("app", APPS)
def test_layers_inside_the_app_point_down(app):
    offences = layer_offences(app)
    assert not offences, _report(f"imports going up a layer inside {app}", offences)


def test_the_layer_check_finds_a_selector_calling_a_service(planted):
    assert layer_offences("courses", planted) == [
        "courses.models → courses.views (inside a function) [courses/models.py:5]: "
        "models import interfaces",
        "courses.sub.selectors → courses.services [courses/sub/selectors.py:1]: "
        "selectors import services"]


def status_report() -> str:
    """All offences as Markdown, for a status note: ``python tests/test_architecture.py``."""
    checks = [("rooms", room_offences), ("circles", cycle_offences),
              ("page models → views", page_views_offences), ("layers", layer_offences),
              ("imports inside functions", late_import_offences)]
    lines = []
    for app in APPS:
        for title, check in checks:
            offences = check(app)
            lines.append(f"## {app}: {title} — {len(offences)}")
            lines += [f"- {o}" for o in offences]
            lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(status_report() + "\n")
