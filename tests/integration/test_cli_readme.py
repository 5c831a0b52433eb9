"""The ``ordex`` commands the README shows exist as written, and say what a reader needs."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner

from ordex.cli import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
runner = CliRunner()
CODE = re.compile(r"```[^\n]*\n(.*?)```|`([^`\n]+)`", re.DOTALL)
COMMAND = re.compile(
    r"(?:^\s*|[;&|(]\s*|\b[A-Z_]+=\S*\s+)(?:\.venv/bin/)?ordex ((?:\[?-{0,2}[a-z][\w-]*\]? ?)+)"
)


def readme_commands(text: str) -> list[list[str]]:
    """Every ``ordex …`` command line in the README's code (blocks and inline spans)."""
    found = []
    for block, span in CODE.findall(text):
        for line in (block or span).splitlines():
            for match in COMMAND.finditer(line):
                found.append(match.group(1).replace("[", " ").replace("]", " ").split())
    return found


def _resolve(words: list[str]) -> tuple[list[str], Any]:
    """The subcommand path the words name, and its command; fails on an unknown one."""
    command: Any = typer.main.get_command(app)
    path: list[str] = []
    for word in words:
        if not hasattr(command, "commands") or word.startswith("-"):
            break
        sub = command.commands.get(word)
        assert sub is not None, f"`ordex {' '.join(words)}`: no command {word!r}"
        command, path = sub, [*path, word]
    return path, command


def test_every_ordex_command_in_the_readme_exists_with_its_options() -> None:
    commands = readme_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(commands) >= 15, commands
    for words in commands:
        path, command = _resolve(words)
        assert path, f"`ordex {' '.join(words)}` names no command"
        options = {
            name for param in command.params for name in [*param.opts, *param.secondary_opts]
        }
        for word in words[len(path) :]:
            if word.startswith("--"):
                assert word in options, f"`ordex {' '.join(words)}`: no option {word}"
        shown = runner.invoke(app, [*path, "--help"])
        assert shown.exit_code == 0, shown.output


def test_the_readme_says_where_the_ordex_command_is() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "source .venv/bin/activate" in text
    assert ".venv/bin/ordex" in text


def test_validate_judges_a_psb_style_change_as_the_server_does() -> None:
    result = runner.invoke(app, ["validate", str(EXAMPLES / "order-change.xml")])
    assert result.exit_code == 0, result.output
    assert "accepted as a change request of order PO-2026-0002" in result.output
    assert "not a valid T01 on its own" in result.output
    as_json = runner.invoke(app, ["validate", "--json", str(EXAMPLES / "order-change.xml")])
    [item] = json.loads(as_json.output)
    assert item["valid"] is True and item["changeRequestOf"] == "PO-2026-0002"


def test_validate_still_refuses_a_broken_psb_style_change(tmp_path: Path) -> None:
    broken = tmp_path / "broken-change.xml"
    text = (EXAMPLES / "order-change.xml").read_text(encoding="utf-8")
    broken.write_text(text.replace(">662.50<", ">999.00<"), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 1, result.output
    assert "INVALID as a change request of order PO-2026-0002" in result.output


def test_the_example_change_differs_from_its_order_as_the_readme_says() -> None:
    result = runner.invoke(
        app,
        ["diff", str(EXAMPLES / "order-to-change.xml"), str(EXAMPLES / "order-change.xml")],
    )
    assert result.exit_code == 1, result.output
    assert "lines: 1 added, 1 deleted, 1 changed" in result.output
