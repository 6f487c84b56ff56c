"""预留份额公式 — the share formula: 预留份额 = 年度食堂食材采购总额 × 预留比例.

附件2 一、第四步: "预留份额 = 2023年度食堂食材采购总额 * 2023年度预留比例" and "预计采购金额 =
2023年度工会采购金额 * 2023年度工会采购预留比例" — the same formula for the union's expected
832 purchases. The platform shows the result with two decimals (``600,000.00元``).

Both inputs have at most two decimals, so the share in fen is the integer
``(total_fen × basis_points + 5000) // 10000``: the exact product rounded once, 四舍五入
(ROUND_HALF_UP) to 0.01 元, independent of any decimal context. Example from the notice:
3,000,000 元 × 20% = 600,000.00 元; 1,000.05 元 × 50% = 500.025 → 500.03 元.
"""

from __future__ import annotations

from .citation import Citation
from .errors import UnsupportedType
from .money import MAX_AMOUNT, AmountInput, Yuan, amount_fen, trusted_yuan
from .ratio import Ratio, RatioInput

__all__ = [
    "ROUNDING",
    "SHARE_FORMULA",
    "UNION_FORMULA",
    "compute_share",
    "compute_union_expected",
    "share_fen",
]

_MAX_INTEGER_DIGITS = MAX_AMOUNT.adjusted() + 1  # twelve: plain text this long is never above MAX_AMOUNT
_new = object.__new__
_set_fen = Yuan.fen.__set__  # type: ignore[attr-defined]  # a share is the library's own result: no re-check

_GUIDE = "粤财采购〔2023〕2号 附件2"
#: 预留份额 = 年度食堂食材采购总额 × 预留比例
SHARE_FORMULA = Citation(_GUIDE, "一、第四步", "预留份额 = 2023年度食堂食材采购总额 * 2023年度预留比例")
#: 通过832平台预计采购金额 = 工会采购总额 × 工会采购预留比例
UNION_FORMULA = Citation(
    _GUIDE, "一、第四步", "预计采购金额 = 2023年度工会采购金额 * 2023年度工会采购预留比例"
)
#: The guide's rounding rule (two decimals), applied once to the exact product.
ROUNDING = Citation(_GUIDE, "一、第四步", "仅可输入数字与小数点，保留小数点后两位")


def share_fen(total_fen: int, basis_points: int) -> int:
    """份额（分） — ``total_fen × basis_points / 10000`` rounded once, 四舍五入, in integer fen.

    Exact for non-negative inputs and independent of any decimal context.

    >>> share_fen(100005, 5000)  # 1,000.05 元 × 50% = 500.025 → 500.03 元
    50003
    """
    for name, value in (("total_fen", total_fen), ("basis_points", basis_points)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise UnsupportedType(name, f"{name} 须为整数，收到 {type(value).__name__}",
                                  f"{name} must be an int, got {type(value).__name__}")
    return (total_fen * basis_points + 5000) // 10000


def compute_share(total: AmountInput, ratio: RatioInput) -> Yuan:  # noqa: PLR0912 -- fast paths kept inline
    """预留份额 — reserved share = 年度食堂食材采购总额 × 预留比例, 四舍五入 to the fen.

    ``total`` is anything :func:`~poverty_procurement.yuan` takes; ``ratio`` is a
    :class:`Ratio` or percent points (``20`` means 20%). Cites 附件2 一、第四步.

    >>> compute_share("3000000", 20)
    Yuan('600000.00')
    >>> compute_share("1000.05", 50)
    Yuan('500.03')
    """
    # amount_fen, share_fen and trusted_yuan inline: this is the hot path of a batch of filings.
    # The typed call first, returning at once: no fen kept, no later branch to pass (issue 18)
    if type(total) is Yuan and type(ratio) is Ratio:
        share = _new(Yuan)
        _set_fen(share, (total.fen * ratio.basis_points + 5000) // 10000)
        return share
    if type(total) is Yuan:
        fen = total.fen
    elif type(total) is str and total.isascii():  # plain form text ("3000000.50"): amount_fen's fast path
        whole, point, decimals = total.partition(".")
        if whole.isdigit() and len(whole) <= _MAX_INTEGER_DIGITS and (not point or decimals.isdigit()):
            if not point:
                fen = int(whole) * 100
            elif len(decimals) == 2:
                fen = int(whole + decimals)
            elif len(decimals) == 1:
                fen = int(whole + decimals) * 10
            else:  # a third decimal: amount_fen says what is wrong
                fen = amount_fen(total, "canteen_total")
        else:
            fen = amount_fen(total, "canteen_total")
    else:
        fen = amount_fen(total, "canteen_total")
    share = _new(Yuan)
    if type(ratio) is Ratio:
        _set_fen(share, (fen * ratio.basis_points + 5000) // 10000)
    elif type(ratio) is int and 0 <= ratio <= 100:  # whole percent points: the same formula over 100
        _set_fen(share, (fen * ratio + 50) // 100)
    else:
        _set_fen(share, (fen * Ratio.of(ratio, "ratio").basis_points + 5000) // 10000)
    return share


def compute_union_expected(union_total: AmountInput, union_ratio: RatioInput) -> Yuan:
    """通过832平台预计采购金额 — union's expected 832 purchases = 工会采购总额 × 工会采购预留比例.

    Same formula and rounding as :func:`compute_share`. Cites 附件2 一、第四步.

    >>> compute_union_expected(100000, 20)
    Yuan('20000.00')
    """
    fen = union_total.fen if type(union_total) is Yuan else amount_fen(union_total, "union_total")
    return trusted_yuan(share_fen(fen, _points(union_ratio, "union_ratio")))


def _points(ratio: RatioInput, field: str) -> int:
    """Basis points of a ratio input: a Ratio's own, whole percent points × 100 (0–100, as
    ``Ratio.of`` takes them), anything else through ``Ratio.of``."""
    if type(ratio) is Ratio:
        return ratio.basis_points
    if type(ratio) is int and 0 <= ratio <= 100:
        return ratio * 100
    return Ratio.of(ratio, field).basis_points
