"""报告文本 — the compliance report as Chinese text, one section per finding, tables aligned for CJK characters.

:func:`render_report_text` lays out a :class:`~poverty_procurement.reporting.build.Report` for a
terminal or a text file: the conclusion and its exit code, the input errors, then the sections of
:func:`~poverty_procurement.reporting.build.build_report` — 填报问题 (粤财采购〔2023〕2号 二（一）至（三）;
附件2 一、第四、五步), 未填报单位, 汇总, 完成情况 (三（二）（三）), 需人工货款确认的转账
(附件2 七（二）（三）) and 优先采购 (三（四）) — each headed by its clause. Columns are padded by
:func:`display_width`, so that Chinese text lines up. Every line goes through
:func:`~poverty_procurement.terminal.sanitise`: a memo's ESC sequence, newline or bidi override is
shown (``\\x1b``, ``\\n``, ``<U+202E>``), never acted on by the terminal. Pure.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from ..money import Yuan, format_yuan
from ..rules.filings.checks import Severity
from ..terminal import sanitise
from .build import FilingViolation, Report, ScopeLine

__all__ = ["display_width", "render_report_text"]


def display_width(text: str) -> int:
    """显示宽度 — columns ``text`` takes in a terminal: 2 for wide (CJK) and full-width characters.

    >>> display_width("预留份额"), display_width("600,000.00元"), display_width("abc")
    (8, 12, 3)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], right: frozenset[int] = frozenset()) -> list[str]:
    body = [[sanitise(cell) for cell in row] for row in rows]
    widths = [max(display_width(cell) for cell in column) for column in zip(headers, *body, strict=True)]

    def line(cells: Sequence[str]) -> str:
        padded = []
        for number, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            gap = " " * (width - display_width(cell))
            padded.append(gap + cell if number in right else cell + gap)
        return "  ".join(padded).rstrip()

    return [line(headers), line(["-" * w for w in widths]), *(line(row) for row in body)]


def _money(amount: Yuan) -> str:
    return format_yuan(amount)


_SCOPE_HEADERS = ("范围", "代码", "名称", "单位数", "已填报", "食堂食材采购总额", "预留份额", "实际比例",
                  "工会预计采购",
                  "计入采购额", "完成率", "尚差")
_SCOPE_RIGHT = frozenset(range(3, 12))


def _scope_rows(lines: Iterable[tuple[str, ScopeLine]]) -> list[list[str]]:
    return [[kind, s.code, s.name, str(s.units), str(s.filed), _money(s.canteen_total), _money(s.reserved_share),
             s.effective_ratio, _money(s.union_expected), _money(s.counted_total), s.completion, _money(s.shortfall)]
            for kind, s in lines]


def _with_suggestion(v: FilingViolation) -> str:
    if v.suggestion and v.suggestion not in v.message:
        return f"{v.message}（应填：{v.suggestion}）"
    return v.message


def render_report_text(report: Report) -> str:
    """报告文本 — the report in Chinese, one section per finding, tables aligned for CJK characters.

    >>> from poverty_procurement.reporting.build import build_report
    >>> from poverty_procurement.reporting.datasets import sample_dataset
    >>> text = render_report_text(build_report(sample_dataset()))
    >>> text.splitlines()[1]
    '结论：发现问题（退出码 1）'
    """
    from ..conventions import require  # the library's error for a wrong type (issue 17)
    require(report, Report, "report")
    out: list[str] = [report.title, f"结论：{report.status.zh}（退出码 {report.status.exit_code}）"]
    labels = {"units": "单位", "filings": "填报", "orders": "订单", "transfers": "转账"}
    out.append("数据：" + "，".join(f"{labels[k]} {n} 条" for k, n in report.counts))
    if report.input_errors:
        out += ["", f"输入错误（{len(report.input_errors)} 条，这些记录未计入）"]
        out += [f"  {error}" for error in report.input_errors]
    out += ["", "一、填报问题（粤财采购〔2023〕2号 二（一）至（三）；附件2 一、第四、五步）"]
    if report.filing_violations:
        out += ["  " + row for row in _table(
            ("单位代码", "单位名称", "级别", "问题代码", "说明"),
            ([v.unit_code, v.unit_name, "错误" if v.severity is Severity.ERROR else "提示", v.code,
              _with_suggestion(v)] for v in report.filing_violations))]
    else:
        out.append("  无")
    out += ["", "二、未填报单位"]
    out += [f"  {code} {name}" for code, name in report.not_filed] or ["  无"]
    if report.ignored_filings:
        out.append(f"  （另有其他年度的填报未纳入本报告：{'、'.join(report.ignored_filings)}）")
    out += ["", "三、汇总：按主管预算单位与上级单位（本级及下属单位；共用食堂只计代表单位一次）"]
    departments = {s.code for s in report.departments}
    scopes = [*(("主管单位", s) for s in report.departments),
              *(("上级单位", s) for s in report.superiors if s.code not in departments), ("合计", report.overall)]
    out += ["  " + row for row in _table(_SCOPE_HEADERS, _scope_rows(scopes), _SCOPE_RIGHT)]
    below = sorted({code for s in report.departments for code in s.below_minimum})
    if below:
        out.append(f"  低于最低预留比例的单位：{'、'.join(below)}")
    out += ["", "四、各单位预留份额完成情况"
                "（计入：832平台已支付、本年度、扣除退款；粤财采购〔2023〕2号 三（二）（三））"]
    out += ["  " + row for row in _table(
        ("代码", "名称", "食堂情形", "预留份额", "计入采购额", "完成率", "尚差", "计入订单"),
        ([c.unit_code, c.unit_name, c.arrangement.zh if c.arrangement else "未填报", _money(c.reserved_share),
          _money(c.counted_total), c.completion, _money(c.shortfall), str(c.orders_counted)]
         for c in report.completion), frozenset(range(3, 8)))]
    if report.canteens:
        out.append("  共用食堂：代表单位的预留份额按共用单位的采购合计"
                   "（各订单仍列在本单位下；粤财采购〔2023〕2号 二（三）2）")
        out += ["  " + row for row in _table(
            ("代表单位", "名称", "共用单位", "预留份额", "计入采购额", "完成率", "尚差"),
            ([c.host_code, c.host_name, "、".join(c.units), _money(c.reserved_share), _money(c.counted_total),
              c.completion, _money(c.shortfall)] for c in report.canteens), frozenset(range(3, 7)))]
    if report.unassigned_orders:
        out.append(f"  单位不在单位表中的订单（未计入）：{'、'.join(report.unassigned_orders)}")
    out += ["", f"五、需人工货款确认的转账（附件2 七（二）（三）；自动入账 {len(report.credited_transfers)} 笔）"]
    if report.manual_confirmations:
        out += ["  " + row for row in _table(
            ("银行流水号", "付款人", "金额", "附言", "原因", "相关订单"),
            ([m.transaction_id, m.payer_name, _money(m.amount), m.memo, m.reason_zh, m.order_number or "—"]
             for m in report.manual_confirmations), frozenset({2}))]
    else:
        out.append("  无")
    out += ["", f"六、优先采购（粤财采购〔2023〕2号 三（四）；对接帮扶县名单 {report.priority_table_year} 年）"]
    out += ["  " + row for row in _table(
        ("层级", "金额", "笔数", "占比"),
        [*([p.label, _money(p.amount), str(p.count), p.share] for p in report.priority),
         ["对接帮扶县合计", _money(report.paired_amount), "", report.paired_share],
         ["全部计入采购", _money(report.priority_total), "", ""]], frozenset({1, 2, 3}))]
    for u in report.unresolved_counties:
        out.append(f"  订单 {u.order_number} 的产地县 {u.county} 无法确定，按“其他”计：{u.message}")
    # text from input (names, memos, transaction ids, remarks) never reaches a terminal raw
    return "\n".join(sanitise(line) for line in out) + "\n"
