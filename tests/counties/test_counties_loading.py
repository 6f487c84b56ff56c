"""Loading the county tables: validation names the row; ambiguity on a synthetic table."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from poverty_procurement.errors import AmbiguousCounty, CountyNotFound, PolicyDataError, UnsupportedType
from poverty_procurement.rules.counties.lookup import CountyData, _read, load_county_data

NATIONAL = _read("poverty_counties_832.csv")
NATIONAL_META: dict[str, Any] = json.loads(_read("poverty_counties_832.json"))
PAIRING = _read("guangdong_pairing_2023.csv")
PAIRING_META: dict[str, Any] = json.loads(_read("guangdong_pairing_2023.json"))


def load(national: str = NATIONAL, pairing: str = PAIRING, national_meta: dict[str, Any] | None = None,
         pairing_meta: dict[str, Any] | None = None) -> CountyData:
    return load_county_data((national, national_meta or NATIONAL_META), [(pairing, pairing_meta or PAIRING_META)])


def test_shipped_tables_load() -> None:
    data = load()
    assert len(data.national.counties) == 831
    assert len(data.pairings[2023].counties) == 99


def _fails(match: str, **changes: Any) -> PolicyDataError:
    with pytest.raises(PolicyDataError, match=match) as caught:
        load(**changes)
    assert caught.value.zh and caught.value.en
    return caught.value


def test_a_malformed_code_names_the_row() -> None:
    bad = PAIRING.replace("451225", "45122X", 1)
    error = _fails("line 2", pairing=bad)
    assert "guangdong_pairing_2023.csv" in error.field and error.zh.startswith("code：") and "6位数字" in error.zh


def test_a_code_outside_its_province_names_the_row() -> None:
    bad = PAIRING.replace(",451226,", ",521226,", 1)
    error = _fails("line 3", pairing=bad)
    assert "code" in error.zh


def test_a_province_name_not_matching_its_code() -> None:
    lines = PAIRING.splitlines(keepends=True)
    lines[1] = lines[1].replace("广西壮族自治区", "贵州省", 1)
    _fails("line 2", pairing="".join(lines))


def test_the_key_flags_must_follow_the_text_list() -> None:
    # 西林县 marked key, as the first printing of the table does: rejected, naming it.
    bad = PAIRING.replace("西林县,西林县,451030,0", "西林县,西林县,451030,1", 1)
    _fails("西林县", pairing=bad)


def test_a_key_flag_that_is_not_0_or_1() -> None:
    bad = PAIRING.replace("西林县,西林县,451030,0", "西林县,西林县,451030,是", 1)
    _fails("line 9", pairing=bad)


def test_helper_city_subtotals_must_match_the_notice() -> None:
    lines = PAIRING.splitlines(keepends=True)
    lines[1] = lines[1].replace("深圳市", "江门市", 1)
    _fails("深圳市", pairing="".join(lines))


def test_pending_plus_named_must_be_the_stated_total() -> None:
    meta = copy.deepcopy(PAIRING_META)
    meta["provinces"]["520000"]["key_counties_pending"] = 3
    _fails("520000", pairing_meta=meta)


def test_counts_per_province_must_match() -> None:
    meta = copy.deepcopy(PAIRING_META)
    meta["provinces"]["450000"]["counties"] = 34
    _fails("34", pairing_meta=meta)


def test_a_duplicate_county() -> None:
    lines = PAIRING.splitlines(keepends=True)
    _fails("451225", pairing="".join([*lines, lines[1]]))


def test_a_wrong_header() -> None:
    _fails("header|表头", pairing=PAIRING.replace("is_key_county", "key", 1))


def test_a_short_row() -> None:
    lines = PAIRING.splitlines(keepends=True)
    lines[1] = "深圳市,广西壮族自治区\n"
    _fails("line 2", pairing="".join(lines))


def test_tables_must_agree_on_shared_counties() -> None:
    bad = PAIRING.replace("罗城仫佬族自治县,罗城仫佬族自治县,451225", "罗城仫佬族自治县,罗城县,451225", 1)
    _fails("451225", pairing=bad)


def test_national_rows_sharing_a_code_must_agree() -> None:
    row = "茫崖行委,茫崖市,632803,茫崖行政委员会,632859,"
    bad = NATIONAL.replace(row + "2019", row + "2018", 1)
    _fails("632803", national=bad)


def test_a_former_code_that_is_another_countys_code() -> None:
    bad = NATIONAL.replace("宣化县,130721,2018", "宣化县,130125,2018", 1)
    _fails("130125", national=bad)


def test_the_number_of_listed_units() -> None:
    meta = copy.deepcopy(NATIONAL_META)
    meta["listed_units"] = 833
    _fails("833", national_meta=meta)


def test_a_non_numeric_exit_year() -> None:
    _fails("exit_year", national=NATIONAL.replace(",,,2018,", ",,,二〇一八,", 1))


def test_a_missing_citation() -> None:
    meta = copy.deepcopy(PAIRING_META)
    del meta["citation"]["document"]
    _fails("document", pairing_meta=meta)


def test_missing_metadata_is_a_data_error() -> None:
    meta = copy.deepcopy(PAIRING_META)
    del meta["helper_cities"]
    _fails("helper_cities", pairing_meta=meta)


# --- a synthetic table where one name belongs to counties in two provinces --------------------

NATIONAL_HEADER = ("province,province_code,prefecture,prefecture_code,county_as_listed,county_official,county_code,"
                   "former_names,former_codes,exit_year,notes\n")
SYNTHETIC_NATIONAL = NATIONAL_HEADER + (
    "广东省,440000,河源市,441600,和平县,和平县,441624,,,2018,synthetic\n"
    "贵州省,520000,遵义市,520300,和平县,和平县,520399,,,2018,synthetic\n"
    "贵州省,520000,安顺市,520400,新桥县,新桥县,520498,,,2018,synthetic\n"
    "贵州省,520000,铜仁市,520600,新桥区,新桥区,520698,,,2018,synthetic\n"
)
SYNTHETIC_PAIRING = (
    "helper_city,province,province_code,prefecture_as_printed,prefecture_official,prefecture_code,"
    "county_as_printed,county_official,county_code,is_key_county,notes\n"
    "珠海市,贵州省,520000,遵义市,遵义市,520300,和平县,和平县,520399,1,synthetic\n"
    "珠海市,贵州省,520000,安顺市,安顺市,520400,新桥县,新桥县,520498,0,synthetic\n"
)
SYNTHETIC_META: dict[str, Any] = {
    "year": 2030, "title": "t", "citation": {"document": "d"}, "names_and_codes": {"document": "d"},
    "names_as_of": "2030-01-01", "helper_cities": {"珠海市": 2},
    "provinces": {"520000": {"counties": 2, "key_counties": 1, "key_counties_pending": 0,
                             "key_counties_text": ["和平县"], "citation": {"document": "d"}}},
}


def synthetic() -> CountyData:
    meta = dict(NATIONAL_META, listed_units=4)
    return load_county_data((SYNTHETIC_NATIONAL, meta), [(SYNTHETIC_PAIRING, SYNTHETIC_META)])


def test_a_name_in_two_provinces_is_ambiguous_until_the_province_is_given() -> None:
    data = synthetic()
    with pytest.raises(AmbiguousCounty) as caught:
        data.resolve("和平县")
    assert "广东省" in caught.value.zh and "贵州省" in caught.value.zh
    assert "province" in caught.value.en
    assert data.resolve("和平县", "贵州") == "520399"
    assert data.resolve(" 和平县 ", "440000") == "441624"
    assert data.resolve("和平", "广东省") == "441624"
    assert data.resolve("和平县", prefecture="遵义") == "520399"
    with pytest.raises(CountyNotFound, match="和平县"):
        data.resolve("和平县", "湖南")
    assert data.paired_by_code[2030]["520399"].is_key
    assert "441624" not in data.paired_by_code[2030]


def test_a_short_form_in_two_prefectures_needs_the_prefecture() -> None:
    data = synthetic()
    with pytest.raises(AmbiguousCounty):
        data.resolve("新桥", "贵州")
    assert data.resolve("新桥", prefecture="安顺市") == "520498"
    assert data.resolve("新桥", prefecture="520600") == "520698"
    assert data.resolve("新桥县") == "520498"  # full names are not ambiguous
    with pytest.raises(UnsupportedType):
        data.resolve(["新桥"])


def test_two_tables_for_one_year() -> None:
    with pytest.raises(PolicyDataError, match="2023"):
        load_county_data((NATIONAL, NATIONAL_META), [(PAIRING, PAIRING_META), (PAIRING, PAIRING_META)],
                         pairing_names=("a", "b"))


def test_no_pairing_table() -> None:
    with pytest.raises(PolicyDataError, match="pairing"):
        load_county_data((NATIONAL, NATIONAL_META), [], pairing_names=())


def test_helper_cities_in_the_notices_order_and_no_stray_city() -> None:
    meta = copy.deepcopy(PAIRING_META)
    meta["helper_cities"] = dict(reversed(list(meta["helper_cities"].items())))
    _fails("顺序|order", pairing_meta=meta)
    meta = copy.deepcopy(PAIRING_META)
    del meta["helper_cities"]["中山市"]
    _fails("中山市", pairing_meta=meta)


def test_provinces_must_match_the_metadata() -> None:
    meta = copy.deepcopy(PAIRING_META)
    meta["provinces"]["440000"] = meta["provinces"]["450000"]
    _fails("provinces disagree", pairing_meta=meta)


def test_a_former_code_claimed_by_two_counties() -> None:
    bad = NATIONAL.replace("万全县,130729,2018", "万全县,130721,2018", 1)
    _fails("130721", national=bad)


def test_more_former_codes_than_names() -> None:
    _fails("former_codes", national=NATIONAL.replace("宣化县,130721,2018", ",130721,2018", 1))


def test_exit_year_outside_2016_to_2020() -> None:
    _fails("exit_year", national=NATIONAL.replace("宣化县,130721,2018", "宣化县,130721,2021", 1))


def test_the_shipped_years_are_discovered_from_the_data_files() -> None:
    from poverty_procurement.rules.counties.lookup import _pairing_files, pairing_years

    assert _pairing_files() == ("guangdong_pairing_2023",)
    assert pairing_years() == (2023,)
