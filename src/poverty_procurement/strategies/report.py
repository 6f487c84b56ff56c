"""生成策略 — Hypothesis strategies for the report area: input documents, datasets and completions.

Public API for downstream property-test suites (requires ``hypothesis``).
:func:`dataset_documents` draws documents in the JSON input format of
:mod:`poverty_procurement.reporting.json_input` — a unit tree of Guangdong units, 2023 filings of every canteen
arrangement (acceptable or with the usual mistakes: a low ratio, 无饭堂, no contact, a bad mobile),
orders paid, unpaid, refunded or off the platform from paired, other and unknown counties, and
bank transfers paying them with good or bad memos — every record valid, so that a dataset read from
it has no row errors. :func:`datasets` reads them; :func:`completions` draws per-unit completions.

>>> from hypothesis import find
>>> document = find(dataset_documents(), lambda document: len(document["units"]) > 2)
>>> sorted(document)
['filings', 'orders', 'transfers', 'units', 'year']
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from ..model.order import Placer
from ..money import Yuan
from ..reporting.json_input import parse_json
from ..reporting.records import Dataset
from ..rules.completion.counting import Completion, combine_completions

__all__ = ["completions", "dataset_documents", "datasets"]

_COUNTIES = ("融水苗族自治县", "三都县", "融安县", "黔西县", "行唐县", "520204", "火星县")
_ACCOUNTS = (("35000188110503337", "303100000241"), ("6222021001122334455", "102100099996"))
_MOBILES = ("13800138000", "13900139000", "1380013800")


def _amount(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


@st.composite
def _filing(draw: st.DrawFn, code: str, host: str) -> dict[str, Any]:
    arrangement = draw(st.sampled_from(["own", "outsourced", "shared-representative", "shared-member", "none"]))
    row: dict[str, Any] = {"unit": code, "year": 2023, "arrangement": arrangement}
    if arrangement in {"own", "outsourced", "shared-representative"}:
        row["canteen_total"] = _amount(draw(st.integers(0, 10**10)))
        row["ratio"] = draw(st.sampled_from(["20", "30", "35.5", "100"]))
        if arrangement == "outsourced" and draw(st.booleans()):
            row["executing_entity"] = "某餐饮管理有限公司"
    elif arrangement == "none":
        row["remark"] = draw(st.sampled_from(["无食堂", "无饭堂"]))
    else:
        row["remark"] = f"共用{host}食堂"
    if draw(st.booleans()):
        row["union_total"] = _amount(draw(st.integers(0, 10**9)))
        row["union_ratio"] = "20"
    if draw(st.integers(0, 3)):
        row["contact_name"] = "张三"
        row["contact_mobile"] = draw(st.sampled_from(_MOBILES))
    return row


@st.composite
def _order(draw: st.DrawFn, number: int, units: list[str]) -> dict[str, Any]:
    account, bank_code = draw(st.sampled_from(_ACCOUNTS))
    status = draw(st.sampled_from(["paid", "awaiting-payment", "cancelled"]))
    channel = draw(st.sampled_from(["trading-platform", "mini-program", "off-platform"]))
    fen = draw(st.integers(1, 10**8))
    row: dict[str, Any] = {
        "number": f"XD20231101{number:08d}", "buyer_unit": draw(st.sampled_from(units)),
        "placed_by": draw(st.sampled_from([p.value for p in Placer])), "channel": channel,
        "supplier": "某供应商", "account_number": account, "bank": "某银行", "bank_code": bank_code,
        "amount": _amount(fen), "origin_county": draw(st.sampled_from(_COUNTIES)), "status": status,
        "payment_code": f"p{number:05d}",
    }
    if status == "paid":
        row["paid_at"] = draw(st.sampled_from(["2023-06-01T10:00:00", "2023-12-31T23:59:00", "2024-01-01T00:10:00"]))
        if draw(st.booleans()):
            row["refunded"] = _amount(draw(st.integers(0, fen)))
    return row


@st.composite
def _transfer(draw: st.DrawFn, number: int, orders: list[dict[str, Any]]) -> dict[str, Any]:
    order = draw(st.sampled_from(orders)) if orders else None
    code = order["payment_code"] if order else "zz9zz9"
    memo = draw(st.sampled_from([f"货款 {code}", "货款", f"{code} {code.upper()}", "货款 zz9zz9",
                                 f"{code} p99999"]))
    amount = order["amount"] if order and draw(st.booleans()) else _amount(draw(st.integers(1, 10**8)))
    payee = order["account_number"] if order and draw(st.booleans()) else "050830002000029520019"
    return {"transaction_id": f"B{number:06d}", "payer_name": "某单位", "payer_account": "44001000000000000001",
            "payee_account": payee, "amount": amount, "memo": memo, "time": "2023-11-20T10:00:00"}


@st.composite
def dataset_documents(draw: st.DrawFn, max_units: int = 8, max_orders: int = 10,
                      max_transfers: int = 5) -> dict[str, Any]:
    """输入文档 — a JSON-format input document (a dict), every record valid; see the module docstring."""
    size = draw(st.integers(1, max_units))
    units: list[dict[str, Any]] = [{"code": "D0", "name": "广东省某厅"}]
    for number in range(1, size):
        superior = f"D{draw(st.integers(0, number - 1))}"
        units.append({"code": f"D{number}", "name": f"某单位{number}", "superior": superior})
    codes = [unit["code"] for unit in units]
    filings = [draw(_filing(code, "广东省某厅")) for code in codes if draw(st.integers(0, 4))]
    orders = [draw(_order(number, [*codes, "X9"])) for number in range(draw(st.integers(0, max_orders)))]
    transfers = [draw(_transfer(number, orders)) for number in range(draw(st.integers(0, max_transfers)))]
    return {"year": 2023, "units": units, "filings": filings, "orders": orders, "transfers": transfers}


def datasets(max_units: int = 8, max_orders: int = 10) -> st.SearchStrategy[Dataset]:
    """数据集 — :class:`~poverty_procurement.reporting.records.Dataset` values read from :func:`dataset_documents`."""
    return dataset_documents(max_units, max_orders).map(lambda document: parse_json(json.dumps(document)))


def completions(code: str = "U1", year: int = 2023) -> st.SearchStrategy[Completion]:
    """完成情况 — completions of unit ``code`` built from a counted total and a reserved share (in fen)."""
    def build(counted: int, share: int) -> Completion:
        part = Completion(code, year, Yuan.from_fen(counted), Yuan.from_fen(share), None, Yuan.from_fen(0), (), 0, ())
        return combine_completions(code, [part])  # recomputes the ratio and the shortfall

    return st.builds(build, st.integers(0, 10**12), st.integers(0, 10**12))
