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
import poverty_procurement.filings
import poverty_procurement.payments
import poverty_procurement.policy
from poverty_procurement import Yuan, converter
from poverty_procurement.errors import StructureError
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
    _round_trip(pp.resolve_minimum_ratio(year, province), pp.policy.MinimumRatio)
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
    for cls in (Yuan, pp.Ratio, pp.Explanation, pp.policy.MinimumRatio):
        with contextlib.suppress(StructureError):
            structure(data, cls)


# --- every value object registered with Hypothesis round-trips through JSON and pickle ---

import importlib  # noqa: E402
import pickle  # noqa: E402

from poverty_procurement._hypothesis_plugin import REGISTRATIONS  # noqa: E402

VALUE_OBJECTS = [getattr(importlib.import_module(f"poverty_procurement.{module}"), name)
                 for module, name, _, _ in REGISTRATIONS]


@pytest.mark.parametrize("cls", VALUE_OBJECTS, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_every_value_object_round_trips_through_json(cls: type[Any], data: st.DataObject) -> None:
    value = data.draw(st.from_type(cls))
    _round_trip(value, cls)


@pytest.mark.parametrize("cls", VALUE_OBJECTS, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_every_value_object_pickles_to_an_equal_object(cls: type[Any], data: st.DataObject) -> None:
    value = data.draw(st.from_type(cls))
    again = pickle.loads(pickle.dumps(value))
    assert again == value
    assert type(again) is type(value)


def test_every_value_object_is_exported_from_its_area_namespace() -> None:
    namespaces = [pp.policy, pp.filings, pp.counties, pp.payments, pp.completion, pp.reporting]
    for cls in VALUE_OBJECTS:
        homes = [ns for ns in namespaces if getattr(ns, cls.__name__, None) is cls]
        assert cls.__name__ in {"Citation", "Yuan", "Ratio"} or len(homes) == 1, cls


def test_derived_amounts_are_written_and_checked_when_read_back() -> None:
    unit = pp.BudgetUnit("44000001", "某单位", "广东")
    filing = pp.Filing(unit, 2023, pp.CanteenArrangement.OWN, canteen_total="3000000", ratio=20,
                       union=pp.UnionBudget("100000", 20))
    data = unstructure(filing)
    assert data["reserved_share"] == "600000.00"
    assert (data["union_total"], data["union_ratio"]) == ("100000.00", "20.00")  # the flat record (issue 14)
    assert unstructure(filing.union)["expected"] == "20000.00"
    assert not any(key.startswith("_") for key in (*data, *unstructure(filing.union)))
    data["reserved_share"] = "600000.01"
    with pytest.raises(StructureError) as caught:
        structure(data, pp.Filing)
    assert "reserved_share" in str(caught.value)
    del data["reserved_share"]
    assert structure(data, pp.Filing) == filing


@pytest.mark.parametrize("bad", ["OWN", 1, None, ["own"], "自有食堂"])
def test_enums_are_read_by_their_exact_value_only(bad: object) -> None:
    assert converter.structure("own", pp.CanteenArrangement) is pp.CanteenArrangement.OWN
    assert converter.unstructure(pp.CanteenArrangement.OWN) == "own"
    with pytest.raises(StructureError) as caught:
        converter.structure(bad, pp.CanteenArrangement)
    assert "'shared-member'" in str(caught.value)


@pytest.mark.parametrize("bad", ["not base64!", 12, "QUJ", None])
def test_bytes_are_base64_text(bad: object) -> None:
    assert converter.unstructure(b"ABC") == "QUJD"
    assert converter.structure("QUJD", bytes) == b"ABC"
    with pytest.raises(StructureError):
        converter.structure(bad, bytes)


def test_enums_unstructure_to_plain_values() -> None:
    members = (pp.payments.Placer.UNION, pp.CanteenArrangement.OWN, pp.filings.Severity.ERROR,
               pp.payments.OrderStatus.PAID)
    for member in members:
        data = converter.unstructure(member)
        assert type(data) is str
        assert data == member.value
