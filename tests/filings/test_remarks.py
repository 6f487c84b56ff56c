"""Remark recognition: 粤财采购〔2023〕2号 二（一） ("无食堂", not "无饭堂"), 二（三）2 ("共用 XX 单位食堂")."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from poverty_procurement import classify_remark
from poverty_procurement.errors import InvalidRemark, PovertyProcurementError, UnsupportedType
from poverty_procurement.filings import NO_CANTEEN_REMARK, RemarkKind, host_is_name, remark_wording


def test_exactly_no_canteen() -> None:
    reading = classify_remark("无食堂")
    assert reading.kind is RemarkKind.NO_CANTEEN and reading.recognised
    assert str(reading.citation) == "粤财采购〔2023〕2号 二（一）"


@pytest.mark.parametrize(
    "text",
    ["无饭堂", "没有食堂", "无食堂。", "无 食 堂", " 无食堂", "无食堂 ", "無食堂", "本单位无食堂", "无", "没有饭堂",
     "\u3000无食堂", "无食堂（已确认）", "无职工食堂"],
)
def test_near_misses_of_no_canteen_say_what_to_write(text: str) -> None:
    reading = classify_remark(text)
    assert reading.kind is RemarkKind.OTHER and not reading.recognised
    assert reading.near_miss is RemarkKind.NO_CANTEEN
    assert reading.suggestion == "无食堂"
    assert "无食堂" in reading.advice


@pytest.mark.parametrize(
    ("text", "host"),
    [("共用广东省财政厅食堂", "广东省财政厅"), ("共用广东省财政厅单位食堂", "广东省财政厅"),
     ("共用广州市机关事务管理局（本级）食堂", "广州市机关事务管理局（本级）")],
)
def test_shared_canteen_names_the_host(text: str, host: str) -> None:
    reading = classify_remark(text)
    assert reading.kind is RemarkKind.SHARED_CANTEEN
    assert reading.host == host


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [("共用 广东省财政厅 食堂", "共用广东省财政厅食堂"), ("共用广东省财政厅饭堂", "共用广东省财政厅食堂"),
     ("与广东省财政厅共用食堂", "共用广东省财政厅食堂"), ("共用食堂,由广东省财政厅填报", "共用广东省财政厅食堂"),
     ("共用 广东省财政厅 单位食堂", "共用广东省财政厅食堂")],
)
def test_shared_near_misses(text: str, suggestion: str) -> None:
    reading = classify_remark(text)
    assert reading.kind is RemarkKind.OTHER
    assert reading.near_miss is RemarkKind.SHARED_CANTEEN
    assert reading.suggestion == suggestion


@pytest.mark.parametrize("text", ["共用XX单位食堂", "共用 XX 单位食堂", "共用单位食堂", "共用食堂"])
def test_shared_without_a_host_is_not_recognised(text: str) -> None:
    reading = classify_remark(text)
    assert reading.kind is RemarkKind.OTHER
    assert reading.near_miss is RemarkKind.SHARED_CANTEEN
    assert reading.suggestion is None
    assert "代表单位" in reading.advice


@pytest.mark.parametrize("text", ["", "食堂外包", "本单位有食堂", "2023年新设", "已填报"])
def test_other_text_is_other_without_suggestion(text: str) -> None:
    reading = classify_remark(text)
    assert reading.kind is RemarkKind.OTHER
    assert reading.near_miss is None and reading.suggestion is None


def test_wording_is_data_per_jurisdiction() -> None:
    shanxi = classify_remark("共用食堂,由山西省财政厅填报", "山西")
    assert shanxi.kind is RemarkKind.SHARED_CANTEEN and shanxi.host == "山西省财政厅"
    assert shanxi.citation is not None and shanxi.citation.confidence == "good"
    guangdong_style_in_shanxi = classify_remark("共用山西省财政厅食堂", "山西")
    assert guangdong_style_in_shanxi.suggestion == "共用食堂,由山西省财政厅填报"
    assert remark_wording("湖南") is remark_wording(None) is remark_wording("广东")
    assert classify_remark("无食堂", "山西").kind is RemarkKind.NO_CANTEEN


def test_bounded_input() -> None:
    with pytest.raises(InvalidRemark):
        classify_remark("无" * 201)


@given(st.text(max_size=60))
def test_only_the_exact_text_means_no_canteen(text: str) -> None:
    reading = classify_remark(text)
    assert (reading.kind is RemarkKind.NO_CANTEEN) == (text == NO_CANTEEN_REMARK)
    if reading.suggestion is not None:
        assert classify_remark(reading.suggestion).recognised
        assert reading.near_miss is not None


_HOST_CHARS = st.characters(blacklist_categories=("Z", "C"), blacklist_characters="单位")


@given(st.text(_HOST_CHARS, min_size=2, max_size=30))
def test_host_round_trip(host: str) -> None:
    assume("食堂" not in host)
    reading = classify_remark(f"共用{host}食堂")
    if not host_is_name(host):  # no letter or ideograph, or a placeholder (issue 16)
        assert reading.kind is RemarkKind.OTHER
        return
    assert reading.kind is RemarkKind.SHARED_CANTEEN
    assert reading.host == host
    assert classify_remark(f"共用{host}单位食堂").host == host


@given(st.text(max_size=250))
def test_arbitrary_text_raises_only_library_errors(text: str) -> None:
    try:
        classify_remark(text)
    except PovertyProcurementError:
        assert len(text) > 200


# --- pinned by mutation testing -------------------------------------------------------------------


_NO = RemarkKind.NO_CANTEEN
_SHARED = RemarkKind.SHARED_CANTEEN
_WRITE_NO_CANTEEN = "平台只识别“无食堂”三个字（不可写“无饭堂”或其他文字，不加空格、标点），请改为：无食堂"
_NAME_THE_HOST = "共用食堂须写明代表单位名称：共用XX单位食堂（把 XX单位 换成代表单位的名称，不留空格）"
_HOST = "广东省财政厅"
_WRITE_SHARED = f"共用食堂请按规定写法注明，请改为：共用{_HOST}食堂"
Reading = tuple[str, RemarkKind, str | None, RemarkKind | None, str | None, str, str | None]


@pytest.mark.mutation
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


@pytest.mark.mutation
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


@pytest.mark.mutation
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
