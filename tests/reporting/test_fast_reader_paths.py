"""The readers' fast paths (issue 18) give what the plain paths give, on generated rows, good and bad:
the order record built once (``records``), the cells of a row read with remembered readings and the plain
amount shortcut (``office``); the same value objects, the same row errors naming the same row and column."""

from __future__ import annotations

import io
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement.model.order import Channel, OrderStatus, Placer, ProductCategory, UnionDelivery, UnionScheme
from poverty_procurement.money import parse_amount
from poverty_procurement.reporting import parse_csv, records
from poverty_procurement.reporting.columns import sheet_for_kind
from poverty_procurement.reporting.office import Options, Table
from poverty_procurement.reporting.records import RowBuilder
from poverty_procurement.serialization import converter
from poverty_procurement.strategies.filings import budget_units
from poverty_procurement.strategies.payments import bank_transfers, orders

_ODD = st.one_of(st.sampled_from(["", " ", "0", "0.001", "1,000.00", "-1", "XD1", "paid", "unit", "否", "2023-02-30",
                                  "2023-01-01T10:00:00", "x" * 70, "１２", "f54yx!", "1e3", "\u00a0",
                                  "6.22E+18", " 6.22e+18 ", "1+2", " XD2023060100000001 ", "\tk3m8pq"]),
                 st.text(max_size=6), st.integers(-2, 2), st.booleans(), st.none())


def _odd_record(kind: str, value: object) -> st.SearchStrategy[dict[str, Any]]:
    """The flat record of a generated value object (as the data files hold it), a few fields replaced by odd values."""

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        fields: dict[str, Any] = converter.unstructure(draw(value))  # type: ignore[arg-type]
        fields = {key: each for key, each in fields.items() if each is not None}
        return _with_odd_values(draw, fields, kind, 3)

    return build()


def _with_odd_values(draw: st.DrawFn, fields: dict[str, Any], kind: str, most: int) -> dict[str, Any]:
    """``fields`` with up to ``most`` fields of ``kind`` (or an unknown one) dropped or given an odd value."""
    for name in draw(st.lists(st.sampled_from([*records.FIELDS[kind], "colour"]), max_size=most)):
        odd = draw(_ODD)
        if odd is None:
            fields.pop(name, None)
        else:
            fields[name] = odd
    return fields


def order_records() -> st.SearchStrategy[dict[str, Any]]:
    return _odd_record("orders", orders())


_AMOUNT_TEXT = st.one_of(st.sampled_from(["100000", "100000.00", "0", "1.005", "-1", "1e3", "１２", " 12 ", "12.5"]),
                         st.integers(0, 10**6).map(str), st.integers(0, 10**6))
_RATIO_TEXT = st.one_of(st.sampled_from(["30", "30.00", "0.5", "100", "101", "30.001", "abc", "３０"]),
                        st.integers(0, 100).map(str), st.integers(-1, 101))
_FILING_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "canteen_total": _AMOUNT_TEXT, "ratio": _RATIO_TEXT, "reserved_share": _AMOUNT_TEXT,
    "has_union_need": st.booleans(), "union_total": _AMOUNT_TEXT, "union_ratio": _RATIO_TEXT,
    "union_remark": st.text(max_size=6), "remark": st.sampled_from(["", "无食堂", "共用某单位食堂"]),
    "contact_name": st.sampled_from(["张三", " ", ""]), "contact_mobile": st.sampled_from(["13800138000", "1"]),
    "contact_landline": st.sampled_from(["020-83188589", "x"]), "executing_entity": st.text(max_size=4)}


@st.composite
def filing_records(draw: st.DrawFn) -> dict[str, Any]:
    """Flat filing records as the readers give them (text, an int year, amount and ratio text, an arrangement's
    value, bool), each optional field present or not, none, one or two fields replaced by odd values."""
    fields: dict[str, Any] = draw(st.fixed_dictionaries(
        {"unit": st.sampled_from(["D1", "U1"]), "year": st.integers(1999, 2101),
         "arrangement": st.sampled_from(["own", "outsourced", "shared-representative", "shared-member", "none"])},
        optional=_FILING_VALUES))
    return _with_odd_values(draw, fields, "filings", 2)


_KINDS = {"orders": order_records(), "transfers": _odd_record("transfers", bank_transfers()),
          "units": _odd_record("units", budget_units()), "filings": filing_records()}


def _parsed(kind: str, fields: dict[str, Any]) -> tuple[object, list[tuple[str, str]]]:
    builder = RowBuilder(None)
    made = builder.parse((kind, f"{kind}.csv", 2, fields))
    return made, [(error.field, error.message) for error in builder.errors]


@pytest.mark.parametrize("kind", sorted(_KINDS))
def test_a_record_is_read_as_the_converter_and_constructors_read_it(kind: str) -> None:
    @given(_KINDS[kind])
    def check(fields: dict[str, Any]) -> None:
        fast = _parsed(kind, fields)
        with pytest.MonkeyPatch.context() as patch:
            patch.setitem(records._FAST, kind, lambda _fields: None)  # the plain path: converter, then constructors
            plain = _parsed(kind, fields)
        assert fast == plain
        assert repr(fast[0]) == repr(plain[0])

    check()


_HEADER = ["kind", *records.FIELDS["orders"], "code", "name"]


def _cell(value: object) -> str:
    return "" if value is None else value if isinstance(value, str) else str(value).lower()


def _assert_read_as_in_order(table: Table, number: int, cells: list[Any]) -> None:
    """The row read at once gives the cells and errors of the column-by-column reading."""
    fast_errors: list[Any] = []
    plain_errors: list[Any] = []
    fast = table._cells("orders", number, cells, errors=fast_errors, warnings=[], percent=frozenset())
    plain = table._cells_in_order("orders", number, cells, errors=plain_errors, warnings=[], percent=frozenset())
    assert (fast, fast_errors) == (plain, plain_errors)


@given(st.lists(order_records(), min_size=1, max_size=4))
def test_the_cells_of_a_row_read_as_column_by_column(rows: list[dict[str, Any]]) -> None:
    table = Table.of(_HEADER, "data.csv", None, options=Options(2023))
    for number, fields in enumerate(rows * 2, start=2):  # twice: the second time from the remembered readings
        cells = ["order", *(_cell(fields.get(name)) for name in _HEADER[1:-2]), "", ""]
        if number % 3 == 0:
            cells[-1] = "某单位"  # a cell in another kind's column: read column by column
        _assert_read_as_in_order(table, number, cells)


@given(st.one_of(st.from_regex(r"\A[0-9]{1,13}(\.[0-9]{0,3})?\Z"), st.text(max_size=8)))
def test_a_plain_amount_reads_as_parse_amount_reads_it(text: str) -> None:
    from poverty_procurement.errors import InvalidAmount
    from poverty_procurement.reporting import cell_forms

    try:
        fen = parse_amount(text).fen
        expected: object = f"{fen // 100}.{fen % 100:02d}"
    except InvalidAmount:
        expected = "refused"
    try:
        got: object = cell_forms._amount(text)
    except Exception:  # office's own refusal (its message adds the expected form)
        got = "refused"
    if "e" not in text.lower() and text == text.strip() and text.isascii() and "," not in text \
            and not text.endswith("元") and not text.startswith(("¥", "￥")) and " " not in text:
        assert got == expected


def test_a_later_pass_reads_only_the_kinds_asked_for() -> None:
    from poverty_procurement.reporting.csv_input import csv_records

    text = "kind,code,name,number\nunit,D1,某厅,\norder,,,bad\nunit,,,\n"
    errors: list[Any] = []
    found = list(csv_records(io.StringIO(text), "data.csv", None, errors, only=frozenset({"units"})))
    assert [record[2] for record in found] == [2] and [e.row_number for e in errors] == [4]
    assert parse_csv(io.StringIO(text)).errors  # read in full, the bad rows are noted
    assert attrs.has(type(parse_csv(io.StringIO(text)).errors[0]))


_CODE_TEXT = st.one_of(st.sampled_from(["6.22E+18", " 6.22e+18 ", "1+2", "+", " XD2023060100000001 ", "\tk3m8pq",
                                        "44010000", "", " ", "\u3000", "9" * 1001, "9" * 600]),
                       st.text(alphabet=" +eE.0123456789xX\t", max_size=12), st.text(max_size=6))
_CODE_FIELDS = ("number", "buyer_unit", "account_number", "bank_code", "payment_code")
#: What a spreadsheet cell may be besides text (an .xlsx row): read cell by cell.
_NOT_TEXT = st.one_of(st.none(), st.integers(0, 10**12), st.floats(allow_nan=False), st.just(6.22e18))


@given(st.lists(st.fixed_dictionaries({name: _CODE_TEXT for name in _CODE_FIELDS}), min_size=1, max_size=3),
       st.integers(1, len(_HEADER)), st.one_of(st.none(), st.tuples(st.sampled_from(_CODE_FIELDS), _NOT_TEXT)),
       st.sampled_from(["", "某单位", "  "]))
def test_code_cells_read_as_column_by_column(rows: list[dict[str, str]], length: int,
                                             odd: tuple[str, object] | None, other: str) -> None:
    """A row of text read at once (its cells taken in one step, its length checked in one join) reads as cell by
    cell: code cells (not remembered: trimmed, a long number Excel rewrote refused), too-long cells, a row shorter
    than the header, a cell that is not text (an .xlsx row), a cell in another kind's column."""
    table = Table.of(_HEADER, "data.csv", None, options=Options(2023))
    for number, codes in enumerate(rows * 2, start=2):
        cells: list[object] = [*["order", *(codes.get(name, "") for name in _HEADER[1:-2]), other, ""][:length]]
        if odd is not None and _HEADER.index(odd[0]) < length:
            cells[_HEADER.index(odd[0])] = odd[1]
        _assert_read_as_in_order(table, number, cells)


@pytest.mark.parametrize("at", [1, 2, 5])
@pytest.mark.parametrize("long", ["9" * 1001, "某" * 1001, " " * 1001 + "x"])
def test_a_too_long_cell_in_a_row_of_text_is_refused(at: int, long: str) -> None:
    """The row's one-join length check must not let a cell over MAX_FIELD_LENGTH through (nor a short row hide one)."""
    table = Table.of(_HEADER, "data.csv", None, options=Options(2023))
    cells = ["order", *[""] * (len(_HEADER) - 1)]
    cells[at] = long
    errors: list[Any] = []
    assert table._cells("orders", 2, cells, errors=errors, warnings=[], percent=frozenset()) is None
    assert [(error.field, error.message) for error in errors] == [(_HEADER[at], "超过 1000 个字符 | longer than 1000 "
                                                                                "characters")]


@given(st.lists(st.tuples(st.text(alphabet=" \t\u3000\u00a0x", max_size=3), st.text(alphabet=" \u2003y", max_size=3)),
                max_size=6))
def test_a_row_of_blank_cells_is_skipped_and_no_other(rows: list[tuple[str, str]]) -> None:
    """Blank rows (every cell empty or spaces, one join in C) are skipped; any other row is read or refused."""
    import csv

    from poverty_procurement.reporting.csv_input import csv_records

    out = io.StringIO()
    csv.writer(out).writerows([("code", "name"), *rows])
    errors: list[Any] = []
    read = [record[2] for record in csv_records(io.StringIO(out.getvalue()), "units.csv", "units", errors)]
    met = sorted({*read, *(error.row_number for error in errors if error.row_number > 1)})
    assert met == [number for number, cells in enumerate(rows, start=2) if any(cell.strip() for cell in cells)]


@given(st.dictionaries(st.sampled_from(["a", "b", "c", "d"]),
                       st.one_of(st.text(max_size=3), st.sampled_from(["x" * 1000, "x" * 1001, "某" * 600]),
                                 st.integers(), st.booleans(), st.none())))
def test_too_long_names_the_first_too_long_field(fields: dict[str, object]) -> None:
    expected = next((key for key, value in fields.items() if isinstance(value, str) and len(value) > 1000), None)
    assert records._too_long(fields) == expected


_FILING_CASES = [
    {"unit": "D1", "year": 2023, "arrangement": "own", "canteen_total": "100000", "ratio": "30", "remark": "备注",
     "union_remark": "工会", "contact_name": "张三", "contact_mobile": "13800138000", "contact_landline": "020-1",
     "executing_entity": "某公司"},
    {"unit": "D1", "year": 2023, "arrangement": "none", "remark": "无食堂", "has_union_need": True,
     "union_total": "5000.5", "union_ratio": "20"},
    {"unit": "D1", "year": 2023, "arrangement": "own", "canteen_total": "1", "ratio": "", "reserved_share": "0.3"},
    {"unit": "D1", "year": 2023, "arrangement": "own", "has_union_need": "是"},
    {"unit": "D1", "year": 2023, "arrangement": "own", "ratio": 30, "canteen_total": 100000},
    {"unit": "D1", "year": 2023, "arrangement": "own", "remark": 1},
    {"unit": "D1", "year": True, "arrangement": "own"},
    {"unit": "D1", "year": 2023, "arrangement": "食堂"},
    {"unit": "D1", "year": 2023, "arrangement": "own", "union_ratio": "101", "union_total": "-1"},
]


@pytest.mark.parametrize("fields", _FILING_CASES)
def test_a_filing_record_is_structured_as_the_converter_does(fields: dict[str, Any]) -> None:
    """Every field of a filing record, and the odd types the fast path must leave to the converter."""
    fast = _parsed("filings", fields)
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(records._FAST, "filings", lambda _fields: None)
        plain = _parsed("filings", fields)
    assert fast == plain
    assert repr(fast[0]) == repr(plain[0])


_CHOICE_ENUMS: dict[str, Any] = {"placed_by": Placer, "channel": Channel, "category": ProductCategory,
                                 "status": OrderStatus, "union_scheme": UnionScheme, "union_delivery": UnionDelivery}


@st.composite
def order_tables(draw: st.DrawFn) -> tuple[list[str], list[list[Any]]]:
    """A header of orders (English or Chinese names, some optional columns left out, perhaps a kind column and
    another kind's columns) and rows of generated orders with odd values, choices by value or by Chinese label,
    sometimes a cell in another kind's column, a short row or a cell past the header."""
    sheet = sheet_for_kind("orders")
    fields = [field for field in records.FIELDS["orders"]
              if sheet.column(field) is not None and (sheet.column(field).required or draw(st.booleans()))]  # type: ignore[union-attr]
    names = [draw(st.sampled_from([field, sheet.column(field).zh])) for field in fields]  # type: ignore[union-attr]
    mixed = draw(st.booleans())
    header = ["kind", *names, "code", "name"] if mixed else names
    rows = []
    for values in draw(st.lists(order_records(), min_size=1, max_size=4)):
        cells: list[Any] = []
        for field in fields:
            value = values.get(field)
            if field in _CHOICE_ENUMS and isinstance(value, str) and draw(st.booleans()):
                value = next((member.zh for member in _CHOICE_ENUMS[field] if member.value == value), value)
            cells.append(_cell(value))
        if mixed:
            cells = ["order", *cells, draw(st.sampled_from(["", "", "某单位"])), ""]
        shape = draw(st.sampled_from(["as is", "as is", "short", "longer", "longer and given"]))
        if shape == "short":
            cells = cells[:-1]
        elif shape.startswith("longer"):
            cells += ["x" if shape.endswith("given") else ""]
        rows.append(cells)
    return header, rows


@given(order_tables())
def test_a_plain_order_row_built_at_once_is_the_order_of_the_general_path(table_rows: tuple[list[str], list[Any]]
                                                                          ) -> None:
    """``Table.record(build=True)`` (the order built from the cells in one step) gives, after ``RowBuilder.parse``,
    the order the general path gives — or leaves the row to it, which then notes the same errors."""
    header, rows = table_rows
    results = []
    for build in (False, True):
        table = Table.of(header, "orders.csv", None if header[0] == "kind" else "orders", options=Options(2023))
        builder = RowBuilder(None)
        made = []
        for number, cells in enumerate(rows * 2, start=2):  # twice: the second time from the remembered readings
            record = table.record(number, cells, builder.errors, builder.warnings, build=build)
            made.append(None if record is None else repr(builder.parse(record)))
        results.append((made, builder.errors, builder.warnings, builder.count))
    assert results[0] == results[1]


_ORDER_HEADER = ["订单号", "采购单位代码", "下单主体", "下单渠道", "供应商", "收款账号", "开户银行", "联行号",
                 "订单金额", "产地县"]
_ORDER_CELLS = ["XD2023031300000001", "44010000", "本单位", "832平台交易系统", "某合作社", "6222021001122334455",
                "某银行", "102100099996", "300,000.00", "三都县"]


def test_a_built_order_is_an_empty_mapping_holding_its_order() -> None:
    table = Table.of(_ORDER_HEADER, "订单.csv", "orders")
    cells = list(_ORDER_CELLS)
    record = table.record(2, cells, [], [], build=True)
    assert record is not None
    fields = record[3]
    assert isinstance(fields, records.BuiltOrder) and (len(fields), list(fields), "number" in fields) == (0, [], False)
    with pytest.raises(KeyError):
        fields["number"]
    assert fields.order == RowBuilder(None).parse(table.record(2, cells, [], []))  # type: ignore[arg-type]
    read = table.plain_orders()
    assert read([*cells[:-1], 5]) is None  # a cell that is not text (an .xlsx number): the general path
    assert read([*cells[:4], " ", *cells[5:]]) is None  # a blank supplier: the general path says it is required


def test_the_plain_reader_forgets_and_rereads_its_remembered_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the bound the readings are forgotten and read afresh: the orders stay those of the general path."""
    from poverty_procurement.reporting import order_cells

    monkeypatch.setattr(order_cells, "_REMEMBERED_MOST", 3)
    table = Table.of([*_ORDER_HEADER, "订单状态", "支付时间"], "订单.csv", "orders")
    for number in range(12):
        paid = number % 2 == 0
        status = "已支付" if paid else ("待支付货款", " ")[number % 4 // 2]  # (blank: the default status)
        cells = [f"XD20230313{number:08d}", *_ORDER_CELLS[1:8], f"{100 + number}.00", "三都县", status,
                 f"2023-03-{1 + number:02d} 10:00" if paid else ""]
        built = table.record(number + 2, cells, [], [], build=True)
        plain = table.record(number + 2, cells, [], [])
        assert built is not None and plain is not None and isinstance(built[3], records.BuiltOrder)
        assert built[3].order == RowBuilder(None).parse(plain)
