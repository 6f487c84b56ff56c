"""Roll-up: 粤财采购〔2023〕2号 二（一） (确认汇总), 二（三）2 (shared canteen counted once), 附件1 第一条."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import (
    BudgetUnit,
    CanteenArrangement,
    Contact,
    Filing,
    UnionBudget,
    UnitTree,
    roll_up_filings,
)
from poverty_procurement.errors import InvalidFiling, InvalidUnit, UnsupportedType
from poverty_procurement.filings import Exemption
from poverty_procurement.rules.filings.org_changes import abolish_unit, merge_units
from poverty_procurement.strategies.filings import filings_for, units_with_filings
from support import CENTRE_A1, CENTRE_B1, D1, D1_TREE, OWN_A1, error_parts

CONTACT = Contact("张三", "13800138000")
D = BudgetUnit("D", "广东省某厅", "广东")
M = BudgetUnit("M", "某局", "广东", "D")
A = BudgetUnit("A", "甲中心", "广东", "M")
B = BudgetUnit("B", "乙中心", "广东", "M")
C = BudgetUnit("C", "丙所", "广东", "D")
E = BudgetUnit("E", "另一厅", "广东")
UNITS = [D, M, A, B, C, E]


def own(unit: BudgetUnit, total: str, ratio: int, arrangement: str = "own") -> Filing:
    return Filing(unit, 2023, arrangement, canteen_total=total, ratio=ratio,
                  contact=CONTACT)


def example() -> list[Filing]:
    return [
        own(D, "3000000", 30),
        own(A, "1000000", 20, "shared-representative"),
        Filing(B, 2023, "shared-member", remark="共用甲中心食堂", contact=CONTACT),
        Filing(C, 2023, "none", remark="无食堂", union=UnionBudget("100000", 20), contact=CONTACT),
    ]


def test_department_and_superior_totals() -> None:
    result = roll_up_filings(UNITS, example(), 2023)
    dept = result.departments["D"]
    assert str(dept.canteen_total) == "4,000,000.00元"
    assert str(dept.reserved_share) == "1,100,000.00元"
    assert str(dept.union_expected) == "20,000.00元"
    assert dept.effective_percent == Decimal("27.50")
    assert dept.units == 5 and dept.filed == 4
    assert dept.not_filed == frozenset({"M"})
    assert dept.below_minimum == frozenset({"A"})
    assert dept.arrangements[CanteenArrangement.SHARED_MEMBER] == 1
    assert dept.arrangements[CanteenArrangement.NONE] == 1
    middle = result.superiors["M"]
    assert str(middle.reserved_share) == "200,000.00元" and middle.units == 3
    assert set(result.superiors) == {"D", "M"}
    other = result.departments["E"]
    assert other.not_filed == frozenset({"E"}) and other.effective_percent is None
    assert result.overall.reserved_share == dept.reserved_share
    assert str(result.unit("A").reserved_share) == "200,000.00元"
    with pytest.raises(InvalidUnit):
        result.unit("nope")


def test_shared_canteen_counted_once_even_if_a_member_filled_amounts() -> None:
    filings = [*example()[:2], Filing(B, 2023, "shared-member", canteen_total="1000000", ratio=20,
                                      remark="共用甲中心食堂", contact=CONTACT)]
    assert str(roll_up_filings(UNITS, filings, 2023).departments["D"].canteen_total) == "4,000,000.00元"


def test_exemption_removes_a_unit_from_below_minimum() -> None:
    exempt = {"A": Exemption(20, "财库函〔2023〕1号", "财政部国库司")}
    assert roll_up_filings(UNITS, example(), 2023, exemptions=exempt).departments["D"].below_minimum == frozenset()


def test_every_input_is_counted_or_an_error() -> None:
    stranger = BudgetUnit("Z", "外单位", "广东")
    filings: list[object] = [*example(), own(D, "1", 30), own(stranger, "1", 30),
                             Filing(A, 2022, "own", canteen_total=1, ratio=30), "x"]
    result = roll_up_filings(UNITS, filings, 2023)  # type: ignore[arg-type]
    assert [position for position, _ in result.errors] == [4, 5, 6, 7]
    assert all(isinstance(error, (InvalidFiling, TypeError)) for _, error in result.errors)
    assert result.departments["D"].filed == 4


# --- properties ------------------------------------------------------------------------------------

@given(units_with_filings())
def test_department_total_is_the_sum_of_its_units(data: tuple[list[BudgetUnit], list[Filing]]) -> None:
    units, filings = data
    tree = UnitTree.of(units)
    result = roll_up_filings(tree, filings, 2023)
    for code, totals in result.departments.items():
        mine = [f for f in filings if tree.departments[f.unit.code] == code and f.arrangement.files_amounts
                and f.canteen_total is not None and f.ratio is not None]
        assert totals.reserved_share.fen == sum(f.reserved_share.fen for f in mine)
        assert totals.canteen_total.fen == sum(f.canteen_total.fen for f in mine if f.canteen_total)
        assert totals.units == sum(1 for u in units if tree.departments[u.code] == code)
        assert totals.filed + len(totals.not_filed) == totals.units
    assert result.overall.reserved_share.fen == sum(t.reserved_share.fen for t in result.departments.values())


@given(units_with_filings(), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_input_order(data: tuple[list[BudgetUnit], list[Filing]],
                                                   rnd: object) -> None:
    units, filings = data
    first = roll_up_filings(units, filings, 2023)
    shuffled_units, shuffled_filings = list(units), list(filings)
    rnd.shuffle(shuffled_units)  # type: ignore[attr-defined]
    rnd.shuffle(shuffled_filings)  # type: ignore[attr-defined]
    second = roll_up_filings(iter(shuffled_units), iter(shuffled_filings), 2023)
    assert dict(first.departments) == dict(second.departments)
    assert dict(first.superiors) == dict(second.superiors)
    assert first.overall == second.overall


@given(units_with_filings(), st.data())
def test_adding_a_unit_never_lowers_a_total(data: tuple[list[BudgetUnit], list[Filing]],
                                            more: st.DataObject) -> None:
    units, filings = data
    before = roll_up_filings(units, filings, 2023)
    parent = more.draw(st.sampled_from([None, *[u.code for u in units]]))
    new = BudgetUnit("NEW", "新单位", "广东", parent)
    extra = [more.draw(filings_for(new))] if more.draw(st.booleans()) else []
    after = roll_up_filings([*units, new], [*filings, *extra], 2023)
    for code, totals in before.departments.items():
        later = after.departments[code]
        assert later.canteen_total >= totals.canteen_total
        assert later.reserved_share >= totals.reserved_share
        assert later.union_expected >= totals.union_expected
        assert later.units >= totals.units
    assert after.overall.reserved_share >= before.overall.reserved_share


# --- pinned by mutation testing -------------------------------------------------------------------


@pytest.mark.mutation
def test_a_second_filing_of_a_unit_is_an_error_naming_it() -> None:
    first = Filing(CENTRE_A1, 2023, "own", canteen_total="100000", ratio=30)
    result = roll_up_filings([D1, CENTRE_A1], [first, attrs.evolve(first, ratio=40)], 2023)
    assert [(position, type(error), error_parts(error)) for position, error in result.errors] == [
        (1, InvalidFiling, ("unit", "单位 A1 有多份填报，只计一份", "unit A1 has more than one filing"))]
    # the same for an abolished unit's second filing (the first is kept, not counted)
    tree = abolish_unit(UnitTree.of([D1, CENTRE_A1]), "A1")
    abolished = roll_up_filings(tree, [first, first], 2023)
    assert abolished.abolished_filings == (first,)
    assert [(position, error_parts(error)) for position, error in abolished.errors] == [
        (1, ("unit", "单位 A1 有多份填报，只计一份", "unit A1 has more than one filing"))]


@pytest.mark.mutation
def test_one_units_own_figures() -> None:
    filings = [Filing(CENTRE_A1, 2023, "own", canteen_total="100000", ratio=20)]
    result = roll_up_filings([D1, CENTRE_A1, CENTRE_B1], filings, 2023)
    below = result.unit("A1")
    assert (str(below.canteen_total), str(below.reserved_share), below.units, below.filed) == (
        "100,000.00元", "20,000.00元", 1, 1)
    assert (below.not_filed, below.below_minimum) == (frozenset(), frozenset({"A1"}))
    assert below.arrangements[CanteenArrangement.OWN] == 1
    unfiled = result.unit("B1")
    assert (str(unfiled.canteen_total), unfiled.units, unfiled.filed) == ("0.00元", 1, 0)
    assert (unfiled.not_filed, unfiled.below_minimum) == (frozenset({"B1"}), frozenset())
    met = roll_up_filings([D1, CENTRE_A1], [attrs.evolve(filings[0], ratio=30)], 2023).unit("A1")
    assert (met.units, met.filed, met.not_filed, met.below_minimum) == (1, 1, frozenset(), frozenset())
    with pytest.raises(InvalidUnit) as unknown:
        result.unit("ZZ")
    assert error_parts(unknown.value) == (
        "code", "单位 ZZ 不在汇总的单位树中（已合并或撤销的单位请查其承继单位）",
        "unit ZZ is not in the rolled-up tree (look up the successor of a merged unit)")


@pytest.mark.mutation
def test_the_filings_roll_up_says_why_a_filing_is_not_counted() -> None:
    stranger = Filing(BudgetUnit("Z1", "外", "广东"), 2023, "none")
    result = roll_up_filings(D1_TREE, ["x", attrs.evolve(OWN_A1, year=2024), stranger, OWN_A1], 2023)  # type: ignore[list-item]
    assert [(position, type(error), error_parts(error)) for position, error in result.errors] == [
        (0, UnsupportedType, ("filings", "需要 Filing，收到 str", "expected a Filing, got str")),
        (1, InvalidFiling, ("year", "填报年度 2024 不是汇总年度 2023", "the filing is for 2024, not 2023")),
        (2, InvalidFiling, ("unit", "单位 Z1 不在单位树中", "unit Z1 is not in the unit tree")),
    ]
    assert result.overall.filed == 1


# --- roll-up: the year it is for, leaves under the first department, duplicates after a merger ---


@pytest.mark.mutation
def test_a_roll_up_names_its_year_and_sums_leaves_under_the_first_department() -> None:
    dept = BudgetUnit("D1", "某厅", "广东")
    leaf_a, leaf_b = BudgetUnit("A1", "甲中心", "广东", "D1"), BudgetUnit("B1", "乙中心", "广东", "D1")
    filings = [Filing(leaf_a, 2023, "own", canteen_total="1000000", ratio=10),
               Filing(leaf_b, 2023, "own", canteen_total="500000", ratio=20)]
    result = roll_up_filings(UnitTree.of([dept, leaf_a, leaf_b]), filings, 2023)
    assert result.year == 2023
    assert list(result.departments) == ["D1"]  # the leaves are not departments of their own
    totals = result.departments["D1"]
    assert (totals.units, totals.filed, str(totals.reserved_share)) == (3, 2, "200,000.00元")
    assert totals.not_filed == frozenset({"D1"})


@pytest.mark.mutation
def test_after_a_merger_a_unit_filing_twice_is_a_duplicate_and_counted_once() -> None:
    dept = BudgetUnit("D1", "某厅", "广东")
    leaf_a, leaf_b = BudgetUnit("A1", "甲中心", "广东", "D1"), BudgetUnit("B1", "乙中心", "广东", "D1")
    merged = merge_units(UnitTree.of([dept, leaf_a, leaf_b]), ["A1", "B1"], BudgetUnit("M1", "合并中心", "广东", "D1"))
    first = Filing(leaf_a, 2023, "own", canteen_total="1000000", ratio=10)
    other = Filing(leaf_b, 2023, "own", canteen_total="500000", ratio=20)
    result = roll_up_filings(merged, [first, other, first], 2023)
    assert [(position, type(error), error.field) for position, error in result.errors] == [(2, InvalidFiling, "unit")]
    assert "A1" in result.errors[0][1].zh and "A1" in result.errors[0][1].en
    assert str(result.departments["D1"].reserved_share) == "200,000.00元"  # A1 and B1 once each, for M1
