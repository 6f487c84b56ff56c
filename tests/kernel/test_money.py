"""Money: Yuan, yuan(), parse_amount(), round_yuan(), format_yuan(), format_capital()."""

from __future__ import annotations

import copy
import decimal
import pickle
from decimal import Decimal

import pytest
from attrs.exceptions import FrozenInstanceError
from hypothesis import given
from hypothesis import strategies as st
from moneyed import Money

import poverty_procurement as pp
import poverty_procurement.money
from poverty_procurement import PovertyProcurementError, Yuan, format_capital, format_yuan, parse_amount, yuan
from poverty_procurement.errors import InvalidAmount, InvalidCurrency, UnsupportedType
from poverty_procurement.money import round_yuan
from poverty_procurement.strategies.core import amount_texts, amounts, decimals_with_two_places

# --- the notice's own numbers -------------------------------------------------------------


def test_notice_amounts_display_as_the_platform_shows_them() -> None:
    # 附件2 一、第六步: 3,000,000.00元 / 600,000.00元 / 100,000.00元 / 20,000.00元
    assert format_yuan(parse_amount("3000000")) == "3,000,000.00元"
    assert format_yuan(yuan(600000)) == "600,000.00元"
    assert format_yuan(yuan("100000")) == "100,000.00元"
    assert str(yuan(Decimal("20000.00"))) == "20,000.00元"
    # 附件2 七（一）: 订单总额 ¥0.01元
    assert str(parse_amount("0.01")) == "0.01元"


@pytest.mark.parametrize(
    ("value", "fen"),
    [
        (Money("3000000", "CNY"), 300_000_000),
        (Decimal("0.5"), 50),
        (Decimal("1E+2"), 10_000),
        (7, 700),
        ("12.3", 1230),
        ("０．０１", 1),
        (" 3000000 ", 300_000_000),
        ("\u30001.00\u3000", 100),
        ("007", 700),
        (Decimal("-0"), 0),
        (Yuan("5"), 500),
    ],
)
def test_yuan_accepts_the_documented_inputs(value: object, fen: int) -> None:
    assert yuan(value).fen == fen  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("3,000,000", "千位分隔符"),
        ("3 000", "千位分隔符"),
        ("-1", "正负号"),
        ("+1", "正负号"),
        ("1e6", "科学计数法"),
        ("1E6", "科学计数法"),
        ("1.005", "两位小数"),
        ("1.2.3", "一个小数点"),
        (".5", "小数点前"),
        ("5.", "小数点后"),
        ("1。5", "句号"),
        ("", "不能为空"),
        ("   ", "不能为空"),
        ("١٢٣", "非阿拉伯数字"),
        ("१२", "非阿拉伯数字"),
        ("NaN", "只能输入数字"),
        ("Infinity", "只能输入数字"),
        ("三百万", "只能输入数字"),
        ("1" * 13, "整数部分最多 12 位"),
        ("1" * 65, "输入过长"),
    ],
)
def test_parse_amount_rejects_bad_form_text_saying_what_is_wrong(text: str, fragment: str) -> None:
    with pytest.raises(InvalidAmount) as raised:
        parse_amount(text, "canteen_total")
    assert raised.value.field == "canteen_total"
    assert fragment in raised.value.zh
    assert raised.value.en
    assert "canteen_total" in str(raised.value)


def test_the_upper_bound_is_inclusive_and_documented() -> None:
    assert parse_amount("999999999999.99") == yuan(pp.money.MAX_AMOUNT)
    with pytest.raises(InvalidAmount):
        yuan(10**12)
    with pytest.raises(InvalidAmount):
        yuan(Decimal("1000000000000.00"))


@pytest.mark.parametrize("value", [0.1, 1.0, float("nan"), True, None, [1], b"1"])
def test_yuan_rejects_floats_and_other_types_with_type_error(value: object) -> None:
    with pytest.raises(UnsupportedType) as raised:
        yuan(value)  # type: ignore[arg-type]
    assert isinstance(raised.value, TypeError)
    assert isinstance(raised.value, PovertyProcurementError)


@pytest.mark.parametrize(
    "value",
    [Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal("-0.01"), -1,
     Decimal("0.001"), Decimal("1E+1000"), Decimal("1E-1000"), Decimal("1." + "0" * 100 + "1")],
)
def test_yuan_rejects_bad_decimals(value: Decimal | int) -> None:
    with pytest.raises(InvalidAmount):
        yuan(value)


def test_other_currencies_are_rejected() -> None:
    with pytest.raises(InvalidCurrency) as raised:
        yuan(Money("1", "USD"))
    assert "USD" in raised.value.zh
    with pytest.raises(InvalidCurrency):
        Yuan("1", "EUR")
    with pytest.raises(InvalidCurrency):
        round_yuan(Money("1.005", "USD"))
    assert Yuan("1", "cny") == yuan(1)


# --- immutability -------------------------------------------------------------------------


def test_yuan_cannot_be_mutated() -> None:
    amount = yuan("600000")
    with pytest.raises(FrozenInstanceError):
        amount.amount = Decimal("1")  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        amount.currency = Money("1", "USD").currency  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        amount.fen = 1
    with pytest.raises(FrozenInstanceError):
        del amount.amount
    assert amount.amount == Decimal("600000.00")
    assert copy.copy(amount) is amount
    assert copy.deepcopy(amount) is amount


def test_plain_money_is_the_trap_we_avoid() -> None:
    plain = Money("1", "CNY")
    plain.amount = Decimal("2")  # type: ignore[misc]  # py-moneyed allows this at run time; Yuan does not
    assert plain.amount == 2


@given(amounts())
def test_yuan_pickles_to_an_equal_amount(amount: Yuan) -> None:
    again = pickle.loads(pickle.dumps(amount))
    assert again == amount
    assert type(again) is Yuan
    assert again.fen == amount.fen


# --- arithmetic ---------------------------------------------------------------------------


def test_arithmetic_stays_exact_and_in_fen() -> None:
    assert yuan("0.10") + yuan("0.20") == yuan("0.30")
    assert sum([yuan(1), yuan("0.01")]) == yuan("1.01")
    assert yuan(3) - yuan("0.01") == yuan("2.99")
    assert yuan("1.50") * 3 == yuan("4.50")
    assert 2 * yuan("1.25") == yuan("2.50")
    assert yuan("4.50") / 3 == yuan("1.50")
    assert yuan(3) / yuan(2) == Decimal("1.5")
    assert 50 % yuan(3) == yuan("1.50")
    assert +yuan(1) == yuan(1) == abs(yuan(1))
    assert yuan(1) + Money("1", "CNY") == yuan(2)
    assert Money("1", "CNY") - yuan(1) == yuan(0)
    assert yuan("2.5").round(0) == yuan(3)
    assert yuan("2.45").round(1) == yuan("2.50")
    assert yuan("2.45").round(2) == yuan("2.45")
    assert yuan("123.45").round(-2) == yuan(100)
    assert yuan("123.45").round(-100) == yuan(0)
    assert yuan(1).round(None) == yuan(1)
    assert hash(yuan(1)) == hash(Money("1.00", "CNY"))
    assert repr(yuan("1.5")) == "Yuan('1.50')"


def test_arithmetic_that_would_lose_a_fen_or_go_negative_raises() -> None:
    with pytest.raises(InvalidAmount, match="两位小数"):
        yuan(1) * Decimal("0.333")
    with pytest.raises(InvalidAmount):
        yuan(1) / 3
    with pytest.raises(InvalidAmount):
        yuan(1) - yuan(2)
    with pytest.raises(InvalidAmount):
        -yuan(1)
    with pytest.raises(InvalidAmount):
        yuan(1) / 0
    with pytest.raises(InvalidAmount):
        yuan(1) / yuan(0)
    with pytest.raises(UnsupportedType):
        yuan(1) * 0.5
    with pytest.raises(UnsupportedType):
        yuan(1) * True
    with pytest.raises(InvalidAmount):
        yuan(1) * Decimal("Infinity")
    with pytest.raises(InvalidAmount):
        yuan(1) * Decimal("1E+999999")
    with pytest.raises(TypeError):
        yuan(1) + 1
    with pytest.raises(TypeError):
        yuan(1) - 1
    with pytest.raises(InvalidCurrency):
        yuan(1) + Money("1", "USD")


def test_a_callers_decimal_context_changes_nothing() -> None:
    with decimal.localcontext() as context:
        context.prec = 2
        context.rounding = decimal.ROUND_DOWN
        assert yuan("123456.78") * 3 == yuan("370370.34")
        assert round_yuan(Decimal("500.025")) == yuan("500.03")
        assert parse_amount("999999999999.99").fen == 99_999_999_999_999


# --- rounding -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exact", "rounded"),
    [("500.025", "500.03"), ("0.125", "0.13"), ("0.135", "0.14"), ("0.005", "0.01"),
     ("0.004999", "0.00"), ("2.675", "2.68"), ("1", "1.00"), ("0", "0.00")],
)
def test_round_yuan_is_half_up_never_half_even(exact: str, rounded: str) -> None:
    assert round_yuan(Decimal(exact)) == yuan(rounded)
    assert round_yuan(Money(exact, "CNY")) == yuan(rounded)


def test_round_yuan_rejects_what_is_not_an_amount() -> None:
    for bad in (Decimal("NaN"), Decimal("-1"), Decimal("1E+20")):
        with pytest.raises(InvalidAmount):
            round_yuan(bad)
    with pytest.raises(UnsupportedType):
        round_yuan(1.5)  # type: ignore[arg-type]
    assert round_yuan(5) == yuan(5)


@given(st.decimals(min_value=0, max_value=10**9, allow_nan=False, allow_infinity=False))
def test_rounding_is_idempotent_and_within_half_a_fen(value: Decimal) -> None:
    once = round_yuan(value)
    assert round_yuan(once) == once
    assert round_yuan(once.amount) == once
    assert abs(once.amount - value) <= Decimal("0.005")


# --- parsing round trips ------------------------------------------------------------------


@given(amounts())
def test_plain_two_decimal_text_parses_back_to_the_same_amount(amount: Yuan) -> None:
    assert parse_amount(str(amount.amount)) == amount
    assert parse_amount(f"{amount.fen // 100}.{amount.fen % 100:02d}") == amount


@given(amount_texts())
def test_every_generated_form_text_parses(text: str) -> None:
    assert parse_amount(text).fen >= 0


@given(decimals_with_two_places())
def test_decimal_input_keeps_its_value(value: Decimal) -> None:
    assert yuan(value).amount == value


@given(st.text(max_size=80))
def test_arbitrary_text_raises_only_library_errors(text: str) -> None:
    try:
        result = parse_amount(text)
    except InvalidAmount:
        return
    assert result.fen >= 0


@given(st.one_of(st.none(), st.floats(), st.binary(), st.lists(st.integers())))
def test_arbitrary_objects_raise_only_library_errors(value: object) -> None:
    with pytest.raises(PovertyProcurementError):
        yuan(value)  # type: ignore[arg-type]


# --- display ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "capital"),
    [
        ("600000", "陆拾万元整"),
        ("3000000", "叁佰万元整"),
        ("20000", "贰万元整"),
        ("0", "零元整"),
        ("0.01", "壹分"),
        ("0.05", "伍分"),
        ("0.5", "伍角"),
        ("1.23", "壹元贰角叁分"),
        ("100.05", "壹佰元零伍分"),
        ("1001", "壹仟零壹元整"),
        ("100010.01", "壹拾万零壹拾元零壹分"),
        ("10.10", "壹拾元壹角"),
    ],
)
def test_format_capital_writes_cheque_numerals(amount: str, capital: str) -> None:
    assert format_capital(yuan(amount)) == capital
    assert format_capital(amount) == capital


def test_format_capital_handles_the_largest_amount() -> None:
    assert format_capital(pp.money.MAX_AMOUNT).startswith("玖仟玖佰玖拾玖亿")


@given(amounts())
def test_format_yuan_round_trips_through_the_display_form(amount: Yuan) -> None:
    shown = format_yuan(amount)
    assert shown.endswith("元")
    assert parse_amount(shown[:-1].replace(",", "")) == amount


def test_format_yuan_accepts_plain_cny_money_and_checks_it() -> None:
    assert format_yuan(Money("1.5", "CNY")) == "1.50元"
    with pytest.raises(InvalidAmount):
        format_yuan(Money("1.005", "CNY"))


def test_from_fen_validates() -> None:
    assert Yuan.from_fen(1) == yuan("0.01")
    with pytest.raises(InvalidAmount):
        Yuan.from_fen(-1)
    with pytest.raises(InvalidAmount):
        Yuan.from_fen(True)
