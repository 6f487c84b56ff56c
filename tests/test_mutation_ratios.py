"""Policy-parameter loading and the minimum-ratio answer pinned for mutation testing (issue 7).

The loader is the gate between the data file and every answer the library gives, so a bad entry
must be rejected with an error naming the entry; the answer must carry the figure's citation
field by field, and the note must say which figure applies and why.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from poverty_procurement import InputError, Ratio, errors, minimum_ratio, resolve_minimum_ratio
from poverty_procurement.citation import Citation
from poverty_procurement.conventions import check_year
from poverty_procurement.errors import PolicyDataError, PolicyNotFound, UnsupportedType
from poverty_procurement.rules.policy.ratios import RatioBase, filing_deadline, load_policy_table


def _ratio(jurisdiction: str, year: int, floor: str, **extra: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"jurisdiction": jurisdiction, "year": year, "floor": floor,
                             "base": "canteen-food-total", "citation": {"document": f"文件{jurisdiction}{year}"}}
    entry.update(extra)
    return entry


def _raw() -> dict[str, Any]:
    return {
        "minimum_ratios": [
            _ratio("CN", 2023, "10", encouraged="15", citation={
                "document": "财办库〔2023〕45号", "clause": "第一条", "quote": "不低于10%",
                "source": "FAQ", "confidence": "good"}),
            _ratio("440000", 2023, "30"),
        ],
        "filing_deadlines": [
            {"jurisdiction": "CN", "year": 2023, "date": "2023-03-24", "citation": {"document": "财办库〔2023〕45号"}},
        ],
    }


def test_every_citation_field_is_read_and_the_defaults_are_documented() -> None:
    table = load_policy_table(_raw())
    national = table.ratios["CN", 2023, RatioBase.CANTEEN_FOOD_TOTAL]
    assert national.citation == Citation(document="财办库〔2023〕45号", clause="第一条", quote="不低于10%",
                                         source="FAQ", confidence="good")
    assert national.floor == Ratio(1000)
    assert national.encouraged == Ratio(1500)
    assert national.base is RatioBase.CANTEEN_FOOD_TOTAL
    assert (national.jurisdiction, national.year) == ("CN", 2023)
    guangdong = table.ratios["440000", 2023, RatioBase.CANTEEN_FOOD_TOTAL]
    assert guangdong.citation == Citation(document="文件4400002023", clause="", quote="", source="",
                                          confidence="authoritative")
    assert guangdong.encouraged is None
    deadline = table.deadlines["CN", 2023]
    assert deadline.date == datetime.date(2023, 3, 24)
    assert deadline.citation == Citation(document="财办库〔2023〕45号")
    assert (deadline.jurisdiction, deadline.year) == ("CN", 2023)


def test_a_province_may_equal_the_national_floor_and_a_year_may_lack_one() -> None:
    raw = _raw()
    raw["minimum_ratios"][1]["floor"] = "10"
    raw["minimum_ratios"].append(_ratio("440000", 2030, "1"))  # no national figure for 2030: nothing to compare
    table = load_policy_table(raw)
    assert table.ratios["440000", 2023, RatioBase.CANTEEN_FOOD_TOTAL].floor == Ratio(1000)


@pytest.mark.parametrize(
    ("where", "citation"),
    [("minimum_ratios", None), ("minimum_ratios", "财库"), ("minimum_ratios", {"document": " "}),
     ("minimum_ratios", {"clause": "一"}), ("filing_deadlines", None), ("filing_deadlines", {"document": ""})],
)
def test_a_missing_citation_names_the_entry(where: str, citation: object) -> None:
    raw = _raw()
    raw[where][-1]["citation"] = citation
    number = len(raw[where]) - 1
    with pytest.raises(PolicyDataError) as raised:
        load_policy_table(raw)
    assert (raised.value.field, raised.value.zh, raised.value.en) == (
        f"{where}[{number}]", "缺少出处（document）", "the citation (document) is missing")


def test_duplicates_name_the_entry_and_key() -> None:
    raw = _raw()
    raw["minimum_ratios"].append(_ratio("440000", 2023, "40"))
    with pytest.raises(PolicyDataError) as raised:
        load_policy_table(raw)
    key = ("440000", 2023, RatioBase.CANTEEN_FOOD_TOTAL)
    assert (raised.value.field, raised.value.zh, raised.value.en) == (
        "minimum_ratios[2]", f"重复的政策参数 {key}", f"duplicate parameter {key}")
    # the same jurisdiction and year on another base is not a duplicate
    raw = _raw()
    raw["minimum_ratios"].append(_ratio("440000", 2023, "40", base="union-funds"))
    assert len(load_policy_table(raw).ratios) == 3
    raw = _raw()
    raw["filing_deadlines"].append({"jurisdiction": "CN", "year": 2023, "date": "2023-03-31",
                                    "citation": {"document": "x"}})
    with pytest.raises(PolicyDataError) as raised:
        load_policy_table(raw)
    assert (raised.value.field, raised.value.zh, raised.value.en) == (
        "filing_deadlines[1]", "重复的截止日期", "duplicate deadline")


def test_a_provincial_floor_below_the_national_names_both() -> None:
    raw = _raw()
    raw["minimum_ratios"][1]["floor"] = "9.99"
    with pytest.raises(PolicyDataError) as raised:
        load_policy_table(raw)
    assert (raised.value.field, raised.value.zh, raised.value.en) == (
        "minimum_ratios[440000, 2023]", "省级比例 9.99% 低于全国最低比例 10.00%",
        "the provincial floor 9.99% is below the national 10.00%")


@pytest.mark.parametrize(
    ("change", "cause"),
    [
        (lambda raw: raw["minimum_ratios"][0].pop("year"), KeyError("year")),
        (lambda raw: raw["minimum_ratios"][0].update(base="nonsense"),
         ValueError("'nonsense' is not a valid RatioBase")),
        (lambda raw: raw["filing_deadlines"][0].update(date="2023-02-30"),
         ValueError("day is out of range for month")),
        (lambda raw: raw.pop("filing_deadlines"), KeyError("filing_deadlines")),
    ],
)
def test_malformed_data_is_named(change: Any, cause: Exception) -> None:
    raw = _raw()
    shown = errors.shown(cause)  # the cause, shortened as every error message shortens values
    change(raw)
    with pytest.raises(PolicyDataError) as raised:
        load_policy_table(raw)
    assert (raised.value.field, raised.value.zh, raised.value.en) == (
        "policy_parameters", f"政策数据格式错误：{shown}", f"malformed policy data: {shown}")


def test_a_bad_ratio_in_the_data_is_a_data_error() -> None:
    raw = _raw()
    raw["minimum_ratios"][0]["floor"] = "101"
    with pytest.raises(PolicyDataError) as raised:
        load_policy_table(raw)
    assert raised.value.field == "policy_parameters"
    raw = _raw()
    raw["minimum_ratios"][0]["encouraged"] = "abc"
    with pytest.raises(PolicyDataError):
        load_policy_table(raw)


@pytest.mark.parametrize("year", [2000, 2100, 2023])
def test_check_year_accepts_the_documented_range(year: int) -> None:
    assert check_year(year) == year


@pytest.mark.parametrize(
    ("year", "error", "zh", "en"),
    [
        (1999, InputError, "年度 1999 不在 2000–2100 之间", "year 1999 is not in 2000-2100"),
        (2101, InputError, "年度 2101 不在 2000–2100 之间", "year 2101 is not in 2000-2100"),
        (True, UnsupportedType, "年度须为整数，收到 bool", "the year must be an int, got bool"),
        ("2023", UnsupportedType, "年度须为整数，收到 str", "the year must be an int, got str"),
    ],
)
def test_check_year_errors(year: object, error: type[InputError], zh: str, en: str) -> None:
    with pytest.raises(error) as raised:
        check_year(year, "filing.year")
    assert (raised.value.field, raised.value.zh, raised.value.en) == ("filing.year", zh, en)


def test_no_data_for_a_year_lists_the_known_years() -> None:
    with pytest.raises(PolicyNotFound) as raised:
        resolve_minimum_ratio(2020)
    assert (raised.value.field, raised.value.zh, raised.value.en) == (
        "year", "没有2020年的全国最低预留比例数据（已有：2021、2022、2023、2024），本库不作推测",
        "no national minimum ratio for 2020 (known: 2021、2022、2023、2024); the library does not guess")
    with pytest.raises(PolicyNotFound) as raised:
        resolve_minimum_ratio(2023, base=RatioBase.UNION_FUNDS)
    assert "已有：）" in raised.value.zh
    with pytest.raises(PolicyNotFound) as raised:
        filing_deadline(2030)
    assert (raised.value.field, raised.value.zh, raised.value.en) == (
        "year", "没有2030年的填报截止日期数据", "no filing deadline for 2030")


def test_the_answer_says_which_figure_applies() -> None:
    own = resolve_minimum_ratio(2023, "440000")
    assert own.fell_back_to_national is False
    assert own.province is not None and own.province.code == "440000"
    assert own.ratio == Ratio(3000)
    assert own.national.floor == Ratio(1000)
    assert own.note == "广东省2023年最低预留比例30.00%（粤财采购〔2023〕2号 二（二））"
    fallback = resolve_minimum_ratio(2023, "湖南")
    assert fallback.fell_back_to_national is True
    assert fallback.ratio == Ratio(1000)
    assert fallback.parameter is fallback.national
    assert fallback.note.startswith("湖南省没有本省2023年的比例数据，适用全国最低比例10.00%（财办库〔2023〕45号")
    national = resolve_minimum_ratio(2023)
    assert national.province is None
    assert national.fell_back_to_national is False
    assert national.note.startswith("全国2023年最低预留比例10.00%（财办库〔2023〕45号")
    assert national.year == 2023
    assert minimum_ratio(2023, "广东省") == Ratio(3000)


def test_encouraged_ratio_where_the_policy_names_one() -> None:
    assert resolve_minimum_ratio(2024).encouraged == Ratio(1500)
    assert resolve_minimum_ratio(2023).encouraged is None


def test_filing_deadline_falls_back_to_the_national_date() -> None:
    national = filing_deadline(2023)
    assert national.date == datetime.date(2023, 3, 24)
    assert national.jurisdiction == "CN"
    elsewhere = filing_deadline(2023, "湖南")
    assert elsewhere == national
    guangdong = filing_deadline(2023, "广东")
    assert guangdong.date == datetime.date(2023, 3, 24)
