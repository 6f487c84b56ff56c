"""The column vocabulary of office files (issue 14): every record field has a Chinese header, the
platform form's labels (粤财采购〔2023〕2号 附件2 一、第四步、第五步) name the filing columns, and no
two columns of a kind answer to the same header."""

from __future__ import annotations

import pytest

from poverty_procurement.reporting.columns import (
    FORM_HINTS,
    SHEETS,
    ValueForm,
    header_key,
    sheet_for_kind,
    sheet_named,
)
from poverty_procurement.reporting.records import FIELDS, KINDS

FORM_LABELS = ("单位代码", "单位名称", "是否有食堂", "食堂情形", "年度食堂食材采购总额", "预留比例",
               "是否有工会采购需求", "工会采购总额", "工会采购预留比例", "备注", "联系人", "手机号码", "固定电话")


def test_every_record_field_has_a_column_in_kind_order() -> None:
    assert tuple(sheet.kind for sheet in SHEETS) == KINDS
    for sheet in SHEETS:
        assert set(FIELDS[sheet.kind]) <= set(sheet.fields), sheet.kind
        assert sheet_for_kind(sheet.kind) is sheet


def test_the_filing_headers_are_the_platform_forms_labels() -> None:
    assert set(FORM_LABELS) <= set(sheet_for_kind("filings").headers)


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda s: s.kind)
def test_no_header_names_two_columns(sheet: object) -> None:
    from poverty_procurement.reporting.columns import SheetKind

    assert isinstance(sheet, SheetKind)
    keys = [header_key(name) for column in sheet.columns for name in column.names]
    assert len(keys) == len(set(keys))
    for column in sheet.columns:
        for name in column.names:
            assert sheet.column(name) is column
        assert column.example == "" or not column.example.isspace()
        assert column.expected[0] and column.expected[1]
        if column.form is ValueForm.CHOICE:
            assert column.choices and all(label in column.expected[0] for _, label in column.choices)
    assert sheet.column("没有这一列") is None
    assert all(zh in sheet.accepted() for zh in sheet.headers)


def test_headers_as_the_form_and_excel_write_them() -> None:
    filings = sheet_for_kind("filings")
    for written, field in [("* 2023年度食堂食材采购总额 (元)", "canteen_total"), ("2023年度预留比例（%）", "ratio"),
                           ("２０２３年度工会采购预留比例", "union_ratio"), ("\ufeff单位代码", "unit"),
                           ("CANTEEN_TOTAL", "canteen_total"), ("填写预留份额联系人：", "contact_name")]:
        column = filings.column(written)
        assert column is not None and column.field == field, written
    assert header_key("年度") == "年度"  # a bare 年度 is the year column, not an empty header


def test_sheet_names() -> None:
    for sheet in SHEETS:
        for name in (sheet.zh, sheet.en, sheet.en.upper(), sheet.kind[:-1], f"{sheet.zh}表"):
            assert sheet_named(name) is sheet
    assert sheet_named("说明") is None and sheet_named("Sheet1") is None


def test_the_example_rows_hold_every_required_column() -> None:
    for sheet in SHEETS:
        example = sheet.example
        assert all(column.zh in example for column in sheet.columns if column.required), sheet.kind
    assert set(FORM_HINTS) == set(ValueForm)
