"""Row-to-object functions for the documented columns give what the file readers give (issue 19)."""

from __future__ import annotations

import csv
import datetime
import io
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import reporting
from poverty_procurement.errors import InputError, InvalidAmount, PovertyProcurementError, UnsupportedType
from poverty_procurement.rows import (
    filing_contact_problems,
    filing_from_row,
    order_from_row,
    transfer_from_row,
    unit_from_row,
)
from poverty_procurement.strategies.report import dataset_documents
from support import SAMPLE, to_csv

_KINDS = {"unit": "units", "filing": "filings", "order": "orders", "transfer": "transfers"}


def _rows(document: dict[str, Any]) -> dict[str, list[dict[str, str]]]:
    """The CSV rows of ``document`` as an analyst's spreadsheet holds them: text, empty = not given."""
    found: dict[str, list[dict[str, str]]] = {kind: [] for kind in _KINDS.values()}
    for row in csv.DictReader(io.StringIO(to_csv(document))):
        kind = _KINDS[row.pop("kind")]
        found[kind].append(row)
    return found


def _same_as_the_reader(document: dict[str, Any]) -> None:
    data = reporting.parse_csv(io.StringIO(to_csv(document)))
    rows = _rows(document)
    units = {unit.code: unit for unit in map(unit_from_row, rows["units"])}
    assert tuple(units.values()) == data.units
    assert tuple(map(order_from_row, rows["orders"])) == data.orders
    assert tuple(map(transfer_from_row, rows["transfers"])) == data.transfers
    filings = tuple(filing_from_row(row, units[row["unit"]]) for row in rows["filings"])
    assert filings == data.filings


def test_the_sample_rows_make_the_objects_the_reader_makes() -> None:
    _same_as_the_reader(SAMPLE)


@given(document=dataset_documents())
def test_generated_rows_make_the_objects_the_reader_makes(document: dict[str, Any]) -> None:
    data = reporting.parse_csv(io.StringIO(to_csv(document)))
    if data.errors:  # the generator may write bad rows on purpose: those are the reader's to report
        return
    _same_as_the_reader(document)


def test_pandas_style_cells_and_typed_values() -> None:
    row = dict(_rows(SAMPLE)["transfers"][0])
    row["time"] = datetime.datetime(2023, 11, 20, 10, 15)  # type: ignore[assignment]
    assert transfer_from_row(row) == transfer_from_row(_rows(SAMPLE)["transfers"][0])
    order = dict(_rows(SAMPLE)["orders"][0])
    order["refunded"] = math.nan  # type: ignore[assignment]
    order["category"] = None  # type: ignore[assignment]
    assert order_from_row(order).category is None


@pytest.mark.parametrize(("kind", "field", "value", "error"), [
    ("transfers", "amount", 0.1, UnsupportedType),
    ("transfers", "amount", "1,000", InvalidAmount),
    ("transfers", "time", "yesterday", InputError),
    ("transfers", "time", "", InputError),
    ("transfers", "memo", 7, UnsupportedType),
    ("orders", "placed_by", "boss", InputError),
    ("orders", "status", "lost", InputError),
    ("orders", "voucher_redemption", "maybe", InputError),
    ("orders", "number", None, InputError),
])
def test_bad_cells_raise_the_librarys_error_naming_the_column(kind: str, field: str, value: object,
                                                              error: type[PovertyProcurementError]) -> None:
    row: dict[str, object] = dict(_rows(SAMPLE)[kind][0])
    row[field] = value
    make = transfer_from_row if kind == "transfers" else order_from_row
    with pytest.raises(error) as caught:
        make(row)
    assert caught.value.field.startswith(field)


@given(year=st.one_of(st.text(max_size=6), st.integers(), st.none(), st.floats()))
def test_a_filing_year_is_a_whole_number_or_the_librarys_error(year: object) -> None:
    row: dict[str, object] = dict(_rows(SAMPLE)["filings"][0])
    row["year"] = year
    unit = unit_from_row(_rows(SAMPLE)["units"][0])
    try:
        filing = filing_from_row(row, unit)
    except PovertyProcurementError:
        return
    assert filing.year == int(str(year))


def test_a_filing_names_its_unit_and_union_fields_go_together() -> None:
    rows = _rows(SAMPLE)
    unit = unit_from_row(rows["units"][1])
    with pytest.raises(InputError):
        filing_from_row(rows["filings"][0], unit)
    row = dict(rows["filings"][0])
    row["union_ratio"] = ""
    with pytest.raises(InputError):
        filing_from_row(row, unit_from_row(rows["units"][0]))


def test_missing_values_of_pandas_flags_years_and_contact_problems() -> None:
    pd = pytest.importorskip("pandas")
    np = pytest.importorskip("numpy")
    rows = _rows(SAMPLE)
    order = dict(rows["orders"][0])
    order.update(category=pd.NA, voucher_redemption="否")
    made = order_from_row(order)
    assert made.category is None and made.voucher_redemption is False
    order["voucher_redemption"] = False  # type: ignore[assignment]
    assert order_from_row(order).voucher_redemption is False
    transfer: dict[str, object] = dict(rows["transfers"][0])
    transfer["time"] = 20231120
    with pytest.raises(InputError):
        transfer_from_row(transfer)
    filing: dict[str, object] = dict(rows["filings"][0])
    filing["year"] = np.int64(2023)
    assert filing_from_row(filing, unit_from_row(rows["units"][0])).year == 2023
    filing.update(contact_name="张三", contact_mobile="1380013800", contact_landline="")
    assert [v.code for v in filing_contact_problems(filing)] == ["mobile-invalid"]
    assert filing_from_row(filing, unit_from_row(rows["units"][0])).contact is None
    filing.update(contact_name="", contact_mobile="", contact_landline="")
    assert filing_contact_problems(filing) == ()


def test_an_unknown_choice_lists_the_choices_in_each_language() -> None:
    """The English message joins the choices with ", ", the Chinese one with "、"."""
    row: dict[str, object] = dict(_rows(SAMPLE)["orders"][0])
    row["status"] = "lost"
    with pytest.raises(InputError) as caught:
        order_from_row(row)
    assert "、" in caught.value.zh and "、" not in caught.value.en
    assert "awaiting-payment, " in caught.value.en
