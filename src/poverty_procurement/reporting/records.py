"""输入记录 — the records of a department's input files: kinds, fields, bounds and the row builder.

The same records come in two formats, for the ``report`` command and for services: JSON
(:mod:`~poverty_procurement.reporting.json_input`) and CSV
(:mod:`~poverty_procurement.reporting.csv_input`);
:func:`~poverty_procurement.reporting.datasets.read_dataset` reads either from a file. Field names
and values are those of the value objects (:class:`~poverty_procurement.model.unit.BudgetUnit`,
:class:`~poverty_procurement.model.filing.Filing`, :class:`~poverty_procurement.model.order.Order`,
:class:`~poverty_procurement.model.payment.BankTransfer`), flattened to one row per record so that
an analyst can produce them from a spreadsheet. Each row is structured with the library
:data:`~poverty_procurement.serialization.converter` (strict types, unknown fields rejected) by the
:class:`RowBuilder` both readers and the streaming report
(:mod:`~poverty_procurement.reporting.stream`) share; every bad row becomes a :class:`RowError`
with its row number, field and reason — nothing is dropped silently.

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

**Bounds**: :data:`MAX_FIELD_LENGTH` characters per field,
:data:`~poverty_procurement.reporting.json_input.MAX_JSON_BYTES` bytes of JSON (JSON is parsed as a
whole; CSV is streamed row by row). There is no limit on the number of records (a service that wants
one sets :data:`MAX_ROWS`): the streaming report (:mod:`~poverty_procurement.reporting.stream`) reads
CSV rows without holding them (see its docstring for what it holds). Bad syntax, a wrong encoding, an
unreadable or too large file raise :class:`~poverty_procurement.errors.InputFileError` saying where; never a bare
traceback. ``progress`` (if given) is called with the number of records read every
:data:`PROGRESS_EVERY` records.

>>> builder = RowBuilder(None)
>>> builder.add(("units", "units.csv", 2, {"code": "D1", "name": "某厅"}))
>>> builder.add(("units", "units.csv", 3, {"code": "U1", "name": "某中心", "colour": "red"}))
>>> data = builder.build(None)
>>> [u.code for u in data.units], [(e.row_number, e.field) for e in data.errors], data.rows
(['D1'], [(3, 'colour')], 2)
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator, Mapping
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
    UnionDelivery,
    UnionScheme,
)
from ..model.payment import BankTransfer
from ..model.unit import BudgetUnit
from ..money import Yuan, yuan
from ..ratio import Ratio
from ..rules.filings.checks import Violation, check_contact
from ..serialization import converter
from .fast_records import fast_order, fast_transfer, fast_unit

__all__ = [
    "FIELDS",
    "KINDS",
    "MAX_FIELD_LENGTH",
    "MAX_ROWS",
    "PROGRESS_EVERY",
    "Dataset",
    "Progress",
    "Record",
    "RowBuilder",
    "RowError",
]

#: Most records read at once (all kinds together), or ``None`` (the default): no limit. A service that
#: reads uploads it does not trust may set a bound; more records then raise ``InputFileError``.
MAX_ROWS: int | None = None
#: Longest field accepted, in characters (the longest legitimate field, a bank memo, is 512).
MAX_FIELD_LENGTH = 1_000
#: The progress callback is called every this many records.
PROGRESS_EVERY = 10_000
#: The record kinds, in the order they are built.
KINDS = ("units", "filings", "orders", "transfers")

#: A progress callback: called with the number of records read so far.
Progress = Callable[[int], None]
#: A raw record as a reader yields it: ``(kind, source, row number, fields)``, ``kind`` one of :data:`KINDS`.
Record = tuple[str, str, int, Mapping[str, object]]


class BuiltOrder(Mapping[str, object]):
    """已建订单 — the fields of a record whose reader built its :class:`Order` at once (:mod:`.order_cells`): no
    fields, the order, which :meth:`RowBuilder.parse` takes as it is (counted like any record)."""

    __slots__ = ("order",)

    def __init__(self, order: Order) -> None:
        self.order = order

    def __getitem__(self, key: str) -> object:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


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
    warnings: tuple[RowError, ...] = ()


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
#: The fields of each record kind (key: one of :data:`KINDS`), in the order of the module docstring.
FIELDS: dict[str, tuple[str, ...]] = {kind: tuple(field.name for field in attrs.fields(cls))
                                      for kind, cls in _ROW_TYPES.items()}
_ALLOWED = {kind: frozenset(names) for kind, names in FIELDS.items()}

#: The value objects' names of a field → the record fields it may be (an identifier's error names its kind).
_MODEL_FIELDS = {"order_number": ("number",), "holder": ("account_holder",),
                 "account_number": ("account_number", "payer_account", "payee_account")}
_FIELD_PREFIX = re.compile(r"^[a-z_][a-z_.]*: ")  # "amount: …" inside a message already placed at its path


def _error(source: str, row: int, error: PovertyProcurementError) -> list[RowError]:
    if isinstance(error, StructureError) and error.errors:
        return [RowError(source, row, path.removeprefix("$.").removeprefix("$") or "$", _FIELD_PREFIX.sub("", message))
                for path, message in error.errors]
    return [RowError(source, row, error.field, f"{error.zh} | {error.en}")]


def _too_long(fields: Mapping[str, object]) -> str | None:
    """The first field whose text is longer than :data:`MAX_FIELD_LENGTH`, or ``None``."""
    try:  # all text, as a CSV row is: no field can be too long when all of them together are short (one join)
        if len("".join(fields.values())) <= MAX_FIELD_LENGTH:  # type: ignore[arg-type]
            return None
    except TypeError:
        pass  # not all text: field by field
    for key, value in fields.items():
        if isinstance(value, str) and len(value) > MAX_FIELD_LENGTH:
            return key
    return None


class RowBuilder:
    """行构建器 — turns raw records into value objects, in dependency order (units before filings).

    Shared by the JSON and CSV readers and the streaming report: :meth:`add` (or :meth:`parse`)
    each :data:`Record`, then :meth:`build` the :class:`Dataset`. ``errors`` collects a
    :class:`RowError` for every record not read (readers add their own, e.g. a bad CSV line),
    ``count`` the records met so far (at most :data:`MAX_ROWS`, when set); ``progress`` is called every
    :data:`PROGRESS_EVERY` records.
    """

    def __init__(self, progress: Progress | None) -> None:
        self.rows: dict[str, list[tuple[str, int, Any]]] = {kind: [] for kind in KINDS}
        self.errors: list[RowError] = []
        self.warnings: list[RowError] = []
        #: source → {field: the column's header as the file wrote it}, so that errors name the column as written
        self.headers: dict[str, dict[str, str]] = {}
        self.count = 0
        self.progress = progress

    def parse(self, record: Record) -> Any:
        """Count one record and read it: its value object (the structured row for a filing, which
        waits for its unit), or ``None`` after noting why it could not be read in ``errors``."""
        kind, source, row, fields = record
        self.count += 1
        if MAX_ROWS is not None and self.count > MAX_ROWS:
            raise InputFileError(source, f"记录超过 {MAX_ROWS:,} 条，请拆分文件",
                                 f"more than {MAX_ROWS:,} records; split the input")
        if self.progress is not None and self.count % PROGRESS_EVERY == 0:
            self.progress(self.count)
        if type(fields) is BuiltOrder:
            return fields.order
        if not fields.keys() <= _ALLOWED[kind]:  # one set comparison; the unknown keys listed only when there are some
            allowed = FIELDS[kind]
            unknown = [key for key in fields if key not in allowed]
            self.errors.extend(RowError(source, row, str(key)[:40], f"未知字段（{kind} 的字段为：{'、'.join(allowed)}）"
                                                                   f" | unknown field") for key in unknown)
            return None
        long = _too_long(fields)
        if long is not None:
            self.errors.append(RowError(source, row, long, f"超过 {MAX_FIELD_LENGTH} 个字符 | longer than "
                                                           f"{MAX_FIELD_LENGTH} characters"))
            return None
        fast = _FAST[kind](fields)
        if fast is not None:
            return fast
        try:
            parsed = converter.structure(fields, _ROW_TYPES[kind])
        except PovertyProcurementError as error:
            self.errors.extend(self._named(_error(source, row, error)))
            return None
        make = _MAKERS.get(kind)
        if make is not None:  # built now, so that only the value object is kept (filings wait for their units)
            parsed = self._attempt(source, row, make, parsed)
        return parsed

    def add(self, record: Record) -> None:
        """Read one record (:meth:`parse`) and keep it for :meth:`build`."""
        parsed = self.parse(record)
        if parsed is not None:
            self.rows[record[0]].append((record[1], record[2], parsed))

    def build(self, year: int | None) -> Dataset:
        """The :class:`Dataset` of the records added, declaring ``year``: units whose superiors were read,
        the filings of those units (one per unit and year), orders with distinct numbers, transfers."""
        units, filings, contacts = self.build_units_and_filings()
        orders = self._orders()
        transfers = self._transfers()
        return Dataset(tuple(units.values()), tuple(filings), tuple(orders), tuple(transfers), tuple(self.errors),
                       tuple(contacts), year, self.count, tuple(self.warnings))

    def build_units_and_filings(self) -> tuple[dict[str, BudgetUnit], list[Filing], list[tuple[Violation, ...]]]:
        """The units kept (by code) and the filings of those units with their contact problems."""
        units = self._units()
        filings, contacts = self._filings(units)
        return units, filings, contacts

    def _attempt(self, source: str, row: int, make: Callable[..., Any], *args: Any) -> Any:
        try:
            return make(*args)
        except PovertyProcurementError as error:
            self.errors.extend(self._named(_error(source, row, error)))
            return None

    def _named(self, errors: list[RowError]) -> list[RowError]:
        """The errors with each field named as the file's header wrote it (when the file has headers)."""
        return [attrs.evolve(error, field=self._column(error.source, error.field)) for error in errors]

    def _column(self, source: str, field: str) -> str:
        named = self.headers.get(source, {})
        if field in named:
            return named[field]
        written = [named[each] for each in _MODEL_FIELDS.get(field, ()) if each in named]
        return "/".join(written) or field

    def _units(self) -> dict[str, BudgetUnit]:
        read: dict[str, tuple[str, int, BudgetUnit]] = {}
        for source, row, unit in self.rows["units"]:
            if unit.code in read:
                first = read[unit.code][1]
                self.errors.append(RowError(source, row, self._column(source, "code"),
                                            f"单位代码 {unit.code} 重复（第{first}行已有）"
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
                self.errors.append(RowError(source, row, self._column(source, "superior"),
                                            f"上级单位 {unit.superior} 不存在（或未能读入），请先列出上级单位"
                                            f" | superior unit {unit.superior} does not exist"))
            else:
                self.errors.append(RowError(source, row, self._column(source, "superior"),
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
                self.errors.append(RowError(source, row, self._column(source, "unit"),
                                            f"单位 {shown(item.unit)} 不在单位表中（或未能读入）"
                                            f" | unit {shown(item.unit)} is not in the units"))
                continue
            key = (unit.code, item.year)
            if key in seen:
                self.errors.append(RowError(source, row, self._column(source, "unit"),
                                            f"单位 {unit.code} 已有 {item.year} 年填报（第{seen[key]}行），"
                                                                 f"只能一份 | unit {unit.code} already filed for "
                                                                 f"{item.year}"))
                continue
            problems: tuple[Violation, ...] = ()
            contact: Contact | None = None
            if (item.contact_name, item.contact_mobile, item.contact_landline) != (None, None, None):
                try:  # a contact is made exactly when check_contact finds nothing (the same checks): checked once
                    contact = Contact(item.contact_name, item.contact_mobile, item.contact_landline)
                except PovertyProcurementError:
                    problems = check_contact(item.contact_name, item.contact_mobile, item.contact_landline)
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
                self.errors.append(RowError(source, row, self._column(source, "number"),
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
    union = UnionBudget.of_fields(item.union_total, item.union_ratio, item.union_remark)
    return Filing.of_fields(unit=unit, year=item.year, arrangement=item.arrangement, canteen_total=item.canteen_total,
                            ratio=item.ratio, reserved_share=item.reserved_share, union=union,
                            has_union_need=item.has_union_need, remark=item.remark, union_remark=item.union_remark,
                            contact=contact, executing_entity=item.executing_entity)


def _order(item: _OrderRow) -> Order:
    return Order.of_fields(number=item.number, buyer_unit=item.buyer_unit, placed_by=item.placed_by,
                           channel=item.channel, supplier=item.supplier,
                           account_holder=item.account_holder or item.supplier, account_number=item.account_number,
                           bank=item.bank, bank_code=item.bank_code, amount=item.amount,
                           payment_code=item.payment_code, origin_county=item.origin_county, category=item.category,
                           status=item.status, paid_at=item.paid_at, refunded=item.refunded,
                           union_scheme=item.union_scheme, union_delivery=item.union_delivery,
                           voucher_redemption=item.voucher_redemption)


_MAKERS: dict[str, Callable[[Any], Any]] = {"units": _unit, "orders": _order, "transfers": _transfer}


_ARRANGEMENTS = {member.value: member for member in CanteenArrangement}
_FILING_TEXT = ("union_remark", "remark", "contact_name", "contact_mobile", "contact_landline", "executing_entity")


def _fast_filing(fields: Mapping[str, object]) -> _FilingRow | None:
    """The structured row of a filing record of plain values (text, an ``int`` year, amount and ratio text, an
    arrangement's value, ``bool``), made without the converter's pass; ``None`` for anything else or any problem
    (the converter then gives the verdict and its errors, as before). The filing itself waits for its unit."""
    get = fields.get
    unit, year, arrangement, need = get("unit"), get("year"), get("arrangement"), get("has_union_need")
    if type(unit) is not str or type(year) is not int or type(arrangement) is not str \
            or (need is not None and type(need) is not bool):
        return None
    member = _ARRANGEMENTS.get(arrangement)
    texts = [get(name) for name in _FILING_TEXT]
    money = [get(name) for name in ("canteen_total", "reserved_share", "union_total", "ratio", "union_ratio")]
    if member is None or any(value is not None and type(value) is not str for value in (*texts, *money)):
        return None
    union_remark, remark, name, mobile, landline, entity = texts
    total, share, union_total, ratio, union_ratio = money
    try:
        return _FilingRow(unit=unit, year=year, arrangement=member,
                          canteen_total=None if total is None else yuan(total),  # type: ignore[arg-type]
                          ratio=None if ratio is None else Ratio.of(ratio),  # type: ignore[arg-type]
                          reserved_share=None if share is None else yuan(share),  # type: ignore[arg-type]
                          has_union_need=need,
                          union_total=None if union_total is None else yuan(union_total),  # type: ignore[arg-type]
                          union_ratio=None if union_ratio is None else Ratio.of(union_ratio),  # type: ignore[arg-type]
                          union_remark="" if union_remark is None else union_remark,  # type: ignore[arg-type]
                          remark="" if remark is None else remark, contact_name=name,  # type: ignore[arg-type]
                          contact_mobile=mobile, contact_landline=landline,  # type: ignore[arg-type]
                          executing_entity=entity)  # type: ignore[arg-type]
    except PovertyProcurementError:
        return None


#: Per kind, the path that builds the value object once from plain values (a filing's structured row: the filing
#: waits for its unit).
_FAST: dict[str, Callable[[Mapping[str, object]], Any]] = {
    "units": fast_unit, "filings": _fast_filing, "orders": fast_order, "transfers": fast_transfer}
