"""Completion rolled up through the unit tree: sums, shared canteens once, order independence."""

from __future__ import annotations

import datetime
import random as random_module
from collections.abc import Callable

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
from poverty_procurement.errors import InvalidFiling, InvalidUnit, PovertyProcurementError, UnsupportedType
from poverty_procurement.payments import OrderStatus
from poverty_procurement.rules.completion.counting import _example, count_decision
from poverty_procurement.rules.completion.rollup import OVERALL
from poverty_procurement.rules.filings.org_changes import abolish_unit
from poverty_procurement.strategies import orders, units_with_filings
from poverty_procurement.strategies.payments import order_numbers
from support import CENTRE_A1, CENTRE_B1, D1, D1_TREE, OWN_A1, completion_of, error_parts

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


# --- pinned by mutation testing -------------------------------------------------------------------


Refusal = tuple[str, str, str]
_OUTSIDE = [Filing(BudgetUnit(f"Z{n}", f"外{n}", "广东"), 2023, "none") for n in (6, 2, 4, 1, 5, 3)]
Call = Callable[[], object]


@pytest.mark.mutation
@pytest.mark.parametrize(
    ("call", "kind", "expected"),
    [
        (lambda: roll_up_unit_completions(D1_TREE, ["x"], 2023), UnsupportedType,  # type: ignore[list-item]
         ("completions", "需要 Completion，收到 str", "expected a Completion, got str")),
        (lambda: roll_up_unit_completions(D1_TREE, [completion_of(year=2024)], 2023), InvalidFiling,
         ("completions", "单位 A1 的完成情况属于 2024 年，不是 2023 年",
          "the completion of unit A1 is for 2024, not 2023")),
        (lambda: roll_up_unit_completions(D1_TREE, [completion_of("U1")], 2023), InvalidUnit,
         ("completions", "单位 U1 不在单位树中", "unit U1 is not in the unit tree")),
        (lambda: roll_up_unit_completions(D1_TREE, [completion_of(), completion_of()], 2023), InvalidFiling,
         ("completions", "单位 A1 有两份完成情况", "unit A1 has two completions")),
        (lambda: roll_up_completion(D1_TREE, [], ["x"], 2023), UnsupportedType,  # type: ignore[list-item]
         ("filings", "需要 Filing，收到 str", "expected a Filing, got str")),
        (lambda: roll_up_completion(D1_TREE, [], [OWN_A1, OWN_A1], 2023), InvalidFiling,
         ("filings", "单位 A1 有多份 2023 年填报", "unit A1 has several 2023 filings")),
        (lambda: roll_up_completion(D1_TREE, [], _OUTSIDE, 2023), InvalidUnit,
         ("filings", "填报单位不在单位树中：Z1、Z2、Z3、Z4、Z5",
          "filing units not in the unit tree: Z1, Z2, Z3, Z4, Z5")),
        (lambda: roll_up_completion(D1_TREE, [], _OUTSIDE[:1], 2023), InvalidUnit,
         ("filings", "填报单位不在单位树中：Z6", "filing units not in the unit tree: Z6")),
    ],
)
def test_every_refusal_names_its_field(call: Call, kind: type[PovertyProcurementError], expected: Refusal) -> None:
    with pytest.raises(kind) as refused:
        call()
    assert type(refused.value) is kind and error_parts(refused.value) == expected


@pytest.mark.mutation
def test_a_decision_names_its_order_and_skipped_filings_do_not_stop_the_roll_up() -> None:
    assert count_decision(_example(), "U1", 2023).order_number == "XD2023112330011271"
    skipped = [attrs.evolve(OWN_A1, year=2024), Filing(CENTRE_B1, 2023, "own", canteen_total="100", ratio=30)]
    result = roll_up_completion(D1_TREE, [], [*skipped, OWN_A1], 2023)
    assert (str(result.units["A1"].reserved_share), str(result.units["B1"].reserved_share)) == ("30.00元", "30.00元")
    gone = abolish_unit(D1_TREE, "B1")
    after = roll_up_completion(gone, [], [skipped[1], OWN_A1], 2023)
    assert str(after.units["A1"].reserved_share) == "30.00元" and "B1" not in after.units


@pytest.mark.mutation
def test_a_unit_without_a_completion_counts_as_nothing_against_nothing() -> None:
    # a plain list of units is a tree too
    result = roll_up_unit_completions([D1, CENTRE_A1, CENTRE_B1], [completion_of()], 2023)
    empty = result.units["B1"]
    assert (empty.unit_code, empty.year, str(empty.counted_total), str(empty.reserved_share), empty.ratio) == (
        "B1", 2023, "0.00元", "0.00元", None)
    assert (empty.orders_counted, empty.excluded, empty.complete) == (0, (), True)
    assert result.units["A1"] == completion_of()
    assert str(result.departments["D1"].counted_total) == "2,000.00元"
