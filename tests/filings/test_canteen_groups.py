"""Shared canteens (粤财采购〔2023〕2号 二（三）2; 财办库〔2023〕45号 第二条): the host named in
"共用XX单位食堂" is a real name, exists in the batch, files as representative, and files once."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import BudgetUnit, Contact, Filing
from poverty_procurement.filings import (
    RemarkKind,
    Severity,
    canteen_findings,
    canteen_groups,
    check_filings,
    classify_remark,
    host_is_name,
    resolve_host,
)

CONTACT = Contact("张三", "13800138000")
NO_UNION = "本单位无工会采购需求"  # 附件2 一、第四步: 选择“否”，需“备注”有关情况


def rep(code: str = "44001", name: str = "广东省财政厅", arrangement: str = "shared-representative") -> Filing:
    return Filing(BudgetUnit(code, name, "广东"), 2023, arrangement, canteen_total="1000000", ratio=30,
                  contact=CONTACT, union_remark=NO_UNION)


def member(remark: str, code: str = "44002", name: str = "广东省国库支付中心") -> Filing:
    return Filing(BudgetUnit(code, name, "广东"), 2023, "shared-member", remark=remark,
                  contact=CONTACT, union_remark=NO_UNION)


def codes(filings: list[Filing]) -> list[list[str]]:
    return [[v.code for v in check.violations] for check in check_filings(filings)]


# --- the host is a real name (二（三）2 "共用 XX 单位食堂"; 二（一） "否则系统无法识别") ---------------

def test_invisible_characters_in_host_are_refused_with_the_clean_suggestion() -> None:
    for invisible in ("\u200b", "\ufeff", "\u2060", "\u202e", "\u200d", "\u0007"):
        reading = classify_remark(f"共用广东省{invisible}财政厅食堂")
        assert reading.kind is RemarkKind.OTHER
        assert reading.near_miss is RemarkKind.SHARED_CANTEEN
        assert reading.suggestion == "共用广东省财政厅食堂"
        assert reading.citation is not None and reading.citation.clause == "二（三）2"


def test_punctuation_only_and_placeholder_hosts_are_refused() -> None:
    for text in ("共用。。食堂", "共用——食堂", "共用\u200b食堂", "共用本单位食堂", "共用X单位食堂", "共用某单位食堂",
                 "共用XX食堂", "共用123食堂"):
        reading = classify_remark(text)
        assert reading.kind is RemarkKind.OTHER, text
        assert reading.host is None
    assert "XX单位" in classify_remark("共用本单位食堂").advice


def test_a_real_host_is_returned_as_written() -> None:
    assert classify_remark("共用广东省财政厅食堂").host == "广东省财政厅"
    assert classify_remark("共用Ａ局食堂").host == "Ａ局"


_VISIBLE = st.text(st.characters(categories=("Lu", "Ll", "Lo", "Nd")), min_size=1, max_size=12)


@given(_VISIBLE)
def test_any_visible_name_is_accepted_as_host(name: str) -> None:
    if not host_is_name(name) or "食堂" in name or name.endswith("单位") or name.endswith("食"):
        return  # placeholders and names that would shift the pattern's split are not this property
    reading = classify_remark(f"共用{name}食堂")
    assert reading.kind is RemarkKind.SHARED_CANTEEN
    assert reading.host == name


_INVISIBLE_OR_PUNCT = st.text(st.characters(categories=("Cf", "Cc", "Po", "Pd", "Ps", "Pe", "Sm", "So")),
                              min_size=1, max_size=8)


@given(_INVISIBLE_OR_PUNCT, st.text(st.characters(categories=["Lo"]), max_size=4))
def test_invisible_or_punctuation_only_host_never_is(junk: str, letters: str) -> None:
    assert classify_remark(f"共用{junk}食堂").kind is not RemarkKind.SHARED_CANTEEN
    if any(unicodedata.category(ch)[0] == "C" for ch in junk):
        assert not host_is_name(letters + junk)
        assert classify_remark(f"共用{letters}{junk}食堂").kind is not RemarkKind.SHARED_CANTEEN


# --- the group holds together (check_filings) ------------------------------------------------

def test_host_by_full_name_short_form_or_code_is_found() -> None:
    for named in ("广东省财政厅", "省财政厅", "财政厅", "44001", "广东省 财政厅"):
        host = rep()
        assert resolve_host(named, [host]) == ("44001",), named
    assert codes([rep(), member("共用财政厅食堂")]) == [[], []]
    assert classify_remark("共用44001食堂").kind is RemarkKind.OTHER  # a bare code is not a name


def test_unknown_host_is_a_violation_with_its_clause() -> None:
    checks = check_filings([rep(), member("共用广东省教育厅食堂")])
    violation = checks[1].violations[-1]
    assert violation.code == "shared-host-unknown"
    assert violation.field == "remark" and violation.severity is Severity.ERROR
    assert str(violation.citation) == "粤财采购〔2023〕2号 二（三）2"
    assert "广东省教育厅" in violation.message
    assert not checks[1].acceptable
    # representative is then alone: a warning only
    assert [v.code for v in checks[0].violations] == ["shared-representative-alone"]
    assert checks[0].acceptable


def test_host_that_does_not_file_as_representative() -> None:
    checks = check_filings([rep(arrangement="own"), member("共用广东省财政厅食堂")])
    assert [v.code for v in checks[1].violations] == ["shared-host-not-representative"]
    assert str(checks[1].violations[0].citation) == "财办库〔2023〕45号 第二条"
    # a host that itself shares someone else's canteen is no representative either
    chain = [member("共用广东省国库支付中心食堂", code="44001", name="广东省财政厅"),
             member("共用广东省财政厅食堂")]
    assert "shared-host-not-representative" in codes(chain)[1]


def test_one_canteen_has_exactly_one_representative() -> None:
    found = codes([rep(), rep(), member("共用财政厅食堂")])
    assert found[0] == found[1] == ["shared-host-multiple"]


def test_ambiguous_short_form_resolves_to_nobody() -> None:
    city = Filing(BudgetUnit("44009", "财政厅", "广东"), 2023, "own", canteen_total="1", ratio=30,
                  contact=CONTACT, union_remark=NO_UNION)
    assert resolve_host("财政厅", [rep(), city]) == ("44009",)  # an exact name wins
    other = rep(code="44010", name="广东财政厅")
    assert resolve_host("财政厅", [rep(), other]) == ("44001", "44010")
    assert codes([rep(), other, member("共用财政厅食堂")])[2] == ["shared-host-ambiguous"]


def test_groups_list_the_members_and_years_apart() -> None:
    members = [member("共用财政厅食堂"), member("共用广东省财政厅单位食堂", code="44003", name="广东省会计学会")]
    groups = canteen_groups([rep(), *members])
    assert [(g.host_code, g.unit_codes) for g in groups] == [("44001", ("44001", "44002", "44003"))]
    assert groups[0].representative is not None and groups[0].representative.unit.code == "44001"
    old = Filing(BudgetUnit("44002", "广东省国库支付中心", "广东"), 2024, "shared-member",
                 remark="共用财政厅食堂")
    assert [(f.position, f.code) for f in canteen_findings([rep(), old])] == [
        (0, "shared-representative-alone"), (1, "shared-host-unknown")]


def test_non_filings_and_errors_are_left_alone() -> None:
    checks = check_filings(["x", rep(), member("共用财政厅食堂")])  # type: ignore[list-item]
    assert checks[0].error is not None
    assert [c.violations for c in checks[1:]] == [(), ()]
    assert canteen_groups([rep(arrangement="own")]) == ()
    assert canteen_groups([rep(arrangement="own"), member("共用财政厅食堂")])[0].representative is None


def test_a_host_name_that_is_not_text_is_the_librarys_error() -> None:
    from poverty_procurement.errors import UnsupportedType
    from poverty_procurement.filings import host_is_name

    with pytest.raises(UnsupportedType) as raised:
        host_is_name(10**5000)  # type: ignore[arg-type]
    assert raised.value.field == "host"
