"""Payment codes: generation and extraction from bank memo text (附件2 七（一）)."""

from __future__ import annotations

import random
import re
import time
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import PovertyProcurementError
from poverty_procurement.errors import InvalidIdentifier, InvalidOrder, UnsupportedType
from poverty_procurement.identifiers import payment_code
from poverty_procurement.payments import MAX_MEMO_LENGTH, extract_payment_codes, new_payment_code
from poverty_procurement.strategies.payments import memos, payment_codes


@pytest.mark.parametrize(
    ("memo", "codes"),
    [
        ("f54yxn", ("f54yxn",)),
        ("货款f54yxn", ("f54yxn",)),
        ("用途：货款 F54YXN", ("f54yxn",)),
        ("货款ｆ５４ｙｘｎ。", ("f54yxn",)),  # full-width, typed with a Chinese IME
        ("（f54yxn）订单XD2022112330011271", ("f54yxn",)),
        ("f54yxn,f54yxn F54YXN", ("f54yxn",)),  # repeated: one distinct code
        ("f54yxn a1b2c3", ("f54yxn", "a1b2c3")),
        ("f54yxnq", ()),  # 7 characters: not a code
        ("xf54yxn", ()),
        ("XD2022112330011271", ()),  # the order number holds no code
        ("202311", ()),  # six digits (a date) are not a code
        ("2023年11月 100000元", ()),
        ("", ()),
        ("货款", ()),
        ("f54yxn\u00e9", ()),  # any letter glues to the run, Latin-1 too (附件2 七（一） 填写准确)
        ("ｆ５４ｙｘｎｑ", ()),  # full-width 7-run stays 7 after NFKC
    ],
)
def test_examples(memo: str, codes: tuple[str, ...]) -> None:
    assert extract_payment_codes(memo) == codes


def test_memo_bound_is_enforced_not_truncated() -> None:
    assert extract_payment_codes("中" * (MAX_MEMO_LENGTH - 7) + " f54yxn") == ("f54yxn",)
    with pytest.raises(InvalidOrder) as caught:
        extract_payment_codes("中" * MAX_MEMO_LENGTH + "f54yxn")
    assert caught.value.field == "memo"
    with pytest.raises(TypeError):
        extract_payment_codes(b"f54yxn")  # type: ignore[arg-type]


def test_hostile_memos_cost_bounded_work() -> None:
    hostile = ["a" * MAX_MEMO_LENGTH, "1" * MAX_MEMO_LENGTH, "a1" * (MAX_MEMO_LENGTH // 2),
               "ﷺ" * MAX_MEMO_LENGTH, ("abcdef " * 80)[:MAX_MEMO_LENGTH], "㍿" * MAX_MEMO_LENGTH]
    start = time.perf_counter()
    for memo in hostile * 20:
        extract_payment_codes(memo)
    assert time.perf_counter() - start < 2.0
    assert len(extract_payment_codes(("abcdef " * 80)[:MAX_MEMO_LENGTH])) == 1


_RUN = re.compile(r"[a-z0-9]+", re.ASCII)


def _oracle(memo: str) -> tuple[str, ...]:
    """The definition, written the slow obvious way: maximal runs of 6 with a letter."""
    text = unicodedata.normalize("NFKC", memo).lower()
    runs = [m for m in _RUN.findall(text) if len(m) == 6 and any(c.isalpha() for c in m)]
    return tuple(dict.fromkeys(runs))


_memo_chars = st.sampled_from(list("aAf5 4yxnXN0，。货款ｆ５Ｆ-_é9z"))


@given(memo=st.one_of(st.text(max_size=60), st.text(_memo_chars, max_size=60)))
def test_extraction_agrees_with_the_definition(memo: str) -> None:
    assert extract_payment_codes(memo) == _oracle(memo)


@given(memo=st.text(max_size=MAX_MEMO_LENGTH + 20))
def test_any_text_gives_valid_codes_or_a_library_error(memo: str) -> None:
    try:
        codes = extract_payment_codes(memo)
    except PovertyProcurementError:
        assert len(memo) > MAX_MEMO_LENGTH
        return
    for code in codes:
        assert payment_code.validate(code) == code
        assert re.search("[a-z]", code)
    assert len(set(codes)) == len(codes)


@given(code=payment_codes(), data=st.data())
def test_a_code_written_in_a_memo_is_found(code: str, data: st.DataObject) -> None:
    memo = data.draw(memos(code))
    assert extract_payment_codes(memo) == (code,)


@given(code=payment_codes(), left=st.sampled_from("aZ09"), right=st.sampled_from(["", "q", "7"]))
def test_a_code_inside_a_longer_run_is_not_a_code(code: str, left: str, right: str) -> None:
    assert extract_payment_codes(f"货款{left}{code}{right}") == ()


@given(digits=st.text("0123456789", min_size=6, max_size=6))
def test_six_digits_are_never_a_code(digits: str) -> None:
    assert extract_payment_codes(f"日期 {digits} 货款") == ()


@given(in_use=st.sets(payment_codes(), max_size=50), seed=st.integers())
def test_new_code_is_never_in_use_and_always_extractable(in_use: set[str], seed: int) -> None:
    code = new_payment_code(in_use, random.Random(seed))
    assert code not in in_use
    assert payment_code.validate(code) == code
    assert extract_payment_codes(f"货款{code}") == (code,)


def test_new_code_uses_secrets_by_default_and_avoids_taken_codes() -> None:
    rng = random.Random(1)
    first = new_payment_code(set(), random.Random(1))
    assert new_payment_code({first}, rng) != first
    codes = {new_payment_code(set()) for _ in range(50)}
    assert len(codes) == 50


class _Everything:
    def __contains__(self, item: object) -> bool:
        return True


def test_exhausted_codes_raise() -> None:
    with pytest.raises(InvalidIdentifier):
        new_payment_code(_Everything())


def test_a_str_subclass_is_read_as_text() -> None:
    class Memo(str):
        pass

    assert extract_payment_codes(Memo("货款 f54yxn")) == ("f54yxn",)


# --- payment codes ------------------------------------------------------------------------------


class _Memo(str):
    """A str subclass, as some database drivers return."""


@pytest.mark.mutation
def test_memo_bounds_types_and_order() -> None:
    assert extract_payment_codes("f54yxn" + " " * 506) == ("f54yxn",)  # 512 characters
    with pytest.raises(InvalidOrder) as too_long:
        extract_payment_codes(" " * 513)
    assert (too_long.value.field, too_long.value.zh, too_long.value.en) == (
        "memo", "附言过长（513 个字符，最多 512）", "the memo is too long (513 characters, at most 512)")
    with pytest.raises(UnsupportedType) as not_text:
        extract_payment_codes(b"f54yxn")  # type: ignore[arg-type]
    assert (not_text.value.field, not_text.value.zh, not_text.value.en) == (
        "memo", "附言须为文本，收到 bytes", "the memo must be str, got bytes")
    assert extract_payment_codes(_Memo("货款 F54YXN")) == ("f54yxn",)
    assert extract_payment_codes("a1b2c3 F54YXN a1b2c3") == ("a1b2c3", "f54yxn")
    assert extract_payment_codes("202311 f54yxn") == ("f54yxn",)
    assert extract_payment_codes("202311 100000") == ()
    assert extract_payment_codes("202311") == ()
    assert extract_payment_codes("") == ()
    assert extract_payment_codes("货款ｆ５４ｙｘｎ，ａ１ｂ２ｃ３") == ("f54yxn", "a1b2c3")


class _DigitsFirst(random.Random):
    """Chooses only digits for the first code, then letters: the all-digit code must be skipped."""

    calls = 0

    def choice(self, seq):  # type: ignore[no-untyped-def]
        self.calls += 1
        return "7" if self.calls <= 6 else "k"


@pytest.mark.mutation
def test_new_payment_code_guarantees() -> None:
    assert new_payment_code(set(), _DigitsFirst()) == "kkkkkk"
    code = new_payment_code(set(), random.Random(1))
    assert len(code) == 6 and code == code.lower() and any(ch.isalpha() for ch in code)
    assert new_payment_code({code}, random.Random(1)) != code
    with pytest.raises(InvalidIdentifier) as exhausted:
        new_payment_code(_Everything(), random.Random(1))
    assert (exhausted.value.field, exhausted.value.zh, exhausted.value.en) == (
        "in_use", "找不到未被占用的付款识别码，请先关闭已完成的订单",
        "no free payment code was found; close finished orders first")
