"""数据行 — value objects from rows with the documented columns (a DataFrame row, a CSV row as a dict).

The columns are those of the input files (:mod:`poverty_procurement.reporting.records`, the CLI page):
``units`` (code, name, province, superior), ``filings`` (unit, year, arrangement, canteen_total,
ratio, reserved_share, has_union_need, union_total, union_ratio, union_remark, remark,
contact_name, contact_mobile, contact_landline, executing_entity), ``orders`` and ``transfers``.
A distributed run (Dask, Spark: :mod:`poverty_procurement.partitioning`) builds its value objects
with these functions inside each task.

Cells: text as in a CSV file, or values of the field's own type; an empty text, ``None`` or a
missing value of pandas (``NaN``, ``NA``) means "not given". Amounts are exact text
(``"1000.05"``), never ``float`` (refused with ``UnsupportedType``); times are ISO 8601 text or
``datetime`` (naive: Beijing time). Every problem raises the library's own error naming the column.

>>> transfer_from_row({"transaction_id": "B1", "payer_name": "某局", "payer_account": "1234567890123",
...                    "payee_account": "35000188110503337", "amount": "0.01", "memo": "货款f54yxn",
...                    "time": "2022-11-23T10:00:00"}).amount
Yuan('0.01')
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from .conventions import LabelledEnum
from .errors import InputError, UnsupportedType, shown
from .model.contact import Contact
from .model.filing import Filing, UnionBudget
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
from .rules.filings.checks import FilingCheck, Severity, Violation, check_contact
from .rules.payments.matching import MatchResult

__all__ = [
    "CHECK_COLUMNS",
    "MATCH_COLUMNS",
    "check_row",
    "filing_contact_problems",
    "filing_from_row",
    "match_row",
    "order_from_row",
    "transfer_from_row",
    "unit_from_row",
]

_TRUE = frozenset({"是", "true", "True", "TRUE", "1", "y", "Y", "yes"})
_FALSE = frozenset({"否", "false", "False", "FALSE", "0", "n", "N", "no"})


def _cell(row: Mapping[str, Any], key: str) -> Any:
    value = row.get(key)
    if value is None or (isinstance(value, str) and not value) or (isinstance(value, float) and math.isnan(value)):
        return None
    if type(value).__name__ in {"NAType", "NaTType"}:  # pandas' missing values, without importing pandas
        return None
    return value


def _text(row: Mapping[str, Any], key: str) -> str:
    value = _cell(row, key)
    if value is None:
        raise InputError(key, f"缺少 {key}", f"{key} is missing")
    if not isinstance(value, str):
        raise UnsupportedType(key, f"{key} 须为文本，收到 {type(value).__name__}",
                              f"{key} is text, got {type(value).__name__}")
    return value


def _optional(row: Mapping[str, Any], key: str) -> str | None:
    return None if _cell(row, key) is None else _text(row, key)


def _time(row: Mapping[str, Any], key: str, *, required: bool = True) -> datetime.datetime | None:
    value = _cell(row, key)
    if value is None:
        if required:
            raise InputError(key, f"缺少 {key}", f"{key} is missing")
        return None
    if isinstance(value, datetime.datetime):
        return datetime.datetime(value.year, value.month, value.day, value.hour, value.minute, value.second,
                                 value.microsecond, value.tzinfo)  # a plain datetime, not pandas' Timestamp
    if isinstance(value, str):
        try:
            return datetime.datetime.fromisoformat(value)
        except ValueError:
            pass
    raise InputError(key, f"{key} 须为 ISO 8601 时间（如 2023-11-23T10:00:00），收到 {shown(value)}",
                     f"{key} is an ISO 8601 time (e.g. 2023-11-23T10:00:00), got {shown(value)}")


def _flag(row: Mapping[str, Any], key: str) -> bool | None:
    value = _cell(row, key)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str) and value in _TRUE | _FALSE:
        return value in _TRUE
    raise InputError(key, f"{key} 须为 是/否、true/false 或 1/0，收到 {shown(value)}",
                     f"{key} is yes/no, true/false or 1/0, got {shown(value)}")


def _year(row: Mapping[str, Any]) -> int:
    value = _cell(row, "year")
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 4:
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if value is not None and type(value).__name__.startswith("int"):  # a NumPy integer
        return int(value)
    raise InputError("year", f"year 须为整数年度，收到 {shown(value)}", f"year is a whole year, got {shown(value)}")


def unit_from_row(row: Mapping[str, Any]) -> BudgetUnit:
    """预算单位行 — a :class:`~poverty_procurement.filings.BudgetUnit` from ``code, name, province, superior``."""
    return BudgetUnit(_text(row, "code"), _text(row, "name"), _optional(row, "province") or "广东",
                      _optional(row, "superior"))


def filing_from_row(row: Mapping[str, Any], unit: BudgetUnit) -> Filing:
    """填报行 — a :class:`~poverty_procurement.filings.Filing` of ``unit`` from the filing columns.

    ``unit`` is the unit the ``unit`` column names (a filing needs its province and superior). As
    the file readers do, wrong contact columns leave the filing without a contact; their problems
    are :func:`filing_contact_problems`.
    """
    if _text(row, "unit") != unit.code:
        raise InputError("unit", f"填报的单位 {shown(row.get('unit'))} 不是 {unit.code}",
                         f"the filing's unit {shown(row.get('unit'))} is not {unit.code}")
    union_remark = _optional(row, "union_remark") or ""
    union = UnionBudget.of_fields(_cell(row, "union_total"), _cell(row, "union_ratio"), union_remark)
    need = _flag(row, "has_union_need")
    name, mobile, landline = (_optional(row, key) for key in ("contact_name", "contact_mobile", "contact_landline"))
    given = (name, mobile, landline) != (None, None, None)
    contact = Contact(name, mobile, landline) if given and not check_contact(name, mobile, landline) else None
    return Filing.of_fields(unit=unit, year=_year(row), arrangement=_text(row, "arrangement"),
                            canteen_total=_cell(row, "canteen_total"), ratio=_cell(row, "ratio"),
                            reserved_share=_cell(row, "reserved_share"), union=union, has_union_need=need,
                            remark=_optional(row, "remark") or "", contact=contact,
                            executing_entity=_optional(row, "executing_entity"), union_remark=union_remark)


def filing_contact_problems(row: Mapping[str, Any]) -> tuple[Violation, ...]:
    """联系人问题 — the problems of the contact columns (as the file readers report them beside the filing).

    A filing whose contact columns are given but wrong is made without a contact
    (:func:`filing_from_row`); these problems then replace its ``contact-missing``
    (附件2 一、第五步). Empty when the columns are right or not given.
    """
    name, mobile, landline = (_optional(row, key) for key in ("contact_name", "contact_mobile", "contact_landline"))
    if (name, mobile, landline) == (None, None, None):
        return ()
    return check_contact(name, mobile, landline)


def order_from_row(row: Mapping[str, Any]) -> Order:
    """订单行 — an :class:`~poverty_procurement.payments.Order` from the order columns."""
    holder, number, bank, code = (_optional(row, "account_holder") or _text(row, "supplier"),
                                  _text(row, "account_number"), _text(row, "bank"), _text(row, "bank_code"))
    SettlementAccount(holder, number, bank, code)  # checked before the order's columns, as always
    status = _enum(row, "status", OrderStatus)
    return Order.of_fields(number=_text(row, "number"), buyer_unit=_text(row, "buyer_unit"),
                           placed_by=_enum(row, "placed_by", Placer, required=True),
                           channel=_enum(row, "channel", Channel, required=True), supplier=_text(row, "supplier"),
                           account_holder=holder, account_number=number, bank=bank, bank_code=code,
                           amount=_cell(row, "amount"), payment_code=_optional(row, "payment_code"),
                           origin_county=_text(row, "origin_county"), category=_enum(row, "category", ProductCategory),
                           status=OrderStatus.AWAITING_PAYMENT if status is None else status,
                           paid_at=_time(row, "paid_at", required=False), refunded=_cell(row, "refunded"),
                           union_scheme=_enum(row, "union_scheme", UnionScheme),
                           union_delivery=_enum(row, "union_delivery", UnionDelivery),
                           voucher_redemption=bool(_flag(row, "voucher_redemption")))


_E = TypeVar("_E", bound=LabelledEnum)


def _enum(row: Mapping[str, Any], key: str, cls: type[_E], *, required: bool = False) -> Any:
    value = _text(row, key) if required else _optional(row, key)
    if value is None:
        return None
    try:
        return cls(value)
    except ValueError:
        values = [member.value for member in cls]
        raise InputError(key, f"{key} 须为 {'、'.join(values)} 之一，收到 {shown(value)}",
                         f"{key} is one of {', '.join(values)}, got {shown(value)}") from None


def transfer_from_row(row: Mapping[str, Any]) -> BankTransfer:
    """转账行 — a :class:`~poverty_procurement.payments.BankTransfer` from the transfer columns."""
    return BankTransfer(_text(row, "transaction_id"), _text(row, "payer_name"), _text(row, "payer_account"),
                        _text(row, "payee_account"), _cell(row, "amount"), _text(row, "memo"),
                        _moment(row, "time"))


def _moment(row: Mapping[str, Any], key: str) -> datetime.datetime:
    value = _time(row, key)
    if value is None:  # _time raises for a missing required time
        raise AssertionError(key)
    return value


# --- results as rows (what a distributed run returns, and what it is compared with) ---

#: The columns of a matching result: the transfer's position and id, the reason's code, the order
#: number, the codes found (space-separated) and the credit deadline (ISO 8601), ``None`` when absent.
MATCH_COLUMNS = ("position", "transaction_id", "reason", "order_number", "codes", "credit_deadline")
#: The columns of a filing check: position, unit code, acceptable, violation codes (space-separated), error.
CHECK_COLUMNS = ("position", "unit", "acceptable", "violations", "error")


def match_row(position: int, result: MatchResult) -> tuple[Any, ...]:
    """The :data:`MATCH_COLUMNS` row of one matching result."""
    deadline = result.credit_deadline
    return (position, result.transfer.transaction_id, result.reason.value, result.order_number,
            " ".join(result.codes), None if deadline is None else deadline.isoformat())


def check_row(check: FilingCheck, contact_problems: Iterable[Violation] = ()) -> tuple[Any, ...]:
    """The :data:`CHECK_COLUMNS` row of one filing check; ``contact_problems``
    (:func:`~poverty_procurement.rows.filing_contact_problems`) replace ``contact-missing``, as in the report."""
    unit = getattr(getattr(check.filing, "unit", None), "code", None)
    violations = list(check.violations)
    problems = list(contact_problems)
    if problems:
        violations = [v for v in violations if v.code != "contact-missing"] + problems
    acceptable = check.error is None and all(v.severity is not Severity.ERROR for v in violations)
    return (check.position, unit, acceptable, " ".join(v.code for v in violations),
            None if check.error is None else str(check.error))
