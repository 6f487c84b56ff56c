"""最低预留比例 — minimum reserved-share ratios as effective-dated policy parameters.

Sources (the figures live in ``data/policy_parameters.json``, each with its citation):

* national floor 10% for 2021–2024 (2023: 财办库〔2023〕45号 第一条 "按照不低于10%预留比例";
  2021: 财库〔2021〕19号 and 2022: 财办库〔2022〕54号, as read in the 832 platform's FAQ,
  https://www.fupin832.com/list_article.shtml?nid=1089, and 人民网 reports; 2024: a 财政部 notice
  of 2024-01-08 as reported by 中新社, which also encourages 15%; each entry names its source
  and confidence);
* Guangdong 30% for 2022 and 2023 (粤财采购〔2023〕2号 二（二）).

A province without its own figure gets the national floor, and the answer says so; a province's
figure is never below the national floor (the data is rejected on load otherwise); a year with
no data raises :class:`~poverty_procurement.errors.PolicyNotFound` — the library never guesses.
An approved exemption (a lower ratio approved by the Ministry of Finance) is not a default here:
it is an explicit input to the filing checks.

The 2023 filing deadline, "3月24日前" (财办库〔2023〕45号 第一条; 粤财采购〔2023〕2号 二（一）), is
read as *no later than 2023-03-24*: a filing made on that day is on time.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Mapping
from typing import Any

import attrs

from ...citation import Citation
from ...conventions import LabelledEnum, check_year
from ...data import read_text
from ...errors import PolicyDataError, PolicyNotFound, shown
from ...jurisdictions import NATIONAL, Province, resolve_province
from ...ratio import Ratio

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


class RatioBase(LabelledEnum):
    """比例基数 — the amount a minimum ratio applies to."""

    #: 年度食堂食材采购总额 (the national rule and Guangdong's)
    CANTEEN_FOOD_TOTAL = ("canteen-food-total", "年度食堂食材采购总额")
    #: 工会经费 (e.g. units without a canteen in some jurisdictions)
    UNION_FUNDS = ("union-funds", "工会经费")
    #: 年度农副产品采购总额 (e.g. Tianjin's 2023 rule)
    AGRICULTURAL_PRODUCTS_TOTAL = ("agricultural-products-total", "年度农副产品采购总额")


@attrs.frozen
class PolicyParameter:
    """政策参数 — one minimum ratio in force in one jurisdiction for one year, with its source."""

    jurisdiction: str
    year: int
    floor: Ratio
    encouraged: Ratio | None
    base: RatioBase
    citation: Citation


@attrs.frozen
class FilingDeadline:
    """填报截止日期 — the last day a filing for ``year`` is on time, with its source."""

    jurisdiction: str
    year: int
    date: datetime.date
    citation: Citation


@attrs.frozen
class MinimumRatio:
    """最低预留比例 — the answer to "what is the minimum for this unit?", with the why.

    ``parameter`` is the figure that applies; ``national`` the national floor of that year;
    ``fell_back_to_national`` is true when the province has no figure of its own.
    """

    year: int
    province: Province | None
    parameter: PolicyParameter
    national: PolicyParameter
    fell_back_to_national: bool

    @property
    def ratio(self) -> Ratio:
        """The minimum ratio."""
        return self.parameter.floor

    @property
    def encouraged(self) -> Ratio | None:
        """The encouraged ratio, where the policy names one."""
        return self.parameter.encouraged

    @property
    def citation(self) -> Citation:
        """The legal text behind the figure."""
        return self.parameter.citation

    @property
    def note(self) -> str:
        """One sentence in Chinese saying which figure applies and why."""
        where = self.province.name if self.province else "全国"
        if self.fell_back_to_national:
            return (f"{where}没有本省{self.year}年的比例数据，适用全国最低比例"
                    f"{self.ratio}（{self.citation}）")
        return f"{where}{self.year}年最低预留比例{self.ratio}（{self.citation}）"


@attrs.frozen
class PolicyTable:
    """The validated policy parameters, indexed by (jurisdiction, year, base)."""

    ratios: Mapping[tuple[str, int, RatioBase], PolicyParameter]
    deadlines: Mapping[tuple[str, int], FilingDeadline]


def _citation(raw: Any, where: str) -> Citation:
    if not isinstance(raw, dict) or not str(raw.get("document", "")).strip():
        raise PolicyDataError(where, "缺少出处（document）", "the citation (document) is missing")
    return Citation(
        document=str(raw["document"]),
        clause=str(raw.get("clause", "")),
        quote=str(raw.get("quote", "")),
        source=str(raw.get("source", "")),
        confidence=str(raw.get("confidence", "authoritative")),
    )


def load_policy_table(raw: Mapping[str, Any]) -> PolicyTable:
    """Validate raw policy data: every figure has a citation, no duplicates, no province figure
    below the national floor of its year. Raises ``PolicyDataError`` naming the entry."""
    ratios: dict[tuple[str, int, RatioBase], PolicyParameter] = {}
    try:
        for number, entry in enumerate(raw["minimum_ratios"]):
            where = f"minimum_ratios[{number}]"
            encouraged = entry.get("encouraged")
            parameter = PolicyParameter(
                jurisdiction=str(entry["jurisdiction"]),
                year=int(entry["year"]),
                floor=Ratio.of(str(entry["floor"])),
                encouraged=None if encouraged is None else Ratio.of(str(encouraged)),
                base=RatioBase(entry["base"]),
                citation=_citation(entry.get("citation"), where),
            )
            key = (parameter.jurisdiction, parameter.year, parameter.base)
            if key in ratios:
                raise PolicyDataError(where, f"重复的政策参数 {key}", f"duplicate parameter {key}")
            ratios[key] = parameter
        deadlines: dict[tuple[str, int], FilingDeadline] = {}
        for number, entry in enumerate(raw["filing_deadlines"]):
            where = f"filing_deadlines[{number}]"
            deadline = FilingDeadline(
                jurisdiction=str(entry["jurisdiction"]),
                year=int(entry["year"]),
                date=datetime.date.fromisoformat(entry["date"]),
                citation=_citation(entry.get("citation"), where),
            )
            if (deadline.jurisdiction, deadline.year) in deadlines:
                raise PolicyDataError(where, "重复的截止日期", "duplicate deadline")
            deadlines[deadline.jurisdiction, deadline.year] = deadline
    except PolicyDataError:
        raise
    except (KeyError, TypeError, ValueError) as error:
        raise PolicyDataError("policy_parameters", f"政策数据格式错误：{shown(error)}",
                              f"malformed policy data: {shown(error)}") from error
    for (jurisdiction, year, base), parameter in ratios.items():
        national = ratios.get((NATIONAL, year, base))
        if jurisdiction != NATIONAL and national is not None and parameter.floor < national.floor:
            raise PolicyDataError(
                f"minimum_ratios[{jurisdiction}, {year}]",
                f"省级比例 {parameter.floor} 低于全国最低比例 {national.floor}",
                f"the provincial floor {parameter.floor} is below the national {national.floor}",
            )
    return PolicyTable(ratios=ratios, deadlines=deadlines)


@functools.cache
def policy_table() -> PolicyTable:
    """The shipped policy parameters, loaded and validated once, on first use."""
    text = read_text("policy_parameters.json")
    return load_policy_table(json.loads(text))


def resolve_minimum_ratio(
    year: int,
    province: Province | str | int | None = None,
    base: RatioBase = RatioBase.CANTEEN_FOOD_TOTAL,
) -> MinimumRatio:
    """最低预留比例及出处 — the minimum ratio for ``year`` in ``province``, with its citation.

    >>> answer = resolve_minimum_ratio(2023, "广东")
    >>> str(answer.ratio), str(answer.citation)
    ('30.00%', '粤财采购〔2023〕2号 二（二）')
    >>> resolve_minimum_ratio(2023, "湖南").fell_back_to_national
    True
    """
    check_year(year)
    where = None if province is None else resolve_province(province)
    table = policy_table().ratios
    national = table.get((NATIONAL, year, base))
    if national is None:
        raise PolicyNotFound(
            "year",
            f"没有{year}年的全国最低预留比例数据（已有：{_years(table, base)}），本库不作推测",
            f"no national minimum ratio for {year} (known: {_years(table, base)}); "
            "the library does not guess",
        )
    own = None if where is None else table.get((where.code, year, base))
    applies = national if own is None or own.floor < national.floor else own
    return MinimumRatio(year=year, province=where, parameter=applies, national=national,
                        fell_back_to_national=where is not None and own is None)


def _years(table: Mapping[tuple[str, int, RatioBase], PolicyParameter], base: RatioBase) -> str:
    return "、".join(str(y) for (j, y, b) in sorted(table, key=lambda k: k[1])
                    if j == NATIONAL and b is base)


def minimum_ratio(
    year: int,
    province: Province | str | int | None = None,
    base: RatioBase = RatioBase.CANTEEN_FOOD_TOTAL,
) -> Ratio:
    """最低预留比例 — the minimum reserved-share ratio for ``year`` (and ``province``).

    >>> str(minimum_ratio(2023)), str(minimum_ratio(2023, "440000"))
    ('10.00%', '30.00%')
    """
    return resolve_minimum_ratio(year, province, base).ratio


def filing_deadline(year: int, province: Province | str | int | None = None) -> FilingDeadline:
    """填报截止日期 — the last day to file for ``year`` (the province's own, else national).

    "3月24日前" is read as no later than that day.

    >>> filing_deadline(2023, "广东").date
    datetime.date(2023, 3, 24)
    """
    check_year(year)
    where = None if province is None else resolve_province(province)
    deadlines = policy_table().deadlines
    found = (deadlines.get((where.code, year)) if where else None) or deadlines.get((NATIONAL, year))
    if found is None:
        raise PolicyNotFound("year", f"没有{year}年的填报截止日期数据", f"no filing deadline for {year}")
    return found
