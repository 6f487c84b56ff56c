"""生成策略 — Hypothesis strategies for the filings area: units, contacts, union budgets, filings, unit trees.

Public API for downstream property tests (requires ``hypothesis``). Every strategy yields
valid value objects; :func:`acceptable_filings` yields filings that
:func:`~poverty_procurement.check_filing` accepts, and :func:`unit_trees` lists of units forming a tree
(parents before children is not guaranteed — the roll-up must not care).
"""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import strategies as st

from ..model.contact import Contact
from ..model.filing import CanteenArrangement, Filing, UnionBudget
from ..model.unit import BudgetUnit
from ..money import Yuan
from ..ratio import Ratio
from ..rules.filings.checks import Exemption

__all__ = [
    "acceptable_filings",
    "budget_units",
    "canteen_arrangements",
    "contacts",
    "exemptions",
    "filings",
    "filings_for",
    "landlines",
    "mobiles",
    "union_budgets",
    "unit_codes",
    "unit_trees",
    "units_with_filings",
]

for _cls in (BudgetUnit, Contact, UnionBudget, Filing):
    attrs.resolve_types(_cls)

_MOBILE_PREFIXES = ("130", "131", "135", "138", "139", "150", "158", "186", "188", "199")
_LANDLINE_AREAS = (("020", "8"), ("010", "6"), ("0755", "8"), ("020", "3"))
_NAMES = ("广东省财政厅", "广东省教育厅", "广州市财政局", "深圳市某中心", "某某学校", "省直机关事务管理局")


def _amounts(max_fen: int = 10**14 - 1) -> st.SearchStrategy[Yuan]:
    """Amounts from 0 to ``max_fen`` fen (default: the library's input maximum)."""
    return st.integers(0, max_fen).map(Yuan.from_fen)


def _ratios(min_percent: int = 0) -> st.SearchStrategy[Ratio]:
    """Ratios from ``min_percent`` to 100%, two decimals."""
    return st.integers(min_percent * 100, 10_000).map(Ratio)


def unit_codes() -> st.SearchStrategy[str]:
    """Unit codes: letters and digits, 1–18 characters."""
    return st.text("0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=1, max_size=18)


def mobiles() -> st.SearchStrategy[str]:
    """Valid mainland mobile numbers as 11 digits."""
    return st.builds(lambda p, n: f"{p}{n:08d}", st.sampled_from(_MOBILE_PREFIXES), st.integers(0, 10**8 - 1))


def landlines() -> st.SearchStrategy[str]:
    """Valid mainland landlines in 区号-号码 form (e.g. 020-83188589)."""
    return st.builds(lambda area, n: f"{area[0]}-{area[1]}{n:07d}", st.sampled_from(_LANDLINE_AREAS),
                     st.integers(0, 10**7 - 1))


def contacts() -> st.SearchStrategy[Contact]:
    """Valid contacts, with or without a landline."""
    return st.builds(Contact, st.sampled_from(("张三", "李四", "王五", "欧阳明")), mobiles(),
                     st.none() | landlines())


def budget_units(province: str = "440000", superior: str | None = None) -> st.SearchStrategy[BudgetUnit]:
    """Budget units in ``province`` reporting to ``superior``."""
    return st.builds(BudgetUnit, unit_codes().filter(lambda c: c != superior), st.sampled_from(_NAMES),
                     st.just(province), st.just(superior))


def canteen_arrangements() -> st.SearchStrategy[CanteenArrangement]:
    """Any canteen arrangement."""
    return st.sampled_from(CanteenArrangement)


def union_budgets() -> st.SearchStrategy[UnionBudget]:
    """Union budgets with a remark of at most 50 characters."""
    return st.builds(UnionBudget, _amounts(10**10), _ratios(), remark=st.text(max_size=50))


def filings_for(unit: BudgetUnit, year: int = 2023, *, acceptable: bool = False) -> st.SearchStrategy[Filing]:
    """Filings of ``unit`` for ``year``; with ``acceptable`` only filings check_filing accepts."""
    @st.composite
    def build(draw: Any) -> Filing:
        arrangement = draw(canteen_arrangements())
        union = draw(st.none() | union_budgets())
        contact = draw(contacts()) if acceptable else draw(st.none() | contacts())
        # 附件2 一、第四步: answering 否 to 是否有工会采购需求 needs a remark saying why
        union_remark = "" if union is not None else "无工会采购需求" if acceptable else draw(
            st.sampled_from(("无工会采购需求", "", " ")))
        if arrangement.files_amounts:
            total = draw(_amounts(10**12))
            floor = 30 if unit.province.code == "440000" else 10
            ratio = draw(_ratios(floor if acceptable else 0))
            entity = draw(st.none() | st.just("某餐饮管理有限公司")) \
                if arrangement is CanteenArrangement.OUTSOURCED else None
            return Filing(unit, year, arrangement, canteen_total=total, ratio=ratio, union=union,
                          union_remark=union_remark, contact=contact, executing_entity=entity)
        if arrangement is CanteenArrangement.NONE:
            remark = "无食堂" if acceptable else draw(st.sampled_from(("无食堂", "无饭堂", "", "无食堂。")))
        else:
            remark = "共用广东省机关事务管理局食堂" if acceptable else draw(
                st.sampled_from(("共用广东省机关事务管理局食堂", "共用XX单位食堂", "")))
        return Filing(unit, year, arrangement, remark=remark, union=union, union_remark=union_remark,
                      contact=contact)
    return build()


def filings(year: int = 2023) -> st.SearchStrategy[Filing]:
    """Filings of generated Guangdong units (acceptable or not)."""
    return budget_units().flatmap(lambda unit: filings_for(unit, year))


def acceptable_filings(year: int = 2023) -> st.SearchStrategy[Filing]:
    """Filings of generated Guangdong units that check_filing accepts."""
    return budget_units().flatmap(lambda unit: filings_for(unit, year, acceptable=True))


def unit_trees(max_units: int = 12, province: str = "440000") -> st.SearchStrategy[list[BudgetUnit]]:
    """Lists of units forming a forest (one or more departments), codes ``U0``, ``U1`` …"""
    @st.composite
    def build(draw: Any) -> list[BudgetUnit]:
        size = draw(st.integers(1, max_units))
        units = [BudgetUnit("U0", "主管单位0", province)]
        for number in range(1, size):
            parent = draw(st.none() | st.integers(0, number - 1))
            superior = None if parent is None else f"U{parent}"
            units.append(BudgetUnit(f"U{number}", f"单位{number}", province, superior))
        shuffled: list[BudgetUnit] = draw(st.permutations(units))
        return shuffled
    return build()


def units_with_filings(
    max_units: int = 10, year: int = 2023
) -> st.SearchStrategy[tuple[list[BudgetUnit], list[Filing]]]:
    """A unit tree (as from :func:`unit_trees`) and filings for some of its units (any kind)."""
    @st.composite
    def build(draw: Any) -> tuple[list[BudgetUnit], list[Filing]]:
        units: list[BudgetUnit] = draw(unit_trees(max_units))
        filings = [draw(filings_for(unit, year)) for unit in units if draw(st.booleans())]
        return units, filings
    return build()


def exemptions() -> st.SearchStrategy[Exemption]:
    """比例豁免 — approved lower minimum ratios (0–30%) with a reference and an approver."""
    return st.builds(
        Exemption,
        st.integers(min_value=0, max_value=3_000).map(Ratio),
        st.sampled_from(("财库函〔2023〕1号", "财库便函〔2023〕88号")),
        st.sampled_from(("财政部国库司", "财政部")),
    )
