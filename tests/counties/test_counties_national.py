"""The 832 former national poverty counties: provenance, renames, merges, agreement with 附件3."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import lookup_county, lookup_poverty_county
from poverty_procurement.counties import (
    PovertyCounty,
    is_poverty_county,
    paired_counties,
    poverty_counties,
    poverty_county_table,
)
from poverty_procurement.errors import AmbiguousCounty, CountyNotFound
from poverty_procurement.strategies.counties import county_names, poverty_county_inputs, poverty_county_values

PROVINCE_COUNTS = {"云南": 88, "西藏": 74, "四川": 66, "贵州": 66, "甘肃": 58, "陕西": 56, "河北": 45, "青海": 42,
                   "湖南": 40, "河南": 38, "山西": 36, "广西": 33, "新疆": 32, "内蒙古": 31, "湖北": 28, "江西": 24,
                   "黑龙江": 20, "安徽": 20, "重庆": 14, "吉林": 8, "宁夏": 8, "海南": 5}


def test_832_listed_units_831_counties_today() -> None:
    table = poverty_county_table()
    assert table.listed_units == 832
    assert sum(len(c.listed_as) for c in table.counties) == 832
    assert len(table.counties) == len(poverty_counties()) == 831
    assert len({c.code for c in table.counties}) == 831


def test_per_province_counts() -> None:
    counts = Counter(c.province.short_name for c in poverty_counties() for _ in c.listed_as)
    assert counts == PROVINCE_COUNTS
    assert len(counts) == 22
    assert len(poverty_counties("青海")) == 41  # 42 listed; 冷湖 and 茫崖 are one county today


def test_exit_years_per_batch() -> None:
    years = Counter(c.exit_year for c in poverty_counties() for _ in c.listed_as)
    assert years == {2016: 28, 2017: 125, 2018: 283, 2019: 344, 2020: 52}
    assert lookup_poverty_county("双柏县").exit_year == 2018  # corrected from the list's 2019


def test_provenance_is_kept() -> None:
    table = poverty_county_table()
    assert table.year == 2014
    assert "非官方" in table.citation.document
    assert "马克数据网" in table.citation.source  # public names and addresses, no internal source keys
    assert "国家统计局" in table.names_and_codes.source and "https://dmfw.mca.gov.cn" in table.names_and_codes.source
    assert table.names_as_of == "2025-12-31"
    dachaidan = lookup_poverty_county("大柴旦")
    assert dachaidan.code == "632857"
    assert "in NBS 2022 only" in dachaidan.note


def test_two_former_units_share_one_code() -> None:
    mangya = lookup_poverty_county("茫崖市")
    assert mangya.code == "632803"
    assert mangya.listed_as == ("冷湖行委", "茫崖行委")
    assert mangya.former_codes == ("632858", "632859")
    for name in ("冷湖行委", "茫崖行委", "冷湖", "冷湖行政委员会", "632858", "632859", 632803):
        assert lookup_poverty_county(name) is mangya


@pytest.mark.parametrize(("former", "official", "code"), [
    ("开县", "开州区", "500154"), ("盘县", "盘州市", "520281"), ("宣化县", "宣化区", "130705"),
    ("大同县", "云州区", "140215"), ("郧县", "郧阳区", "420304"), ("元坝区", "昭化区", "510811"),
    ("米林县", "米林市", "540481"), ("540422", "米林市", "540481"), ("错那县", "错那市", "540581"),
    ("万山特区", "万山区", "520603"), ("湄潭", "湄潭县", "520328"),
    ("积石山自治县", "积石山保安族东乡族撒拉族自治县", "622927"),
    ("上饶县", "广信区", "361104"), ("那曲县", "色尼区", "540602"), ("东乡县", "东乡族自治县", "622926"),
])
def test_former_and_listed_names_resolve_to_todays_county(former: str, official: str, code: str) -> None:
    county = lookup_poverty_county(former)
    assert (county.name, county.code) == (official, code)
    assert is_poverty_county(former)


def test_names_that_are_also_prefecture_or_province_names_do_not_resolve() -> None:
    for name, hint in (("上饶", "广信区"), ("大同", "云州区"), ("河南", "河南蒙古族自治县"), ("日喀则市", "桑珠孜区")):
        with pytest.raises(CountyNotFound, match=hint):
            lookup_poverty_county(name)
    # 临夏 is the prefecture and two counties
    with pytest.raises(CountyNotFound) as caught:
        lookup_poverty_county("临夏")
    assert "临夏市" in caught.value.zh and "临夏县" in caught.value.zh
    assert lookup_poverty_county("临夏县").code == "622921"


def test_unknown_and_non_poverty_counties() -> None:
    assert not is_poverty_county("天河区")
    assert not is_poverty_county("440106")
    with pytest.raises(CountyNotFound):
        lookup_poverty_county("天河区")


def test_paired_and_national_tables_agree_on_every_shared_county() -> None:
    national = {c.code: c for c in poverty_counties()}
    for county in paired_counties():
        other = national[county.code]
        assert (other.name, other.province, other.prefecture, other.prefecture_code) == (
            county.name, county.province, county.prefecture, county.prefecture_code)
        assert lookup_poverty_county(county.printed_name) is other
        assert set(county.names) <= set(other.names) | {county.printed_name}
    # the pairing list is exactly the Guangxi and Guizhou rows of the 832 list
    assert {c.code for c in paired_counties()} == {c.code for c in poverty_counties() if c.province.short_name in
                                                   ("广西", "贵州")}


def test_aliases_are_never_another_countys_official_name_nationally() -> None:
    officials = {c.name: c.code for c in poverty_counties()}
    names: dict[str, str] = {}
    for county in poverty_counties():
        for name in county.names:
            assert officials.get(name, county.code) == county.code
            assert names.setdefault(name, county.code) == county.code


def test_codes_are_consistent_with_province_and_prefecture() -> None:
    for county in poverty_counties():
        assert county.code[:2] == county.province.code[:2]
        if county.prefecture == "重庆市":
            assert county.prefecture_code == "500000"
        else:
            assert county.code[:4] == county.prefecture_code[:4]


def test_no_shipped_name_is_ambiguous_and_shared_short_forms_are_withheld() -> None:
    # 和田 would be 和田市 or 和田县 (and is the prefecture 和田地区): it resolves to none, and the
    # message names both. AmbiguousCounty itself is tested on a synthetic table (test_counties_loading).
    for value in ("和田", "临夏"):
        with pytest.raises(CountyNotFound) as caught:
            lookup_poverty_county(value)
        assert not isinstance(caught.value, AmbiguousCounty)
    with pytest.raises(CountyNotFound, match=r"和田市.*和田县|和田县.*和田市"):
        lookup_poverty_county("和田")


@given(poverty_county_values().flatmap(lambda c: st.tuples(st.just(c), county_names(c))))
def test_every_poverty_county_is_found_by_each_name_and_code(case: tuple[PovertyCounty, str]) -> None:
    county, typed = case
    assert lookup_poverty_county(typed) is county
    assert lookup_poverty_county(typed, county.province) is county
    assert is_poverty_county(typed)


@given(poverty_county_inputs())
def test_paired_lookup_agrees_with_national_lookup(value: object) -> None:
    national = lookup_poverty_county(value)  # type: ignore[arg-type]
    try:
        paired = lookup_county(value)  # type: ignore[arg-type]
    except CountyNotFound:
        assert national.province.short_name not in ("广西", "贵州")
    else:
        assert paired.code == national.code
