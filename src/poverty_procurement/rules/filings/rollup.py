"""汇总 — what a superior unit, a department and a finance department see when they add up filings.

Sources: 粤财采购〔2023〕2号 二（一） ("各级主管预算单位 … 将本部门及下属单位填报信息进行确认汇总提交至
同级财政部门"); 附件1 财办库〔2023〕45号 第一条 ("要对本地区预算单位填报的年度食堂食材采购总额、预留比例
进行审核把关，对采购总额填报不准确或预留比例不达标的，应督促预算单位重新填报"); 第二条 / 二（三）2
(a shared canteen is filed once, by its representative).

:func:`roll_up_filings` gives, for every superior unit (over its whole subtree, itself included), every
department and the whole: the canteen total, the reserved share and the union's expected 832
purchases (summed exactly in fen), counts by canteen arrangement, the units that have not filed,
the units below their minimum (or their approved exemption), and the effective ratio
(share ÷ total). Amounts count only from filings whose arrangement files amounts, so a shared
canteen is counted once (its representative's filing); the members' filings count as
"shared-member". Filings of merged units count for the unit they were merged into; filings of
abolished units leave the totals but are kept in ``abolished_filings``.

It is one pass over the filings and one over the units (dict indexes, level by level), accepts
any iterables, and does not depend on input order. Every filing comes back either counted or in
``errors`` with its position and the reason.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import cast

import attrs

from ...conventions import PicklesReadOnlyMappings, check_year
from ...errors import InvalidFiling, InvalidUnit, PovertyProcurementError, UnsupportedType
from ...form_grammar import CONTEXT
from ...model.filing import CanteenArrangement, Filing
from ...model.unit import BudgetUnit, UnitTree
from ...money import Yuan
from ..policy.table import PolicyTable
from .checks import Exemption, minimum_by_province_code, minimum_for_unit

__all__ = ["FilingRollUp", "Totals", "roll_up_filings"]

_ARRANGEMENTS = tuple(CanteenArrangement)
_FILES = tuple(a.files_amounts for a in _ARRANGEMENTS)
_POSITION = {id(a): i for i, a in enumerate(_ARRANGEMENTS)}  # id(): enum hashing is slow
_HUNDREDTH = Decimal("0.01")


@attrs.frozen
class Totals(PicklesReadOnlyMappings):
    """汇总数 — the figures of one scope (a unit's subtree, a department, or everything).

    ``units`` counts the units in scope, ``filed`` those with a filing; ``arrangements`` counts
    filings by canteen arrangement; ``not_filed`` and ``below_minimum`` are unit codes.

    >>> Totals.empty().effective_percent is None
    True
    >>> hash(Totals.empty()) == hash(Totals.empty())
    True
    """

    canteen_total: Yuan
    reserved_share: Yuan
    union_expected: Yuan
    units: int
    filed: int
    arrangements: Mapping[CanteenArrangement, int] = attrs.field(hash=False)
    not_filed: frozenset[str]
    below_minimum: frozenset[str]

    @classmethod
    def empty(cls) -> Totals:
        """Nothing counted."""
        zero = Yuan.from_fen(0)
        return cls(zero, zero, zero, 0, 0, MappingProxyType(dict.fromkeys(_ARRANGEMENTS, 0)),
                   frozenset(), frozenset())

    def __add__(self, other: Totals) -> Totals:
        """合计 — the figures of two disjoint scopes together (two departments: their overall figures).

        Amounts and counts add; the unit code sets are joined. The scopes must not share a unit
        (a unit would be counted twice): that is the caller's split, as in
        :meth:`FilingRollUp.merge`.

        >>> Totals.empty() + Totals.empty() == Totals.empty()
        True
        """
        if not isinstance(other, Totals):
            return NotImplemented
        return Totals(Yuan.from_fen(self.canteen_total.fen + other.canteen_total.fen),
                      Yuan.from_fen(self.reserved_share.fen + other.reserved_share.fen),
                      Yuan.from_fen(self.union_expected.fen + other.union_expected.fen),
                      self.units + other.units, self.filed + other.filed,
                      MappingProxyType({a: self.arrangements[a] + other.arrangements[a] for a in _ARRANGEMENTS}),
                      self.not_filed | other.not_filed, self.below_minimum | other.below_minimum)

    @property
    def effective_percent(self) -> Decimal | None:
        """实际预留比例 — share ÷ total in percent, 四舍五入 to 0.01; None when the total is 0."""
        if not self.canteen_total.fen:
            return None
        exact = CONTEXT.divide(Decimal(self.reserved_share.fen * 100), Decimal(self.canteen_total.fen))
        return exact.quantize(_HUNDREDTH, rounding=ROUND_HALF_UP, context=CONTEXT)


# A unit's own figures: [canteen total fen, share fen, union fen, filed, count per arrangement …]
_TOTAL, _SHARE, _UNION, _FILED, _COUNTS = 0, 1, 2, 3, 4
_WIDTH = _COUNTS + len(_ARRANGEMENTS)


class _Acc:
    """A superior unit's running subtree figures."""

    __slots__ = ("below", "figures", "not_filed", "units")

    def __init__(self) -> None:
        self.figures = [0] * _WIDTH
        self.units = 0
        self.not_filed: list[str] = []
        self.below: list[str] = []

    def add_own(self, figures: list[int]) -> None:
        self.figures = list(map(operator.add, self.figures, figures))

    def add(self, other: _Acc) -> None:
        self.add_own(other.figures)
        self.units += other.units
        self.not_filed.extend(other.not_filed)
        self.below.extend(other.below)

    def freeze(self) -> Totals:
        return _totals(self.figures, self.units, self.not_filed, self.below)


def _totals(figures: list[int], units: int, not_filed: Iterable[str], below: Iterable[str]) -> Totals:
    return Totals(Yuan.from_fen(figures[_TOTAL]), Yuan.from_fen(figures[_SHARE]), Yuan.from_fen(figures[_UNION]), units,
                  figures[_FILED], MappingProxyType(dict(zip(_ARRANGEMENTS, figures[_COUNTS:], strict=True))),
                  frozenset(not_filed), frozenset(below))


@attrs.frozen
class FilingRollUp(PicklesReadOnlyMappings):
    """汇总结果 — totals per superior unit (subtree), per department and overall, for one year.

    ``superiors`` has an entry for every unit with subordinates; ``departments`` for every
    department-level unit; ``errors`` lists ``(position, error)`` for filings not counted;
    ``abolished_filings`` the filings of abolished units (kept, not counted). :meth:`unit` gives
    one unit's own figures (a merged unit's combine those of the units merged into it).
    """

    year: int
    superiors: Mapping[str, Totals] = attrs.field(hash=False)
    departments: Mapping[str, Totals] = attrs.field(hash=False)
    overall: Totals
    errors: tuple[tuple[int, PovertyProcurementError], ...]
    abolished_filings: tuple[Filing, ...]
    _own: list[list[int] | None] = attrs.field(alias="own", repr=False, hash=False)
    _below: bytes = attrs.field(alias="below", repr=False)
    _positions: Mapping[str, int] = attrs.field(alias="positions", repr=False, hash=False)

    @classmethod
    def merge(cls, parts: Iterable[FilingRollUp], tree: UnitTree) -> FilingRollUp:
        """合并汇总 — the roll-up of ``tree`` from roll-ups of disjoint parts of the filings (e.g. by department).

        Each part is a roll-up of the same year over ``tree`` or a part of it, of the filings of
        different units (split the filings by :meth:`UnitTree.department_of`; send the filings of
        abolished and unknown units all to one part). Each unit's own figures are taken from the
        part that has them and the tree is summed again, so the result equals
        :func:`roll_up_filings` of all the filings when the parts' ``errors`` carry the filings'
        global positions (:func:`poverty_procurement.partitioning.roll_up_partition` renumbers them):
        errors come in position order, abolished filings part after part. A unit filed in two parts,
        or a part of another year, raises ``InvalidFiling``. Cites 粤财采购〔2023〕2号 二（一）.
        """
        listed = list(parts)
        if not listed or not all(isinstance(part, FilingRollUp) for part in listed):
            raise UnsupportedType("parts", "需要至少一个 FilingRollUp", "expected at least one FilingRollUp")
        year = listed[0].year
        size = len(tree.order)
        own: list[list[int] | None] = [None] * size
        below = bytearray(size)
        position_of = tree.positions.get
        for part in listed:
            if part.year != year:
                raise InvalidFiling("parts", f"不能合并不同年度（{year} 与 {part.year}）的汇总",
                                    f"cannot merge roll-ups of different years ({year} and {part.year})")
            for code, index in part._positions.items():
                figures = part._own[index]
                if figures is None:
                    continue
                position = position_of(code)
                if position is None:
                    raise InvalidUnit("parts", f"单位 {code} 不在合并用的单位树中", f"unit {code} is not in the tree")
                if own[position] is not None:
                    raise InvalidFiling("parts", f"单位 {code} 的填报出现在两个部分中（部分须互不相交）",
                                        f"unit {code} was rolled up in two parts (the parts must be disjoint)")
                own[position] = list(figures)
                below[position] = part._below[index]
        errors = sorted((error for part in listed for error in part.errors), key=operator.itemgetter(0))
        abolished = [filing for part in listed for filing in part.abolished_filings]
        return _accumulate(tree, own, below, year, (errors, abolished))

    def unit(self, code: str) -> Totals:
        """The unit's own figures (not its subordinates'); a merged unit's combine its sources'."""
        position = self._positions.get(code)
        if position is None:
            raise InvalidUnit("code", f"单位 {code} 不在汇总的单位树中（已合并或撤销的单位请查其承继单位）",
                              f"unit {code} is not in the rolled-up tree (look up the successor of a merged unit)")
        figures = self._own[position]
        if figures is None:
            return _totals([0] * _WIDTH, 1, (code,), ())
        return _totals(figures, 1, (), (code,) if self._below[position] else ())


def _tree(units: UnitTree | Iterable[BudgetUnit]) -> UnitTree:
    return units if isinstance(units, UnitTree) else UnitTree.of(units)


def roll_up_filings(  # noqa: PLR0912, PLR0915 -- one tight loop, kept inline for speed
    units: UnitTree | Iterable[BudgetUnit],
    filings: Iterable[Filing],
    year: int,
    *,
    exemptions: Mapping[str, Exemption] | None = None,
    policy: PolicyTable | None = None,
) -> FilingRollUp:
    """汇总 — roll ``filings`` of ``year`` up the unit tree (linear, order-independent).

    ``exemptions`` maps a unit code to its approved :class:`~poverty_procurement.filings.Exemption`,
    which replaces the minimum for that unit; ``policy`` is the policy table the minimums are read
    from (default: the shipped one). A filing of another year,
    of an unknown unit, or a second filing of the same unit goes to ``errors``. Cites
    粤财采购〔2023〕2号 二（一）, 二（三）2 and 财办库〔2023〕45号 第一、二条.

    >>> d = BudgetUnit("D1", "某厅", "广东")
    >>> a = BudgetUnit("A1", "甲中心", "广东", "D1")
    >>> b = BudgetUnit("B1", "乙中心", "广东", "D1")
    >>> filings = [Filing(a, 2023, "shared-representative", canteen_total="3000000", ratio=20),
    ...            Filing(b, 2023, "shared-member", remark="共用甲中心食堂")]
    >>> result = roll_up_filings([d, a, b], filings, 2023)
    >>> dept = result.departments["D1"]
    >>> str(dept.reserved_share), dept.effective_percent, sorted(dept.not_filed), sorted(dept.below_minimum)
    ('600,000.00元', Decimal('20.00'), ['D1'], ['A1'])
    """
    check_year(year)
    tree = _tree(units)
    exemptions = exemptions or {}
    position_of = tree.positions.get
    size = len(tree.order)
    successor = tree.successors.get if tree.successors else None
    exemption_of = exemptions.get if exemptions else None
    floors: dict[str, int] = {}
    own: list[list[int] | None] = [None] * size
    below = bytearray(size)
    seen: set[str] = set()
    errors: list[tuple[int, PovertyProcurementError]] = []
    abolished: list[Filing] = []
    abolished_codes: set[str] = set()
    for number, filing in enumerate(cast(Iterable[object], filings)):
        if not isinstance(filing, Filing):
            errors.append((number, UnsupportedType("filings", f"需要 Filing，收到 {type(filing).__name__}",
                                                   f"expected a Filing, got {type(filing).__name__}")))
            continue
        unit = filing.unit
        original = unit.code
        if filing.year != year:
            errors.append((number, InvalidFiling("year", f"填报年度 {filing.year} 不是汇总年度 {year}",
                                                 f"the filing is for {filing.year}, not {year}")))
            continue
        code = original if successor is None else successor(original, original)
        position = position_of(code)
        if position is None:
            if (code in tree.abolished or original in tree.abolished) and original not in abolished_codes:
                abolished_codes.add(original)
                abolished.append(filing)
            elif original in abolished_codes:
                errors.append((number, _duplicate(original)))
            else:
                errors.append((number, InvalidFiling("unit", f"单位 {original} 不在单位树中",
                                                     f"unit {original} is not in the unit tree")))
            continue
        figures = own[position]
        if successor is None:
            duplicate = figures is not None
        else:
            duplicate = original in seen
            seen.add(original)
        if duplicate:
            errors.append((number, _duplicate(original)))
            continue
        if figures is None:
            figures = own[position] = [0] * _WIDTH
            figures[_FILED] = 1
        index = _POSITION[id(filing.arrangement)]
        figures[_COUNTS + index] += 1
        union = filing.union
        if union is not None:
            figures[_UNION] += union.expected.fen
        ratio = filing.ratio
        total = filing.canteen_total
        if _FILES[index] and total is not None and ratio is not None:
            figures[_TOTAL] += total.fen
            figures[_SHARE] += filing.reserved_share.fen
            exemption = None if exemption_of is None else exemption_of(original)
            if exemption is not None:
                floor = exemption.ratio.basis_points
            elif policy is not None:  # a unit may sit in a city or county with its own figure
                place = policy.locality_of(original) or unit.province.code
                floor = floors.get(place, -1)
                if floor < 0:
                    floor = floors[place] = minimum_for_unit(year, unit.province, original, policy).ratio.basis_points
            else:
                province = unit.province.code
                floor = floors.get(province, -1)
                if floor < 0:
                    floor = floors[province] = minimum_by_province_code(year, province).ratio.basis_points
            if ratio.basis_points < floor:
                below[position] = 1
    return _accumulate(tree, own, below, year, (errors, abolished))


def _duplicate(code: str) -> InvalidFiling:
    return InvalidFiling("unit", f"单位 {code} 有多份填报，只计一份", f"unit {code} has more than one filing")


def _add_unit(acc: _Acc, code: str, figures: list[int] | None, is_below: int) -> None:
    acc.units += 1
    if figures is None:
        acc.not_filed.append(code)
        return
    acc.add_own(figures)
    if is_below:
        acc.below.append(code)


def _accumulate(tree: UnitTree, own: list[list[int] | None], below: bytearray, year: int,
                problems: tuple[list[tuple[int, PovertyProcurementError]], list[Filing]]) -> FilingRollUp:
    errors, abolished = problems
    pending: list[_Acc | None] = [None] * len(own)  # superiors whose subtree is being summed
    superiors: dict[str, Totals] = {}
    departments: dict[str, Totals] = {}
    overall = _Acc()
    add = operator.add
    parents = tree.parents
    order = tree.order
    for position in range(len(order) - 1, -1, -1):  # deepest level first
        code = order[position][0]
        acc = pending[position]
        has_subordinates = acc is not None
        figures = own[position]
        parent = parents[position]
        if acc is None:
            if parent >= 0:  # no subordinates: add straight into the superior's sum (inlined)
                acc = pending[parent]
                if acc is None:
                    acc = pending[parent] = _Acc()
                acc.units += 1
                if figures is None:
                    acc.not_filed.append(code)
                else:
                    acc.figures = list(map(add, acc.figures, figures))
                    if below[position]:
                        acc.below.append(code)
                continue
            acc = _Acc()  # a department without subordinates
        pending[position] = None
        _add_unit(acc, code, figures, below[position])
        totals = acc.freeze()
        if has_subordinates:
            superiors[code] = totals
        if parent < 0:
            departments[code] = totals
            overall.add(acc)
        else:
            upper = pending[parent]
            if upper is None:
                upper = pending[parent] = _Acc()
            upper.add(acc)
    return FilingRollUp(year, MappingProxyType(superiors), MappingProxyType(departments), overall.freeze(),
                  tuple(errors), tuple(abolished), own, bytes(below), tree.positions)
