"""Reading datasets from JSON and CSV: row-numbered errors, bounds, encodings, nothing dropped."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import read_dataset
from poverty_procurement.errors import InputFileError
from poverty_procurement.reporting import parse_csv, parse_json, sample_dataset
from poverty_procurement.reporting.records import KINDS, MAX_FIELD_LENGTH, PROGRESS_EVERY, Dataset, RowError
from support import SAMPLE, to_csv


def test_the_sample_reads_without_errors() -> None:
    data = sample_dataset()
    assert (len(data.units), len(data.filings), len(data.orders), len(data.transfers)) == (12, 11, 16, 7)
    assert data.errors == () and data.year == 2023
    assert [v.code for problems in data.filing_contacts for v in problems] == ["mobile-invalid"]
    assert str(data.filings[0].reserved_share) == "900,000.00元"
    assert str(data.filings[0].union.expected) == "20,000.00元"  # type: ignore[union-attr]  # 100,000 × 20%


def test_bad_json_rows_are_reported_with_their_number_and_field() -> None:
    document = {
        "units": [{"code": "D1", "name": "某厅"}, {"code": "D1", "name": "某厅二"}, {"code": "U2", "name": "某站",
                                                                                 "superior": "NO"}],
        "filings": [{"unit": "D1", "year": 2023, "arrangement": "own", "canteen_total": "3,000,000", "ratio": "20"},
                    {"unit": "D1", "year": "2023", "arrangement": "own"},
                    {"unit": "ZZ", "year": 2023, "arrangement": "none", "remark": "无食堂"},
                    {"unit": "D1", "year": 2023, "arrangement": "own", "canteen_total": "100", "ratio": "30",
                     "reserved_share": "31.00"},
                    [1, 2]],
        "orders": [{"number": "XD2023111700000014"}],
        "extra": [],
    }
    data = parse_json(json.dumps(document))
    found = {(e.source, e.row_number, e.field) for e in data.errors}
    assert ("units", 2, "code") in found  # duplicate code
    assert ("units", 3, "superior") in found
    assert ("filings", 1, "canteen_total") in found  # thousands separator
    assert ("filings", 2, "year") in found  # "2023" is text, not a year
    assert ("filings", 3, "unit") in found
    assert ("filings", 4, "reserved_share") in found  # claimed share ≠ formula
    assert ("filings", 5, "$") in found
    assert ("orders", 1, "buyer_unit") in found  # a missing required field is named
    assert ("$", 0, "extra") in found
    assert [u.code for u in data.units] == ["D1"] and data.filings == ()
    assert all(isinstance(e, RowError) and e.message for e in data.errors)


def test_every_input_record_is_either_read_or_an_error() -> None:
    text = to_csv(SAMPLE)
    lines = text.splitlines(keepends=True)
    # break one record of each kind
    broken = [lines[0], *[line.replace("44010", "4401#", 1) if n % 5 == 0 else line
                          for n, line in enumerate(lines[1:], start=1)]]
    data = parse_csv(broken, source="data.csv")
    read = len(data.units) + len(data.filings) + len(data.orders) + len(data.transfers)
    rows_with_errors = {e.row_number for e in data.errors}
    assert read + len(rows_with_errors) == len(lines) - 1


def test_json_numbers_with_a_point_stay_exact_text() -> None:
    data = parse_json('{"units": [{"code": "D1", "name": "某厅"}], "filings": [{"unit": "D1", "year": 2023, '
                      '"arrangement": "own", "canteen_total": 1000.05, "ratio": 50}]}')
    assert str(data.filings[0].reserved_share) == "500.03元"
    exponent = parse_json('{"units": [{"code": "D1", "name": "某厅"}], "filings": [{"unit": "D1", "year": 2023, '
                          '"arrangement": "own", "canteen_total": 1e3, "ratio": 50}]}')
    assert [(e.row_number, e.field) for e in exponent.errors] == [(1, "canteen_total")]


@pytest.mark.parametrize(("text", "where"), [
    ('{"units": [', "第 1 行第 12 列"), ("[1, 2]", "顶层须为对象"), ('{"year": 2023,}', "JSON 语法错误"),
    ("[" * 100_000, "JSON 语法错误"),
])
def test_bad_json_syntax_is_a_file_error(text: str, where: str) -> None:
    with pytest.raises(InputFileError) as raised:
        parse_json(text)
    assert where in raised.value.zh


def test_bad_encoding_is_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_bytes('{"units": []}'.encode("utf-16"))
    with pytest.raises(InputFileError, match="UTF-8"):
        read_dataset(path)
    csv_path = tmp_path / "data.csv"
    csv_path.write_bytes("kind,code,name\nunit,D1,某厅\n".encode("utf-16"))  # neither UTF-8 nor GB18030
    with pytest.raises(InputFileError, match="CSV UTF-8") as raised:
        read_dataset(csv_path)
    assert "\n" not in str(raised.value) and "GB18030" in raised.value.zh
    csv_path.write_bytes("kind,code,name\nunit,D1,某厅\n".encode("gb18030"))  # GBK, as Excel saves “CSV (逗号分隔)”
    assert [unit.name for unit in read_dataset(csv_path).units] == ["某厅"]


def test_csv_single_file_with_bom_matches_json() -> None:
    from_csv = parse_csv(io.StringIO(to_csv(SAMPLE, bom=True)), source="data.csv")
    from_json = parse_json(json.dumps(SAMPLE, ensure_ascii=False))
    assert from_csv.errors == ()
    assert (from_csv.units, from_csv.filings, from_csv.orders, from_csv.transfers) == (
        from_json.units, from_json.filings, from_json.orders, from_json.transfers)


def test_csv_row_numbers_are_spreadsheet_rows_and_unknown_columns_are_reported() -> None:
    text = "kind,code,name,superior,colour\nunit,D1,某厅,,red\n\nunit,U1,,D1,\nthing,X,Y,,\nunit,U2,某站,D1,,extra\n"
    data = parse_csv(io.StringIO(text), source="units.csv")
    assert [(e.row_number, e.field) for e in data.errors] == [(1, "colour"), (4, "name"), (5, "kind"),
                                                                (6, "第6列")]
    assert [u.code for u in data.units] == ["D1"]


def test_csv_booleans_and_years() -> None:
    text = ("kind,unit,year,arrangement,remark,has_union_need,code,name\n"
            "unit,,,,,,D1,某厅\nfiling,D1,2023,none,无食堂,否,,\n")
    data = parse_csv(io.StringIO(text))
    assert data.errors == () and data.filings[0].has_union_need is False
    bad = parse_csv(io.StringIO(text.replace("2023", "二〇二三")))
    assert [(e.row_number, e.field) for e in bad.errors] == [(3, "year")]


def test_a_directory_of_csv_files(tmp_path: Path) -> None:
    for kind in KINDS:
        document = {kind: SAMPLE[kind]}
        text = to_csv(document)
        reader = csv.reader(io.StringIO(text))
        rows = [row[1:] for row in reader]  # without the kind column
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        (tmp_path / f"{kind}.csv").write_text(out.getvalue(), encoding="utf-8")
    data = read_dataset(tmp_path)
    assert data.errors == ()
    assert len(data.orders) == 16 and len(data.units) == 12
    (tmp_path / "orders.csv").write_text("number,kind\nX,unit\n", encoding="utf-8")
    assert [(e.source, e.row_number, e.field) for e in read_dataset(tmp_path).errors] == [("orders.csv", 2, "kind")]


def test_files_that_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="无法读取"):
        read_dataset(tmp_path / "missing.json")
    (tmp_path / "data.xlsx").write_bytes(b"PK")
    with pytest.raises(InputFileError, match=r"不是有效的 \.xlsx"):
        read_dataset(tmp_path / "data.xlsx")
    (tmp_path / "data.ods").write_bytes(b"PK")
    with pytest.raises(InputFileError, match=r"\.json"):
        read_dataset(tmp_path / "data.ods")
    with pytest.raises(InputFileError, match="目录中没有"):
        read_dataset(tmp_path)
    (tmp_path / "quote.csv").write_text('kind,code\nunit,"D1"x\n', encoding="utf-8")
    with pytest.raises(InputFileError, match="CSV"):
        read_dataset(tmp_path / "quote.csv")
    (tmp_path / "nokind.csv").write_text("甲,乙\nD1,某厅\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="看不出这是哪一类记录"):
        read_dataset(tmp_path / "nokind.csv")
    (tmp_path / "nokind.csv").write_text("code,name\nD1,某厅\n", encoding="utf-8")  # the header shows the kind
    assert [unit.code for unit in read_dataset(tmp_path / "nokind.csv").units] == ["D1"]


def test_field_length_bound_and_progress() -> None:
    long = parse_json(json.dumps({"units": [{"code": "D1", "name": "某" * (MAX_FIELD_LENGTH + 1)}]}))
    assert [(e.row_number, e.field) for e in long.errors] == [(1, "name")]
    seen: list[int] = []
    rows = [{"code": f"U{n}", "name": "单位"} for n in range(PROGRESS_EVERY + 1)]
    data = parse_json(json.dumps({"units": rows}), progress=seen.append)
    assert seen == [PROGRESS_EVERY] and data.rows == PROGRESS_EVERY + 1


def test_unit_cycles_are_reported_per_row() -> None:
    data = parse_json(json.dumps({"units": [{"code": "A", "name": "甲", "superior": "B"},
                                            {"code": "B", "name": "乙", "superior": "A"}]}))
    assert [(e.row_number, e.field) for e in data.errors] == [(1, "superior"), (2, "superior")]


@given(st.text(max_size=300))
def test_arbitrary_text_as_json_gives_a_dataset_or_a_file_error(text: str) -> None:
    with contextlib.suppress(InputFileError):
        assert isinstance(parse_json(text), Dataset)


@given(st.text(max_size=300))
def test_arbitrary_text_as_csv_gives_a_dataset_or_a_file_error(text: str) -> None:
    with contextlib.suppress(InputFileError):
        assert isinstance(parse_csv(io.StringIO(text, newline="")), Dataset)


@given(st.lists(st.dictionaries(st.sampled_from(["code", "name", "superior", "province", "x"]),
                                st.one_of(st.text(max_size=8), st.integers(), st.none(), st.booleans()),
                                max_size=5), max_size=6))
def test_arbitrary_unit_records_are_read_or_reported(rows: list[dict[str, object]]) -> None:
    data = parse_json(json.dumps({"units": rows}))
    assert len(data.units) + len({e.row_number for e in data.errors}) == len(rows)


def test_duplicates_half_union_and_a_bad_year_are_row_errors() -> None:
    filing = {"unit": "D1", "year": 2023, "arrangement": "none", "remark": "无食堂"}
    order = SAMPLE["orders"][0] | {"buyer_unit": "D1"}
    data = parse_json(json.dumps({
        "year": "2023", "units": [{"code": "D1", "name": "某厅"}],
        "filings": [filing, filing, filing | {"year": 2022, "union_total": "100000"}],
        "orders": [order, order],
    }, ensure_ascii=False))
    found = [(e.source, e.row_number, e.field) for e in data.errors]
    assert found == [("$", 0, "year"), ("filings", 2, "unit"), ("filings", 3, "union_total"), ("orders", 2, "number")]
    assert data.year is None and len(data.filings) == 1 and len(data.orders) == 1


def test_filings_json_for_the_check_command() -> None:
    from poverty_procurement.reporting.json_input import parse_filings_json

    by_code = parse_filings_json('[{"unit": "U1", "year": 2023, "arrangement": "none", "remark": "无食堂"}, 3]')
    assert [f.unit.name for f in by_code.filings] == ["U1"]
    assert [(e.row_number, e.field) for e in by_code.errors] == [(2, "$")]
    dataset = parse_filings_json(json.dumps(SAMPLE, ensure_ascii=False))
    assert len(dataset.filings) == 11
    with pytest.raises(InputFileError):
        parse_filings_json("{")


def test_csv_true_values() -> None:
    text = "kind,unit,year,arrangement,has_union_need,code,name\nunit,,,,,D1,某厅\nfiling,D1,2023,none,是,,\n"
    data = parse_csv(io.StringIO(text))
    assert data.filings[0].has_union_need is True


def test_size_bounds(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from poverty_procurement.reporting import json_input, records

    monkeypatch.setattr(records, "MAX_ROWS", 2)
    with pytest.raises(InputFileError, match="记录超过"):
        parse_json(json.dumps({"units": [{"code": f"U{n}", "name": "单位"} for n in range(3)]}))
    monkeypatch.setattr(json_input, "MAX_JSON_BYTES", 10)
    with pytest.raises(InputFileError, match="JSON 超过"):
        parse_json(b'{"units": [], "filings": []}')
    with pytest.raises(InputFileError, match="JSON 超过"):
        parse_json('{"units": [], "filings": []}')
    path = tmp_path / "big.json"
    path.write_text('{"units": [], "filings": []}', encoding="utf-8")
    with pytest.raises(InputFileError, match="JSON 超过"):
        read_dataset(path)


def test_no_limit_on_the_number_of_records_by_default() -> None:
    """Issue 18: the 1,000,000-record refusal is gone (a service may still set ``records.MAX_ROWS``)."""
    from poverty_procurement.reporting import records

    builder = records.RowBuilder(None)
    builder.count = 10_000_000  # as after ten million rows
    builder.add(("units", "units.csv", 10_000_002, {"code": "D1", "name": "某厅"}))
    assert records.MAX_ROWS is None and builder.count == 10_000_001 and not builder.errors
