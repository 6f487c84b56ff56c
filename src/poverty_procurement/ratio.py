"""预留比例 — the Ratio value object: percent points with two decimals, 0–100.

附件2 一、第四步: "仅可输入数字与小数点，保留小数点后两位，输入12代表12%" — a ratio is typed in
percent points (``12`` means 12%) with at most two decimals, and shown as ``20.00%``.
Internally a ratio is an integer count of basis points (0.01 percent points): ``20.00%`` is
2000, ``100%`` is 10000, so the share formula is integer arithmetic.

:class:`Ratio` is a plain slotted class behaving as the frozen attrs class it was (equality and
order within the class, hash, ``repr``, assignment raising attrs' ``FrozenInstanceError``),
so that ``compute_share`` imports without attrs (issue 18).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NoReturn

from . import form_grammar
from .errors import InvalidRatio, UnsupportedType, shown

__all__ = ["Ratio", "RatioInput", "format_ratio", "parse_ratio"]

_FULL = 10_000


def _check_basis_points(value: object) -> int:
    if type(value) is not int:
        raise UnsupportedType("basis_points", f"基点须为整数，收到 {type(value).__name__}",
                              f"basis_points must be an int, got {type(value).__name__}")
    if not 0 <= value <= _FULL:
        raise InvalidRatio("basis_points", f"比例须在 0%–100% 之间（收到 {_percent_shown(value)}）",
                           f"the ratio must be between 0% and 100% (got {shown(value)} basis points)")
    return value


def _frozen() -> NoReturn:
    """Raise attrs' ``FrozenInstanceError`` as the attrs value objects do (attrs imported here only)."""
    from attrs.exceptions import FrozenInstanceError

    raise FrozenInstanceError()


def _percent_shown(basis_points: int) -> str:
    if -(10**30) < basis_points < 10**30:
        return f"{Decimal(basis_points).scaleb(-2, form_grammar.CONTEXT)}%"
    return f"{shown(basis_points)} 个基点"


class Ratio:
    """预留比例 — a ratio in percent points, two decimals, 0 ≤ r ≤ 100.

    Build it with :meth:`Ratio.of` (``Ratio.of(20)`` is 20%) or :func:`parse_ratio`;
    ``basis_points`` is the ratio in 0.01 percent points.

    >>> Ratio.of("12")
    Ratio(basis_points=1200)
    >>> str(Ratio.of(Decimal("12.5")))
    '12.50%'
    """

    __slots__ = ("basis_points",)
    __match_args__ = ("basis_points",)

    if TYPE_CHECKING:  # read-only to type checkers, as the attrs frozen class was

        @property
        def basis_points(self) -> int: ...

    def __init__(self, basis_points: int) -> None:
        object.__setattr__(self, "basis_points", _check_basis_points(basis_points))

    def __setattr__(self, name: str, value: object) -> NoReturn:
        _frozen()

    def __delattr__(self, name: str) -> NoReturn:
        _frozen()

    def __reduce__(self) -> tuple[Any, tuple[int]]:
        return (Ratio, (self.basis_points,))

    def __repr__(self) -> str:
        return f"Ratio(basis_points={self.basis_points!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.basis_points == other.basis_points

    def __ne__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.basis_points != other.basis_points

    def __lt__(self, other: Ratio) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.basis_points < other.basis_points

    def __le__(self, other: Ratio) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.basis_points <= other.basis_points

    def __gt__(self, other: Ratio) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.basis_points > other.basis_points

    def __ge__(self, other: Ratio) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.basis_points >= other.basis_points

    def __hash__(self) -> int:
        return hash((Ratio, self.basis_points))

    @classmethod
    def of(cls, value: RatioInput, field: str = "ratio") -> Ratio:
        """The ratio ``value`` percent points (Ratio, Decimal, int, or form text)."""
        if type(value) is Ratio:
            return value
        return cls(_basis_points(value, field))

    @property
    def percent(self) -> Decimal:
        """The ratio in percent points, two decimals: ``Decimal("20.00")`` for 20%."""
        return Decimal(self.basis_points).scaleb(-2, form_grammar.CONTEXT)

    def __str__(self) -> str:
        return format_ratio(self)


RatioInput = Ratio | Decimal | int | str


def _out_of_range(field: str, value: object) -> InvalidRatio:
    return InvalidRatio(field, f"比例须在 0 到 100 之间（收到 {shown(value)}），输入12代表12%",
                        f"the ratio must be between 0 and 100 (got {shown(value)}); 12 means 12%")


# A ratio typed with a third decimal (after the same NFKC normalisation and trimming as form_grammar).
_TOO_PRECISE = re.compile(r"[0-9]+\.[0-9]{3,}")


def _too_precise(field: str, value: object) -> InvalidRatio:
    # The ratio's smallest step is 0.01 percent points (one basis point), not a fen.
    return InvalidRatio(field, f"比例最多两位小数，请四舍五入到 0.01 个百分点后再输入（收到 {shown(value)}）",
                        f"a ratio has at most two decimals; round to 0.01 percent points first (got {shown(value)})")


def _basis_points(value: object, field: str) -> int:
    if isinstance(value, str):
        if len(value) <= form_grammar.MAX_INPUT_LENGTH and _TOO_PRECISE.fullmatch(
                unicodedata.normalize("NFKC", value).strip()):
            raise _too_precise(field, value)
        points = form_grammar.parse_hundredths(value, field=field, max_integer_digits=3,
                                        error=InvalidRatio)
        if points > _FULL:
            raise _out_of_range(field, value)
        return points
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise UnsupportedType(field, f"比例不能是 {type(value).__name__}，请用 Decimal、int 或文本",
                              f"a ratio cannot be a {type(value).__name__}; use Decimal, int or str")
    if not (value.is_finite() if isinstance(value, Decimal) else True) or not 0 <= value <= 100:
        raise _out_of_range(field, value)
    if isinstance(value, int):
        return value * 100
    exact = form_grammar.exact_hundredths(value)
    if exact is None:
        raise _too_precise(field, value)
    return exact


def parse_ratio(text: str, field: str = "ratio") -> Ratio:
    """比例输入 — parse a ratio typed into the form: ``"12"`` means 12%, two decimals at most.

    >>> parse_ratio("20")
    Ratio(basis_points=2000)
    >>> parse_ratio("１２.５")
    Ratio(basis_points=1250)
    >>> try:
    ...     parse_ratio("12.345")
    ... except InvalidRatio as error:
    ...     print(error.zh)
    比例最多两位小数，请四舍五入到 0.01 个百分点后再输入（收到 '12.345'）
    """
    if not isinstance(text, str):
        raise UnsupportedType(field, f"需要文本，收到 {type(text).__name__}",
                              f"expected str, got {type(text).__name__}")
    return Ratio(_basis_points(text, field))


def format_ratio(ratio: Ratio) -> str:
    """比例显示 — two decimals and a percent sign, as the platform shows it: ``20.00%``."""
    points = ratio.basis_points
    return f"{points // 100}.{points % 100:02d}%"
