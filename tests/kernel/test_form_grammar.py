"""The form grammar of amounts and ratios (附件2 一、第四步 "仅可输入数字与小数点，保留小数点后两位"):
the diagnosis shown for each kind of bad text, the input bound, exact fen."""

from __future__ import annotations

from decimal import Decimal

import pytest

from poverty_procurement import Yuan, parse_amount
from poverty_procurement.errors import InvalidAmount, UnsupportedType
from poverty_procurement.form_grammar import MAX_INPUT_LENGTH, exact_hundredths

pytestmark = pytest.mark.mutation


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
