"""Local rules pinned: the findings compared whole (code, field, message, citation, warning), the province
and city levels both read, a tie between union-funds floors, and the type errors (mutation testing,
docs/dev/mutation.md)."""

from __future__ import annotations

from typing import Any

import pytest

from poverty_procurement import BudgetUnit, Contact, Filing, UnionBudget
from poverty_procurement.citation import Citation
from poverty_procurement.errors import UnsupportedType
from poverty_procurement.policy import (
    applicable_local_rules,
    load_policy_table,
    local_findings,
    union_funds_minimum,
)
from poverty_procurement.rules.policy.local_rules import LocalFinding

pytestmark = pytest.mark.mutation

CONTACT = Contact("张三", "13800138000")
GUANGZHOU = BudgetUnit("44010001", "广州市某局", "广东")


def _table(**sections: Any) -> Any:
    return load_policy_table(sections, origin="t.json")


def _rule(jurisdiction: str, document: str, **fields: Any) -> dict[str, Any]:
    return {"jurisdiction": jurisdiction, "year": 2026, "citation": {"document": document}, **fields}


def _union(jurisdiction: str, floor: str, document: str) -> dict[str, Any]:
    return {"jurisdiction": jurisdiction, "year": 2026, "floor": floor, "base": "union-funds",
            "citation": {"document": document}}


def test_a_province_rule_applies_with_and_without_a_locality() -> None:
    table = _table(local_rules=[_rule("广东", "粤", not_below_last_year=True)])
    (alone,) = applicable_local_rules(2026, "广东", policy=table)
    assert alone.jurisdiction == "440000"
    assert applicable_local_rules(2026, "广东", locality="440100", policy=table) == (alone,)
    assert applicable_local_rules(2026, None, locality="440100", policy=table) == (alone,)


def test_a_province_union_floor_applies_with_and_without_a_locality() -> None:
    table = _table(minimum_ratios=[_union("广东", "20", "粤")])
    minimum = union_funds_minimum(2026, "广东", policy=table)
    assert minimum is not None and minimum.jurisdiction == "440000"
    assert union_funds_minimum(2026, "广东", locality="440100", policy=table) == minimum


def test_a_tie_between_union_floors_goes_to_the_more_local_one() -> None:
    table = _table(minimum_ratios=[_union("CN", "20", "国"), _union("广东", "20", "粤")])
    minimum = union_funds_minimum(2026, "广东", policy=table)
    assert minimum is not None and minimum.jurisdiction == "440000" and str(minimum.citation) == "粤"


def test_the_share_below_last_year_finding_whole() -> None:
    table = _table(local_rules=[_rule("广东", "粤财采购〔2026〕1号", not_below_last_year=True)])
    this = Filing(GUANGZHOU, 2026, "own", canteen_total="100000", ratio=10, contact=CONTACT)
    before = Filing(GUANGZHOU, 2025, "own", canteen_total="100000", ratio=20, contact=CONTACT)
    assert local_findings(this, policy=table, last_year=before) == (LocalFinding(
        "share-below-last-year", "ratio",
        "预留份额10,000.00元低于上一年度的20,000.00元；广东省2026年要求预留份额原则上不低于上一年度，请提高或说明原因",
        Citation("粤财采购〔2026〕1号"), warning=True),)


def test_the_union_below_minimum_finding_whole() -> None:
    table = _table(minimum_ratios=[_union("广东", "20", "粤财采购〔2026〕2号")])
    low = Filing(GUANGZHOU, 2026, "none", remark="无食堂", union=UnionBudget("100000", 10), contact=CONTACT)
    assert local_findings(low, policy=table) == (LocalFinding(
        "union-ratio-below-minimum", "union",
        "无食堂单位的工会采购预留比例10.00%低于广东省2026年工会经费最低预留比例20.00%，请按不低于20.00%重新填报",
        Citation("粤财采购〔2026〕2号")),)


def test_a_unit_without_a_canteen_or_a_union_budget_has_nothing_to_check() -> None:
    table = _table(minimum_ratios=[_union("广东", "20", "粤")])
    bare = Filing(GUANGZHOU, 2026, "none", remark="无食堂", contact=CONTACT)
    assert bare.union is None
    assert local_findings(bare, policy=table) == ()


@pytest.mark.parametrize(("call", "field", "zh", "en"), [
    pytest.param(lambda: applicable_local_rules(2026, "广东", policy=5), "policy",  # type: ignore[arg-type]
                 "policy 须为 PolicyTable，收到 int", "policy must be a PolicyTable, got int", id="policy"),
    pytest.param(lambda: local_findings("x"), "filing",  # type: ignore[arg-type]
                 "需要 Filing，收到 str", "expected a Filing, got str", id="filing"),
    pytest.param(lambda: local_findings(Filing(GUANGZHOU, 2026, "none", remark="无食堂"), last_year=3),  # type: ignore[arg-type]
                 "last_year", "需要 Filing，收到 int", "expected a Filing, got int", id="last-year"),
])
def test_the_type_errors(call: Any, field: str, zh: str, en: str) -> None:
    with pytest.raises(UnsupportedType) as caught:
        call()
    assert (caught.value.field, caught.value.zh, caught.value.en) == (field, zh, en)
