"""Budget units and the unit tree (粤财采购〔2023〕2号 二（一）: 主管预算单位 and 下属单位)."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import BudgetUnit, UnitTree
from poverty_procurement.errors import InvalidUnit, PovertyProcurementError, UnknownProvince, UnsupportedType, shown
from poverty_procurement.model.unit import MAX_UNIT_CODE_LENGTH, MAX_UNIT_NAME_LENGTH
from poverty_procurement.strategies.filings import unit_trees
from support import raised_by


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


# --- budget units (二（一）) --------------------------------------------------------------------


@pytest.mark.mutation
@pytest.mark.parametrize(("field", "value"), [("code", 44000001), ("superior", 44000001)])
def test_a_unit_code_that_is_not_text_is_named_by_its_type(field: str, value: object) -> None:
    kwargs: dict[str, Any] = {"code": "U1", "name": "某中心", "province": "广东", field: value}
    error = raised_by(UnsupportedType, BudgetUnit, **kwargs)
    assert (error.field, error.zh, error.en) == (field, "单位代码须为文本，收到 int", "a unit code is a str, got int")


@pytest.mark.mutation
def test_unit_code_length_bound_both_sides() -> None:
    assert MAX_UNIT_CODE_LENGTH == 64
    longest = "A" * 64
    assert BudgetUnit(longest, "某中心", "广东").code == longest
    assert BudgetUnit("U1", "某中心", "广东", superior=longest).superior == longest
    for field in ("code", "superior"):
        too_long = "A" * 65
        kwargs: dict[str, Any] = {"code": "U1", "name": "某中心", "province": "广东", field: too_long}
        error = raised_by(InvalidUnit, BudgetUnit, **kwargs)
        assert error.field == field
        assert shown(too_long) in error.zh and shown(too_long) in error.en


@pytest.mark.mutation
@pytest.mark.parametrize("field", ["code", "superior"])
@pytest.mark.parametrize("code", ["bad code", "-U1", "单位1", ""])
def test_a_bad_unit_code_is_named_in_both_languages(field: str, code: str) -> None:
    kwargs: dict[str, Any] = {"code": "U1", "name": "某中心", "province": "广东", field: code}
    error = raised_by(InvalidUnit, BudgetUnit, **kwargs)
    assert error.field == field
    assert error.zh == f"单位代码 {shown(code)} 无效：只能用字母、数字和 . _ -，最长 64 个字符"
    assert error.en == f"unit code {shown(code)} is invalid: letters, digits and . _ - only, at most 64 characters"


@pytest.mark.mutation
def test_a_unit_cannot_be_its_own_superior() -> None:
    error = raised_by(InvalidUnit, BudgetUnit, "U1", "某中心", "广东", "U1")
    assert (error.field, error.zh, error.en) == ("superior", "单位 U1 不能是自己的上级单位",
                                                 "unit U1 cannot be its own superior")


@pytest.mark.mutation
def test_unit_name_bounds_and_messages() -> None:
    assert MAX_UNIT_NAME_LENGTH == 100
    assert BudgetUnit("U1", "某" * 100, "广东").name == "某" * 100
    for name in ("某" * 101, "", " 某中心", "某中心 ", "某\x00中心"):
        error = raised_by(InvalidUnit, BudgetUnit, "U1", name, "广东")
        assert error.field == "name"
        assert error.zh == f"单位名称 {shown(name)} 无效：须非空、首尾无空格、无控制字符，最长 100 字"
        assert error.en == (f"unit name {shown(name)} is invalid: non-empty, no surrounding spaces or control "
                            "characters, at most 100 characters")
    error = raised_by(UnsupportedType, BudgetUnit, "U1", 7, "广东")
    assert (error.field, error.zh, error.en) == ("name", "单位名称须为文本，收到 int", "a unit name is a str, got int")


@pytest.mark.mutation
def test_a_units_province_errors_name_the_province_field() -> None:
    assert raised_by(UnknownProvince, BudgetUnit, "U1", "某中心", "火星").field == "province"
    assert raised_by(UnsupportedType, BudgetUnit, "U1", "某中心", 4.4).field == "province"


def _tree_units() -> list[BudgetUnit]:
    return [BudgetUnit("D1", "某厅", "广东"), BudgetUnit("U1", "某中心", "广东", "D1"),
            BudgetUnit("U2", "某站", "广东", "U1"), BudgetUnit("D2", "某局", "广东")]


@pytest.mark.mutation
def test_tree_order_positions_and_parents() -> None:
    tree = UnitTree.of(_tree_units())
    assert tree.order == (("D1", None), ("D2", None), ("U1", "D1"), ("U2", "U1"))
    assert dict(tree.positions) == {"D1": 0, "D2": 1, "U1": 2, "U2": 3}
    assert tree.parents == (-1, -1, 0, 2)  # -1 marks a department-level unit (no superior)


@pytest.mark.mutation
def test_tree_errors_name_their_field() -> None:
    unit = BudgetUnit("D1", "某厅", "广东")
    error = raised_by(InvalidUnit, UnitTree.of, [unit, unit])
    assert (error.field, error.zh, error.en) == ("units", "单位代码 D1 重复", "duplicate unit code D1")
    error = raised_by(InvalidUnit, UnitTree.of, [BudgetUnit("U1", "某中心", "广东", "D9")])
    assert (error.field, error.zh, error.en) == ("superior", "单位 U1 的上级单位 D9 不存在",
                                                 "the superior D9 of unit U1 does not exist")
    error = raised_by(UnsupportedType, UnitTree.of, [unit, "U1"])
    assert (error.field, error.zh, error.en) == ("units", "需要 BudgetUnit，收到 str", "expected BudgetUnit, got str")


@pytest.mark.mutation
def test_a_cycle_names_at_most_five_of_its_units_in_order() -> None:
    cycle = [BudgetUnit(f"C{i}", "某中心", "广东", f"C{(i + 1) % 7}") for i in range(7)]
    error = raised_by(InvalidUnit, UnitTree.of, [BudgetUnit("D1", "某厅", "广东"), *reversed(cycle)])
    assert (error.field, error.zh, error.en) == ("superior", "上级关系成环：C0、C1、C2、C3、C4",
                                                 "the superior relation has a cycle: C0, C1, C2, C3, C4")
    error = raised_by(InvalidUnit, UnitTree.of,
                      [BudgetUnit("A", "甲", "广东", "B"), BudgetUnit("B", "乙", "广东", "A")])
    assert (error.zh, error.en) == ("上级关系成环：A、B", "the superior relation has a cycle: A, B")
