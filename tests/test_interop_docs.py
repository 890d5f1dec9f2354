"""The documentation cannot rot: its Python examples run as written, and the README's sample
output is what annales prints for ``examples/`` today.

When a change to the coder changes that output, refresh the README with
``ANNALES_UPDATE_README=1 .venv/bin/pytest tests/test_interop_docs.py``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from annales.cli import cli

ROOT = Path(__file__).parents[1]
# Pages whose Python examples run offline on a laptop. Left out: scaling.md (clusters) and
# web.md (a server that runs until Ctrl+C).
RUNNABLE = ("README.md", "docs/user-guide.md", "docs/actors.md", "docs/time-and-places.md",
            "docs/interop.md")  # fmt: skip
_PYTHON = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
_SAMPLE = re.compile(r"(## What it looks like\n\n```\n)(.*?)(^```)", re.MULTILINE | re.DOTALL)
# The commands the README shows, run in this order from the repository's root.
SAMPLE_COMMANDS = (
    ("code", "examples/", "--db", "demo.duckdb"),
    ("events", "--db", "demo.duckdb", "--involving", "RUS"),
)


def python_examples(page: str) -> list[str]:
    return _PYTHON.findall((ROOT / page).read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", RUNNABLE)
def test_python_examples_run_as_written(
    page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    examples = python_examples(page)
    assert examples, f"{page} has no Python example"
    monkeypatch.chdir(tmp_path)  # examples may create annales.duckdb and the like
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for number, source in enumerate(examples, start=1):
        try:
            exec(compile(source, f"{page} example {number}", "exec"), namespace)
        except Exception as exc:  # say which example broke, with the error
            pytest.fail(f"{page}, Python example {number} does not run: {exc!r}")


def sample_output() -> str:
    """What the README's commands print, as a terminal shows it (``$ command`` then output)."""
    runner = CliRunner()
    lines: list[str] = []
    for command in SAMPLE_COMMANDS:
        arguments = [str(ROOT / a) if a == "examples/" else a for a in command]
        result = runner.invoke(cli, arguments)
        assert result.exit_code == 0, result.output
        lines.append("$ annales " + " ".join(command))
        lines.append(result.stdout.rstrip("\n"))
    return "\n".join(lines) + "\n"


def test_readme_sample_output_is_a_real_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    match = _SAMPLE.search(text)
    assert match, "README.md has no '## What it looks like' block"
    monkeypatch.chdir(tmp_path)  # demo.duckdb is written here
    actual = sample_output()
    if os.environ.get("ANNALES_UPDATE_README") == "1":
        readme.write_text(text[: match.start(2)] + actual + text[match.end(2) :], encoding="utf-8")
        return
    assert match.group(2) == actual, (
        "the README sample output is stale; refresh it with "
        "ANNALES_UPDATE_README=1 .venv/bin/pytest tests/test_interop_docs.py"
    )
