"""Organisational changes: 粤财采购〔2023〕2号 二（四）, 财办库〔2023〕45号 第一条 (合并、撤销、更名)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import (
    BudgetUnit,
    Contact,
    Filing,
    FilingRecord,
    UnitTree,
    apply_action,
    roll_up_filings,
)
from poverty_procurement.conventions import BEIJING as CHINA_STANDARD_TIME
from poverty_procurement.errors import InvalidUnit, PovertyProcurementError
from poverty_procurement.filings import abolish_unit, merge_units, rebase_filing, rebase_record, rename_unit
from poverty_procurement.strategies.filings import filings_for, units_with_filings
from poverty_procurement.workflow import Actor, FilingStatus, Submit
from support import CENTRE_A1, CENTRE_B1, D1, D1_TREE, error_parts

CONTACT = Contact("张三", "13800138000")
D = BudgetUnit("D", "广东省扶贫开发办公室", "广东")
A = BudgetUnit("A", "甲中心", "广东", "D")
B = BudgetUnit("B", "乙中心", "广东", "D")
A1 = BudgetUnit("A1", "甲中心下属所", "广东", "A")


def own(unit: BudgetUnit, total: str, ratio: int) -> Filing:
    return Filing(unit, 2023, "own", canteen_total=total, ratio=ratio, contact=CONTACT)


def test_rename_keeps_filing_and_history() -> None:
    tree = UnitTree.of([D, A])
    record = FilingRecord.open(A, 2023, "D")
    record, _ = apply_action(record, Submit(own(A, "100", 30)), Actor.unit("A"),
                             datetime.datetime(2023, 3, 1, tzinfo=CHINA_STANDARD_TIME))
    renamed = rename_unit(tree, "A", "甲服务中心")
    moved = rebase_record(record, renamed)
    assert moved.unit.name == "甲服务中心" and moved.filing is not None
    assert moved.filing.unit.name == "甲服务中心"
    assert moved.trail == record.trail and moved.status is record.status
    assert moved.filing.reserved_share == record.filing.reserved_share  # type: ignore[union-attr]
    assert rebase_record(moved, renamed) is moved


def test_merge_combines_totals_and_moves_subordinates() -> None:
    tree = UnitTree.of([D, A, B, A1])
    filings = [own(A, "1000", 30), own(B, "3000", 40), own(A1, "500", 30)]
    merged = merge_units(tree, ["A", "B"], BudgetUnit("AB", "甲乙中心", "广东", "D"))
    assert merged.units["A1"].superior == "AB"
    result = roll_up_filings(merged, filings, 2023)
    assert str(result.unit("AB").reserved_share) == "1,500.00元"
    assert str(result.unit("AB").canteen_total) == "4,000.00元"
    original = roll_up_filings(tree, filings, 2023).departments["D"]
    assert result.departments["D"].reserved_share == original.reserved_share
    assert result.departments["D"].canteen_total == original.canteen_total
    assert result.departments["D"].units == original.units - 1
    # a unit continuing under its own code
    kept = merge_units(tree, ["A", "B"], BudgetUnit("A", "甲中心（合并后）", "广东", "D"))
    assert dict(kept.successors) == {"B": "A"}
    assert roll_up_filings(kept, filings, 2023).unit("A").reserved_share.fen == 150_000
    # chains: AB merged again into X
    again = merge_units(merged, ["AB", "A1"], BudgetUnit("X", "新中心", "广东", "D"))
    assert dict(again.successors) == {"A": "X", "B": "X", "AB": "X", "A1": "X"}


def test_merge_errors() -> None:
    tree = UnitTree.of([D, A, B])
    with pytest.raises(InvalidUnit):
        merge_units(tree, ["A"], A)
    with pytest.raises(InvalidUnit):
        merge_units(tree, ["A", "Q"], BudgetUnit("AB", "甲乙", "广东", "D"))
    with pytest.raises(InvalidUnit):
        merge_units(tree, ["A", "B"], BudgetUnit("D", "甲乙", "广东"))
    with pytest.raises(InvalidUnit):
        merge_units(tree, ["D", "A"], BudgetUnit("X", "甲乙", "广东", "A"))


def test_abolished_unit_leaves_the_roll_up_but_its_filing_is_kept() -> None:
    tree = UnitTree.of([D, A, B])
    filings = [own(A, "1000", 30), own(B, "3000", 40)]
    after = abolish_unit(tree, "B")
    result = roll_up_filings(after, filings, 2023)
    assert result.departments["D"].reserved_share.fen == 30_000
    assert result.abolished_filings == (filings[1],)
    assert result.errors == ()
    assert after.abolished["B"] == B
    with pytest.raises(InvalidUnit, match="下属单位"):
        abolish_unit(UnitTree.of([D, A, A1]), "A")
    with pytest.raises(InvalidUnit):
        abolish_unit(tree, "Q")


@given(units_with_filings(), st.data())
def test_a_rename_changes_no_figure(data: tuple[list[BudgetUnit], list[Filing]], more: st.DataObject) -> None:
    units, filings = data
    tree = UnitTree.of(units)
    code = more.draw(st.sampled_from(sorted(tree.units)))
    renamed = rename_unit(tree, code, "更名后的单位")
    before = roll_up_filings(tree, filings, 2023)
    after = roll_up_filings(renamed, [rebase_filing(f, renamed) for f in filings], 2023)
    assert dict(before.departments) == dict(after.departments)
    assert dict(before.superiors) == dict(after.superiors)


@given(units_with_filings(), st.data())
def test_a_merger_preserves_department_totals(data: tuple[list[BudgetUnit], list[Filing]],
                                              more: st.DataObject) -> None:
    units, filings = data
    extra = [BudgetUnit("X1", "新增甲", "广东", "U0"), BudgetUnit("X2", "新增乙", "广东", "U0")]
    filings = [*filings, *[more.draw(filings_for(unit)) for unit in extra]]
    tree = UnitTree.of([*units, *extra])
    department = "U0"
    members = sorted(code for code, dept in tree.departments.items() if dept == department and code != department)
    chosen = more.draw(st.lists(st.sampled_from(members), min_size=2, max_size=len(members), unique=True))
    merged = merge_units(tree, chosen, BudgetUnit("MERGED", "合并单位", "广东", department))
    before, after = roll_up_filings(tree, filings, 2023), roll_up_filings(merged, filings, 2023)
    old, new = before.departments[department], after.departments[department]
    assert (old.canteen_total, old.reserved_share, old.union_expected) == \
        (new.canteen_total, new.reserved_share, new.union_expected)
    assert dict(old.arrangements) == dict(new.arrangements)
    combined = after.unit("MERGED")
    assert combined.reserved_share.fen == sum(before.unit(c).reserved_share.fen for c in chosen)


# --- pinned by mutation testing -------------------------------------------------------------------


Refusal = tuple[str, str, str]


# --- organisation changes -----------------------------------------------------------------------


@pytest.mark.mutation
def test_a_unit_with_subordinates_cannot_be_abolished_and_five_are_named() -> None:
    kids = [BudgetUnit(f"K{n}", f"下属{n}", "广东", "D1") for n in (3, 1, 6, 2, 5, 4)]
    tree = UnitTree.of([D1, *kids])
    with pytest.raises(InvalidUnit) as refused:
        abolish_unit(tree, "D1")
    assert error_parts(refused.value) == (
        "code", "单位 D1 仍有下属单位（K3、K1、K6、K2、K5），请先合并或调整其隶属关系",
        "unit D1 still has subordinates (K3、K1、K6、K2、K5); move or merge them first")


@pytest.mark.mutation
def test_abolishing_a_unit_keeps_earlier_mergers() -> None:
    tree = merge_units(UnitTree.of([D1, CENTRE_A1, CENTRE_B1, BudgetUnit("C1", "丙", "广东", "D1")]), ["A1", "B1"],
                       BudgetUnit("AB", "甲乙", "广东", "D1"))
    after = abolish_unit(tree, "C1")
    assert dict(after.successors) == {"A1": "AB", "B1": "AB"}
    assert sorted(after.units) == ["AB", "D1"] and sorted(after.abolished) == ["C1"]


@pytest.mark.mutation
def test_rebasing_leaves_what_a_rename_does_not_touch() -> None:
    tree = UnitTree.of([D1, CENTRE_A1])
    filing = Filing(CENTRE_A1, 2023, "none", remark="无食堂")
    assert rebase_filing(filing, tree) is filing  # same unit: unchanged
    gone = abolish_unit(tree, "A1")
    assert rebase_filing(filing, gone) is filing  # abolished: kept with its own unit
    renamed = rename_unit(tree, "A1", "甲中心（更名）")
    assert rebase_filing(filing, renamed).unit.name == "甲中心（更名）"
    record = FilingRecord.open(CENTRE_A1, 2023, "D1")
    moved = rebase_record(record, renamed)
    assert (moved.unit.name, moved.filing, moved.status) == ("甲中心（更名）", None, FilingStatus.NOT_FILED)


Call = Callable[[], object]


@pytest.mark.mutation
@pytest.mark.parametrize(
    ("call", "kind", "expected"),
    [
        (lambda: merge_units(D1_TREE, ["A1"], CENTRE_A1), InvalidUnit,
         ("codes", "合并至少需要两个单位（或一个单位并入另一新单位）",
          "a merger needs at least two units (or one unit into a new one)")),
        (lambda: merge_units(D1_TREE, [], BudgetUnit("X", "新", "广东", "D1")), InvalidUnit,
         ("codes", "合并至少需要两个单位（或一个单位并入另一新单位）",
          "a merger needs at least two units (or one unit into a new one)")),
        (lambda: merge_units(D1_TREE, ["A1", "Q"], BudgetUnit("X", "新", "广东", "D1")), InvalidUnit,
         ("code", "单位 Q 不在当前单位树中", "unit Q is not in the current tree")),
        (lambda: merge_units(D1_TREE, ["A1"], CENTRE_B1), InvalidUnit,
         ("into", "合并后的单位代码 B1 已被其他单位使用", "the merged unit's code B1 is used by another unit")),
        (lambda: merge_units(D1_TREE, ["A1", "B1"], BudgetUnit("X", "新", "广东", "A1")), InvalidUnit,
         ("into", "合并后单位的上级不能是被合并的单位", "the merged unit cannot report to a merged unit")),
        (lambda: rename_unit(D1_TREE, "Q", "新"), InvalidUnit,
         ("code", "单位 Q 不在当前单位树中", "unit Q is not in the current tree")),
        (lambda: abolish_unit(D1_TREE, "Q"), InvalidUnit,
         ("code", "单位 Q 不在当前单位树中", "unit Q is not in the current tree")),
    ],
)
def test_every_refusal_names_its_field(call: Call, kind: type[PovertyProcurementError], expected: Refusal) -> None:
    with pytest.raises(kind) as refused:
        call()
    assert type(refused.value) is kind and error_parts(refused.value) == expected


@pytest.mark.mutation
def test_a_merger_of_one_unit_into_a_new_one_is_allowed() -> None:
    merged = merge_units(D1_TREE, ["A1"], BudgetUnit("X", "新", "广东", "D1"))
    assert dict(merged.successors) == {"A1": "X"} and sorted(merged.units) == ["B1", "D1", "X"]


@pytest.mark.mutation
def test_successive_mergers_keep_the_chain_and_the_abolished_units() -> None:
    c, e = BudgetUnit("C1", "丙", "广东", "D1"), BudgetUnit("E1", "戊", "广东", "D1")
    tree = abolish_unit(UnitTree.of([D1, CENTRE_A1, CENTRE_B1, c, e, BudgetUnit("F1", "己", "广东", "D1")]), "F1")
    first = merge_units(tree, ["A1", "B1"], BudgetUnit("AB", "甲乙", "广东", "D1"))
    assert dict(first.successors) == {"A1": "AB", "B1": "AB"}
    assert sorted(first.abolished) == ["F1"]
    # a second merger elsewhere leaves the first one's successors alone
    second = merge_units(first, ["C1", "E1"], BudgetUnit("CE", "丙戊", "广东", "D1"))
    assert dict(second.successors) == {"A1": "AB", "B1": "AB", "C1": "CE", "E1": "CE"}
    assert sorted(second.abolished) == ["F1"]
    # merging the merged unit again, under an old code, redirects the chain without a loop
    third = merge_units(second, ["AB", "CE"], BudgetUnit("A1", "甲乙丙戊", "广东", "D1"))
    assert dict(third.successors) == {"B1": "A1", "C1": "A1", "E1": "A1", "AB": "A1", "CE": "A1"}
    assert sorted(third.units) == ["A1", "D1"] and sorted(third.abolished) == ["F1"]
    assert third.current_code("B1") == "A1" and third.current_code("A1") == "A1"
