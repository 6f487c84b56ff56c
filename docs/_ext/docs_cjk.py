"""中文断行 — drop the line breaks that source wrapping leaves between two Chinese characters.

Pages are wrapped at about 100 columns. A line break inside a paragraph is a soft break, which
HTML renders as a space: harmless in English, but a stray space in the middle of Chinese text
("采购\\n总额" would show as "采购 总额"). This transform removes a soft break when the
characters on both sides are CJK (ideographs, CJK or full-width punctuation, Chinese quotes);
between Chinese and Latin text the break stays a space. Code and literals are left alone.

>>> join_cjk_lines("年度食堂食材\\n采购总额，\\n预留比例 20%\\nof total")
'年度食堂食材采购总额，预留比例 20%\\nof total'
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sphinx.transforms import SphinxTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["JoinCJKLines", "join_cjk_lines", "setup"]

_CJK = "\u2014\u2018\u2019\u201c\u201d\u2026\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=[{_CJK}])")


def join_cjk_lines(text: str) -> str:
    """Remove line breaks (and the spaces around them) between two CJK characters."""
    return _BREAK.sub("", text)


class JoinCJKLines(SphinxTransform):
    """Apply :func:`join_cjk_lines` to every text node outside code and literals."""

    default_priority = 700

    def apply(self, **kwargs: Any) -> None:
        from docutils import nodes  # type: ignore[import-untyped,unused-ignore]

        skip = (nodes.FixedTextElement, nodes.literal, nodes.raw)
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if "\n" not in text or parent is None or isinstance(parent, skip):
                continue
            # MyST emits a soft break as its own Text node, so look at the neighbours too. Find it by
            # identity: Text is a str, so parent.index() would find the first equal "\n" node.
            index = next(i for i, child in enumerate(parent.children) if child is text)
            left = parent[index - 1].astext()[-1:] if index > 0 else ""
            right = parent[index + 1].astext()[:1] if index + 1 < len(parent) else ""
            joined = join_cjk_lines(left + str(text) + right)
            middle = joined[len(left): len(joined) - len(right)]
            if middle != str(text):
                parent[index] = nodes.Text(middle)


def setup(app: Sphinx) -> dict[str, Any]:
    """Sphinx entry point."""
    app.add_transform(JoinCJKLines)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
