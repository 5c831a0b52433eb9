"""The configuration reference (``docs/configuration.md``), generated from the code.

Run ``make docs`` (or ``python -m ordex.config_reference > docs/configuration.md``) after
adding a setting; ``--check`` exits 1 when the file is out of date (a test runs it).

A setting is documented where it is defined: an attribute of a settings dataclass whose
docstring starts with its variable and a colon, then says what it does, as in
:class:`ordex.config.Settings` and :class:`ordex.network.ports.PeppolSettings`, found in
every module of the package; or a command-line option that reads it (``envvar=``), whose
help text is its meaning. The default is the attribute's (or the option's), unless the
docstring says ``(default …)`` itself.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import itertools
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent
VARIABLE = re.compile(r"``(ORDEX_[A-Z0-9_]*[A-Z0-9])``")
NAMES = re.compile(r"\bORDEX_[A-Z0-9_]*[A-Z0-9]\b")

HEADER = """# Configuration

ordex reads its configuration from the environment (the commands' options, where there
are any, take the same names: `ordex serve --help`). This file is generated from the code
by `make docs` (`python -m ordex.config_reference`); a test checks it is up to date and that
every `ORDEX_*` variable the code reads is in it.

| variable | default | meaning |
| --- | --- | --- |
"""


@dataclass(frozen=True)
class Variable:
    name: str
    default: str
    meaning: str


def _one_line(text: str) -> str:
    return " ".join(text.split()).replace("``", "`").replace("|", "\\|")


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "(unset)"
    if isinstance(value, bool):
        return "`1`" if value else "(unset)"
    return f"`{value}`"


def _default(cls: type, attribute: str) -> str:
    for item in dataclasses.fields(cls):
        if item.name == attribute:
            if item.default is not dataclasses.MISSING:
                return _shown(item.default)
            if item.default_factory is dataclasses.MISSING:
                return "(unset)"
    return "see meaning"


def _documented_attributes(path: Path) -> list[tuple[str, str, str]]:
    """(class, attribute, docstring) of each attribute docstring naming an ``ORDEX_`` variable."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        body = node.body
        for assign, after in itertools.pairwise(body):
            if not (isinstance(assign, ast.AnnAssign) and isinstance(assign.target, ast.Name)):
                continue
            if not (isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)):
                continue
            text = after.value.value
            if isinstance(text, str) and VARIABLE.match(text.strip()):
                found.append((node.name, assign.target.id, text.strip()))
    return found


def _module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    return ".".join(relative.parts)


def from_settings() -> dict[str, Variable]:
    variables: dict[str, Variable] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        documented = _documented_attributes(path)
        if not documented:
            continue
        module = importlib.import_module(_module_name(path))
        for class_name, attribute, text in documented:
            names = VARIABLE.findall(text)
            cls = getattr(module, class_name)
            meaning = text
            if len(names) == 1:
                meaning = re.sub(
                    r"^``ORDEX_[A-Z0-9_]+``\s*(?:\(default [^)]*\))?\s*:?\s*", "", text
                )
            for name in names:
                said = re.search(rf"``{name}`` \(default (?:``)?([^)`;]+)(?:``)?[);]", text)
                default = f"`{said.group(1)}`" if said else _default(cls, attribute)
                if not said and len(names) > 1:
                    default = "see meaning"
                variables.setdefault(name, Variable(name, default, _one_line(meaning)))
    return variables


def from_commands() -> dict[str, Variable]:
    import typer

    from ordex.cli import app

    variables: dict[str, Variable] = {}

    def walk(command: Any, path: str) -> None:
        for param in getattr(command, "params", []):
            envvar = getattr(param, "envvar", None)
            for name in [envvar] if isinstance(envvar, str) else envvar or []:
                meaning = getattr(param, "help", None) or param.name
                option = max(param.opts, key=len)
                text = f"{meaning} (`{path} {option}`)"
                variables.setdefault(name, Variable(name, _shown(param.default), _one_line(text)))
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, f"{path} {name}")

    walk(typer.main.get_command(app), "ordex")
    return variables


def variables() -> list[Variable]:
    found = from_commands()
    found.update(from_settings())  # a setting's own docstring wins over an option's help
    return sorted(found.values(), key=lambda variable: variable.name)


def render() -> str:
    rows = [f"| `{v.name}` | {v.default} | {v.meaning} |" for v in variables()]
    return HEADER + "\n".join(rows) + "\n"


def read_in_code(root: Path = PACKAGE) -> set[str]:
    """Every ``ORDEX_*`` name the package's code mentions, but error codes (``ORDEX_ERROR``)."""
    from ordex.domain.errors import OrdexError

    names: set[str] = set()
    for path in root.rglob("*.py"):
        if path.name == "config_reference.py":
            continue
        names.update(NAMES.findall(path.read_text(encoding="utf-8")))
    return names - {OrdexError.code}


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        target = Path(argv[argv.index("--check") + 1]) if len(argv) > 1 else None
        current = target.read_text(encoding="utf-8") if target and target.exists() else ""
        if current != text:
            print(f"{target} is out of date: run make docs", file=sys.stderr)
            return 1
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
