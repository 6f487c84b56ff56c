"""Living policy data (issue 13): the sourced figures of 2021–2025, the user's own policy table for a
newer notice, the strictest of several jurisdictions, and the properties of loading and merging."""

from __future__ import annotations

import copy
import datetime
import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import Ratio
from poverty_procurement.errors import (
    InputError,
    InputFileError,
    PolicyDataError,
    PolicyNotFound,
    PovertyProcurementError,
    UnknownProvince,
    UnsupportedType,
)
from poverty_procurement.policy import (
    SHIPPED,
    FilingDeadline,
    PolicyParameter,
    PolicyTable,
    RatioBase,
    explain_share,
    filing_deadline,
    load_policy_table,
    minimum_ratio,
    parse_policy_text,
    policy_overview,
    policy_table,
    provinces,
    read_policy_file,
    resolve_minimum_ratio,
)
from poverty_procurement.rules.policy.loading import CONFIDENCE_LEVELS
from poverty_procurement.rules.policy.overview import render_policy_overview

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "policy-2026.json"
SHIPPED_YEARS = [2021, 2022, 2023, 2024, 2025]
PLACES = [None, *(p.code for p in provinces())]


def _shipped_raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(files("poverty_procurement.data").joinpath("policy_parameters.json")
                                      .read_text("utf-8"))
    return data


def _ratio(jurisdiction: str, year: int, floor: str, **extra: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"jurisdiction": jurisdiction, "year": year, "floor": floor,
                             "citation": {"document": f"文件{jurisdiction}{year}"}}
    entry.update(extra)
    return entry


def _user(*ratios: dict[str, Any], **sections: Any) -> PolicyTable:
    return policy_table().merged(load_policy_table({"minimum_ratios": list(ratios), **sections}, origin="user.json"))


# --- the sourced figures (the "Additions" of the reference, grades A and B) ---------------------------------------


def test_the_done_when_figures() -> None:
    yunnan = resolve_minimum_ratio(2025, "云南")
    assert (str(yunnan.ratio), str(yunnan.encouraged), yunnan.citation.document) == ("10.00%", "15.00%",
                                                                                    "云财采〔2024〕17号")
    guangxi = resolve_minimum_ratio(2024, "广西")
    assert (str(guangxi.ratio), str(guangxi.encouraged)) == ("15.00%", "20.00%")
    assert not guangxi.fell_back_to_national
    tianjin = resolve_minimum_ratio(2025, "天津")
    assert tianjin.citation.document == "津财采〔2025〕1号"
    assert tianjin.base is RatioBase.AGRICULTURAL_PRODUCTS_TOTAL
    assert tianjin.parameter.jurisdiction == "120000" and not tianjin.fell_back_to_national
    assert "年度农副产品采购总额" in tianjin.note
    assert filing_deadline(2025).date == datetime.date(2025, 3, 31)


@pytest.mark.parametrize(
    ("jurisdiction", "year", "floor", "encouraged", "base", "document", "confidence"),
    [
        ("CN", 2024, "10.00%", "15.00%", "canteen-food-total", "财办库〔2023〕252号", "good"),
        ("CN", 2025, "10.00%", "15.00%", "canteen-food-total", "财办库〔2024〕267号", "good"),
        ("450000", 2024, "15.00%", "20.00%", "canteen-food-total", "桂财采〔2024〕5号", "authoritative"),
        ("120000", 2024, "10.00%", "15.00%", "agricultural-products-total", "津财采〔2024〕5号", "good"),
        ("120000", 2025, "10.00%", "15.00%", "agricultural-products-total", "津财采〔2025〕1号", "authoritative"),
        ("150000", 2025, "10.00%", "15.00%", "canteen-food-total", "内财购函〔2025〕98号", "authoritative"),
        ("530000", 2025, "10.00%", "15.00%", "canteen-food-total", "云财采〔2024〕17号", "authoritative"),
        ("110000", 2023, "30.00%", None, "canteen-food-total", "北京市财政局2023年通知（文号未见）", "good"),
        ("360000", 2023, "30.00%", None, "canteen-food-total", "江西省财政厅2023年通知（文号未见）", "good"),
        ("130000", 2021, "10.00%", None, "canteen-food-total", "河北省财政厅2021年措施（文号未见）", "good"),
        ("510000", 2021, "10.00%", None, "canteen-food-total", "川财采〔2021〕68号", "authoritative"),
        ("510000", 2022, "10.00%", None, "canteen-food-total", "川财采〔2021〕68号", "authoritative"),
    ],
)
def test_every_sourced_figure_ships(  # noqa: PLR0917 - one parameter per column of the reference
        jurisdiction: str, year: int, floor: str, encouraged: str | None, base: str, document: str,
        confidence: str) -> None:
    found = policy_table().ratios[jurisdiction, year, RatioBase(base)]
    assert (str(found.floor), None if found.encouraged is None else str(found.encouraged)) == (floor, encouraged)
    assert (found.citation.document, found.citation.confidence) == (document, confidence)
    assert found.citation.quote and found.citation.source.count("http") >= 1


@pytest.mark.parametrize(
    ("jurisdiction", "year", "date", "document"),
    [("CN", 2023, "2023-03-24", "财办库〔2023〕45号"), ("CN", 2025, "2025-03-31", "财办库〔2024〕267号"),
     ("440000", 2023, "2023-03-24", "粤财采购〔2023〕2号"), ("450000", 2024, "2024-02-06", "桂财采〔2024〕5号"),
     ("120000", 2025, "2025-03-31", "津财采〔2025〕1号"), ("150000", 2025, "2025-03-31", "内财购函〔2025〕98号"),
     ("530000", 2025, "2025-03-31", "云财采〔2024〕17号"),
     ("130000", 2021, "2021-06-01", "河北省财政厅2021年措施（文号未见）")],
)
def test_every_sourced_deadline_ships(jurisdiction: str, year: int, date: str, document: str) -> None:
    found = policy_table().deadlines[jurisdiction, year]
    assert (found.date.isoformat(), found.citation.document) == (date, document)


def test_every_shipped_figure_has_a_citation() -> None:
    table = policy_table()
    items: list[PolicyParameter | FilingDeadline] = [*table.ratios.values(), *table.deadlines.values()]
    assert len(table.ratios) == 17 and len(table.deadlines) == 8
    for item in items:
        citation = item.citation
        assert citation.document.strip(), item
        assert citation.confidence in CONFIDENCE_LEVELS, item
        assert citation.quote or citation.source, item  # the words relied on, or where it was read
        assert item.origin == SHIPPED
        if citation.confidence == "good":  # a report of the notice: say where it was read
            assert citation.source, item


def test_nothing_is_shipped_for_2026_and_the_error_says_how_to_supply_it() -> None:
    assert {y for _, y, _ in policy_table().ratios} == set(SHIPPED_YEARS)
    with pytest.raises(PolicyNotFound) as raised:
        minimum_ratio(2026, "浙江")
    assert "--policy" in raised.value.zh and '"year": 2026' in raised.value.zh
    example = raised.value.zh.split("最简的文件：")[1]
    table = load_policy_table(json.loads(example.replace("通知文号", "财办库〔2025〕X号")), origin="hint")
    assert minimum_ratio(2026, "浙江", policy=policy_table().merged(table)) == Ratio.of(10)


@given(st.sampled_from(SHIPPED_YEARS), st.sampled_from(PLACES))
def test_no_shipped_answer_is_below_the_national_floor(year: int, province: str | None) -> None:
    answer = resolve_minimum_ratio(year, province)
    assert answer.ratio >= answer.national.floor
    assert answer.parameter in answer.candidates and answer.candidates[0] is answer.national


# --- the user's own table ---------------------------------------------------------------------------------------


def test_a_user_table_for_2026_extends_the_shipped_one_and_says_its_source() -> None:
    table = _user(_ratio("CN", 2026, "10", encouraged="15"), _ratio("浙江", 2026, "12"))
    zhejiang = resolve_minimum_ratio(2026, "浙江", policy=table)
    assert zhejiang.ratio == Ratio.of(12) and zhejiang.origin == "user.json"
    assert zhejiang.note == "浙江省2026年最低预留比例12.00%（文件浙江2026），取自 user.json"
    assert resolve_minimum_ratio(2026, "湖南", policy=table).fell_back_to_national
    assert minimum_ratio(2023, "广东", policy=table) == Ratio.of(30)  # the shipped figures stay
    assert resolve_minimum_ratio(2023, "广东", policy=table).origin == SHIPPED
    with pytest.raises(PolicyNotFound):
        minimum_ratio(2026)  # the shipped table is unchanged: no hidden state


def test_a_user_entry_overrides_the_shipped_one_whatever_its_base() -> None:
    table = _user(_ratio("天津", 2025, "12"))
    tianjin = resolve_minimum_ratio(2025, "天津", policy=table)
    assert (tianjin.ratio, tianjin.base, tianjin.origin) == (Ratio.of(12), RatioBase.CANTEEN_FOOD_TOTAL, "user.json")
    assert ("120000", 2025, RatioBase.AGRICULTURAL_PRODUCTS_TOTAL) not in table.ratios
    assert len(table.ratios) == len(policy_table().ratios)


def test_a_city_below_its_province_is_kept_and_the_strictest_applies() -> None:
    shenzhen = _ratio("440300", 2023, "20", name="深圳市")
    table = _user(shenzhen, unit_localities={"44030001": "440300"})
    answer = resolve_minimum_ratio(2023, "广东", locality="440300", policy=table)
    assert answer.ratio == Ratio.of(30) and answer.parameter.jurisdiction == "440000"
    assert [c.jurisdiction for c in answer.candidates] == ["CN", "440000", "440300"]
    assert answer.note == ("广东省2023年最低预留比例30.00%（粤财采购〔2023〕2号 二（二））；各级比例：全国 10.00%"
                           "（财办库〔2023〕45号 第一条）、广东省 30.00%（粤财采购〔2023〕2号 二（二））、"
                           "深圳市（440300） 20.00%（文件4403002023），取最严者")
    nanning = _user(_ratio("CN", 2026, "10"), _ratio("450100", 2026, "20", name="南宁市"))
    answer = resolve_minimum_ratio(2026, None, locality="450100", policy=nanning)
    assert answer.ratio == Ratio.of(20) and answer.province is not None and answer.province.code == "450000"
    assert answer.parameter.label == "南宁市（450100）"
    county = resolve_minimum_ratio(2026, "广西", locality="450103", policy=nanning)  # a district of 南宁
    assert county.ratio == Ratio.of(20)
    assert resolve_minimum_ratio(2026, "广西", locality="450200", policy=nanning).fell_back_to_national


def test_a_tie_goes_to_the_more_local_figure() -> None:
    table = _user(_ratio("CN", 2026, "10"), _ratio("广东", 2026, "10", citation={"document": "粤财采购〔2026〕X号"}))
    answer = resolve_minimum_ratio(2026, "广东", policy=table)
    assert answer.citation.document == "粤财采购〔2026〕X号" and not answer.fell_back_to_national


def test_a_place_must_lie_in_the_province() -> None:
    with pytest.raises(InputError) as raised:
        resolve_minimum_ratio(2023, "广东", locality="450100")
    assert raised.value.field == "locality" and "450100" in raised.value.zh
    for bad in ("440000", "4403", "44030x", "９９０１００"):
        with pytest.raises((InputError, UnknownProvince)):
            resolve_minimum_ratio(2023, "广东", locality=bad)
    with pytest.raises(UnsupportedType):
        resolve_minimum_ratio(2023, "广东", locality=440300)  # type: ignore[arg-type]
    with pytest.raises(UnsupportedType):
        resolve_minimum_ratio(2023, policy={})  # type: ignore[arg-type]
    with pytest.raises(InputError):
        explain_share(100, 10, locality="440300")  # a place without a year


def test_explain_share_lists_every_level_when_the_unit_sits_in_a_city() -> None:
    table = _user(_ratio("440300", 2023, "20", name="深圳市"))
    explained = explain_share(3000000, 25, "广东", 2023, locality="440300", policy=table)
    step = next(s for s in explained.steps if s.rule == "minimum-ratio")
    assert dict(step.inputs)["地区"] == "440300"
    assert "深圳市（440300） 20.00%" in dict(step.inputs)["各级比例"] and step.result == "30.00%"
    assert explained.steps[-1].result == "低于最低比例"


def test_a_user_figure_below_the_national_floor_is_named_with_both_sources() -> None:
    with pytest.raises(PolicyDataError) as raised:
        _user(_ratio("浙江", 2025, "5"))
    assert raised.value.field == "minimum_ratios[0].floor"
    assert raised.value.zh.startswith("user.json（浙江省 2025年）：省级比例 5.00% 低于全国最低比例 10.00%（随包数据")
    with pytest.raises(PolicyDataError) as raised:
        _user(_ratio("CN", 2026, "10"), _ratio("440300", 2026, "5"))
    assert "地方比例 5.00%" in raised.value.zh
    with pytest.raises(PolicyDataError) as raised:  # one reserved-share base per jurisdiction and year
        load_policy_table({"minimum_ratios": [_ratio("天津", 2026, "10"),
                                              _ratio("天津", 2026, "10", base="agricultural-products-total")]})
    assert raised.value.field.endswith(".base")
    with pytest.raises(UnsupportedType):
        policy_table().merged({})  # type: ignore[arg-type]


def test_the_example_file_of_the_documentation_loads() -> None:
    table = read_policy_file(EXAMPLE)
    assert minimum_ratio(2026, "浙江", policy=table) == Ratio.of(10)
    assert table.locality_of("45010001") == "450100"
    assert filing_deadline(2026, "广西", locality="450100", policy=table).date == datetime.date(2026, 3, 15)
    assert filing_deadline(2026, "广西", policy=table).date == datetime.date(2026, 3, 31)
    text = render_policy_overview(policy_overview(table, year=2026), table)
    assert "南宁市（450100） 2026年" in text and "取自" in text and "暂未检查" in text
    assert text.endswith("全国最低比例数据的最后一个年度：2026年。更新的通知发布后，用 --policy 文件 提供（格式与随包 "
                         "policy_parameters.json 相同）。\n")


def test_the_overview_filters_by_year_and_province() -> None:
    table = policy_table()
    everything = policy_overview(table)
    assert [(k.jurisdiction, k.year) for k in everything[:5]] == [("CN", y) for y in SHIPPED_YEARS]
    assert {k.year for k in policy_overview(table, year=2025)} == {2025}
    assert {k.jurisdiction for k in policy_overview(table, province="天津")} == {"CN", "120000"}
    assert render_policy_overview((), load_policy_table({})).startswith("共 0 项（地区 × 年度）；没有全国最低比例数据")


# --- files ------------------------------------------------------------------------------------------------------


def test_reading_files_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError) as raised:
        read_policy_file(tmp_path / "missing.json")
    assert "missing.json" in raised.value.field
    with pytest.raises(InputFileError):
        read_policy_file(tmp_path / "policy.yaml")
    (tmp_path / "latin1.json").write_bytes("{\"description\": \"é\"}".encode("latin-1"))
    with pytest.raises(InputFileError, match="UTF-8"):
        read_policy_file(tmp_path / "latin1.json")
    (tmp_path / "syntax.json").write_text('{"minimum_ratios": [}', "utf-8")
    with pytest.raises(PolicyDataError) as bad:
        read_policy_file(tmp_path / "syntax.json")
    assert "第 1 行第 21 列" in bad.value.zh and str(tmp_path / "syntax.json") in bad.value.zh
    (tmp_path / "bom.json").write_text("\ufeff" + json.dumps({"minimum_ratios": [_ratio("CN", 2026, "10")]}), "utf-8")
    assert minimum_ratio(2026, policy=read_policy_file(tmp_path / "bom.json")) == Ratio.of(10)


def test_toml_has_the_same_fields() -> None:
    pytest.importorskip("tomllib")
    text = '[[minimum_ratios]]\njurisdiction = "CN"\nyear = 2026\nfloor = "10"\n' \
           '[minimum_ratios.citation]\ndocument = "财办库〔2025〕X号"\n' \
           '[[filing_deadlines]]\njurisdiction = "CN"\nyear = 2026\ndate = 2026-03-31\n' \
           '[filing_deadlines.citation]\ndocument = "财办库〔2025〕X号"\n'
    table = parse_policy_text(text, origin="p.toml", syntax="toml")
    assert table.deadlines["CN", 2026].date == datetime.date(2026, 3, 31)
    with pytest.raises(PolicyDataError, match="TOML"):
        parse_policy_text("[[x", origin="p.toml", syntax="toml")


@pytest.mark.parametrize(
    ("text", "field", "needle"),
    [
        ('{"minimum_ratios": [{"floor": 10.5}]}', "p.json", "带小数"),
        ("[]", "p.json", "顶层须为对象"),
        ("[" * 100_000, "p.json", "无法读取"),
    ],
)
def test_malformed_text_is_a_data_error(text: str, field: str, needle: str) -> None:
    with pytest.raises(PolicyDataError) as raised:
        parse_policy_text(text, origin="p.json")
    assert raised.value.field == field and needle in raised.value.zh
    with pytest.raises(PolicyDataError):
        parse_policy_text(text, origin="p.json", syntax="yaml")
    with pytest.raises(PolicyDataError):
        parse_policy_text(b"{}", origin="p.json")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("section", "entry", "field", "needle"),
    [
        ("minimum_ratios", _ratio("CN", 2026, "10", encouraged="5"), "encouraged",
         "鼓励比例 5.00% 低于最低比例 10.00%"),
        ("minimum_ratios", _ratio("CN", 2026, "10", name="x" * 41), "name", "最多 40 字"),
        ("minimum_ratios", _ratio("CN", 2026, "10", citation={"document": "x", "confidence": "maybe"}),
         "citation.confidence", "可信度须为 authoritative 或 good"),
        ("minimum_ratios", _ratio("CN", 2026, "10", citation={"document": "x", "page": 3}), "citation.page",
         "未知字段"),
        ("minimum_ratios", _ratio("CN", True, "10"), "year", "整数"),
        ("minimum_ratios", _ratio("440300", 2026, True), "floor", "比例须写成"),  # type: ignore[arg-type]
        ("minimum_ratios", _ratio("CN", 2026, "10", citation={"document": "a\x00b"}), "citation.document", "控制字符"),
        ("filing_deadlines", {"jurisdiction": "CN", "year": 2026, "date": datetime.datetime(2026, 3, 31),
                              "citation": {"document": "x"}}, "date", "须为日期"),
        ("local_rules", {"jurisdiction": "CN", "year": 2026, "citation": {"document": "x"}}, "", "没有任何规则"),
        ("local_rules", {"jurisdiction": "CN", "year": 2026, "not_below_last_year": 1, "citation": {"document": "x"}},
         "not_below_last_year", "true 或 false"),
        ("local_rules", {"jurisdiction": "CN", "year": 2026, "union_minimum_per_head": 3.5,
                         "citation": {"document": "x"}}, "union_minimum_per_head", "金额须写成"),
        ("local_rules", {"jurisdiction": "CN", "year": 2026, "union_minimum_per_head": "-1",
                         "citation": {"document": "x"}}, "union_minimum_per_head", "金额"),
        ("local_rules", {"jurisdiction": "CN", "year": 2026, "shared_canteen_remark": "共用食堂",
                         "citation": {"document": "x"}}, "shared_canteen_remark", "{host}"),
        ("local_rules", {"jurisdiction": "CN", "year": 2026, "shared_canteen_remark": "共用{host}{x}食堂",
                         "citation": {"document": "x"}}, "shared_canteen_remark", "{host}"),
        ("minimum_ratios", "not an object", "", "须为对象"),
    ],
)
def test_every_field_is_checked_and_named(section: str, entry: Any, field: str, needle: str) -> None:
    with pytest.raises(PolicyDataError) as raised:
        load_policy_table({section: [entry]}, origin="p.json")
    assert raised.value.field == (f"{section}[0].{field}" if field else f"{section}[0]")
    assert needle in raised.value.zh and raised.value.zh.startswith("p.json")


def test_duplicate_local_rules_and_bad_unit_localities_are_named() -> None:
    rule = {"jurisdiction": "安徽", "year": 2025, "not_below_last_year": True, "citation": {"document": "x"}}
    with pytest.raises(PolicyDataError) as raised:
        load_policy_table({"local_rules": [rule, rule]})
    assert raised.value.field == "local_rules[1]" and "重复的地方规则" in raised.value.zh
    for bad, field in (([], "unit_localities"), ({"a b": "440300"}, "unit_localities[a b]"),
                       ({"U1": "440000"}, "unit_localities[U1]"), ({"U1": 440300}, "unit_localities[U1]")):
        with pytest.raises(PolicyDataError) as raised:
            load_policy_table({"unit_localities": bad})
        assert raised.value.field == field
    with pytest.raises(PolicyDataError):
        load_policy_table({"description": 3})
    with pytest.raises(PolicyDataError):
        load_policy_table({"minimum_ratios": [{}] * 10_001})
    with pytest.raises(PolicyDataError):
        load_policy_table("x")  # type: ignore[arg-type]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


def _mutated(raw: dict[str, Any], section: str, number: int, field: str, value: object) -> dict[str, Any]:
    changed = copy.deepcopy(raw)
    entries = changed[section]
    entry = entries[number % len(entries)]
    keys = [*sorted(entry), "citation.document", "new"]
    key = keys[hash(field) % len(keys)]
    if key == "citation.document":
        entry["citation"]["document"] = value
    else:
        entry[key] = value
    return changed


@given(st.sampled_from(["minimum_ratios", "filing_deadlines"]), st.integers(0, 30), st.text(max_size=3), _JSON)
def test_any_typo_in_a_file_is_a_named_data_error_never_a_crash(section: str, number: int, field: str,
                                                               value: object) -> None:
    raw = _mutated(_shipped_raw(), section, number, field, value)
    try:
        load_policy_table(raw, origin="p.json")
    except PolicyDataError as error:
        assert error.field.startswith(section) and error.zh.startswith("p.json")


@given(_JSON)
def test_arbitrary_data_is_a_data_error_or_a_table(value: object) -> None:
    for raw in (value, {"minimum_ratios": value}, {"minimum_ratios": [value]}, {"local_rules": [value]},
                {"filing_deadlines": [value]}, {"unit_localities": value}):
        try:
            load_policy_table(raw)  # type: ignore[arg-type]
        except PovertyProcurementError as error:
            assert isinstance(error, PolicyDataError)


# --- properties --------------------------------------------------------------------------------------------------


def _answers(table: PolicyTable) -> list[object]:
    found: list[object] = []
    for year in SHIPPED_YEARS:
        for place in PLACES:
            found.append(resolve_minimum_ratio(year, place, policy=table))
            try:
                found.append(filing_deadline(year, place, policy=table))
            except PolicyNotFound:
                found.append(None)
    return found


SHIPPED_ANSWERS = _answers(policy_table())


@given(st.data())
def test_a_user_table_that_repeats_shipped_data_changes_no_answer(data: st.DataObject) -> None:
    raw = _shipped_raw()
    repeated = {section: data.draw(st.lists(st.sampled_from(raw[section]), unique_by=json.dumps))
                for section in ("minimum_ratios", "filing_deadlines")}
    table = policy_table().merged(load_policy_table(repeated, origin="repeat.json"))
    assert table == policy_table()
    assert _answers(table) == SHIPPED_ANSWERS


@given(st.sampled_from(SHIPPED_YEARS), st.sampled_from([p.code for p in provinces()]),
       st.sampled_from([None, "01", "02", "03"]), st.integers(1, 9000))
def test_a_stricter_local_figure_always_wins(year: int, province: str, place: str | None, above: int) -> None:
    locality = None if place is None else province[:2] + place + "00"
    before = resolve_minimum_ratio(year, province, locality=locality)
    stricter = min(before.ratio.basis_points + above, 10_000)
    if stricter <= before.ratio.basis_points:
        return
    where = province if locality is None else locality
    floor = f"{stricter // 100}.{stricter % 100:02d}"
    table = _user(_ratio(where, year, floor, citation={"document": "更严的地方通知"}))
    after = resolve_minimum_ratio(year, province, locality=locality, policy=table)
    assert after.ratio.basis_points == stricter
    assert after.citation.document == "更严的地方通知" and after.origin == "user.json"
    assert after.parameter in after.candidates and not after.fell_back_to_national


@given(st.permutations(_shipped_raw()["minimum_ratios"]), st.permutations(_shipped_raw()["filing_deadlines"]))
def test_loading_is_order_independent(ratios: list[dict[str, Any]], deadlines: list[dict[str, Any]]) -> None:
    shuffled = load_policy_table({"minimum_ratios": ratios, "filing_deadlines": deadlines}, origin=SHIPPED)
    assert shuffled == policy_table()
    assert _answers(shuffled) == SHIPPED_ANSWERS
    example = json.loads(EXAMPLE.read_text("utf-8"))
    forward = load_policy_table(example, origin="e")
    example["minimum_ratios"].reverse()
    example["local_rules"].reverse()
    assert load_policy_table(example, origin="e") == forward


def test_the_answer_when_no_level_below_the_country_has_a_figure() -> None:
    answer = resolve_minimum_ratio(2023, "湖南", locality="430100")
    assert answer.fell_back_to_national and answer.locality == "430100"
    assert answer.note == ("湖南省及430100没有本地2023年的比例数据，适用全国最低比例10.00%"
                           "（财办库〔2023〕45号 第一条）；各级比例：全国 10.00%（财办库〔2023〕45号 第一条），"
                           "取最严者")
    for base in ("nonsense", [1], 3):
        with pytest.raises(InputError) as raised:
            minimum_ratio(2023, base=base)  # type: ignore[arg-type]
        assert raised.value.field == "base" and "canteen-food-total" in raised.value.zh
    assert minimum_ratio(2023, base="canteen-food-total") == Ratio.of(10)  # type: ignore[arg-type]


def test_a_deadline_names_its_place() -> None:
    table = read_policy_file(EXAMPLE)
    assert filing_deadline(2026, "广西", locality="450100", policy=table).label == "南宁市（450100）"
    assert filing_deadline(2025).label == "全国"


def test_a_policy_file_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from poverty_procurement.reporting import policy_files

    monkeypatch.setattr(policy_files, "MAX_POLICY_FILE_BYTES", 10)
    (tmp_path / "big.json").write_text('{"description": "' + "x" * 20 + '"}', "utf-8")
    with pytest.raises(InputFileError, match="文件超过 10 字节"):
        read_policy_file(tmp_path / "big.json")


def test_an_invalid_path_is_a_file_error() -> None:
    for path in ("a\x00b.json", "a\ud800.json"):
        with pytest.raises(InputFileError, match="文件路径无效"):
            read_policy_file(path)
    with pytest.raises(InputFileError):
        read_policy_file("")
