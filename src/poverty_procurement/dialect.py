"""数据格式 — the one JSON dialect: the flat records the data files hold, read and written by the converter too.

Before, the JSON the command line read (``"unit": "D1"``, ``contact_name``) and the JSON the
converter read (``"unit": {…}``, ``"contact": {…}``) were two dialects that rejected each other.
Now there is one — the records of :mod:`poverty_procurement.reporting.records`, one flat object a
row, the shape an analyst's spreadsheet has:

* a unit: ``code``, ``name``, ``province`` (any spelling the constructors take: ``粤``, ``广东``,
  ``广东省``, ``440000``; written as the official name), ``superior``;
* a filing (:class:`FilingRecord`): the form's fields (附件2 一、第四、五步) side by side — the union
  figures as ``union_total``, ``union_ratio``, ``union_remark`` (without union figures: the reason
  a unit has no union need, 附件2 一、第四步), the contact as ``contact_name``,
  ``contact_mobile``, ``contact_landline`` — and its ``unit``: the unit object, or, inside a data
  file that lists its units, the unit's code;
* an order (:class:`OrderRecord`): the settlement account as ``account_holder``,
  ``account_number``, ``bank``, ``bank_code``;
* a bank transfer: its fields as they are.

:data:`~poverty_procurement.serialization.converter` writes a :class:`~poverty_procurement.model.filing.Filing`
or an :class:`~poverty_procurement.model.order.Order` as this record and reads it back (checked by
the value object's constructor, errors at the record's key: ``$.contact_mobile``); the command
line reads a data file whose ``filings`` are such records, their units inline or listed in
``units``. The dataset document and each record are described by a JSON Schema
(:func:`json_schema`, shipped as ``poverty_procurement/data/dataset.schema.json`` and published in
the documentation), generated from these record classes and the value objects by
:func:`generate_json_schema`. The schema checks shape and grammar (keys, types, enumerations,
amount, ratio and time text); the constructors also check meaning (the share formula, a
mobile number, an order number's form) — what the schema accepts, the converter may still refuse.

>>> from poverty_procurement import BudgetUnit, Filing, converter
>>> filing = Filing(BudgetUnit("D1", "某厅", "粤"), 2023, "own", canteen_total="3000000", ratio="30")
>>> record = converter.unstructure(filing)
>>> record["unit"], record["reserved_share"], record["contact_mobile"]
({'code': 'D1', 'name': '某厅', 'province': '广东省', 'superior': None}, '900000.00', None)
>>> converter.structure(record, Filing) == filing
True
"""

from __future__ import annotations

import datetime
import enum
import json
import types
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs
from cattrs.errors import AttributeValidationNote, ClassValidationError

from .errors import PovertyProcurementError
from .jurisdictions import abbreviations, provinces
from .model.contact import Contact
from .model.filing import CanteenArrangement, Filing, UnionBudget
from .model.order import (
    Channel,
    Order,
    OrderStatus,
    Placer,
    ProductCategory,
    SettlementAccount,
    UnionDelivery,
    UnionScheme,
)
from .model.payment import BankTransfer
from .model.unit import BudgetUnit
from .money import Yuan
from .ratio import Ratio

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "SCHEMA_ID",
    "FilingRecord",
    "OrderRecord",
    "filing_of",
    "generate_json_schema",
    "json_schema",
    "order_of",
    "register_record_hooks",
    "render_json_schema",
]

#: The ``$id`` of the dataset schema: the documentation page that publishes it.
SCHEMA_ID = "https://poverty-procurement.readthedocs.io/page/dataset-schema.html"


@attrs.frozen(kw_only=True)
class FilingRecord:
    """填报记录 — a :class:`~poverty_procurement.model.filing.Filing` as one flat record (附件2 一、第四、五步).

    The fields and order of the ``filings`` records of the data files; ``reserved_share`` and
    ``has_union_need`` may be left out (computed; checked when given).
    """

    unit: BudgetUnit
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
class OrderRecord:
    """订单记录 — an :class:`~poverty_procurement.model.order.Order` as one flat record (附件2 六、七).

    The fields and order of the ``orders`` records of the data files; ``account_holder`` defaults
    to the supplier.
    """

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


def _at(error: PovertyProcurementError, key: str, cls: type) -> ClassValidationError:
    """``error`` placed at the record's ``key``, so that the converter reports ``$.key``."""
    note = AttributeValidationNote(f"Structuring class {cls.__name__} @ attribute {key}", key, object)
    error.__notes__ = [note]  # type: ignore[attr-defined]  # set directly, as cattrs does (Python 3.10)
    return ClassValidationError(f"While structuring {cls.__name__}", [error], cls)


def _key(error: PovertyProcurementError, prefix: str, keys: tuple[str, ...], fallback: str | None) -> str | None:
    field = error.field.rpartition(".")[2]
    aliases = {"union": "union_total", "contact": "contact_name", "order_number": "number"}
    for candidate in (f"{prefix}{field}", field, aliases.get(field, "")):
        if candidate in keys:
            return candidate
    return fallback


def _placed(error: PovertyProcurementError, key: str | None, cls: type) -> Exception:
    """``error`` at ``key`` of the record, or as it is (reported at the record itself) without one."""
    return error if key is None else _at(error, key, cls)


_FILING_KEYS = tuple(field.name for field in attrs.fields(FilingRecord))
_ORDER_KEYS = tuple(field.name for field in attrs.fields(OrderRecord))


def filing_of(record: FilingRecord) -> Filing:
    """The :class:`~poverty_procurement.model.filing.Filing` of ``record``; errors name the record's key."""
    contact = None
    if (record.contact_name, record.contact_mobile, record.contact_landline) != (None, None, None):
        try:
            contact = Contact(record.contact_name, record.contact_mobile, record.contact_landline)
        except PovertyProcurementError as error:
            raise _at(error, _key(error, "contact_", _FILING_KEYS, None) or "contact_mobile", Filing) from None
    try:
        union = UnionBudget.of_fields(record.union_total, record.union_ratio, record.union_remark)
    except PovertyProcurementError as error:
        raise _at(error, _key(error, "union_", _FILING_KEYS, None) or "union_total", Filing) from None
    try:
        return Filing.of_fields(unit=record.unit, year=record.year, arrangement=record.arrangement,
                                canteen_total=record.canteen_total, ratio=record.ratio,
                                reserved_share=record.reserved_share, union=union,
                                has_union_need=record.has_union_need, remark=record.remark, contact=contact,
                                executing_entity=record.executing_entity, union_remark=record.union_remark)
    except PovertyProcurementError as error:
        raise _placed(error, _key(error, "", _FILING_KEYS, None), Filing) from None


def order_of(record: OrderRecord) -> Order:
    """The :class:`~poverty_procurement.model.order.Order` of ``record``; errors name the record's key."""
    try:
        SettlementAccount(record.account_holder or record.supplier, record.account_number, record.bank,
                          record.bank_code)  # checked first, so that its errors name the account's keys
    except PovertyProcurementError as error:
        field = {"holder": "account_holder", "number": "account_number"}.get(error.field.rpartition(".")[2])
        raise _at(error, field or _key(error, "", _ORDER_KEYS, None) or "account_number", Order) from None
    try:
        return Order.of_fields(number=record.number, buyer_unit=record.buyer_unit, placed_by=record.placed_by,
                               channel=record.channel, supplier=record.supplier,
                               account_holder=record.account_holder or record.supplier,
                               account_number=record.account_number, bank=record.bank, bank_code=record.bank_code,
                               amount=record.amount, payment_code=record.payment_code,
                               origin_county=record.origin_county, category=record.category, status=record.status,
                               paid_at=record.paid_at, refunded=record.refunded, union_scheme=record.union_scheme,
                               union_delivery=record.union_delivery, voucher_redemption=record.voucher_redemption)
    except PovertyProcurementError as error:
        raise _placed(error, _key(error, "", _ORDER_KEYS, None), Order) from None


def _filing_record(filing: Filing) -> FilingRecord:
    contact, union = filing.contact, filing.union
    return FilingRecord(
        unit=filing.unit, year=filing.year, arrangement=filing.arrangement, canteen_total=filing.canteen_total,
        ratio=filing.ratio, reserved_share=filing.reserved_share, has_union_need=filing.has_union_need,
        union_total=union.total if union else None, union_ratio=union.ratio if union else None,
        union_remark=union.remark if union else filing.union_remark, remark=filing.remark,
        contact_name=contact.name if contact else None, contact_mobile=contact.mobile if contact else None,
        contact_landline=contact.landline if contact else None, executing_entity=filing.executing_entity)


def _order_record(order: Order) -> OrderRecord:
    account = order.settlement_account
    return OrderRecord(
        number=order.number, buyer_unit=order.buyer_unit, placed_by=order.placed_by, channel=order.channel,
        supplier=order.supplier, account_number=account.number, bank=account.bank, bank_code=account.bank_code,
        amount=order.amount, origin_county=order.origin_county, account_holder=account.holder,
        payment_code=order.payment_code, category=order.category, status=order.status, paid_at=order.paid_at,
        refunded=order.refunded, union_scheme=order.union_scheme, union_delivery=order.union_delivery,
        voucher_redemption=order.voucher_redemption)


def register_record_hooks(made: cattrs.Converter) -> None:
    """Make ``made`` write and read a ``Filing`` and an ``Order`` as their flat records (called once,
    by :mod:`poverty_procurement.serialization` for its converter)."""

    def hooks(record_cls: type, value_cls: type, make: Callable[[Any], Any], flat: Callable[[Any], Any]) -> None:
        structure_record = made.get_structure_hook(record_cls)
        unstructure_record = made.get_unstructure_hook(record_cls)

        def structure(data: object, _: type) -> Any:
            return make(structure_record(data, record_cls))

        made.register_structure_hook(value_cls, structure)
        made.register_unstructure_hook(value_cls, lambda value: unstructure_record(flat(value)))

    hooks(FilingRecord, Filing, filing_of, _filing_record)
    hooks(OrderRecord, Order, order_of, _order_record)


# --- the JSON Schema ------------------------------------------------------------------------------

_AMOUNT = {"description": "金额（元），最多两位小数，如 \"600000.00\" / an amount in yuan",
           "anyOf": [{"type": "string", "pattern": r"^[0-9]{1,12}(\.[0-9]{1,2})?$"},
                     {"type": "integer", "minimum": 0, "maximum": 999_999_999_999}]}
_RATIO = {"description": "比例（百分点），\"30\" 即 30% / a ratio in percent points",
          "anyOf": [{"type": "string", "pattern": r"^(100(\.00?)?|[0-9]{1,2}(\.[0-9]{1,2})?)$"},
                    {"type": "integer", "minimum": 0, "maximum": 100}]}
_DATETIME = {"description": "ISO 8601 时间，不带时区即北京时间 / ISO 8601, naive = Beijing time",
             "type": "string",
             "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}(:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?)?"
                        r"(Z|[+-][0-9]{2}:[0-9]{2})?)?$"}


def _province_schema() -> dict[str, Any]:
    names: list[str] = []
    for p in provinces():
        names += [p.name, p.short_name, *abbreviations(p), p.code, p.code[:2]]
    codes = [int(p.code) for p in provinces()] + [int(p.code[:2]) for p in provinces()]
    return {"description": "省份：全称、简称、单字简称或代码，如 广东省、广东、粤、440000 / a province",
            "anyOf": [{"type": "string", "enum": names}, {"type": "integer", "enum": codes},
                      {"type": "object", "required": ["code"], "additionalProperties": False,
                       "properties": {"code": {"type": "string", "enum": [p.code for p in provinces()]},
                                      "name": {"type": "string"}, "short_name": {"type": "string"}}}]}


def _type_schema(kind: Any) -> dict[str, Any]:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [_type_schema(option) for option in typing.get_args(kind)]
        return {"anyOf": options}
    simple: dict[Any, dict[str, Any]] = {
        type(None): {"type": "null"}, str: {"type": "string"}, bool: {"type": "boolean"}, int: {"type": "integer"},
        Yuan: {"$ref": "#/$defs/Amount"}, Ratio: {"$ref": "#/$defs/Ratio"},
        datetime.datetime: {"$ref": "#/$defs/DateTime"}}
    if kind in simple:
        return dict(simple[kind])
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return {"enum": [member.value for member in kind]}
    return {"$ref": f"#/$defs/{kind.__name__}"}  # a value object (attrs class), described in $defs


def _object_schema(cls: type, description: str, *, optional: tuple[str, ...] = ()) -> dict[str, Any]:
    """The schema of the attrs class ``cls``: its fields, those without a default required."""
    fields = attrs.fields(attrs.resolve_types(cls))
    required = [f.name for f in fields if f.default is attrs.NOTHING and f.name not in optional]
    return {"type": "object", "description": description, "additionalProperties": False, "required": required,
            "properties": {f.name: _type_schema(f.type) for f in fields}}


def generate_json_schema() -> dict[str, Any]:
    """数据格式的 JSON Schema — generated from the record classes and the value objects (draft 2020-12).

    The root describes a whole data file (``year`` and the four arrays); ``$defs`` holds each
    record as the converter writes it (``BudgetUnit``, ``Filing``, ``Order``, ``BankTransfer``).
    Inside a data file a unit's ``province`` may be left out (广东) and a filing's ``unit`` may be the
    code of a listed unit. The shipped file is this, written out (a test keeps them equal).
    """
    unit = _object_schema(BudgetUnit, "预算单位 / a budget unit")
    filing = _object_schema(FilingRecord, "填报（附件2 一、第四、五步）/ a filing")
    listed_unit = {**unit, "required": [name for name in unit["required"] if name != "province"]}
    listed_filing = {**filing, "properties": {**filing["properties"], "unit": {"anyOf": [
        {"type": "string", "description": "单位代码（见 units）/ the code of a listed unit"},
        {"$ref": "#/$defs/BudgetUnit"}]}}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "poverty-procurement 数据文件 / data file",
        "description": "一个部门的单位、填报、订单和银行转账 / a department's units, filings, orders and transfers",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "year": {"type": "integer", "minimum": 2000, "maximum": 2100},
            "units": {"type": "array", "items": {"$ref": "#/$defs/DatasetUnit"}},
            "filings": {"type": "array", "items": {"$ref": "#/$defs/DatasetFiling"}},
            "orders": {"type": "array", "items": {"$ref": "#/$defs/Order"}},
            "transfers": {"type": "array", "items": {"$ref": "#/$defs/BankTransfer"}},
        },
        "$defs": {
            "Amount": _AMOUNT,
            "Ratio": _RATIO,
            "DateTime": _DATETIME,
            "Province": _province_schema(),
            "BudgetUnit": unit,
            "Filing": {**filing, "title": "Filing"},
            "Order": _object_schema(OrderRecord, "订单 / an order"),
            "BankTransfer": _object_schema(BankTransfer, "银行转账 / a bank transfer"),
            "DatasetUnit": listed_unit,
            "DatasetFiling": listed_filing,
        },
    }


def json_schema() -> dict[str, Any]:
    """数据格式的 JSON Schema — the shipped ``dataset.schema.json`` (see :func:`generate_json_schema`)."""
    from .data import read_text

    loaded: dict[str, Any] = json.loads(read_text("dataset.schema.json"))
    return loaded


def render_json_schema() -> str:
    """The text of ``dataset.schema.json``: :func:`generate_json_schema` as indented UTF-8 JSON."""
    return json.dumps(generate_json_schema(), ensure_ascii=False, indent=2) + "\n"
