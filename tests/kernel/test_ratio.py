"""Ratio: percent points with two decimals, 0–100 ("输入12代表12%")."""

from __future__ import annotations

import pickle
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import PovertyProcurementError, Ratio, parse_ratio
from poverty_procurement.errors import InvalidRatio, UnsupportedType
from poverty_procurement.form_grammar import MAX_INPUT_LENGTH
from poverty_procurement.ratio import format_ratio
from poverty_procurement.strategies.core import ratio_texts, ratios


def test_the_guides_examples() -> None:
    # 附件2 一、第四步 "输入12代表12%"; 第六步 shows 20.00%
    assert parse_ratio("12") == Ratio.of(12) == Ratio(1200)
    assert format_ratio(parse_ratio("20")) == "20.00%"
    assert str(Ratio.of(Decimal("12.5"))) == "12.50%"
    assert Ratio.of("100").percent == Decimal("100.00")
    assert parse_ratio("１２．３４") == Ratio(1234)


@pytest.mark.parametrize("text", ["100.01", "101", "1000", "-1", "12%", "1.234", "", "1e1", "十二"])
def test_bad_ratio_text_is_rejected(text: str) -> None:
    with pytest.raises(InvalidRatio) as raised:
        parse_ratio(text, "union_ratio")
    assert raised.value.field == "union_ratio"


@pytest.mark.parametrize("value", [Decimal("100.01"), Decimal("-0.01"), Decimal("NaN"), Decimal("Infinity"), -1, 101,
                                   Decimal("12.345")])
def test_bad_ratio_values_are_rejected(value: Decimal | int) -> None:
    with pytest.raises(InvalidRatio):
        Ratio.of(value)


@pytest.mark.parametrize("value", [12.0, None, True, [12]])
def test_ratio_types(value: object) -> None:
    with pytest.raises(UnsupportedType):
        Ratio.of(value)  # type: ignore[arg-type]
    with pytest.raises(UnsupportedType):
        parse_ratio(value)  # type: ignore[arg-type]


def test_constructor_validates_basis_points() -> None:
    with pytest.raises(InvalidRatio):
        Ratio(10_001)
    with pytest.raises(InvalidRatio):
        Ratio(-1)
    with pytest.raises(UnsupportedType):
        Ratio("12")  # type: ignore[arg-type]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        Ratio(1).basis_points = 2  # type: ignore[misc]


@given(ratios())
def test_text_round_trip(ratio: Ratio) -> None:
    assert parse_ratio(format_ratio(ratio)[:-1]) == ratio
    assert Ratio.of(ratio.percent) == ratio
    assert Ratio.of(ratio) is ratio
    assert pickle.loads(pickle.dumps(ratio)) == ratio


@given(ratio_texts())
def test_generated_form_text_parses(text: str) -> None:
    assert 0 <= parse_ratio(text).basis_points <= 10_000


@given(ratios(), ratios())
def test_order_follows_the_value(a: Ratio, b: Ratio) -> None:
    assert (a < b) == (a.percent < b.percent)


@given(st.text(max_size=80))
def test_arbitrary_text_raises_only_library_errors(text: str) -> None:
    try:
        parse_ratio(text)
    except PovertyProcurementError as error:
        assert isinstance(error, InvalidRatio)


# --- Ratio ---------------------------------------------------------------------------------------


@pytest.mark.mutation
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


@pytest.mark.mutation
def test_ratio_of_a_ratio_is_itself() -> None:
    ratio = Ratio(1234)
    assert Ratio.of(ratio) is ratio


@pytest.mark.mutation
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


@pytest.mark.mutation
def test_an_overlong_ratio_text_is_rejected_as_too_long_not_as_too_precise() -> None:
    text = "1." + "2" * (MAX_INPUT_LENGTH - 1)
    with pytest.raises(InvalidRatio) as raised:
        parse_ratio(text)
    assert raised.value.zh == f"输入过长（{MAX_INPUT_LENGTH + 1} 个字符，最多 {MAX_INPUT_LENGTH}）"


@pytest.mark.mutation
def test_ratio_percent_and_display() -> None:
    assert str(Ratio(1250).percent) == "12.50"
    assert str(Ratio(10_000).percent) == "100.00"
    assert str(Ratio(5).percent) == "0.05"
    assert format_ratio(Ratio(5)) == "0.05%"
    assert format_ratio(Ratio(10_000)) == "100.00%"
    assert str(Ratio(2000)) == "20.00%"
    assert parse_ratio("12", "r") == Ratio(1200)
    assert Ratio(1) < Ratio(2) <= Ratio(2)


@pytest.mark.mutation
def test_a_ratio_with_a_third_decimal_at_the_length_limit_is_too_precise() -> None:
    text = " " * (MAX_INPUT_LENGTH - len("12.345")) + "12.345"
    assert len(text) == MAX_INPUT_LENGTH
    with pytest.raises(InvalidRatio) as raised:
        parse_ratio(text)
    assert raised.value.zh.startswith("比例最多两位小数")


_ONLY_DIGITS = ("只能输入数字与小数点，最多两位小数", "only digits and a point with at most two decimals")
_EXPONENT = ("不能用科学计数法（如 1e6），请写出全部数字", "exponent notation is not allowed; write all digits out")


@pytest.mark.parametrize(
    ("text", "message"),
    [("ten", _ONLY_DIGITS), ("twelve", _ONLY_DIGITS), ("e", _ONLY_DIGITS), ("eee", _ONLY_DIGITS),
     ("1ee5", _ONLY_DIGITS), ("1e", _EXPONENT), ("E5", _EXPONENT), ("1E", _EXPONENT), ("1e6", _EXPONENT)],
)
def test_a_word_is_not_taken_for_exponent_notation(text: str, message: tuple[str, str]) -> None:
    # Regression: "ten" contains an "e" and was told not to use scientific notation.
    zh, en = message
    for call in (Ratio.of, parse_ratio):
        with pytest.raises(InvalidRatio) as raised:
            call(text)
        assert (raised.value.field, raised.value.zh, raised.value.en) == (
            "ratio", f"{zh}（收到 {text!r}）", f"{en} (got {text!r})")
