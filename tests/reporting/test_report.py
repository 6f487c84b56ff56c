"""The compliance report on the embedded sample: golden facts, JSON round trip, order and format independence."""

from __future__ import annotations

import io
import json
import random as random_module
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import Report, build_report, converter, render_report_text
from poverty_procurement.reporting import ReportStatus, parse_csv, parse_json, sample_dataset
from poverty_procurement.reporting.records import Dataset
from poverty_procurement.reporting.render import display_width
from poverty_procurement.rules.filings.checks import Severity
from poverty_procurement.strategies.report import dataset_documents, datasets
from support import SAMPLE, to_csv

REPORT = build_report(sample_dataset())


def test_status_is_violations_with_exit_code_1() -> None:
    assert REPORT.status is ReportStatus.VIOLATIONS and REPORT.status.exit_code == 1
    assert REPORT.year == 2023 and REPORT.input_errors == ()
    assert REPORT.title.startswith("广东省某厅 2023年度")


def test_the_filing_mistakes_of_the_sample_are_found() -> None:
    found = [(v.unit_code, v.code) for v in REPORT.filing_violations]
    assert found == [
        ("44010200", "no-canteen-remark"),  # 无饭堂
        ("44010300", "ratio-below-minimum"),  # 20% < 30%
        ("44010302", "contact-missing"),
        ("44010400", "mobile-invalid"),  # 1380013800: ten digits
    ]
    assert REPORT.filing_violations[0].suggestion == "无食堂"
    assert "粤财采购〔2023〕2号 二（二）" in REPORT.filing_violations[1].citation
    assert REPORT.not_filed == (("44010402", "广东省某厅培训中心粤西分中心"),)


def test_roll_up_totals_equal_hand_computed_sums() -> None:
    (department,) = REPORT.departments
    # canteen totals of the units that file amounts (the shared canteen once, by its representative)
    assert department.canteen_total.fen == 100 * (3_000_000 + 3_000_000 + 800_000 + 500_000 + 1_200_000 + 600_000)
    # 3,000,000 × 30% + 3,000,000 × 20% + 800,000 × 30% + 500,000 × 35% + 1,200,000 × 30% + 600,000 × 30%
    assert department.reserved_share.fen == 100 * (900_000 + 600_000 + 240_000 + 175_000 + 360_000 + 180_000)
    assert department.union_expected.fen == 100 * (20_000 + 20_000)  # two unions: 100,000 × 20%
    assert (department.units, department.filed, department.below_minimum) == (12, 11, ("44010300",))
    institute = next(s for s in REPORT.superiors if s.code == "44010300")
    assert institute.reserved_share.fen == 100 * (600_000 + 240_000 + 175_000)
    assert REPORT.overall.reserved_share == department.reserved_share


def test_completion_counts_only_paid_platform_orders_of_the_year() -> None:
    by_unit = {c.unit_code: c for c in REPORT.completion}
    # paid 300,000 + union 20,000 + mini-program 2,000 + credited by transfer (f54yxn) 2,000
    assert by_unit["44010000"].counted_total.fen == 100 * 324_000
    assert by_unit["44010302"].counted_total.fen == 100 * 50_000  # credited automatically (a7k2qp)
    assert by_unit["44010400"].counted_total.fen == 100 * 180_000  # 200,000 − 20,000 refund; off-platform not counted
    assert by_unit["44010401"].counted_total.fen == 0  # paid 2024-01-02: not 2023
    assert by_unit["44010500"].counted_total.fen == 0  # fully refunded
    assert by_unit["44010301"].completion == "108.33%"  # canteen contractor's purchase counts
    department = REPORT.departments[0]
    assert department.counted_total.fen == 100 * 994_000
    assert department.completion == "40.49%"
    assert department.shortfall.fen == 100 * (2_455_000 - 994_000)


def test_transfers_needing_manual_confirmation() -> None:
    manual = [(m.transaction_id, m.reason, m.order_number) for m in REPORT.manual_confirmations]
    assert manual == [
        ("CEB20231124000103", "no-code", None),
        ("CEB20231124000104", "unknown-code", None),
        ("CEB20231125000105", "several-codes", None),
        ("CEB20231126000106", "amount-mismatch", "XD2023111600000013"),
        ("CEB20231127000107", "payee-mismatch", "XD2023111500000012"),
    ]
    assert REPORT.credited_transfers == (("CEB20231120000101", "XD2023112000000008"),
                                         ("CEB20231123000102", "XD2023112300000016"))


def test_purchasing_by_priority_tier() -> None:
    tiers = {p.tier: (p.amount.fen // 100, p.count, p.share) for p in REPORT.priority}
    assert tiers == {"key-paired": (552_000, 5, "55.53%"), "paired": (262_000, 2, "26.36%"),
                     "other": (180_000, 2, "18.11%")}
    assert REPORT.paired_amount.fen == 100 * 814_000
    assert [u.order_number for u in REPORT.unresolved_counties] == ["XD2023081800000011"]  # 火星县


def test_the_report_round_trips_through_json() -> None:
    data = json.loads(json.dumps(converter.unstructure(REPORT), ensure_ascii=False))
    assert data["overall"]["reserved_share"] == "2455000.00"
    assert data["status"] == "violations"
    assert converter.structure(data, Report) == REPORT


def test_text_tables_are_aligned_for_cjk() -> None:
    text = render_report_text(REPORT)
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("四、"))
    table = lines[start + 1:start + 3 + len(REPORT.completion)]
    assert set(table[1].replace("-", "").strip()) == set()  # the rule line
    # the reserved-share column is right-aligned: it ends at the same display column on every row
    ends = {display_width(line[:line.index("元") + 1]) for line in table[2:]}
    assert len(ends) == 1
    assert "无饭堂" in text and "44010402" in text and "CEB20231126000106" in text


def _shuffled(document: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    return {key: data.draw(st.permutations(value)) if isinstance(value, list) else value
            for key, value in document.items()}


@given(st.data())
def test_the_report_does_not_depend_on_row_order(data: st.DataObject) -> None:
    shuffled = _shuffled(SAMPLE, data)
    assert build_report(parse_json(json.dumps(shuffled, ensure_ascii=False))) == REPORT


def test_json_and_csv_inputs_give_the_same_report() -> None:
    from_csv = build_report(parse_csv(io.StringIO(to_csv(SAMPLE)), source="sample.csv"))
    assert from_csv == REPORT


def test_bad_rows_make_the_status_bad_input_but_the_rest_is_reported() -> None:
    document = dict(SAMPLE, orders=[*SAMPLE["orders"], {"number": "XD2023111700000099"}])
    report = build_report(parse_json(json.dumps(document, ensure_ascii=False)))
    assert report.status is ReportStatus.BAD_INPUT and report.status.exit_code == 2
    assert {e.row_number for e in report.input_errors} == {17}
    assert report.departments == REPORT.departments
    assert "输入错误" in render_report_text(report)


def test_a_compliant_department() -> None:
    document = {
        "year": 2023,
        "units": [{"code": "D1", "name": "某厅"}, {"code": "U1", "name": "某中心", "superior": "D1"}],
        "filings": [{"unit": "D1", "year": 2023, "arrangement": "own", "canteen_total": "3000000", "ratio": "30",
                     "contact_name": "张三", "contact_mobile": "13800138000"},
                    {"unit": "U1", "year": 2023, "arrangement": "none", "remark": "无食堂", "contact_name": "李四",
                     "contact_mobile": "13900139000"},
                    {"unit": "U1", "year": 2022, "arrangement": "none", "remark": "无食堂"}],
    }
    report = build_report(parse_json(json.dumps(document, ensure_ascii=False)))
    assert report.status is ReportStatus.COMPLIANT and report.status.exit_code == 0
    assert report.ignored_filings == ("U1 2022",)
    assert report.departments[0].shortfall.fen == 100 * 900_000  # a shortfall is shown, not a violation


@given(dataset_documents(), st.randoms(use_true_random=False))
def test_generated_datasets_json_equals_csv_and_row_order_does_not_matter(
        document: dict[str, Any], random: random_module.Random) -> None:
    report = build_report(parse_json(json.dumps(document, ensure_ascii=False)))
    assert report.input_errors == ()
    assert build_report(parse_csv(io.StringIO(to_csv(document))), 2023) == report  # CSV has no year of its own
    shuffled = {key: random.sample(value, len(value)) if isinstance(value, list) else value
                for key, value in document.items()}
    assert build_report(parse_json(json.dumps(shuffled, ensure_ascii=False))) == report


@given(datasets())
def test_status_follows_the_findings(dataset: Dataset) -> None:
    report = build_report(dataset)
    findings = bool(report.not_filed or report.manual_confirmations
                    or any(v.severity is Severity.ERROR for v in report.filing_violations))
    assert report.status is (ReportStatus.VIOLATIONS if findings else ReportStatus.COMPLIANT)
    # every unit's own completion adds up to the overall figure; every order is counted, excluded or unassigned
    assert report.overall.counted_total.fen == sum(c.counted_total.fen for c in report.completion)
    per_unit = sum(c.orders_counted + sum(n for _, n in c.orders_excluded) for c in report.completion)
    assert per_unit + len(report.unassigned_orders) == len(dataset.orders)
    assert converter.structure(converter.unstructure(report), Report) == report


def test_ignored_filings_and_unassigned_orders_are_shown() -> None:
    order = SAMPLE["orders"][0] | {"buyer_unit": "X9"}
    document = dict(SAMPLE, filings=[*SAMPLE["filings"], {"unit": "44010402", "year": 2022, "arrangement": "none",
                                                          "remark": "无食堂"}],
                    orders=[*SAMPLE["orders"][1:], order])
    report = build_report(parse_json(json.dumps(document, ensure_ascii=False)))
    text = render_report_text(report)
    assert report.ignored_filings == ("44010402 2022",) and "44010402 2022" in text
    assert report.unassigned_orders == ("XD2023031300000001",) and "XD2023031300000001" in text


def test_a_suggestion_not_in_the_message_is_appended() -> None:
    from poverty_procurement.reporting.build import FilingViolation
    from poverty_procurement.reporting.render import _with_suggestion

    violation = FilingViolation("U1", "某中心", 2023, "no-canteen-remark", "remark", "备注不对", Severity.ERROR, "",
                                "无食堂")
    assert _with_suggestion(violation) == "备注不对（应填：无食堂）"
