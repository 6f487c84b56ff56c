"""Roll-ups split by department and merged equal the one-process roll-up (issue 19).

``FilingRollUp.merge`` of per-department roll-ups (``roll_up_partitioned``: a split by
``department_key``, ``roll_up_partition`` per part) equals ``roll_up_filings`` of all the filings,
with merged and abolished units, duplicates, filings of unknown units and of another year;
``Totals`` of disjoint scopes add; ``UnitTree.department_of`` follows mergers.
"""

from __future__ import annotations

import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import BudgetUnit, Filing, UnitTree
from poverty_procurement.errors import InvalidFiling, InvalidUnit, UnsupportedType
from poverty_procurement.filings import FilingRollUp, Totals, abolish_unit, merge_units, roll_up_filings
from poverty_procurement.partitioning import (
    NO_DEPARTMENT,
    department_key,
    partition_of,
    roll_up_partition,
    roll_up_partitioned,
)
from poverty_procurement.strategies.filings import filings_for, unit_trees


@st.composite
def trees_and_filings(draw: st.DrawFn) -> tuple[UnitTree, list[Filing]]:
    units: list[BudgetUnit] = draw(unit_trees(14))
    tree = UnitTree.of(units)
    leaves = [code for code in tree.units if code not in tree.children]
    if len(leaves) > 2 and draw(st.booleans()):  # a merger: two leaves into a new unit
        first, second = leaves[:2]
        superior = tree.units[first].superior
        tree = merge_units(tree, [first, second], BudgetUnit("M1", "合并单位", "广东", superior))
    leaves = [code for code in tree.units if code not in tree.children and tree.units[code].superior]
    if len(leaves) > 0 and draw(st.booleans()):
        tree = abolish_unit(tree, leaves[-1])
    filed = [unit for unit in units if draw(st.booleans())]
    filings = [draw(filings_for(unit)) for unit in filed]
    if len(filings) > 0 and draw(st.booleans()):
        filings.append(draw(st.sampled_from(filings)))  # a second filing of one unit
    if draw(st.booleans()):
        filings.append(draw(filings_for(BudgetUnit("X9", "外单位", "广东"))))  # a unit not in the tree
    if len(filed) > 0 and draw(st.booleans()):
        filings.append(draw(filings_for(filed[0], 2024)))  # another year
    order: list[Filing] = draw(st.permutations(filings))
    return tree, order


@given(case=trees_and_filings(), partitions=st.integers(1, 6))
def test_merged_department_roll_ups_equal_the_roll_up_of_all(
    case: tuple[UnitTree, list[Filing]], partitions: int
) -> None:
    tree, filings = case
    whole = roll_up_filings(tree, filings, 2023)
    merged = roll_up_partitioned(tree, filings, 2023, partitions)
    assert merged == whole
    assert merged.departments == whole.departments and merged.overall == whole.overall
    assert all(merged.unit(code) == whole.unit(code) for code in tree.units)
    assert pickle.loads(pickle.dumps(merged)) == whole


@given(case=trees_and_filings())
def test_department_overall_figures_add_up_to_the_overall(case: tuple[UnitTree, list[Filing]]) -> None:
    tree, filings = case
    whole = roll_up_filings(tree, filings, 2023)
    total = Totals.empty()
    for totals in whole.departments.values():
        total = total + totals
    assert total == whole.overall


def test_department_of_follows_mergers_and_knows_no_abolished_unit() -> None:
    tree = UnitTree.of([BudgetUnit("D1", "某厅", "广东"), BudgetUnit("A", "甲", "广东", "D1"),
                        BudgetUnit("B", "乙", "广东", "D1"), BudgetUnit("D2", "某局", "广东")])
    tree = merge_units(tree, ["A"], BudgetUnit("C", "丙", "广东", "D1"))
    tree = abolish_unit(tree, "B")
    assert [tree.department_of(code) for code in ("D1", "A", "C", "B", "D2", "?")] == ["D1", "D1", "D1", None, "D2",
                                                                                       None]
    assert department_key(tree, "B") == NO_DEPARTMENT == department_key(tree, "?")


def test_a_merge_refuses_overlapping_parts_other_years_and_units_outside_the_tree() -> None:
    d = BudgetUnit("D1", "某厅", "广东")
    a = BudgetUnit("A", "甲", "广东", "D1")
    tree = UnitTree.of([d, a])
    filing = Filing(a, 2023, "own", canteen_total="1000", ratio=30)
    part = roll_up_filings(tree, [filing], 2023)
    with pytest.raises(InvalidFiling):
        FilingRollUp.merge([part, part], tree)
    with pytest.raises(InvalidFiling):
        FilingRollUp.merge([part, roll_up_filings(tree, [], 2024)], tree)
    with pytest.raises(InvalidUnit):
        FilingRollUp.merge([part], UnitTree.of([d]))
    with pytest.raises(UnsupportedType):
        FilingRollUp.merge([], tree)
    assert FilingRollUp.merge([part, roll_up_filings(tree, [], 2023)], tree) == part
    assert Totals.empty().__add__(1) is NotImplemented  # type: ignore[operator]


def test_a_partition_roll_up_names_global_positions() -> None:
    d = BudgetUnit("D1", "某厅", "广东")
    tree = UnitTree.of([d])
    rolled = roll_up_partition(tree, [(7, Filing(d, 2024, "none")), (3, Filing(d, 2023, "none"))], 2023)
    assert [position for position, _ in rolled.errors] == [7]
    assert roll_up_partition(tree, [(3, Filing(d, 2023, "none"))], 2023).errors == ()
    assert partition_of(department_key(tree, "D1"), 3) in range(3)
    assert attrs.evolve(rolled, errors=()) != rolled
