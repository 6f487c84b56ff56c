"""Ratio: percent points with two decimals, 0–100 ("输入12代表12%")."""

from __future__ import annotations

import pickle
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import PovertyProcurementError, Ratio, parse_ratio
from poverty_procurement.errors import InvalidRatio, UnsupportedType
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
