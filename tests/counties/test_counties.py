"""The paired-county table (粤财采购〔2023〕2号 附件3): the notice's own figures, names and lookups."""

from __future__ import annotations

import contextlib
import pickle
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import poverty_procurement as pp
import poverty_procurement.counties
import poverty_procurement.errors
import poverty_procurement.policy
import poverty_procurement.rules.counties.lookup as module
from poverty_procurement import (
    InputError,
    PovertyProcurementError,
    is_key_county,
    lookup_county,
    lookup_poverty_county,
)
from poverty_procurement.counties import (
    County,
    PovertyCounty,
    helper_cities,
    is_poverty_county,
    key_counties,
    key_counties_pending,
    lookup_counties,
    lookup_poverty_counties,
    paired_counties,
    pairing_table,
    suggest_counties,
)
from poverty_procurement.errors import AmbiguousCounty, CountyNotFound, PolicyNotFound, UnsupportedType
from poverty_procurement.jurisdictions import resolve_province
from poverty_procurement.rules.counties import index
from poverty_procurement.rules.counties.lookup import county_data
from poverty_procurement.rules.counties.names import normalize_county_name
from poverty_procurement.rules.counties.priority import PriorityTier, explain_priority, priority_tier
from poverty_procurement.strategies.counties import (
    counties,
    county_names,
    decorated_names,
    paired_county_inputs,
    unknown_county_names,
)

# The notice's text list of key counties (附件3), as printed — authoritative over the table.
GUANGXI_KEY_TEXT = [
    "马山县", "都安瑶族自治县", "大化瑶族自治县", "凤山县", "东兰县", "罗城仫佬族自治县", "巴马瑶族自治县",
    "环江毛南族自治县", "隆林各族自治县", "凌云县", "乐业县", "德保县", "靖西市", "那坡县", "田林县",
    "融水县", "三江县", "天等县", "忻城县", "昭平县",
]
GUIZHOU_KEY_TEXT = [
    "正安县", "沿河县", "从江县", "榕江县", "剑河县", "锦屏县", "水城县", "紫云县", "纳雍县", "赫章县",
    "威宁县", "晴隆县", "望谟县", "册亨县", "三都县", "罗甸县",
]
SUBTOTALS = {"深圳市": 22, "江门市": 4, "湛江市": 3, "茂名市": 2, "肇庆市": 2, "广州市": 23, "珠海市": 8,
             "佛山市": 15, "东莞市": 10, "惠州市": 7, "中山市": 3}


# --- the notice's figures ----------------------------------------------------------------------


def test_counts_99_33_66() -> None:
    counties_ = paired_counties()
    assert len(counties_) == 99
    by_province = Counter(c.province.short_name for c in counties_)
    assert by_province == {"广西": 33, "贵州": 66}


def test_helper_city_subtotals_as_printed() -> None:
    assert Counter(c.helper_city for c in paired_counties()) == SUBTOTALS
    assert helper_cities() == tuple(SUBTOTALS)
    for city, subtotal in SUBTOTALS.items():
        assert len(paired_counties(city)) == subtotal
        assert paired_counties(city.removesuffix("市")) == paired_counties(city)
    # 深圳 and 江门 … 肇庆 help Guangxi, the others Guizhou
    assert {c.province.short_name for city in list(SUBTOTALS)[:5] for c in paired_counties(city)} == {"广西"}
    assert {c.province.short_name for city in list(SUBTOTALS)[5:] for c in paired_counties(city)} == {"贵州"}


def test_key_counties_follow_the_text_list() -> None:
    assert [c.printed_name for c in key_counties("广西")] == [
        c.printed_name for c in paired_counties() if c.printed_name in GUANGXI_KEY_TEXT
    ]
    assert {c.printed_name for c in key_counties("广西")} == set(GUANGXI_KEY_TEXT)
    assert {c.printed_name for c in key_counties("贵州")} == set(GUIZHOU_KEY_TEXT)
    assert len(key_counties()) == 36


def test_xilin_is_not_a_key_county() -> None:
    # The first printing of the table marks 西林县 是; the text list (authoritative) does not.
    assert is_key_county("西林县") is False
    assert lookup_county("西林县").is_key is False
    assert lookup_county("西林县").helper_city == "深圳市"


def test_four_guizhou_key_counties_are_pending_not_invented() -> None:
    assert key_counties_pending("贵州") == 4
    assert key_counties_pending("520000") == 4
    assert key_counties_pending("广西") == 0
    assert key_counties_pending() == 4
    assert key_counties_pending("广东") == 0
    figures = {f.province.short_name: f for f in pairing_table().key_counties}
    assert (figures["贵州"].stated, figures["贵州"].named, figures["贵州"].pending) == (20, 16, 4)
    assert (figures["广西"].stated, figures["广西"].named, figures["广西"].pending) == (20, 20, 0)
    assert "还有 4 个县待贵州省定" in figures["贵州"].citation.quote
    # the notice's 40 = 20 + 20
    assert sum(f.stated for f in figures.values()) == 40
    # the four named only by an unofficial page stay non-key
    for name in ("务川县", "关岭县", "织金县", "松桃县"):
        assert not is_key_county(name)


def test_table_carries_source_and_year() -> None:
    table = pairing_table()
    assert table.year == 2023
    assert pairing_table(2023) is table
    assert table.citation.document == "粤财采购〔2023〕2号"
    assert "附件3" in table.citation.clause
    assert "国家统计局" in table.names_and_codes.source
    assert all(c.year == 2023 for c in table.counties)
    with pytest.raises(PolicyNotFound, match="2024"):
        pairing_table(2024)
    with pytest.raises(PolicyNotFound):
        lookup_county("融水县", year=2022)
    with pytest.raises(UnsupportedType):
        pairing_table("2023")  # type: ignore[arg-type]


def test_document_order_is_kept() -> None:
    names = [c.printed_name for c in paired_counties()]
    assert names[:3] == ["罗城仫佬族自治县", "环江毛南族自治县", "都安瑶族自治县"]
    assert names[-3:] == ["六枝特区", "盘州市", "水城县"]
    assert [c.printed_name for c in paired_counties("湛江")] == ["融水县", "三江县", "融安县"]


# --- codes ---------------------------------------------------------------------------------------


def test_codes_unique_six_digits_consistent_with_province_and_prefecture() -> None:
    codes = [c.code for c in paired_counties()]
    assert len(set(codes)) == 99
    for county in paired_counties():
        assert len(county.code) == 6 and county.code.isascii() and county.code.isdigit()
        assert county.code[:2] == {"广西": "45", "贵州": "52"}[county.province.short_name]
        assert county.code[:4] == county.prefecture_code[:4]
        assert county.prefecture_code.endswith("00")


def test_renamed_counties_resolve_to_todays_name_and_code() -> None:
    renamed = {"赤水县": ("赤水市", "520381"), "兴仁县": ("兴仁市", "522302"), "田阳县": ("田阳区", "451003"),
               "水城县": ("水城区", "520204"), "黔西县": ("黔西市", "520581")}
    for printed, (official, code) in renamed.items():
        county = lookup_county(printed)
        assert (county.name, county.code, county.printed_name) == (official, code, printed)
    # former codes too
    assert lookup_county("520221").name == "水城区"
    assert lookup_county("451021").name == "田阳区"
    assert lookup_county(522322).name == "兴仁市"


def test_short_printed_names_resolve() -> None:
    assert lookup_county("融水县").name == "融水苗族自治县"
    assert lookup_county("融水").name == "融水苗族自治县"
    assert lookup_county("融水自治县").name == "融水苗族自治县"
    assert lookup_county("威宁县").name == "威宁彝族回族苗族自治县"
    assert lookup_county("三江").code == "450226"
    assert lookup_county("七星关").name == "七星关区"
    assert lookup_county("六枝").name == "六枝特区"
    with pytest.raises(CountyNotFound):  # a prefecture is not a county
        lookup_county("黔南州")


def test_prefecture_in_any_written_form() -> None:
    for prefecture in ("黔南布依族苗族自治州", "黔南州", "黔南", "522700"):
        assert lookup_county("三都县", prefecture=prefecture).code == "522732"
    with pytest.raises(CountyNotFound, match="黔南"):
        lookup_county("三都县", prefecture="毕节市")
    with pytest.raises(UnsupportedType):
        lookup_county("三都县", prefecture=1.5)  # type: ignore[arg-type]


def test_province_in_any_form_and_mismatch() -> None:
    for province in ("贵州", "贵州省", "520000", 52, pp.resolve_province("贵州")):
        assert lookup_county("水城县", province).code == "520204"
    with pytest.raises(CountyNotFound, match="贵州省"):
        lookup_county("水城县", "广西")
    with pytest.raises(pp.errors.UnknownProvince):
        lookup_county("水城县", "火星")


# --- names: every alias resolves to exactly one county, never another's official name --------


def test_every_alias_resolves_to_exactly_one_county() -> None:
    data = county_data()
    officials = {c.name: c.code for c in paired_counties()} | {c.name: c.code for c in pp.counties.poverty_counties()}
    seen: dict[str, str] = {}
    for county in paired_counties():
        assert county.printed_name in county.names
        for name in county.names:
            assert lookup_county(name) is county
            assert data.exact[name] == county.code
            assert name not in data.ambiguous
            if name in officials:
                assert officials[name] == county.code, f"{name} is the official name of another county"
            assert seen.setdefault(name, county.code) == county.code


def test_no_alias_is_a_province_or_prefecture_name() -> None:
    prefectures = {c.prefecture for c in paired_counties()} | {c.printed_prefecture for c in paired_counties()}
    provinces_ = {n for p in pp.policy.provinces() for n in (p.name, p.short_name)}
    for county in paired_counties():
        assert not set(county.aliases) & (prefectures | provinces_)


def test_a_former_name_that_is_now_a_prefecture_is_not_a_county_name() -> None:
    # 毕节市 (county-level) became 七星关区 in 2011; 毕节市 is now the prefecture.
    with pytest.raises(CountyNotFound, match="七星关区") as caught:
        lookup_county("毕节市")
    assert "地级区划" in caught.value.zh
    assert lookup_county("522401").name == "七星关区"  # its former code still resolves
    assert suggest_counties("毕节市") == ("七星关区",)


def test_a_county_guangdong_does_not_pair_with_is_not_found_with_a_reason() -> None:
    with pytest.raises(CountyNotFound, match="河北省") as caught:
        lookup_county("行唐县")
    assert "不在广东省2023年对接帮扶的99个县之列" in caught.value.zh
    assert lookup_poverty_county("行唐县").code == "130125"
    assert not is_key_county("行唐县")


def test_unknown_name_suggests_close_names() -> None:
    with pytest.raises(CountyNotFound) as caught:
        lookup_county("融水苗县")
    assert "融水苗族自治县" in caught.value.zh and "融水苗族自治县" in caught.value.en
    assert caught.value.field == "county"
    assert suggest_counties("融安", paired=True) == ("融安县",)
    with pytest.raises(CountyNotFound, match="代码"):
        lookup_county("999999")
    with pytest.raises(CountyNotFound, match="为空"):
        lookup_county("  ")
    with pytest.raises(CountyNotFound, match="过长"):
        lookup_county("县" * 65)
    for code in (-1, 1_000_000, 10**5000):  # 10**5000 has no repr() in Python 3.11
        with pytest.raises(CountyNotFound, match="6位数字"):
            lookup_county(code)
    with pytest.raises(UnsupportedType):
        suggest_counties(1)  # type: ignore[arg-type]


def test_bad_types_are_type_errors() -> None:
    for value in (1.5, None, True, b"450225", ["融水"], {"a": 1}):
        with pytest.raises(UnsupportedType):
            lookup_county(value)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="帮扶城市"):
        paired_counties("汕头")
    with pytest.raises(UnsupportedType):
        paired_counties(1)  # type: ignore[arg-type]


def test_county_objects_are_accepted_and_immutable() -> None:
    county = lookup_county("融水")
    assert lookup_county(county) is county
    assert lookup_county(lookup_poverty_county("融水")) is county
    assert str(county) == "融水苗族自治县"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        county.is_key = False  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(county)) == county
    assert attrs.evolve(county, note="x") == county  # the provenance note is not part of equality


def test_county_validators_name_the_field() -> None:
    county = lookup_county("融水")
    for change, field in (({"code": "45022"}, "code"), ({"code": "520204"}, "code"),
                          ({"prefecture_code": "450300"}, "prefecture_code"), ({"name": " 融水"}, "name"),
                          ({"helper_city": "湛江"}, "helper_city"), ({"is_key": 1}, "is_key"),
                          ({"year": 1999}, "year"), ({"aliases": ["融水"]}, "aliases"),
                          ({"province": "广西"}, "province"), ({"code": 450225}, "code"),
                          ({"code": "450200"}, "code")):
        with pytest.raises(PovertyProcurementError) as caught:
            attrs.evolve(county, **change)
        assert caught.value.field == field, change
        assert caught.value.zh and caught.value.en


def test_loading_is_lazy_and_once() -> None:
    code = (
        "import poverty_procurement.rules.counties.lookup as m, sys; "
        "print(m.county_data.cache_info().currsize, 'hypothesis' in sys.modules); "
        "m.lookup_county('融水'); m.lookup_county('三江'); m.is_poverty_county('开县'); "
        "print(m.county_data.cache_info().misses)"
    )
    src = str(Path(pp.__file__).parent.parent)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": src, "PATH": ""})
    assert done.stdout.split() == ["0", "False", "1"]


# --- properties --------------------------------------------------------------------------------


@given(counties().flatmap(lambda c: st.tuples(st.just(c), county_names(c))))
def test_every_county_is_found_by_each_of_its_names_however_typed(case: tuple[County, str]) -> None:
    county, typed = case
    assert lookup_county(typed) is county
    assert lookup_county(typed, county.province) is county
    assert lookup_county(typed, prefecture=county.prefecture_code) is county
    assert is_key_county(typed) is county.is_key


@given(counties())
def test_every_county_is_found_by_its_code_as_text_and_int(county: County) -> None:
    assert lookup_county(county.code) is county
    assert lookup_county(int(county.code)) is county
    assert lookup_county(county.code.translate(str.maketrans("0123456789", "０１２３４５６７８９"))) is county
    assert lookup_poverty_county(county.code).name == county.name


@given(counties().flatmap(lambda c: st.sampled_from(c.names)).flatmap(
    lambda n: st.tuples(st.just(n), decorated_names(n))))
def test_lookup_ignores_whitespace_and_full_width_forms(case: tuple[str, str]) -> None:
    name, typed = case
    assert normalize_county_name(typed) == name
    assert lookup_county(typed) is lookup_county(name)


@given(unknown_county_names())
def test_unknown_names_raise_county_not_found(text: str) -> None:
    with pytest.raises(CountyNotFound):
        lookup_county(text)
    with pytest.raises(CountyNotFound):
        lookup_poverty_county(text)
    assert not is_key_county(text)


@given(st.one_of(st.text(max_size=80), st.integers(), st.binary(max_size=10), st.floats(), st.none()))
def test_arbitrary_input_raises_only_library_errors(value: object) -> None:
    with contextlib.suppress(CountyNotFound, AmbiguousCounty, UnsupportedType):
        lookup_county(value)  # type: ignore[arg-type]


@given(paired_county_inputs())
def test_any_input_designating_a_paired_county_finds_it(value: object) -> None:
    county = lookup_county(value)  # type: ignore[arg-type]
    assert county in paired_counties(county.helper_city)


# --- batch lookups -----------------------------------------------------------------------------


def test_batch_lookup_returns_every_input_as_a_county_or_an_error() -> None:
    inputs: list[object] = ["融水", 520204, " 水城县\u3000", "天河区", 450225.0, True, ["融水"], "融水", 450225,
                            "行唐县"]
    found = pp.counties.lookup_counties(inputs)  # type: ignore[arg-type]
    assert len(found) == len(inputs)
    assert found[0] is found[7] is found[8] is lookup_county("融水")
    assert found[1] is found[2] is lookup_county("水城区")
    assert isinstance(found[3], CountyNotFound)
    assert isinstance(found[4], UnsupportedType)  # a float is not a code, even if it equals one
    assert isinstance(found[5], UnsupportedType)
    assert isinstance(found[6], UnsupportedType)
    assert isinstance(found[9], CountyNotFound)
    assert pp.counties.lookup_counties(iter(["三江"])) == [lookup_county("三江")]
    many = pp.counties.lookup_counties(inputs * 100)  # type: ignore[arg-type]  # large batches take the C-level path
    assert [type(r) for r in many] == [type(r) for r in found] * 100
    assert many[100 * len(inputs) - 3] is found[-3]
    assert pp.counties.lookup_counties([]) == []
    with pytest.raises(UnsupportedType):
        pp.counties.lookup_counties("融水")
    with pytest.raises(UnsupportedType):
        pp.counties.lookup_counties(5)  # type: ignore[arg-type]


def test_batch_lookup_with_province_and_year() -> None:
    first, second = pp.counties.lookup_counties(["水城县", "融水"], "贵州")
    assert first is lookup_county("水城区")
    assert isinstance(second, CountyNotFound) and "广西" in second.zh
    assert pp.counties.lookup_counties(["融水"], year=2023) == [lookup_county("融水")]
    national = pp.counties.lookup_poverty_counties(["开县", 130705, "天河区"], prefecture="重庆市")
    assert national[0] is lookup_poverty_county("开州区")
    assert isinstance(national[1], CountyNotFound) and isinstance(national[2], CountyNotFound)


@given(st.lists(st.one_of(paired_county_inputs(), unknown_county_names(), st.integers(), st.floats()), max_size=20))
def test_batch_agrees_with_one_by_one(inputs: list[object]) -> None:
    found = pp.counties.lookup_counties(inputs)  # type: ignore[arg-type]
    big = pp.counties.lookup_counties(inputs * 600)  # type: ignore[arg-type]  # past the copy threshold
    assert [type(r) for r in big] == [type(r) for r in found] * 600
    assert all(a is b for a, b in zip(big, found * 600, strict=True) if isinstance(a, County))
    for value, result in zip(inputs, found, strict=True):
        try:
            expected: object = lookup_county(value)  # type: ignore[arg-type]
        except PovertyProcurementError as error:
            assert type(result) is type(error)
        else:
            assert result is expected


def test_fast_tables_learn_variants_within_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    import poverty_procurement.rules.counties.lookup as module

    county = lookup_county("融水")
    assert lookup_county(" 融水\u3000") is county
    assert module.county_data().fast_paired[" 融水\u3000"] is county  # the next time it is one dict hit
    assert lookup_county(" 融水\u3000") is county
    padded = " " * 70 + "融水"  # too long to be a name, learned or not
    with pytest.raises(CountyNotFound, match="过长"):
        lookup_county(padded)
    assert padded not in module.county_data().fast_paired
    monkeypatch.setattr(index, "_FAST_MAX", len(module.county_data().fast_paired))
    assert lookup_county("\t融水\t") is county
    assert "\t融水\t" not in module.county_data().fast_paired


def test_county_types_register_with_hypothesis_lazily() -> None:
    from poverty_procurement.strategies.counties import register_county_strategies

    register_county_strategies()
    register_county_strategies()

    @given(st.from_type(County), st.from_type(pp.counties.PovertyCounty))
    def check(county: County, poor: pp.counties.PovertyCounty) -> None:
        assert lookup_county(county.code) is county
        assert lookup_poverty_county(poor.code) is poor

    check()


# --- the public functions: province, year and errors -------------------------------------------


@pytest.mark.mutation
def test_a_province_that_excludes_the_county() -> None:
    assert is_key_county("融水", "广西") is True and is_key_county("融水", "贵州") is False
    assert is_poverty_county("宣化县", "河北") is True and is_poverty_county("宣化县", "贵州") is False
    assert priority_tier("融水县", "广西") is PriorityTier.KEY_PAIRED
    assert priority_tier("融水县", "贵州") is PriorityTier.OTHER
    with pytest.raises(CountyNotFound) as caught:
        lookup_poverty_county("宣化县", "贵州")
    assert caught.value.field == "county" and caught.value.zh.startswith("'宣化县' 是 宣化区（河北省张家口市，130705）")
    assert lookup_poverty_county("宣化县", "河北").code == "130705"


@pytest.mark.mutation
def test_a_county_object_with_a_province_or_year() -> None:
    county = lookup_county("融水")
    assert priority_tier(county) is PriorityTier.KEY_PAIRED
    assert priority_tier(county, "贵州") is PriorityTier.OTHER
    with pytest.raises(PolicyNotFound):
        priority_tier(county, year=2022)
    elsewhere = attrs.evolve(county, code="130125", name="行唐县", prefecture="石家庄市", prefecture_code="130100",
                             province=resolve_province("河北"))
    assert priority_tier(elsewhere) is PriorityTier.OTHER  # not in the latest table


@pytest.mark.mutation
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


@pytest.mark.mutation
def test_suggestions_are_national_unless_paired_is_asked() -> None:
    assert suggest_counties("行唐") == ("行唐县",)
    assert suggest_counties("行唐", paired=True) == ()
    assert suggest_counties("融水苗县", paired=True, year=2023) == ("融水苗族自治县",)
    with pytest.raises(UnsupportedType) as caught:
        suggest_counties(450225)  # type: ignore[arg-type]
    assert caught.value.field == "name"
    assert "收到 int" in caught.value.zh and caught.value.en == "a county name is a str, got int"


@pytest.mark.mutation
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


@pytest.mark.mutation
def test_poverty_lookups_with_a_province_in_a_batch() -> None:
    found = lookup_poverty_counties(["宣化县", "融水", 130705], "河北")
    assert [getattr(c, "code", type(c).__name__) for c in found] == ["130705", "CountyNotFound", "130705"]
    assert [c.code for c in lookup_poverty_counties(["融水"]) if isinstance(c, PovertyCounty)] == ["450225"]
    many = lookup_poverty_counties(["宣化县", 130705, " 宣化县 ", "融水"] * 150, "河北")  # a batch of 600
    assert [getattr(c, "code", "-") for c in many[:4]] == ["130705", "130705", "130705", "-"]
    assert len(many) == 600 and many[4:8] == many[:4]


@pytest.mark.mutation
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


@pytest.mark.mutation
def test_poverty_lookups_learn_the_variants_they_resolve() -> None:
    county = lookup_poverty_county("开县")
    assert lookup_poverty_county(" 开县\u3000") is county
    assert module.county_data().fast_national[" 开县\u3000"] is county  # the next time it is one dict hit
    assert lookup_poverty_county(500154) is county


@pytest.mark.mutation
def test_batches_learn_the_variants_they_resolve() -> None:
    county = lookup_county("三江")
    variant = "\u3000三江 "
    found = lookup_counties([variant, *(["融水"] * 600)])
    assert found[0] is county
    assert module.county_data().fast_paired[variant] is county


# --- what a lookup that fails says -------------------------------------------------------------


_OUT_OF_RANGE = ("代码须为6位数字（如 450225），所给整数超出范围",
                 "a code has six digits (e.g. 450225); the int given is out of range")


_HINT_ZH = "（该名称也是省份、地级区划或另一个县的名称，请写县的全称或代码）"
_HINT_EN = " (it is also the name of a province, a prefecture or another county; write the full name or code)"


@pytest.mark.mutation
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


@pytest.mark.mutation
def test_suggestions_nationally() -> None:
    assert suggest_counties("江县") == ("龙江县", "麻江县", "雅江县", "通江县", "芷江侗族自治县")
    assert suggest_counties("融水苗族自治县x") == (
        "融水苗族自治县", "麻阳苗族自治县", "松桃苗族自治县", "彭水苗族土家族自治县", "屏边苗族自治县")
    assert suggest_counties("450225") == ()


@pytest.mark.mutation
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


@pytest.mark.mutation
@pytest.mark.parametrize(("prefecture", "found"), [
    (" " * 62 + "柳州", True), (" " * 62 + "柳州市区", True), (" " * 63 + "柳州", False),
])
def test_only_64_characters_of_a_prefecture_are_looked_at(prefecture: str, found: bool) -> None:
    if found:
        assert lookup_county("融水", prefecture=prefecture).code == "450225"
    else:
        with pytest.raises(CountyNotFound):
            lookup_county("融水", prefecture=prefecture)
