"""数据输入 — read a department's units, filings, orders and bank transfers from JSON or CSV.

The same records in two formats, for the ``report`` command and for services. Field names and
values are those of the value objects (:class:`~poverty_procurement.model.unit.BudgetUnit`,
:class:`~poverty_procurement.model.filing.Filing`, :class:`~poverty_procurement.model.order.Order`,
:class:`~poverty_procurement.model.payment.BankTransfer`), flattened to one row per record so that
an analyst can produce them from a spreadsheet. Each row is structured with the library
:data:`~poverty_procurement.serialization.converter` (strict types, unknown fields rejected);
every bad row becomes a :class:`RowError` with its row number, field and reason — nothing is
dropped silently.

**Record kinds and fields** (``*`` required; amounts as form text such as ``"3000000"`` or
``"600000.00"``; ratios in percent points, ``"20"`` meaning 20%; times ISO 8601, naive = Beijing
time; enums by their value):

* ``units``: ``code``\\*, ``name``\\*, ``province`` (default ``广东``), ``superior`` (code of the
  superior unit; empty for the 主管预算单位).
* ``filings``: ``unit``\\* (unit code), ``year``\\*, ``arrangement``\\* (``own``, ``outsourced``,
  ``shared-representative``, ``shared-member``, ``none``), ``canteen_total``, ``ratio``,
  ``reserved_share`` (optional, checked against the formula), ``has_union_need`` (default: whether
  union figures are given), ``union_total``, ``union_ratio``, ``union_remark``, ``remark``,
  ``contact_name``, ``contact_mobile``, ``contact_landline``, ``executing_entity``. Contact problems
  (e.g. a bad mobile) are not input errors: they are kept as the filing's contact violations
  (:func:`~poverty_procurement.rules.filings.checks.check_contact`), because they are what the
  finance department must send back.
* ``orders``: ``number``\\*, ``buyer_unit``\\*, ``placed_by``\\* (``unit``, ``union``, ``individual``,
  ``canteen-contractor``), ``channel``\\* (``trading-platform``, ``mini-program``, ``off-platform``),
  ``supplier``\\*, ``account_holder`` (default: the supplier), ``account_number``\\*, ``bank``\\*,
  ``bank_code``\\*, ``amount``\\*, ``payment_code``, ``origin_county``\\*, ``category``, ``status``
  (``awaiting-payment`` default, ``paid``, ``cancelled``), ``paid_at``, ``refunded``,
  ``union_scheme``, ``union_delivery``, ``voucher_redemption``.
* ``transfers``: ``transaction_id``\\*, ``payer_name``\\*, ``payer_account``\\*, ``payee_account``\\*,
  ``amount``\\*, ``memo``\\*, ``time``\\*.

**JSON**: one object ``{"year": 2023, "units": [...], "filings": [...], "orders": [...],
"transfers": [...]}`` (``year`` and each array optional), each array element one object with
the fields above; a row error names the array and the element's number counted from 1. A JSON
number with a point or an exponent is read as its text (an amount is never a binary float), so
``1000.05`` is the amount 1000.05 and ``1e3`` is rejected like any amount text with an exponent.

**CSV** (UTF-8, with or without the BOM Excel writes): either one file with a ``kind`` column
(``unit``/``units``, ``filing``/``filings``, ``order``/``orders``, ``transfer``/``transfers``)
and the union of the columns — a cell left empty means "not given" — or a directory holding
``units.csv``, ``filings.csv``, ``orders.csv`` and/or ``transfers.csv`` (the ``kind`` column then
optional). The first row is the header; a row error names the file and the spreadsheet row
number (the header is row 1). ``year`` is a whole number; ``has_union_need`` and
``voucher_redemption`` take ``是``/``否``, ``true``/``false`` or ``1``/``0``. CSV has no ``year`` of
its own: the report's year is then given (``--year``) or taken from the filings when they are all
of one year.

**Bounds**: at most :data:`MAX_ROWS` records per read, :data:`MAX_FIELD_LENGTH` characters per
field, :data:`MAX_JSON_BYTES` bytes of JSON (JSON is parsed as a whole; CSV is streamed row by
row). Bad syntax, a wrong encoding, an unreadable or too large file raise
:class:`~poverty_procurement.errors.InputFileError` saying where; never a bare traceback.
``progress`` (if given) is called with the number of records read every :data:`PROGRESS_EVERY`
records.

>>> data = parse_json('{"units": [{"code": "D1", "name": "某厅"}, {"code": "U1", "name": "某中心", "superior": "X"}]}')
>>> [u.code for u in data.units], [str(e) for e in data.errors]
(['D1'], ['units 第2行 superior: 上级单位 X 不存在（或未能读入），请先列出上级单位 | superior unit X does not exist'])
"""

from __future__ import annotations

import csv
import datetime
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from ..errors import InputFileError, PovertyProcurementError, StructureError, shown
from ..model.contact import Contact
from ..model.filing import CanteenArrangement, Filing, UnionBudget
from ..model.order import (
    Channel,
    Order,
    OrderStatus,
    Placer,
    ProductCategory,
    SettlementAccount,
    UnionDelivery,
    UnionScheme,
)
from ..model.payment import BankTransfer
from ..model.unit import BudgetUnit
from ..money import Yuan
from ..ratio import Ratio
from ..rules.filings.checks import Violation, check_contact
from ..serialization import converter

__all__ = [
    "KINDS",
    "MAX_FIELD_LENGTH",
    "MAX_JSON_BYTES",
    "MAX_ROWS",
    "PROGRESS_EVERY",
    "Dataset",
    "RowError",
    "parse_csv",
    "parse_filings_json",
    "parse_json",
    "read_dataset",
    "sample_dataset",
]

#: Most records read at once (all kinds together); split larger inputs.
MAX_ROWS = 1_000_000
#: Longest field accepted, in characters (the longest legitimate field, a bank memo, is 512).
MAX_FIELD_LENGTH = 1_000
#: Largest JSON input, in bytes (JSON is parsed whole; use CSV, which is streamed, beyond).
MAX_JSON_BYTES = 256 * 1024 * 1024
#: The progress callback is called every this many records.
PROGRESS_EVERY = 10_000
#: The record kinds, in the order they are built.
KINDS = ("units", "filings", "orders", "transfers")
_SINGULAR = {"unit": "units", "filing": "filings", "order": "orders", "transfer": "transfers"}
_MAX_COLUMNS = 64

Progress = Callable[[int], None]


@attrs.frozen
class RowError:
    """输入错误行 — a record that could not be read: ``source`` (array or file), ``row_number``, ``field``, why.

    ``row_number`` counts from 1: the element of the JSON array, or the spreadsheet row of the
    CSV file (the header is row 1); 0 for a problem of the whole input (an unknown key).

    >>> str(RowError("filings.csv", 3, "ratio", "比例须在 0 到 100 之间"))
    'filings.csv 第3行 ratio: 比例须在 0 到 100 之间'
    """

    source: str
    row_number: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"第{self.row_number}行 " if self.row_number else ""
        return f"{self.source} {where}{self.field}: {self.message}"


@attrs.frozen
class Dataset:
    """数据集 — what was read: units, filings (with their contact problems), orders, transfers, errors.

    ``filing_contacts`` is parallel to ``filings``: the contact violations of each filing whose
    contact could not be accepted (the filing then has no contact). ``year`` is the year the
    input declares (JSON ``year``), if any. ``errors`` lists every record not read, with why.
    """

    units: tuple[BudgetUnit, ...] = ()
    filings: tuple[Filing, ...] = ()
    orders: tuple[Order, ...] = ()
    transfers: tuple[BankTransfer, ...] = ()
    errors: tuple[RowError, ...] = ()
    filing_contacts: tuple[tuple[Violation, ...], ...] = ()
    year: int | None = None
    rows: int = 0


@attrs.frozen(kw_only=True)
class _UnitRow:
    code: str
    name: str
    province: str = "广东"
    superior: str | None = None


@attrs.frozen(kw_only=True)
class _FilingRow:
    unit: str
    year: int
    arrangement: CanteenArrangement
    canteen_total: Yuan | None = None
    ratio: Ratio | None = None
    reserved_share: Yuan | None = None
    has_union_need: bool | None = None
    union_total: Yuan | None = None
    union_ratio: Ratio | None = None
    union_remark: str = ""
    remark: str = ""
    contact_name: str | None = None
    contact_mobile: str | None = None
    contact_landline: str | None = None
    executing_entity: str | None = None


@attrs.frozen(kw_only=True)
class _OrderRow:
    number: str
    buyer_unit: str
    placed_by: Placer
    channel: Channel
    supplier: str
    account_number: str
    bank: str
    bank_code: str
    amount: Yuan
    origin_county: str
    account_holder: str | None = None
    payment_code: str | None = None
    category: ProductCategory | None = None
    status: OrderStatus = OrderStatus.AWAITING_PAYMENT
    paid_at: datetime.datetime | None = None
    refunded: Yuan | None = None
    union_scheme: UnionScheme | None = None
    union_delivery: UnionDelivery | None = None
    voucher_redemption: bool = False


@attrs.frozen(kw_only=True)
class _TransferRow:
    transaction_id: str
    payer_name: str
    payer_account: str
    payee_account: str
    amount: Yuan
    memo: str
    time: datetime.datetime


_ROW_TYPES: dict[str, type] = {"units": _UnitRow, "filings": _FilingRow, "orders": _OrderRow,
                               "transfers": _TransferRow}
_FIELDS = {kind: tuple(field.name for field in attrs.fields(cls)) for kind, cls in _ROW_TYPES.items()}
_ALL_FIELDS = frozenset(name for names in _FIELDS.values() for name in names) | {"kind"}
_INT_FIELDS = frozenset({"year"})
_BOOL_FIELDS = frozenset({"has_union_need", "voucher_redemption"})
_TRUE = frozenset({"是", "true", "True", "TRUE", "1", "y", "Y", "yes"})
_FALSE = frozenset({"否", "false", "False", "FALSE", "0", "n", "N", "no"})

_FIELD_PREFIX = re.compile(r"^[a-z_][a-z_.]*: ")  # "amount: …" inside a message already placed at its path

# A raw record: (kind, source, row number, fields)
_Record = tuple[str, str, int, Mapping[str, object]]


def _error(source: str, row: int, error: PovertyProcurementError) -> list[RowError]:
    if isinstance(error, StructureError) and error.errors:
        return [RowError(source, row, path.removeprefix("$.").removeprefix("$") or "$", _FIELD_PREFIX.sub("", message))
                for path, message in error.errors]
    return [RowError(source, row, error.field, f"{error.zh} | {error.en}")]


def _too_long(fields: Mapping[str, object]) -> str | None:
    for key, value in fields.items():
        if isinstance(value, str) and len(value) > MAX_FIELD_LENGTH:
            return key
    return None


class _Builder:
    """Turns raw records into value objects, in dependency order (units before filings)."""

    def __init__(self, progress: Progress | None) -> None:
        self.rows: dict[str, list[tuple[str, int, Any]]] = {kind: [] for kind in KINDS}
        self.errors: list[RowError] = []
        self.count = 0
        self.progress = progress

    def parse(self, record: _Record) -> Any:
        """Count one record and read it: its value object (the structured row for a filing, which
        waits for its unit), or ``None`` after noting why it could not be read in ``errors``."""
        kind, source, row, fields = record
        self.count += 1
        if self.count > MAX_ROWS:
            raise InputFileError(source, f"记录超过 {MAX_ROWS:,} 条，请拆分文件",
                                 f"more than {MAX_ROWS:,} records; split the input")
        if self.progress is not None and self.count % PROGRESS_EVERY == 0:
            self.progress(self.count)
        allowed = _FIELDS[kind]
        unknown = [key for key in fields if key not in allowed]
        if unknown:
            self.errors.extend(RowError(source, row, str(key)[:40], f"未知字段（{kind} 的字段为：{'、'.join(allowed)}）"
                                                                   f" | unknown field") for key in unknown)
            return None
        long = _too_long(fields)
        if long is not None:
            self.errors.append(RowError(source, row, long, f"超过 {MAX_FIELD_LENGTH} 个字符 | longer than "
                                                           f"{MAX_FIELD_LENGTH} characters"))
            return None
        try:
            parsed = converter.structure(fields, _ROW_TYPES[kind])
        except PovertyProcurementError as error:
            self.errors.extend(_error(source, row, error))
            return None
        make = _MAKERS.get(kind)
        if make is not None:  # built now, so that only the value object is kept (filings wait for their units)
            parsed = self._attempt(source, row, make, parsed)
        return parsed

    def add(self, record: _Record) -> None:
        """Read one record (:meth:`parse`) and keep it for :meth:`build`."""
        parsed = self.parse(record)
        if parsed is not None:
            self.rows[record[0]].append((record[1], record[2], parsed))

    def build(self, year: int | None) -> Dataset:
        units, filings, contacts = self.build_units_and_filings()
        orders = self._orders()
        transfers = self._transfers()
        return Dataset(tuple(units.values()), tuple(filings), tuple(orders), tuple(transfers), tuple(self.errors),
                       tuple(contacts), year, self.count)

    def build_units_and_filings(self) -> tuple[dict[str, BudgetUnit], list[Filing], list[tuple[Violation, ...]]]:
        """The units kept (by code) and the filings of those units with their contact problems."""
        units = self._units()
        filings, contacts = self._filings(units)
        return units, filings, contacts

    def _attempt(self, source: str, row: int, make: Callable[..., Any], *args: Any) -> Any:
        try:
            return make(*args)
        except PovertyProcurementError as error:
            self.errors.extend(_error(source, row, error))
            return None

    def _units(self) -> dict[str, BudgetUnit]:
        read: dict[str, tuple[str, int, BudgetUnit]] = {}
        for source, row, unit in self.rows["units"]:
            if unit.code in read:
                first = read[unit.code][1]
                self.errors.append(RowError(source, row, "code", f"单位代码 {unit.code} 重复（第{first}行已有）"
                                                                 f" | duplicate unit code {unit.code}"))
                continue
            read[unit.code] = (source, row, unit)
        children: dict[str, list[str]] = {}
        for code, (_, _, unit) in read.items():
            if unit.superior is not None:
                children.setdefault(unit.superior, []).append(code)
        reachable: set[str] = set()
        level = [code for code, (_, _, unit) in read.items() if unit.superior is None]
        while level:
            reachable.update(level)
            level = [kid for code in level for kid in children.get(code, ())]
        kept: dict[str, BudgetUnit] = {}
        for code, (source, row, unit) in read.items():
            if code in reachable:
                kept[code] = unit
            elif unit.superior not in read:
                self.errors.append(RowError(source, row, "superior",
                                            f"上级单位 {unit.superior} 不存在（或未能读入），请先列出上级单位"
                                            f" | superior unit {unit.superior} does not exist"))
            else:
                self.errors.append(RowError(source, row, "superior",
                                            f"上级单位 {unit.superior} 未能读入或上级关系成环"
                                            f" | superior unit {unit.superior} was not read or the superiors form "
                                            "a cycle"))
        return kept

    def _filings(self, units: Mapping[str, BudgetUnit]) -> tuple[list[Filing], list[tuple[Violation, ...]]]:
        filings: list[Filing] = []
        contacts: list[tuple[Violation, ...]] = []
        seen: dict[tuple[str, int], int] = {}
        for source, row, item in self.rows["filings"]:
            unit = units.get(item.unit)
            if unit is None:
                self.errors.append(RowError(source, row, "unit", f"单位 {shown(item.unit)} 不在单位表中（或未能读入）"
                                                                 f" | unit {shown(item.unit)} is not in the units"))
                continue
            key = (unit.code, item.year)
            if key in seen:
                self.errors.append(RowError(source, row, "unit",
                                            f"单位 {unit.code} 已有 {item.year} 年填报（第{seen[key]}行），"
                                                                 f"只能一份 | unit {unit.code} already filed for "
                                                                 f"{item.year}"))
                continue
            problems: tuple[Violation, ...] = ()
            contact: Contact | None = None
            if (item.contact_name, item.contact_mobile, item.contact_landline) != (None, None, None):
                problems = check_contact(item.contact_name, item.contact_mobile, item.contact_landline)
                if not problems:
                    contact = Contact(item.contact_name, item.contact_mobile, item.contact_landline)
            filing = self._attempt(source, row, _filing, item, unit, contact)
            if filing is not None:
                seen[key] = row
                filings.append(filing)
                contacts.append(problems)
        return filings, contacts

    def _orders(self) -> list[Order]:
        orders: list[Order] = []
        seen: dict[str, int] = {}
        for source, row, order in self.rows["orders"]:
            if order.number in seen:
                self.errors.append(RowError(source, row, "number",
                                            f"订单号 {order.number} 重复（第{seen[order.number]}行已有）"
                                                                   f" | duplicate order number {order.number}"))
                continue
            seen[order.number] = row
            orders.append(order)
        return orders

    def _transfers(self) -> list[BankTransfer]:
        return [transfer for _, _, transfer in self.rows["transfers"]]


def _unit(item: _UnitRow) -> BudgetUnit:
    return BudgetUnit(item.code, item.name, item.province, item.superior)


def _transfer(item: _TransferRow) -> BankTransfer:
    return BankTransfer(item.transaction_id, item.payer_name, item.payer_account, item.payee_account, item.amount,
                        item.memo, item.time)


def _filing(item: _FilingRow, unit: BudgetUnit, contact: Contact | None) -> Filing:
    union = None
    if item.union_total is not None or item.union_ratio is not None:
        if item.union_total is None or item.union_ratio is None:
            from ..errors import InvalidFiling

            raise InvalidFiling("union_total", "工会采购总额和工会采购预留比例须同时填写",
                                "union_total and union_ratio go together")
        union = UnionBudget(item.union_total, item.union_ratio, remark=item.union_remark)
    need = item.has_union_need if item.has_union_need is not None else union is not None
    return Filing(unit, item.year, item.arrangement, canteen_total=item.canteen_total, ratio=item.ratio,
                  reserved_share=item.reserved_share, union=union, has_union_need=need, remark=item.remark,
                  contact=contact, executing_entity=item.executing_entity)


def _order(item: _OrderRow) -> Order:
    account = SettlementAccount(item.account_holder or item.supplier, item.account_number, item.bank, item.bank_code)
    return Order(item.number, item.buyer_unit, item.placed_by, item.channel, item.supplier, account, item.amount,
                 item.payment_code, item.origin_county, category=item.category, status=item.status,
                 paid_at=item.paid_at,
                 refunded=item.refunded if item.refunded is not None else Yuan.from_fen(0),
                 union_scheme=item.union_scheme, union_delivery=item.union_delivery,
                 voucher_redemption=item.voucher_redemption)


_MAKERS: dict[str, Callable[[Any], Any]] = {"units": _unit, "orders": _order, "transfers": _transfer}


# --- JSON -------------------------------------------------------------------------------------

def _decode(data: bytes | str, source: str) -> str:
    if isinstance(data, str):
        return data
    if len(data) > MAX_JSON_BYTES:
        raise InputFileError(source, f"JSON 超过 {MAX_JSON_BYTES:,} 字节，请改用 CSV 或拆分",
                             f"the JSON is larger than {MAX_JSON_BYTES:,} bytes; use CSV or split it")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputFileError(source, f"不是 UTF-8 编码（第 {error.start} 字节），请另存为 UTF-8",
                             f"not UTF-8 (byte {error.start}); save it as UTF-8") from None


def parse_json(data: bytes | str, *, source: str = "JSON", progress: Progress | None = None) -> Dataset:
    """读取 JSON 数据 — a :class:`Dataset` from the JSON format of the module docstring.

    Bad syntax or encoding raises ``InputFileError`` with the line and column; bad records come
    back as ``errors``. The text is bounded by :data:`MAX_JSON_BYTES` (as UTF-8).

    >>> parse_json('{"units": [{"code": "D1", "name": "某厅", "colour": "red"}]}').errors[0].field
    'colour'
    >>> try:
    ...     parse_json('{"units": [')
    ... except InputFileError as error:
    ...     print(error.zh)
    JSON 语法错误：第 1 行第 12 列：Expecting value
    """
    text = _decode(data, source)
    if len(text) > MAX_JSON_BYTES:
        raise InputFileError(source, f"JSON 超过 {MAX_JSON_BYTES:,} 字节",
                             f"the JSON is larger than {MAX_JSON_BYTES:,} bytes")
    try:
        document = json.loads(text, parse_float=_no_float, parse_constant=_no_float)
    except (json.JSONDecodeError, RecursionError) as error:
        where = f"第 {error.lineno} 行第 {error.colno} 列：{error.msg}" if isinstance(error, json.JSONDecodeError) \
            else "嵌套过深"
        raise InputFileError(source, f"JSON 语法错误：{where}", f"invalid JSON: {error}") from None
    del text
    if not isinstance(document, dict):
        raise InputFileError(source, "JSON 顶层须为对象 {\"units\": [...], \"filings\": [...], …}",
                             "the JSON must be an object {\"units\": [...], \"filings\": [...], ...}")
    builder = _Builder(progress)
    year = document.pop("year", None)
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        builder.errors.append(RowError("$", 0, "year", f"年度须为整数，收到 {shown(year)} | year must be an int"))
        year = None
    for key in list(document):
        if key not in _ROW_TYPES:
            builder.errors.append(RowError("$", 0, key, f"未知的键 {shown(key)}（可用：year、{'、'.join(KINDS)}）"
                                                        f" | unknown key {shown(key)}"))
            continue
        rows = document.pop(key)
        if not isinstance(rows, list):
            builder.errors.append(RowError(key, 0, key, f"{key} 须为数组 | {key} must be an array"))
            continue
        for number, fields in enumerate(rows, start=1):
            if not isinstance(fields, dict):
                builder.errors.append(RowError(key, number, "$", f"每条记录须为对象，收到 {shown(fields)}"
                                                                 " | each record must be an object"))
                continue
            builder.add((key, key, number, fields))
    return builder.build(year)


def _no_float(text: str) -> object:
    """JSON numbers with a point or exponent are kept as text: amounts are never binary floats."""
    return text


def parse_filings_json(data: bytes | str, *, source: str = "JSON") -> Dataset:
    """读取填报 JSON — a dataset object, one filing object, or an array of filing objects.

    Outside a dataset, a filing names its unit in full — ``"unit": {"code": …, "name": …,
    "province": …, "superior": …}`` — or by code (the unit is then named by its code, in 广东).
    Used by the ``check`` command.

    >>> data = parse_filings_json('{"unit": {"code": "U1", "name": "某中心", "province": "湖南"}, '
    ...                           '"year": 2023, "arrangement": "own", "canteen_total": "100", "ratio": "12"}')
    >>> data.filings[0].unit.province.name, str(data.filings[0].reserved_share)
    ('湖南省', '12.00元')
    """
    text = _decode(data, source)
    try:
        document = json.loads(text, parse_float=_no_float, parse_constant=_no_float)
    except (json.JSONDecodeError, RecursionError) as error:
        raise InputFileError(source, f"JSON 语法错误：{error}", f"invalid JSON: {error}") from None
    if isinstance(document, dict) and any(key in document for key in ("units", "filings", "orders", "transfers")):
        return parse_json(text, source=source)
    filings = document if isinstance(document, list) else [document]
    units: dict[str, object] = {}
    for filing in filings:
        if not isinstance(filing, dict):
            continue
        unit = filing.get("unit")
        if isinstance(unit, dict) and isinstance(unit.get("code"), str):
            units.setdefault(unit["code"], unit)
            filing["unit"] = unit["code"]
        elif isinstance(unit, str):
            units.setdefault(unit, {"code": unit, "name": unit})
    return parse_json(json.dumps({"units": list(units.values()), "filings": filings}, ensure_ascii=False),
                      source=source)


# --- CSV --------------------------------------------------------------------------------------

def _cell(key: str, value: str) -> object:
    if key in _INT_FIELDS and value.isascii() and value.isdigit() and len(value) <= 6:
        return int(value)
    if key in _BOOL_FIELDS:
        if value.strip() in _TRUE:
            return True
        if value.strip() in _FALSE:
            return False
    return value


def _csv_records(lines: Iterable[str], source: str, kind: str | None, errors: list[RowError]) -> Iterator[_Record]:
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            return
        header = [name.strip().lstrip("\ufeff") for name in header]
        if len(header) > _MAX_COLUMNS or len(set(header)) != len(header) or not all(header):
            raise InputFileError(source, f"表头须为不重复、非空的列名（最多 {_MAX_COLUMNS} 列）",
                                 f"the header needs distinct, non-empty column names (at most {_MAX_COLUMNS})")
        if kind is None and "kind" not in header:
            raise InputFileError(source, "单个 CSV 文件须有 kind 列（unit / filing / order / transfer）",
                                 "a single CSV file needs a kind column (unit / filing / order / transfer)")
        unknown = [name for name in header if name not in _ALL_FIELDS]
        if unknown:
            errors.append(RowError(source, 1, "、".join(unknown)[:200],
                                   "未知的列，整列未读入（列名见文档） | unknown columns, "
                                                                       "not read"))
        row_number = 1
        for cells in reader:
            row_number += 1
            if not any(cell.strip() for cell in cells):
                continue  # an empty line of the spreadsheet
            if len(cells) > len(header):
                errors.append(RowError(source, row_number, "$", f"比表头多出 {len(cells) - len(header)} 列"
                                                                " | more cells than header columns"))
                continue
            fields = {key: value for key, value in zip(header, cells, strict=False)
                      if value != "" and key in _ALL_FIELDS}
            row_kind = fields.pop("kind", None)
            if isinstance(row_kind, str):
                row_kind = _SINGULAR.get(row_kind.strip(), row_kind.strip())
            if row_kind is None:
                row_kind = kind
            if row_kind not in _ROW_TYPES or (kind is not None and row_kind != kind):
                errors.append(RowError(source, row_number, "kind", f"记录类型 {shown(row_kind)} 无效"
                                                                   f"（应为 {kind or 'unit/filing/order/transfer'}）"
                                                                   f" | invalid kind {shown(row_kind)}"))
                continue
            yield row_kind, source, row_number, {key: _cell(key, str(value)) for key, value in fields.items()}
    except csv.Error as error:
        raise InputFileError(source, f"CSV 格式错误（第 {reader.line_num} 行）：{error}",
                             f"invalid CSV (line {reader.line_num}): {error}") from None
    except UnicodeDecodeError:
        raise InputFileError(source, f"不是 UTF-8 编码（约第 {reader.line_num + 1} 行），请另存为 UTF-8（CSV UTF-8）",
                             f"not UTF-8 (near line {reader.line_num + 1}); save as CSV UTF-8") from None


def parse_csv(lines: Iterable[str], *, source: str = "CSV", kind: str | None = None,
              progress: Progress | None = None) -> Dataset:
    """读取 CSV 数据 — a :class:`Dataset` from CSV lines (one file with a ``kind`` column, or ``kind`` given).

    Streams the lines; see the module docstring for the columns.

    >>> text = "kind,code,name,superior\\nunit,D1,某厅,\\nunit,U1,某中心,D1\\nunit,U2,,D1\\n"
    >>> import io
    >>> data = parse_csv(io.StringIO(text), source="data.csv")
    >>> [u.code for u in data.units], [(e.row_number, e.field) for e in data.errors]
    (['D1', 'U1'], [(4, 'name')])
    """
    return _parse_csv_files([(lines, source, kind)], progress)


def _parse_csv_files(files: Iterable[tuple[Iterable[str], str, str | None]], progress: Progress | None) -> Dataset:
    builder = _Builder(progress)
    for lines, source, kind in files:
        for record in _csv_records(lines, source, kind, builder.errors):
            builder.add(record)
    return builder.build(None)


# --- files ------------------------------------------------------------------------------------

def _csv_sources(where: Path) -> list[tuple[Path, str, str | None]] | None:
    """The CSV files of ``where`` as ``(path, source name, kind)``, in :data:`KINDS` order for a directory
    (``kind`` ``None`` for a single file with a ``kind`` column); ``None`` when ``where`` is not CSV input.
    Raises ``InputFileError`` for a directory without any of the files (``OSError`` passes through)."""
    if where.is_dir():
        found: list[tuple[Path, str, str | None]] = [
            (where / f"{kind}.csv", f"{kind}.csv", kind) for kind in KINDS if (where / f"{kind}.csv").is_file()]
        if not found:
            raise InputFileError(where.name or str(where),
                                 f"目录中没有 {'、'.join(k + '.csv' for k in KINDS)} 中的任何文件",
                                 f"the directory has none of {', '.join(k + '.csv' for k in KINDS)}")
        return found
    if where.suffix.lower() == ".csv":
        return [(where, where.name or str(where), None)]
    return None


def read_dataset(path: str | os.PathLike[str], *, progress: Progress | None = None) -> Dataset:
    """读取数据文件 — a ``.json`` file, a ``.csv`` file (with a ``kind`` column) or a directory of CSV files.

    One of the two functions that read files (the other is
    :func:`~poverty_procurement.reporting.stream.report_csv`, which streams CSV input for the report).
    Holds the whole dataset in memory. An unreadable or missing file raises ``InputFileError``
    (never ``OSError``).
    """
    where = Path(path)
    name = where.name or str(where)
    try:
        sources = _csv_sources(where)
        if sources is not None:
            handles = [open(file, encoding="utf-8-sig", newline="") for file, _, _ in sources]  # noqa: SIM115
            try:
                return _parse_csv_files([(handle, source, kind) for handle, (_, source, kind) in zip(handles, sources,
                                                                                                 strict=True)],
                                        progress)
            finally:
                for handle in handles:
                    handle.close()
        if where.suffix.lower() != ".json":
            raise InputFileError(name, "只能读取 .json、.csv 文件或 CSV 文件所在的目录",
                                 "only .json and .csv files, or a directory of CSV files, can be read")
        size = where.stat().st_size
        if size > MAX_JSON_BYTES:
            raise InputFileError(name, f"JSON 超过 {MAX_JSON_BYTES:,} 字节，请改用 CSV 或拆分",
                                 f"the JSON is larger than {MAX_JSON_BYTES:,} bytes; use CSV or split it")
        return parse_json(where.read_bytes(), source=name, progress=progress)
    except OSError as error:
        raise InputFileError(name, f"无法读取文件：{error.strerror or error}",
                             f"cannot read the file: {error.strerror or error}") from None


def sample_dataset() -> Dataset:
    """示例数据 — the embedded sample (a Guangdong department, 2023), shipped as package data.

    >>> data = sample_dataset()
    >>> data.year, len(data.units) >= 10, data.errors
    (2023, True, ())
    """
    from ..data import read_text

    return parse_json(read_text("sample/guangdong-department-2023.json"), source="sample")

