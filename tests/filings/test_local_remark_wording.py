"""A jurisdiction-year's own shared-canteen remark wording from the policy table is checked (issue 13 item 3).

广西 2024 asks sharing units for "与XX单位共用食堂,由XX单位预留份额并实施采购"; a policy file writes it as
``"shared_canteen_remark": "与{host}共用食堂,由{host}预留份额并实施采购"``. With the table, the remark is
accepted beside the generic 共用XX单位食堂 (粤财采购〔2023〕2号 二（三）2), its host is read for the canteen
groups, and every ``{host}`` must name the same unit.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import BudgetUnit, Contact, Filing, check_filing
from poverty_procurement.errors import PovertyProcurementError, UnsupportedType
from poverty_procurement.filings import (
    RemarkKind,
    canteen_findings,
    canteen_groups,
    check_filings,
    classify_remark,
    host_is_name,
)
from poverty_procurement.policy import (
    PolicyTable,
    load_policy_table,
    policy_overview,
    policy_table,
    read_policy_file,
    shared_canteen_rule,
)
from poverty_procurement.rules.filings.remarks import local_remark_wording

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "policy-2026.json"
#: the 广西 notice's "与XX单位共用食堂,由XX单位预留份额并实施采购", as a policy file writes it
TEMPLATE = "与{host}共用食堂,由{host}预留份额并实施采购"
CONTACT = Contact("张三", "13800138000")
NO_UNION = "本单位无工会采购需求"
HOST = BudgetUnit("45010002", "南宁市财政局", "广西")  # placed in 南宁 (450100) by the example file
MEMBER = BudgetUnit("45010001", "南宁市某局", "广西")
GUILIN = BudgetUnit("45030001", "桂林市某局", "广西")  # not placed: province level only


@pytest.fixture(scope="module")
def table() -> PolicyTable:
    return read_policy_file(EXAMPLE)


def _host(unit: BudgetUnit = HOST, year: int = 2026) -> Filing:
    return Filing(unit, year, "shared-representative", canteen_total="2000000", ratio=20, contact=CONTACT,
                  union_remark=NO_UNION)


def _member(remark: str, unit: BudgetUnit = MEMBER, year: int = 2026) -> Filing:
    return Filing(unit, year, "shared-member", remark=remark, contact=CONTACT, union_remark=NO_UNION)


# --- reading the remark ------------------------------------------------------------------------


def test_the_notices_own_wording_is_shared_with_its_host_and_cites_the_local_notice(table: PolicyTable) -> None:
    text = "与南宁市财政局共用食堂,由南宁市财政局预留份额并实施采购"
    reading = classify_remark(text, "广西", year=2026, policy=table)
    assert reading.kind is RemarkKind.SHARED_CANTEEN and reading.host == "南宁市财政局"
    assert reading.citation is not None and reading.citation.document == "桂财采〔2026〕X号（示例）"


def test_the_generic_wording_is_still_accepted_beside_it(table: PolicyTable) -> None:
    reading = classify_remark("共用南宁市财政局食堂", "广西", year=2026, policy=table)
    assert reading.kind is RemarkKind.SHARED_CANTEEN and reading.host == "南宁市财政局"
    assert reading.citation is not None and reading.citation.document == "粤财采购〔2023〕2号"
    assert classify_remark("无食堂", "广西", year=2026, policy=table).kind is RemarkKind.NO_CANTEEN


def test_without_the_year_or_the_rule_the_local_wording_is_not_read(table: PolicyTable) -> None:
    text = "与南宁市财政局共用食堂,由南宁市财政局预留份额并实施采购"
    assert classify_remark(text, "广西").kind is RemarkKind.OTHER
    assert classify_remark(text, "广西", year=2026).kind is RemarkKind.OTHER  # the shipped table has no wording
    assert classify_remark(text, "广西", year=2025, policy=table).kind is RemarkKind.OTHER  # only 2026's notice
    assert classify_remark(text, "广东", year=2026, policy=table).kind is RemarkKind.OTHER  # only 广西's


def test_a_near_miss_is_told_the_local_wording(table: PolicyTable) -> None:
    reading = classify_remark("与南宁市财政局共用食堂", "广西", year=2026, policy=table)
    assert reading.kind is RemarkKind.OTHER and reading.near_miss is RemarkKind.SHARED_CANTEEN
    assert reading.suggestion == "与南宁市财政局共用食堂,由南宁市财政局预留份额并实施采购"


def test_two_different_hosts_are_refused_with_the_reason(table: PolicyTable) -> None:
    text = "与南宁市财政局共用食堂,由南宁市教育局预留份额并实施采购"
    reading = classify_remark(text, "广西", year=2026, policy=table)
    assert reading.kind is RemarkKind.OTHER and reading.host is None and reading.suggestion is None
    assert reading.near_miss is RemarkKind.SHARED_CANTEEN
    assert "前后不一致（南宁市财政局、南宁市教育局）" in reading.advice
    violations = check_filing(_member(reading.text), policy=table)
    assert [(v.code, v.message) for v in violations] == [("shared-remark", reading.advice)]


def test_policy_or_locality_without_the_year_is_the_librarys_error(table: PolicyTable) -> None:
    with pytest.raises(UnsupportedType):
        classify_remark("无食堂", "广西", policy=table)
    with pytest.raises(PovertyProcurementError):
        classify_remark("无食堂", "广西", year=2026, policy="table")  # type: ignore[arg-type]


def test_the_most_local_wording_applies_and_units_are_placed_by_the_table() -> None:
    city = load_policy_table({"local_rules": [
        {"jurisdiction": "广西", "year": 2026, "shared_canteen_remark": TEMPLATE, "citation": {"document": "桂"}},
        {"jurisdiction": "450100", "name": "南宁市", "year": 2026, "shared_canteen_remark": "{host}代表填报",
         "citation": {"document": "南"}}], "unit_localities": {"45010001": "450100"}})
    rule = shared_canteen_rule(2026, "广西", locality="450100", policy=city)
    assert rule is not None and rule.citation.document == "南"
    province_rule = shared_canteen_rule(2026, "广西", policy=city)
    assert province_rule is not None and province_rule.citation.document == "桂"
    assert shared_canteen_rule(2025, "广西", policy=city) is None
    assert [v.code for v in check_filing(_member("南宁市财政局代表填报"), policy=city)] == []
    assert [v.code for v in check_filing(_member("南宁市财政局代表填报", GUILIN), policy=city)] == ["shared-remark"]


def test_one_or_three_places_for_the_host() -> None:
    once = load_policy_table({"local_rules": [{"jurisdiction": "CN", "year": 2026, "citation": {"document": "x"},
                                               "shared_canteen_remark": "食堂由{host}代表"}]})
    assert classify_remark("食堂由甲局代表", "浙江", year=2026, policy=once).host == "甲局"
    thrice = load_policy_table({"local_rules": [{"jurisdiction": "CN", "year": 2026, "citation": {"document": "x"},
                                                 "shared_canteen_remark": "{host}/{host}/{host}"}]})
    assert classify_remark("甲局/甲局/甲局", "浙江", year=2026, policy=thrice).host == "甲局"
    assert classify_remark("甲局/甲局/乙局", "浙江", year=2026, policy=thrice).kind is RemarkKind.OTHER


def test_a_rule_without_a_wording_has_none(table: PolicyTable) -> None:
    nanning = table.local_rules["450100", 2026]
    assert nanning.shared_canteen_remark is None and local_remark_wording(nanning) is None
    with pytest.raises(UnsupportedType):
        local_remark_wording("与{host}共用食堂")  # a template is not a rule


# --- the batch: check_filings and the canteen groups --------------------------------------------


def test_check_filings_accepts_a_member_in_the_local_wording_with_the_table(table: PolicyTable) -> None:
    batch = [_host(), _member("与南宁市财政局共用食堂,由南宁市财政局预留份额并实施采购")]
    assert [[v.code for v in check.violations] for check in check_filings(batch, policy=table)] == [[], []]
    without = check_filings(batch)  # the shipped table has no 2026 figures nor the wording
    assert [v.code for v in without[1].violations] == ["shared-remark"]


def test_canteen_groups_read_the_host_from_the_local_wording(table: PolicyTable) -> None:
    region = BudgetUnit("45000003", "广西壮族自治区财政厅", "广西")
    batch = [Filing(region, 2026, "shared-representative", canteen_total="2000000", ratio=20, contact=CONTACT,
                    union_remark=NO_UNION),
             _member("与财政厅共用食堂,由财政厅预留份额并实施采购", GUILIN)]  # a short form is resolved as usual
    assert [(g.host_code, g.unit_codes) for g in canteen_groups(batch, policy=table)] == [
        ("45000003", ("45000003", "45030001"))]
    assert [g.unit_codes for g in canteen_groups(batch)] == [("45000003",)]  # not read without the table


def test_canteen_findings_check_the_host_named_in_the_local_wording(table: PolicyTable) -> None:
    batch = [_host(), _member("与南宁市教育局共用食堂,由南宁市教育局预留份额并实施采购")]
    assert [(f.position, f.code) for f in canteen_findings(batch, policy=table)] == [
        (0, "shared-representative-alone"), (1, "shared-host-unknown")]
    codes = [[v.code for v in check.violations] for check in check_filings(batch, policy=table)]
    assert codes == [["shared-representative-alone"], ["shared-host-unknown"]]


def test_the_overview_no_longer_says_the_wording_is_unchecked(table: PolicyTable) -> None:
    text = "\n".join(line for known in policy_overview(table, year=2026) for line in known.lines())
    assert "共用食堂备注写作“与XX单位共用食堂,由XX单位预留份额并实施采购”（填报检查时核对）" in text
    assert "工会每人最低 300.00元（暂未检查）" in text  # no head count in a filing: still not checked
    assert shared_canteen_rule(2026, "广西") is None and policy_table().local_rules.get(("450000", 2026)) is None


# --- properties ---------------------------------------------------------------------------------

_VISIBLE = st.text(st.characters(categories=("Lu", "Ll", "Lo", "Nd")), min_size=1, max_size=12)
_GUANGXI = load_policy_table({"local_rules": [{"jurisdiction": "广西", "year": 2026, "shared_canteen_remark": TEMPLATE,
                                               "citation": {"document": "桂财采〔2026〕X号（示例）"}}]})


@given(_VISIBLE)
def test_any_visible_host_put_into_the_template_is_that_host(name: str) -> None:
    if not host_is_name(name):
        return  # placeholders (XX, 某单位 …) are refused as hosts by every wording
    text = TEMPLATE.format(host=name)
    reading = classify_remark(text, "广西", year=2026, policy=_GUANGXI)
    assert reading.kind is RemarkKind.SHARED_CANTEEN
    assert reading.host == name
    assert "shared-remark" not in [v.code for v in check_filing(_member(text), policy=_GUANGXI)]


@given(_VISIBLE, _VISIBLE)
def test_two_different_hosts_in_the_template_are_never_accepted(first: str, second: str) -> None:
    if first == second:
        return
    text = f"与{first}共用食堂,由{second}预留份额并实施采购"
    reading = classify_remark(text, "广西", year=2026, policy=_GUANGXI)
    assert reading.kind is not RemarkKind.SHARED_CANTEEN
    assert reading.host is None
