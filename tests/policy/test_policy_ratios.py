"""Minimum ratios as effective-dated, cited policy data."""

from __future__ import annotations

import copy
import datetime
import json
from importlib.resources import files
from typing import Any

import pytest
from hypothesis import given

from poverty_procurement import Ratio, filing_deadline, minimum_ratio, resolve_minimum_ratio, resolve_province
from poverty_procurement.conventions import check_year
from poverty_procurement.errors import InputError, PolicyDataError, PolicyNotFound, UnknownProvince, UnsupportedType
from poverty_procurement.policy import RatioBase, provinces
from poverty_procurement.rules.policy.ratios import load_policy_table, policy_table
from poverty_procurement.strategies.core import policy_years, province_names


def _raw() -> dict[str, Any]:
    text = files("poverty_procurement.data").joinpath("policy_parameters.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def test_the_notices_figures() -> None:
    assert minimum_ratio(2023) == Ratio.of(10)                 # 财办库〔2023〕45号 第一条
    assert minimum_ratio(2023, "广东") == Ratio.of(30)          # 粤财采购〔2023〕2号 二（二）
    assert minimum_ratio(2022, "广东省") == Ratio.of(30)
    assert minimum_ratio(2023, "440000") == Ratio.of(30)
    assert minimum_ratio(2023, 440000) == Ratio.of(30)
    assert minimum_ratio(2023, "44") == Ratio.of(30)


def test_the_reference_years() -> None:
    assert minimum_ratio(2021) == minimum_ratio(2022) == minimum_ratio(2024) == Ratio.of(10)
    answer = resolve_minimum_ratio(2024)
    assert answer.encouraged == Ratio.of(15)
    assert answer.citation.confidence == "good"
    assert resolve_minimum_ratio(2023).encouraged is None
    assert resolve_minimum_ratio(2021, "广东").fell_back_to_national  # Guangdong's figure starts 2022


def test_citations_are_available() -> None:
    answer = resolve_minimum_ratio(2023, "广东")
    assert answer.citation.document == "粤财采购〔2023〕2号"
    assert answer.citation.clause == "二（二）"
    assert "30%" in answer.citation.quote
    assert "广东省2023年最低预留比例30.00%" in answer.note
    national = resolve_minimum_ratio(2023)
    assert str(national.citation) == "财办库〔2023〕45号 第一条"
    assert national.province is None
    assert "全国" in national.note


def test_a_province_without_its_own_figure_gets_the_national_floor_and_is_told() -> None:
    answer = resolve_minimum_ratio(2023, "湖南")
    assert answer.ratio == Ratio.of(10)
    assert answer.fell_back_to_national
    assert "适用全国最低比例" in answer.note


@given(policy_years(), province_names())
def test_never_below_the_national_floor(year: int, province: str) -> None:
    assert minimum_ratio(year, province) >= minimum_ratio(year)


@pytest.mark.parametrize("year", [2000, 2019, 2020, 2025, 2100])
def test_a_year_without_data_is_an_error_not_a_guess(year: int) -> None:
    with pytest.raises(PolicyNotFound) as raised:
        minimum_ratio(year)
    assert "2021、2022、2023、2024" in raised.value.zh
    assert isinstance(raised.value, LookupError)


def test_other_bases_have_no_shipped_figure() -> None:
    with pytest.raises(PolicyNotFound):
        minimum_ratio(2023, base=RatioBase.UNION_FUNDS)


@pytest.mark.parametrize("year", [1999, 2101, -1])
def test_years_out_of_range(year: int) -> None:
    with pytest.raises(InputError):
        check_year(year)
    with pytest.raises(UnsupportedType):
        check_year("2023")
    with pytest.raises(UnsupportedType):
        check_year(True)


def test_filing_deadline_2023() -> None:
    deadline = filing_deadline(2023, "广东")
    assert deadline.date == datetime.date(2023, 3, 24)
    assert str(deadline.citation) == "粤财采购〔2023〕2号 二（一）"
    assert filing_deadline(2023).citation.document == "财办库〔2023〕45号"
    assert filing_deadline(2023, "湖南").date == datetime.date(2023, 3, 24)
    with pytest.raises(PolicyNotFound):
        filing_deadline(2022)


def test_provinces() -> None:
    assert len(provinces()) == 31
    assert resolve_province("广西").name == "广西壮族自治区"
    assert resolve_province("　贵州省 ").code == "520000"
    assert resolve_province(resolve_province("44")) == resolve_province("广东")
    for bad in ("火星", "", "4400", "广东省省"):
        with pytest.raises(UnknownProvince):
            resolve_province(bad)
    with pytest.raises(UnsupportedType):
        resolve_province(None)  # type: ignore[arg-type]


def test_shipped_table_loads_once() -> None:
    assert policy_table() is policy_table()


def test_loading_rejects_a_missing_citation() -> None:
    raw = _raw()
    del raw["minimum_ratios"][0]["citation"]
    with pytest.raises(PolicyDataError, match="minimum_ratios\\[0\\]"):
        load_policy_table(raw)
    raw = _raw()
    raw["minimum_ratios"][1]["citation"]["document"] = "  "
    with pytest.raises(PolicyDataError):
        load_policy_table(raw)
    raw = _raw()
    del raw["filing_deadlines"][0]["citation"]
    with pytest.raises(PolicyDataError):
        load_policy_table(raw)


def test_loading_rejects_duplicates() -> None:
    raw = _raw()
    raw["minimum_ratios"].append(copy.deepcopy(raw["minimum_ratios"][0]))
    with pytest.raises(PolicyDataError, match="重复"):
        load_policy_table(raw)
    raw = _raw()
    raw["filing_deadlines"].append(copy.deepcopy(raw["filing_deadlines"][0]))
    with pytest.raises(PolicyDataError, match="重复"):
        load_policy_table(raw)


def test_loading_rejects_a_province_below_the_national_floor() -> None:
    raw = _raw()
    raw["minimum_ratios"][-1]["floor"] = "5"
    with pytest.raises(PolicyDataError, match="低于全国"):
        load_policy_table(raw)


def test_loading_rejects_malformed_entries() -> None:
    raw = _raw()
    raw["minimum_ratios"][0]["base"] = "nonsense"
    with pytest.raises(PolicyDataError, match="malformed"):
        load_policy_table(raw)
    with pytest.raises(PolicyDataError):
        load_policy_table({})
