"""Completion rolled up through the unit tree: sums, shared canteens once, order independence."""

from __future__ import annotations

import datetime
import random as random_module

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import (
    BudgetUnit,
    Completion,
    Filing,
    Order,
    UnitTree,
    Yuan,
    roll_up_completion,
    roll_up_filings,
)
from poverty_procurement.completion import CompletionRollUp, roll_up_unit_completions
from poverty_procurement.errors import InvalidFiling, InvalidUnit
from poverty_procurement.payments import OrderStatus
from poverty_procurement.rules.completion.rollup import OVERALL
from poverty_procurement.strategies import orders, units_with_filings
from poverty_procurement.strategies.payments import order_numbers

D = BudgetUnit("D1", "广东省某厅", "广东")
A = BudgetUnit("A1", "甲中心", "广东", "D1")
B = BudgetUnit("B1", "乙中心", "广东", "A1")
C = BudgetUnit("C1", "丙所", "广东", "A1")
UNITS = [D, A, B, C]


def _paid(unit: str, amount: str, number: str = "XD2023112330011271") -> Order:
    from poverty_procurement.rules.completion.counting import _example

    return attrs.evolve(_example(), number=number, buyer_unit=unit, amount=Yuan(amount),
                        paid_at=datetime.datetime(2023, 6, 1, 10))


def test_subtree_and_department_sums_with_a_shared_canteen_counted_once() -> None:
    filings = [
        Filing(A, 2023, "shared-representative", canteen_total="3000000", ratio=20),
        # a member that wrongly typed amounts in: the share is still counted once (the representative's)
        Filing(B, 2023, "shared-member", canteen_total="3000000", ratio=20, remark="共用甲中心食堂"),
        Filing(C, 2023, "own", canteen_total="100000", ratio=30),
    ]
    orders_ = [_paid("A1", "100000", "XD2023112330011271"), _paid("B1", "50000", "XD2023112330011272"),
               _paid("C1", "40000", "XD2023112330011273"), _paid("X9", "1", "XD2023112330011274")]
    result = roll_up_completion(UNITS, orders_, filings, 2023)
    assert isinstance(result, CompletionRollUp)
    assert str(result.units["B1"].reserved_share) == "0.00元"
    assert str(result.units["B1"].counted_total) == "50,000.00元"
    a1 = result.superiors["A1"]
    assert str(a1.reserved_share) == "630,000.00元"  # 600,000 + 30,000
    assert str(a1.counted_total) == "190,000.00元"
    assert str(a1.shortfall) == "440,000.00元"
    dept = result.departments["D1"]
    assert dept.counted_total == a1.counted_total and dept.reserved_share == a1.reserved_share
    assert result.overall.unit_code == OVERALL
    assert result.incomplete == frozenset({"A1"})  # C1 bought 40,000 ≥ its 30,000; B1 and D1 owe nothing
    assert result.unassigned_orders == ("XD2023112330011274",)
    # the same shares as the filings roll-up counts
    assert roll_up_filings(UNITS, filings, 2023).departments["D1"].reserved_share == dept.reserved_share


def test_completions_of_another_year_unknown_unit_or_twice_are_refused() -> None:
    tree = UnitTree.of(UNITS)
    part = Completion("A1", 2023, Yuan("1"), Yuan("1"), None, Yuan("0"), (), 1, ())
    with pytest.raises(InvalidFiling):
        roll_up_unit_completions(tree, [part], 2024)
    with pytest.raises(InvalidUnit):
        roll_up_unit_completions(tree, [Completion("Z9", 2023, Yuan("1"), Yuan("1"), None, Yuan("0"), (), 1, ())], 2023)
    with pytest.raises(InvalidFiling):
        roll_up_unit_completions(tree, [part, part], 2023)
    with pytest.raises(InvalidFiling):
        roll_up_completion(UNITS, [], [Filing(A, 2023, "none", remark="无食堂")] * 2, 2023)


def test_a_department_without_subordinates_and_an_empty_tree_part() -> None:
    result = roll_up_completion([D], [], [], 2023)
    assert result.departments["D1"].percent == "—"
    assert result.superiors == {}
    assert result.incomplete == frozenset()


_units_filings_orders = units_with_filings(8).flatmap(
    lambda pair: st.tuples(st.just(pair[0]), st.just(pair[1]),
                           st.lists(orders(status=OrderStatus.PAID,
                                           units=st.sampled_from([u.code for u in pair[0]] + ["X9"])),
                                    max_size=12, unique_by=lambda o: o.number)))


@given(_units_filings_orders, st.randoms(use_true_random=False))
def test_department_total_is_the_sum_of_its_units_and_order_does_not_matter(
        data: tuple[list[BudgetUnit], list[Filing], list[Order]], random: random_module.Random) -> None:
    units, filings, orders_ = data
    result = roll_up_completion(units, orders_, filings, 2023)
    tree = UnitTree.of(units)
    for department, totals in result.departments.items():
        members = [code for code, dept in tree.departments.items() if dept == department]
        assert totals.counted_total.fen == sum(result.units[c].counted_total.fen for c in members)
        assert totals.reserved_share.fen == sum(result.units[c].reserved_share.fen for c in members)
    assert result.overall.counted_total.fen == sum(c.counted_total.fen for c in result.units.values())
    shuffled = (list(units), list(filings), list(orders_))
    for part in shuffled:
        random.shuffle(part)
    again = roll_up_completion(shuffled[0], shuffled[2], shuffled[1], 2023)
    assert again == result


@given(_units_filings_orders, order_numbers())
def test_adding_an_order_never_lowers_a_total(
        data: tuple[list[BudgetUnit], list[Filing], list[Order]], number: str) -> None:
    units, filings, orders_ = data
    before = roll_up_completion(units, orders_, filings, 2023)
    if number in {o.number for o in orders_}:
        return
    extra = _paid(units[0].code, "10", number)
    after = roll_up_completion(units, [*orders_, extra], filings, 2023)
    for code, totals in before.departments.items():
        assert after.departments[code].counted_total.fen >= totals.counted_total.fen
        assert after.departments[code].shortfall.fen <= totals.shortfall.fen
    assert after.overall.counted_total.fen == before.overall.counted_total.fen + 1000


def test_wrong_types_and_filings_outside_the_tree() -> None:
    with pytest.raises(TypeError):
        roll_up_unit_completions(UNITS, ["x"], 2023)  # type: ignore[list-item]
    with pytest.raises(TypeError):
        roll_up_completion(UNITS, [], ["x"], 2023)  # type: ignore[list-item]
    stranger = BudgetUnit("Z9", "外单位", "广东")
    with pytest.raises(InvalidUnit):
        roll_up_completion(UNITS, [], [Filing(stranger, 2023, "none", remark="无食堂")], 2023)
    other_year = roll_up_completion(UNITS, [], [Filing(A, 2022, "own", canteen_total="1", ratio=30)], 2023)
    assert other_year.overall.reserved_share.fen == 0


def test_a_merger_combines_completion_and_keeps_the_department_figures() -> None:
    from poverty_procurement.filings import abolish_unit, merge_units

    filings = [Filing(B, 2023, "own", canteen_total="1000000", ratio=30),
               Filing(C, 2023, "own", canteen_total="100000", ratio=30)]
    orders_ = [_paid("B1", "100000", "XD2023112330011271"), _paid("C1", "40000", "XD2023112330011272")]
    before = roll_up_completion(UNITS, orders_, filings, 2023)
    tree = merge_units(UnitTree.of(UNITS), ["B1", "C1"], BudgetUnit("BC", "乙丙中心", "广东", "A1"))
    after = roll_up_completion(tree, orders_, filings, 2023)
    merged = after.units["BC"]
    assert str(merged.counted_total) == "140,000.00元"
    assert str(merged.reserved_share) == "330,000.00元"  # 300,000 + 30,000
    assert "B1" not in after.units and "C1" not in after.units
    for scope in ("D1",):
        assert after.departments[scope].counted_total == before.departments[scope].counted_total
        assert after.departments[scope].reserved_share == before.departments[scope].reserved_share
    assert after.unassigned_orders == ()
    # into one of the merged units (it continues under its code), then abolish a unit without subordinates
    kept = roll_up_completion(merge_units(UnitTree.of(UNITS), ["B1", "C1"], B), orders_, filings, 2023)
    assert kept.units["B1"].counted_total == merged.counted_total
    gone = roll_up_completion(abolish_unit(UnitTree.of(UNITS), "C1"), orders_, filings, 2023)
    assert "C1" not in gone.units
    assert gone.unassigned_orders == ("XD2023112330011272",)
    assert str(gone.departments["D1"].reserved_share) == "300,000.00元"


@given(units_with_filings(), st.randoms(use_true_random=False))
def test_merging_two_siblings_preserves_department_completion(
    data: tuple[list[BudgetUnit], list[Filing]], random: random_module.Random
) -> None:
    from poverty_procurement.filings import merge_units

    units, filings = data
    tree = UnitTree.of(units)
    siblings = [kids for kids in tree.children.values() if len(kids) >= 2]
    if not siblings:
        return
    pair = random.choice(siblings)[:2]
    superior = tree.units[pair[0]].superior
    orders_ = [_paid(code, f"{100 + index}", f"XD20231123{index:08d}") for index, code in enumerate(tree.units)]
    before = roll_up_completion(tree, orders_, filings, 2023)
    into = BudgetUnit("MERGEDSO", "合并单位", "广东", superior)  # S and O are never drawn: no clash
    after = roll_up_completion(merge_units(tree, pair, into),
                               orders_, filings, 2023)
    assert after.overall.counted_total == before.overall.counted_total
    assert after.overall.reserved_share == before.overall.reserved_share
    for code, department in before.departments.items():
        assert after.departments[code].counted_total == department.counted_total
        assert after.departments[code].reserved_share == department.reserved_share
