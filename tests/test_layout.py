"""The layout holds (issue 30): no import circle, no import from a lower part up to a higher one, third-party
engines imported only in their own package, web and the CLI through the facade only, no module over 300 lines.

An AST walk over `indexer/` and `web/`: every import counts, also those inside functions and under TYPE_CHECKING.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 300

# Lowest first. A module may import its own part and the parts ranked below it, never one beside or above it.
PARTS: dict[str, int] = {
    "base": 0,  # indexer.errors, settings, folding, dates, periods, locked_file: know nothing of the rest
    "indexer.query": 1,  # the request, its results, the facets, markup: plain data
    "indexer.read": 2, "indexer.backend": 2,  # bytes → documents; the index (beside each other, never mixed)
    "indexer.entities": 3,  # spaCy and the name rules
    "indexer.write": 4,  # the pipeline, the registry, canonical names over the collection, upkeep
    "indexer.views": 5,  # what is built over search results
    "facade": 6,  # indexer/__init__.py (the names web and the CLI use), engine.py (Sleuth) and browsing.py
    "web": 7,
    "indexer.cli": 8,  # with indexer/__main__.py
}
BASE = {"indexer.errors", "indexer.settings", "indexer.folding", "indexer.dates", "indexer.periods", "indexer.locked_file",
        "indexer.disk"}
FACADE = {"indexer", "indexer.engine", "indexer.browsing", "indexer.annotating"}
# Where each third-party engine may be imported (a module path prefix).
CONFINED = {
    "whoosh": "indexer.backend.whoosh",
    "spacy": "indexer.entities.nlp",
    "opensearchpy": "indexer.backend.opensearch",
    "dask": "indexer.entities",
    "distributed": "indexer.entities",
}
# From `indexer`, web and the CLI take only the facade's names; the CLI starts the server through web.serve.
FACADE_ONLY = {"web": {"indexer"}, "indexer.cli": {"indexer", "web.serve"}}


def modules(root: Path, packages: tuple[str, ...] = ("indexer", "web")) -> dict[str, Path]:
    """Module name → file, for every .py under the given top-level packages."""
    found = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> tuple[set[str], set[str]]:
    """(the project modules this module imports, the top-level names of the other packages it imports)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    inner, outer = set(), set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            # `from . import x` imports the module x when there is one, else a name of the package.
            targets = [f"{module}.{a.name}" if f"{module}.{a.name}" in known else module for a in node.names]
        else:
            continue
        for target in targets:
            top = target.split(".")[0]
            if top in ("indexer", "web"):
                while target not in known and "." in target:
                    target = target.rpartition(".")[0]
                if target != name:
                    inner.add(target)
            else:
                outer.add(top)
    return inner, outer


def part_of(name: str) -> str:
    """The part a module belongs to: the base modules, else the longest listed prefix."""
    if name in BASE:
        return "base"
    if name in FACADE:
        return "facade"
    if name == "indexer.__main__":
        return "indexer.cli"
    candidates = [p for p in PARTS if p not in ("base", "facade") and (name == p or name.startswith(p + "."))]
    return max(candidates, key=len)


def problems(root: Path) -> list[str]:
    """Every breach of the layout rules under root, as readable lines (empty when the layout holds)."""
    known = modules(root)
    graph: dict[str, set[str]] = {}
    found = []
    for name, path in known.items():
        inner, outer = imports(name, path, known)
        graph[name] = inner
        here = part_of(name)
        for target in sorted(inner):
            there = part_of(target)
            if here != there and PARTS[there] >= PARTS[here]:
                found.append(f"upward or sideways import: {name} ({here}) imports {target} ({there})")
            for part, allowed in FACADE_ONLY.items():
                if here == part and there != part and target not in allowed:
                    found.append(f"{name} imports {target}: {part} may import only {sorted(allowed)}")
        for engine, home in CONFINED.items():
            if engine in outer and not (name == home or name.startswith(home + ".")):
                found.append(f"{name} imports {engine}, which only {home} may import")
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            found.append(f"{path.relative_to(root)} has {lines} lines (at most {MAX_LINES})")
    found += [f"import circle: {' -> '.join(c)}" for c in circles(graph)]
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles: strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_layout_holds():
    assert problems(ROOT) == []


def test_every_module_has_a_part():
    for name in modules(ROOT):
        assert part_of(name) in PARTS


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    for package in ("indexer", "web"):
        (tmp_path / package).mkdir(exist_ok=True)
        (tmp_path / package / "__init__.py").touch()
    return tmp_path


@pytest.mark.parametrize("files, expected", [
    # the views importing the facade back, as they did before the layout issue
    ({"indexer/engine.py": "from .views import grouping\n", "indexer/views/__init__.py": "",
      "indexer/views/grouping.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..engine import Sleuth\n"},
     ["upward or sideways import: indexer.views.grouping (indexer.views) imports indexer.engine (facade)",
      "import circle: indexer.engine -> indexer.views.grouping"]),
    # request <-> results inside one part: no upward import, still a circle
    ({"indexer/query/__init__.py": "", "indexer/query/request.py": "from .results import FILTER_FACETS\n",
      "indexer/query/results.py": "def f():\n    from .request import SearchRequest\n"},
     ["import circle: indexer.query.request -> indexer.query.results"]),
    # the backend reaching up into the entity rules; a reader reaching sideways into the backend
    ({"indexer/backend/__init__.py": "from ..entities.names import name_key\n", "indexer/entities/__init__.py": "",
      "indexer/entities/names.py": "", "indexer/read/__init__.py": "from ..backend import Backend\n"},
     ["upward or sideways import: indexer.backend (indexer.backend) imports indexer.entities.names (indexer.entities)",
      "upward or sideways import: indexer.read (indexer.read) imports indexer.backend (indexer.backend)"]),
    # whoosh outside its backend, spacy outside the NLP module
    ({"indexer/write/__init__.py": "import whoosh.index\n", "indexer/entities/__init__.py": "",
      "indexer/entities/canon.py": "from spacy.matcher import PhraseMatcher\n"},
     ["indexer.entities.canon imports spacy, which only indexer.entities.nlp may import",
      "indexer.write imports whoosh, which only indexer.backend.whoosh may import"]),
    # web and the CLI past the facade
    ({"web/views/__init__.py": "", "web/views/search.py": "from indexer.query.request import SearchRequest\n",
      "indexer/query/__init__.py": "", "indexer/query/request.py": "", "indexer/cli/__init__.py": "from ..engine import Sleuth\n",
      "indexer/engine.py": ""},
     ["indexer.cli imports indexer.engine: indexer.cli may import only ['indexer', 'web.serve']",
      "web.views.search imports indexer.query.request: web may import only ['indexer']"]),
    ({"indexer/dates.py": "x = 1\n" * 301}, ["indexer/dates.py has 301 lines (at most 300)"]),
])
def test_the_check_finds_each_kind_of_breach(tmp_path, files, expected):
    assert sorted(problems(_tree(tmp_path, files))) == sorted(expected)
