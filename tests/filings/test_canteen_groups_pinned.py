"""Shared-canteen findings compared whole, and where the short form of a unit's name begins
(mutation testing, docs/dev/mutation.md)."""

from __future__ import annotations

import pytest

from poverty_procurement import BudgetUnit, Contact, Filing
from poverty_procurement.citation import Citation
from poverty_procurement.filings import canteen_findings, resolve_host
from poverty_procurement.rules.filings.canteens import CanteenFinding

pytestmark = pytest.mark.mutation

CONTACT = Contact("张三", "13800138000")
CLAUSE = Citation("粤财采购〔2023〕2号", "二（三）2",
                  "共同确定一个单位作为代表填报预留份额，其他单位……在备注栏注明“共用 XX 单位食堂”")
ALONE = "本单位作为共用食堂的代表单位填报，但本批中没有单位在备注中注明“共用本单位食堂”，请核对"


def _filing(code: str, name: str, arrangement: str = "shared-representative") -> Filing:
    return Filing(BudgetUnit(code, name, "广东"), 2023, arrangement, canteen_total="1000000", ratio=30,
                  contact=CONTACT)


def _member(remark: str) -> Filing:
    return Filing(BudgetUnit("44002", "广东省国库支付中心", "广东"), 2023, "shared-member", remark=remark,
                  contact=CONTACT)


def test_an_ambiguous_host_whole() -> None:
    found = canteen_findings([_filing("44001", "广东省财政厅"), _filing("44010", "广东财政厅"),
                              _member("共用财政厅食堂")])
    assert found == (
        CanteenFinding(0, "shared-representative-alone", ALONE, CLAUSE, warning=True),
        CanteenFinding(1, "shared-representative-alone", ALONE, CLAUSE, warning=True),
        CanteenFinding(2, "shared-host-ambiguous",
                       "备注中的代表单位“财政厅”可指多个单位（44001、44010），请写代表单位的全称", CLAUSE),
    )


def test_a_host_filing_twice_whole() -> None:
    message = "代表单位 44001 在本批中填报了 2 次：一个食堂只由一个代表单位填报一次"
    found = canteen_findings([_filing("44001", "广东省财政厅"), _filing("44001", "广东省财政厅"),
                              _member("共用财政厅食堂")])
    assert found == (CanteenFinding(0, "shared-host-multiple", message, CLAUSE),
                     CanteenFinding(1, "shared-host-multiple", message, CLAUSE))


def test_a_short_form_needs_two_characters_after_the_province_prefix() -> None:
    assert resolve_host("财政", [_filing("1", "广东省财政", "own")]) == ("1",)
    assert resolve_host("厅", [_filing("1", "广东省厅", "own")]) == ()
    # a name that does not begin with the province has no short form
    assert resolve_host("财政局", [_filing("1", "深圳市财政局", "own")]) == ()
