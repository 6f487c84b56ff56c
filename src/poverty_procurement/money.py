"""人民币金额 — exact CNY amounts: strict parsing, 四舍五入 to the fen, display.

Decisions (the page 架构与约定, ``docs/dev/architecture.md``, gives the reasons):

* An amount is a :class:`Yuan`: a ``moneyed.Money`` in CNY that is **immutable** (assigning
  ``amount`` raises), always exact to the fen (two decimals) and never negative. It holds integer
  fen; its ``Decimal`` ``amount`` is built on first use and cached (issue 18: most amounts are
  only added, compared and shown, which all work on fen). Arithmetic, comparison and hashing
  between amounts are done on integer fen, so no caller's ``decimal`` context can change them.
* :func:`yuan` accepts ``Money`` in CNY, ``Decimal``, ``int`` and ``str`` in the form grammar.
  A binary ``float`` is refused with :class:`~poverty_procurement.errors.UnsupportedType` (a
  ``TypeError``): ``0.1 + 0.2`` is not an amount.
* Rounding is 四舍五入, ``ROUND_HALF_UP`` to 0.01 元, done once by :func:`round_yuan` (or by the
  share rules on the exact product) — never banker's rounding.
* Input amounts are bounded: at most :data:`MAX_AMOUNT` (999,999,999,999.99 元, twelve integer
  digits — about 1 万亿元, above any single budget unit's annual canteen budget), so that no
  input can make the arithmetic slow. Sums of many amounts (roll-ups) may exceed it.
"""

from __future__ import annotations

import sys
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NoReturn

from moneyed import CNY, Money

from . import form_grammar
from .errors import InvalidAmount, InvalidCurrency, UnsupportedType, shown

__all__ = [
    "MAX_AMOUNT",
    "AmountInput",
    "Yuan",
    "amount_fen",
    "format_capital",
    "format_yuan",
    "parse_amount",
    "round_yuan",
    "yuan",
]

_MAX_INTEGER_DIGITS = 12
_MAX_FEN = 10 ** (_MAX_INTEGER_DIGITS + 2) - 1
#: The largest single amount accepted as input: 999,999,999,999.99 元.
MAX_AMOUNT = Decimal(_MAX_FEN).scaleb(-2, form_grammar.CONTEXT)

_CONTEXT = form_grammar.CONTEXT
# A factor of ``*`` and ``/``: at most 40 digits either side of the point, at most 80 digits in all.
_MAX_FACTOR = 10**41
_MAX_FACTOR_DIGITS = 80
# The largest exact value that rounds to MAX_AMOUNT, computed once in the library's context.
_ROUND_LIMIT = _CONTEXT.add(Decimal(_MAX_FEN).scaleb(-2, _CONTEXT), Decimal("0.005"))
_FEN = Decimal("0.01")
# hash(Decimal(fen) / 100) without the Decimal: Python's numeric hash of fen / 100 (a non-negative
# rational), fen × 100⁻¹ modulo the hash modulus — equal to the hash of the Decimal amount.
_MODULUS = sys.hash_info.modulus
_INVERSE_HUNDRED = pow(100, -1, _MODULUS)
# Below this many fen the Decimal amount is exact in the library's context (60 digits).
_EXACT_FEN = 10 ** _CONTEXT.prec

#: What every function taking an amount accepts.
AmountInput = Money | Decimal | int | str


class Yuan(Money):
    """人民币金额 — an immutable, non-negative CNY amount exact to the fen.

    A subclass of ``moneyed.Money``, so it works wherever a ``Money`` does, but:

    * ``amount`` and ``currency`` cannot be reassigned or deleted;
    * the amount always has exactly two decimals (``Yuan(1).amount == Decimal("1.00")``);
    * ``+``, ``-``, ``*`` and ``/`` work on integer fen and raise
      :class:`~poverty_procurement.errors.InvalidAmount` when the result would be negative or
      not exact to the fen (use :func:`round_yuan` or the share rules for products);
    * ``str()`` is the platform's display form ``600,000.00元`` whatever the locale.

    Build amounts with :func:`yuan` or :func:`parse_amount`; ``fen`` is the amount in fen. The
    ``Decimal`` ``amount`` is built the first time it is read and then kept.

    >>> Yuan("600000")
    Yuan('600000.00')
    >>> str(Yuan("1234.5"))
    '1,234.50元'
    """

    # ``fen`` and the cached Decimal in slots: no instance dict is made (moneyed.Money has none
    # of its own slots, so one could be, but nothing writes to it)
    __slots__ = ("_amount", "fen")

    fen: int
    currency = CNY  # type: ignore[misc]  # every Yuan is CNY: a class attribute, nothing to store

    def __init__(self, amount: object = 0, currency: object = CNY) -> None:
        if currency != CNY and str(currency).upper() != "CNY":
            raise InvalidCurrency(
                "currency",
                f"只接受人民币（CNY），收到 {shown(str(currency))}",
                f"only CNY is accepted, got {shown(str(currency))}",
            )
        _fill(self, _exact_fen(amount, "amount"))

    @classmethod
    def from_fen(cls, fen: int) -> Yuan:
        """The amount of ``fen`` fen (an integer ≥ 0)."""
        if type(fen) is not int or fen < 0:
            raise InvalidAmount("fen", f"分必须是非负整数，收到 {shown(fen)}",
                                f"fen must be a non-negative int, got {shown(fen)}")
        return _from_fen(fen)

    _amount: Decimal

    @property  # type: ignore[misc]  # moneyed declares amount Final; here it is read-only too
    def amount(self) -> Decimal:
        """The amount as a ``Decimal`` with two decimals, built from ``fen`` on first use and kept."""
        try:
            return self._amount
        except AttributeError:
            amount = Decimal(self.fen).scaleb(-2, _CONTEXT)
            _set_amount(self, amount)
            return amount

    def __setattr__(self, name: str, value: object) -> NoReturn:
        _frozen()

    def __delattr__(self, name: str) -> NoReturn:
        _frozen()

    def __reduce__(self) -> tuple[Any, tuple[int]]:
        return (_from_fen, (self.fen,))

    def __copy__(self) -> Yuan:
        return self

    def __deepcopy__(self, memo: object) -> Yuan:
        return self

    def __repr__(self) -> str:
        fen = self.fen
        if fen >= _EXACT_FEN:  # past the context's 60 digits the Decimal amount is rounded: show it
            return f"Yuan('{self.amount}')"
        return f"Yuan('{fen // 100}.{fen % 100:02d}')"

    def __str__(self) -> str:
        fen = self.fen
        return f"{fen // 100:,}.{fen % 100:02d}元"

    def __hash__(self) -> int:
        # equal to hash((self.amount, CNY)): an int below the modulus hashes to itself
        fen = self.fen
        if fen >= _EXACT_FEN:
            return hash((self.amount, CNY))
        return hash((fen * _INVERSE_HUNDRED % _MODULUS, CNY))

    def __eq__(self, other: object) -> bool:
        if type(other) is Yuan:
            return self.fen == other.fen
        return Money.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        if type(other) is Yuan:
            return self.fen != other.fen
        return Money.__ne__(self, other)

    def __lt__(self, other: object) -> bool:
        if type(other) is Yuan:
            return self.fen < other.fen
        return Money.__lt__(self, other)

    def __le__(self, other: object) -> bool:
        if type(other) is Yuan:
            return self.fen <= other.fen
        return Money.__le__(self, other)

    def __gt__(self, other: object) -> bool:
        if type(other) is Yuan:
            return self.fen > other.fen
        return Money.__gt__(self, other)

    def __ge__(self, other: object) -> bool:
        if type(other) is Yuan:
            return self.fen >= other.fen
        return Money.__ge__(self, other)

    def __bool__(self) -> bool:
        return bool(self.fen)

    def __pos__(self) -> Yuan:
        return self

    def __abs__(self) -> Yuan:
        return self

    def __neg__(self) -> NoReturn:
        raise InvalidAmount("amount", "金额不能为负", "amounts are never negative")

    def __add__(self, other: object) -> Yuan:
        if isinstance(other, Money):
            return _from_fen(self.fen + _fen_of(other, "amount"))
        if _is_zero(other):
            return self  # lets sum() start from 0
        if isinstance(other, (int, Decimal)):  # a number is not an amount: say so, never signal
            raise UnsupportedType("amount", f"金额只能与金额相加（可先用 yuan() 转换），收到 {shown(other)}",
                                  f"amounts add to amounts only (convert with yuan() first), got {shown(other)}")
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other: object) -> Yuan:
        if not isinstance(other, Money):
            return NotImplemented
        fen = self.fen - _fen_of(other, "amount")
        if fen < 0:
            raise InvalidAmount("amount", f"差额为负：{self} − {format_yuan(other)}",
                                f"the difference is negative: {self} - {format_yuan(other)}")
        return _from_fen(fen)

    def __rsub__(self, other: object) -> Yuan:
        if isinstance(other, Money):
            return _from_fen(_fen_of(other, "amount")).__sub__(self)
        return NotImplemented

    def __mul__(self, other: object) -> Yuan:
        numerator, denominator = _factor(other).as_integer_ratio()
        return _from_fen(_exact_quotient(self.fen * numerator, denominator))

    __rmul__ = __mul__

    def __truediv__(self, other: object) -> Any:
        if isinstance(other, Money):
            divisor = _fen_of(other, "divisor")
            if divisor == 0:
                raise InvalidAmount("divisor", "不能除以零元", "cannot divide by a zero amount")
            return _CONTEXT.divide(Decimal(self.fen), Decimal(divisor))
        factor = _factor(other)
        if not factor:
            raise InvalidAmount("divisor", "不能除以零", "cannot divide by zero")
        numerator, denominator = factor.as_integer_ratio()
        return _from_fen(_exact_quotient(self.fen * denominator, numerator))

    def __rmod__(self, other: object) -> Yuan:
        numerator, denominator = _factor(other).as_integer_ratio()
        return _from_fen(_exact_quotient(self.fen * numerator, denominator * 100))

    def round(self, ndigits: int | None = 0) -> Yuan:
        """Round 四舍五入 (ROUND_HALF_UP) to ``ndigits`` decimals, never banker's rounding."""
        digits = 0 if ndigits is None else ndigits
        if digits >= 2:
            return self
        if digits < -_MAX_INTEGER_DIGITS - 30:
            return _from_fen(0)
        quantum = Decimal(1).scaleb(-digits, _CONTEXT)
        return _from_fen(_exact_fen(self.amount.quantize(quantum, context=_CONTEXT), "amount"))


def _frozen() -> NoReturn:
    """Raise attrs' ``FrozenInstanceError``, as the value objects do (attrs imported only here,
    to keep it off the import path of ``Yuan`` and ``compute_share``)."""
    from attrs.exceptions import FrozenInstanceError

    raise FrozenInstanceError()


_new = object.__new__
_set_fen = Yuan.fen.__set__  # type: ignore[attr-defined]  # the slot's own setter (Yuan refuses setattr)
_set_amount = Yuan._amount.__set__  # type: ignore[attr-defined]


def _fill(money: Yuan, fen: int) -> None:
    _set_fen(money, fen)


def _from_fen(fen: int) -> Yuan:
    money: Yuan = _new(Yuan)
    _set_fen(money, fen)
    return money


#: The library's own results in fen (a share, a sum): a ``Yuan`` built without re-checking a
#: non-negative ``int`` the caller computed. Not public (not in ``__all__``); ``Yuan.from_fen``
#: checks its input.
trusted_yuan = _from_fen


def _plain(value: int | Decimal) -> str:
    """A number as typed (``-0.5``, ``NaN``), cut short; :func:`shown` for huge ints."""
    text = str(value) if isinstance(value, Decimal) else shown(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _is_zero(value: object) -> bool:
    """Whether ``value`` is the int or finite Decimal zero (no comparison that could signal)."""
    if isinstance(value, Decimal):
        return value.is_finite() and value.is_zero()
    return isinstance(value, int) and not value


def _exact_quotient(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` fen, exactly: a product that is not whole fen raises, never rounds."""
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    fen, remainder = divmod(numerator, denominator)
    if remainder:  # shown to 60 digits; the check itself was exact
        value = _CONTEXT.divide(Decimal(numerator), Decimal(denominator)).scaleb(-2, _CONTEXT)
        raise InvalidAmount(
            "amount",
            f"金额最多两位小数（收到 {shown(value)}），请先用 round_yuan 四舍五入到分",
            f"amounts have at most two decimals (got {shown(value)}); round with round_yuan first",
        )
    if fen < 0:
        raise InvalidAmount("amount", "金额不能为负", "amounts are never negative")
    return fen


def _factor(other: object) -> Decimal:
    if isinstance(other, bool) or not isinstance(other, (int, Decimal)):
        raise UnsupportedType("factor", f"金额只能乘除整数或 Decimal，收到 {type(other).__name__}",
                              f"amounts multiply by int or Decimal only, got {type(other).__name__}")
    if isinstance(other, int) and not -_MAX_FACTOR < other < _MAX_FACTOR:
        raise InvalidAmount("factor", f"乘数必须是大小合理的有限数（收到 {shown(other)}）",
                            f"the factor must be finite and of reasonable size (got {shown(other)})")
    factor = Decimal(other)
    if not factor.is_finite() or (not factor.is_zero() and not -40 <= factor.adjusted() <= 40) \
            or len(factor.as_tuple().digits) > _MAX_FACTOR_DIGITS:
        raise InvalidAmount("factor", f"乘数必须是大小合理的有限数（收到 {shown(other)}）",
                            f"the factor must be finite and of reasonable size (got {shown(other)})")
    return factor


def _exact_fen(value: object, field: str) -> int:
    """Integer fen of an int or Decimal that is exact to the fen, non-negative and finite."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, Money)):
        if isinstance(value, str):
            return form_grammar.parse_hundredths(value, field=field,
                                          max_integer_digits=_MAX_INTEGER_DIGITS,
                                          error=InvalidAmount)
        raise UnsupportedType(field, f"金额不能是 {type(value).__name__}，请用 Decimal、int 或文本",
                              f"an amount cannot be a {type(value).__name__}; "
                              "use Decimal, int or str")
    if isinstance(value, Money):
        return _fen_of(value, field)
    if isinstance(value, int):
        if value >= _MAX_FACTOR:  # as for a Decimal: more than 40 integer digits is not an amount
            raise InvalidAmount(field, f"金额过大（收到 {shown(value)}）",
                                f"the amount is too large (got {shown(value)})")
        if value < 0:
            raise InvalidAmount(field, f"金额不能为负（收到 {_plain(value)}）",
                                f"amounts are never negative (got {_plain(value)})")
        return int(value) * 100
    if not value.is_finite():
        raise InvalidAmount(field, f"金额必须是有限数（收到 {_plain(value)}）",
                            f"the amount must be a finite number (got {_plain(value)})")
    if value < 0:
        raise InvalidAmount(field, f"金额不能为负（收到 {_plain(value)}）",
                            f"amounts are never negative (got {_plain(value)})")
    if value and value.adjusted() > 40:  # a zero with a large exponent (0E+50) is zero, not too large
        raise InvalidAmount(field, f"金额过大（收到 {shown(value)}）",
                            f"the amount is too large (got {shown(value)})")
    fen = form_grammar.exact_hundredths(value)
    if fen is None:
        raise InvalidAmount(
            field,
            f"金额最多两位小数（收到 {shown(value)}），请先用 round_yuan 四舍五入到分",
            f"amounts have at most two decimals (got {shown(value)}); round with round_yuan first",
        )
    return fen


def _fen_of(value: Money, field: str) -> int:
    if type(value) is Yuan:
        return value.fen
    if not isinstance(value, Money):
        raise UnsupportedType(field, f"需要 Money 金额（可先用 yuan() 转换），收到 {type(value).__name__}",
                              f"expected a Money amount (convert with yuan() first), got {type(value).__name__}")
    if value.currency != CNY:
        raise InvalidCurrency(field, f"只接受人民币（CNY），收到 {value.currency.code}",
                              f"only CNY is accepted, got {value.currency.code}")
    amount = value.amount
    if not isinstance(amount, Decimal):
        raise InvalidAmount(field, "Money 的金额不是 Decimal", "the Money's amount is not a Decimal")
    return _exact_fen(amount, field)


def _check_bound(fen: int, field: str) -> int:
    if fen > _MAX_FEN:
        raise InvalidAmount(field, f"金额超过上限 {format_yuan(_from_fen(_MAX_FEN))}",
                            f"the amount exceeds the limit of {MAX_AMOUNT} CNY")
    return fen


def amount_fen(value: object, field: str = "amount") -> int:
    """Integer fen of any accepted amount input, checked against :data:`MAX_AMOUNT`."""
    if type(value) is Yuan:
        return _check_bound(value.fen, field)
    if type(value) is str:  # twelve integer digits at most: never above MAX_AMOUNT
        if value.isascii():  # form_grammar.plain_hundredths inline (the hot path of compute_share(text, …))
            whole, point, decimals = value.partition(".")
            if whole.isdigit() and len(whole) <= _MAX_INTEGER_DIGITS and (
                    not point or (decimals.isdigit() and len(decimals) <= 2)):
                return int(whole + decimals.ljust(2, "0"))
        return form_grammar.parse_hundredths(value, field=field, max_integer_digits=_MAX_INTEGER_DIGITS,
                                             error=InvalidAmount)
    return _check_bound(_exact_fen(value, field), field)


def yuan(value: AmountInput, field: str = "amount") -> Yuan:
    """金额 — turn a Money in CNY, Decimal, int or form text into an immutable :class:`Yuan`.

    ``field`` names the input in error messages. Amounts have at most two decimals, are not
    negative and not above :data:`MAX_AMOUNT`; a ``float`` raises ``UnsupportedType``.

    >>> yuan("3000000")
    Yuan('3000000.00')
    >>> yuan(Decimal("0.5"))
    Yuan('0.50')
    """
    if type(value) is Yuan:
        return value if value.fen <= _MAX_FEN else _from_fen(_check_bound(value.fen, field))
    return _from_fen(amount_fen(value, field))


def parse_amount(text: str, field: str = "amount") -> Yuan:
    """金额输入 — parse an amount typed into the platform's form ("仅可输入数字与小数点，保留小数点后两位").

    Full-width digits and point are accepted (NFKC), surrounding whitespace is trimmed; at most
    twelve integer digits and two decimals. Anything else raises ``InvalidAmount`` saying what.

    >>> parse_amount("３０００００0.5")
    Yuan('3000000.50')
    """
    return _from_fen(form_grammar.parse_hundredths(text, field=field,
                                            max_integer_digits=_MAX_INTEGER_DIGITS,
                                            error=InvalidAmount))


def round_yuan(value: Money | Decimal | int, field: str = "amount") -> Yuan:
    """四舍五入到分 — round an exact value to 0.01 元 with ROUND_HALF_UP (never half-even).

    >>> round_yuan(Decimal("500.025"))
    Yuan('500.03')
    >>> round_yuan(Decimal("0.125"))
    Yuan('0.13')
    """
    if isinstance(value, Money):
        if value.currency != CNY:
            raise InvalidCurrency(field, f"只接受人民币（CNY），收到 {value.currency.code}",
                                  f"only CNY is accepted, got {value.currency.code}")
        value = value.amount
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise UnsupportedType(field, f"不能对 {type(value).__name__} 取整，请用 Decimal 或 int",
                              f"cannot round a {type(value).__name__}; use Decimal or int")
    number = Decimal(value)
    if not number.is_finite() or number < 0:
        raise InvalidAmount(field, f"金额必须是非负有限数（收到 {shown(value)}）",
                            f"the amount must be finite and not negative (got {shown(value)})")
    if number > _ROUND_LIMIT:
        raise InvalidAmount(field, f"金额超过上限 {MAX_AMOUNT}", f"exceeds the limit {MAX_AMOUNT}")
    rounded = number.quantize(_FEN, rounding=ROUND_HALF_UP, context=_CONTEXT)
    return _from_fen(_check_bound(int(rounded.scaleb(2, _CONTEXT)), field))


def format_yuan(money: Money) -> str:
    """金额显示 — the platform's display form: thousands separators, two decimals, 元.

    >>> format_yuan(yuan("600000"))
    '600,000.00元'
    """
    fen = money.fen if type(money) is Yuan else _fen_of(money, "amount")
    return f"{fen // 100:,}.{fen % 100:02d}元"


def format_capital(money: AmountInput) -> str:
    """中文大写金额 — the amount in Chinese capital numerals as on cheques and transfer slips.

    Uses cn2an (imported on first use). Whole amounts end in 整; a zero inside is written 零.

    >>> format_capital(yuan("600000"))
    '陆拾万元整'
    >>> format_capital(yuan("100.05"))
    '壹佰元零伍分'
    """
    import cn2an

    fen = amount_fen(money)
    text: str = cn2an.an2cn(f"{fen // 100}.{fen % 100:02d}", "rmb")
    return text
