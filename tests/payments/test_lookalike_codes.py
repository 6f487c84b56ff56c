"""A payment code glued to a look-alike letter is not a code (粤财采购〔2023〕2号 附件2 七（一）
"识别码填写准确，将在两小时内完成入账"; 七（二）: a wrong code goes to 货款确认). Regression for
issue 16: ``f54yxnа`` with a Cyrillic а was split at the а and credited automatically, while
``f54yxna`` went to manual confirmation."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement.payments import MatchReason, extract_payment_codes, match_transfer, match_transfers
from support import order, transfer


@pytest.mark.parametrize("glued", [
    "f54yxn\u0430",  # Cyrillic а
    "\u0430f54yxn",
    "f54yxn\u03bf",  # Greek ο
    "\u0391f54yxn",  # Greek Α
    "f54yxn\u0435\u0445",  # Cyrillic ех
    "f54yxnq",  # Latin, for comparison: already not a code
    "f54yxn\u00e9",  # Latin-1 é
    "f54yxn\u0301",  # a combining acute accent on n
    "f54yxn\uff41",  # full-width a (NFKC: a)
    "f54yxn\u0663",  # Arabic-Indic digit three
    "f54yxn\u306e",  # hiragana の
])
def test_glued_to_any_letter_is_manual_confirmation(glued: str) -> None:
    memo = f"货款{glued}"
    assert extract_payment_codes(memo) == ()
    result = match_transfer(transfer(memo=memo), [order()])
    assert not result.credited
    assert result.reason is MatchReason.NO_CODE
    assert result.needs_manual_confirmation


@pytest.mark.parametrize("memo", ["货款f54yxn", "货款f54yxn。", "（f54yxn）", "f54yxn〇", "用途:f54yxn_付款"])
def test_bounded_by_ideographs_punctuation_or_underscore_is_a_code(memo: str) -> None:
    assert extract_payment_codes(memo) == ("f54yxn",)
    assert match_transfer(transfer(memo=memo), [order()]).credited


def _is_ideograph(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith(("CJK UNIFIED", "CJK COMPATIBILITY IDEOGRAPH"))


def _glues(ch: str) -> bool:
    """A character that, after NFKC, puts a letter or digit (other than an ideograph) next to the code."""
    folded = unicodedata.normalize("NFKC", ch)
    return any(c.isalnum() and not _is_ideograph(c) for c in folded[:1] + folded[-1:])


_LETTERS = st.characters(categories=("Lu", "Ll", "Lt", "Lm", "Lo", "Nd"), max_codepoint=sys.maxunicode)
_PREFIX = st.text(st.sampled_from("货款用途 ，。：（）订单XD0123"), max_size=8)


@given(_PREFIX, _LETTERS, st.booleans(), _PREFIX)
def test_no_automatic_credit_for_a_code_glued_to_any_letter(head: str, letter: str, before: bool,
                                                            tail: str) -> None:
    if not _glues(letter):
        return  # an ideograph bounds a code, as in 货款f54yxn
    glued = f"{letter}f54yxn" if before else f"f54yxn{letter}"
    memo = f"{head} {glued} {tail}"
    assert "f54yxn" not in extract_payment_codes(memo)
    results = match_transfers([transfer(memo=memo)], [order()])
    assert not results[0].credited
