"""页面框架的中文标签 — the few English labels the furo theme writes into its templates, in Chinese.

furo passes most of its page chrome through gettext, and ``docs/locale/zh_CN/LC_MESSAGES/sphinx.po``
gives those strings in Chinese (回到顶部, 本页目录, 上一页, 下一页 …). A handful are written straight into
its templates and never reach gettext: the skip link, the ``aria-label`` of the three toggles that
screen readers announce, the ``<title>`` of the icons (shown as a tooltip), the "Copyright" of the
footer and the "Toggle navigation of …" text of the sidebar's expand buttons (issue 15: "Chinese
furo labels"). After the HTML is written, :func:`translate_page` replaces them in every page;
:data:`LABELS` is the whole list. A label that is still English in a page after the replacement
is a warning, so ``sphinx-build -W`` fails when a new furo release adds or rewords one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)

#: English as furo writes it -> the Chinese the page shows (the surrounding markup keeps each match exact)
LABELS: dict[str, str] = {
    ">Skip to content<": ">跳到正文<",
    "\n  Skip to content\n": "\n  跳到正文\n",
    'aria-label="Toggle site navigation sidebar"': 'aria-label="显示或隐藏站点导航"',
    'aria-label="Toggle table of contents sidebar"': 'aria-label="显示或隐藏本页目录"',
    'aria-label="Toggle Light / Dark / Auto color theme"': 'aria-label="切换浅色、深色或自动配色"',
    "<title>Contents</title>": "<title>本页目录</title>",
    "<title>Menu</title>": "<title>菜单</title>",
    "<title>Expand</title>": "<title>展开</title>",
    "<title>Light mode</title>": "<title>浅色</title>",
    "<title>Dark mode</title>": "<title>深色</title>",
    "<title>Auto light/dark, in light mode</title>": "<title>自动（当前浅色）</title>",
    "<title>Auto light/dark, in dark mode</title>": "<title>自动（当前深色）</title>",
    ">Copyright</a>": ">版权所有</a>",
    "Copyright &#169;": "版权所有 &#169;",
    "Toggle navigation of ": "展开或收起：",
}

# English left over after the replacement: any of the labels above, in the places furo writes them
_LEFT_OVER = re.compile("|".join(re.escape(english.strip()) for english in LABELS))


def translate_page(html: str) -> str:
    """One page's chrome in Chinese: every label of :data:`LABELS` replaced."""
    for english, chinese in LABELS.items():
        html = html.replace(english, chinese)
    return html


def _translate_site(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        if "_static" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        translated = translate_page(text)
        left = _LEFT_OVER.search(translated)
        if left:
            LOGGER.warning("English page label left in %s: %r (add it to docs_chrome.LABELS)",
                           page.relative_to(app.outdir), left.group(0))
        if translated != text:
            page.write_text(translated, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    """Sphinx entry point."""
    app.connect("build-finished", _translate_site)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
