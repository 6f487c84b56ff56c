"""Budget units and the unit tree (粤财采购〔2023〕2号 二（一）: 主管预算单位 and 下属单位)."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import BudgetUnit, UnitTree
from poverty_procurement.errors import InvalidUnit, PovertyProcurementError, UnsupportedType
from poverty_procurement.strategies.filings import unit_trees


def test_department_level_unit_has_no_superior() -> None:
    unit = BudgetUnit("44000001", "广东省财政厅", "广东省")
    assert unit.is_department_level
    assert unit.province.code == "440000"
    assert str(unit) == "广东省财政厅（44000001）"


def test_subordinate_unit() -> None:
    unit = BudgetUnit("44000002", "广东省财政厅信息中心", "440000", superior="44000001")
    assert not unit.is_department_level
    assert unit.superior == "44000001"


@pytest.mark.parametrize(
    ("code", "name", "superior"),
    [
        ("", "某单位", None),
        ("44 01", "某单位", None),
        ("4401", "", None),
        ("4401", " 某单位", None),
        ("4401", "某\n单位", None),
        ("4401", "某单位", "4401"),
        ("x" * 65, "某单位", None),
        ("４４０１", "某单位", None),
    ],
)
def test_invalid_units_are_rejected(code: str, name: str, superior: str | None) -> None:
    with pytest.raises(InvalidUnit):
        BudgetUnit(code, name, "广东", superior)


def test_wrong_types_are_unsupported() -> None:
    with pytest.raises(UnsupportedType):
        BudgetUnit(4401, "某单位", "广东")  # type: ignore[arg-type]


def test_tree_rejects_unknown_superior_duplicate_and_cycle() -> None:
    dept = BudgetUnit("D", "厅", "广东")
    with pytest.raises(InvalidUnit, match="不存在"):
        UnitTree.of([dept, BudgetUnit("A", "甲", "广东", "X")])
    with pytest.raises(InvalidUnit, match="重复"):
        UnitTree.of([dept, dept])
    with pytest.raises(InvalidUnit, match="成环"):
        UnitTree.of([dept, BudgetUnit("A", "甲", "广东", "B"), BudgetUnit("B", "乙", "广东", "A")])


def test_tree_indexes() -> None:
    tree = UnitTree.of([BudgetUnit("C", "丙", "广东", "B"), BudgetUnit("B", "乙", "广东", "A"),
                        BudgetUnit("A", "甲", "广东")])
    assert dict(tree.departments) == {"A": "A", "B": "A", "C": "A"}
    assert dict(tree.depths) == {"A": 0, "B": 1, "C": 2}
    assert tree.current_code("C") == "C"
    assert tree.current_code("Z") is None


@given(unit_trees())
def test_every_generated_tree_is_valid_in_any_order(units: list[BudgetUnit]) -> None:
    tree = UnitTree.of(units)
    assert set(tree.units) == {u.code for u in units}
    position = {code: i for i, (code, _) in enumerate(tree.order)}
    assert len(position) == len(units)
    for code, superior in tree.order:
        assert superior == tree.units[code].superior
        if superior is not None:
            assert position[superior] < position[code]
    for unit in units:
        department = tree.units[tree.departments[unit.code]]
        assert department.is_department_level
        if unit.superior is not None:
            assert tree.depths[unit.code] == tree.depths[unit.superior] + 1


@given(st.text(max_size=80), st.text(max_size=120))
def test_arbitrary_text_raises_only_library_errors(code: str, name: str) -> None:
    with contextlib.suppress(PovertyProcurementError):
        BudgetUnit(code, name, "广东")
