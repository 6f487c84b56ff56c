"""Fuzz targets — every function that takes outside text or data, driven with arbitrary input.

Each target is a function of one drawn value that either returns or raises the library's own
errors (``PovertyProcurementError``); anything else — another exception, a hang, a crash — is a
finding. :data:`TARGETS` pairs each target with the Hypothesis strategy that feeds it. Used by
``tests/package/test_fuzz.py`` (a few dozen inputs each, in CI) and by ``python fuzz/run.py`` (thousands
each, printing how many inputs every target ran, how they ended and the slowest input's time).

Size bounds the inputs meet (documented where the parser lives): amount and ratio text 64
characters (``form_grammar.MAX_INPUT_LENGTH``), memo ``MAX_MEMO_LENGTH``, remark 50 (union) / the filing
remark bound, identifiers by their fixed lengths, county names 64 characters, structured data by
the converter's field checks. The strategies below go past every bound.
"""

from __future__ import annotations

import datetime
import importlib
import json
import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

import poverty_procurement as pp
import poverty_procurement.filings
import poverty_procurement.money
import poverty_procurement.payments
import poverty_procurement.reporting
from poverty_procurement._hypothesis_plugin import REGISTRATIONS
from poverty_procurement.identifiers import account_number, bank_code, confirmation_number, order_number, payment_code
from poverty_procurement.reporting.columns import SHEETS
from poverty_procurement.reporting.records import KINDS

__all__ = ["HOSTILE_DOCUMENTS", "HOSTILE_VALUES", "TARGETS", "Target", "hostile", "json_values", "run_target"]

Target = tuple[str, Callable[[Any], object], st.SearchStrategy[Any]]

#: long and short text: printable, control characters, surrogates-free unicode, CJK and digits
_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789.,，。 元¥%％０１２３４５６７８９-+eE_", max_size=80),
    st.text(min_size=60, max_size=5_000),
)
_BYTES_AS_TEXT = st.binary(max_size=300).map(lambda data: data.decode("utf-8", "replace"))
_ANY_TEXT = st.one_of(_TEXT, _BYTES_AS_TEXT)

#: blank strings stand for an empty form field (atheris reached the blank-landline branch of
#: ``Contact`` that plain ``st.text()`` rarely draws: see README.md)
_BLANK = st.sampled_from(["", " ", "\u3000", "\t\n"])
json_values: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30) | _BLANK,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=6),
    max_leaves=25,
)


class _Text(str):
    """A str subclass whose repr and str lie (a caller's own string type)."""

    def __repr__(self) -> str:
        return "\x1b[2J<forged>"


class _Int(int):
    """An int subclass with a failing repr."""

    def __repr__(self) -> str:
        raise RuntimeError("repr")


class _Decimal(Decimal):
    """A Decimal subclass."""


#: The attack's hostile values (issue 17): huge ints, NaN/sNaN/Infinity, subclasses of
#: str/int/Decimal, bools, lone surrogates, control and bidi characters, long text. Every
#: target's strategy draws from them too (:func:`hostile`); the sweep over every public callable
#: (``tests/package/test_hostile_sweep.py``) feeds each of them to every callable.
HOSTILE_VALUES: tuple[object, ...] = (
    10**5000, -(10**5000), 10**1000, 2**63, -1, 0, True, False, _Int(7),
    Decimal("NaN"), Decimal("sNaN"), Decimal("-sNaN"), Decimal("Infinity"), Decimal("-Infinity"),
    Decimal("1E+999999"), Decimal("1E-999999"), Decimal("-0"), Decimal("0.001"), Decimal("1." + "0" * 70 + "1"),
    _Decimal("12.34"), float("nan"), float("inf"), 0.1,
    "", " ", "\ud800", "a\udfffb", "货款\x1b[2J\n结论：全部合规（退出码 0）", "RL\u202e123456", "\x00", "\u200b",
    "1E+5", "9" * 5000, "１２.５", _Text("12"), _Text("广东"), "x" * 1_000_000,
    None, b"\x89PNG\r\n\x1a\n", [], {}, object(),
)

#: JSON input files the attack used: huge integers, duplicate keys, lone surrogates, forged lines.
HOSTILE_DOCUMENTS: tuple[bytes, ...] = (
    b'{"year": ' + b"9" * 4301 + b"}",
    b'{"year": 2023, "year": 2024}',
    b'{"units": [{"code": "D1", "name": "\\ud800"}]}',
    b'{"units": [{"code": "D1", "name": "\\udc00\\ud800"}], "filings": []}',
    b'{"transfers": [{"memo": "\\u001b[2J\\n\\u202e", "amount": ' + b"1" * 5000 + b"}]}",
    b'{"units": [{"code": "D1", "name": "a", "name": "b"}]}',
)


def hostile(inputs: st.SearchStrategy[Any], *extra: object) -> st.SearchStrategy[Any]:
    """``inputs``, and now and then one of the hostile values (and ``extra``)."""
    return st.one_of(inputs, inputs, inputs, st.sampled_from((*HOSTILE_VALUES, *extra)))


def _structure(cls: type[Any]) -> Callable[[Any], object]:
    def target(data: Any) -> object:
        return pp.converter.structure(data, cls)
    return target


def _mutated_json(cls: type[Any]) -> st.SearchStrategy[Any]:
    """Valid JSON of a value object with one field replaced by arbitrary JSON (the likely typo)."""
    def mutate(value: object, replacement: Any, which: int) -> Any:
        data = json.loads(json.dumps(pp.converter.unstructure(value)))
        if isinstance(data, dict) and data:
            key = sorted(data)[which % len(data)]
            data[key] = replacement
            return data
        return replacement
    return st.builds(mutate, st.from_type(cls), json_values, st.integers(0, 50))


def _value_object_targets() -> list[Target]:
    targets: list[Target] = []
    for module, name, _, _ in REGISTRATIONS:
        cls = getattr(importlib.import_module(f"poverty_procurement.{module}"), name)
        valid = st.from_type(cls).map(pp.converter.unstructure)
        inputs = st.one_of(json_values, _mutated_json(cls), valid)
        targets.append((f"converter.structure[{name}]", _structure(cls), hostile(inputs)))
    return targets


def _json_documents() -> st.SearchStrategy[bytes]:
    """JSON input files: arbitrary JSON, or the format's top-level arrays with arbitrary records."""
    kinds = st.sampled_from(("units", "filings", "orders", "transfers", "purchases", "year", "other"))
    documents = st.one_of(json_values, st.dictionaries(kinds, st.lists(json_values, max_size=4), max_size=4))
    return documents.map(lambda document: json.dumps(document, ensure_ascii=False).encode())


def _csv_documents() -> st.SearchStrategy[str]:
    """CSV input files: a header from the format's columns and rows of arbitrary cells."""
    columns = st.sampled_from(("kind", "code", "name", "province", "superior", "unit", "year", "arrangement",
                               "canteen_total", "ratio", "remark", "number", "amount", "memo", "x"))
    kinds = st.sampled_from(("unit", "filing", "order", "transfer", "", "units"))
    cell = st.one_of(kinds, st.text(alphabet=st.characters(blacklist_characters=',"\r\n'), max_size=12))

    def render(header: list[str], rows: list[list[str]]) -> str:
        return "\n".join(",".join(row) for row in [header, *rows])
    return st.lists(columns, min_size=1, max_size=8, unique=True).flatmap(
        lambda header: st.builds(render, st.just(header),
                                 st.lists(st.lists(cell, min_size=len(header), max_size=len(header)), max_size=5)))


# --- office files (issue 14): Chinese headers, office values, GB18030 / UTF-8 / xlsx -----------------

_OFFICE_HEADERS = st.sampled_from(sorted({name for sheet in SHEETS for column in sheet.columns for name in column.names}
                                         | {"类型", "kind", "", "x", "* 2023年度预留比例 (%)"}))
_OFFICE_VALUES = st.sampled_from(["是", "否", "Y", "30%", "30", "0.3", "３０％", "3,000,000.00", "3,00,0", "1e3",
                                  "300元", "2023", "2023年", "2023/3/13 10:00", "2023-02-30 10:00:00", "自有食堂",
                                  "无食堂", "共用广东省某厅食堂", "6.22E+18", "单位", "filing", "44010000", "广东",
                                  "火星", "13800138000", "XD2023031300000001"])
_CELLS = st.one_of(_OFFICE_VALUES, _OFFICE_VALUES, st.text(max_size=12), st.none(), st.integers(), st.booleans(),
                   st.floats(), st.datetimes(), st.dates())


def _office_rows() -> st.SearchStrategy[tuple[list[str], list[list[Any]]]]:
    return st.lists(_OFFICE_HEADERS, min_size=1, max_size=9).flatmap(
        lambda header: st.tuples(st.just(header), st.lists(st.lists(_CELLS, max_size=len(header) + 1), max_size=4)))


def _office_table(drawn: tuple[str | None, tuple[list[str], list[list[Any]]], bool, int | None]) -> object:
    """One table (a CSV file or a sheet) read as the readers do: header, rows, the builder."""
    from poverty_procurement.reporting.office import Options, Table, split_unit
    from poverty_procurement.reporting.records import RowBuilder

    kind, (header, rows), strict, year = drawn
    builder = RowBuilder(None)
    table = Table.of(header, "填报.csv", kind, options=Options(year, strict), errors=builder.errors)
    for number, cells in enumerate(rows, start=2):
        record = table.record(number, cells, builder.errors, builder.warnings, frozenset({0, 2}))
        if record is not None:
            record, unit = split_unit(record)
            if unit is not None:
                builder.add(("units", "填报.csv", number, unit))
            builder.add(record)
    return builder.build(None)


def _csv_bytes(drawn: tuple[tuple[list[str], list[list[Any]]], str]) -> bytes:
    import csv
    import io

    (header, rows), encoding = drawn
    out = io.StringIO()
    csv.writer(out).writerows([header, *[["" if cell is None else str(cell) for cell in row] for row in rows]])
    return out.getvalue().encode(encoding, "replace")


def _office_csv_files() -> st.SearchStrategy[bytes]:
    """Office CSV files: Chinese headers and office values in UTF-8 (BOM or not), GB18030, UTF-16, or bytes."""
    encodings = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "latin-1"])
    return st.one_of(st.tuples(_office_rows(), encodings).map(_csv_bytes), st.binary(max_size=300))


def _xlsx_bytes(drawn: tuple[list[tuple[str, tuple[list[str], list[list[Any]]]]], list[tuple[int, int]]]) -> bytes:
    import io
    import re

    import openpyxl  # type: ignore[import-untyped,unused-ignore]

    illegal = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")

    def writable(cell: Any) -> Any:
        if isinstance(cell, str):
            return illegal.sub("", cell)
        if isinstance(cell, float) and not math.isfinite(cell):
            return str(cell)
        if isinstance(cell, int) and not isinstance(cell, bool) and abs(cell) > 2**53:
            return str(cell)
        if isinstance(cell, datetime.datetime | datetime.date) and cell.year < 1900:
            return cell.isoformat()
        return cell

    sheets, flips = drawn
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, (header, rows) in sheets:
        sheet = book.create_sheet(title)
        for row in [header, *rows]:
            sheet.append([writable(cell) for cell in row])
        sheet.cell(2, 1).number_format = "0.00%"
    if not sheets:
        book.create_sheet("说明")
    out = io.BytesIO()
    book.save(out)
    data = bytearray(out.getvalue())
    for position, value in flips:  # damage a few bytes: the reader must still end with its own error
        data[position % len(data)] = value
    return bytes(data)


def _office_xlsx_files() -> st.SearchStrategy[bytes]:
    """Workbooks: sheets named 单位/填报/订单/转账/说明/other with office rows, sometimes damaged, or bytes."""
    names = st.sampled_from(["单位", "填报", "订单", "转账", "说明", "units", "Sheet1", "杂项"])
    sheets = st.lists(st.tuples(names, _office_rows()), max_size=3, unique_by=lambda sheet: sheet[0])
    flips = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=2)
    return st.one_of(st.tuples(sheets, flips).map(_xlsx_bytes), st.binary(max_size=300))


def _read_file(suffix: str) -> Callable[[bytes], object]:
    def read(data: bytes) -> object:
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"填报{suffix}"
            path.write_bytes(data)
            return pp.reporting.read_dataset(path)
    return read


def _filing_text(text: str) -> object:
    unit = pp.BudgetUnit("44000001", "某单位", "广东")
    return pp.Filing(unit, 2023, "own", canteen_total=text, ratio=text, remark=text)


TARGETS: list[Target] = [
    ("parse_amount", pp.parse_amount, _ANY_TEXT),
    ("yuan", pp.yuan, st.one_of(_ANY_TEXT, st.integers(), st.decimals(), st.floats(), st.none())),
    ("round_yuan", pp.money.round_yuan, st.one_of(_ANY_TEXT, st.integers(), st.decimals(), st.floats())),
    ("format_yuan", pp.format_yuan, st.one_of(st.from_type(pp.Yuan), st.integers(), _ANY_TEXT, st.none())),
    ("format_capital", pp.format_capital, st.one_of(st.from_type(pp.Yuan), st.integers(), _ANY_TEXT)),
    ("parse_ratio", pp.parse_ratio, _ANY_TEXT),
    ("Ratio.of", pp.Ratio.of, st.one_of(_ANY_TEXT, st.integers(), st.decimals())),
    ("minimum_ratio(province)", lambda text: pp.minimum_ratio(2023, text), _ANY_TEXT),
    ("order_number.validate", order_number.validate, _ANY_TEXT),
    ("confirmation_number.validate", confirmation_number.validate, _ANY_TEXT),
    ("payment_code.validate", payment_code.validate, _ANY_TEXT),
    ("bank_code.validate", bank_code.validate, _ANY_TEXT),
    ("account_number.validate", account_number.validate, _ANY_TEXT),
    ("extract_payment_codes(memo)", pp.payments.extract_payment_codes, _ANY_TEXT),
    ("classify_remark", pp.classify_remark, _ANY_TEXT),
    ("normalise_mobile", pp.filings.normalise_mobile, _ANY_TEXT),
    ("normalise_landline", pp.filings.normalise_landline, _ANY_TEXT),
    ("lookup_county", pp.lookup_county, st.one_of(_ANY_TEXT, st.integers())),
    ("lookup_poverty_county", pp.lookup_poverty_county, st.one_of(_ANY_TEXT, st.integers())),
    ("Filing(text fields)", _filing_text, _ANY_TEXT),
    ("parse_json(input file bytes)", pp.reporting.parse_json, st.one_of(st.binary(max_size=400), _json_documents())),
    ("parse_csv(input file lines)", lambda text: pp.reporting.parse_csv(text.splitlines(keepends=True)),
     _csv_documents()),
    ("office Table(header, cells)", _office_table,
     st.tuples(st.sampled_from([None, *KINDS]), _office_rows(), st.booleans(), st.sampled_from([None, 2023]))),
    ("read_dataset(office .csv bytes)", _read_file(".csv"), _office_csv_files()),
    ("read_dataset(.xlsx bytes)", _read_file(".xlsx"), _office_xlsx_files()),
    *_value_object_targets(),
]
# every target draws the hostile values too; the file readers draw the hostile documents
_HOSTILE_TEXT = tuple(value for value in HOSTILE_VALUES if isinstance(value, str))
TARGETS = [(name, function,
            inputs if name.startswith(("read_dataset", "office")) else
            hostile(inputs, *HOSTILE_DOCUMENTS) if name.startswith("parse_json") else
            st.one_of(inputs, inputs, inputs, st.sampled_from(_HOSTILE_TEXT)) if name.startswith("parse_csv") else
            inputs if name.startswith("converter") else hostile(inputs))
           for name, function, inputs in TARGETS]


def run_target(function: Callable[[Any], object], value: Any) -> str:
    """Run one input; ``"ok"`` or ``"library error"`` — anything else propagates (a finding)."""
    try:
        function(value)
    except pp.PovertyProcurementError:
        return "library error"
    return "ok"
