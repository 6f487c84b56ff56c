"""Errors name the field and the offending value in both languages (the "clear on bad input" bar).

Table-driven over the core parsers and constructors: each bad input must raise the documented
error class, with the documented ``field`` and with Chinese and English messages that mention
the offending value (or its type), so a filer and a developer can both act on it.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from decimal import Decimal

import pytest

import poverty_procurement as pp
import poverty_procurement.money
from poverty_procurement import errors as err
from poverty_procurement.errors import PovertyProcurementError

# (call, error class, field, fragment expected in zh, fragment expected in en)
CASES: list[tuple[str, Callable[[], object], type[PovertyProcurementError], str, str, str]] = [
    ("Ratio(float)", lambda: pp.Ratio(1.5), err.UnsupportedType, "basis_points", "float", "float"),  # type: ignore[arg-type]
    ("Ratio(10001)", lambda: pp.Ratio(10001), err.InvalidRatio, "basis_points", "100.01%", "10001 basis points"),
    ("Ratio.of(101)", lambda: pp.Ratio.of(101), err.InvalidRatio, "ratio", "收到 101", "got 101"),
    ("Ratio.of('101')", lambda: pp.Ratio.of("101"), err.InvalidRatio, "ratio", "'101'", "'101'"),
    ("Ratio.of(-1)", lambda: pp.Ratio.of(-1), err.InvalidRatio, "ratio", "收到 -1", "got -1"),
    ("Ratio.of(NaN)", lambda: pp.Ratio.of(Decimal("NaN")), err.InvalidRatio, "ratio", "NaN", "NaN"),
    ("Ratio.of(float)", lambda: pp.Ratio.of(1.5), err.UnsupportedType, "ratio", "float", "float"),  # type: ignore[arg-type]
    ("Ratio.of(3 decimals)", lambda: pp.Ratio.of(Decimal("12.345")), err.InvalidRatio, "ratio", "12.345", "12.345"),
    ("Ratio.of(field)", lambda: pp.Ratio.of(101, "union.ratio"), err.InvalidRatio, "union.ratio", "101", "101"),
    ("Ratio.of('1000')", lambda: pp.Ratio.of("1000"), err.InvalidRatio, "ratio", "'1000'", "'1000'"),
    ("parse_ratio(int)", lambda: pp.parse_ratio(12), err.UnsupportedType, "ratio", "int", "int"),  # type: ignore[arg-type]
    ("parse_ratio('abc')", lambda: pp.parse_ratio("abc"), err.InvalidRatio, "ratio", "'abc'", "'abc'"),
    ("parse_ratio(field)", lambda: pp.parse_ratio("abc", "union_ratio"), err.InvalidRatio, "union_ratio", "abc", "abc"),
    ("yuan(float)", lambda: pp.yuan(1.5), err.UnsupportedType, "amount", "float", "float"),  # type: ignore[arg-type]
    ("yuan('-1')", lambda: pp.yuan("-1"), err.InvalidAmount, "amount", "'-1'", "'-1'"),
    ("yuan(field)", lambda: pp.yuan("-1", "canteen_total"), err.InvalidAmount, "canteen_total", "-1", "-1"),
    ("yuan(too big)", lambda: pp.yuan("1000000000000"), err.InvalidAmount, "amount", "12", "12"),
    ("yuan(EUR)", lambda: pp.yuan(__import__("moneyed").Money("1", "EUR")), err.InvalidCurrency, "amount",
     "EUR", "EUR"),
    ("parse_amount(int)", lambda: pp.parse_amount(5), err.UnsupportedType, "amount", "int", "int"),  # type: ignore[arg-type]
    ("parse_amount('1.234')", lambda: pp.parse_amount("1.234"), err.InvalidAmount, "amount", "'1.234'", "'1.234'"),
    ("parse_amount('1e5')", lambda: pp.parse_amount("1e5"), err.InvalidAmount, "amount", "1e5", "1e5"),
    ("round_yuan(float)", lambda: pp.money.round_yuan(1.5), err.UnsupportedType, "amount", "float", "float"),  # type: ignore[arg-type]
    ("format_yuan(int)", lambda: pp.format_yuan(3), err.UnsupportedType, "amount", "int", "int"),  # type: ignore[arg-type]
    ("compute_share(float)", lambda: pp.compute_share(1.5, 20), err.UnsupportedType, "canteen_total", "float", "float"),  # type: ignore[arg-type]
    ("compute_share(ratio)", lambda: pp.compute_share(100, 101), err.InvalidRatio, "ratio", "101", "101"),
    ("minimum_ratio(2019)", lambda: pp.minimum_ratio(2019), err.PolicyNotFound, "year", "2019", "2019"),
    ("minimum_ratio(火星)", lambda: pp.minimum_ratio(2023, "火星"), err.UnknownProvince, "province", "火星", "火星"),
]


Case = tuple[str, Callable[[], object], type[PovertyProcurementError], str, str, str]


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_error_names_field_and_value(case: Case) -> None:
    _, call, error, field, zh, en = case
    with pytest.raises(error) as raised:
        call()
    assert raised.value.field == field
    assert zh in raised.value.zh, raised.value.zh
    assert en in raised.value.en, raised.value.en
    assert str(raised.value) == f"{field}: {raised.value.zh} | {raised.value.en}"
    again = pickle.loads(pickle.dumps(raised.value))
    assert type(again) is type(raised.value)
    assert (again.field, again.zh, again.en) == (raised.value.field, raised.value.zh, raised.value.en)


@pytest.mark.parametrize("parts", [("", "错", "wrong"), ("x", "", "wrong"), ("x", "错", ""), (None, "错", "wrong")])
def test_a_malformed_error_is_a_library_bug(parts: tuple[object, object, object]) -> None:
    with pytest.raises(TypeError, match="malformed InputError"):
        pp.InputError(*parts)  # type: ignore[arg-type]
