"""Loading the county tables: validation names the row; ambiguity on a synthetic table."""

from __future__ import annotations

import copy
import csv
import io
import json
from typing import Any

import pytest

from poverty_procurement.citation import Citation
from poverty_procurement.counties import County, lookup_county, lookup_poverty_county
from poverty_procurement.data import read_text
from poverty_procurement.errors import AmbiguousCounty, CountyNotFound, PolicyDataError, UnsupportedType
from poverty_procurement.jurisdictions import resolve_province
from poverty_procurement.model.county import PendingKeyCounties
from poverty_procurement.rules.counties.index import CountyData, load_county_data
from poverty_procurement.rules.counties.names import derived_names

NATIONAL = read_text("poverty_counties_832.csv")
NATIONAL_META: dict[str, Any] = json.loads(read_text("poverty_counties_832.json"))
PAIRING = read_text("guangdong_pairing_2023.csv")
PAIRING_META: dict[str, Any] = json.loads(read_text("guangdong_pairing_2023.json"))


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
    from poverty_procurement.rules.counties.lookup import pairing_years
    from poverty_procurement.rules.counties.tables import _pairing_files

    assert _pairing_files() == ("guangdong_pairing_2023",)
    assert pairing_years() == (2023,)


# --- pinned by mutation testing -------------------------------------------------------------------


NATIONAL_FILE = "poverty_counties_832"
PAIRING_FILE = "guangdong_pairing_2023"
GUANGXI = resolve_province("广西")
GUIZHOU = resolve_province("贵州")


def _shipped() -> tuple[str, dict[str, Any], str, dict[str, Any]]:
    """The shipped files, read inside the test (so the reading itself is tested too)."""
    return (read_text(f"{NATIONAL_FILE}.csv"), json.loads(read_text(f"{NATIONAL_FILE}.json")),
            read_text(f"{PAIRING_FILE}.csv"), json.loads(read_text(f"{PAIRING_FILE}.json")))


def _load(national: str | None = None, national_meta: dict[str, Any] | None = None, pairing: str | None = None,
          pairing_meta: dict[str, Any] | None = None) -> CountyData:
    n, nm, p, pm = _shipped()
    return load_county_data((n if national is None else national, nm if national_meta is None else national_meta),
                            [(p if pairing is None else pairing, pm if pairing_meta is None else pairing_meta)],
                            pairing_names=(PAIRING_FILE,))


@pytest.fixture
def fresh() -> CountyData:
    """A fresh load for each test (0.1 s): mutation testing maps each loader to every test using it."""
    return _load()


def _refused(**changes: Any) -> tuple[str, str, str]:
    with pytest.raises(PolicyDataError) as caught:
        _load(**changes)
    return caught.value.field, caught.value.zh, caught.value.en


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --- the tables carry their provenance and the notice's figures ------------------------------


@pytest.mark.mutation
def test_the_pairing_table_carries_its_metadata(fresh: CountyData) -> None:
    _, _, _, meta = _shipped()
    table = fresh.pairings[2023]
    assert (table.year, table.title, table.names_as_of) == (2023, "广东省对接国家乡村振兴重点帮扶县名单", "2025-12-31")
    assert table.citation == Citation(**meta["citation"])
    assert table.citation.clause == "附件3（附件4为重复印本）"
    assert table.names_and_codes == Citation(**meta["names_and_codes"])
    assert table.notes == tuple(meta["notes"]) and len(table.notes) == 3
    assert table.helper_cities == ("深圳市", "江门市", "湛江市", "茂名市", "肇庆市",
                                   "广州市", "珠海市", "佛山市", "东莞市", "惠州市", "中山市")
    assert table.key_counties == (
        PendingKeyCounties(province=GUANGXI, stated=20, named=20, pending=0,
                           citation=Citation(**meta["provinces"]["450000"]["citation"])),
        PendingKeyCounties(province=GUIZHOU, stated=20, named=16, pending=4,
                           citation=Citation(**meta["provinces"]["520000"]["citation"])),
    )
    assert len(table.counties) == 99 and table.counties == tuple(fresh.paired_by_code[2023].values())


@pytest.mark.mutation
def test_the_national_table_carries_its_metadata(fresh: CountyData) -> None:
    _, meta, _, _ = _shipped()
    table = fresh.national
    assert (table.year, table.listed_units, table.names_as_of) == (2014, 832, "2025-12-31")
    assert table.title == "832个国家级贫困县（2020年11月23日全部脱贫摘帽）"
    assert table.citation == Citation(**meta["citation"])
    assert table.names_and_codes == Citation(**meta["names_and_codes"])
    assert table.notes == tuple(meta["notes"]) and len(table.notes) == 3
    assert len(table.counties) == 831 and table.counties == tuple(fresh.national_by_code.values())


@pytest.mark.mutation
def test_a_citation_without_its_optional_parts_gets_the_defaults() -> None:
    _, nm, _, pm = _shipped()
    pm["citation"] = {"document": "粤财采购〔2023〕2号"}
    nm["names_and_codes"] = {"document": "民政部 全国行政区划信息查询平台"}
    data = _load(national_meta=nm, pairing_meta=pm)
    assert data.pairings[2023].citation == Citation("粤财采购〔2023〕2号", "", "", "", "authoritative")
    assert data.national.names_and_codes == Citation("民政部 全国行政区划信息查询平台", "", "", "", "authoritative")


@pytest.mark.mutation
def test_tables_without_notes_have_none() -> None:
    _, nm, _, pm = _shipped()
    del nm["notes"], pm["notes"]
    data = _load(national_meta=nm, pairing_meta=pm)
    assert data.national.notes == () and data.pairings[2023].notes == ()


@pytest.mark.mutation
def test_each_county_keeps_the_notes_of_its_rows(fresh: CountyData) -> None:
    national, _, pairing, _ = _shipped()
    notes = {row["county_code"]: row["notes"] for row in _rows(pairing)}
    assert {c.code: c.note for c in fresh.pairings[2023].counties} == notes
    rows = [row for row in _rows(national) if row["county_code"] == "632803"]
    assert [row["county_as_listed"] for row in rows] == ["冷湖行委", "茫崖行委"]
    assert fresh.national_by_code["632803"].note == f"{rows[0]['notes']} / {rows[1]['notes']}"
    assert fresh.national_by_code["130125"].note == "code+name+parent verified in NBS 2022, MCA 2025 and MCA 1981-2024."


@pytest.mark.mutation
def test_two_listed_units_of_one_county_are_merged(fresh: CountyData) -> None:
    mangya = fresh.national_by_code["632803"]
    assert (mangya.name, mangya.province) == ("茫崖市", resolve_province("青海"))
    assert mangya.prefecture == "海西蒙古族藏族自治州"
    assert mangya.listed_as == ("冷湖行委", "茫崖行委")
    assert mangya.former_names == ("冷湖行政委员会", "茫崖行政委员会")
    assert mangya.former_codes == ("632858", "632859")
    assert fresh.resolve("冷湖行委", "青海", "海西州") == fresh.resolve("632859", "630000") == "632803"


@pytest.mark.mutation
@pytest.mark.parametrize(("code", "aliases"), [
    ("450225", ("融水", "融水县", "融水自治县")),  # short forms of an autonomous county
    ("520204", ("水城", "水城县")),  # the printed (former) name and its short form
    ("632803", ("冷湖", "茫崖", "冷湖行委", "茫崖行委", "冷湖行政委员会", "茫崖行政委员会")),  # shortest first
    ("130125", ("行唐",)),
])
def test_aliases_are_the_unique_other_names_shortest_first(fresh: CountyData, code: str,
                                                           aliases: tuple[str, ...]) -> None:
    assert fresh.national_by_code[code].aliases == aliases
    if code in fresh.paired_by_code[2023]:
        assert fresh.paired_by_code[2023][code].aliases == aliases
    assert all(not a.isdigit() for c in fresh.national.counties for a in c.aliases)


# --- name resolution on a fresh load -----------------------------------------------------------


@pytest.mark.mutation
@pytest.mark.parametrize(("name", "code"), [
    ("融水", "450225"), ("融水自治县", "450225"), ("450225", "450225"),
    ("水城县", "520204"), ("520221", "520204"),  # former name and former code
    ("七星关", "520502"), ("开县", "500154"),
])
def test_a_fresh_load_resolves_names_and_former_codes(fresh: CountyData, name: str, code: str) -> None:
    assert fresh.resolve(name) == code


@pytest.mark.mutation
def test_a_former_name_that_is_now_a_prefecture_is_withheld(fresh: CountyData) -> None:
    with pytest.raises(CountyNotFound) as caught:
        fresh.resolve("毕节市")
    assert caught.value.field == "county"
    assert caught.value.zh == ("未找到县 '毕节市'（该名称也是省份、地级区划或另一个县的名称，请写县的全称或代码）"
                               "；您是否要找：七星关区")
    assert fresh.hints["毕节市"] == ("520502",) and fresh.hints["毕节"] == ("520502",)
    assert fresh.suggest("毕节市") == ("七星关区",)


@pytest.mark.mutation
@pytest.mark.parametrize("prefecture", ["黔南布依族苗族自治州", "黔南州", "黔南", "522700", 522700])
def test_a_prefecture_in_any_form_narrows(fresh: CountyData, prefecture: str | int) -> None:
    assert fresh.resolve("三都县", prefecture=prefecture) == "522732"


@pytest.mark.mutation
@pytest.mark.parametrize("prefecture", ["恩施土家族苗族自治州", "恩施州", "422800"])
def test_an_autonomous_prefecture_of_the_national_list_only(fresh: CountyData, prefecture: str) -> None:
    # 巴东县 is not paired: its prefecture's short forms come from the official name alone.
    assert fresh.resolve("巴东县", prefecture=prefecture) == "422823"


@pytest.mark.mutation
@pytest.mark.parametrize("prefecture", ["柳州", "柳州市", "450200"])
def test_a_city_prefecture_with_and_without_its_suffix(fresh: CountyData, prefecture: str) -> None:
    assert fresh.resolve("融水县", "广西", prefecture) == "450225"
    with pytest.raises(CountyNotFound):
        fresh.resolve("融水县", prefecture="柳州州")


@pytest.mark.mutation
def test_a_prefecture_as_printed_in_the_table_also_narrows() -> None:
    # A table that prints a prefecture's former name (铜仁地区, 铜仁市 since 2011) is still understood.
    _, _, pairing, _ = _shipped()
    data = _load(pairing=pairing.replace(",铜仁市,铜仁市,520600,沿河县,", ",铜仁地区,铜仁市,520600,沿河县,", 1))
    assert data.paired_by_code[2023]["520627"].printed_prefecture == "铜仁地区"
    for prefecture in ("铜仁地区", "铜仁市", "铜仁", "520600"):
        assert data.resolve("沿河县", prefecture=prefecture) == "520627"


@pytest.mark.mutation
def test_a_county_outside_the_province_given(fresh: CountyData) -> None:
    with pytest.raises(CountyNotFound) as caught:
        fresh.resolve("融水", "贵州")
    assert caught.value.zh == ("'融水' 是 融水苗族自治县（广西壮族自治区柳州市，450225），不在所给的省份或地级区划内；"
                               "请核对省份/地级区划或县名")


@pytest.mark.mutation
def test_suggestions_of_a_fresh_load(fresh: CountyData) -> None:
    assert fresh.suggestion_names and not any(n.isdigit() for n in fresh.suggestion_names)
    assert fresh.suggest("融水苗县") == ("融水苗族自治县",)
    assert fresh.suggest("行唐") == ("行唐县",)
    assert fresh.suggest("行唐", fresh.paired_suggestion_names[2023]) == ()
    assert fresh.suggest("融水苗县", fresh.paired_suggestion_names[2023]) == ("融水苗族自治县",)
    assert len(fresh.paired_suggestion_names[2023]) < len(fresh.suggestion_names)
    assert {fresh.exact[n] for n in fresh.paired_suggestion_names[2023]} == set(fresh.paired_by_code[2023])


# --- short forms ---------------------------------------------------------------------------------


@pytest.mark.mutation
@pytest.mark.parametrize(("name", "short"), [
    ("融水苗族自治县", {"融水", "融水县", "融水自治县"}),
    ("融水自治县", {"融水", "融水县"}),  # never the name itself
    ("隆林各族自治县", {"隆林", "隆林县", "隆林自治县"}),
    ("莫力达瓦达斡尔族自治旗", {"莫力达瓦", "莫力达瓦旗", "莫力达瓦自治旗"}),
    ("东乡族自治县", {"东乡县"}),  # a county named after its people keeps the group
    ("鄂伦春自治旗", {"鄂伦春旗"}),
    ("土族自治县", set()),  # never a bare one-character group
    ("七星关区", {"七星关"}),
    ("六枝特区", {"六枝"}),
    ("大柴旦行政委员会", {"大柴旦", "大柴旦行委"}),
    ("冷湖行政委员会", {"冷湖", "冷湖行委"}),
    ("茫崖行委", {"茫崖"}),
    ("魏县", set()),
    ("县", set()),
])
def test_derived_names(name: str, short: set[str]) -> None:
    assert derived_names(name) == frozenset(short)


# --- a bad table is refused, naming the file and row ---------------------------------------------


def _first_row(text: str, old: str, new: str) -> str:
    lines = text.splitlines(keepends=True)
    assert old in lines[1]
    lines[1] = lines[1].replace(old, new, 1)
    return "".join(lines)


@pytest.mark.mutation
def test_refusals_of_the_national_table() -> None:
    national, meta, _, _ = _shipped()
    at = f"{NATIONAL_FILE}.csv line 2 (130125 行唐县)"
    assert _refused(national=_first_row(national, ",2018,", ",２０１８,")) == (
        at, "exit_year：摘帽年份不是数字：'２０１８'", "exit_year: the exit year is not a number: '２０１８'")
    assert _refused(national=_first_row(national, ",130125,,,", ",130125,,130101,")) == (
        at, "former_codes：曾用代码多于曾用名", "former_codes: more former codes than former names")
    assert _refused(national=_first_row(national, "河北省,130000", "河北省,990000"))[1].startswith("province_code：")
    assert _refused(national=_first_row(national, "河北省,130000", "山西省,130000")) == (
        at, "province：省份 山西省 与代码 130000 不符", "province: province 山西省 does not match code 130000")
    columns = ("province,province_code,prefecture,prefecture_code,county_as_listed,county_official,county_code,"
               "former_names,former_codes,exit_year,notes")
    assert _refused(national=national.replace("former_codes", "codes", 1)) == (
        f"{NATIONAL_FILE}.csv", f"表头应为 {columns}", f"the header must be {columns}")
    lines = national.splitlines(keepends=True)
    assert _refused(national="".join([*lines[:3], "河北省,130000\n", *lines[3:]])) == (
        f"{NATIONAL_FILE}.csv line 4", "列数不对", "wrong number of columns")
    for part in ("citation", "names_and_codes"):
        cited = copy.deepcopy(meta)
        del cited[part]["document"]
        assert _refused(national_meta=cited) == (
            f"{NATIONAL_FILE}.csv", "缺少出处（document）", "the citation (document) is missing")


@pytest.mark.mutation
def test_the_row_of_a_merged_county_is_named() -> None:
    national, _, _, _ = _shipped()
    bad = _first_row(national, ",130125,,,", ",130125,冷湖行政委员会,632858,")
    field, zh, en = _refused(national=bad)
    assert field == f"{NATIONAL_FILE}.csv line 788 (632803 茫崖市)"  # the first row of the merged county
    assert (zh, en) == ("曾用代码 632858 指向两个县", "former code 632858 points to two counties")


@pytest.mark.mutation
def test_refusals_of_the_pairing_table() -> None:
    _, _, pairing, meta = _shipped()
    at = f"{PAIRING_FILE}.csv line 2 (451225 罗城仫佬族自治县)"
    assert _refused(pairing=_first_row(pairing, "451225,1,", "451225,是,")) == (
        at, "is_key_county：须为 0 或 1，收到 '是'", "is_key_county: must be 0 or 1, got '是'")
    assert _refused(pairing=_first_row(pairing, "广西壮族自治区,450000", "贵州省,450000")) == (
        at, "province：省份 贵州省 与代码 450000 不符", "province: province 贵州省 does not match code 450000")
    columns = ("helper_city,province,province_code,prefecture_as_printed,prefecture_official,prefecture_code,"
               "county_as_printed,county_official,county_code,is_key_county,notes")
    assert _refused(pairing=pairing.replace("is_key_county", "key", 1)) == (
        f"{PAIRING_FILE}.csv", f"表头应为 {columns}", f"the header must be {columns}")
    # 西林县 marked key, and 融水县 not, as no printing has it: both named, in order.
    bad = pairing.replace("西林县,西林县,451030,0", "西林县,西林县,451030,1", 1).replace(
        "融水县,融水苗族自治县,450225,1", "融水县,融水苗族自治县,450225,0", 1)
    assert _refused(pairing=bad) == (
        f"{PAIRING_FILE}.csv provinces[450000]", "重点帮扶县标记与附件3文字名单不符：融水县、西林县",
        "the key-county flags disagree with the text list: 融水县, 西林县")
    pending = copy.deepcopy(meta)
    pending["provinces"]["520000"]["key_counties_pending"] = 3
    assert _refused(pairing_meta=pending) == (
        f"{PAIRING_FILE}.csv provinces[520000]", "已点名的重点帮扶县加待定数不等于名单所述总数",
        "named plus pending key counties do not add up to the stated total")
    cited = copy.deepcopy(meta)
    del cited["provinces"]["520000"]["citation"]["document"]
    assert _refused(pairing_meta=cited) == (
        f"{PAIRING_FILE}.csv provinces[520000]", "缺少出处（document）", "the citation (document) is missing")
    sourced = copy.deepcopy(meta)
    del sourced["names_and_codes"]["document"]
    assert _refused(pairing_meta=sourced) == (
        f"{PAIRING_FILE}.csv", "缺少出处（document）", "the citation (document) is missing")


@pytest.mark.mutation
def test_helper_cities_must_be_those_of_the_metadata_in_its_order() -> None:
    _, _, pairing, meta = _shipped()
    strays = pairing.replace("湛江市,", "汕头市,").replace("茂名市,", "韶关市,")
    extra = copy.deepcopy(meta)
    for city in ("湛江市", "茂名市"):
        del extra["helper_cities"][city]
    assert _refused(pairing=strays, pairing_meta=extra) == (
        f"{PAIRING_FILE}.csv", "未列入说明的帮扶城市：汕头市、韶关市",
        "helper cities not in the metadata: ['汕头市', '韶关市']")
    swapped = copy.deepcopy(meta)
    swapped["helper_cities"] = dict(reversed(list(meta["helper_cities"].items())))
    assert _refused(pairing_meta=swapped) == (
        f"{PAIRING_FILE}.csv", "帮扶城市顺序与说明不符", "the helper cities are not in the metadata's order")


@pytest.mark.mutation
@pytest.mark.parametrize("citation", [{"clause": "附件3"}, {"document": "  "}, "粤财采购〔2023〕2号", None])
def test_a_citation_must_name_its_document(citation: object) -> None:
    _, _, _, meta = _shipped()
    meta["citation"] = citation
    assert _refused(pairing_meta=meta) == (
        f"{PAIRING_FILE}.csv", "缺少出处（document）", "the citation (document) is missing")


@pytest.mark.mutation
def test_malformed_metadata_and_arguments() -> None:
    national, national_meta, pairing, meta = _shipped()
    del meta["helper_cities"]
    assert _refused(pairing_meta=meta) == (
        "county tables", "县表格式错误：KeyError('helper_cities')", "malformed county data: KeyError('helper_cities')")
    with pytest.raises(PolicyDataError) as caught:  # one name per pairing table
        load_county_data((national, national_meta), [(pairing, json.loads(read_text(f"{PAIRING_FILE}.json")))],
                         pairing_names=())
    assert caught.value.field == "county tables" and "zip()" in caught.value.en
    with pytest.raises(PolicyDataError) as caught:
        load_county_data((national, national_meta), [], pairing_names=())
    error = caught.value
    assert (error.field, error.zh, error.en) == ("pairings", "没有对接帮扶县名单", "no pairing table")


@pytest.mark.mutation
def test_the_data_files_are_read_as_utf8() -> None:
    assert read_text(f"{PAIRING_FILE}.json").startswith("{")
    assert "融水苗族自治县" in read_text(f"{PAIRING_FILE}.csv")


@pytest.mark.mutation
def test_county_objects_resolve_by_code(fresh: CountyData) -> None:
    county = lookup_county("融水")
    assert fresh.resolve(county) == "450225"
    assert isinstance(county, County) and lookup_poverty_county(county).code == "450225"
