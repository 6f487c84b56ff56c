"""Sphinx configuration of the poverty-procurement documentation site (Chinese first).

Build: ``sphinx-build -W --keep-going -b html docs docs/_build/html``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
# The package (src layout) is importable without installing it; CI also installs it editable.
sys.path.insert(0, str(_HERE.parent / "src"))
# Local extensions (the generated policy tables).
sys.path.insert(0, str(_HERE / "_ext"))

from poverty_procurement import __version__  # noqa: E402

try:  # jieba segments Chinese for the search index; keep its progress messages out of the build log
    import jieba
except ImportError:  # pragma: no cover - search then indexes Latin words only
    pass
else:
    jieba.setLogLevel(logging.WARNING)

project = "poverty-procurement"
author = "poverty-procurement developers"
copyright = "poverty-procurement developers"
release = __version__
version = __version__

language = "zh_CN"  # Chinese search (segmented with jieba) and Chinese UI labels
locale_dirs = ["locale"]  # locale/zh_CN/LC_MESSAGES/sphinx.po: Chinese labels for furo's page chrome

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
    "docs_generated",
    "docs_xref",
    "docs_cjk",
    "docs_search",
    "docs_downloads",
    "docs_chrome",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_generated", ".pytest_cache", "Thumbs.db", ".DS_Store"]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_default_options = {
    "members": True,
    "show-inheritance": True,
    "undoc-members": True,
}
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True

html_theme = "furo"
html_show_sphinx = False  # the footer's "Made with Sphinx and @pradyunsg's" has no translation
html_title = "poverty-procurement 文档"
html_static_path = ["_static"]
html_css_files = ["tables.css"]
html_favicon = "_static/favicon.svg"  # served at every page; without it the browser logs a 404
html_search_language = "zh"
