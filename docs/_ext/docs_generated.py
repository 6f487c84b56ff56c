"""生成的文档片段 — Markdown includes rendered from the package data at every sphinx-build.

The pages never copy a figure from the data by hand: on ``builder-inited`` this extension
writes each generator's output to ``docs/_generated/<name>`` (only when it changed, so an
incremental build stays incremental), and the pages pull it in with a MyST include::

    ```{include} ../_generated/policy-ratios.md
    ```

To add a table, write a function returning Markdown and add it to :data:`GENERATORS`.

>>> print(render_policy_deadlines().splitlines()[0])
| 年度 | 地区 | 截止日期（含当日） | 出处 | 依据原文 | 可信度 |
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from poverty_procurement.citation import Citation
    from poverty_procurement.rules.filings.checks import Violation

__all__ = [
    "GENERATORS",
    "NAMESPACES",
    "render_error_hierarchy",
    "render_filing_violations",
    "render_front_door",
    "render_helper_cities",
    "render_input_columns",
    "render_namespace",
    "render_paired_counties",
    "render_policy_deadlines",
    "render_policy_ratios",
    "render_poverty_counties",
    "render_provinces",
    "render_strategies",
    "setup",
    "write_generated",
]

_CONFIDENCE = {
    "authoritative": "权威（通知原文或政府网站）",
    "good": "可靠（转载或报道）",
}
_BASE = {
    "canteen-food-total": "年度食堂食材采购总额",
    "union-funds": "工会经费",
    "agricultural-products-total": "年度农副产品采购总额",
}


_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def _cell(text: str) -> str:
    """A Markdown table cell: no pipes, no line breaks, never empty; a date never breaks at its hyphens.

    >>> _cell("截至2023-03-24 |") == "截至2023\N{NON-BREAKING HYPHEN}03\N{NON-BREAKING HYPHEN}24 ｜"
    True
    """
    cleaned = " ".join(text.replace("|", "｜").split())
    cleaned = _ISO_DATE.sub("\\1\u2011\\2\u2011\\3", cleaned)  # U+2011 non-breaking hyphen
    return cleaned or "—"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _where(code: str, name: str = "") -> str:
    from poverty_procurement.jurisdictions import NATIONAL
    from poverty_procurement.rules.policy.table import jurisdiction_label

    label = jurisdiction_label(code, name)
    return label if code == NATIONAL or not code.endswith("0000") else f"{label}（{code}）"


def _cited(citation: Citation) -> list[str]:
    source = f"；来源：{citation.source}" if citation.source else ""
    return [
        str(citation),
        f"“{citation.quote}”{source}" if citation.quote else source.lstrip("；"),
        _CONFIDENCE.get(citation.confidence, citation.confidence),
    ]


def render_policy_ratios() -> str:
    """最低预留比例表 — every minimum ratio of the shipped data, with its citation."""
    from poverty_procurement.jurisdictions import NATIONAL
    from poverty_procurement.rules.policy.loading import policy_table

    header = ["年度", "地区", "最低预留比例", "鼓励比例", "比例基数", "出处", "依据原文", "可信度"]
    lines = [_row(header), _row(["---"] * len(header))]
    parameters = sorted(
        policy_table().ratios.values(),
        key=lambda p: (p.year, p.jurisdiction != NATIONAL, p.jurisdiction, p.base.value),
    )
    for p in parameters:
        encouraged = "" if p.encouraged is None else str(p.encouraged)
        lines.append(_row([str(p.year), _where(p.jurisdiction, p.name), str(p.floor), encouraged,
                           _BASE.get(p.base.value, p.base.value), *_cited(p.citation)]))
    return "\n".join(lines) + "\n"


def render_policy_deadlines() -> str:
    """填报截止日期表 — every filing deadline of the shipped data, with its citation."""
    from poverty_procurement.jurisdictions import NATIONAL
    from poverty_procurement.rules.policy.loading import policy_table

    header = ["年度", "地区", "截止日期（含当日）", "出处", "依据原文", "可信度"]
    lines = [_row(header), _row(["---"] * len(header))]
    deadlines = sorted(policy_table().deadlines.values(),
                       key=lambda d: (d.year, d.jurisdiction != NATIONAL, d.jurisdiction))
    for d in deadlines:
        lines.append(_row([str(d.year), _where(d.jurisdiction, d.name), d.date.isoformat(), *_cited(d.citation)]))
    return "\n".join(lines) + "\n"


def render_provinces() -> str:
    """省级行政区表 — the 31 provinces with the spellings resolve_province accepts."""
    from poverty_procurement.jurisdictions import abbreviations, provinces

    header = ["代码", "两位前缀", "全称", "简称", "单字简称"]
    lines = [_row(header), _row(["---"] * len(header))]
    for p in provinces():
        lines.append(_row([p.code, p.code[:2], p.name, p.short_name, "、".join(abbreviations(p))]))
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


def render_paired_counties() -> str:
    """对接帮扶县表 — the 99 counties Guangdong pairs with (附件3), in the notice's order.

    Today's official name and code, the province and prefecture, the helper city, the key-county
    flag (the text list of 附件3 is authoritative) and the name as printed in the notice when it
    differs.

    >>> lines = render_paired_counties().splitlines()
    >>> len(lines) - 2, lines[2]
    (99, '| 1 | 451225 | 罗城仫佬族自治县 | 广西 | 河池市 | 深圳市 | 是 | — |')
    >>> sum("| 是 |" in line for line in lines), [line for line in lines if "西林县" in line]
    (36, ['| 8 | 451030 | 西林县 | 广西 | 百色市 | 深圳市 | 否 | — |'])
    """
    from poverty_procurement.rules.counties.lookup import paired_counties

    header = ["序号", "代码", "县（今名）", "省份", "地级", "帮扶城市", "重点帮扶县", "通知印作"]
    lines = [_row(header), _row(["---"] * len(header))]
    for number, c in enumerate(paired_counties(), start=1):
        printed = "" if c.printed_name == c.name else c.printed_name
        lines.append(_row([str(number), c.code, c.name, c.province.short_name, c.prefecture, c.helper_city,
                           "是" if c.is_key else "否", printed]))
    return "\n".join(lines) + "\n"


def render_helper_cities() -> str:
    """帮扶城市表 — per helper city: how many paired counties, how many key counties, in which provinces.

    >>> render_helper_cities().splitlines()[2]
    '| 深圳市 | 22 | 15 | 22 | 0 |'
    """
    from poverty_procurement.rules.counties.lookup import helper_cities, paired_counties

    header = ["帮扶城市", "对接县数", "其中重点帮扶县", "广西", "贵州"]
    lines = [_row(header), _row(["---"] * len(header))]
    for city in helper_cities():
        counties = paired_counties(city)
        per_province = [str(sum(1 for c in counties if c.province.short_name == p)) for p in ("广西", "贵州")]
        lines.append(_row([city, str(len(counties)), str(sum(c.is_key for c in counties)), *per_province]))
    return "\n".join(lines) + "\n"


def render_poverty_counties() -> str:
    """832个脱贫县分省表 — per province: listed units, counties today, exits per year, paired counties.

    >>> lines = render_poverty_counties().splitlines()
    >>> len(lines) - 3, lines[-1]
    (22, '| 合计 | — | 832 | 831 | 28 | 125 | 283 | 343 | 52 | 99 |')
    """
    from poverty_procurement.jurisdictions import provinces
    from poverty_procurement.rules.counties.lookup import paired_counties, poverty_counties

    years = sorted({c.exit_year for c in poverty_counties()})
    paired = {c.code for c in paired_counties()}
    header = ["省份", "代码", "名单所列", "今县数", *(f"{y}年摘帽" for y in years), "其中广东对接帮扶"]
    lines = [_row(header), _row(["---"] * len(header))]
    listed_total = 0
    for p in provinces():
        counties = poverty_counties(p)
        if not counties:
            continue
        listed = sum(len(c.listed_as) for c in counties)
        listed_total += listed
        exits = [str(sum(1 for c in counties if c.exit_year == y)) for y in years]
        ours = sum(1 for c in counties if c.code in paired)
        lines.append(_row([p.name, p.code, str(listed), str(len(counties)), *exits, str(ours) if ours else ""]))
    everything = poverty_counties()
    lines.append(_row(["合计", "", str(listed_total), str(len(everything)),
                       *(str(sum(1 for c in everything if c.exit_year == y)) for y in years), str(len(paired))]))
    return "\n".join(lines) + "\n"


def _violation_examples() -> list[tuple[str, Violation]]:
    """One example of every violation code: (what was filed, the violations found)."""
    from poverty_procurement.model.contact import Contact
    from poverty_procurement.model.filing import Filing, UnionBudget
    from poverty_procurement.model.unit import BudgetUnit
    from poverty_procurement.rules.filings.checks import check_contact, check_filing

    unit = BudgetUnit("44000001", "广东省某中心", "广东")
    contact = Contact("张三", "13800138000")
    why = "无工会采购需求"
    cases: list[tuple[str, Filing]] = [
        ("有食堂，未填总额、比例、联系人，选了有工会需求却没填", Filing(unit, 2023, "own", has_union_need=True)),
        ("广东 2023 年比例 20%", Filing(unit, 2023, "own", canteen_total="3000000", ratio=20, contact=contact,
                                       union_remark=why)),
        ("有食堂，备注却写“无食堂”", Filing(unit, 2023, "own", canteen_total="100", ratio=30, remark="无食堂",
                                         contact=contact, union_remark=why)),
        ("自有食堂填了具体采购执行主体", Filing(unit, 2023, "own", canteen_total="100", ratio=30,
                                         executing_entity="某餐饮公司", contact=contact, union_remark=why)),
        ("选了无工会需求却填了工会信息", Filing(unit, 2023, "own", canteen_total="100", ratio=30,
                                         union=UnionBudget("100", 20), has_union_need=False, contact=contact)),
        ("无食堂，填了总额，备注“无饭堂”", Filing(unit, 2023, "none", canteen_total="100", remark="无饭堂",
                                          contact=contact, union_remark=why)),
        ("共用食堂（非代表单位），备注空", Filing(unit, 2023, "shared-member", contact=contact, union_remark=why)),
        ("共用食堂（非代表单位），备注写了本单位", Filing(unit, 2023, "shared-member", remark="共用广东省某中心食堂",
                                              contact=contact, union_remark=why)),
        ("选了无工会需求，备注没写原因", Filing(unit, 2023, "none", remark="无食堂", contact=contact)),
    ]
    found: list[tuple[str, Violation]] = [(what, v) for what, f in cases for v in check_filing(f)]
    found += [("联系人：姓名空、手机空、固定电话无区号", v) for v in check_contact("", "", "83188589")]
    found += [("联系人：手机号码无效", v) for v in check_contact("张三", "12345678901")]
    return found


def render_filing_violations() -> str:
    """填报问题代码表 — every violation code of rules.filings.checks, with its field, level and clause.

    Built by running the checks on one example per code; fails the build when the module raises
    a code (``Violation("…"``) that no example here produces, so the table cannot go stale.

    >>> rows = render_filing_violations().splitlines()[2:]
    >>> len(rows), rows[0].split(" | ")[:4]
    (17, ['| `canteen-total-missing`', '`canteen_total`', '错误', '粤财采购〔2023〕2号 二（一）'])
    >>> import unittest.mock
    >>> with unittest.mock.patch(f"{__name__}._violation_examples", lambda: []):
    ...     render_filing_violations()
    Traceback (most recent call last):
    ...
    RuntimeError: docs_generated: no example produces the violation code(s) [...]; add one
    """
    import inspect
    import re

    from poverty_procurement.rules.filings import checks as filing_checks

    in_source = list(dict.fromkeys(re.findall(r'Violation\(\s*"([a-z-]+)"', inspect.getsource(filing_checks))))
    examples: dict[str, tuple[str, Violation]] = {}
    for what, violation in _violation_examples():
        examples.setdefault(violation.code, (what, violation))
    missing = [code for code in in_source if code not in examples]
    if missing:
        raise RuntimeError(f"docs_generated: no example produces the violation code(s) {missing}; add one")
    header = ["代码", "字段", "级别", "依据", "例子", "信息（例）", "建议写法"]
    lines = [_row(header), _row(["---"] * len(header))]
    for code, (what, v) in examples.items():  # in the order the checks report them
        lines.append(_row([f"`{code}`", f"`{v.field}`", "错误" if v.severity.value == "error" else "警告",
                           str(v.citation), what, v.message, v.suggestion or ""]))
    return "\n".join(lines) + "\n"


def _summary(doc: str | None) -> str:
    r"""The first paragraph of a docstring as one line of Markdown (reST roles and literals made plain).

    >>> _summary("订单 — a :class:`~x.Order` with ``status``.\n  More.\n\nIgnored.")
    '订单 — a `Order` with `status`. More.'
    """
    import re

    paragraph = (doc or "").strip().split("\n\n")[0]
    text = " ".join(paragraph.split())
    text = re.sub(r":[a-z]+:`~?([^`]+)`", lambda m: f"`{m.group(1).rsplit('.', 1)[-1]}`", text)
    return text.replace("``", "`")


def render_strategies() -> str:
    """公开策略表 — every name of poverty_procurement.strategies.__all__, its module and its summary.

    >>> from poverty_procurement import strategies
    >>> lines = render_strategies().splitlines()
    >>> len(lines) - 2 == len(strategies.__all__)
    True
    >>> print([line for line in lines if "order_amounts" in line][0].split(" | ")[0])
    | {func}`order_amounts <poverty_procurement.strategies.payments.amounts>`（即 `amounts`）
    """
    import importlib

    from poverty_procurement import strategies

    header = ["策略", "模块", "生成什么（文档字符串首段）"]
    lines = [_row(header), _row(["---"] * len(header))]
    for name in sorted(strategies.__all__):
        value = getattr(strategies, name)
        module = value.__module__
        # the API page documents a strategy in its defining module, or else (not in that module's
        # __all__) in the package itself, where dev/api.md lists it explicitly
        documented = value.__name__ in getattr(importlib.import_module(module), "__all__", ())
        target = f"{module}.{value.__name__}" if documented else f"{strategies.__name__}.{name}"
        alias = "" if value.__name__ == name else f"（即 `{value.__name__}`）"
        lines.append(_row([f"{{func}}`{name} <{target}>`{alias}", f"`{module.removeprefix('poverty_procurement.')}`",
                           _summary(value.__doc__)]))
    return "\n".join(lines) + "\n"


#: The area namespaces, in the order the API page lists them.
NAMESPACES = ("policy", "filings", "workflow", "counties", "payments", "completion", "reporting")


def _documented_at(namespace: str, name: str) -> str:
    """The target the API page documents ``name`` (exported by ``namespace``) under: its defining module."""
    import importlib

    # the sibling extension (docs/_ext is on sys.path in Sphinx and under pytest)
    defining_target: Callable[[str], str | None] = importlib.import_module("docs_xref").defining_target
    return defining_target(f"{namespace}.{name}") or f"{namespace}.{name}"


def _name_summary(target: str, value: object) -> str:
    """The first paragraph of the docstring of a class or function, or of the ``#:`` comment of data."""
    import inspect

    if inspect.isclass(value) or inspect.isroutine(value):
        return _summary(value.__doc__)
    from sphinx.pycode import ModuleAnalyzer

    module, _, name = target.rpartition(".")
    comment = ModuleAnalyzer.for_module(module).find_attr_docs().get(("", name), [])
    return _summary("\n".join(comment))


def render_namespace(namespace: str) -> str:
    """命名空间表 — every name of ``poverty_procurement.<namespace>.__all__``, linked to where it is documented.

    >>> lines = render_namespace("workflow").splitlines()
    >>> import poverty_procurement.workflow
    >>> len(lines) - 2 == len(poverty_procurement.workflow.__all__)
    True
    >>> print(lines[2 + poverty_procurement.workflow.__all__.index("FilingRecord")].split(" | ")[:2])
    ['| {py:obj}`FilingRecord <poverty_procurement.rules.filings.workflow.FilingRecord>`', '`rules.filings.workflow`']
    """
    import importlib

    module = importlib.import_module(f"poverty_procurement.{namespace}")
    header = ["名字", "定义于", "说明（文档字符串首段）"]
    lines = [_row(header), _row(["---"] * len(header))]
    for name in module.__all__:
        target = _documented_at(module.__name__, name)
        where = target.rpartition(".")[0].removeprefix("poverty_procurement.")
        summary = _name_summary(target, getattr(module, name))
        lines.append(_row([f"{{py:obj}}`{name} <{target}>`", f"`{where}`", summary]))
    return "\n".join(lines) + "\n"


def render_front_door() -> str:
    """包入口表 — the names of ``poverty_procurement.__all__``, where each also lives, and its summary.

    >>> import poverty_procurement
    >>> lines = render_front_door().splitlines()
    >>> len(lines) - 2 == len(poverty_procurement.__all__) <= 60
    True
    >>> print([line for line in lines if "{py:obj}`compute_share " in line][0].split(" | ")[:2])
    ['| {py:obj}`compute_share <poverty_procurement.shares.compute_share>`', '`policy`、`shares`']
    """
    import importlib

    import poverty_procurement

    kernel = sorted({module for module in poverty_procurement._EXPORTS.values() if "." not in module})
    homes = {space: set(importlib.import_module(f"poverty_procurement.{space}").__all__)
             for space in (*NAMESPACES, *kernel)}
    header = ["名字", "也可以从这里导入", "说明（文档字符串首段）"]
    lines = [_row(header), _row(["---"] * len(header))]
    for name in poverty_procurement.__all__:
        target = _documented_at("poverty_procurement", name)
        also = "、".join(f"`{space}`" for space in sorted(homes) if name in homes[space])
        lines.append(_row([f"{{py:obj}}`{name} <{target}>`", also,
                           _name_summary(target, getattr(poverty_procurement, name))]))
    return "\n".join(lines) + "\n"


#: file name under docs/_generated -> function returning its Markdown
def render_input_columns() -> str:
    """The columns of office input files, one table per record kind (from ``reporting.columns``)."""
    from poverty_procurement.reporting.columns import SHEETS

    parts = []
    for sheet in SHEETS:
        lines = [f"### {sheet.zh}（工作表或文件名：{sheet.zh} 或 {sheet.en}）", "",
                 "| 列名 | 英文列名 | 必填 | 取值 | 示例 | 也可写作 |", "| --- | --- | --- | --- | --- | --- |"]
        for column in sheet.columns:
            cells = [column.zh, f"`{column.field}`", "是" if column.required else "", column.expected[0],
                     column.example, "、".join(column.aliases)]
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


GENERATORS: dict[str, Callable[[], str]] = {
    "policy-ratios.md": render_policy_ratios,
    "policy-deadlines.md": render_policy_deadlines,
    "provinces.md": render_provinces,
    "errors.md": render_error_hierarchy,
    "paired-counties.md": render_paired_counties,
    "helper-cities.md": render_helper_cities,
    "poverty-counties.md": render_poverty_counties,
    "filing-violations.md": render_filing_violations,
    "strategies.md": render_strategies,
    "front-door.md": render_front_door,
    "input-columns.md": render_input_columns,
    **{f"namespace-{space}.md": functools.partial(render_namespace, space) for space in NAMESPACES},
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
