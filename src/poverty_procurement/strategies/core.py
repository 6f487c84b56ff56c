"""生成策略 — Hypothesis strategies for the core inputs: amounts, form text, ratios, provinces, years.

>>> from hypothesis import given
>>> from poverty_procurement.strategies.core import amounts
>>> @given(amounts())
... def test(amount):
...     assert amount.fen >= 0
>>> test()
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from ..citation import Citation
from ..jurisdictions import provinces as _provinces
from ..money import MAX_AMOUNT, Yuan
from ..ratio import Ratio

__all__ = [
    "amount_texts",
    "amounts",
    "citations",
    "policy_years",
    "province_names",
    "ratio_texts",
    "ratios",
]

_MAX_FEN = int(MAX_AMOUNT * 100)


def amounts(min_fen: int = 0, max_fen: int = _MAX_FEN) -> st.SearchStrategy[Yuan]:
    """金额 — CNY amounts between ``min_fen`` and ``max_fen`` fen (default: any valid input)."""
    return st.integers(min_value=min_fen, max_value=max_fen).map(Yuan.from_fen)


def ratios(min_points: int = 0, max_points: int = 10_000) -> st.SearchStrategy[Ratio]:
    """预留比例 — ratios between the given basis points (0.01 percent points), 0–100% by default."""
    return st.integers(min_value=min_points, max_value=max_points).map(Ratio)


def _form_text(hundredths: int, full_width: bool, decimals: int, padding: str) -> str:
    whole, frac = divmod(hundredths, 100)
    text = str(whole) if decimals == 0 and frac == 0 else f"{whole}.{frac:02d}"
    if decimals == 1 and frac % 10 == 0:
        text = f"{whole}.{frac // 10}"
    if full_width:
        text = text.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    return f"{padding}{text}{padding}"


@st.composite
def _texts(draw: st.DrawFn, values: st.SearchStrategy[int]) -> str:
    return _form_text(draw(values), draw(st.booleans()), draw(st.integers(0, 2)),
                      draw(st.sampled_from(["", " ", "\u3000", "\t"])))


def amount_texts(max_fen: int = _MAX_FEN) -> st.SearchStrategy[str]:
    """金额输入 — valid form text for amounts, as typed: ASCII or full-width, padded, 0–2 decimals."""
    return _texts(st.integers(0, max_fen))


def ratio_texts() -> st.SearchStrategy[str]:
    """比例输入 — valid form text for ratios (percent points 0–100)."""
    return _texts(st.integers(0, 10_000))


def province_names() -> st.SearchStrategy[str]:
    """省份 — a province as people write it: official name, short name or six-digit code."""
    return st.sampled_from(_provinces()).flatmap(
        lambda p: st.sampled_from([p.name, p.short_name, p.code])
    )


def policy_years() -> st.SearchStrategy[int]:
    """年度 — every year the shipped policy data has a national floor for (2021–2025 today).

    Read from the shipped table, so a year added to the data is drawn without editing this.
    """
    from ..jurisdictions import NATIONAL
    from ..rules.policy.loading import policy_table

    years = sorted({year for (jurisdiction, year, _), _p in policy_table().ratios.items() if jurisdiction == NATIONAL})
    return st.sampled_from(years)


def decimals_with_two_places(max_value: Decimal = MAX_AMOUNT) -> st.SearchStrategy[Decimal]:
    """Decimals with at most two places in [0, max_value]."""
    return st.decimals(min_value=0, max_value=max_value, places=2, allow_nan=False, allow_infinity=False)


def citations() -> st.SearchStrategy[Citation]:
    """法规出处 — citations of the notice's clauses, some with a quote, source and confidence."""
    return st.builds(
        Citation,
        st.sampled_from(("粤财采购〔2023〕2号", "财库〔2021〕20号", "832平台操作指引")),
        st.sampled_from(("", "二（一）", "二（二）", "附件1 第一条", "附件2 三")),
        st.text(max_size=20),
        st.sampled_from(("", "粤财采购〔2023〕2号 附件1", "https://www.fupin832.com/list_article.shtml?nid=1089")),
        st.sampled_from(("authoritative", "good")),
    )
