"""The layers of the code, checked by reading every module's imports.

`clinic` is the core: it knows users, mail, audit and the site, and no app. `leaflets` builds
on the core; `patients` builds on both. Where the core needs something from an app, the app
registers it in `clinic.hooks`. And no module imports another that imports it back.

The imports are read with `ast`, so an import inside a function counts as much as one at the
top of the file: a lazy import hides a circle from Python, not from this test.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("clinic", "leaflets", "patients")
# Which packages each package must not import.
FORBIDDEN = {"clinic": {"leaflets", "patients"}, "leaflets": {"patients"}}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _project_modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
    }


def _imported_names(module: str, path: Path) -> set[str]:
    return _names_in(path.read_text(), module=module, is_package=path.name == "__init__.py")


def _names_in(source: str, *, module: str, is_package: bool = False) -> set[str]:
    """Every dotted name the source imports, with `from a import b` also giving `a.b`."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".")
                package = package[: len(package) - node.level + (1 if is_package else 0)]
                base = ".".join([*package, base] if base else package)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _import_graph() -> dict[str, set[str]]:
    """Project module -> the modules it imports: the project module each name is in, or the
    name itself for a module outside the project."""
    modules = _project_modules()
    graph = {}
    for module, path in modules.items():
        targets = set()
        for name in _imported_names(module, path):
            found = name
            while found and found not in modules:
                found = found.rpartition(".")[0]
            targets.add(found or name)
        targets.discard(module)
        graph[module] = targets
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, circles = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return circles


def test_the_core_imports_no_app_and_leaflets_does_not_import_patients():
    offences = []
    for module, targets in _import_graph().items():
        forbidden = FORBIDDEN.get(module.partition(".")[0], set())
        offences += [
            f"{module} imports {target}"
            for target in sorted(targets)
            if target.partition(".")[0] in forbidden
        ]

    assert not offences, "Imports against the layers:\n" + "\n".join(offences)


def test_no_module_imports_one_that_imports_it_back():
    graph = _import_graph()

    circles = _circles({module: targets & graph.keys() for module, targets in graph.items()})

    lines = []
    for circle in circles:
        lines.append(" <-> ".join(circle))
        lines += [
            f"    {module} imports {target}"
            for module in circle
            for target in sorted(graph[module] & set(circle))
        ]
    assert not circles, "Import circles:\n" + "\n".join(lines)


def test_the_reader_sees_imports_inside_functions_and_relative_ones():
    source = "from . import views\n\ndef f():\n    from patients.services import g\n"

    names = _names_in(source, module="clinic.urls")

    assert {"clinic.views", "patients.services", "patients.services.g"} <= names


def test_the_reader_finds_every_circle_and_only_circles():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a", "e"}, "e": {"d"}, "f": {"a"}}

    assert _circles(graph) == [["a", "b", "c"], ["d", "e"]]
