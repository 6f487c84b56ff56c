"""Roll-up: 粤财采购〔2023〕2号 二（一） (确认汇总), 二（三）2 (shared canteen counted once), 附件1 第一条."""

from __future__ import annotations

from decimal import Decimal

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
from poverty_procurement.errors import InvalidFiling, InvalidUnit
from poverty_procurement.filings import Exemption
from poverty_procurement.strategies.filings import filings_for, units_with_filings

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
