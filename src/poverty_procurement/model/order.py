"""订单 — orders on the 832 trading platform and the supplier's settlement account.

Sources (粤财采购〔2023〕2号):

* 附件2 七（一）: the 【供应商收款账户】 panel — 收款户名, 收款账号 ``35000188110503337``, 开户银行
  中国光大银行北京分行营业室, 支付金额, 用途/备注/摘要/附言 ``f54yxn`` (the payment code), 联行号
  ``303100000241``; "该订单支付只能向此账户汇款" (only this account may be paid).
* 附件2 七（三）第四步: order numbers ``XD2022112330011271`` …; the status 待支付货款.
* 正文 三（二）（三） and 附件1 第三条: who may buy so that it counts — the unit, its union (工会),
  employees through the WeChat mini-program (微信小程序) bound to the unit (所属单位), and, under
  附件1 第二条, the canteen contractor (食堂承包方) for whom the unit opened trading rights.
* 附件2 四: the six 832优选 categories; 附件2 五: the four 工会一站通 schemes; 附件2 六: 个人采购.

An order's amounts are :class:`~poverty_procurement.money.Yuan`; times are ``datetime`` — a
naive datetime is Beijing time (UTC+8), an aware one is converted to it where a date matters.

>>> account = SettlementAccount("测试新工商信息核验", "35000188110503337", "中国光大银行北京分行营业室",
...                             "303100000241")
>>> order = Order("XD2022112330011271", "440000-001", Placer.UNIT, Channel.TRADING_PLATFORM,
...               "测试新工商信息核验", account, "0.01", "F54YXN", "三都县")
>>> order.payment_code, str(order.amount), order.status.zh
('f54yxn', '0.01元', '待支付货款')
"""

from __future__ import annotations

import datetime
import functools
import unicodedata
from typing import Any

import attrs

from ..conventions import LabelledEnum, beijing
from ..errors import InvalidOrder, PovertyProcurementError
from ..identifiers import account_number, bank_code, order_number, payment_code
from ..money import Yuan
from ._checks import (
    as_yuan,
    check_enum,
    normal_text,
    optional_timestamp,
    positive,
    text_field,
)

__all__ = [
    "Channel",
    "Order",
    "OrderStatus",
    "Placer",
    "ProductCategory",
    "SettlementAccount",
    "UnionDelivery",
    "UnionScheme",
]

_ZERO = Yuan.from_fen(0)


class Placer(LabelledEnum):
    """下单主体 — who placed the order for the unit (正文 三（三）; 附件1 第二、三条).

    >>> Placer("union").zh
    '工会'
    """

    UNIT = ("unit", "本单位")
    UNION = ("union", "工会")
    INDIVIDUAL = ("individual", "绑定所属单位的职工个人")
    CANTEEN_CONTRACTOR = ("canteen-contractor", "食堂承包方")


class Channel(LabelledEnum):
    """下单渠道 — the trading platform, its WeChat mini-program, or not the 832 platform at all.

    ``OFF_PLATFORM`` records a purchase made through another channel (正文 三（二）: "通过832平台以外
    其他渠道采购的，不计入本单位年度采购总额"); such a record may carry any reference as its number.
    """

    TRADING_PLATFORM = ("trading-platform", "832平台交易系统")
    MINI_PROGRAM = ("mini-program", "832平台微信小程序")
    OFF_PLATFORM = ("off-platform", "832平台以外其他渠道")


class ProductCategory(LabelledEnum):
    """832优选品类 — the six categories of 附件2 四 品类甄选."""

    GRAIN_AND_OIL = ("grain-and-oil", "米面粮油")
    SEASONINGS_AND_DRY_GOODS = ("seasonings-and-dry-goods", "调味干货")
    SNACKS = ("snacks", "休闲食品")
    MEAT_POULTRY_AND_EGGS = ("meat-poultry-and-eggs", "禽畜肉蛋")
    FRESH_FRUIT_AND_VEGETABLES = ("fresh-fruit-and-vegetables", "鲜果蔬菜")
    COMBINATION_PACKS = ("combination-packs", "组合套餐")


class OrderStatus(LabelledEnum):
    """订单状态 — awaiting payment (待支付货款, 附件2 七（二）第一步), paid, or cancelled unpaid."""

    AWAITING_PAYMENT = ("awaiting-payment", "待支付货款")
    PAID = ("paid", "已支付")
    CANCELLED = ("cancelled", "已取消")


class UnionScheme(LabelledEnum):
    """工会一站通方案 — the four union purchase schemes of 附件2 五.

    * 工会专场 and 工会仓内任意选: the union buys on the trading platform; the order counts.
    * 工会提货券: "单位通过832平台购买提货券，采购额计入单位预算份额" — the *voucher purchase* counts;
      the employees' later redemptions in the mini-program (``Order.voucher_redemption``) do not
      count again, or the same money would be counted twice.
    * 工会小程序: employees (or persons the unit authorised) buy in the mini-program bound to the unit
      and are reimbursed, or goods are delivered to the unit; the orders count.
    """

    SPECIAL_SESSION = ("special-session", "工会专场")
    PICKUP_VOUCHER = ("pickup-voucher", "工会提货券")
    WAREHOUSE_CHOICE = ("warehouse-choice", "工会仓内任意选")
    MINI_PROGRAM = ("mini-program", "工会小程序")


class UnionDelivery(LabelledEnum):
    """工会专场配送方式 — the two delivery modes of 工会专场 (附件2 五 方案一)."""

    DELIVER_TO_HOMES = ("deliver-to-homes", "统采分送，送货到家")
    DELIVER_TO_UNIT = ("deliver-to-unit", "统一送货，单位发放")


def _account(value: str) -> str:
    return account_number.validate(value)


def _bank_code(value: str) -> str:
    return bank_code.validate(value)


#: Longest text of a name (户名, 开户银行, 供应商) and of a place or a short reference (采购单位, 产地县, an
#: off-platform order's reference), in characters: the validators and the readers' fast path use these.
_NAME_MOST = 100
_PLACE_MOST = 64


@attrs.frozen
class SettlementAccount:
    """供应商收款账户（结算账户） — 户名, 账号, 开户银行, 联行号 (附件2 七（一）).

    The account number and the 联行号 are validated and normalised (spaces removed).

    >>> SettlementAccount("测试新工商信息核验", "3500 0188 1105 0333 7", "中国光大银行北京分行营业室",
    ...                   "303100000241").number
    '35000188110503337'
    """

    holder: str = attrs.field(converter=normal_text, validator=text_field(_NAME_MOST))
    number: str = attrs.field(converter=_account)
    bank: str = attrs.field(converter=normal_text, validator=text_field(_NAME_MOST))
    bank_code: str = attrs.field(converter=_bank_code)


def _order_number(instance: Order, attribute: Any, value: Any) -> None:
    if instance.channel is Channel.OFF_PLATFORM:
        text_field(_PLACE_MOST)(instance, attribute, value)
    else:
        order_number.validate(value)


def _optional_code(value: str | None) -> str | None:
    return None if value is None else payment_code.validate(value)


def _optional(kind: type) -> Any:
    return attrs.validators.optional(check_enum(kind))


@attrs.frozen
class Order:
    """订单 — an order on the 832 platform, as the library needs it for matching and counting.

    Fields: ``number`` (订单号 ``XD…``, normalised), ``buyer_unit`` (the code of the budget unit the
    purchase is for), ``placed_by`` (:class:`Placer`), ``channel`` (:class:`Channel`), ``supplier``
    and its ``settlement_account``, ``amount`` (> 0), ``payment_code`` (付款识别码 for 对公转账,
    ``None`` when the order is paid otherwise, e.g. WeChat Pay in the mini-program),
    ``origin_county`` (name or code of the county the goods come from), ``category`` (832优选品类,
    ``None`` when not an 832优选 product), ``status``, ``paid_at``, ``refunded`` (refunded amount,
    never above ``amount``), ``union_scheme``/``union_delivery`` (工会一站通) and
    ``voucher_redemption`` (an order paid by redeeming a 工会提货券).

    Consistency enforced on construction: a paid order has ``paid_at`` and others have none; only
    a paid order has refunds; a union scheme is used by the union (工会小程序 also by individuals);
    a delivery mode only with 工会专场; a redemption is a mini-program order.
    """

    number: str = attrs.field(converter=normal_text, validator=_order_number)
    buyer_unit: str = attrs.field(converter=normal_text, validator=text_field(_PLACE_MOST))
    placed_by: Placer = attrs.field(validator=check_enum(Placer))
    channel: Channel = attrs.field(validator=check_enum(Channel))
    supplier: str = attrs.field(converter=normal_text, validator=text_field(_NAME_MOST))
    settlement_account: SettlementAccount = attrs.field(
        validator=check_enum(SettlementAccount))
    amount: Yuan = attrs.field(converter=as_yuan, validator=positive)
    payment_code: str | None = attrs.field(converter=_optional_code)
    origin_county: str = attrs.field(converter=normal_text, validator=text_field(_PLACE_MOST))
    category: ProductCategory | None = attrs.field(default=None, validator=_optional(ProductCategory))
    status: OrderStatus = attrs.field(default=OrderStatus.AWAITING_PAYMENT, validator=check_enum(OrderStatus))
    paid_at: datetime.datetime | None = attrs.field(default=None, validator=optional_timestamp)
    refunded: Yuan = attrs.field(default=_ZERO, converter=as_yuan)
    union_scheme: UnionScheme | None = attrs.field(default=None, validator=_optional(UnionScheme))
    union_delivery: UnionDelivery | None = attrs.field(default=None, validator=_optional(UnionDelivery))
    voucher_redemption: bool = attrs.field(default=False, validator=check_enum(bool))

    def __attrs_post_init__(self) -> None:
        if self.channel is not Channel.OFF_PLATFORM:
            object.__setattr__(self, "number", order_number.compact(self.number))
        paid = self.status is OrderStatus.PAID
        if paid != (self.paid_at is not None):
            raise InvalidOrder("paid_at", "已支付的订单须有支付时间，未支付的订单不能有支付时间",
                               "a paid order needs paid_at and an unpaid order must not have one")
        if self.refunded.fen > self.amount.fen:
            raise InvalidOrder("refunded", f"退款 {self.refunded} 超过订单金额 {self.amount}",
                               f"the refund {self.refunded} exceeds the order amount {self.amount}")
        if self.refunded.fen and not paid:
            raise InvalidOrder("refunded", "未支付的订单不能有退款", "an unpaid order cannot have refunds")
        self._check_union()

    def _check_union(self) -> None:
        scheme = self.union_scheme
        if scheme is not None:
            allowed = {Placer.UNION, Placer.INDIVIDUAL} if scheme is UnionScheme.MINI_PROGRAM else {Placer.UNION}
            if self.placed_by not in allowed:
                raise InvalidOrder("union_scheme", f"“{scheme.zh}”须由工会下单（工会小程序也可由职工个人下单）",
                                   f"the scheme {scheme.value} is used by the union "
                                   "(the union mini-program also by individuals)")
        if self.union_delivery is not None and scheme is not UnionScheme.SPECIAL_SESSION:
            raise InvalidOrder("union_delivery", "配送方式只适用于“工会专场”",
                               "a union delivery mode applies to the special session scheme only")
        if self.voucher_redemption and self.channel is not Channel.MINI_PROGRAM:
            raise InvalidOrder("voucher_redemption", "提货券在832平台微信小程序兑换",
                               "pick-up vouchers are redeemed in the WeChat mini-program")

    @classmethod
    def of_fields(cls, *, number: str, buyer_unit: str, placed_by: Placer, channel: Channel, supplier: str,
                  account_holder: str, account_number: str, bank: str, bank_code: str, amount: Yuan,
                  payment_code: str | None, origin_county: str, category: ProductCategory | None = None,
                  status: OrderStatus = OrderStatus.AWAITING_PAYMENT, paid_at: datetime.datetime | None = None,
                  refunded: Yuan | None = None, union_scheme: UnionScheme | None = None,
                  union_delivery: UnionDelivery | None = None, voucher_redemption: bool = False) -> Order:
        """订单（平铺字段） — the order of one flat record (附件2 七（一）: the account's 户名, 账号, 开户银行, 联行号
        beside the order's fields; ``refunded`` ``None`` is nothing refunded).

        Equal to ``Order(number, …, SettlementAccount(account_holder, account_number, bank, bank_code),
        …)`` and raising the same errors; the readers' one builder. Fields already of their types (text,
        the enums, :class:`~poverty_procurement.money.Yuan`, ``datetime``, ``bool``), as a reader has them,
        are checked once, on a path that does not run the attrs validators again; anything else goes
        through the public constructors, which give the verdict.
        """
        refund = _ZERO if refunded is None else refunded
        if cls is Order:
            try:
                made = _fast_order(number, buyer_unit, placed_by, channel, supplier, account_holder, account_number,
                                   bank, bank_code, amount, payment_code, origin_county, category, status, paid_at,
                                   refund, union_scheme, union_delivery, voucher_redemption)
            except PovertyProcurementError:
                made = None  # the public constructors below raise the error, exactly as they always do
            if made is not None:
                return made
        account = SettlementAccount(account_holder, account_number, bank, bank_code)
        return cls(number, buyer_unit, placed_by, channel, supplier, account, amount, payment_code, origin_county,
                   category=category, status=status, paid_at=paid_at, refunded=refund, union_scheme=union_scheme,
                   union_delivery=union_delivery, voucher_redemption=voucher_redemption)

    def paid(self, at: datetime.datetime) -> Order:
        """已支付 — this order paid at ``at`` (附件2 七（一）: a credited transfer pays its order): equal to
        ``attrs.evolve(self, status=OrderStatus.PAID, paid_at=at)``, and its errors, without checking again
        the fields that do not change."""
        if type(self) is not Order or not isinstance(at, datetime.datetime) or self.refunded.fen:
            return attrs.evolve(self, status=OrderStatus.PAID, paid_at=at)
        made = _new(Order)
        for put, name in zip(_ORDER_SETTERS, _FIELD_NAMES, strict=True):
            put(made, getattr(self, name))
        _SET_STATUS(made, OrderStatus.PAID)
        _SET_PAID_AT(made, at)
        return made

    @property
    def paid_on(self) -> datetime.date | None:
        """支付日期 — the Beijing-time date of payment, or ``None`` when unpaid."""
        return None if self.paid_at is None else beijing(self.paid_at).date()

    @property
    def net_amount(self) -> Yuan:
        """实付净额 — the amount less refunds."""
        return Yuan.from_fen(self.amount.fen - self.refunded.fen)


_FIELD_NAMES = tuple(field.name for field in attrs.fields(Order))
_ACCOUNT_NAMES = tuple(field.name for field in attrs.fields(SettlementAccount))


def _setters(cls: type, names: tuple[str, ...]) -> tuple[Any, ...]:
    """Each field's own slot setter (the member descriptor's ``__set__``): a frozen instance built field by
    field with them skips ``object.__setattr__``'s checks on every call (~0.3 µs a field: 6 µs an order)."""
    return tuple(cls.__dict__[name].__set__ for name in names)


_new = object.__new__
_ORDER_SETTERS = _setters(Order, _FIELD_NAMES)
_ACCOUNT_SETTERS = _setters(SettlementAccount, _ACCOUNT_NAMES)
_SET_STATUS, _SET_PAID_AT = _setters(Order, ("status", "paid_at"))
#: Accounts and 联行号 checked (text as given → the compact identifier), remembered as the project remembers other
#: pure checks of repeating text (``functools.lru_cache``, bounded): they repeat from order to order.
_checked_account = functools.lru_cache(maxsize=4096)(account_number.validate)
_checked_bank_code = functools.lru_cache(maxsize=4096)(bank_code.validate)


def _fast_account(account_holder: str, account: str, bank: str, code: str) -> SettlementAccount | None:
    """The :class:`SettlementAccount` its constructor would make of these texts, or ``None`` (or an identifier's
    error) when it would refuse them."""
    normalize = unicodedata.normalize
    holder, bank_name = normalize("NFC", account_holder).strip(), normalize("NFC", bank).strip()
    if not (holder and bank_name) or len(holder) > _NAME_MOST or len(bank_name) > _NAME_MOST:
        return None
    settlement = _new(SettlementAccount)
    put_holder, put_account, put_bank, put_code = _ACCOUNT_SETTERS
    put_holder(settlement, holder)
    put_account(settlement, _checked_account(account))
    put_bank(settlement, bank_name)
    put_code(settlement, _checked_bank_code(code))
    return settlement


#: The settlement accounts built (户名, 账号, 开户银行, 联行号 as given → the account, or ``None``), remembered as the
#: checks above: a supplier's account repeats from order to order, and an account is immutable, so the orders of
#: one account share it.
_settlement = functools.lru_cache(maxsize=4096)(_fast_account)


def _fast_order(  # noqa: PLR0917 -- each refusal returns at once; one argument per field, in order
        number: Any, buyer_unit: Any, placed_by: Any, channel: Any, supplier: Any, account_holder: Any, account: Any,
        bank: Any, code: Any, amount: Any, payment: Any, origin_county: Any, category: Any, status: Any, paid_at: Any,
        refunded: Any, union_scheme: Any, union_delivery: Any, voucher_redemption: Any) -> Order | None:
    """The :class:`Order` the constructors would make of typed fields — every check they make, in one
    function — or ``None`` (or an identifier's error) when they would refuse or the types are not the plain ones."""
    if not (type(number) is str and type(buyer_unit) is str and type(supplier) is str and type(account_holder) is str
            and type(account) is str and type(bank) is str and type(code) is str and type(origin_county) is str
            and type(amount) is Yuan and type(refunded) is Yuan and type(placed_by) is Placer
            and type(channel) is Channel and type(status) is OrderStatus and type(voucher_redemption) is bool
            and (payment is None or type(payment) is str) and (category is None or type(category) is ProductCategory)
            and (paid_at is None or isinstance(paid_at, datetime.datetime))
            and (union_scheme is None or type(union_scheme) is UnionScheme)
            and (union_delivery is None or type(union_delivery) is UnionDelivery)):
        return None
    return typed_order(number, buyer_unit, placed_by, channel, supplier, account_holder, account, bank, code, amount,
                       payment, origin_county, category, status, paid_at, refunded, union_scheme, union_delivery,
                       voucher_redemption)


def typed_order(  # noqa: PLR0911,PLR0917 -- each refusal returns at once; one argument per field, in order
        number: str, buyer_unit: str, placed_by: Placer, channel: Channel, supplier: str, account_holder: str,
        account: str, bank: str, code: str, amount: Yuan, payment: str | None, origin_county: str,
        category: ProductCategory | None, status: OrderStatus, paid_at: datetime.datetime | None, refunded: Yuan,
        union_scheme: UnionScheme | None, union_delivery: UnionDelivery | None,
        voucher_redemption: bool) -> Order | None:
    """订单（已定型字段） — the :class:`Order` the constructors would make of fields *already of exactly these types*
    (``str``, the enums, ``Yuan``, ``datetime``, ``bool``; ``refunded`` a ``Yuan``) — every value check they make,
    in one function — or ``None`` (or an identifier's error) when they would refuse the values.

    The types are not checked: this is the readers' step after they made each field's value themselves
    (:mod:`~poverty_procurement.reporting.order_cells`); :meth:`Order.of_fields` checks the types, then calls it.
    Not in ``__all__``: anyone else builds orders with the constructors or ``of_fields``.
    """
    # the text fields as the validators see them: NFC-normalised and trimmed (normal_text), not blank, not too long
    normalize = unicodedata.normalize
    unit, seller, county, reference = (normalize("NFC", buyer_unit).strip(), normalize("NFC", supplier).strip(),
                                       normalize("NFC", origin_county).strip(), normalize("NFC", number).strip())
    if not (unit and seller and county) or len(seller) > _NAME_MOST or len(unit) > _PLACE_MOST \
            or len(county) > _PLACE_MOST:
        return None
    settlement = _settlement(account_holder, account, bank, code)
    if settlement is None:
        return None
    if channel is Channel.OFF_PLATFORM:
        if not reference or len(reference) > _PLACE_MOST:
            return None
    else:
        reference = order_number.validate(reference)  # = compact(number)
    paid = status is OrderStatus.PAID
    if amount.fen <= 0 or paid != (paid_at is not None) or refunded.fen > amount.fen or (refunded.fen and not paid):
        return None
    if union_scheme is not None and placed_by is not Placer.UNION \
            and not (union_scheme is UnionScheme.MINI_PROGRAM and placed_by is Placer.INDIVIDUAL):
        return None
    if (union_delivery is not None and union_scheme is not UnionScheme.SPECIAL_SESSION) \
            or (voucher_redemption and channel is not Channel.MINI_PROGRAM):
        return None
    made = _new(Order)
    (put_number, put_unit, put_placer, put_channel, put_supplier, put_settlement, put_amount, put_payment, put_county,
     put_category, put_status, put_paid_at, put_refunded, put_scheme, put_delivery, put_voucher) = _ORDER_SETTERS
    put_number(made, reference)
    put_unit(made, unit)
    put_placer(made, placed_by)
    put_channel(made, channel)
    put_supplier(made, seller)
    put_settlement(made, settlement)
    put_amount(made, amount)
    put_payment(made, None if payment is None else payment_code.validate(payment))
    put_county(made, county)
    put_category(made, category)
    put_status(made, status)
    put_paid_at(made, paid_at)
    put_refunded(made, refunded)
    put_scheme(made, union_scheme)
    put_delivery(made, union_delivery)
    put_voucher(made, voucher_redemption)
    return made
