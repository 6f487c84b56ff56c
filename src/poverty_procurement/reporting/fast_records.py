"""记录快建 — the value objects of records whose values have the plain forms the readers give (text, choice values,
amount and ISO time text, ``bool``), built once by the public constructors without the converter's pass.

Each function returns ``None`` for anything else or any problem:
:class:`~poverty_procurement.reporting.records.RowBuilder` then reads the record the general way (the converter,
then the constructors), which gives the verdict and its errors. Equality with that path is a property test
(``tests/reporting/test_fast_reader_paths.py``).

>>> unit = fast_unit({"code": "U1", "name": "某中心", "superior": "D1"})
>>> unit.code, unit.superior, unit.province.short_name
('U1', 'D1', '广东')
>>> fast_unit({"code": "U1", "name": 5}) is None
True
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from ..errors import PovertyProcurementError
from ..model.order import Channel, Order, OrderStatus, Placer, ProductCategory, UnionDelivery, UnionScheme
from ..model.payment import BankTransfer
from ..model.unit import BudgetUnit
from ..money import yuan

__all__ = ["fast_order", "fast_transfer", "fast_unit"]

_ORDER_CHOICES: dict[str, dict[str, Any]] = {
    name: {member.value: member for member in kind}
    for name, kind in (("placed_by", Placer), ("channel", Channel), ("category", ProductCategory),
                       ("status", OrderStatus), ("union_scheme", UnionScheme), ("union_delivery", UnionDelivery))}
_PLACERS, _CHANNELS, _CATEGORIES, _STATUSES, _SCHEMES, _DELIVERIES = _ORDER_CHOICES.values()
_AWAITING = OrderStatus.AWAITING_PAYMENT
#: An optional choice given but not one of its values.
_NOT_A_CHOICE = object()


def _optional_choice(members: dict[str, Any], value: object) -> Any:
    """The member an optional choice's text names, ``None`` when not given, :data:`_NOT_A_CHOICE` otherwise."""
    if value is None:
        return None
    return members.get(value, _NOT_A_CHOICE) if type(value) is str else _NOT_A_CHOICE


def fast_order(fields: Mapping[str, object]) -> Order | None:
    """The order of a record whose values have the plain forms the readers give (text, enum values, amount and
    ISO time text, ``bool``), built once through :meth:`Order.of_fields`; ``None`` for anything else or any problem
    — the converter and the constructors then give the verdict and its errors, as before."""
    get = fields.get
    number, buyer_unit, supplier, account, bank, code, county, amount = (
        get("number"), get("buyer_unit"), get("supplier"), get("account_number"), get("bank"), get("bank_code"),
        get("origin_county"), get("amount"))
    if not (type(number) is str and type(buyer_unit) is str and type(supplier) is str and type(account) is str
            and type(bank) is str and type(code) is str and type(county) is str and type(amount) is str):
        return None
    placer, channel = get("placed_by"), get("channel")
    if type(placer) is not str or type(channel) is not str:
        return None
    placed_by, through = _PLACERS.get(placer), _CHANNELS.get(channel)
    category, status, scheme, delivery = (_optional_choice(_CATEGORIES, get("category")),
                                          _optional_choice(_STATUSES, get("status")),
                                          _optional_choice(_SCHEMES, get("union_scheme")),
                                          _optional_choice(_DELIVERIES, get("union_delivery")))
    if placed_by is None or through is None or category is _NOT_A_CHOICE or status is _NOT_A_CHOICE \
            or scheme is _NOT_A_CHOICE or delivery is _NOT_A_CHOICE:
        return None
    holder, payment, paid_at, refunded, voucher = (get("account_holder"), get("payment_code"), get("paid_at"),
                                                   get("refunded"), get("voucher_redemption", False))
    if (holder is not None and type(holder) is not str) or (payment is not None and type(payment) is not str) \
            or (paid_at is not None and (type(paid_at) is not str or len(paid_at) > 64)) \
            or (refunded is not None and type(refunded) is not str) or type(voucher) is not bool:
        return None
    try:
        return Order.of_fields(
            number=number, buyer_unit=buyer_unit, placed_by=placed_by, channel=through, supplier=supplier,
            account_holder=holder or supplier, account_number=account, bank=bank, bank_code=code,
            amount=yuan(amount), payment_code=payment, origin_county=county, category=category,
            status=_AWAITING if status is None else status,
            paid_at=None if paid_at is None else datetime.datetime.fromisoformat(paid_at),
            refunded=None if refunded is None else yuan(refunded), union_scheme=scheme, union_delivery=delivery,
            voucher_redemption=voucher)
    except (PovertyProcurementError, ValueError):
        return None


_TRANSFER_TEXT = ("transaction_id", "payer_name", "payer_account", "payee_account", "amount", "memo", "time")


def fast_transfer(fields: Mapping[str, object]) -> BankTransfer | None:
    """The transfer of a record of plain text values, made by the public constructor without the converter's
    pass; ``None`` for anything else or any problem (the plain path then gives the verdict and its errors)."""
    get = fields.get
    if not all(type(get(name)) is str for name in _TRANSFER_TEXT) or len(get("time")) > 64:  # type: ignore[arg-type]
        return None
    try:
        return BankTransfer(get("transaction_id"), get("payer_name"), get("payer_account"),  # type: ignore[arg-type]
                            get("payee_account"), yuan(get("amount")), get("memo"),  # type: ignore[arg-type]
                            datetime.datetime.fromisoformat(get("time")))  # type: ignore[arg-type]
    except (PovertyProcurementError, ValueError):
        return None


def fast_unit(fields: Mapping[str, object]) -> BudgetUnit | None:
    """The unit of a record of plain text values, made by the public constructor without the converter's pass;
    ``None`` for anything else or any problem (the plain path then gives the verdict and its errors)."""
    code, name, province, superior = (fields.get(key) for key in ("code", "name", "province", "superior"))
    if type(code) is not str or type(name) is not str or (province is not None and type(province) is not str) \
            or (superior is not None and type(superior) is not str):
        return None
    try:
        return BudgetUnit(code, name, "广东" if province is None else province, superior)
    except PovertyProcurementError:
        return None
