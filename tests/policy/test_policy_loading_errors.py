"""Every kind of bad data in a policy file pinned: the error's class, its ``field`` and its full Chinese and
English messages, and the boundaries on both sides (mutation testing, docs/dev/mutation.md)."""

from __future__ import annotations

from typing import Any

import pytest

from poverty_procurement.errors import PolicyDataError, PovertyProcurementError
from poverty_procurement.rules.policy.loading import (
    MAX_POLICY_ENTRIES,
    load_policy_table,
    parse_data_text,
    parse_policy_text,
)
from poverty_procurement.rules.policy.table import RatioBase, place_code

pytestmark = pytest.mark.mutation

_CITATION = {"document": "某通知"}


def _ratio(**fields: Any) -> dict[str, Any]:
    return {"jurisdiction": "CN", "year": 2026, "floor": "10", "citation": _CITATION, **fields}


def _rule(**fields: Any) -> dict[str, Any]:
    return {"jurisdiction": "广东", "year": 2026, "citation": _CITATION, "not_below_last_year": True, **fields}


def _deadline(**fields: Any) -> dict[str, Any]:
    return {"jurisdiction": "CN", "year": 2026, "date": "2026-03-31", "citation": _CITATION, **fields}


def _refused(raw: object, field: str, zh: str, en: str) -> None:
    with pytest.raises(PolicyDataError) as caught:
        load_policy_table(raw, origin="t.json")  # type: ignore[arg-type]
    assert type(caught.value) is PolicyDataError
    assert (caught.value.field, caught.value.zh, caught.value.en) == (field, zh, en)


@pytest.mark.parametrize(("raw", "field", "zh", "en"), [
    pytest.param(
        {"minimum_ratios": [5]},
        'minimum_ratios[0]',
        't.json：须为对象（{…}），收到 int',
        't.json: must be an object ({…}), got int',
        id='entry-not-object'),
    pytest.param(
        {"minimum_ratios": [_ratio(**{"x" * 45: 1})]},
        'minimum_ratios[0].xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        "t.json：未知字段 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…（可用：base、citation、encouraged、floor、ju"
        'risdiction、name、year）',
        "t.json: unknown field 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (known: base, citation, encouraged, flo"
        'or, jurisdiction, name, year)',
        id='unknown-field-cut-at-40'),
    pytest.param(
        {"minimum_ratios": [_ratio(name="名" * 41)]},
        'minimum_ratios[0].name',
        "t.json：须为文本，最多 40 字，收到 '名名名名名名名名名名名名名名名名名名名名名名名名名名名名名名名名名"
        '名名名名名…',
        "t.json: must be text of at most 40 characters, got '名名名名名名名名名名名名名名名名名名名名名名名名名"
        '名名名名名名名名名名名名名…',
        id='name-41-characters'),
    pytest.param(
        {"minimum_ratios": [_ratio(name=5)]},
        'minimum_ratios[0].name',
        't.json：须为文本，最多 40 字，收到 5',
        't.json: must be text of at most 40 characters, got 5',
        id='name-not-text'),
    pytest.param(
        {"minimum_ratios": [_ratio(citation={"document": " "})]},
        'minimum_ratios[0].citation.document',
        "t.json（全国 2026年）：须为非空文本，最多 2000 字，收到 ' '",
        "t.json: must be non-empty text of at most 2000 characters, got ' '",
        id='document-blank'),
    pytest.param(
        {"minimum_ratios": [_ratio(name="a\x07b")]},
        'minimum_ratios[0].name',
        't.json：含有控制字符',
        't.json: contains control characters',
        id='name-control-character'),
    pytest.param(
        {"minimum_ratios": [_ratio(year=1999)]},
        'minimum_ratios[0].year',
        't.json：须为 2000–2100 之间的整数（适用年度），收到 1999',
        't.json: must be an integer 2000-2100 (the year it applies to), got 1999',
        id='year-1999'),
    pytest.param(
        {"minimum_ratios": [_ratio(year=2101)]},
        'minimum_ratios[0].year',
        't.json：须为 2000–2100 之间的整数（适用年度），收到 2101',
        't.json: must be an integer 2000-2100 (the year it applies to), got 2101',
        id='year-2101'),
    pytest.param(
        {"minimum_ratios": [_ratio(year=True)]},
        'minimum_ratios[0].year',
        't.json：须为 2000–2100 之间的整数（适用年度），收到 True',
        't.json: must be an integer 2000-2100 (the year it applies to), got True',
        id='year-bool'),
    pytest.param(
        {"minimum_ratios": [_ratio(jurisdiction=[1])]},
        'minimum_ratios[0].jurisdiction',
        't.json：须为 CN（全国）、省份（名称或代码）或地方的六位行政区划代码，收到 [1]',
        't.json: must be CN (national), a province (name or code) or the six-digit code of a city or county, go'
        't [1]',
        id='jurisdiction-list'),
    pytest.param(
        {"minimum_ratios": [{"year": 2026, "floor": "10", "citation": _CITATION}]},
        'minimum_ratios[0].jurisdiction',
        't.json：须为 CN（全国）、省份（名称或代码）或地方的六位行政区划代码，收到 None',
        't.json: must be CN (national), a province (name or code) or the six-digit code of a city or county, go'
        't None',
        id='jurisdiction-missing'),
    pytest.param(
        {"minimum_ratios": [_ratio(jurisdiction=True)]},
        'minimum_ratios[0].jurisdiction',
        't.json：须为 CN（全国）、省份（名称或代码）或地方的六位行政区划代码，收到 True',
        't.json: must be CN (national), a province (name or code) or the six-digit code of a city or county, go'
        't True',
        id='jurisdiction-bool'),
    pytest.param(
        {"minimum_ratios": [_ratio(jurisdiction=44.0)]},
        'minimum_ratios[0].jurisdiction',
        't.json：须为 CN（全国）、省份（名称或代码）或地方的六位行政区划代码，收到 44.0',
        't.json: must be CN (national), a province (name or code) or the six-digit code of a city or county, go'
        't 44.0',
        id='jurisdiction-float'),
    pytest.param(
        {"minimum_ratios": [_ratio(jurisdiction="999999")]},
        'minimum_ratios[0].jurisdiction',
        "t.json：须为 CN（全国）、省份（名称或代码）或地方的六位行政区划代码，收到 '999999'",
        't.json: must be CN (national), a province (name or code) or the six-digit code of a city or county, go'
        "t '999999'",
        id='jurisdiction-unknown-place'),
    pytest.param(
        {"minimum_ratios": [_ratio(jurisdiction="火星")]},
        'minimum_ratios[0].jurisdiction',
        "t.json：须为 CN（全国）、省份（名称或代码）或地方的六位行政区划代码，收到 '火星'",
        't.json: must be CN (national), a province (name or code) or the six-digit code of a city or county, go'
        "t '火星'",
        id='jurisdiction-unknown-province'),
    pytest.param(
        {"minimum_ratios": [_ratio(floor=1.5)]},
        'minimum_ratios[0].floor',
        't.json（全国 2026年）：比例须写成百分点的文本或整数，如 "10"、"12.5"，收到 1.5',
        't.json: a ratio is percent points as text or an integer, e.g. "10", "12.5"; got 1.5',
        id='floor-float'),
    pytest.param(
        {"minimum_ratios": [_ratio(floor="x")]},
        'minimum_ratios[0].floor',
        "t.json（全国 2026年）：只能输入数字与小数点，最多两位小数（收到 'x'）",
        "t.json: only digits and a point with at most two decimals (got 'x')",
        id='floor-not-a-number'),
    pytest.param(
        {"minimum_ratios": [_ratio(citation=None)]},
        'minimum_ratios[0].citation',
        't.json（全国 2026年）：缺少出处（citation，至少写明 document）',
        't.json: the citation is missing (at least its document)',
        id='citation-missing'),
    pytest.param(
        {"minimum_ratios": [_ratio(citation={"document": "某通知", "confidence": "maybe"})]},
        'minimum_ratios[0].citation.confidence',
        "t.json（全国 2026年）：可信度须为 authoritative 或 good，收到 'maybe'",
        "t.json: confidence is authoritative or good, got 'maybe'",
        id='confidence-unknown'),
    pytest.param(
        {"minimum_ratios": [_ratio(jurisdiction="440300", name="深圳", floor="x")]},
        'minimum_ratios[0].floor',
        "t.json（深圳（440300） 2026年）：只能输入数字与小数点，最多两位小数（收到 'x'）",
        "t.json: only digits and a point with at most two decimals (got 'x')",
        id='about-names-the-place'),
    pytest.param(
        {"minimum_ratios": {}},
        'minimum_ratios',
        't.json：minimum_ratios 须为数组（[…]），收到 dict',
        't.json: minimum_ratios must be an array ([…]), got dict',
        id='ratios-not-a-list'),
    pytest.param(
        {"filing_deadlines": 3},
        'filing_deadlines',
        't.json：filing_deadlines 须为数组（[…]），收到 int',
        't.json: filing_deadlines must be an array ([…]), got int',
        id='deadlines-not-a-list'),
    pytest.param(
        {"local_rules": "x"},
        'local_rules',
        't.json：local_rules 须为数组（[…]），收到 str',
        't.json: local_rules must be an array ([…]), got str',
        id='rules-not-a-list'),
    pytest.param(
        {"minimum_ratios": [_ratio(encouraged="9.99")]},
        'minimum_ratios[0].encouraged',
        't.json（全国 2026年）：鼓励比例 9.99% 低于最低比例 10.00%',
        't.json: the encouraged ratio 9.99% is below the floor 10.00%',
        id='encouraged-below-floor'),
    pytest.param(
        {"minimum_ratios": [_ratio(base="food")]},
        'minimum_ratios[0].base',
        "t.json（全国 2026年）：未知的比例基数 'food'（可用：canteen-food-total、union-funds、agricultural-prod"
        'ucts-total）',
        "t.json: unknown base 'food' (known: canteen-food-total, union-funds, agricultural-products-total)",
        id='base-unknown'),
    pytest.param(
        {"minimum_ratios": [_ratio(), _ratio()]},
        'minimum_ratios[1]',
        't.json（全国 2026年）：重复的政策参数：minimum_ratios[0] 已给出全国 2026年基数为年度食堂食材采购总额的比例',
        't.json: duplicate: minimum_ratios[0] already gives CN 2026 on canteen-food-total',
        id='duplicate-ratio'),
    pytest.param(
        {"filing_deadlines": [_deadline(date="2026-3-31")]},
        'filing_deadlines[0].date',
        't.json（全国 2026年）：须为日期，如 "2026-03-31"，收到 \'2026-3-31\'',
        't.json: must be a date such as "2026-03-31", got \'2026-3-31\'',
        id='date-malformed'),
    pytest.param(
        {"filing_deadlines": [_deadline(date="2024-12-31")]},
        'filing_deadlines[0].date',
        't.json（全国 2026年）：2026年的截止日期 2024-12-31 不在 2025–2026 年内',
        't.json: the deadline 2024-12-31 for 2026 is not in 2025-2026',
        id='date-two-years-before'),
    pytest.param(
        {"filing_deadlines": [_deadline(date="2027-01-01")]},
        'filing_deadlines[0].date',
        't.json（全国 2026年）：2026年的截止日期 2027-01-01 不在 2025–2026 年内',
        't.json: the deadline 2027-01-01 for 2026 is not in 2025-2026',
        id='date-year-after'),
    pytest.param(
        {"filing_deadlines": [_deadline(), _deadline()]},
        'filing_deadlines[1]',
        't.json（全国 2026年）：重复的截止日期：filing_deadlines[0] 已给出',
        't.json: duplicate deadline: filing_deadlines[0] already gives it',
        id='duplicate-deadline'),
    pytest.param(
        {"local_rules": [_rule(union_minimum_per_head=1.5)]},
        'local_rules[0].union_minimum_per_head',
        't.json（广东省 2026年）：金额须写成文本或整数，如 "300"，收到 1.5',
        't.json: an amount is text or an integer, e.g. "300"; got 1.5',
        id='union-minimum-float'),
    pytest.param(
        {"local_rules": [_rule(union_minimum_per_head="abc")]},
        'local_rules[0].union_minimum_per_head',
        "t.json（广东省 2026年）：只能输入数字与小数点，最多两位小数（收到 'abc'）",
        "t.json: only digits and a point with at most two decimals (got 'abc')",
        id='union-minimum-not-a-number'),
    pytest.param(
        {"local_rules": [_rule(shared_canteen_remark="")]},
        'local_rules[0].shared_canteen_remark',
        "t.json（广东省 2026年）：须为非空文本，最多 100 字，收到 ''",
        "t.json: must be non-empty text of at most 100 characters, got ''",
        id='remark-empty'),
    pytest.param(
        {"local_rules": [_rule(shared_canteen_remark="{host}" + "食" * 95)]},
        'local_rules[0].shared_canteen_remark',
        "t.json（广东省 2026年）：须为非空文本，最多 100 字，收到 '{host}食食食食食食食食食食食食食食食食食食食"
        '食食食食食食食食食食食食食…',
        "t.json: must be non-empty text of at most 100 characters, got '{host}食食食食食食食食食食食食食食食食"
        '食食食食食食食食食食食食食食食食…',
        id='remark-101-characters'),
    pytest.param(
        {"local_rules": [_rule(shared_canteen_remark="共用{host}{食堂")]},
        'local_rules[0].shared_canteen_remark',
        't.json（广东省 2026年）：备注写法须含 {host}（代表单位名称的位置），不含空白和其他花括号',
        "t.json: the remark must contain {host} (where the representative unit's name goes), no whitespace and "
        'no other braces',
        id='remark-opening-brace'),
    pytest.param(
        {"local_rules": [_rule(shared_canteen_remark="共用{host}}食堂")]},
        'local_rules[0].shared_canteen_remark',
        't.json（广东省 2026年）：备注写法须含 {host}（代表单位名称的位置），不含空白和其他花括号',
        "t.json: the remark must contain {host} (where the representative unit's name goes), no whitespace and "
        'no other braces',
        id='remark-closing-brace'),
    pytest.param(
        {"local_rules": [_rule(shared_canteen_remark="共用食堂")]},
        'local_rules[0].shared_canteen_remark',
        't.json（广东省 2026年）：备注写法须含 {host}（代表单位名称的位置），不含空白和其他花括号',
        "t.json: the remark must contain {host} (where the representative unit's name goes), no whitespace and "
        'no other braces',
        id='remark-without-host'),
    pytest.param(
        {"local_rules": [_rule(shared_canteen_remark="共用 {host}食堂")]},
        'local_rules[0].shared_canteen_remark',
        't.json（广东省 2026年）：备注写法须含 {host}（代表单位名称的位置），不含空白和其他花括号',
        "t.json: the remark must contain {host} (where the representative unit's name goes), no whitespace and "
        'no other braces',
        id='remark-with-space'),
    pytest.param(
        {"local_rules": [_rule(not_below_last_year=1)]},
        'local_rules[0].not_below_last_year',
        't.json（广东省 2026年）：须为 true 或 false，收到 1',
        't.json: must be true or false, got 1',
        id='flag-not-bool'),
    pytest.param(
        {"local_rules": [_rule(not_below_last_year=False)]},
        'local_rules[0]',
        't.json（广东省 2026年）：没有任何规则（not_below_last_year、union_minimum_per_head、shared_canteen_rem'
        'ark 至少一项）',
        't.json: no rule given (at least one of not_below_last_year, union_minimum_per_head, shared_canteen_remark)',
        id='no-rule'),
    pytest.param(
        {"local_rules": [_rule(), _rule()]},
        'local_rules[1]',
        't.json（广东省 2026年）：重复的地方规则：local_rules[0] 已给出',
        't.json: duplicate local rules: local_rules[0] already gives them',
        id='duplicate-rules'),
    pytest.param(
        {"unit_localities": []},
        'unit_localities',
        't.json：unit_localities 须为对象（单位代码 → 地方代码），最多 10,000 项',
        't.json: unit_localities must be an object (unit code -> place code) of at most 10,000 entries',
        id='localities-not-an-object'),
    pytest.param(
        {"unit_localities": {"!" + "u" * 70: "440300"}},
        'unit_localities[!uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu]',
        "t.json：单位代码 '!uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu… 无效（字母、数字和 . _ -，最长 64 个字符）",
        "t.json: invalid unit code '!uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu… (letters, digits, . _ -; at most 64)",
        id='localities-unit-cut-at-64'),
    pytest.param(
        {"s" * 45: 1},
        'ssssssssssssssssssssssssssssssssssssssss',
        "t.json：未知的部分 'ssssssssssssssssssssssssssssssssssssss…（可用：minimum_ratios、filing_deadlines、l"
        'ocal_rules、unit_localities）',
        "t.json: unknown section 'ssssssssssssssssssssssssssssssssssssss… (known: minimum_ratios, filing_deadli"
        'nes, local_rules, unit_localities)',
        id='unknown-section-cut-at-40'),
    pytest.param(
        {"": 1},
        'policy',
        "t.json：未知的部分 ''（可用：minimum_ratios、filing_deadlines、local_rules、unit_localities）",
        "t.json: unknown section '' (known: minimum_ratios, filing_deadlines, local_rules, unit_localities)",
        id='unknown-section-empty'),
    pytest.param(
        {"description": 5},
        'description',
        't.json：description 须为文本',
        't.json: description must be text',
        id='description-not-text'),
])
def test_every_kind_of_bad_entry(raw: dict[str, Any], field: str, zh: str, en: str) -> None:
    _refused(raw, field, zh, en)


def test_the_boundaries_accepted_on_the_inner_side() -> None:
    table = load_policy_table({
        "minimum_ratios": [_ratio(year=2000), _ratio(year=2100), _ratio(jurisdiction=" 全国 ", year=2030,
                                                                        name="名" * 40, encouraged="10")],
        "filing_deadlines": [_deadline(date="2025-01-01")],
        "local_rules": [_rule(shared_canteen_remark="{host}" + "食" * 94)],
    }, origin="t.json")
    base = RatioBase.CANTEEN_FOOD_TOTAL
    assert {key[1] for key in table.ratios if key[0] == "CN"} == {2000, 2030, 2100}
    figure = table.ratios["CN", 2030, base]
    assert figure.name == "名" * 40 and figure.encouraged == figure.floor
    assert str(table.deadlines["CN", 2026].date) == "2025-01-01"
    assert table.local_rules["440000", 2026].shared_canteen_remark == "{host}" + "食" * 94


def test_a_local_rule_keeps_its_year_origin_and_entry() -> None:
    table = load_policy_table({"local_rules": [_rule(year=2025), _rule(union_minimum_per_head="300")]},
                              origin="t.json")
    first, second = table.local_rules["440000", 2025], table.local_rules["440000", 2026]
    assert (first.year, first.origin, first.entry) == (2025, "t.json", "local_rules[0]")
    assert (second.year, second.origin, second.entry) == (2026, "t.json", "local_rules[1]")
    assert str(second.union_minimum_per_head) == "300.00元"


def test_an_unknown_place_of_a_unit_is_the_place_error_named_after_the_file() -> None:
    with pytest.raises(PovertyProcurementError) as place_error:
        place_code("999999", "unit_localities[U1]")
    _refused({"unit_localities": {"U1": "999999"}}, "unit_localities[U1]",
             f"t.json：{place_error.value.zh}", f"t.json: {place_error.value.en}")


def test_exactly_the_most_entries_are_read_one_more_is_refused() -> None:
    # at the limit the entries themselves are read (the first is bad); past it, the section is refused whole
    _refused({"minimum_ratios": [5] * MAX_POLICY_ENTRIES}, "minimum_ratios[0]",
             "t.json：须为对象（{…}），收到 int", "t.json: must be an object ({…}), got int")
    _refused({"minimum_ratios": [5] * (MAX_POLICY_ENTRIES + 1)}, "minimum_ratios",
             "t.json：minimum_ratios 超过 10,000 条", "t.json: minimum_ratios has more than 10,000 entries")
    units = {"!": "440300", **{f"U{n}": "440300" for n in range(MAX_POLICY_ENTRIES - 1)}}
    _refused({"unit_localities": units}, "unit_localities[!]",
             "t.json：单位代码 '!' 无效（字母、数字和 . _ -，最长 64 个字符）",
             "t.json: invalid unit code '!' (letters, digits, . _ -; at most 64)")
    units["V"] = "440300"
    _refused({"unit_localities": units}, "unit_localities",
             "t.json：unit_localities 须为对象（单位代码 → 地方代码），最多 10,000 项",
             "t.json: unit_localities must be an object (unit code -> place code) of at most 10,000 entries")


def test_the_default_origin_names_the_callers_data() -> None:
    with pytest.raises(PolicyDataError) as caught:
        load_policy_table([])  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.zh, caught.value.en) == (
        "policy", "调用方的政策数据：政策数据须为对象（{…}），收到 list",
        "调用方的政策数据: policy data must be an object ({…}), got list")
    with pytest.raises(PolicyDataError) as caught:
        parse_policy_text('{"x": 1}')
    assert (caught.value.field, caught.value.zh, caught.value.en) == (
        "x", "调用方的政策数据：未知的部分 'x'（可用：minimum_ratios、filing_deadlines、local_rules、unit_localities）",
        "调用方的政策数据: unknown section 'x' (known: minimum_ratios, filing_deadlines, local_rules, unit_localities)")


def test_json_is_the_default_syntax() -> None:
    assert parse_data_text('{"a": 1}', origin="t.json") == {"a": 1}


@pytest.mark.parametrize(("text", "syntax", "field", "zh", "en"), [
    pytest.param(b"{}", "json", "t.json", "t.json：需要文本，收到 bytes", "t.json: expected text, got bytes",
                 id="not-text"),
    pytest.param('{"a": 10.5}', "json", "t.json", 't.json：数字 10.5 带小数，比例和金额请写成文本，如 "10.5"',
                 't.json: the number 10.5 has a fraction; write ratios and amounts as text, e.g. "10.5"',
                 id="fraction"),
    pytest.param('{"a": 1.' + "0" * 50 + "}", "json", "t.json",
                 f't.json：数字 1.{"0" * 38} 带小数，比例和金额请写成文本，如 "1.{"0" * 38}"',
                 f't.json: the number 1.{"0" * 38} has a fraction; write ratios and amounts as text, '
                 f'e.g. "1.{"0" * 38}"', id="fraction-cut-at-40"),
    pytest.param('{"a": ' + "1" * 5000 + "}", "json", "t.json", "t.json：无法读取：ValueError",
                 "t.json: cannot be read: ValueError", id="integer-too-long"),
    pytest.param("{}", "yaml", "syntax", "只能读 json 或 toml，收到 'yaml'",
                 "only json and toml can be read, got 'yaml'", id="unknown-syntax"),
    pytest.param("[1]", "json", "t.json", "t.json：顶层须为对象（{…}），收到 list",
                 "t.json: the top level must be an object ({…}), got list", id="top-level-not-an-object"),
])
def test_every_kind_of_unreadable_text(text: object, syntax: str, field: str, zh: str, en: str) -> None:
    with pytest.raises(PolicyDataError) as caught:
        parse_data_text(text, origin="t.json", syntax=syntax)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.zh, caught.value.en) == (field, zh, en)
