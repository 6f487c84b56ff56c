"""预留份额计算说明 — the share explained step by step: 预留份额 = 年度食堂食材采购总额 × 预留比例.

附件2 一、第四步: "预留份额 = 2023年度食堂食材采购总额 * 2023年度预留比例" and "预计采购金额 =
2023年度工会采购金额 * 2023年度工会采购预留比例" — the same formula for the union's expected
832 purchases. The platform shows the result with two decimals (``600,000.00元``).

Both inputs have at most two decimals, so the share in fen is the integer
``(total_fen × basis_points + 5000) // 10000``: the exact product rounded once, 四舍五入
(ROUND_HALF_UP) to 0.01 元, independent of any decimal context. Example from the notice:
3,000,000 元 × 20% = 600,000.00 元; 1,000.05 元 × 50% = 500.025 → 500.03 元.
"""

from __future__ import annotations

from ...errors import InputError
from ...explain import Explanation, Step
from ...money import AmountInput, Yuan, amount_fen, format_yuan
from ...ratio import Ratio, RatioInput
from ...shares import ROUNDING, SHARE_FORMULA, share_fen
from .ratios import resolve_minimum_ratio
from .table import PolicyTable

__all__ = ["explain_share"]

_ROUNDING_NOTE = "四舍五入（ROUND_HALF_UP）到 0.01 元，只取整一次"


def _exact_text(millionths: int) -> str:
    """The exact product (in millionths of a yuan) as plain text with at least two decimals."""
    digits = f"{millionths // 1_000_000}.{millionths % 1_000_000:06d}".rstrip("0")
    return digits + "0" * (2 - len(digits.split(".")[1]))


def explain_share(
    total: AmountInput,
    ratio: RatioInput,
    province: str | int | None = None,
    year: int | None = None,
    *,
    locality: str | None = None,
    policy: PolicyTable | None = None,
) -> Explanation:
    """预留份额计算说明 — the share with each step, its rounding and clause.

    With ``year`` (and optionally ``province``, and ``locality`` — the six-digit code of the
    city or county the unit sits in) the explanation adds the minimum ratio that applies, where
    it comes from (every candidate when a city or county has a figure), and whether ``ratio``
    meets it. ``policy`` is the table to read (default: the shipped one).

    >>> print(explain_share(3000000, 20))
    预留份额：600,000.00元
      1. 精确乘积：年度食堂食材采购总额 3,000,000.00元，预留比例 20.00% → 600000.00
         依据：粤财采购〔2023〕2号 附件2 一、第四步
      2. 四舍五入到分：精确乘积 600000.00 → 600,000.00元（四舍五入（ROUND_HALF_UP）到 0.01 元，只取整一次）
         依据：粤财采购〔2023〕2号 附件2 一、第四步
    """
    money = total if type(total) is Yuan else Yuan.from_fen(amount_fen(total, "canteen_total"))
    rate = Ratio.of(ratio, "ratio")
    share = Yuan.from_fen(share_fen(money.fen, rate.basis_points))
    exact = _exact_text(money.fen * rate.basis_points)
    steps = [
        Step(
            rule="reserved-share-product",
            label="精确乘积",
            formula="年度食堂食材采购总额 × 预留比例",
            inputs=(("年度食堂食材采购总额", format_yuan(money)), ("预留比例", str(rate))),
            result=exact,
            citation=SHARE_FORMULA,
        ),
        Step(
            rule="round-half-up",
            label="四舍五入到分",
            inputs=(("精确乘积", exact),),
            result=format_yuan(share),
            rounding=_ROUNDING_NOTE,
            citation=ROUNDING,
        ),
    ]
    if (province is not None or locality is not None) and year is None:
        raise InputError("year", "给出省份时也须给出年度", "give the year when you give a province")
    if year is not None:
        minimum = resolve_minimum_ratio(year, province, locality=locality, policy=policy)
        place = () if minimum.locality is None else (("地区", minimum.locality), ("各级比例", minimum.levels))
        steps.append(
            Step(
                rule="minimum-ratio",
                label="最低预留比例",
                inputs=(("年度", str(year)), ("省份", str(minimum.province or "全国")), *place),
                result=str(minimum.ratio),
                citation=minimum.citation,
                formula=minimum.note,
            )
        )
        meets = rate >= minimum.ratio
        steps.append(
            Step(
                rule="ratio-meets-minimum",
                label="是否达到最低比例",
                inputs=(("预留比例", str(rate)), ("最低预留比例", str(minimum.ratio))),
                result="达到" if meets else "低于最低比例",
                citation=minimum.citation,
            )
        )
    return Explanation(subject="预留份额", result=format_yuan(share), steps=tuple(steps))
