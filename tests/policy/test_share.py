"""The share formula: 预留份额 = 年度食堂食材采购总额 × 预留比例 (附件2 一、第四步)."""

from __future__ import annotations

import decimal
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given

from poverty_procurement import (
    InputError,
    Ratio,
    Yuan,
    compute_share,
    compute_union_expected,
    explain_share,
    yuan,
)
from poverty_procurement.errors import InvalidAmount, InvalidRatio, PolicyNotFound
from poverty_procurement.strategies.core import amounts, ratios


def test_the_notices_examples() -> None:
    # 附件2 一、第四步: 3000000 元 × 20% → 600,000.00元; 工会 100000 × 20% → 20,000.00元
    assert compute_share("3000000", "20") == yuan("600000.00")
    assert str(compute_share(3000000, 20)) == "600,000.00元"
    assert compute_union_expected("100000", "20") == yuan("20000.00")
    assert str(compute_union_expected(Decimal(100000), Ratio.of(20))) == "20,000.00元"


@pytest.mark.parametrize(
    ("total", "ratio", "share"),
    [
        ("1000.05", "50", "500.03"),   # 500.025 → 500.03 (四舍五入, not banker's 500.02)
        ("0.01", "50", "0.01"),        # 0.005 → 0.01
        ("0.01", "49.99", "0.00"),
        ("0.03", "50", "0.02"),        # 0.015 → 0.02
        ("0.05", "50", "0.03"),        # 0.025 → 0.03 (half-even would give 0.02)
        ("100", "33.33", "33.33"),
        ("999999999999.99", "100", "999999999999.99"),
        ("999999999999.99", "0.01", "100000000.00"),
    ],
)
def test_rounding_is_half_up_once(total: str, ratio: str, share: str) -> None:
    assert compute_share(total, ratio) == yuan(share)


def test_caller_context_cannot_change_a_share() -> None:
    with decimal.localcontext() as context:
        context.prec = 3
        context.rounding = decimal.ROUND_HALF_EVEN
        assert compute_share(Decimal("1000.05"), Decimal("50")) == yuan("500.03")


def test_bad_inputs_name_their_field() -> None:
    with pytest.raises(InvalidAmount) as amount_error:
        compute_share("3,000,000", 20)
    assert amount_error.value.field == "canteen_total"
    with pytest.raises(InvalidRatio) as ratio_error:
        compute_share(100, "120")
    assert ratio_error.value.field == "ratio"
    with pytest.raises(InvalidAmount) as union_error:
        compute_union_expected("-1", 20)
    assert union_error.value.field == "union_total"
    with pytest.raises(InvalidRatio) as union_ratio_error:
        compute_union_expected(1, "1.234")
    assert union_ratio_error.value.field == "union_ratio"


def _exact(total: Yuan, ratio: Ratio) -> Decimal:
    return total.amount * ratio.percent / 100


@given(amounts(), ratios())
def test_share_is_bounded_by_the_total(total: Yuan, ratio: Ratio) -> None:
    share = compute_share(total, ratio)
    assert yuan(0) <= share <= total


@given(amounts(), ratios())
def test_share_is_within_half_a_fen_of_the_exact_product(total: Yuan, ratio: Ratio) -> None:
    with decimal.localcontext() as context:
        context.prec = 50
        difference = compute_share(total, ratio).amount - _exact(total, ratio)
    assert -Decimal("0.005") < difference <= Decimal("0.005")


@given(amounts())
def test_full_and_zero_ratio(total: Yuan) -> None:
    assert compute_share(total, 100) == total
    assert compute_share(total, 0) == yuan(0)


@given(amounts(), amounts(), ratios())
def test_monotone_in_the_total(a: Yuan, b: Yuan, ratio: Ratio) -> None:
    low, high = sorted((a, b))
    assert compute_share(low, ratio) <= compute_share(high, ratio)


@given(amounts(), ratios(), ratios())
def test_monotone_in_the_ratio(total: Yuan, a: Ratio, b: Ratio) -> None:
    low, high = sorted((a, b))
    assert compute_share(total, low) <= compute_share(total, high)


@given(amounts(), ratios())
def test_union_formula_is_the_same_formula(total: Yuan, ratio: Ratio) -> None:
    assert compute_union_expected(total, ratio) == compute_share(total, ratio)


@given(amounts(), ratios())
def test_inputs_in_any_accepted_form_give_the_same_share(total: Yuan, ratio: Ratio) -> None:
    expected = compute_share(total, ratio)
    assert compute_share(str(total.amount), str(ratio.percent)) == expected
    assert compute_share(total.amount, ratio.percent) == expected


def test_explain_share_gives_each_step_with_clause_and_rounding() -> None:
    explanation = explain_share("1000.05", "50")
    assert explanation.result == "500.03元"
    product, rounding = explanation.steps
    assert product.result == "500.025"
    assert product.citation.clause == "一、第四步"
    assert rounding.rounding.startswith("四舍五入")
    assert rounding.result == "500.03元"


def test_explain_share_with_the_guangdong_minimum() -> None:
    explanation = explain_share(3000000, 20, province="广东", year=2023)
    minimum, verdict = explanation.steps[2:]
    assert minimum.result == "30.00%"
    assert str(minimum.citation) == "粤财采购〔2023〕2号 二（二）"
    assert verdict.result == "低于最低比例"
    national = explain_share(3000000, 20, year=2023)
    assert national.steps[-1].result == "达到"
    assert str(national.steps[-2].citation) == "财办库〔2023〕45号 第一条"


def test_explanation_is_json_serialisable_and_immutable() -> None:
    explanation = explain_share(3000000, 30, province="440000", year=2023)
    data = json.loads(json.dumps(explanation.as_dict(), ensure_ascii=False))
    assert data["result"] == "900,000.00元"
    assert [step["rule"] for step in data["steps"]] == [
        "reserved-share-product", "round-half-up", "minimum-ratio", "ratio-meets-minimum"]
    assert data["steps"][2]["citation"]["document"] == "粤财采购〔2023〕2号"
    assert "依据：粤财采购〔2023〕2号 二（二）" in str(explanation)
    with pytest.raises(AttributeError):
        explanation.result = "x"  # type: ignore[misc]


def test_explain_share_needs_a_year_with_a_province_and_data_for_the_year() -> None:
    with pytest.raises(InputError):
        explain_share(1, 1, province="广东")
    with pytest.raises(PolicyNotFound):
        explain_share(1, 1, year=2019)


# --- the share rule --------------------------------------------------------------------------------


@pytest.mark.mutation
def test_share_rounds_half_up_exactly_once() -> None:
    assert compute_share("0.01", 50) == Yuan("0.01")  # 0.005 → 0.01
    assert compute_share("0.01", Decimal("49.99")) == Yuan(0)  # 0.004999 → 0.00
    assert compute_share("0.03", 50) == Yuan("0.02")  # 0.015 → 0.02
    assert compute_share(Yuan("1000.05"), Ratio(5000)) == Yuan("500.03")
    assert compute_union_expected(Yuan("1000.05"), Ratio(5000)) == Yuan("500.03")
    assert compute_union_expected("0.01", 50) == Yuan("0.01")
    assert compute_union_expected("0.01", Decimal("49.99")) == Yuan(0)


@pytest.mark.mutation
@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: compute_share("x", 20), "canteen_total"),
        (lambda: compute_share(100, "x"), "ratio"),
        (lambda: compute_union_expected("x", 20), "union_total"),
        (lambda: compute_union_expected(100, "x"), "union_ratio"),
        (lambda: compute_union_expected(100, 101), "union_ratio"),
        (lambda: explain_share("x", 20), "canteen_total"),
        (lambda: explain_share(100, "x"), "ratio"),
    ],
)
def test_share_errors_name_the_input(call: Any, field: str) -> None:
    with pytest.raises(InputError) as raised:
        call()
    assert raised.value.field == field


def _citation(document: str, clause: str, quote: str, confidence: str = "authoritative",
              source: str = "") -> dict[str, str]:
    return {"document": document, "clause": clause, "quote": quote, "confidence": confidence, "source": source}


_GUIDE = "粤财采购〔2023〕2号 附件2"
_PRODUCT = _citation(_GUIDE, "一、第四步", "预留份额 = 2023年度食堂食材采购总额 * 2023年度预留比例")
_ROUNDING = _citation(_GUIDE, "一、第四步", "仅可输入数字与小数点，保留小数点后两位")
_GUANGDONG_2023 = _citation("粤财采购〔2023〕2号", "二（二）",
                            "2023 年度预留比例原则上不低于本单位年度食堂食材采购总金额的 30%")


def _first_steps(total: str, ratio: str, exact: str, share: str) -> list[dict[str, Any]]:
    return [
        {"rule": "reserved-share-product", "label": "精确乘积", "formula": "年度食堂食材采购总额 × 预留比例",
         "inputs": [["年度食堂食材采购总额", total], ["预留比例", ratio]], "result": exact, "rounding": "",
         "citation": _PRODUCT},
        {"rule": "round-half-up", "label": "四舍五入到分", "formula": "", "inputs": [["精确乘积", exact]],
         "result": share, "rounding": "四舍五入（ROUND_HALF_UP）到 0.01 元，只取整一次", "citation": _ROUNDING},
    ]


@pytest.mark.mutation
def test_explain_share_every_field_of_every_step() -> None:
    explained = explain_share("1000.05", 50, province="广东", year=2023).as_dict()
    minimum = {"rule": "minimum-ratio", "label": "最低预留比例",
               "formula": "广东省2023年最低预留比例30.00%（粤财采购〔2023〕2号 二（二））",
               "inputs": [["年度", "2023"], ["省份", "广东省"]], "result": "30.00%", "rounding": "",
               "citation": _GUANGDONG_2023}
    meets = {"rule": "ratio-meets-minimum", "label": "是否达到最低比例", "formula": "",
             "inputs": [["预留比例", "50.00%"], ["最低预留比例", "30.00%"]], "result": "达到", "rounding": "",
             "citation": _GUANGDONG_2023}
    assert explained == {"subject": "预留份额", "result": "500.03元",
                         "steps": [*_first_steps("1,000.05元", "50.00%", "500.025", "500.03元"), minimum, meets]}


@pytest.mark.mutation
def test_explain_share_without_a_year_has_two_steps() -> None:
    explained = explain_share(Yuan("0.01"), Ratio(1)).as_dict()
    assert explained == {"subject": "预留份额", "result": "0.00元",
                         "steps": _first_steps("0.01元", "0.01%", "0.000001", "0.00元")}


@pytest.mark.mutation
def test_explain_share_exact_product_keeps_at_least_two_decimals() -> None:
    assert explain_share("3000000", 20).steps[0].result == "600000.00"
    assert explain_share("12.3", 10).steps[0].result == "1.23"
    assert explain_share("12.3", 1).steps[0].result == "0.123"
    assert explain_share("0.03", 50).steps[0].result == "0.015"


@pytest.mark.mutation
def test_explain_share_meeting_the_minimum_exactly_and_falling_short() -> None:
    at = explain_share(3000000, 30, province="广东", year=2023).steps[3]
    assert at.result == "达到"
    below = explain_share(3000000, Decimal("29.99"), province="广东", year=2023)
    assert below.steps[3].result == "低于最低比例"
    assert below.steps[3].inputs == (("预留比例", "29.99%"), ("最低预留比例", "30.00%"))
    national = explain_share(3000000, 10, year=2022).steps[2]
    assert national.inputs == (("年度", "2022"), ("省份", "全国"))
    assert national.result == "10.00%"


@pytest.mark.mutation
def test_explain_share_needs_the_year_with_a_province() -> None:
    with pytest.raises(InputError) as raised:
        explain_share(1, 1, province="广东")
    assert (raised.value.field, raised.value.zh, raised.value.en) == (
        "year", "给出省份时也须给出年度", "give the year when you give a province")


@pytest.mark.mutation
def test_a_rollup_total_above_the_input_bound_still_gets_its_share() -> None:
    # Sums of amounts may exceed MAX_AMOUNT (money module docstring); a Yuan total is taken as is,
    # by all three share functions alike, while the same figure as plain input is refused.
    rollup = Yuan("999999999999.99") + Yuan("999999999999.99") + Yuan("0.02")
    share = Yuan("400000000000")
    assert compute_share(rollup, 20) == share
    assert compute_union_expected(rollup, 20) == share
    assert explain_share(rollup, 20).result == "400,000,000,000.00元"
    with pytest.raises(InvalidAmount):
        compute_share("2000000000000", 20)
    with pytest.raises(InvalidAmount):
        compute_union_expected(rollup.amount, 20)


@pytest.mark.mutation
def test_share_fen_names_the_argument_that_is_not_an_int() -> None:
    from poverty_procurement.errors import UnsupportedType
    from poverty_procurement.policy import share_fen
    from support import told

    assert told(lambda: share_fen(1.5, 5000), UnsupportedType) == (  # type: ignore[arg-type]
        "total_fen", "total_fen 须为整数，收到 float", "total_fen must be an int, got float")
    assert told(lambda: share_fen(100, True), UnsupportedType) == (
        "basis_points", "basis_points 须为整数，收到 bool", "basis_points must be an int, got bool")
    assert told(lambda: share_fen(100, None), UnsupportedType) == (  # type: ignore[arg-type]
        "basis_points", "basis_points 须为整数，收到 NoneType", "basis_points must be an int, got NoneType")
