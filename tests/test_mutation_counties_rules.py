"""County tables, name resolution and purchase priority pinned for mutation testing (issue 7).

The loaders are exercised on a fresh load of the shipped tables (粤财采购〔2023〕2号 附件3 and the
832 list), not only through the cached :func:`county_data`: every field a table carries (its
provenance, the notice's figures, each county's aliases and notes), every way a bad table is
refused (the exact file, row and message), and how names resolve (short forms, former names and
codes, names withheld because they are a prefecture's). The public functions are pinned for their
``province``/``year`` arguments and their errors; :func:`explain_priority` step by step
(三（四）).
"""

from __future__ import annotations

import copy
import csv
import io
import json
from typing import Any

import attrs
import pytest

import poverty_procurement.rules.counties.lookup as module
from poverty_procurement import InputError, PovertyProcurementError
from poverty_procurement.citation import Citation
from poverty_procurement.counties import County, PovertyCounty
from poverty_procurement.data import read_text
from poverty_procurement.errors import CountyNotFound, PolicyDataError, PolicyNotFound, UnsupportedType
from poverty_procurement.explain import Explanation, Step
from poverty_procurement.jurisdictions import resolve_province
from poverty_procurement.model.county import PendingKeyCounties
from poverty_procurement.money import Yuan, yuan
from poverty_procurement.ratio import Ratio
from poverty_procurement.rules.counties.index import CountyData, load_county_data
from poverty_procurement.rules.counties.lookup import (
    helper_cities,
    is_key_county,
    is_poverty_county,
    key_counties,
    key_counties_pending,
    lookup_counties,
    lookup_county,
    lookup_poverty_counties,
    lookup_poverty_county,
    paired_counties,
    suggest_counties,
)
from poverty_procurement.rules.counties.names import derived_names
from poverty_procurement.rules.counties.priority import (
    PRIORITY_CITATION,
    PriorityTier,
    TierTotal,
    UnresolvedPurchase,
    explain_priority,
    priority_tier,
    summarize_priority,
)

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


def test_the_national_table_carries_its_metadata(fresh: CountyData) -> None:
    _, meta, _, _ = _shipped()
    table = fresh.national
    assert (table.year, table.listed_units, table.names_as_of) == (2014, 832, "2025-12-31")
    assert table.title == "832个国家级贫困县（2020年11月23日全部脱贫摘帽）"
    assert table.citation == Citation(**meta["citation"])
    assert table.names_and_codes == Citation(**meta["names_and_codes"])
    assert table.notes == tuple(meta["notes"]) and len(table.notes) == 3
    assert len(table.counties) == 831 and table.counties == tuple(fresh.national_by_code.values())


def test_a_citation_without_its_optional_parts_gets_the_defaults() -> None:
    _, nm, _, pm = _shipped()
    pm["citation"] = {"document": "粤财采购〔2023〕2号"}
    nm["names_and_codes"] = {"document": "民政部 全国行政区划信息查询平台"}
    data = _load(national_meta=nm, pairing_meta=pm)
    assert data.pairings[2023].citation == Citation("粤财采购〔2023〕2号", "", "", "", "authoritative")
    assert data.national.names_and_codes == Citation("民政部 全国行政区划信息查询平台", "", "", "", "authoritative")


def test_tables_without_notes_have_none() -> None:
    _, nm, _, pm = _shipped()
    del nm["notes"], pm["notes"]
    data = _load(national_meta=nm, pairing_meta=pm)
    assert data.national.notes == () and data.pairings[2023].notes == ()


def test_each_county_keeps_the_notes_of_its_rows(fresh: CountyData) -> None:
    national, _, pairing, _ = _shipped()
    notes = {row["county_code"]: row["notes"] for row in _rows(pairing)}
    assert {c.code: c.note for c in fresh.pairings[2023].counties} == notes
    rows = [row for row in _rows(national) if row["county_code"] == "632803"]
    assert [row["county_as_listed"] for row in rows] == ["冷湖行委", "茫崖行委"]
    assert fresh.national_by_code["632803"].note == f"{rows[0]['notes']} / {rows[1]['notes']}"
    assert fresh.national_by_code["130125"].note == "code+name+parent verified in S1,S2,S3."


def test_two_listed_units_of_one_county_are_merged(fresh: CountyData) -> None:
    mangya = fresh.national_by_code["632803"]
    assert (mangya.name, mangya.province) == ("茫崖市", resolve_province("青海"))
    assert mangya.prefecture == "海西蒙古族藏族自治州"
    assert mangya.listed_as == ("冷湖行委", "茫崖行委")
    assert mangya.former_names == ("冷湖行政委员会", "茫崖行政委员会")
    assert mangya.former_codes == ("632858", "632859")
    assert fresh.resolve("冷湖行委", "青海", "海西州") == fresh.resolve("632859", "630000") == "632803"


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


@pytest.mark.parametrize(("name", "code"), [
    ("融水", "450225"), ("融水自治县", "450225"), ("450225", "450225"),
    ("水城县", "520204"), ("520221", "520204"),  # former name and former code
    ("七星关", "520502"), ("开县", "500154"),
])
def test_a_fresh_load_resolves_names_and_former_codes(fresh: CountyData, name: str, code: str) -> None:
    assert fresh.resolve(name) == code


def test_a_former_name_that_is_now_a_prefecture_is_withheld(fresh: CountyData) -> None:
    with pytest.raises(CountyNotFound) as caught:
        fresh.resolve("毕节市")
    assert caught.value.field == "county"
    assert caught.value.zh == ("未找到县 '毕节市'（该名称也是省份、地级区划或另一个县的名称，请写县的全称或代码）"
                               "；您是否要找：七星关区")
    assert fresh.hints["毕节市"] == ("520502",) and fresh.hints["毕节"] == ("520502",)
    assert fresh.suggest("毕节市") == ("七星关区",)


@pytest.mark.parametrize("prefecture", ["黔南布依族苗族自治州", "黔南州", "黔南", "522700", 522700])
def test_a_prefecture_in_any_form_narrows(fresh: CountyData, prefecture: str | int) -> None:
    assert fresh.resolve("三都县", prefecture=prefecture) == "522732"


@pytest.mark.parametrize("prefecture", ["恩施土家族苗族自治州", "恩施州", "422800"])
def test_an_autonomous_prefecture_of_the_national_list_only(fresh: CountyData, prefecture: str) -> None:
    # 巴东县 is not paired: its prefecture's short forms come from the official name alone.
    assert fresh.resolve("巴东县", prefecture=prefecture) == "422823"


@pytest.mark.parametrize("prefecture", ["柳州", "柳州市", "450200"])
def test_a_city_prefecture_with_and_without_its_suffix(fresh: CountyData, prefecture: str) -> None:
    assert fresh.resolve("融水县", "广西", prefecture) == "450225"
    with pytest.raises(CountyNotFound):
        fresh.resolve("融水县", prefecture="柳州州")


def test_a_prefecture_as_printed_in_the_table_also_narrows() -> None:
    # A table that prints a prefecture's former name (铜仁地区, 铜仁市 since 2011) is still understood.
    _, _, pairing, _ = _shipped()
    data = _load(pairing=pairing.replace(",铜仁市,铜仁市,520600,沿河县,", ",铜仁地区,铜仁市,520600,沿河县,", 1))
    assert data.paired_by_code[2023]["520627"].printed_prefecture == "铜仁地区"
    for prefecture in ("铜仁地区", "铜仁市", "铜仁", "520600"):
        assert data.resolve("沿河县", prefecture=prefecture) == "520627"


def test_a_county_outside_the_province_given(fresh: CountyData) -> None:
    with pytest.raises(CountyNotFound) as caught:
        fresh.resolve("融水", "贵州")
    assert caught.value.zh == ("'融水' 是 融水苗族自治县（广西壮族自治区柳州市，450225），不在所给的省份或地级区划内；"
                               "请核对省份/地级区划或县名")


def test_suggestions_of_a_fresh_load(fresh: CountyData) -> None:
    assert fresh.suggestion_names and not any(n.isdigit() for n in fresh.suggestion_names)
    assert fresh.suggest("融水苗县") == ("融水苗族自治县",)
    assert fresh.suggest("行唐") == ("行唐县",)
    assert fresh.suggest("行唐", fresh.paired_suggestion_names[2023]) == ()
    assert fresh.suggest("融水苗县", fresh.paired_suggestion_names[2023]) == ("融水苗族自治县",)
    assert len(fresh.paired_suggestion_names[2023]) < len(fresh.suggestion_names)
    assert {fresh.exact[n] for n in fresh.paired_suggestion_names[2023]} == set(fresh.paired_by_code[2023])


# --- short forms ---------------------------------------------------------------------------------


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


def test_the_row_of_a_merged_county_is_named() -> None:
    national, _, _, _ = _shipped()
    bad = _first_row(national, ",130125,,,", ",130125,冷湖行政委员会,632858,")
    field, zh, en = _refused(national=bad)
    assert field == f"{NATIONAL_FILE}.csv line 788 (632803 茫崖市)"  # the first row of the merged county
    assert (zh, en) == ("曾用代码 632858 指向两个县", "former code 632858 points to two counties")


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


@pytest.mark.parametrize("citation", [{"clause": "附件3"}, {"document": "  "}, "粤财采购〔2023〕2号", None])
def test_a_citation_must_name_its_document(citation: object) -> None:
    _, _, _, meta = _shipped()
    meta["citation"] = citation
    assert _refused(pairing_meta=meta) == (
        f"{PAIRING_FILE}.csv", "缺少出处（document）", "the citation (document) is missing")


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


def test_the_data_files_are_read_as_utf8() -> None:
    assert read_text(f"{PAIRING_FILE}.json").startswith("{")
    assert "融水苗族自治县" in read_text(f"{PAIRING_FILE}.csv")


# --- the public functions: province, year and errors -------------------------------------------


def test_a_province_that_excludes_the_county() -> None:
    assert is_key_county("融水", "广西") is True and is_key_county("融水", "贵州") is False
    assert is_poverty_county("宣化县", "河北") is True and is_poverty_county("宣化县", "贵州") is False
    assert priority_tier("融水县", "广西") is PriorityTier.KEY_PAIRED
    assert priority_tier("融水县", "贵州") is PriorityTier.OTHER
    with pytest.raises(CountyNotFound) as caught:
        lookup_poverty_county("宣化县", "贵州")
    assert caught.value.field == "county" and caught.value.zh.startswith("'宣化县' 是 宣化区（河北省张家口市，130705）")
    assert lookup_poverty_county("宣化县", "河北").code == "130705"


def test_a_county_object_with_a_province_or_year() -> None:
    county = lookup_county("融水")
    assert priority_tier(county) is PriorityTier.KEY_PAIRED
    assert priority_tier(county, "贵州") is PriorityTier.OTHER
    with pytest.raises(PolicyNotFound):
        priority_tier(county, year=2022)
    elsewhere = attrs.evolve(county, code="130125", name="行唐县", prefecture="石家庄市", prefecture_code="130100",
                             province=resolve_province("河北"))
    assert priority_tier(elsewhere) is PriorityTier.OTHER  # not in the latest table


@pytest.mark.parametrize("call", [
    lambda: is_key_county("融水", year=2022),
    lambda: key_counties(year=2022),
    lambda: key_counties("广西", year=2022),
    lambda: key_counties_pending(year=2022),
    lambda: paired_counties(year=2022),
    lambda: paired_counties("深圳", year=2022),
    lambda: helper_cities(2022),
    lambda: suggest_counties("融水", paired=True, year=2022),
    lambda: explain_priority("融水", year=2022),
])
def test_a_year_without_a_table_is_refused(call: Any) -> None:
    with pytest.raises(PolicyNotFound) as caught:
        call()
    assert caught.value.field == "year" and "2022" in caught.value.zh


def test_suggestions_are_national_unless_paired_is_asked() -> None:
    assert suggest_counties("行唐") == ("行唐县",)
    assert suggest_counties("行唐", paired=True) == ()
    assert suggest_counties("融水苗县", paired=True, year=2023) == ("融水苗族自治县",)
    with pytest.raises(UnsupportedType) as caught:
        suggest_counties(450225)  # type: ignore[arg-type]
    assert caught.value.field == "name"
    assert "收到 int" in caught.value.zh and caught.value.en == "a county name is a str, got int"


def test_helper_city_errors() -> None:
    with pytest.raises(UnsupportedType) as caught:
        paired_counties(44)  # type: ignore[arg-type]
    assert caught.value.field == "helper_city"
    assert (caught.value.zh, caught.value.en) == ("帮扶城市须为文本，收到 int", "the helper city is a str, got int")
    with pytest.raises(InputError) as wrong:
        paired_counties("汕头")
    cities = helper_cities()
    assert wrong.value.field == "helper_city"
    assert wrong.value.zh == f"'汕头' 不是帮扶城市；可选：{'、'.join(cities)}"
    assert wrong.value.en == f"'汕头' is not a helper city; one of: {', '.join(cities)}"


def test_poverty_lookups_with_a_province_in_a_batch() -> None:
    found = lookup_poverty_counties(["宣化县", "融水", 130705], "河北")
    assert [getattr(c, "code", type(c).__name__) for c in found] == ["130705", "CountyNotFound", "130705"]
    assert [c.code for c in lookup_poverty_counties(["融水"]) if isinstance(c, PovertyCounty)] == ["450225"]
    many = lookup_poverty_counties(["宣化县", 130705, " 宣化县 ", "融水"] * 150, "河北")  # a batch of 600
    assert [getattr(c, "code", "-") for c in many[:4]] == ["130705", "130705", "130705", "-"]
    assert len(many) == 600 and many[4:8] == many[:4]


def test_paired_lookups_in_a_batch_with_a_province_prefecture_or_year() -> None:
    def codes(found: list[County | PovertyProcurementError]) -> list[str]:
        return [getattr(c, "code", type(c).__name__) for c in found]

    assert codes(lookup_counties(["融水", "七星关", 450225], "广西")) == ["450225", "CountyNotFound", "450225"]
    assert codes(lookup_counties(["融水", "七星关"], prefecture="柳州")) == ["450225", "CountyNotFound"]
    assert codes(lookup_counties(["融水", "七星关"], year=2023)) == ["450225", "520502"]
    with pytest.raises(PolicyNotFound):
        lookup_counties(["融水"], year=2022)
    many = lookup_counties(["融水", 450225, " 融水 ", "七星关"] * 150, "广西")  # a batch of 600
    assert len(many) == 600 and codes(many[:8]) == ["450225", "450225", "450225", "CountyNotFound"] * 2


def test_poverty_lookups_learn_the_variants_they_resolve() -> None:
    county = lookup_poverty_county("开县")
    assert lookup_poverty_county(" 开县\u3000") is county
    assert module.county_data().fast_national[" 开县\u3000"] is county  # the next time it is one dict hit
    assert lookup_poverty_county(500154) is county


def test_batches_learn_the_variants_they_resolve() -> None:
    county = lookup_county("三江")
    variant = "\u3000三江 "
    found = lookup_counties([variant, *(["融水"] * 600)])
    assert found[0] is county
    assert module.county_data().fast_paired[variant] is county


# --- explain_priority, step by step (三（四）) --------------------------------------------------


def _step(rule: str, label: str, inputs: tuple[tuple[str, str], ...], result: str, citation: Citation) -> Step:
    return Step(rule, label, inputs, result, citation)


Explained = tuple[str, str | None, str, str, str | None, PriorityTier]


@pytest.mark.parametrize("case", [
    ("水城县", None, "水城区（贵州省六盘水市，520204）", "是（2023年名单，中山市帮扶，名单印作“水城县”）",
     "是（附件3文字名单）", PriorityTier.KEY_PAIRED),
    ("七星关区", "贵州", "七星关区（贵州省毕节市，520502）", "是（2023年名单，广州市帮扶，名单印作“七星关区”）",
     "否（不在附件3文字名单）；贵州另有4个重点帮扶县待定，未点名前不计为重点", PriorityTier.PAIRED),
    ("西林县", None, "西林县（广西壮族自治区百色市，451030）", "是（2023年名单，深圳市帮扶，名单印作“西林县”）",
     "否（不在附件3文字名单）", PriorityTier.PAIRED),
    ("行唐县", "河北", "行唐县（河北省石家庄市，130125）", "否（不在2023年名单）", None, PriorityTier.OTHER),
])
def test_explanations_step_by_step(case: Explained) -> None:
    name, province, place, paired, key, tier = case
    table = module.pairing_table()
    given = (("输入", repr(name)),)
    subject = (("县", place.split("（", maxsplit=1)[0]),)
    steps = [_step("county-name", "县名识别", given, place, table.names_and_codes),
             _step("paired-county", "是否广东对接帮扶县", subject, paired, table.citation)]
    if key is not None:
        figures = table.key_counties[1] if "贵州" in place else table.key_counties[0]
        steps.append(_step("key-county", "是否重点帮扶县", subject, key, figures.citation))
    steps.append(_step("priority-tier", "优先采购层级", subject, tier.zh, PRIORITY_CITATION))
    expected = Explanation("优先采购层级", tier.zh, tuple(steps))
    assert explain_priority(name, province) == expected
    assert explain_priority(name, province, year=2023) == expected


@pytest.mark.parametrize(("name", "province"), [("天河区", None), ("融水县", "贵州")])
def test_an_explanation_for_a_county_not_found(name: str, province: str | None) -> None:
    table = module.pairing_table()
    with pytest.raises(CountyNotFound) as caught:
        lookup_poverty_county(name, province)
    given = (("输入", repr(name)),)
    assert explain_priority(name, province) == Explanation("优先采购层级", PriorityTier.OTHER.zh, (
        _step("county-name", "县名识别", given, f"未找到：{caught.value.zh}", table.names_and_codes),
        _step("priority-tier", "优先采购层级", given, PriorityTier.OTHER.zh, PRIORITY_CITATION),
    ))


def test_county_objects_resolve_by_code(fresh: CountyData) -> None:
    county = lookup_county("融水")
    assert fresh.resolve(county) == "450225"
    assert isinstance(county, County) and lookup_poverty_county(county).code == "450225"


# --- what a lookup that fails says -------------------------------------------------------------

_OUT_OF_RANGE = ("代码须为6位数字（如 450225），所给整数超出范围",
                 "a code has six digits (e.g. 450225); the int given is out of range")
_HINT_ZH = "（该名称也是省份、地级区划或另一个县的名称，请写县的全称或代码）"
_HINT_EN = " (it is also the name of a province, a prefecture or another county; write the full name or code)"


@pytest.mark.parametrize(("call", "kind", "field", "zh", "en"), [
    (lambda: lookup_county("融水", year="2023"), UnsupportedType, "year",  # type: ignore[arg-type]
     "年度须为整数，收到 str", "the year must be an int, got str"),
    (lambda: lookup_county("融水", year=True), UnsupportedType, "year",
     "年度须为整数，收到 bool", "the year must be an int, got bool"),
    (lambda: lookup_county("融水", year=2022), PolicyNotFound, "year",
     "没有2022年的对接帮扶县名单（已有：2023），本库不作推测",
     "no pairing list for 2022 (known: 2023); the library does not guess"),
    (lambda: lookup_county("融水", prefecture=1.5), UnsupportedType, "prefecture",  # type: ignore[arg-type]
     "地级区划须为名称或代码，收到 float", "a prefecture is a name or a code, got float"),
    (lambda: lookup_county("融水", prefecture=True), UnsupportedType, "prefecture",
     "地级区划须为名称或代码，收到 bool", "a prefecture is a name or a code, got bool"),
    (lambda: lookup_county(1.5), UnsupportedType, "county",  # type: ignore[arg-type]
     "县须为名称、代码或 County，收到 float", "a county is a name, a code or a County, got float"),
    (lambda: lookup_county(True), UnsupportedType, "county",
     "县须为名称、代码或 County，收到 bool", "a county is a name, a code or a County, got bool"),
    (lambda: lookup_poverty_county(["融水"]), UnsupportedType, "county",  # type: ignore[arg-type]
     "县须为名称、代码或 County，收到 list", "a county is a name, a code or a County, got list"),
    (lambda: lookup_county(-1), CountyNotFound, "county", *_OUT_OF_RANGE),
    (lambda: lookup_county(1_000_000), CountyNotFound, "county", *_OUT_OF_RANGE),
    (lambda: lookup_county(999_999), CountyNotFound, "county",
     "没有代码为 '999999' 的县", "no county has the code '999999'"),
    (lambda: lookup_county(0), CountyNotFound, "county",
     "没有代码为 '000000' 的县", "no county has the code '000000'"),
    (lambda: lookup_county("123456"), CountyNotFound, "county",
     "没有代码为 '123456' 的县", "no county has the code '123456'"),
    (lambda: lookup_county("x" * 65), CountyNotFound, "county",
     "县名过长（超过 64 个字符），不是县名", "longer than 64 characters: not a county name"),
    (lambda: lookup_county(""), CountyNotFound, "county", "县名为空", "the county name is empty"),
    (lambda: lookup_county(" \u3000"), CountyNotFound, "county", "县名为空", "the county name is empty"),
    (lambda: lookup_county("毕节"), CountyNotFound, "county",
     f"未找到县 '毕节'{_HINT_ZH}；您是否要找：七星关区",
     f"no county is called '毕节'{_HINT_EN}; did you mean: 七星关区"),
    (lambda: lookup_county("行唐县"), CountyNotFound, "county",
     "行唐县（河北省石家庄市，130125） 不在广东省2023年对接帮扶的99个县之列",
     "行唐县（河北省石家庄市，130125） is not among the 99 counties Guangdong pairs with (2023)"),
    (lambda: lookup_poverty_county("天河区"), CountyNotFound, "county",
     "未找到县 '天河区'；您是否要找：朝天区", "no county is called '天河区'; did you mean: 朝天区"),
    (lambda: lookup_county("水城" + "县" * 19), CountyNotFound, "county",  # over 20 characters: no suggestion
     f"未找到县 '水城{'县' * 19}'", f"no county is called '水城{'县' * 19}'"),
    (lambda: lookup_county("江县"), CountyNotFound, "county",  # at most five, paired ones only
     "未找到县 '江县'；您是否要找：麻江县、环江毛南族自治县、江口县、榕江县、德江县",
     "no county is called '江县'; did you mean: 麻江县, 环江毛南族自治县, 江口县, 榕江县, 德江县"),
    (lambda: lookup_county("融水", "贵州"), CountyNotFound, "county",
     "'融水' 是 融水苗族自治县（广西壮族自治区柳州市，450225），不在所给的省份或地级区划内；请核对省份/地级区划或县名",
     "'融水' is 融水苗族自治县（广西壮族自治区柳州市，450225）, not in the province or prefecture given; "
     "check them or the name"),
])
def test_what_a_failed_lookup_says(call: Any, kind: type[Exception], field: str, zh: str, en: str) -> None:
    with pytest.raises(kind) as caught:
        call()
    error = caught.value
    assert (getattr(error, "field", None), getattr(error, "zh", None), getattr(error, "en", None)) == (field, zh, en)


def test_suggestions_nationally() -> None:
    assert suggest_counties("江县") == ("龙江县", "麻江县", "雅江县", "通江县", "芷江侗族自治县")
    assert suggest_counties("融水苗族自治县x") == (
        "融水苗族自治县", "麻阳苗族自治县", "松桃苗族自治县", "彭水苗族土家族自治县", "屏边苗族自治县")
    assert suggest_counties("450225") == ()


@pytest.mark.parametrize(("text", "found"), [
    ("融水苗族自治县", True), (" " * 57 + "融水苗族自治县", True),  # 64 characters are looked at
    ("融水苗族自治县" + " " * 57, True), (" " * 58 + "融水苗族自治县", False),
])
def test_the_length_bound_of_a_name(text: str, found: bool) -> None:
    assert len(text) in (7, 64, 65)
    if found:
        assert lookup_county(text).code == "450225" and lookup_poverty_county(text).code == "450225"
        assert lookup_county(text, "广西").code == "450225"
    else:
        for call in (lambda: lookup_county(text), lambda: lookup_poverty_county(text),
                     lambda: lookup_county(text, "广西")):
            with pytest.raises(CountyNotFound, match="过长"):
                call()


@pytest.mark.parametrize(("prefecture", "found"), [
    (" " * 62 + "柳州", True), (" " * 62 + "柳州市区", True), (" " * 63 + "柳州", False),
])
def test_only_64_characters_of_a_prefecture_are_looked_at(prefecture: str, found: bool) -> None:
    if found:
        assert lookup_county("融水", prefecture=prefecture).code == "450225"
    else:
        with pytest.raises(CountyNotFound):
            lookup_county("融水", prefecture=prefecture)


# --- summarize_priority (三（四）): one summary pinned whole -----------------------------------


def test_a_summary_pinned_whole() -> None:
    purchases: list[Any] = [
        ("融水县", "600"), ("水城县", 300), ("西林县", "100.01"), ("行唐县", 50), ("天河区", "10"),
        ("融水县", "1"), (lookup_county("西林县"), 2), (lookup_poverty_county("行唐县"), 3),
        "not a pair", ("融水县", -5), ("融水县", 1.5), (1.5, 7), ("融水",), ["450225", "0.99"],
    ]
    summary = summarize_priority(iter(purchases))
    assert (summary.year, summary.total, summary.count) == (2023, yuan("1067.00"), 9)
    assert summary.tiers == (
        TierTotal(PriorityTier.KEY_PAIRED, yuan("901.99"), 4, Ratio(8454)),  # 90199/106700 = 84.535…%
        TierTotal(PriorityTier.PAIRED, yuan("102.01"), 2, Ratio(956)),  # 10201/106700 = 9.560…%
        TierTotal(PriorityTier.OTHER, yuan("63.00"), 3, Ratio(590)),  # 6300/106700 = 5.904…%
    )
    assert summary.tier(PriorityTier.PAIRED) is summary.tiers[1]
    assert (summary.paired_amount, summary.paired_share) == (yuan("1004.00"), Ratio(9410))  # 94.095…%
    with pytest.raises(CountyNotFound) as caught:
        lookup_poverty_county("天河区")
    assert summary.unresolved == (
        UnresolvedPurchase(4, "'天河区'", yuan(10), caught.value.zh, caught.value.en),)
    assert [(r.index, r.value, r.field) for r in summary.rejected] == [
        (8, "'not a pair'", "purchases[8]"), (9, "('融水县', -5)", "purchases[9].amount"),
        (10, "('融水县', 1.5)", "purchases[10].amount"), (11, "(1.5, 7)", "county"),
        (12, "('融水',)", "purchases[12]"),
    ]
    assert (summary.rejected[0].zh, summary.rejected[0].en) == (
        "须为 (县, 金额) 对", "expected a (county, amount) pair")
    assert (summary.rejected[3].zh, summary.rejected[3].en) == (
        "县须为名称、代码或 County，收到 float", "a county is a name, a code or a County, got float")
    assert not summary.complete and summary.citation == PRIORITY_CITATION


@pytest.mark.parametrize(("part", "total", "basis_points"), [
    (1, 3, 3333), (2, 3, 6667), (1, 8, 1250), (1, 20_000, 1), (1, 20_001, 0), (3, 20_000, 2), (5, 5, 10_000),
])
def test_shares_round_half_up(part: int, total: int, basis_points: int) -> None:
    summary = summarize_priority([("融水县", Yuan.from_fen(part)), ("行唐县", Yuan.from_fen(total - part))])
    assert summary.tier(PriorityTier.KEY_PAIRED).share == Ratio(basis_points)
    assert summary.paired_share == Ratio(basis_points)
    assert summary.tier(PriorityTier.OTHER).share == Ratio(
        (2 * (total - part) * 10_000 + total) // (2 * total))


def test_summaries_refuse_what_is_not_a_set_of_purchases() -> None:
    for bad, name in ((42, "int"), ("融水县", "str"), (b"x", "bytes")):
        with pytest.raises(UnsupportedType) as caught:
            summarize_priority(bad)  # type: ignore[arg-type]
        assert caught.value.field == "purchases"
        assert caught.value.zh == f"须为 (县, 金额) 对的可迭代对象，收到 {name}"
        assert caught.value.en == f"expected an iterable of (county, amount) pairs, got {name}"
    with pytest.raises(PolicyNotFound):
        summarize_priority([], year=2022)
    assert summarize_priority([], year=2023).tiers == tuple(
        TierTotal(t, yuan(0), 0, Ratio(0)) for t in PriorityTier)
