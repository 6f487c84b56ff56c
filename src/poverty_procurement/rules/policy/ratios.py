"""最低预留比例 — the minimum reserved-share ratio and the filing deadline that apply to a unit, with the why.

Sources (the figures live in ``data/policy_parameters.json``, each with its document, quote,
address and confidence; the table is generated into the documentation page of minimum ratios):
the national floor of 10% for 2021–2025 (财库〔2021〕19号; 财办库〔2022〕54号; 财办库〔2023〕45号 第一条;
财办库〔2023〕252号 and 财办库〔2024〕267号, which also encourage 15%); Guangdong 30% for 2022 and 2023
(粤财采购〔2023〕2号 二（二）); and the provinces whose notices are known by number or from a
government site (广西, 天津, 内蒙古, 云南, 北京, 江西, 河北, 四川). Since 2024 the notice for year N is
numbered N−1: every figure is keyed on the year the ratio applies to.

**Which figure applies.** A unit sits under several jurisdictions: the country, its province and,
when it is placed there (``locality=``, or the table's ``unit_localities``), a city or county.
Every figure of the year found along that chain is a *candidate*; the strictest floor applies,
and on a tie the most local one (the notice the unit actually files under — so Tianjin's 10% of
the 年度农副产品采购总额 applies to Tianjin units rather than the national 10% of the canteen food
total). The answer (:class:`MinimumRatio`) names the figure, its base, its source and every
candidate. A year without a national figure raises
:class:`~poverty_procurement.errors.PolicyNotFound` — without it the library cannot know the
strictest floor, and it never guesses — and the message says how to supply the newer notice.
An approved exemption (a lower ratio approved by the Ministry of Finance) is not a default here:
it is an explicit input to the filing checks.

**Deadlines.** The most local deadline known applies (the one the unit's own finance department
set), else the national one. "3月24日前" (财办库〔2023〕45号 第一条) is read as *no later than
2023-03-24*: a filing made on that day is on time.
"""

from __future__ import annotations

import attrs

from ...citation import Citation
from ...conventions import check_year
from ...errors import InputError, PolicyNotFound, UnsupportedType, shown
from ...jurisdictions import NATIONAL, Province
from ...ratio import Ratio
from .loading import load_policy_table, policy_table
from .table import (
    SHARE_BASES,
    SHIPPED,
    FilingDeadline,
    PolicyParameter,
    PolicyTable,
    RatioBase,
    jurisdiction_chain,
    jurisdiction_label,
    resolve_place,
    share_parameter,
)

__all__ = [
    "FilingDeadline",
    "MinimumRatio",
    "PolicyParameter",
    "PolicyTable",
    "RatioBase",
    "filing_deadline",
    "load_policy_table",
    "minimum_ratio",
    "policy_table",
    "resolve_minimum_ratio",
]


@attrs.frozen
class MinimumRatio:
    """最低预留比例 — the answer to "what is the minimum for this unit?", with the why.

    ``parameter`` is the figure that applies (the strictest candidate); ``national`` the
    national floor of that year; ``fell_back_to_national`` is true when a province was asked
    for and no jurisdiction below the country has a figure; ``candidates`` every figure of the
    year along the unit's jurisdictions, from the country down; ``locality`` the city or county
    code the unit was placed in, if any.
    """

    year: int
    province: Province | None
    parameter: PolicyParameter
    national: PolicyParameter
    fell_back_to_national: bool
    candidates: tuple[PolicyParameter, ...] = ()
    locality: str | None = None

    @property
    def ratio(self) -> Ratio:
        """The minimum ratio."""
        return self.parameter.floor

    @property
    def encouraged(self) -> Ratio | None:
        """The encouraged ratio, where the policy names one."""
        return self.parameter.encouraged

    @property
    def base(self) -> RatioBase:
        """The amount the ratio applies to (年度食堂食材采购总额, or e.g. Tianjin's 年度农副产品采购总额)."""
        return self.parameter.base

    @property
    def citation(self) -> Citation:
        """The legal text behind the figure."""
        return self.parameter.citation

    @property
    def origin(self) -> str:
        """Where the figure was read: the shipped data, or the user's file."""
        return self.parameter.origin

    @property
    def note(self) -> str:
        """One sentence in Chinese saying which figure applies and why (and every level's figure,
        when the unit was placed in a city or county)."""
        where = self.province.name if self.province else "全国"
        if self.fell_back_to_national:
            if self.locality is not None:
                text = (f"{where}及{self.locality}没有本地{self.year}年的比例数据，适用全国最低比例"
                        f"{self.ratio}（{self.citation}）")
            else:
                text = f"{where}没有本省{self.year}年的比例数据，适用全国最低比例{self.ratio}（{self.citation}）"
        else:
            text = f"{self.parameter.label}{self.year}年最低预留比例{self.ratio}（{self.citation}）"
        if self.base is not RatioBase.CANTEEN_FOOD_TOTAL:
            text += f"，比例基数为{self.base.zh}"
        if self.origin != SHIPPED:
            text += f"，取自 {self.origin}"
        if self.locality is not None:
            text += f"；各级比例：{self.levels}，取最严者"
        return text

    @property
    def levels(self) -> str:
        """Every candidate with its figure and document, from the country down."""
        return "、".join(f"{c.label} {c.floor}（{c.citation}）" for c in self.candidates)


def _policy(policy: PolicyTable | None) -> PolicyTable:
    if policy is None:
        return policy_table()
    if not isinstance(policy, PolicyTable):
        raise UnsupportedType("policy", f"policy 须为 PolicyTable，收到 {type(policy).__name__}",
                              f"policy must be a PolicyTable, got {type(policy).__name__}")
    return policy


def _base(base: object) -> RatioBase:
    try:
        return RatioBase(base)  # type: ignore[arg-type]
    except ValueError:
        bases = [b.value for b in RatioBase]
        raise InputError("base", f"未知的比例基数 {shown(base)}（可用：{'、'.join(bases)}）",
                         f"unknown base {shown(base)} (known: {', '.join(bases)})") from None


def _hint(year: int, section: str, fields: str) -> tuple[str, str]:
    example = (f'{{"{section}": [{{"jurisdiction": "CN", "year": {year}, {fields}, '
               f'"citation": {{"document": "通知文号"}}}}]}}')
    return (f"新通知发布后可自行提供：命令行加 --policy 文件，Python 中传 policy=read_policy_file(文件)；"
            f"最简的文件：{example}",
            f"supply the newer notice: --policy FILE on the command line, policy=read_policy_file(FILE) in Python; "
            f"the smallest file: {example}")


def _years(table: PolicyTable, bases: tuple[RatioBase, ...]) -> list[str]:
    return [str(y) for y in sorted({y for (j, y, b) in table.ratios if j == NATIONAL and b in bases})]


def resolve_minimum_ratio(
    year: int,
    province: Province | str | int | None = None,
    base: RatioBase | None = None,
    *,
    locality: str | None = None,
    policy: PolicyTable | None = None,
) -> MinimumRatio:
    """最低预留比例及出处 — the minimum ratio for ``year`` in ``province``, with its citation.

    ``base`` None asks for the unit's reserved share whatever base its jurisdiction uses; a
    given base (e.g. ``RatioBase.UNION_FUNDS``) only figures on that base. ``locality`` places
    the unit in a city or county (six-digit code, e.g. ``"440300"``). ``policy`` is the table to
    read (default: the shipped one).

    >>> answer = resolve_minimum_ratio(2023, "广东")
    >>> str(answer.ratio), str(answer.citation)
    ('30.00%', '粤财采购〔2023〕2号 二（二）')
    >>> resolve_minimum_ratio(2023, "湖南").fell_back_to_national
    True
    >>> tianjin = resolve_minimum_ratio(2025, "天津")
    >>> str(tianjin.ratio), tianjin.citation.document, tianjin.base.zh
    ('10.00%', '津财采〔2025〕1号', '年度农副产品采购总额')
    """
    check_year(year)
    table = _policy(policy)
    where, place = resolve_place(province, locality)
    bases = SHARE_BASES if base is None else (_base(base),)
    national = share_parameter(table, NATIONAL, year, bases)
    if national is None:
        zh, en = _hint(year, "minimum_ratios", '"floor": "10"')
        known = _years(table, bases)
        raise PolicyNotFound(
            "year",
            f"没有{year}年的全国最低预留比例数据（已有：{'、'.join(known)}），本库不作推测；{zh}",
            f"no national minimum ratio for {year} (known: {', '.join(known)}); the library does not guess; {en}",
        )
    candidates = [national]
    for jurisdiction in jurisdiction_chain(where, place)[1:]:
        found = share_parameter(table, jurisdiction, year, bases)
        if found is not None:
            candidates.append(found)
    applies = national
    for candidate in candidates[1:]:  # from the country down: a tie goes to the more local figure
        if candidate.floor >= applies.floor:
            applies = candidate
    return MinimumRatio(year=year, province=where, parameter=applies, national=national,
                        fell_back_to_national=where is not None and len(candidates) == 1,
                        candidates=tuple(candidates), locality=place)


def minimum_ratio(
    year: int,
    province: Province | str | int | None = None,
    base: RatioBase | None = None,
    *,
    locality: str | None = None,
    policy: PolicyTable | None = None,
) -> Ratio:
    """最低预留比例 — the minimum reserved-share ratio for ``year`` (and ``province``, ``locality``).

    >>> str(minimum_ratio(2023)), str(minimum_ratio(2023, "440000")), str(minimum_ratio(2024, "广西"))
    ('10.00%', '30.00%', '15.00%')
    """
    return resolve_minimum_ratio(year, province, base, locality=locality, policy=policy).ratio


def filing_deadline(
    year: int,
    province: Province | str | int | None = None,
    *,
    locality: str | None = None,
    policy: PolicyTable | None = None,
) -> FilingDeadline:
    """填报截止日期 — the last day to file for ``year``: the most local deadline known, else the national one.

    "3月24日前" is read as no later than that day.

    >>> filing_deadline(2023, "广东").date, filing_deadline(2025).date
    (datetime.date(2023, 3, 24), datetime.date(2025, 3, 31))
    """
    check_year(year)
    table = _policy(policy)
    where, place = resolve_place(province, locality)
    for jurisdiction in reversed(jurisdiction_chain(where, place)):
        found = table.deadlines.get((jurisdiction, year))
        if found is not None:
            return found
    zh, en = _hint(year, "filing_deadlines", f'"date": "{year}-03-31"')
    asked = "" if where is None else f"（{jurisdiction_label(where.code)}及全国都没有）"
    raise PolicyNotFound("year", f"没有{year}年的填报截止日期数据{asked}；{zh}", f"no filing deadline for {year}; {en}")
