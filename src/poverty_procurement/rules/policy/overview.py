"""政策数据一览 — what is known, per jurisdiction and year, and from which document.

:func:`policy_overview` lists every jurisdiction and year of a
:class:`~poverty_procurement.rules.policy.table.PolicyTable` with its figures, its filing
deadline and its local rules, each with the document it comes from, its confidence and — for a
user's file — the file it was read from; :func:`render_policy_overview` writes the list as text
(``poverty-procurement policy``). It says how current the data is: the last year with a national
figure, and how to supply a newer notice.
"""

from __future__ import annotations

import attrs

from ...citation import Citation
from ...conventions import check_year
from ...errors import UnsupportedType
from ...jurisdictions import NATIONAL, Province, resolve_province
from ...money import format_yuan
from .loading import policy_table
from .table import SHIPPED, FilingDeadline, LocalRules, PolicyParameter, PolicyTable, RatioBase, jurisdiction_label

__all__ = ["KnownPolicy", "policy_overview", "render_policy_overview"]

_CONFIDENCE = {"authoritative": "权威", "good": "可靠"}


@attrs.frozen
class KnownPolicy:
    """一个地区一个年度的政策数据 — the figures, deadline and local rules known for one jurisdiction and year."""

    jurisdiction: str
    name: str
    year: int
    ratios: tuple[PolicyParameter, ...]
    deadline: FilingDeadline | None
    rules: LocalRules | None

    @property
    def label(self) -> str:
        """The jurisdiction as people read it: 全国, 广东省, 深圳市（440300）."""
        return jurisdiction_label(self.jurisdiction, self.name)

    def lines(self) -> list[str]:
        """The entry as text: a heading, then one line per fact with its source."""
        out = [f"{self.label} {self.year}年"]
        for p in self.ratios:
            encouraged = "" if p.encouraged is None else f"，鼓励 {p.encouraged}"
            what = "工会经费最低预留比例" if p.base is RatioBase.UNION_FUNDS else "最低预留比例"
            out.append(f"  {what} {p.floor}{encouraged}（基数：{p.base.zh}） — {_source(p.citation, p.origin)}")
        if self.deadline is not None:
            d = self.deadline
            out.append(f"  填报截止 {d.date.isoformat()}（含当日） — {_source(d.citation, d.origin)}")
        if self.rules is not None:
            r = self.rules
            parts = []
            if r.not_below_last_year:
                parts.append("预留份额不低于上一年度（填报检查时核对）")
            if r.union_minimum_per_head is not None:
                parts.append(f"工会每人最低 {format_yuan(r.union_minimum_per_head)}（暂未检查）")
            if r.shared_canteen_remark is not None:
                wording = r.shared_canteen_remark.replace("{host}", "XX单位")
                parts.append(f"共用食堂备注写作“{wording}”（填报检查时核对）")
            out.append(f"  地方规则：{'；'.join(parts)} — {_source(r.citation, r.origin)}")
        return out


def _source(citation: Citation, origin: str) -> str:
    confidence = _CONFIDENCE.get(citation.confidence, citation.confidence)
    where = "" if origin == SHIPPED else f"，取自 {origin}"
    return f"{citation}（{confidence}{where}）"


def _order(code: str) -> tuple[int, str]:
    return (0, "") if code == NATIONAL else (1, code)


def policy_overview(policy: PolicyTable | None = None, *, year: int | None = None,
                    province: Province | str | int | None = None) -> tuple[KnownPolicy, ...]:
    """政策数据一览 — every jurisdiction and year the table knows, the country first, then by code and year.

    ``policy`` defaults to the shipped table; ``year`` keeps that year only; ``province`` keeps the
    country, the province and the places below it.

    >>> from poverty_procurement.rules.policy.loading import policy_table
    >>> [f"{k.label} {k.year}" for k in policy_overview(policy_table(), province="云南")][-2:]
    ['全国 2025', '云南省 2025']
    """
    if policy is None:
        policy = policy_table()
    elif not isinstance(policy, PolicyTable):
        raise UnsupportedType("policy", f"policy 须为 PolicyTable，收到 {type(policy).__name__}",
                              f"policy must be a PolicyTable, got {type(policy).__name__}")
    if year is not None:
        check_year(year)
    prefix = None if province is None else resolve_province(province).code[:2]
    keys: set[tuple[str, int]] = {(j, y) for j, y, _ in policy.ratios}
    keys.update(policy.deadlines)
    keys.update(policy.local_rules)
    found: list[KnownPolicy] = []
    for jurisdiction, when in sorted(keys, key=lambda k: (_order(k[0]), k[1])):
        if (year is not None and when != year) or (
                prefix is not None and jurisdiction != NATIONAL and not jurisdiction.startswith(prefix)):
            continue
        ratios = tuple(policy.ratios[key] for base in RatioBase
                       if (key := (jurisdiction, when, base)) in policy.ratios)
        deadline = policy.deadlines.get((jurisdiction, when))
        rules = policy.local_rules.get((jurisdiction, when))
        name = next((item.name for item in (*ratios, deadline, rules) if item is not None and item.name), "")
        found.append(KnownPolicy(jurisdiction, name, when, ratios, deadline, rules))
    return tuple(found)


def render_policy_overview(entries: tuple[KnownPolicy, ...], policy: PolicyTable) -> str:
    """The overview as text, with how current the national data is and how to supply a newer notice."""
    lines = [line for entry in entries for line in entry.lines()]
    years = sorted({y for j, y, b in policy.ratios if j == NATIONAL and b is not RatioBase.UNION_FUNDS})
    latest = f"全国最低比例数据的最后一个年度：{years[-1]}年" if years else "没有全国最低比例数据"
    lines.append(f"共 {len(entries)} 项（地区 × 年度）；{latest}。"
                 "更新的通知发布后，用 --policy 文件 提供（格式与随包 policy_parameters.json 相同）。")
    return "\n".join(lines) + "\n"
