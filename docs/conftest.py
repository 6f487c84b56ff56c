"""Run every example of the documentation site as a test (Sybil).

Convention, used on every page:

* ```` ```python ```` blocks are doctest sessions (``>>>`` prompts with their real output). They
  run in order, one namespace per page, with ``ELLIPSIS`` (whitespace must match exactly).
* ```` ```console ```` blocks are shell sessions of the command line: each ``$ poverty-procurement
  …`` line is run in-process through :func:`poverty_procurement.cli.main` (exactly what the
  installed console script calls) and everything it writes to stdout and stderr must equal the
  lines shown under it; ``$ echo $?`` prints the exit code of the previous command.
* Other languages (``sh``, ``text``, ``toml``) are shown, not run.

Pages are collected from ``docs/**/*.md``; ``_build`` and ``_generated`` are skipped, and
``conf.py`` is kept away from ``--doctest-modules`` (importing it would set up Sphinx paths).
"""

from __future__ import annotations

import contextlib
import io
import shlex
from doctest import ELLIPSIS

from sybil import Example, Sybil
from sybil.parsers.myst import CodeBlockParser, PythonCodeBlockParser, SkipParser

collect_ignore = ["conf.py", "_build", "_generated"]

_PROMPT = "$ "
_COMMAND = "poverty-procurement"


def _run(argv: list[str]) -> tuple[int, str]:
    """Run the command line in-process; returns (exit code, stdout and stderr as printed)."""
    from poverty_procurement.cli import main

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        try:
            code = main(argv)
        except SystemExit as stop:  # argparse: --help, usage errors
            code = stop.code if isinstance(stop.code, int) else 1
    return code, printed.getvalue()


def _sessions(source: str) -> list[tuple[str, list[str]]]:
    """Split a console block into (command, expected output lines) pairs."""
    sessions: list[tuple[str, list[str]]] = []
    for line in source.splitlines():
        if line.startswith(_PROMPT):
            sessions.append((line[len(_PROMPT):].strip(), []))
        elif sessions:
            sessions[-1][1].append(line)
        elif line.strip():
            raise ValueError(f"console block must start with a '$ ' command line, got {line!r}")
    return sessions


def evaluate_console(example: Example) -> str | None:
    """Check a console block: real output of each command must equal what the page shows."""
    source = str(example.parsed)
    last_code = 0
    for command, expected_lines in _sessions(source):
        if command == "echo $?":
            output = f"{last_code}\n"
        else:
            argv = shlex.split(command)
            if not argv or argv[0] != _COMMAND:
                return f"only '{_COMMAND} …' and 'echo $?' can be run, got {command!r}"
            last_code, output = _run(argv[1:])
        expected = "\n".join(expected_lines).rstrip("\n")
        if output.rstrip("\n") != expected:
            return f"$ {command}\nexpected:\n{expected}\ngot:\n{output.rstrip()}"
    return None


pytest_collect_file = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=ELLIPSIS),
        CodeBlockParser(language="console", evaluator=evaluate_console),
        SkipParser(),
    ],
    patterns=["*.md"],  # matched from the right: every .md file under docs/
    excludes=["_generated/*"],  # collect_ignore also keeps pytest out of _build and _generated
).pytest()
