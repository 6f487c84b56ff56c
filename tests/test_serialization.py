"""The cattrs converter: exact JSON-safe round trips and clear errors for bad data."""

from __future__ import annotations

import contextlib
import datetime
import json
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from moneyed import Money

import poverty_procurement as pp
from poverty_procurement import StructureError, Yuan, converter
from poverty_procurement.serialization import structure, unstructure
from poverty_procurement.strategies.core import amounts, policy_years, province_names, ratios


def _round_trip(value: object, cls: type[Any]) -> None:
    data = unstructure(value)
    again = structure(json.loads(json.dumps(data)), cls)
    assert again == value
    assert type(again) is type(value)


@given(amounts())
def test_amounts_round_trip_as_two_decimal_text(amount: Yuan) -> None:
    data = converter.unstructure(amount)
    assert isinstance(data, str)
    assert data == f"{amount.fen // 100}.{amount.fen % 100:02d}"
    _round_trip(amount, Yuan)


@given(ratios())
def test_ratios_round_trip_as_text(ratio: pp.Ratio) -> None:
    assert converter.unstructure(ratio) == f"{ratio.percent}"
    _round_trip(ratio, pp.Ratio)


@given(policy_years(), st.one_of(st.none(), province_names()), amounts(), ratios())
def test_policy_answers_and_explanations_round_trip(year: int, province: str | None, total: Yuan,
                                                    ratio: pp.Ratio) -> None:
    _round_trip(pp.resolve_minimum_ratio(year, province), pp.MinimumRatio)
    explanation = pp.explain_share(total, ratio, province, year)
    _round_trip(explanation, pp.Explanation)
    assert json.loads(json.dumps(unstructure(explanation))) == explanation.as_dict()


def test_plain_cny_money_unstructures_like_yuan() -> None:
    assert converter.unstructure(Money("1.5", "CNY")) == "1.50"
    assert structure("1.50", Money) == pp.yuan("1.5")


@attrs.frozen
class _Dated:
    day: datetime.date
    at: datetime.datetime
    number: Decimal
    flag: bool
    count: int


def test_dates_decimals_and_strict_scalars() -> None:
    value = _Dated(datetime.date(2023, 3, 24), datetime.datetime(2023, 3, 13, 9, 30, tzinfo=datetime.timezone.utc),
                   Decimal("1.5"), True, 3)
    data = unstructure(value)
    assert data == {"day": "2023-03-24", "at": "2023-03-13T09:30:00+00:00", "number": "1.5", "flag": True, "count": 3}
    _round_trip(value, _Dated)


@pytest.mark.parametrize(
    ("data", "paths"),
    [
        ({"day": 20230324, "at": "x", "number": 1.5, "flag": "yes", "count": "3"},
         {"$.day", "$.at", "$.number", "$.flag", "$.count"}),
        ({"day": "2023-02-30", "at": "2023-03-13T09:30:00", "number": "NaN?", "flag": True, "count": True},
         {"$.day", "$.number", "$.count"}),
        ({"day": "2023-03-24", "at": "2023-03-13T09:30:00", "number": "1", "flag": True, "count": 1, "extra": 1},
         {"$"}),
    ],
)
def test_bad_data_lists_every_offending_path(data: dict[str, object], paths: set[str]) -> None:
    with pytest.raises(StructureError) as raised:
        structure(data, _Dated)
    assert {path for path, _ in raised.value.errors} == paths
    assert isinstance(raised.value, ValueError)
    assert raised.value.field == "$"


def test_validator_errors_name_the_field_in_the_message() -> None:
    with pytest.raises(StructureError) as raised:
        structure({"basis_points": 20_000}, pp.Explanation)
    assert raised.value.errors
    with pytest.raises(StructureError) as ratio_error:
        structure("120", pp.Ratio)
    (path, message), = ratio_error.value.errors
    assert path == "$"
    assert message.startswith("ratio:")


@pytest.mark.parametrize("bad", ["1.005", "-1", 1.5, True, None, "1e3", [1]])
def test_bad_amounts_are_structure_errors(bad: object) -> None:
    with pytest.raises(StructureError):
        structure(bad, Yuan)


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                    max_leaves=10))
def test_arbitrary_json_raises_only_structure_errors(data: object) -> None:
    for cls in (Yuan, pp.Ratio, pp.Explanation, pp.MinimumRatio):
        with contextlib.suppress(StructureError):
            structure(data, cls)
