"""Money: Yuan, yuan(), parse_amount(), round_yuan(), format_yuan(), format_capital()."""

from __future__ import annotations

import copy
import decimal
import operator
import pickle
from collections.abc import Callable
from decimal import Decimal

import pytest
from attrs.exceptions import FrozenInstanceError
from hypothesis import given
from hypothesis import strategies as st
from moneyed import CNY, Money

import poverty_procurement as pp
import poverty_procurement.money
from poverty_procurement import PovertyProcurementError, Yuan, format_capital, format_yuan, parse_amount, yuan
from poverty_procurement.errors import InvalidAmount, InvalidCurrency, UnsupportedType
from poverty_procurement.money import MAX_AMOUNT, amount_fen, round_yuan
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


# --- pinned by mutation testing -------------------------------------------------------------------


_BIG = Yuan(Decimal("1000000000000"))  # the constructor is unbounded; yuan() and amount_fen() are not
Case = tuple[str, Callable[[], object], type[PovertyProcurementError], str, str, str]


# (id, call, error class, field, full zh message, full en message)
MESSAGES: list[Case] = [
    ("Yuan(currency=EUR)", lambda: Yuan("1", "EUR"), InvalidCurrency, "currency",
     "只接受人民币（CNY），收到 'EUR'", "only CNY is accepted, got 'EUR'"),
    ("Yuan.from_fen(-1)", lambda: Yuan.from_fen(-1), InvalidAmount, "fen",
     "分必须是非负整数，收到 -1", "fen must be a non-negative int, got -1"),
    ("Yuan.from_fen(True)", lambda: Yuan.from_fen(True), InvalidAmount, "fen",
     "分必须是非负整数，收到 True", "fen must be a non-negative int, got True"),
    ("-Yuan", lambda: -Yuan("1"), InvalidAmount, "amount", "金额不能为负", "amounts are never negative"),
    ("Yuan - more", lambda: Yuan("1") - Yuan("2.5"), InvalidAmount, "amount",
     "差额为负：1.00元 − 2.50元", "the difference is negative: 1.00元 - 2.50元"),
    ("Yuan / Yuan(0)", lambda: Yuan("1") / Yuan(0), InvalidAmount, "divisor",
     "不能除以零元", "cannot divide by a zero amount"),
    ("Yuan / 0", lambda: Yuan("1") / 0, InvalidAmount, "divisor", "不能除以零", "cannot divide by zero"),
    ("Yuan / EUR", lambda: Yuan("1") / Money("1", "EUR"), InvalidCurrency, "divisor",
     "只接受人民币（CNY），收到 EUR", "only CNY is accepted, got EUR"),
    ("Yuan + EUR", lambda: Yuan("1") + Money("1", "EUR"), InvalidCurrency, "amount",
     "只接受人民币（CNY），收到 EUR", "only CNY is accepted, got EUR"),
    ("EUR - Yuan", lambda: Money("1", "EUR") - Yuan("1"), InvalidCurrency, "amount",
     "只接受人民币（CNY），收到 EUR", "only CNY is accepted, got EUR"),
    ("Yuan - EUR", lambda: Yuan("1") - Money("1", "EUR"), InvalidCurrency, "amount",
     "只接受人民币（CNY），收到 EUR", "only CNY is accepted, got EUR"),
    ("Yuan + 5", lambda: Yuan("1") + 5, UnsupportedType, "amount",
     "金额只能与金额相加（可先用 yuan() 转换），收到 5",
     "amounts add to amounts only (convert with yuan() first), got 5"),
    ("Decimal + Yuan", lambda: Decimal("0.5") + Yuan("1"), UnsupportedType, "amount",
     "金额只能与金额相加（可先用 yuan() 转换），收到 Decimal('0.5')",
     "amounts add to amounts only (convert with yuan() first), got Decimal('0.5')"),
    ("Yuan * float", lambda: Yuan("1") * 1.5, UnsupportedType, "factor",
     "金额只能乘除整数或 Decimal，收到 float", "amounts multiply by int or Decimal only, got float"),
    ("Yuan * True", lambda: Yuan("1") * True, UnsupportedType, "factor",
     "金额只能乘除整数或 Decimal，收到 bool", "amounts multiply by int or Decimal only, got bool"),
    ("Yuan * inf", lambda: Yuan("1") * Decimal("Infinity"), InvalidAmount, "factor",
     "乘数必须是大小合理的有限数（收到 Decimal('Infinity')）",
     "the factor must be finite and of reasonable size (got Decimal('Infinity'))"),
    ("Yuan * 1e41", lambda: Yuan("1") * Decimal("1E+41"), InvalidAmount, "factor",
     "乘数必须是大小合理的有限数（收到 Decimal('1E+41')）",
     "the factor must be finite and of reasonable size (got Decimal('1E+41'))"),
    ("Yuan * 1e-41", lambda: Yuan("1") * Decimal("1E-41"), InvalidAmount, "factor",
     "乘数必须是大小合理的有限数（收到 Decimal('1E-41')）",
     "the factor must be finite and of reasonable size (got Decimal('1E-41'))"),
    ("Yuan * 0.5 inexact", lambda: Yuan("0.01") * Decimal("0.5"), InvalidAmount, "amount",
     "金额最多两位小数（收到 Decimal('0.005')），请先用 round_yuan 四舍五入到分",
     "amounts have at most two decimals (got Decimal('0.005')); round with round_yuan first"),
    ("Yuan / 3 inexact", lambda: Yuan("1") / 3, InvalidAmount, "amount",
     f"金额最多两位小数（收到 Decimal('0.{'3' * 28}…），请先用 round_yuan 四舍五入到分",
     f"amounts have at most two decimals (got Decimal('0.{'3' * 28}…); round with round_yuan first"),
    ("percent inexact", lambda: 1 % Yuan("0.01"), InvalidAmount, "amount",
     "金额最多两位小数（收到 Decimal('0.0001')），请先用 round_yuan 四舍五入到分",
     "amounts have at most two decimals (got Decimal('0.0001')); round with round_yuan first"),
    ("percent, 29 digits", lambda: Decimal("1.0000000000000000000000000001") % Yuan("100"), InvalidAmount, "amount",
     "金额最多两位小数（收到 Decimal('1.0000000000000000000000000001…），请先用 round_yuan 四舍五入到分",
     "amounts have at most two decimals (got Decimal('1.0000000000000000000000000001…); "
     "round with round_yuan first"),
    ("Yuan(str)", lambda: Yuan("1.234"), InvalidAmount, "amount",
     "最多保留两位小数，请四舍五入到分（0.01）后再输入（收到 '1.234'）",
     "at most two decimals are allowed; round to 0.01 first (got '1.234')"),
    # an int amount is bounded as a Decimal one: 10**41 (42 digits) is too large, 10**41 - 1 is not
    ("Yuan(10**41)", lambda: Yuan(10**41), InvalidAmount, "amount",
     f"金额过大（收到 {'1' + '0' * 38}…）", f"the amount is too large (got {'1' + '0' * 38}…)"),
    ("Yuan(True)", lambda: Yuan(True), UnsupportedType, "amount",
     "金额不能是 bool，请用 Decimal、int 或文本", "an amount cannot be a bool; use Decimal, int or str"),
    ("yuan(None, field)", lambda: yuan(None, "total"), UnsupportedType, "total",  # type: ignore[arg-type]
     "金额不能是 NoneType，请用 Decimal、int 或文本", "an amount cannot be a NoneType; use Decimal, int or str"),
    ("yuan(-1)", lambda: yuan(-1, "total"), InvalidAmount, "total",
     "金额不能为负（收到 -1）", "amounts are never negative (got -1)"),
    ("yuan(Decimal -0.5)", lambda: yuan(Decimal("-0.5"), "total"), InvalidAmount, "total",
     "金额不能为负（收到 -0.5）", "amounts are never negative (got -0.5)"),
    # a negative number is shown as typed up to 40 characters, longer ones cut to 39 and "…"
    ("yuan(-40 characters)", lambda: yuan(Decimal("-1." + "2" * 37), "total"), InvalidAmount, "total",
     f"金额不能为负（收到 -1.{'2' * 37}）", f"amounts are never negative (got -1.{'2' * 37})"),
    ("yuan(-41 characters)", lambda: yuan(Decimal("-1." + "2" * 38), "total"), InvalidAmount, "total",
     f"金额不能为负（收到 -1.{'2' * 36}…）", f"amounts are never negative (got -1.{'2' * 36}…)"),
    ("yuan(NaN)", lambda: yuan(Decimal("NaN"), "total"), InvalidAmount, "total",
     "金额必须是有限数（收到 NaN）", "the amount must be a finite number (got NaN)"),
    ("yuan(1e41)", lambda: yuan(Decimal("1E+41"), "total"), InvalidAmount, "total",
     "金额过大（收到 Decimal('1E+41')）", "the amount is too large (got Decimal('1E+41'))"),
    ("yuan(0.001)", lambda: yuan(Decimal("0.001"), "total"), InvalidAmount, "total",
     "金额最多两位小数（收到 Decimal('0.001')），请先用 round_yuan 四舍五入到分",
     "amounts have at most two decimals (got Decimal('0.001')); round with round_yuan first"),
    ("yuan(str, field)", lambda: yuan("x", "total"), InvalidAmount, "total",
     "只能输入数字与小数点，最多两位小数（收到 'x'）", "only digits and a point with at most two decimals (got 'x')"),
    ("yuan(too big)", lambda: yuan(Decimal("1000000000000"), "total"), InvalidAmount, "total",
     "金额超过上限 999,999,999,999.99元", "the amount exceeds the limit of 999999999999.99 CNY"),
    ("yuan(big Yuan)", lambda: yuan(_BIG, "total"), InvalidAmount, "total",
     "金额超过上限 999,999,999,999.99元", "the amount exceeds the limit of 999999999999.99 CNY"),
    ("amount_fen(big Yuan)", lambda: amount_fen(_BIG, "total"), InvalidAmount, "total",
     "金额超过上限 999,999,999,999.99元", "the amount exceeds the limit of 999999999999.99 CNY"),
    ("yuan(EUR Money)", lambda: yuan(Money("1", "EUR"), "total"), InvalidCurrency, "total",
     "只接受人民币（CNY），收到 EUR", "only CNY is accepted, got EUR"),
    ("parse_amount(field)", lambda: parse_amount("1.234", "total"), InvalidAmount, "total",
     "最多保留两位小数，请四舍五入到分（0.01）后再输入（收到 '1.234'）",
     "at most two decimals are allowed; round to 0.01 first (got '1.234')"),
    ("round_yuan(EUR)", lambda: round_yuan(Money("1", "EUR"), "total"), InvalidCurrency, "total",
     "只接受人民币（CNY），收到 EUR", "only CNY is accepted, got EUR"),
    ("round_yuan(bool)", lambda: round_yuan(True, "total"), UnsupportedType, "total",
     "不能对 bool 取整，请用 Decimal 或 int", "cannot round a bool; use Decimal or int"),
    ("round_yuan(str)", lambda: round_yuan("1", "total"), UnsupportedType, "total",  # type: ignore[arg-type]
     "不能对 str 取整，请用 Decimal 或 int", "cannot round a str; use Decimal or int"),
    ("round_yuan(-0.01)", lambda: round_yuan(Decimal("-0.01"), "total"), InvalidAmount, "total",
     "金额必须是非负有限数（收到 Decimal('-0.01')）",
     "the amount must be finite and not negative (got Decimal('-0.01'))"),
    ("round_yuan(-1)", lambda: round_yuan(-1, "total"), InvalidAmount, "total",
     "金额必须是非负有限数（收到 -1）", "the amount must be finite and not negative (got -1)"),
    ("round_yuan(NaN)", lambda: round_yuan(Decimal("NaN"), "total"), InvalidAmount, "total",
     "金额必须是非负有限数（收到 Decimal('NaN')）", "the amount must be finite and not negative (got Decimal('NaN'))"),
    ("round_yuan(way over)", lambda: round_yuan(Decimal("999999999999.996"), "total"), InvalidAmount, "total",
     "金额超过上限 999999999999.99", "exceeds the limit 999999999999.99"),
    ("round_yuan(rounds over)", lambda: round_yuan(Decimal("999999999999.995"), "total"), InvalidAmount, "total",
     "金额超过上限 999,999,999,999.99元", "the amount exceeds the limit of 999999999999.99 CNY"),
    ("format_yuan(EUR)", lambda: format_yuan(Money("1", "EUR")), InvalidCurrency, "amount",
     "只接受人民币（CNY），收到 EUR", "only CNY is accepted, got EUR"),
    ("format_yuan(None)", lambda: format_yuan(None), UnsupportedType, "amount",  # type: ignore[arg-type]
     "需要 Money 金额（可先用 yuan() 转换），收到 NoneType",
     "expected a Money amount (convert with yuan() first), got NoneType"),
    ("format_capital(big)", lambda: format_capital(_BIG), InvalidAmount, "amount",
     "金额超过上限 999,999,999,999.99元", "the amount exceeds the limit of 999999999999.99 CNY"),
]


@pytest.mark.mutation
@pytest.mark.parametrize("case", MESSAGES, ids=[case[0] for case in MESSAGES])
def test_money_errors_carry_their_field_and_full_message(case: Case) -> None:
    _, call, error, field, zh, en = case
    with pytest.raises(error) as raised:
        call()
    assert raised.value.field == field
    assert (raised.value.zh, raised.value.en) == (zh, en)


@pytest.mark.mutation
def test_the_constructor_defaults_to_zero_yuan_and_accepts_cny_by_any_spelling() -> None:
    assert Yuan().fen == 0
    assert Yuan().amount == Decimal("0.00")
    assert Yuan().currency == CNY
    assert Yuan("2.5", "cny") == Yuan("2.50", CNY) == Yuan("2.5", "CNY")
    assert Yuan("2.5", "cny").currency == CNY
    # the constructor itself has no upper bound (roll-ups may exceed MAX_AMOUNT); yuan() has
    assert _BIG.fen == 100_000_000_000_000
    assert Yuan(Decimal("1E+40")).fen == 10**42


@pytest.mark.mutation
def test_a_zero_with_any_exponent_is_zero_yuan() -> None:
    # found by mutation testing: 0E+50 was refused as "too large", and so were Yuan.round(-41)/(-42)
    assert yuan(Decimal("0E+50")) == Yuan(0)
    assert Yuan("5") * Decimal("0E+100") == Yuan(0)
    assert Yuan("1234.56").round(-41) == Yuan(0)


@pytest.mark.mutation
def test_from_fen_accepts_zero_and_builds_the_exact_amount() -> None:
    assert Yuan.from_fen(0) == Yuan(0)
    assert Yuan.from_fen(1).amount == Decimal("0.01")
    assert Yuan.from_fen(123456).fen == 123456


@pytest.mark.mutation
def test_yuan_hashes_like_the_equal_money() -> None:
    assert hash(Yuan("1")) == hash(Money(Decimal("1.00"), "CNY"))
    assert {Yuan("1"): "a"}[yuan("1.00")] == "a"


@pytest.mark.mutation
def test_addition_and_sum() -> None:
    assert Yuan("1.25") + Money("0.75", "CNY") == Yuan("2")
    assert type(Yuan("1") + Yuan("1")) is Yuan
    assert Yuan("1") + 0 == Yuan("1")
    assert 0 + Yuan("1") == Yuan("1")
    assert sum([Yuan("0.10"), Yuan("0.20")]) == Yuan("0.30")
    for other in (0.0, 1, Decimal("1")):
        with pytest.raises(TypeError):
            Yuan("1") + other
        with pytest.raises(TypeError):
            other + Yuan("1")


@pytest.mark.mutation
def test_subtraction_to_zero_and_from_plain_money() -> None:
    assert Yuan("2.50") - Yuan("2.50") == Yuan(0)
    assert Yuan("2.50") - Yuan("0.01") == Yuan("2.49")
    assert type(Money("5", "CNY") - Yuan("2")) is Yuan
    assert Money("5", "CNY") - Yuan("2") == Yuan("3")
    with pytest.raises(InvalidAmount):
        Money("1", "CNY") - Yuan("2")
    for other in (1, Decimal("1"), "1"):
        with pytest.raises(TypeError):
            Yuan("2") - other
        with pytest.raises(TypeError):
            other - Yuan("2")


@pytest.mark.mutation
def test_multiplication_and_division_results() -> None:
    assert Yuan("3") * 2 == Yuan("6")
    assert 2 * Yuan("3") == Yuan("6")
    assert Yuan("3") * Decimal("0.5") == Yuan("1.50")
    assert Yuan("5") * 0 == Yuan(0)
    assert Yuan("5") * Decimal("0E+100") == Yuan(0)  # zero is exempt from the size check
    assert Yuan(0) * Decimal("1E+40") == Yuan(0)  # the size bounds are inclusive
    assert Yuan(0) * Decimal("1E-40") == Yuan(0)
    assert Yuan("6") / 2 == Yuan("3")
    assert Yuan("6") / Decimal("0.5") == Yuan("12")
    assert Yuan("1") / Yuan("4") == Decimal("0.25")
    assert Yuan("3") / Money("2", "CNY") == Decimal("1.5")
    with pytest.raises(InvalidAmount):
        Yuan("1") / Decimal("1E+40")


@pytest.mark.mutation
def test_percent_of_an_amount_with_rmod() -> None:
    # moneyed's "percent of" operator: 50 % amount is half of it, exact to the fen
    assert 50 % Yuan("10") == Yuan("5")
    assert Decimal("12.5") % Yuan("100") == Yuan("12.50")
    assert 100 % Yuan("0.01") == Yuan("0.01")
    with pytest.raises(InvalidAmount):
        1 % Yuan("0.01")


@pytest.mark.mutation
@pytest.mark.parametrize(
    ("ndigits", "result"),
    [(None, "1235"), (0, "1235"), (1, "1234.6"), (2, "1234.56"), (3, "1234.56"), (-1, "1230"), (-2, "1200"),
     (-3, "1000"), (-4, "0"), (-42, "0"), (-43, "0"), (-1000, "0")],
)
def test_round_is_half_up_at_every_precision(ndigits: int | None, result: str) -> None:
    rounded = Yuan("1234.56").round(ndigits)
    assert type(rounded) is Yuan
    assert rounded == Yuan(result)


@pytest.mark.mutation
def test_round_of_an_amount_beyond_the_input_bound() -> None:
    # the constructor is unbounded (sums may exceed MAX_AMOUNT); rounding such an amount is exact too
    huge = Yuan(Decimal("1E+40"))
    assert huge.round(-20) == huge
    assert huge.round(-40) == huge
    assert huge.round(-41) == Yuan(0)


@pytest.mark.mutation
def test_round_rounds_half_up_not_half_even() -> None:
    assert Yuan("0.5").round() == Yuan("1")
    assert Yuan("2.5").round() == Yuan("3")
    assert Yuan("0.25").round(1) == Yuan("0.3")
    assert Yuan("5").round(-1) == Yuan("10")
    assert Yuan("4.99").round(-1) == Yuan("0")


@pytest.mark.mutation
def test_round_yuan_boundaries_and_money_input() -> None:
    assert round_yuan(Money("1.005", "CNY")) == Yuan("1.01")
    assert round_yuan(Yuan("7")) == Yuan("7")
    assert round_yuan(3) == Yuan("3")
    assert round_yuan(Decimal("0.004")) == Yuan(0)
    assert round_yuan(Decimal("0.005")) == Yuan("0.01")
    assert round_yuan(MAX_AMOUNT) == yuan(MAX_AMOUNT)
    assert round_yuan(Decimal("999999999999.994")) == yuan(MAX_AMOUNT)
    assert round_yuan(Decimal("-0")) == Yuan(0)


@pytest.mark.mutation
def test_amount_bound_is_inclusive_for_every_entry_point() -> None:
    top = Yuan(MAX_AMOUNT)
    assert yuan(top) is top
    assert amount_fen(top) == 99_999_999_999_999
    assert amount_fen(MAX_AMOUNT) == 99_999_999_999_999
    assert amount_fen("999999999999.99") == 99_999_999_999_999
    assert amount_fen(Money("1.5", "CNY")) == 150
    assert format_capital(top).startswith("玖仟玖佰玖拾玖亿")


@pytest.mark.mutation
def test_format_yuan_pads_the_fen_and_groups_thousands() -> None:
    assert format_yuan(Yuan("0.05")) == "0.05元"
    assert format_yuan(Yuan("1234567.8")) == "1,234,567.80元"
    assert format_yuan(Money("12.3", "CNY")) == "12.30元"
    assert format_capital(Yuan("0.05")) == "伍分"


@pytest.mark.mutation
@pytest.mark.parametrize("op", [operator.lt, operator.gt])
def test_amounts_compare_by_value(op: Callable[[object, object], bool]) -> None:
    small, large = Yuan("1.99"), Yuan("2")
    assert op(small, large) is (op is operator.lt)


@pytest.mark.mutation
def test_a_factor_may_have_80_digits_in_all_not_81() -> None:
    # the factor bound of * and /: at most 80 digits in all (here 1 written with 79 or 80 zeros)
    assert Yuan("1") * Decimal("1." + "0" * 79) == Yuan("1")
    assert Yuan("1") / Decimal("1." + "0" * 79) == Yuan("1")
    with pytest.raises(InvalidAmount) as raised:
        Yuan("1") * Decimal("1." + "0" * 80)
    assert raised.value.field == "factor"


@pytest.mark.mutation
def test_repr_is_the_decimal_amount_either_side_of_the_context_precision() -> None:
    # below 10**60 fen the amount is exact and repr is made from fen; from there on the amount is
    # rounded to the library's 60 digits, and repr shows that amount, as it does for any Yuan
    for fen in (0, 5, 10**60 - 1, 10**60, 10**60 + 1):
        money = Yuan.from_fen(fen)
        assert repr(money) == f"Yuan('{money.amount}')"


@pytest.mark.mutation
def test_round_ignores_the_callers_decimal_context() -> None:
    # the quantum is built in the library's context: a caller's context with a tiny exponent range
    # (1E+3 overflows it) or one digit of precision changes nothing
    amounts = Yuan("12345.67"), Yuan("0.25")
    hostile = decimal.Context(prec=1, rounding=decimal.ROUND_FLOOR, Emax=1, Emin=-1,
                              traps=[decimal.Overflow, decimal.Inexact, decimal.Rounded])
    with decimal.localcontext(hostile):
        assert amounts[0].round(-3) == Yuan("12000")
        assert amounts[1].round(1) == Yuan("0.3")



@pytest.mark.mutation
def test_an_int_amount_has_the_bound_of_a_decimal_one() -> None:
    assert Yuan(10**41 - 1) == Yuan(Decimal(10**41 - 1))
    assert Yuan(10**41 - 1).fen == (10**41 - 1) * 100
