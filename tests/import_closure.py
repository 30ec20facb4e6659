"""The modules of ``audiolab`` that a script imports, directly or through other modules."""

import ast
import functools
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@functools.cache
def _module_file(name):
    """The file of an ``audiolab`` module or package, relative to the repository, or None."""
    path = REPO / Path(*name.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate.relative_to(REPO).as_posix()
    return None


@functools.cache
def _imported(path):
    """Names of every ``audiolab`` module imported anywhere in a file (functions included)."""
    names = set()
    for node in ast.walk(ast.parse((REPO / path).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in names if name == "audiolab" or name.startswith("audiolab.")}


@functools.cache
def _has_code(path):
    """Whether a file holds anything but a docstring (an empty package file runs no code)."""
    body = ast.parse((REPO / path).read_text(encoding="utf-8")).body
    return any(not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)) for node in body)


def import_closure(script):
    """Files under audiolab/ that running ``script`` imports: every module named by an import
    (at any depth) and the packages above them, leaving out package files that hold only a
    docstring."""
    seen, frontier = set(), [script]
    while frontier:
        for name in _imported(frontier.pop()):
            parts = name.split(".")
            for depth in range(1, len(parts) + 1):
                found = _module_file(".".join(parts[:depth]))
                if found and found not in seen:
                    seen.add(found)
                    frontier.append(found)
    return {path for path in seen if _has_code(path)}
