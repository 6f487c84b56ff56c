"""生成的文档片段 — Markdown includes rendered from the package data at every sphinx-build.

The pages never copy a figure from the data by hand: on ``builder-inited`` this extension
writes each generator's output to ``docs/_generated/<name>`` (only when it changed, so an
incremental build stays incremental), and the pages pull it in with a MyST include::

    ```{include} ../_generated/policy-ratios.md
    ```

To add a table (for example the county pairing table once ``rules.counties`` exists), write a
function returning Markdown and add it to :data:`GENERATORS`.

>>> print(render_policy_deadlines().splitlines()[0])
| 年度 | 地区 | 截止日期（含当日） | 出处 | 依据原文 | 可信度 |
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from poverty_procurement.model.citation import Citation

__all__ = [
    "GENERATORS",
    "render_error_hierarchy",
    "render_policy_deadlines",
    "render_policy_ratios",
    "render_provinces",
    "setup",
    "write_generated",
]

_CONFIDENCE = {
    "authoritative": "权威（通知原文）",
    "good": "可靠（转载或二手来源）",
}
_BASE = {
    "canteen-food-total": "年度食堂食材采购总额",
    "union-funds": "工会经费",
    "agricultural-products-total": "年度农副产品采购总额",
}


def _cell(text: str) -> str:
    """A Markdown table cell: no pipes, no line breaks, never empty."""
    cleaned = " ".join(text.replace("|", "｜").split())
    return cleaned or "—"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _where(code: str) -> str:
    from poverty_procurement.rules.jurisdictions import NATIONAL, resolve_province

    return "全国" if code == NATIONAL else f"{resolve_province(code).name}（{code}）"


def _cited(citation: Citation) -> list[str]:
    source = f"；来源：{citation.source}" if citation.source else ""
    return [
        str(citation),
        f"“{citation.quote}”{source}" if citation.quote else source.lstrip("；"),
        _CONFIDENCE.get(citation.confidence, citation.confidence),
    ]


def render_policy_ratios() -> str:
    """最低预留比例表 — every minimum ratio of the shipped data, with its citation."""
    from poverty_procurement.rules.jurisdictions import NATIONAL
    from poverty_procurement.rules.ratios import policy_table

    header = ["年度", "地区", "最低预留比例", "鼓励比例", "比例基数", "出处", "依据原文", "可信度"]
    lines = [_row(header), _row(["---"] * len(header))]
    parameters = sorted(
        policy_table().ratios.values(),
        key=lambda p: (p.year, p.jurisdiction != NATIONAL, p.jurisdiction, p.base.value),
    )
    for p in parameters:
        encouraged = "" if p.encouraged is None else str(p.encouraged)
        lines.append(_row([str(p.year), _where(p.jurisdiction), str(p.floor), encouraged,
                           _BASE.get(p.base.value, p.base.value), *_cited(p.citation)]))
    return "\n".join(lines) + "\n"


def render_policy_deadlines() -> str:
    """填报截止日期表 — every filing deadline of the shipped data, with its citation."""
    from poverty_procurement.rules.jurisdictions import NATIONAL
    from poverty_procurement.rules.ratios import policy_table

    header = ["年度", "地区", "截止日期（含当日）", "出处", "依据原文", "可信度"]
    lines = [_row(header), _row(["---"] * len(header))]
    deadlines = sorted(policy_table().deadlines.values(),
                       key=lambda d: (d.year, d.jurisdiction != NATIONAL, d.jurisdiction))
    for d in deadlines:
        lines.append(_row([str(d.year), _where(d.jurisdiction), d.date.isoformat(), *_cited(d.citation)]))
    return "\n".join(lines) + "\n"


def render_provinces() -> str:
    """省级行政区表 — the 31 provinces with the spellings resolve_province accepts."""
    from poverty_procurement.rules.jurisdictions import provinces

    header = ["代码", "两位前缀", "全称", "简称"]
    lines = [_row(header), _row(["---"] * len(header))]
    for p in provinces():
        lines.append(_row([p.code, p.code[:2], p.name, p.short_name]))
    return "\n".join(lines) + "\n"


def render_error_hierarchy() -> str:
    """错误层级 — every error class of poverty_procurement.errors as a nested list."""
    from poverty_procurement import errors

    lines: list[str] = []

    def walk(cls: type[BaseException], depth: int) -> None:
        also = [b.__name__ for b in cls.__bases__ if b.__module__ == "builtins" and b is not Exception]
        summary = (cls.__doc__ or "").strip().splitlines()[0]
        extra = f"（也是 {'、'.join(f'`{name}`' for name in also)}）" if also else ""
        lines.append(f"{'  ' * depth}- {{class}}`~{errors.__name__}.{cls.__name__}`{extra}：{summary}")
        for sub in cls.__subclasses__():
            if sub.__module__ == errors.__name__:
                walk(sub, depth + 1)

    walk(errors.PovertyProcurementError, 0)
    return "\n".join(lines) + "\n"


#: file name under docs/_generated -> function returning its Markdown
GENERATORS: dict[str, Callable[[], str]] = {
    "policy-ratios.md": render_policy_ratios,
    "policy-deadlines.md": render_policy_deadlines,
    "provinces.md": render_provinces,
    "errors.md": render_error_hierarchy,
}


def write_generated(target: Path) -> list[str]:
    """Write every generator's output under ``target``; returns the names that changed."""
    target.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, render in GENERATORS.items():
        path = target / name
        text = "<!-- 由 docs/_ext/docs_generated.py 从包数据生成，请勿手改 -->\n\n" + render()
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
            changed.append(name)
    return changed


def _on_builder_inited(app: Sphinx) -> None:
    write_generated(Path(app.srcdir) / "_generated")


def setup(app: Sphinx) -> dict[str, Any]:
    """Sphinx entry point."""
    app.connect("builder-inited", _on_builder_inited)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
