"""Remark recognition: 粤财采购〔2023〕2号 二（一） ("无食堂", not "无饭堂"), 二（三）2 ("共用 XX 单位食堂")."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from poverty_procurement import classify_remark
from poverty_procurement.errors import InvalidRemark, PovertyProcurementError
from poverty_procurement.filings import NO_CANTEEN_REMARK, RemarkKind, remark_wording


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
    assume(not host.upper().startswith("XX") and host not in {"某某", "……"})
    assume("食堂" not in host)
    reading = classify_remark(f"共用{host}食堂")
    assert reading.kind is RemarkKind.SHARED_CANTEEN
    assert reading.host == host
    assert classify_remark(f"共用{host}单位食堂").host == host


@given(st.text(max_size=250))
def test_arbitrary_text_raises_only_library_errors(text: str) -> None:
    try:
        classify_remark(text)
    except PovertyProcurementError:
        assert len(text) > 200
