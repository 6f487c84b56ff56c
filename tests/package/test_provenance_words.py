"""No internal provenance words where users see them (issue 15).

The research notes behind the data name their sources by internal keys (``S1`` … ``S5``, ``W1`` …)
and by files outside the repository (``shared/…``, ``reference/…``, ``DESIGN.md``). Users get
public document names and addresses instead: in the package data the wheel ships, in every JSON
the command line emits, and in the built documentation site (checked when ``$DOCS_HTML`` names it,
as ``scripts/check.sh`` does).
"""

from __future__ import annotations

import io
import os
import re
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from poverty_procurement.cli import main

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "poverty_procurement" / "data"
INTERNAL = re.compile(r"(?<![A-Za-z0-9_])(?:S[0-9]b?|W[0-9])(?![A-Za-z0-9_])|DESIGN\.md|shared/|reference/")



def _hits(text: str) -> list[str]:
    return [text[max(0, m.start() - 30): m.end() + 30] for m in INTERNAL.finditer(text)]


def test_the_shipped_data_names_public_sources_only() -> None:
    files = [p for p in DATA.rglob("*") if p.suffix in {".csv", ".json"}]
    assert len(files) >= 6
    found = {str(p.relative_to(DATA)): _hits(p.read_text(encoding="utf-8")) for p in files}
    assert {name: hits[:3] for name, hits in found.items() if hits} == {}


@pytest.mark.parametrize("argv", [
    ["county", "田阳县", "大柴旦", "西林县", "--json"],
    ["share", "3000000", "20", "--province", "广东", "--year", "2023", "--json"],
    ["report", "--json"],
])
def test_the_json_the_command_line_emits_names_public_sources_only(argv: list[str]) -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        main(argv, out=out)
    assert out.getvalue().strip().startswith(("{", "["))
    assert _hits(out.getvalue()) == []


def test_the_built_site_names_public_sources_only() -> None:
    site = os.environ.get("DOCS_HTML")
    if not site:
        pytest.skip("DOCS_HTML is not set (scripts/check.sh builds the site and sets it)")
    root = Path(site)
    checked = 0
    found: dict[str, list[str]] = {}
    for path in root.rglob("*"):
        name = str(path.relative_to(root))
        if path.suffix not in {".html", ".txt", ".js", ".csv", ".json"}:
            continue
        if name.startswith(("_static/scripts/", ".doctrees")):
            continue  # furo's minified scripts; the doctree pickles are a build cache
        checked += 1
        if hits := _hits(path.read_text(encoding="utf-8", errors="replace")):
            found[name] = hits[:3]
    assert checked > 30
    assert found == {}
