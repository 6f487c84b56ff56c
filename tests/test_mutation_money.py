"""Money edge cases pinned for mutation testing (issue 7): exact results, error classes, fields, messages.

Every case here is documented behaviour of :mod:`poverty_procurement.money` that a caller relies
on — the boundaries of the input bound and of the factor range, the arithmetic operators'
results and refusals, and the full bilingual error messages a filer or developer reads.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from decimal import Decimal

import pytest
from moneyed import CNY, Money

from poverty_procurement import PovertyProcurementError, Yuan, format_capital, format_yuan, parse_amount, yuan
from poverty_procurement.errors import InvalidAmount, InvalidCurrency, UnsupportedType
from poverty_procurement.money import MAX_AMOUNT, amount_fen, round_yuan

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
    ("Yuan(True)", lambda: Yuan(True), UnsupportedType, "amount",
     "金额不能是 bool，请用 Decimal、int 或文本", "an amount cannot be a bool; use Decimal, int or str"),
    ("yuan(None, field)", lambda: yuan(None, "total"), UnsupportedType, "total",  # type: ignore[arg-type]
     "金额不能是 NoneType，请用 Decimal、int 或文本", "an amount cannot be a NoneType; use Decimal, int or str"),
    ("yuan(-1)", lambda: yuan(-1, "total"), InvalidAmount, "total",
     "金额不能为负（收到 -1）", "amounts are never negative (got -1)"),
    ("yuan(Decimal -0.5)", lambda: yuan(Decimal("-0.5"), "total"), InvalidAmount, "total",
     "金额不能为负（收到 -0.5）", "amounts are never negative (got -0.5)"),
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


@pytest.mark.parametrize("case", MESSAGES, ids=[case[0] for case in MESSAGES])
def test_money_errors_carry_their_field_and_full_message(case: Case) -> None:
    _, call, error, field, zh, en = case
    with pytest.raises(error) as raised:
        call()
    assert raised.value.field == field
    assert (raised.value.zh, raised.value.en) == (zh, en)


def test_the_constructor_defaults_to_zero_yuan_and_accepts_cny_by_any_spelling() -> None:
    assert Yuan().fen == 0
    assert Yuan().amount == Decimal("0.00")
    assert Yuan().currency == CNY
    assert Yuan("2.5", "cny") == Yuan("2.50", CNY) == Yuan("2.5", "CNY")
    assert Yuan("2.5", "cny").currency == CNY
    # the constructor itself has no upper bound (roll-ups may exceed MAX_AMOUNT); yuan() has
    assert _BIG.fen == 100_000_000_000_000
    assert Yuan(Decimal("1E+40")).fen == 10**42


def test_a_zero_with_any_exponent_is_zero_yuan() -> None:
    # found by mutation testing: 0E+50 was refused as "too large", and so were Yuan.round(-41)/(-42)
    assert yuan(Decimal("0E+50")) == Yuan(0)
    assert Yuan("5") * Decimal("0E+100") == Yuan(0)
    assert Yuan("1234.56").round(-41) == Yuan(0)


def test_from_fen_accepts_zero_and_builds_the_exact_amount() -> None:
    assert Yuan.from_fen(0) == Yuan(0)
    assert Yuan.from_fen(1).amount == Decimal("0.01")
    assert Yuan.from_fen(123456).fen == 123456


def test_yuan_hashes_like_the_equal_money() -> None:
    assert hash(Yuan("1")) == hash(Money(Decimal("1.00"), "CNY"))
    assert {Yuan("1"): "a"}[yuan("1.00")] == "a"


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


def test_percent_of_an_amount_with_rmod() -> None:
    # moneyed's "percent of" operator: 50 % amount is half of it, exact to the fen
    assert 50 % Yuan("10") == Yuan("5")
    assert Decimal("12.5") % Yuan("100") == Yuan("12.50")
    assert 100 % Yuan("0.01") == Yuan("0.01")
    with pytest.raises(InvalidAmount):
        1 % Yuan("0.01")


@pytest.mark.parametrize(
    ("ndigits", "result"),
    [(None, "1235"), (0, "1235"), (1, "1234.6"), (2, "1234.56"), (3, "1234.56"), (-1, "1230"), (-2, "1200"),
     (-3, "1000"), (-4, "0"), (-42, "0"), (-43, "0"), (-1000, "0")],
)
def test_round_is_half_up_at_every_precision(ndigits: int | None, result: str) -> None:
    rounded = Yuan("1234.56").round(ndigits)
    assert type(rounded) is Yuan
    assert rounded == Yuan(result)


def test_round_of_an_amount_beyond_the_input_bound() -> None:
    # the constructor is unbounded (sums may exceed MAX_AMOUNT); rounding such an amount is exact too
    huge = Yuan(Decimal("1E+40"))
    assert huge.round(-20) == huge
    assert huge.round(-40) == huge
    assert huge.round(-41) == Yuan(0)


def test_round_rounds_half_up_not_half_even() -> None:
    assert Yuan("0.5").round() == Yuan("1")
    assert Yuan("2.5").round() == Yuan("3")
    assert Yuan("0.25").round(1) == Yuan("0.3")
    assert Yuan("5").round(-1) == Yuan("10")
    assert Yuan("4.99").round(-1) == Yuan("0")



def test_round_yuan_boundaries_and_money_input() -> None:
    assert round_yuan(Money("1.005", "CNY")) == Yuan("1.01")
    assert round_yuan(Yuan("7")) == Yuan("7")
    assert round_yuan(3) == Yuan("3")
    assert round_yuan(Decimal("0.004")) == Yuan(0)
    assert round_yuan(Decimal("0.005")) == Yuan("0.01")
    assert round_yuan(MAX_AMOUNT) == yuan(MAX_AMOUNT)
    assert round_yuan(Decimal("999999999999.994")) == yuan(MAX_AMOUNT)
    assert round_yuan(Decimal("-0")) == Yuan(0)


def test_amount_bound_is_inclusive_for_every_entry_point() -> None:
    top = Yuan(MAX_AMOUNT)
    assert yuan(top) is top
    assert amount_fen(top) == 99_999_999_999_999
    assert amount_fen(MAX_AMOUNT) == 99_999_999_999_999
    assert amount_fen("999999999999.99") == 99_999_999_999_999
    assert amount_fen(Money("1.5", "CNY")) == 150
    assert format_capital(top).startswith("玖仟玖佰玖拾玖亿")


def test_format_yuan_pads_the_fen_and_groups_thousands() -> None:
    assert format_yuan(Yuan("0.05")) == "0.05元"
    assert format_yuan(Yuan("1234567.8")) == "1,234,567.80元"
    assert format_yuan(Money("12.3", "CNY")) == "12.30元"
    assert format_capital(Yuan("0.05")) == "伍分"


@pytest.mark.parametrize("op", [operator.lt, operator.gt])
def test_amounts_compare_by_value(op: Callable[[object, object], bool]) -> None:
    small, large = Yuan("1.99"), Yuan("2")
    assert op(small, large) is (op is operator.lt)
