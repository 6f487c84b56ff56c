"""订单行快读 — the :class:`~poverty_procurement.model.order.Order` of a plain CSV row of orders, built at once.

A row of an order goes, on the general path, through three steps: its cells are read into fields by their
column's form (:meth:`~poverty_procurement.reporting.office.Table.record`), the fields are checked as a record
(:class:`~poverty_procurement.reporting.records.RowBuilder`), and the order is built by
:meth:`Order.of_fields <poverty_procurement.model.order.Order.of_fields>`. For the rows an office's export is
made of — every cell text, short, in the forms :mod:`~poverty_procurement.reporting.cell_forms` reads, the
order valid — :func:`plain_order_reader` gives a function that does the same in one step: the same readings
of each cell (the same functions, by the same forms: a code trimmed, text as written, a choice by its
label or value, an amount and a time by :func:`~poverty_procurement.reporting.cell_forms.read_cell`) and the
same constructor, so the order is the one the general path builds. Anything else — a blank required cell,
a cell too long, a cell of another kind's column given, a code Excel may have rewritten (``+``), a value
that does not read, an order the constructor refuses — gives ``None``, and the general path then reads the
row and notes what is wrong, in the same words as always. Equality with the general path is a property
test (``tests/reporting/test_fast_reader_paths.py``).

>>> from poverty_procurement.reporting.office import Table
>>> table = Table.of(["订单号", "采购单位代码", "下单主体", "下单渠道", "供应商", "收款账号", "开户银行", "联行号",
...                   "订单金额", "产地县", "付款码"], "订单.csv", "orders")
>>> read = table.plain_orders()
>>> order = read(["XD2023031300000001", "44010000", "本单位", "832平台交易系统", "某合作社", "6222021001122334455",
...               "某银行", "102100099996", "300,000.00", "三都县", "K3M8PQ"])
>>> order.number, str(order.amount), order.payment_code, order.status.value
('XD2023031300000001', '300,000.00元', 'k3m8pq', 'awaiting-payment')
>>> read(["XD2023031300000001", "44010000", "本单位", "832平台交易系统", "某合作社", "6222021001122334455",
...       "某银行", "102100099996", "三十万", "三都县", ""]) is None  # not an amount: the general path says so
True
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from enum import Enum
from operator import itemgetter
from typing import Any

from ..errors import PovertyProcurementError
from ..model.order import (
    Channel,
    Order,
    OrderStatus,
    Placer,
    ProductCategory,
    UnionDelivery,
    UnionScheme,
    typed_order,
)
from ..money import Yuan, amount_fen, trusted_yuan, yuan
from .cell_forms import PLAIN_AMOUNT, BadCell, read_cell
from .columns import Column
from .records import MAX_FIELD_LENGTH

__all__ = ["plain_order_reader"]

#: Most texts remembered per column (then forgotten and remembered afresh): choices and times repeat.
_REMEMBERED_MOST = 4096
#: What a remembered text reads as when it does not read: the general path says why.
_UNREADABLE: Any = object()
_CHOICES: dict[str, type[Enum]] = {"placed_by": Placer, "channel": Channel, "category": ProductCategory,
                                   "status": OrderStatus, "union_scheme": UnionScheme, "union_delivery": UnionDelivery}
_AWAITING = OrderStatus.AWAITING_PAYMENT
_NOTHING = trusted_yuan(0)  # nothing refunded (Order.of_fields's default)


class _Remembered:
    """The readings of one column's texts: ``read(text)`` once per distinct text, at most
    :data:`_REMEMBERED_MOST` held; a blank text reads as ``None``, a text that does not read as
    :data:`_UNREADABLE`. ``seen.get(text, _MISS)`` is the reading when remembered."""

    __slots__ = ("_read", "seen")

    def __init__(self, read: Callable[[str], object] | None) -> None:
        self._read = read
        self.seen: dict[str, object] = {"": None}  # (an absent column reads the blank cell: always remembered)

    def __call__(self, text: str) -> Any:
        if self._read is None or not text or text.isspace():
            return None
        if len(self.seen) >= _REMEMBERED_MOST:
            self.seen.clear()
            self.seen[""] = None
        try:
            value = self._read(text)
        except (BadCell, PovertyProcurementError, ValueError, KeyError):
            value = _UNREADABLE
        self.seen[text] = value
        return value


def _choice(column: Column | None) -> _Remembered:
    if column is None:
        return _Remembered(None)
    members = {member.value: member for member in _CHOICES[column.field]}
    return _Remembered(lambda text: members[str(read_cell(column, text, False, []))])


def _time(column: Column | None) -> _Remembered:
    def read(text: str) -> datetime.datetime:  # (the ISO text read_cell gives of a time: short, always readable)
        return datetime.datetime.fromisoformat(str(read_cell(column, text, False, [])))  # type: ignore[arg-type]

    return _Remembered(None if column is None else read)


def _amount(text: str, column: Column | None) -> Yuan:
    """The amount of a cell (not blank) as the column's form reads it: the form grammar's own text (twelve integer
    digits at most, two decimals) made into fen at once by :func:`~poverty_procurement.money.amount_fen`."""
    if _PLAIN_AMOUNT(text) is not None:
        return trusted_yuan(amount_fen(text))
    return yuan(str(read_cell(column, text, False, [])))  # type: ignore[arg-type]


_PLAIN_AMOUNT = PLAIN_AMOUNT.fullmatch


def _blank(text: str) -> bool:
    return not text or text.isspace()


#: What ``dict.get`` gives for a text not remembered.
_MISS: Any = object()


def plain_order_reader(columns: Sequence[tuple[int, Column]], others: tuple[int, ...],
                       width: int) -> Callable[[Sequence[object]], Order | None]:
    """订单行快读 — the function giving the :class:`Order` of a plain row of a table of orders, or ``None``.

    ``columns`` are the table's order columns (cell index, column), ``others`` the indexes of its named
    columns of other kinds (a row of orders leaves them empty), ``width`` the number of its columns. See the
    module docstring for what "plain" means; the order is the one the general path builds of the row.
    """
    where = {column.field: position for position, (_, column) in enumerate(columns)}
    by_field = {column.field: column for _, column in columns}
    indexes = tuple(index for index, _ in columns)
    blank_at = len(indexes)  # an absent column reads the blank cell appended after the others
    take_cells = itemgetter(*indexes) if len(indexes) > 1 else (lambda cells: tuple(cells[i] for i in indexes))
    take_others = itemgetter(*others) if len(others) > 1 else (lambda cells: tuple(cells[i] for i in others))
    last = max((*indexes, *others, -1))
    (number_at, unit_at, placer_at, channel_at, supplier_at, holder_at, account_at, bank_at, bank_code_at,
     amount_at, payment_at, county_at, category_at, status_at, paid_at_at, refunded_at, scheme_at, delivery_at,
     voucher_at) = (where.get(field, blank_at) for field in (
        "number", "buyer_unit", "placed_by", "channel", "supplier", "account_holder", "account_number", "bank",
        "bank_code", "amount", "payment_code", "origin_county", "category", "status", "paid_at", "refunded",
        "union_scheme", "union_delivery", "voucher_redemption"))
    placers, channels, categories, statuses, schemes, deliveries = (_choice(by_field.get(field)) for field in (
        "placed_by", "channel", "category", "status", "union_scheme", "union_delivery"))
    paid_times = _time(by_field.get("paid_at"))
    choices = (placers, channels, categories, statuses, schemes, deliveries)
    # the six choices' texts of a row, together → their readings (an office's rows repeat a few combinations)
    combinations: dict[tuple[str, ...], tuple[Any, ...]] = {}
    paid_seen = paid_times.seen
    amount_column, refunded_column, voucher_column = (by_field.get(field)
                                                      for field in ("amount", "refunded", "voucher_redemption"))

    def read(cells: Sequence[object]) -> Order | None:  # noqa: PLR0911 -- one refusal after another
        count = len(cells)
        if count <= last or count > width:  # short of a column, or a cell outside the header: the general path
            return None
        values = (*take_cells(cells), "")
        try:  # all text (a CSV row) and short; the other kinds' columns empty
            if len("".join(values)) > MAX_FIELD_LENGTH or (others and "".join(take_others(cells)).strip()):
                return None
        except TypeError:
            return None
        number, unit, account, bank_code, payment = (values[number_at].strip(), values[unit_at].strip(),
                                                     values[account_at].strip(), values[bank_code_at].strip(),
                                                     values[payment_at].strip())
        if not (number and unit and account and bank_code) or "+" in number or "+" in unit or "+" in account \
                or "+" in bank_code or "+" in payment:  # blank, or perhaps a number Excel rewrote
            return None
        supplier, bank, county, holder = values[supplier_at], values[bank_at], values[county_at], values[holder_at]
        if _blank(supplier) or _blank(bank) or _blank(county):
            return None
        texts = (values[placer_at], values[channel_at], values[category_at], values[status_at], values[scheme_at],
                 values[delivery_at])
        # the common case: the combination of choices met before, the time remembered
        read_as = combinations.get(texts)
        if read_as is None:
            if len(combinations) >= _REMEMBERED_MOST:
                combinations.clear()
            read_as = combinations[texts] = tuple(reader(text) for reader, text in zip(choices, texts, strict=True))
        placer, channel, category, status, scheme, delivery = read_as
        paid_text = values[paid_at_at]
        paid_at: Any = paid_seen.get(paid_text, _MISS)
        if paid_at is _MISS:
            paid_at = paid_times(paid_text)
        if placer is None or channel is None or _UNREADABLE in read_as or paid_at is _UNREADABLE:
            return None
        amount_text, refunded_text, voucher_text = values[amount_at], values[refunded_at], values[voucher_at]
        if _blank(amount_text):  # (also when the table has no column of amounts)
            return None
        try:
            amount = _amount(amount_text, amount_column)
            refunded = _NOTHING if refunded_column is None or _blank(refunded_text) else \
                yuan(str(read_cell(refunded_column, refunded_text, False, [])))
            voucher = False if voucher_column is None or _blank(voucher_text) else \
                read_cell(voucher_column, voucher_text, False, [])
            if type(voucher) is not bool:  # (typed_order takes the types as given)
                return None
            # each field now of its type (the texts, the members, the amounts, the time): the value checks
            # of Order.of_fields, with the same defaults (the holder the supplier, the status awaiting payment)
            return typed_order(number, unit, placer, channel, supplier, supplier if _blank(holder) else holder, account,
                               bank, bank_code, amount, payment or None, county, category,
                               _AWAITING if status is None else status, paid_at, refunded, scheme, delivery, voucher)
        except (BadCell, PovertyProcurementError, ValueError):
            return None

    return read
