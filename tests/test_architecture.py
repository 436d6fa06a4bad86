"""The rooms of docs' architecture hold: imports point one way, between apps and inside them.

A fast test without a database: it reads every module of our apps with ``ast`` and checks

- between apps, the room table (who may import whom; ``core`` imports nothing of ours);
- inside each app, no import circle between its modules (imports inside functions count,
  they only hide a circle);
- no page model module imports its app's views;
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


@dataclass(frozen=True)
class Import:
    source: str  # importing module, e.g. "courses.models"
    path: str  # file, relative to the repository
    line: int
    target: str  # imported module of ours, e.g. "courses.views"
    late: bool  # inside a function
    type_only: bool  # under ``if TYPE_CHECKING:``
    marked: bool  # the statement carries a "late import:" comment

    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def label(self) -> str:
        kind = " (inside a function)" if self.late else ""
        kind += " (TYPE_CHECKING only)" if self.type_only else ""
        return f"{self.source} → {self.target}{kind} [{self.where()}]"


def _excluded(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return ("migrations" in parts or "tests" in parts or "__pycache__" in parts
            or path.name.startswith("test_"))


@cache
def modules() -> dict[str, Path]:
    """Every module of our apps: dotted name → file."""
    found = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if _excluded(path):
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _is_package(module: str) -> bool:
    return modules()[module].name == "__init__.py"


def _comment_lines(source: str) -> dict[int, str]:
    comments = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            comments[token.start[0]] = token.string
    return comments


def _resolve(name: str) -> str | None:
    """The module of ours that ``name`` names, or its nearest enclosing one."""
    if name.split(".")[0] not in OURS:
        return None
    known = modules()
    candidate = name
    while candidate:
        if candidate in known:
            return candidate
        candidate = candidate.rpartition(".")[0]
    # Ours, but not a module scanned here (tests, bench, a name that does not exist).
    return name


class _Collector(ast.NodeVisitor):
    def __init__(self, module: str, path: Path, comments: dict[int, str]):
        self.module = module
        self.path = str(path.relative_to(ROOT))
        self.comments = comments
        self.depth = 0
        self.type_checking = 0
        self.imports: list[Import] = []
        self.late_unmarked: list[tuple[int, str]] = []  # any late import, ours or not

    def _function(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_If(self, node):
        test = node.test
        is_tc = (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
        if is_tc:
            self.type_checking += 1
            for child in node.body:
                self.visit(child)
            self.type_checking -= 1
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def _marked(self, node) -> bool:
        lines = range(node.lineno - 1, (node.end_lineno or node.lineno) + 1)
        return any(LATE_IMPORT_MARK in self.comments.get(n, "") for n in lines)

    def _record(self, node, names: list[str]):
        late = self.depth > 0
        marked = self._marked(node)
        if late and not marked and not self.type_checking:
            self.late_unmarked.append((node.lineno, ", ".join(names) or "?"))
        for name in names:
            target = _resolve(name)
            if target is None or target == self.module:
                continue
            self.imports.append(Import(self.module, self.path, node.lineno, target, late,
                                       bool(self.type_checking), marked))

    def visit_Import(self, node):
        self._record(node, [alias.name for alias in node.names])

    def visit_ImportFrom(self, node):
        if node.level:
            package = self.module if _is_package(self.module) else self.module.rpartition(".")[0]
            for _ in range(node.level - 1):
                package = package.rpartition(".")[0]
            base = f"{package}.{node.module}" if node.module else package
        else:
            base = node.module or ""
        names = []
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            names.append(sub if sub in modules() else base)
        self._record(node, list(dict.fromkeys(names)))


@cache
def _collect(module: str) -> _Collector:
    path = modules()[module]
    source = path.read_text(encoding="utf-8")
    collector = _Collector(module, path, _comment_lines(source))
    collector.visit(ast.parse(source, filename=str(path)))
    return collector


def imports_of_app(app: str) -> list[Import]:
    return [imp for module in modules() if module.split(".")[0] == app
            for imp in _collect(module).imports]


def _report(title: str, offences: list[str]) -> str:
    return f"{title} ({len(offences)}):\n  " + "\n  ".join(offences)


# ---------------------------------------------------------------------------------------
# (a) rooms between apps


def room_offences(app: str) -> list[str]:
    allowed = ROOMS[app]
    return [imp.label() for imp in imports_of_app(app)
            if imp.target.split(".")[0] not in allowed]


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


def _graph(app: str) -> dict[str, dict[str, Import]]:
    """module → {imported module → first import}, only inside the app; counts parents.

    Importing ``a.b.c`` runs the packages ``a`` and ``a.b`` too, so an import also points
    at the enclosing packages of its target (except the importer's own enclosing ones).
    """
    graph: dict[str, dict[str, Import]] = {m: {} for m in modules() if m.split(".")[0] == app}
    for imp in imports_of_app(app):
        if imp.type_only or imp.target not in graph:
            continue
        own_parents = {imp.source.rsplit(".", n)[0] for n in range(imp.source.count(".") + 1)}
        targets = [imp.target.rsplit(".", n)[0] for n in range(imp.target.count(".") + 1)]
        for target in targets:
            if target in graph and target not in own_parents and target != imp.source:
                graph[imp.source].setdefault(target, imp)
    return graph


def _strongly_connected(graph: dict[str, dict[str, Import]]) -> list[list[str]]:
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


def cycle_offences(app: str) -> list[str]:
    graph = _graph(app)
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


def _defines_pages(module: str) -> bool:
    tree = ast.parse(modules()[module].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for base in node.bases:
                name = base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", "")
                if name.endswith("Page"):
                    return True
    return False


def _is_views(module: str) -> bool:
    return any(VIEWS_MODULE.search(part) for part in module.split(".")[1:])


def page_views_offences(app: str) -> list[str]:
    return [imp.label() for imp in imports_of_app(app)
            if not _is_views(imp.source) and _defines_pages(imp.source)
            and imp.target.split(".")[0] == app and _is_views(imp.target)]


@pytest.mark.parametrize("app", APPS)
def test_page_models_do_not_import_their_views(app):
    offences = page_views_offences(app)
    assert not offences, _report(f"page model modules of {app} importing its views",
                                 offences)


# ---------------------------------------------------------------------------------------
# (d) no import inside a function without a stated reason


def late_import_offences(app: str) -> list[str]:
    offences = []
    for module in modules():
        if module.split(".")[0] != app:
            continue
        collector = _collect(module)
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


def status_report() -> str:
    """All offences as Markdown, for a status note: ``python tests/test_architecture.py``."""
    checks = [("rooms", room_offences), ("circles", cycle_offences),
              ("page models → views", page_views_offences),
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
