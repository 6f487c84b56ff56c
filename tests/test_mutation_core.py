"""Form grammar, Ratio and the share rule pinned for mutation testing (issue 7).

Each case is documented behaviour a filer or caller relies on: the full diagnosis shown for each
kind of bad form text (附件2 一、第四步 "仅可输入数字与小数点，保留小数点后两位"), the bounds of a
ratio, and every field of the share explanation (rule, label, inputs, result, rounding, clause).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from poverty_procurement import (
    InputError,
    Ratio,
    Yuan,
    compute_share,
    compute_union_expected,
    explain_share,
    parse_amount,
    parse_ratio,
)
from poverty_procurement.errors import InvalidAmount, InvalidRatio, UnsupportedType
from poverty_procurement.form_grammar import MAX_INPUT_LENGTH, exact_hundredths
from poverty_procurement.ratio import format_ratio

# --- the form grammar's diagnoses (_form) -------------------------------------------------------

_SEPARATORS = ("不能含千位分隔符或空格，请只输入数字和小数点，如 3000000.00",
               "thousands separators and inner spaces are not allowed; type digits and a point only")
_SIGNS = ("不能含正负号，金额和比例都不能为负", "signs are not allowed; amounts and ratios are never negative")
_EXPONENT = ("不能用科学计数法（如 1e6），请写出全部数字", "exponent notation is not allowed; write all digits out")
_FULL_STOP = ("小数点请用“.”，不要用句号“。”", "use '.' as the decimal point, not '。'")
_THIRD_DECIMAL = ("最多保留两位小数，请四舍五入到分（0.01）后再输入",
                  "at most two decimals are allowed; round to 0.01 first")
_TWO_POINTS = ("只能有一个小数点", "only one decimal point is allowed")
_LEADING_POINT = ("小数点前须有数字，如 0.5", "a digit must precede the point, e.g. 0.5")
_TRAILING_POINT = ("小数点后须有数字，或去掉小数点", "digits must follow the point, or drop it")
_OTHER = ("只能输入数字与小数点，最多两位小数", "only digits and a point with at most two decimals")


@pytest.mark.parametrize(
    ("text", "diagnosis"),
    [
        ("3,000,000", _SEPARATORS), ("3，000", _SEPARATORS), ("3、000", _SEPARATORS), ("3'000", _SEPARATORS),
        ("3_000", _SEPARATORS), ("3 000", _SEPARATORS),
        ("+5", _SIGNS), ("-5", _SIGNS), ("−5", _SIGNS),
        ("1e6", _EXPONENT), ("1E6", _EXPONENT),
        ("1。5", _FULL_STOP),
        ("1.234", _THIRD_DECIMAL), ("0.12345", _THIRD_DECIMAL),
        ("1.2.3", _TWO_POINTS), ("1..2", _TWO_POINTS),
        (".5", _LEADING_POINT),
        ("5.", _TRAILING_POINT),
        ("abc", _OTHER), ("5x", _OTHER), ("1.2a", _OTHER), ("0x", _OTHER), ("9x", _OTHER),
    ],
)
def test_each_kind_of_bad_form_text_gets_its_own_diagnosis(text: str, diagnosis: tuple[str, str]) -> None:
    with pytest.raises(InvalidAmount) as raised:
        parse_amount(text, "canteen_total")
    zh, en = diagnosis
    assert raised.value.field == "canteen_total"
    assert raised.value.zh == f"{zh}（收到 {text!r}）"
    assert raised.value.en == f"{en} (got {text!r})"


@pytest.mark.parametrize(("text", "digit"), [("١٢", "١"), ("1٣", "٣"), ("٣x", "٣"), ("x٣", "٣")])
def test_digits_of_other_scripts_are_named(text: str, digit: str) -> None:
    # NFKC leaves Arabic-Indic digits alone; the message names the first one found
    with pytest.raises(InvalidAmount) as raised:
        parse_amount(text)
    assert raised.value.zh == f"含有非阿拉伯数字字符 {digit!r}，请只用 0–9（收到 {text!r}）"
    assert raised.value.en == f"contains the non-ASCII digit {digit!r}; use 0-9 only (got {text!r})"


def test_form_text_length_and_emptiness() -> None:
    assert MAX_INPUT_LENGTH == 64
    assert parse_amount(" " * 60 + "1234") == Yuan("1234")  # exactly the limit is accepted
    too_long = " " * 61 + "1234"
    with pytest.raises(InvalidAmount) as raised:
        parse_amount(too_long, "total")
    assert (raised.value.field, raised.value.zh, raised.value.en) == (
        "total", "输入过长（65 个字符，最多 64）", "input too long (65 characters, at most 64)")
    for blank in ("", "   ", "\u3000"):
        with pytest.raises(InvalidAmount) as raised:
            parse_amount(blank, "total")
        assert (raised.value.field, raised.value.zh, raised.value.en) == (
            "total", "不能为空，请输入数字", "must not be empty; enter a number")
    with pytest.raises(UnsupportedType) as type_error:
        parse_amount(12, "total")  # type: ignore[arg-type]
    assert (type_error.value.field, type_error.value.zh, type_error.value.en) == (
        "total", "需要文本，收到 int", "expected str, got int")


@pytest.mark.parametrize(
    ("text", "fen"),
    [("0", 0), ("000", 0), ("1", 100), ("1.5", 150), ("1.05", 105), ("1.50", 150), ("0.01", 1),
     ("0000000000001", 100), ("999999999999.99", 99_999_999_999_999)],
)
def test_form_text_parses_to_exact_fen(text: str, fen: int) -> None:
    assert parse_amount(text).fen == fen


def test_too_many_integer_digits_counts_after_leading_zeros() -> None:
    with pytest.raises(InvalidAmount) as raised:
        parse_amount("1000000000000", "total")
    assert raised.value.zh == "整数部分最多 12 位（收到 '1000000000000'）"
    assert raised.value.en == "at most 12 integer digits (got '1000000000000')"


def test_exact_hundredths() -> None:
    assert exact_hundredths(Decimal("1.00")) == 100
    assert exact_hundredths(Decimal("1.2")) == 120
    assert exact_hundredths(Decimal("1E+2")) == 10_000
    assert exact_hundredths(Decimal("1.005")) is None
    assert exact_hundredths(Decimal("1.0000")) == 100


# --- Ratio ---------------------------------------------------------------------------------------


def test_ratio_bounds_are_inclusive() -> None:
    assert Ratio(0).basis_points == 0
    assert Ratio(10_000).basis_points == 10_000
    assert Ratio.of(100) == Ratio(10_000)
    assert Ratio.of(0) == Ratio(0)
    assert Ratio.of(Decimal("100.00")) == Ratio(10_000)
    assert Ratio.of("100") == Ratio(10_000)
    assert Ratio.of("100.00") == Ratio(10_000)
    assert Ratio.of("0") == Ratio(0)
    assert Ratio.of(Decimal("12.5")) == Ratio(1250)
    assert Ratio.of(Decimal("0.01")) == Ratio(1)
    assert Ratio.of(" １２.３４ ") == Ratio(1234)


def test_ratio_of_a_ratio_is_itself() -> None:
    ratio = Ratio(1234)
    assert Ratio.of(ratio) is ratio


@pytest.mark.parametrize(
    ("call", "error", "field", "zh", "en"),
    [
        (lambda: Ratio(True), UnsupportedType, "basis_points", "基点须为整数，收到 bool",
         "basis_points must be an int, got bool"),
        (lambda: Ratio(-1), InvalidRatio, "basis_points", "比例须在 0%–100% 之间（收到 -0.01%）",
         "the ratio must be between 0% and 100% (got -1 basis points)"),
        (lambda: Ratio(10_001), InvalidRatio, "basis_points", "比例须在 0%–100% 之间（收到 100.01%）",
         "the ratio must be between 0% and 100% (got 10001 basis points)"),
        (lambda: Ratio.of("100.01", "r"), InvalidRatio, "r", "比例须在 0 到 100 之间（收到 '100.01'），输入12代表12%",
         "the ratio must be between 0 and 100 (got '100.01'); 12 means 12%"),
        (lambda: Ratio.of(Decimal("100.01"), "r"), InvalidRatio, "r",
         "比例须在 0 到 100 之间（收到 Decimal('100.01')），输入12代表12%",
         "the ratio must be between 0 and 100 (got Decimal('100.01')); 12 means 12%"),
        (lambda: Ratio.of(Decimal("-0.01"), "r"), InvalidRatio, "r",
         "比例须在 0 到 100 之间（收到 Decimal('-0.01')），输入12代表12%",
         "the ratio must be between 0 and 100 (got Decimal('-0.01')); 12 means 12%"),
        (lambda: Ratio.of(Decimal("Infinity"), "r"), InvalidRatio, "r",
         "比例须在 0 到 100 之间（收到 Decimal('Infinity')），输入12代表12%",
         "the ratio must be between 0 and 100 (got Decimal('Infinity')); 12 means 12%"),
        (lambda: Ratio.of(101, "r"), InvalidRatio, "r", "比例须在 0 到 100 之间（收到 101），输入12代表12%",
         "the ratio must be between 0 and 100 (got 101); 12 means 12%"),
        (lambda: Ratio.of("101", "r"), InvalidRatio, "r", "比例须在 0 到 100 之间（收到 '101'），输入12代表12%",
         "the ratio must be between 0 and 100 (got '101'); 12 means 12%"),
        (lambda: Ratio.of("10000", "r"), InvalidRatio, "r", "整数部分最多 3 位（收到 '10000'）",
         "at most 3 integer digits (got '10000')"),
        (lambda: Ratio.of("12.345", "r"), InvalidRatio, "r",
         "比例最多两位小数，请四舍五入到 0.01 个百分点后再输入（收到 '12.345'）",
         "a ratio has at most two decimals; round to 0.01 percent points first (got '12.345')"),
        (lambda: Ratio.of(" １２.３４５ ", "r"), InvalidRatio, "r",
         "比例最多两位小数，请四舍五入到 0.01 个百分点后再输入（收到 ' １２.３４５ '）",
         "a ratio has at most two decimals; round to 0.01 percent points first (got ' １２.３４５ ')"),
        (lambda: Ratio.of(Decimal("12.345"), "r"), InvalidRatio, "r",
         "比例最多两位小数，请四舍五入到 0.01 个百分点后再输入（收到 Decimal('12.345')）",
         "a ratio has at most two decimals; round to 0.01 percent points first (got Decimal('12.345'))"),
        (lambda: Ratio.of(True, "r"), UnsupportedType, "r", "比例不能是 bool，请用 Decimal、int 或文本",
         "a ratio cannot be a bool; use Decimal, int or str"),
        (lambda: Ratio.of(None, "r"), UnsupportedType, "r", "比例不能是 NoneType，请用 Decimal、int 或文本",  # type: ignore[arg-type]
         "a ratio cannot be a NoneType; use Decimal, int or str"),
        (lambda: parse_ratio(12, "r"), UnsupportedType, "r", "需要文本，收到 int",  # type: ignore[arg-type]
         "expected str, got int"),
        (lambda: parse_ratio(Ratio(1), "r"), UnsupportedType, "r", "需要文本，收到 Ratio",  # type: ignore[arg-type]
         "expected str, got Ratio"),
    ],
)
def test_ratio_errors_in_full(call: Any, error: type[Exception], field: str, zh: str, en: str) -> None:
    with pytest.raises(error) as raised:
        call()
    assert (raised.value.field, raised.value.zh, raised.value.en) == (field, zh, en)  # type: ignore[attr-defined]


def test_an_overlong_ratio_text_is_rejected_as_too_long_not_as_too_precise() -> None:
    text = "1." + "2" * (MAX_INPUT_LENGTH - 1)
    with pytest.raises(InvalidRatio) as raised:
        parse_ratio(text)
    assert raised.value.zh == f"输入过长（{MAX_INPUT_LENGTH + 1} 个字符，最多 {MAX_INPUT_LENGTH}）"


def test_ratio_percent_and_display() -> None:
    assert str(Ratio(1250).percent) == "12.50"
    assert str(Ratio(10_000).percent) == "100.00"
    assert str(Ratio(5).percent) == "0.05"
    assert format_ratio(Ratio(5)) == "0.05%"
    assert format_ratio(Ratio(10_000)) == "100.00%"
    assert str(Ratio(2000)) == "20.00%"
    assert parse_ratio("12", "r") == Ratio(1200)
    assert Ratio(1) < Ratio(2) <= Ratio(2)


# --- the share rule --------------------------------------------------------------------------------


def test_share_rounds_half_up_exactly_once() -> None:
    assert compute_share("0.01", 50) == Yuan("0.01")  # 0.005 → 0.01
    assert compute_share("0.01", Decimal("49.99")) == Yuan(0)  # 0.004999 → 0.00
    assert compute_share("0.03", 50) == Yuan("0.02")  # 0.015 → 0.02
    assert compute_share(Yuan("1000.05"), Ratio(5000)) == Yuan("500.03")
    assert compute_union_expected(Yuan("1000.05"), Ratio(5000)) == Yuan("500.03")
    assert compute_union_expected("0.01", 50) == Yuan("0.01")
    assert compute_union_expected("0.01", Decimal("49.99")) == Yuan(0)


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


def test_explain_share_without_a_year_has_two_steps() -> None:
    explained = explain_share(Yuan("0.01"), Ratio(1)).as_dict()
    assert explained == {"subject": "预留份额", "result": "0.00元",
                         "steps": _first_steps("0.01元", "0.01%", "0.000001", "0.00元")}


def test_explain_share_exact_product_keeps_at_least_two_decimals() -> None:
    assert explain_share("3000000", 20).steps[0].result == "600000.00"
    assert explain_share("12.3", 10).steps[0].result == "1.23"
    assert explain_share("12.3", 1).steps[0].result == "0.123"
    assert explain_share("0.03", 50).steps[0].result == "0.015"


def test_explain_share_meeting_the_minimum_exactly_and_falling_short() -> None:
    at = explain_share(3000000, 30, province="广东", year=2023).steps[3]
    assert at.result == "达到"
    below = explain_share(3000000, Decimal("29.99"), province="广东", year=2023)
    assert below.steps[3].result == "低于最低比例"
    assert below.steps[3].inputs == (("预留比例", "29.99%"), ("最低预留比例", "30.00%"))
    national = explain_share(3000000, 10, year=2022).steps[2]
    assert national.inputs == (("年度", "2022"), ("省份", "全国"))
    assert national.result == "10.00%"


def test_explain_share_needs_the_year_with_a_province() -> None:
    with pytest.raises(InputError) as raised:
        explain_share(1, 1, province="广东")
    assert (raised.value.field, raised.value.zh, raised.value.en) == (
        "year", "给出省份时也须给出年度", "give the year when you give a province")


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


def test_a_ratio_with_a_third_decimal_at_the_length_limit_is_too_precise() -> None:
    text = " " * (MAX_INPUT_LENGTH - len("12.345")) + "12.345"
    assert len(text) == MAX_INPUT_LENGTH
    with pytest.raises(InvalidRatio) as raised:
        parse_ratio(text)
    assert raised.value.zh.startswith("比例最多两位小数")
