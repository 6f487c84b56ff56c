"""Minimum ratios as effective-dated, cited policy data."""

from __future__ import annotations

import copy
import datetime
import json
from importlib.resources import files
from typing import Any

import pytest
from hypothesis import find, given, settings

from poverty_procurement import (
    InputError,
    Ratio,
    filing_deadline,
    minimum_ratio,
    resolve_minimum_ratio,
    resolve_province,
)
from poverty_procurement.citation import Citation
from poverty_procurement.conventions import check_year
from poverty_procurement.errors import PolicyDataError, PolicyNotFound, UnknownProvince, UnsupportedType
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
    assert minimum_ratio(2021) == minimum_ratio(2022) == minimum_ratio(2024) == minimum_ratio(2025) == Ratio.of(10)
    answer = resolve_minimum_ratio(2024)
    assert answer.encouraged == Ratio.of(15)
    assert answer.citation.confidence == "good"
    assert answer.citation.document == "财办库〔2023〕252号"
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


@pytest.mark.parametrize("year", [2000, 2019, 2020, 2026, 2100])
def test_a_year_without_data_is_an_error_not_a_guess(year: int) -> None:
    with pytest.raises(PolicyNotFound) as raised:
        minimum_ratio(year)
    assert "2021、2022、2023、2024、2025" in raised.value.zh
    assert "--policy" in raised.value.zh and "--policy" in raised.value.en
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
    assert filing_deadline(2025).date == datetime.date(2025, 3, 31)
    assert filing_deadline(2025).citation.document == "财办库〔2024〕267号"
    assert filing_deadline(2024, "广西").date == datetime.date(2024, 2, 6)
    with pytest.raises(PolicyNotFound):
        filing_deadline(2024)  # the 2024 national notice leaves the local deadline to the provinces


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
    with pytest.raises(PolicyDataError, match="unknown base"):
        load_policy_table(raw)
    with pytest.raises(PolicyDataError):
        load_policy_table([])  # type: ignore[arg-type]
    assert load_policy_table({}).ratios == {}  # every section is optional


# --- pinned by mutation testing -------------------------------------------------------------------


def _ratio(jurisdiction: str, year: int, floor: str, **extra: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"jurisdiction": jurisdiction, "year": year, "floor": floor,
                             "base": "canteen-food-total", "citation": {"document": f"文件{jurisdiction}{year}"}}
    entry.update(extra)
    return entry


def _raw_small() -> dict[str, Any]:
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


@pytest.mark.mutation
def test_every_citation_field_is_read_and_the_defaults_are_documented() -> None:
    table = load_policy_table(_raw_small())
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


@pytest.mark.mutation
def test_a_province_may_equal_the_national_floor_and_a_year_may_lack_one() -> None:
    raw = _raw_small()
    raw["minimum_ratios"][1]["floor"] = "10"
    raw["minimum_ratios"].append(_ratio("440000", 2030, "1"))  # no national figure for 2030: nothing to compare
    table = load_policy_table(raw)
    assert table.ratios["440000", 2023, RatioBase.CANTEEN_FOOD_TOTAL].floor == Ratio(1000)


@pytest.mark.mutation
@pytest.mark.parametrize(
    ("where", "citation", "field"),
    [("minimum_ratios", None, "citation"), ("minimum_ratios", "财库", "citation"),
     ("minimum_ratios", {"document": " "}, "citation.document"),
     ("minimum_ratios", {"clause": "一"}, "citation.document"),
     ("filing_deadlines", None, "citation"), ("filing_deadlines", {"document": ""}, "citation.document")],
)
def test_a_missing_citation_names_the_entry(where: str, citation: object, field: str) -> None:
    raw = _raw_small()
    raw[where][-1]["citation"] = citation
    number = len(raw[where]) - 1
    with pytest.raises(PolicyDataError) as raised:
        load_policy_table(raw, origin="my.json")
    assert raised.value.field == f"{where}[{number}].{field}"
    assert raised.value.zh.startswith("my.json（")
    assert raised.value.en.startswith("my.json: ")


@pytest.mark.mutation
def test_duplicates_name_the_entry_and_key() -> None:
    raw = _raw_small()
    raw["minimum_ratios"].append(_ratio("440000", 2023, "40"))
    with pytest.raises(PolicyDataError) as raised:
        load_policy_table(raw, origin="p.json")
    assert (raised.value.field, raised.value.zh, raised.value.en) == (
        "minimum_ratios[2]",
        "p.json（广东省 2023年）：重复的政策参数：minimum_ratios[1] 已给出广东省 2023年"
        "基数为年度食堂食材采购总额的比例",
        "p.json: duplicate: minimum_ratios[1] already gives 440000 2023 on canteen-food-total")
    # the same jurisdiction and year on another base is not a duplicate
    raw = _raw_small()
    raw["minimum_ratios"].append(_ratio("440000", 2023, "40", base="union-funds"))
    assert len(load_policy_table(raw).ratios) == 3
    raw = _raw_small()
    raw["filing_deadlines"].append({"jurisdiction": "CN", "year": 2023, "date": "2023-03-31",
                                    "citation": {"document": "x"}})
    with pytest.raises(PolicyDataError) as raised:
        load_policy_table(raw, origin="p.json")
    assert (raised.value.field, raised.value.zh, raised.value.en) == (
        "filing_deadlines[1]", "p.json（全国 2023年）：重复的截止日期：filing_deadlines[0] 已给出",
        "p.json: duplicate deadline: filing_deadlines[0] already gives it")


@pytest.mark.mutation
def test_a_provincial_floor_below_the_national_names_both() -> None:
    raw = _raw_small()
    raw["minimum_ratios"][1]["floor"] = "9.99"
    with pytest.raises(PolicyDataError) as raised:
        load_policy_table(raw, origin="p.json")
    assert (raised.value.field, raised.value.zh, raised.value.en) == (
        "minimum_ratios[1].floor", "p.json（广东省 2023年）：省级比例 9.99% 低于全国最低比例 10.00%（p.json）",
        "p.json (440000, 2023): the floor 9.99% is below the national 10.00% (p.json)")


@pytest.mark.mutation
@pytest.mark.parametrize(
    ("change", "field", "zh"),
    [
        (lambda raw: raw["minimum_ratios"][0].pop("year"), "minimum_ratios[0].year",
         "p.json：须为 2000–2100 之间的整数（适用年度），收到 None"),
        (lambda raw: raw["minimum_ratios"][0].update(base="nonsense"), "minimum_ratios[0].base",
         "p.json（全国 2023年）：未知的比例基数 'nonsense'（可用：canteen-food-total、union-funds、"
         "agricultural-products-total）"),
        (lambda raw: raw["filing_deadlines"][0].update(date="2023-02-30"), "filing_deadlines[0].date",
         "p.json（全国 2023年）：须为日期，如 \"2023-03-31\"，收到 '2023-02-30'"),
        (lambda raw: raw["filing_deadlines"][0].update(date="2021-03-24"), "filing_deadlines[0].date",
         "p.json（全国 2023年）：2023年的截止日期 2021-03-24 不在 2022–2023 年内"),
        (lambda raw: raw["minimum_ratios"][0].update(floor=10.5), "minimum_ratios[0].floor",
         "p.json（全国 2023年）：比例须写成百分点的文本或整数，如 \"10\"、\"12.5\"，收到 10.5"),
        (lambda raw: raw["minimum_ratios"][0].update(colour="red"), "minimum_ratios[0].colour",
         "p.json：未知字段 'colour'（可用：base、citation、encouraged、floor、jurisdiction、name、year）"),
        (lambda raw: raw["minimum_ratios"][0].update(jurisdiction="火星"), "minimum_ratios[0].jurisdiction",
         "p.json：须为 CN（全国）、省份（名称或代码）或地方的六位行政区划代码，收到 '火星'"),
        (lambda raw: raw.update(filing_deadlines={}), "filing_deadlines",
         "p.json：filing_deadlines 须为数组（[…]），收到 dict"),
        (lambda raw: raw.update(extra=[]), "extra",
         "p.json：未知的部分 'extra'（可用：minimum_ratios、filing_deadlines、local_rules、unit_localities）"),
    ],
)
def test_malformed_data_names_the_entry_and_field(change: Any, field: str, zh: str) -> None:
    raw = _raw_small()
    change(raw)
    with pytest.raises(PolicyDataError) as raised:
        load_policy_table(raw, origin="p.json")
    assert (raised.value.field, raised.value.zh) == (field, zh)
    assert raised.value.en.startswith("p.json")


@pytest.mark.mutation
def test_a_bad_ratio_in_the_data_is_a_data_error() -> None:
    raw = _raw_small()
    raw["minimum_ratios"][0]["floor"] = "101"
    with pytest.raises(PolicyDataError) as raised:
        load_policy_table(raw)
    assert raised.value.field == "minimum_ratios[0].floor"
    raw = _raw_small()
    raw["minimum_ratios"][0]["encouraged"] = "abc"
    with pytest.raises(PolicyDataError):
        load_policy_table(raw)


@pytest.mark.mutation
def test_no_data_for_a_year_lists_the_known_years() -> None:
    with pytest.raises(PolicyNotFound) as raised:
        resolve_minimum_ratio(2020)
    hint = ('{"minimum_ratios": [{"jurisdiction": "CN", "year": 2020, "floor": "10", '
            '"citation": {"document": "通知文号"}}]}')
    assert (raised.value.field, raised.value.zh, raised.value.en) == (
        "year", "没有2020年的全国最低预留比例数据（已有：2021、2022、2023、2024、2025），本库不作推测；"
                "新通知发布后可自行提供：命令行加 --policy 文件，Python 中传 policy=read_policy_file(文件)；"
                f"最简的文件：{hint}",
        "no national minimum ratio for 2020 (known: 2021, 2022, 2023, 2024, 2025); the library does not guess; "
        "supply the newer notice: --policy FILE on the command line, policy=read_policy_file(FILE) in Python; "
        f"the smallest file: {hint}")
    with pytest.raises(PolicyNotFound) as raised:
        resolve_minimum_ratio(2023, base=RatioBase.UNION_FUNDS)
    assert "已有：）" in raised.value.zh
    with pytest.raises(PolicyNotFound) as raised:
        filing_deadline(2030)
    assert raised.value.field == "year"
    assert raised.value.zh.startswith("没有2030年的填报截止日期数据；新通知发布后可自行提供：")
    assert raised.value.en.startswith("no filing deadline for 2030; supply the newer notice")
    assert '"date": "2030-03-31"' in raised.value.zh
    with pytest.raises(PolicyNotFound) as raised:
        filing_deadline(2030, "广东")
    assert raised.value.zh.startswith("没有2030年的填报截止日期数据（广东省及全国都没有）；")


@pytest.mark.mutation
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


@pytest.mark.mutation
def test_encouraged_ratio_where_the_policy_names_one() -> None:
    assert resolve_minimum_ratio(2024).encouraged == Ratio(1500)
    assert resolve_minimum_ratio(2023).encouraged is None


@pytest.mark.mutation
def test_filing_deadline_falls_back_to_the_national_date() -> None:
    national = filing_deadline(2023)
    assert national.date == datetime.date(2023, 3, 24)
    assert national.jurisdiction == "CN"
    elsewhere = filing_deadline(2023, "湖南")
    assert elsewhere == national
    guangdong = filing_deadline(2023, "广东")
    assert guangdong.date == datetime.date(2023, 3, 24)


def test_policy_years_cover_every_shipped_year() -> None:
    """strategies.policy_years draws every year the shipped table has a national floor for (2021–2025)."""
    drawn: set[int] = set()

    def seen_all(year: int) -> bool:
        drawn.add(year)
        return drawn >= {2021, 2022, 2023, 2024, 2025}

    find(policy_years(), seen_all, settings=settings(max_examples=500, database=None))
    assert drawn == {2021, 2022, 2023, 2024, 2025}


def test_an_unknown_base_lists_the_bases_in_each_language() -> None:
    # Regression: the English message listed the bases joined with the Chinese "、".
    with pytest.raises(InputError) as raised:
        resolve_minimum_ratio(2023, base="food")  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.zh, raised.value.en) == (
        "base", "未知的比例基数 'food'（可用：canteen-food-total、union-funds、agricultural-products-total）",
        "unknown base 'food' (known: canteen-food-total, union-funds, agricultural-products-total)")
    raw = _raw()
    raw["minimum_ratios"][0]["base"] = "food"
    with pytest.raises(PolicyDataError) as loaded:
        load_policy_table(raw)
    assert "（可用：canteen-food-total、union-funds、agricultural-products-total）" in loaded.value.zh
    assert loaded.value.en.endswith("(known: canteen-food-total, union-funds, agricultural-products-total)")
