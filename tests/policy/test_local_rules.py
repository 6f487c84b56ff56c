"""Rules that local notices add, and the policy table threaded through checks, roll-up and report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from poverty_procurement import (
    BudgetUnit,
    Contact,
    Filing,
    Ratio,
    UnionBudget,
    build_report,
    check_filing,
    check_filings,
)
from poverty_procurement.errors import PolicyNotFound
from poverty_procurement.filings import Exemption, explain_filing, is_acceptable, roll_up_filings
from poverty_procurement.policy import (
    PolicyTable,
    applicable_local_rules,
    load_policy_table,
    local_findings,
    policy_table,
    read_policy_file,
    union_funds_minimum,
)
from poverty_procurement.reporting import parse_json, report_csv
from support import to_csv

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "policy-2026.json"
CONTACT = Contact("张三", "13800138000")
NO_UNION = "本单位无工会采购需求"  # 附件2 一、第四步: 选择“否”，需“备注”有关情况
NANNING = BudgetUnit("45010001", "南宁市某局", "广西")      # placed in 南宁 (450100) by the example file
GUILIN = BudgetUnit("45030001", "桂林市某局", "广西")       # not placed: province level only


def _table() -> PolicyTable:
    return read_policy_file(EXAMPLE)


def _own(unit: BudgetUnit, year: int, total: str, ratio: int) -> Filing:
    return Filing(unit, year, "own", canteen_total=total, ratio=ratio, contact=CONTACT,
                  union_remark=NO_UNION)


def test_the_minimum_follows_the_unit_into_its_city() -> None:
    table = _table()
    assert [v.code for v in check_filing(_own(NANNING, 2026, "1000000", 15), policy=table)] == ["ratio-below-minimum"]
    assert check_filing(_own(GUILIN, 2026, "1000000", 15), policy=table) == ()
    violation = check_filing(_own(NANNING, 2026, "1000000", 15), policy=table)[0]
    assert violation.citation.document == "南财采〔2026〕X号（示例）"
    assert "各级比例" in violation.message and "取自" in violation.message
    assert not is_acceptable(_own(NANNING, 2026, "1000000", 15), policy=table)
    exempt = Exemption(15, "财库函〔2026〕X号", "财政部国库司")
    assert check_filing(_own(NANNING, 2026, "1000000", 15), policy=table, exemption=exempt) == ()
    explained = explain_filing(_own(NANNING, 2026, "1000000", 15), policy=table)
    assert any(s.rule == "minimum-ratio" and s.result == "20.00%" for s in explained.steps)
    with pytest.raises(PolicyNotFound):
        check_filing(_own(NANNING, 2026, "1000000", 15))  # the shipped table knows no 2026


def test_share_not_below_last_year_is_a_warning_when_last_year_is_given() -> None:
    table = _table()
    last = Filing(NANNING, 2025, "own", canteen_total="2000000", ratio=20, contact=CONTACT,
                  union_remark=NO_UNION)
    this = _own(NANNING, 2026, "1500000", 20)
    found = check_filing(this, policy=table, last_year=last)
    assert [(v.code, v.severity.value) for v in found] == [("share-below-last-year", "warning")]
    assert found[0].message.startswith("预留份额300,000.00元低于上一年度的400,000.00元；南宁市（450100）2026年要求")
    assert is_acceptable(this, policy=table)
    assert check_filing(this, policy=table) == ()                       # without last year: not checked
    assert check_filing(_own(NANNING, 2026, "2000000", 20), policy=table, last_year=last) == ()
    assert check_filing(this, policy=table, last_year=_own(GUILIN, 2025, "9000000", 20)) == ()  # another unit
    assert check_filing(_own(GUILIN, 2026, "1", 20), policy=table, last_year=_own(GUILIN, 2025, "9000000", 20)) == ()
    batch = check_filings([this, _own(GUILIN, 2026, "1000000", 15)], policy=table, last_year=[last])
    assert [[v.code for v in c.violations] for c in batch] == [["share-below-last-year"], []]
    none_last = Filing(NANNING, 2025, "none", remark="无食堂", contact=CONTACT,
                       union_remark=NO_UNION)
    assert check_filing(this, policy=table, last_year=none_last) == ()


def test_a_union_funds_floor_for_units_without_a_canteen() -> None:
    table = _table()
    low = Filing(NANNING, 2026, "none", remark="无食堂", union=UnionBudget("100000", 10), contact=CONTACT)
    found = check_filing(low, policy=table)
    assert [(v.code, v.field, v.severity.value) for v in found] == [("union-ratio-below-minimum", "union", "error")]
    assert "工会经费最低预留比例20.00%" in found[0].message
    ok = Filing(NANNING, 2026, "none", remark="无食堂", union=UnionBudget("100000", 20), contact=CONTACT)
    assert check_filing(ok, policy=table) == ()
    assert check_filing(Filing(GUILIN, 2026, "none", remark="无食堂", union=UnionBudget("100000", 10),
                               contact=CONTACT), policy=table) == ()
    minimum = union_funds_minimum(2026, "广西", locality="450100", policy=table)
    assert minimum is not None and minimum.floor == Ratio.of(20)
    assert union_funds_minimum(2026, "广西", policy=table) is None
    stricter = table.merged(load_policy_table({"minimum_ratios": [{
        "jurisdiction": "广西", "year": 2026, "floor": "25", "base": "union-funds", "citation": {"document": "桂"}}]}))
    minimum = union_funds_minimum(2026, "广西", locality="450100", policy=stricter)
    assert minimum is not None and (minimum.jurisdiction, minimum.floor) == ("450000", Ratio.of(25))


def test_modelled_rules_are_shown_and_the_generic_wording_still_passes() -> None:
    table = _table()
    rules = applicable_local_rules(2026, "广西", locality="450100", policy=table)
    assert [r.jurisdiction for r in rules] == ["450000", "450100"]
    assert rules[0].shared_canteen_remark == "与{host}共用食堂,由{host}预留份额并实施采购"
    assert rules[1].union_minimum_per_head is not None and str(rules[1].union_minimum_per_head) == "300.00元"
    member = Filing(GUILIN, 2026, "shared-member", remark="共用桂林市财政局食堂", contact=CONTACT,
                    union_remark=NO_UNION)
    assert check_filing(member, policy=table) == ()  # the generic wording stays accepted beside 广西's own
    assert local_findings(member, policy=policy_table()) == ()


def test_the_roll_up_reads_the_same_table() -> None:
    table = _table()
    other = BudgetUnit("45010002", "南宁市另一局", "广西")
    filings = [_own(NANNING, 2026, "1000000", 15), _own(GUILIN, 2026, "1000000", 15), _own(other, 2026, "1", 20)]
    rolled = roll_up_filings([NANNING, GUILIN, other], filings, 2026, policy=table)
    assert rolled.overall.below_minimum == frozenset({"45010001"})
    assert roll_up_filings([NANNING], [_own(NANNING, 2023, "1", 10)], 2023, policy=table).overall.below_minimum \
        == frozenset()
    exempt = {"45010001": Exemption(15, "财库函〔2026〕X号", "财政部国库司")}
    assert roll_up_filings([NANNING, GUILIN, other], filings, 2026, policy=table,
                           exemptions=exempt).overall.below_minimum == frozenset()


def _dataset(**extra: Any) -> dict[str, Any]:
    return {
        "year": 2026,
        "units": [{"code": "45010001", "name": "南宁市某局", "province": "广西"},
                  {"code": "45030001", "name": "桂林市某局", "province": "广西"}],
        "filings": [
            {"unit": "45010001", "year": 2025, "arrangement": "own", "canteen_total": "2000000", "ratio": "20",
             "union_remark": NO_UNION, "contact_name": "张三", "contact_mobile": "13800138000"},
            {"unit": "45010001", "year": 2026, "arrangement": "own", "canteen_total": "1000000", "ratio": "20",
             "union_remark": NO_UNION, "contact_name": "张三", "contact_mobile": "13800138000"},
            {"unit": "45030001", "year": 2026, "arrangement": "own", "canteen_total": "1000000", "ratio": "15",
             "union_remark": NO_UNION, "contact_name": "李四", "contact_mobile": "13900139000"},
        ],
        **extra,
    }


def test_the_report_reads_the_table_batch_and_streamed(tmp_path: Path) -> None:
    table = _table()
    dataset = parse_json(json.dumps(_dataset(), ensure_ascii=False))
    with pytest.raises(PolicyNotFound):
        build_report(dataset)
    report = build_report(dataset, policy=table)
    assert report.status.value == "compliant"  # the warning does not make the report fail
    assert [(v.unit_code, v.code) for v in report.filing_violations] == [("45010001", "share-below-last-year")]
    path = tmp_path / "data.csv"
    path.write_text(to_csv(_dataset()), "utf-8")
    assert report_csv(path, 2026, policy=table).report == report
    below = _dataset()
    below["filings"][1]["ratio"] = "15"
    report = build_report(parse_json(json.dumps(below, ensure_ascii=False)), policy=table)
    assert report.overall.below_minimum == ("45010001",)
    assert report.status.value == "violations"


def test_a_table_without_local_rules_adds_nothing() -> None:
    plain = load_policy_table({"minimum_ratios": [{"jurisdiction": "CN", "year": 2026, "floor": "10",
                                                   "citation": {"document": "x"}}]})
    assert not plain.has_local_rules and _table().has_local_rules
    table = policy_table().merged(plain)
    filing = _own(NANNING, 2026, "1000000", 10)
    assert check_filing(filing, policy=table, last_year=_own(NANNING, 2025, "9000000", 30)) == ()
    assert check_filings([filing], policy=table, last_year=[_own(NANNING, 2025, "9000000", 30)])[0].violations == ()


def test_wrong_arguments_are_the_librarys_errors() -> None:
    from poverty_procurement.errors import UnsupportedType
    from poverty_procurement.policy import policy_overview

    for call in (lambda: local_findings("x"),  # type: ignore[arg-type]
                 lambda: local_findings(_own(GUILIN, 2026, "1", 20), last_year="x"),  # type: ignore[arg-type]
                 lambda: local_findings(_own(GUILIN, 2026, "1", 20), policy={}),  # type: ignore[arg-type]
                 lambda: union_funds_minimum(2026, "广西", policy=[]),  # type: ignore[arg-type]
                 lambda: policy_overview({}),  # type: ignore[arg-type]
                 lambda: PolicyTable(1, {}),  # type: ignore[arg-type]
                 lambda: read_policy_file(3)):  # type: ignore[arg-type]
        with pytest.raises(UnsupportedType):
            call()
    assert applicable_local_rules(2023, "广东") == () and union_funds_minimum(2023, "广东") is None
    assert local_findings(_own(GUILIN, 2023, "1", 20)) == ()
    assert len(policy_overview()) == len(policy_overview(policy_table()))
    base = _table()
    extra = Path(__file__).resolve().parents[2] / "examples" / "policy-2026.json"
    assert read_policy_file(extra, over=base) == base  # the same file over itself changes nothing
