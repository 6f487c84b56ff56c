"""完成情况汇总 — completion of reserved shares rolled up through the unit tree, per superior and department.

Sources: 粤财采购〔2023〕2号 二（一） ("各级主管预算单位 … 将本部门及下属单位填报信息进行确认汇总"), 三（二）
("年底前按时完成预留采购份额"; "未完成支付或通过“832 平台”以外其他渠道采购的，不计入本单位年度采购总额"),
三（三） and 附件1 第三条 (union, employees and the canteen contractor's purchases count for the
unit), 二（三）2 (a shared canteen is filed once, by its representative).

:func:`roll_up_unit_completions` takes one :class:`~poverty_procurement.rules.completion.counting.Completion` per
unit (a unit's *own* purchases against its *own* reserved share) and adds them up through a
:class:`~poverty_procurement.model.unit.UnitTree`: every superior unit gets the completion of
its whole subtree (itself included), every department-level unit (主管预算单位) its department's,
and ``overall`` everything. The sums use
:func:`~poverty_procurement.rules.completion.counting.combine_completions`, so the ratio and the shortfall
of a scope are recomputed from its sums (a surplus of one unit offsets another's shortfall in
the scope's figure; each unit's own shortfall stays in :attr:`CompletionRollUp.units`, and
``incomplete`` lists the units short of their own share).

:func:`roll_up_completion` builds the per-unit completions from orders and filings first. What
counts is decided by :mod:`poverty_procurement.rules.completion.counting` (paid on the 832 platform in the
year, net of refunds). The reserved share is counted only from a filing whose arrangement files
amounts — own, outsourced, or the *representative* of a shared canteen — exactly as
:func:`~poverty_procurement.rules.filings.rollup.roll_up_filings` counts it, so a shared canteen's share is
counted once even when a member wrongly typed amounts in. A unit of the tree without a filing (or
without amounts) has a reserved share of 0 元, and its counted purchases still add up into its
superiors' totals: nothing is lost. Orders naming a unit outside the tree are listed by number in
``unassigned_orders``.

Linear in units + orders + filings (one pass over the orders, one bottom-up pass over the tree
using its precomputed ``order`` and ``parents``), and independent of input order.

>>> from poverty_procurement import BudgetUnit, Filing
>>> d = BudgetUnit("D1", "某厅", "广东")
>>> a = BudgetUnit("A1", "甲中心", "广东", "D1")
>>> filings = [Filing(a, 2023, "own", canteen_total="3000000", ratio=30)]
>>> result = roll_up_completion([d, a], [], filings, 2023)
>>> str(result.departments["D1"].reserved_share), str(result.departments["D1"].shortfall)
('900,000.00元', '900,000.00元')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from ...citation import Citation
from ...conventions import PicklesReadOnlyMappings, check_year
from ...errors import InvalidFiling, InvalidUnit, UnsupportedType
from ...model.filing import Filing
from ...model.order import Order
from ...model.unit import BudgetUnit, UnitTree
from ...money import Yuan
from .counting import Completion, combine_completions, completion_by_unit

__all__ = ["COMPLETION_ROLLUP_CITATION", "OVERALL", "CompletionRollUp", "roll_up_completion",
           "roll_up_unit_completions"]

#: The clauses the completion roll-up implements.
COMPLETION_ROLLUP_CITATION = Citation(
    "粤财采购〔2023〕2号", "二（一）、三（二）",
    "各级主管预算单位…将本部门及下属单位填报信息进行确认汇总；年底前按时完成预留采购份额",
)
#: The code under which :attr:`CompletionRollUp.overall` is reported.
OVERALL = "*"
_ZERO = Yuan.from_fen(0)


@attrs.frozen
class CompletionRollUp(PicklesReadOnlyMappings):
    """完成情况汇总结果 — completion per unit (own), per superior (subtree), per department, overall.

    ``units`` has every unit of the tree (its own purchases against its own share; 0 元 share when
    it filed none); ``superiors`` every unit with subordinates (its whole subtree); ``departments``
    every department-level unit; ``overall`` all departments together (code :data:`OVERALL`);
    ``incomplete`` the units whose own counted total is below their own reserved share;
    ``unassigned_orders`` the numbers of orders naming a unit that is not in the tree.
    """

    year: int
    units: Mapping[str, Completion] = attrs.field(hash=False)
    superiors: Mapping[str, Completion] = attrs.field(hash=False)
    departments: Mapping[str, Completion] = attrs.field(hash=False)
    overall: Completion
    incomplete: frozenset[str]
    unassigned_orders: tuple[str, ...]
    citation: Citation = COMPLETION_ROLLUP_CITATION


def _empty(code: str, year: int) -> Completion:
    return combine_completions(code, [Completion(code, year, _ZERO, _ZERO, None, _ZERO, (), 0, ())])


def roll_up_unit_completions(
    units: UnitTree | Iterable[BudgetUnit], completions: Iterable[Completion], year: int
) -> CompletionRollUp:
    """汇总完成情况 — add per-unit completions up the unit tree (linear, order-independent).

    ``completions`` holds at most one completion per unit code, all of ``year``; a unit of the
    tree without one counts as nothing purchased against a 0 元 share. A completion of a unit
    not in the tree, of another year, or a second one for a unit raises ``InvalidFiling``.
    Cites 粤财采购〔2023〕2号 二（一）、三（二）.

    >>> from poverty_procurement import BudgetUnit
    >>> tree = UnitTree.of([BudgetUnit("D1", "某厅", "广东"), BudgetUnit("A1", "甲中心", "广东", "D1")])
    >>> own = Completion("A1", 2023, Yuan("500"), Yuan("1000"), None, Yuan("500"), (), 1, ())
    >>> result = roll_up_unit_completions(tree, [own], 2023)
    >>> str(result.departments["D1"].counted_total), result.departments["D1"].percent, sorted(result.incomplete)
    ('500.00元', '50.00%', ['A1'])
    """
    check_year(year)
    tree = units if isinstance(units, UnitTree) else UnitTree.of(units)
    own: dict[str, Completion] = {}
    for item in completions:
        if not isinstance(item, Completion):
            raise UnsupportedType("completions", f"需要 Completion，收到 {type(item).__name__}",
                                  f"expected a Completion, got {type(item).__name__}")
        if item.year != year:
            raise InvalidFiling("completions", f"单位 {item.unit_code} 的完成情况属于 {item.year} 年，不是 {year} 年",
                                f"the completion of unit {item.unit_code} is for {item.year}, not {year}")
        if item.unit_code not in tree.positions:
            raise InvalidUnit("completions", f"单位 {item.unit_code} 不在单位树中",
                              f"unit {item.unit_code} is not in the unit tree")
        if item.unit_code in own:
            raise InvalidFiling("completions", f"单位 {item.unit_code} 有两份完成情况",
                                f"unit {item.unit_code} has two completions")
        own[item.unit_code] = item
    order = tree.order
    parents = tree.parents
    per_unit: list[Completion] = [own.get(code) or _empty(code, year) for code, _ in order]
    parts: list[list[Completion] | None] = [None] * len(order)
    superiors: dict[str, Completion] = {}
    departments: dict[str, Completion] = {}
    for position in range(len(order) - 1, -1, -1):  # deepest level first: children before parents
        code = order[position][0]
        below = parts[position]
        parts[position] = None
        if below is None:
            subtree = per_unit[position]
        else:
            below.append(per_unit[position])
            subtree = combine_completions(code, below)
            superiors[code] = subtree
        parent = parents[position]
        if parent < 0:
            departments[code] = subtree if below is not None else combine_completions(code, [subtree])
        else:
            siblings = parts[parent]
            if siblings is None:
                parts[parent] = [subtree]
            else:
                siblings.append(subtree)
    overall = combine_completions(OVERALL, departments.values()) if departments else _empty(OVERALL, year)
    incomplete = frozenset(c.unit_code for c in per_unit if not c.complete)
    return CompletionRollUp(year, MappingProxyType({c.unit_code: c for c in per_unit}),
                            MappingProxyType(superiors), MappingProxyType(departments), overall, incomplete, ())


@attrs.frozen
class _Share:
    """The reserved share a unit's purchases are measured against (a FilingLike)."""

    unit: BudgetUnit
    year: int
    reserved_share: Yuan


def _merged(tree: UnitTree, by_code: Mapping[str, Completion]) -> list[Completion]:
    """One completion per current unit: a merged unit's completion is combined into its successor's."""
    if not tree.successors:
        return list(by_code.values())
    groups: dict[str, list[Completion]] = {}
    for code, part in by_code.items():
        current = tree.current_code(code)
        if current is not None:
            groups.setdefault(current, []).append(part)
    return [parts[0] if len(parts) == 1 and parts[0].unit_code == code else combine_completions(code, parts)
            for code, parts in groups.items()]


def roll_up_completion(
    units: UnitTree | Iterable[BudgetUnit], orders: Iterable[Order], filings: Iterable[Filing], year: int
) -> CompletionRollUp:
    """预留份额完成情况汇总 — per-unit completion from ``orders`` and ``filings``, rolled up the tree.

    Only filings of ``year`` are used; the reserved share counts only from a filing whose
    arrangement files amounts (a shared canteen once). A unit with several filings of the year
    raises ``InvalidFiling`` (check them with the filings roll-up first). After a merger
    (``tree.successors``, 二（四）) the filings and orders of the merged units count for the unit
    they were merged into, so its completion combines theirs and the department's figures do not
    change; an abolished unit's filing leaves the roll-up (as in the filings roll-up) and its
    orders are listed in ``unassigned_orders``. Cites 粤财采购〔2023〕2号 二（一）、二（三）2、二（四）、
    三（二）（三）, 附件1 第三条.

    >>> from poverty_procurement.rules.completion.counting import _example
    >>> from poverty_procurement import Filing
    >>> d = BudgetUnit("D1", "某厅", "广东")
    >>> u = BudgetUnit("U1", "某中心", "广东", "D1")
    >>> result = roll_up_completion([d, u], [_example()], [Filing(u, 2023, "own", canteen_total="10000",
    ...                                                             ratio=30)], 2023)
    >>> str(result.units["U1"].counted_total), result.departments["D1"].percent
    ('2,000.00元', '66.67%')
    """
    check_year(year)
    tree = units if isinstance(units, UnitTree) else UnitTree.of(units)
    shares: dict[str, _Share] = {}  # by the code on the filing (a merged unit keeps its own here)
    for filing in filings:
        if not isinstance(filing, Filing):
            raise UnsupportedType("filings", f"需要 Filing，收到 {type(filing).__name__}",
                                  f"expected a Filing, got {type(filing).__name__}")
        code = filing.unit.code
        if filing.year != year or code in tree.abolished:
            continue
        if code in shares:
            raise InvalidFiling("filings", f"单位 {code} 有多份 {year} 年填报",
                                f"unit {code} has several {year} filings")
        share = filing.reserved_share if filing.arrangement.files_amounts else _ZERO
        shares[code] = _Share(filing.unit, year, share)
    for code, unit in tree.units.items():
        if code not in shares:
            shares[code] = _Share(unit, year, _ZERO)
    for old, new in tree.successors.items():  # orders of a merged unit count for its successor
        if old not in shares and new in tree.units:
            shares[old] = _Share(attrs.evolve(tree.units[new], code=old), year, _ZERO)
    report = completion_by_unit(orders, shares.values())
    outside = sorted(code for code in report.by_unit if tree.current_code(code) is None)
    if outside:
        unknown = outside[:5]
        raise InvalidUnit("filings", f"填报单位不在单位树中：{'、'.join(unknown)}",
                          f"filing units not in the unit tree: {', '.join(unknown)}")
    own = _merged(tree, report.by_unit)
    result = roll_up_unit_completions(tree, own, year)
    return attrs.evolve(result, unassigned_orders=tuple(sorted(report.unfiled_orders)))
