"""Remark readings and payment codes pinned for mutation testing (issue 7).

The remark table gives, for the notice's own wordings (粤财采购〔2023〕2号 二（一）, 二（三）2) and
their usual near-misses, everything a filer is told: the kind, the host, the intended meaning,
the exact text to write instead, the advice and the clause. The payment-code cases pin the
memo bounds and errors (附件2 七（一）) and the generator's guarantees.
"""

from __future__ import annotations

import random

import pytest

from poverty_procurement.errors import InvalidIdentifier, InvalidOrder, InvalidRemark, UnsupportedType
from poverty_procurement.rules.filings.remarks import RemarkKind, classify_remark
from poverty_procurement.rules.payments.codes import extract_payment_codes, new_payment_code

_NO = RemarkKind.NO_CANTEEN
_SHARED = RemarkKind.SHARED_CANTEEN
_WRITE_NO_CANTEEN = "平台只识别“无食堂”三个字（不可写“无饭堂”或其他文字，不加空格、标点），请改为：无食堂"
_NAME_THE_HOST = "共用食堂须写明代表单位名称：共用XX单位食堂（把 XX单位 换成代表单位的名称，不留空格）"
_HOST = "广东省财政厅"
_WRITE_SHARED = f"共用食堂请按规定写法注明，请改为：共用{_HOST}食堂"


Reading = tuple[str, RemarkKind, str | None, RemarkKind | None, str | None, str, str | None]


@pytest.mark.parametrize(
    "case",
    [
        ("无食堂", _NO, None, None, None, "", "二（一）"),
        (f"共用{_HOST}食堂", _SHARED, _HOST, None, None, "", "二（三）2"),
        (f"共用{_HOST}单位食堂", _SHARED, _HOST, None, None, "", "二（三）2"),
        ("无饭堂", RemarkKind.OTHER, None, _NO, "无食堂", _WRITE_NO_CANTEEN, "二（一）"),
        (" 无食堂 ", RemarkKind.OTHER, None, _NO, "无食堂", _WRITE_NO_CANTEEN, "二（一）"),
        ("無食堂", RemarkKind.OTHER, None, _NO, "无食堂", _WRITE_NO_CANTEEN, "二（一）"),
        ("无 食 堂", RemarkKind.OTHER, None, _NO, "无食堂", _WRITE_NO_CANTEEN, "二（一）"),
        ("无食堂。", RemarkKind.OTHER, None, _NO, "无食堂", _WRITE_NO_CANTEEN, "二（一）"),
        ("没有食堂", RemarkKind.OTHER, None, _NO, "无食堂", _WRITE_NO_CANTEEN, "二（一）"),
        ("单位未设食堂", RemarkKind.OTHER, None, _NO, "无食堂", _WRITE_NO_CANTEEN, "二（一）"),
        ("暂无", RemarkKind.OTHER, None, _NO, "无食堂", _WRITE_NO_CANTEEN, "二（一）"),
        ("否", RemarkKind.OTHER, None, _NO, "无食堂", _WRITE_NO_CANTEEN, "二（一）"),
        ("不适用", RemarkKind.OTHER, None, _NO, "无食堂", _WRITE_NO_CANTEEN, "二（一）"),
        ("共用XX单位食堂", RemarkKind.OTHER, None, _SHARED, None, _NAME_THE_HOST, "二（三）2"),
        ("共用xx食堂", RemarkKind.OTHER, None, _SHARED, None, _NAME_THE_HOST, "二（三）2"),
        ("共用食堂", RemarkKind.OTHER, None, _SHARED, None, _NAME_THE_HOST, "二（三）2"),
        (f"共用 {_HOST} 食堂", RemarkKind.OTHER, None, _SHARED, f"共用{_HOST}食堂", _WRITE_SHARED, "二（三）2"),
        (f"共用食堂,由{_HOST}填报", RemarkKind.OTHER, None, _SHARED, f"共用{_HOST}食堂", _WRITE_SHARED, "二（三）2"),
        (f"与{_HOST}共用食堂", RemarkKind.OTHER, None, _SHARED, f"共用{_HOST}食堂", _WRITE_SHARED, "二（三）2"),
        (f"共享{_HOST}的食堂", RemarkKind.OTHER, None, _SHARED, f"共用{_HOST}食堂", _WRITE_SHARED, "二（三）2"),
        ("共用XX局食堂", RemarkKind.OTHER, None, _SHARED, None, _NAME_THE_HOST, "二（三）2"),  # placeholder left in
        ("共用xx局食堂", RemarkKind.OTHER, None, _SHARED, None, _NAME_THE_HOST, "二（三）2"),
        ("没有异议", RemarkKind.OTHER, None, None, None, "", None),  # a negation, but not about a canteen
        ("与广东省财政厅共用车辆", RemarkKind.OTHER, None, None, None, "", None),  # sharing, but not a canteen
        ("有食堂", RemarkKind.OTHER, None, None, None, "", None),
        ("食堂", RemarkKind.OTHER, None, None, None, "", None),
        ("", RemarkKind.OTHER, None, None, None, "", None),
    ],
)
def test_what_the_filer_is_told_for_each_remark(case: Reading) -> None:
    text, kind, host, near_miss, suggestion, advice, clause = case
    reading = classify_remark(text)
    assert reading.text == text
    assert (reading.kind, reading.host, reading.near_miss, reading.suggestion, reading.advice) == (
        kind, host, near_miss, suggestion, advice)
    assert (reading.citation.clause if reading.citation else None) == clause
    assert reading.recognised is (kind is not RemarkKind.OTHER)


def test_shanxi_wording_and_its_near_misses() -> None:
    own = classify_remark(f"共用食堂,由{_HOST}填报", "山西")
    assert (own.kind, own.host) == (_SHARED, _HOST)
    assert own.citation is not None and own.citation.document == "山西省 832 平台常见问题（2022）"
    miss = classify_remark(f"共用{_HOST}食堂", "山西")
    assert miss.suggestion == f"共用食堂,由{_HOST}填报"
    assert miss.advice == f"共用食堂请按规定写法注明，请改为：共用食堂,由{_HOST}填报"
    hostless = classify_remark("共用食堂", "山西")
    assert hostless.advice == ("共用食堂须写明代表单位名称：共用食堂,由XX单位填报"
                               "（把 XX单位 换成代表单位的名称，不留空格）")
    no_canteen = classify_remark("无食堂", "山西")
    assert no_canteen.kind is _NO
    assert no_canteen.citation is not None and no_canteen.citation.document == "财办库〔2023〕45号"


def test_remark_bounds_and_types() -> None:
    assert classify_remark("x" * 200).kind is RemarkKind.OTHER
    with pytest.raises(InvalidRemark) as too_long:
        classify_remark("x" * 201)
    assert (too_long.value.field, too_long.value.zh, too_long.value.en) == (
        "remark", "备注过长（最多 200 个字符）", "the remark is too long (at most 200 characters)")
    with pytest.raises(UnsupportedType) as not_text:
        classify_remark(3)  # type: ignore[arg-type]
    assert (not_text.value.field, not_text.value.zh, not_text.value.en) == (
        "remark", "备注须为文本，收到 int", "a remark is a str, got int")


# --- payment codes ------------------------------------------------------------------------------


class _Memo(str):
    """A str subclass, as some database drivers return."""


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


class _Everything:
    """An in-use set that holds every code."""

    def __contains__(self, code: object) -> bool:
        return True


class _DigitsFirst(random.Random):
    """Chooses only digits for the first code, then letters: the all-digit code must be skipped."""

    calls = 0

    def choice(self, seq):  # type: ignore[no-untyped-def]
        self.calls += 1
        return "7" if self.calls <= 6 else "k"


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
