"""Builders shared by the test modules: the guide's order and transfer, the embedded sample, small trees.

Test modules never import each other (``tests/package/test_test_layout.py`` checks it): whatever
two of them need lives here, as plain functions and constants. ``tests/`` is on ``sys.path``
(``pythonpath`` in pyproject.toml), so a test module writes ``from support import order``.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import types
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from poverty_procurement import BankTransfer, BudgetUnit, Contact, Filing, Order, UnitTree, Yuan
from poverty_procurement.data import read_text
from poverty_procurement.errors import PovertyProcurementError
from poverty_procurement.payments import Channel, Placer, SettlementAccount
from poverty_procurement.reporting.records import KINDS
from poverty_procurement.rules.completion.counting import Completion, _example, completion

# --- what an error says -------------------------------------------------------------------------


def error_parts(error: PovertyProcurementError) -> tuple[str, str, str]:
    """The field an error names and its Chinese and English message."""
    return error.field, error.zh, error.en


def raised_by(error: type[PovertyProcurementError], call: Any, *args: Any, **kwargs: Any) -> PovertyProcurementError:
    """The error ``call(*args, **kwargs)`` raises, which must be exactly of class ``error``."""
    with pytest.raises(error) as raised:
        call(*args, **kwargs)
    assert type(raised.value) is error
    return raised.value


def told(call: Callable[[], object], error: type[PovertyProcurementError]) -> tuple[str, str, str]:
    """Field, Chinese and English message of the error ``call()`` raises, exactly of class ``error``."""
    with pytest.raises(error) as caught:
        call()
    assert type(caught.value) is error
    return caught.value.field, caught.value.zh, caught.value.en


# --- the guide's order and a transfer paying it (粤财采购〔2023〕2号 附件2 七（一）) ------------------

ACCOUNT = SettlementAccount("测试新工商信息核验", "35000188110503337", "中国光大银行北京分行营业室", "303100000241")
T0 = datetime.datetime(2022, 11, 23, 14, 23, 13)
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(8)
JPG = b"\xff\xd8\xff\xe0" + bytes(20)


def order(**kw: object) -> Order:
    """The guide's order XD2022112330011271 (payment code F54YXN, 0.01元), with some fields changed."""
    base: dict[str, object] = {
        "number": "XD2022112330011271", "buyer_unit": "U1", "placed_by": Placer.UNIT,
        "channel": Channel.TRADING_PLATFORM, "supplier": "测试新工商信息核验", "settlement_account": ACCOUNT,
        "amount": "0.01", "payment_code": "F54YXN", "origin_county": "三都县",
    }
    base.update(kw)
    return Order(**base)  # type: ignore[arg-type]


def transfer(**kw: object) -> BankTransfer:
    """A transfer paying that order, with some fields changed."""
    base: dict[str, object] = {
        "transaction_id": "B0001", "payer_name": "某某局", "payer_account": "1234567890123",
        "payee_account": "35000188110503337", "amount": "0.01", "memo": "货款 F54YXN", "time": T0,
    }
    base.update(kw)
    return BankTransfer(**base)  # type: ignore[arg-type]


# --- filings: the notice, the guide, a contact, and a department D1 with two centres A1 and B1 ----

CONTACT = Contact("张三", "13800138000")
NOTICE = "粤财采购〔2023〕2号"
GUIDE = "粤财采购〔2023〕2号 附件2"

CENTRE_A1 = BudgetUnit("A1", "甲中心", "广东", "D1")
D1 = BudgetUnit("D1", "某厅", "广东")
CENTRE_B1 = BudgetUnit("B1", "乙中心", "广东", "D1")
D1_TREE = UnitTree.of([D1, CENTRE_A1, CENTRE_B1])
OWN_A1 = Filing(CENTRE_A1, 2023, "own", canteen_total="100", ratio=30)


# --- completion: a filed share and the completion of the counting module's example order ----------


def filed_share(code: str, share: str = "8000") -> types.SimpleNamespace:
    """What counting reads of a filing: the unit's code, the year 2023 and the reserved share."""
    return types.SimpleNamespace(unit=types.SimpleNamespace(code=code), year=2023, reserved_share=Yuan(share))


def completion_of(code: str = "A1", year: int = 2023) -> Completion:
    """The completion of the example order (2,000元 of an 8,000元 share), as unit ``code``'s for ``year``."""
    return attrs.evolve(completion("U1", [_example()], filed_share("U1")), unit_code=code, year=year)


# --- reporting: the embedded sample dataset, and the same records as one CSV file ------------------

SAMPLE = json.loads(read_text("sample/guangdong-department-2023.json"))
_SINGULAR = {"units": "unit", "filings": "filing", "orders": "order", "transfers": "transfer"}


def to_csv(document: dict[str, Any], *, bom: bool = False) -> str:
    """The JSON format's records as one CSV file with a ``kind`` column (as an analyst would save it)."""
    columns: list[str] = ["kind"]
    for kind in KINDS:
        for row in document.get(kind, []):
            columns.extend(key for key in row if key not in columns)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for kind in KINDS:
        for row in document.get(kind, []):
            cells = {key: ("是" if value is True else "否" if value is False else str(value))
                     for key, value in row.items()}
            writer.writerow([_SINGULAR[kind] if column == "kind" else cells.get(column, "") for column in columns])
    return ("\ufeff" if bom else "") + out.getvalue()


# --- a statement at scale, as rows with the documented columns (the Dask and Spark tests, issue 19) ---

SCALE_PAYEE = "35000188110503337"
SCALE_OTHER_PAYEE = "050830002000029520019"


def scale_rows(transfers: int = 20_000, departments: int = 20, units_per_department: int = 500,  # noqa: PLR0912
               ) -> dict[str, list[dict[str, str]]]:
    """Units, filings, orders and transfers (text cells, ``""`` = not given) with every matching reason.

    Each department has 19 sections of 25 units and 5 units directly below it; filings for nine
    units in ten (some below the minimum, some with a wrong mobile, some without a contact);
    orders awaiting payment, paid, cancelled, two open orders sharing a code, a paid order sharing
    an open order's code, one order number under two codes and orders without a code; transfers
    paying orders (some twice), without a code, with an unknown code, with two known codes, with
    a known and an unknown code, to a shared code, a paid or a cancelled order, the wrong payee or
    amount, re-pushed, conflicting, and already seen (ids ``SEEN…``).
    """
    units: list[dict[str, str]] = []
    for d in range(departments):
        top = f"D{d:02d}"
        units.append({"code": top, "name": f"某厅{d}", "province": "广东", "superior": ""})
        made = 1
        for s in range(19):
            section = f"{top}.S{s:02d}"
            units.append({"code": section, "name": f"某处{d}-{s}", "province": "广东", "superior": top})
            made += 1
            for u in range(25):
                if made < units_per_department:
                    units.append({"code": f"{section}.U{u:02d}", "name": f"某站{d}-{s}-{u}", "province": "广东",
                                  "superior": section})
                    made += 1
        while made < units_per_department:
            units.append({"code": f"{top}.X{made:03d}", "name": f"某所{d}-{made}", "province": "广东",
                          "superior": top})
            made += 1
    filings: list[dict[str, str]] = []
    for n, unit in enumerate(units):
        if n % 10 == 9:
            continue
        contact = ({"contact_name": "", "contact_mobile": "", "contact_landline": ""} if n % 7 == 3 else
                   {"contact_name": "张三", "contact_mobile": "1380013800" if n % 50 == 1 else "13800138000",
                    "contact_landline": ""})
        arrangement = "none" if n % 13 == 5 else "own"
        amounts = ({"canteen_total": "", "ratio": ""} if arrangement == "none" else
                   {"canteen_total": f"{100_000 + n}.{n % 100:02d}", "ratio": "20" if n % 11 == 4 else "30"})
        filings.append({"unit": unit["code"], "year": "2023", "arrangement": arrangement, **amounts, **contact})
    codes = [unit["code"] for unit in units]
    orders: list[dict[str, str]] = []

    def add_order(number: int, code: str, status: str = "awaiting-payment", amount: str = "",
                  order_number: str = "") -> None:
        orders.append({
            "number": order_number or f"XD20231123{number:08d}", "buyer_unit": codes[number % len(codes)],
            "placed_by": "unit", "channel": "trading-platform", "supplier": "供应商", "account_number": SCALE_PAYEE,
            "bank": "中国光大银行北京分行营业室", "bank_code": "303100000241",
            "amount": amount or f"{number % 500 + 1}.{number % 100:02d}", "origin_county": "三都县",
            "payment_code": code, "status": status, "paid_at": "2023-11-01T09:00:00" if status == "paid" else ""})

    open_orders = max(transfers * 3 // 5, 200)
    for n in range(open_orders):
        add_order(n, _code(n))
    for n in range(open_orders, open_orders + 500):
        add_order(n, _code(n), "paid")
    for n in range(open_orders + 500, open_orders + 1000):
        add_order(n, _code(n), "cancelled")
    base = open_orders + 1000
    for k in range(50):  # two open orders, one code
        add_order(base + 2 * k, f"c{k:05d}")
        add_order(base + 2 * k + 1, f"c{k:05d}")
    for k in range(50):  # a paid order listed after the open one with its code: the open one holds it
        add_order(base + 100 + k, _code(k), "paid")
    add_order(base + 150, "dupno1", order_number=orders[1]["number"])  # one number, two codes
    for k in range(50):
        add_order(base + 151 + k, "")
    rows: list[dict[str, str]] = []

    def pay(n: int, memo: str, order: dict[str, str] | None = None, *, payee: str = SCALE_PAYEE,
            amount: str = "", tid: str = "") -> dict[str, str]:
        row = {"transaction_id": tid or f"T{n:07d}", "payer_name": "某单位", "payer_account": "1234567890123",
               "payee_account": payee, "amount": amount or (order["amount"] if order else "1.00"), "memo": memo,
               "time": (_START + datetime.timedelta(seconds=n)).isoformat()}
        rows.append(row)
        return row

    for n in range(transfers - transfers // 50):
        kind = n % 20
        target = orders[(n * 7) % open_orders]
        if kind < 10:
            pay(n, f"货款{target['payment_code'].upper() if n % 3 else target['payment_code']}", target)
        elif kind == 10:
            pay(n, "货款")
        elif kind == 11:
            pay(n, f"货款 zz{n % 10_000:04d}")
        elif kind == 12:
            pay(n, f"{target['payment_code']} {orders[(n * 7 + 1) % open_orders]['payment_code']}", target)
        elif kind == 13:
            pay(n, f"{target['payment_code']} zq{n % 10_000:04d}", target)
        elif kind == 14:
            clash = orders[base + 2 * (n % 50)]
            pay(n, f"货款{clash['payment_code']}", clash)
        elif kind in (15, 16):
            closed = orders[open_orders + (0 if kind == 15 else 500) + n % 500]
            pay(n, f"货款{closed['payment_code']}", closed)
        elif kind == 17:
            pay(n, f"货款{target['payment_code']}", target, payee=SCALE_OTHER_PAYEE)
        elif kind == 18:
            pay(n, f"货款{target['payment_code']}", target, amount="9999.99")
        else:
            variant = (n // 20) % 4
            if variant == 0:
                pay(n, "货款dupno1", orders[base + 150])
            elif variant == 1:
                pay(n, f"货款{orders[1]['payment_code']}", orders[1])
            elif variant == 2:
                pay(n, f"货款{target['payment_code']}", target, tid=f"SEEN{n:07d}")
            else:
                pay(n, f"货款{target['payment_code']}", target)
    for k in range(transfers // 50):  # re-pushed records, and records sharing an id with different content
        again = dict(rows[(k * 37) % len(rows)])
        if k % 2:
            again["memo"] = again["memo"] + "（补）"
        rows.append(again)
    return {"units": units, "filings": filings, "orders": orders, "transfers": rows}


_START = datetime.datetime(2023, 11, 20)
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def _code(number: int) -> str:
    """A six-character payment code for ``number`` (``p`` and five base-36 digits: up to 60 million)."""
    digits = ""
    for _ in range(5):
        number, digit = divmod(number, 36)
        digits = _BASE36[digit] + digits
    return "p" + digits


def scale_seen(rows: dict[str, list[dict[str, str]]]) -> frozenset[str]:
    """The transaction ids of :func:`scale_rows` processed in an earlier run."""
    return frozenset(row["transaction_id"] for row in rows["transfers"] if row["transaction_id"].startswith("SEEN"))


# --- office files: a JSON-format document as a finance office saves it (issue 14) -------------------

_FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


@attrs.frozen
class Percent:
    """An ``.xlsx`` number shown as a percentage: ``Percent(0.3)`` is a cell 0.3 formatted ``0.00%``."""

    value: float


def _office_cell(form: str, value: object, rnd: Any, numbers: bool) -> object:  # noqa: PLR0911 - one per form
    import datetime as dt
    from decimal import Decimal

    text = str(value)
    if form == "amount":
        if numbers and rnd.random() < 0.5:
            return float(text) if "." in text and not text.endswith(".00") else int(Decimal(text))
        yuan_text = f"{Decimal(text):,.2f}" if rnd.random() < 0.5 else text
        return rnd.choice([yuan_text, yuan_text.translate(_FULL_WIDTH), f"{yuan_text}元"])
    if form == "ratio":
        if numbers and rnd.random() < 0.5:
            return Percent(float(Decimal(text) / 100))
        return rnd.choice([f"{text}%", text, f"{text}%".translate(_FULL_WIDTH)])
    if form == "yes-no":
        return rnd.choice(["是", "Y"]) if value else rnd.choice(["否", "N"])
    if form == "time":
        moment = dt.datetime.fromisoformat(text)
        if numbers and rnd.random() < 0.5:
            return moment
        return rnd.choice([moment.isoformat(" "), f"{moment.year}/{moment.month}/{moment.day} {moment:%H:%M:%S}"])
    if form == "year":
        return value if numbers else text
    return text


def office_tables(document: dict[str, Any], rnd: Any, *, numbers: bool = False,
                  english: bool = False) -> dict[str, tuple[list[str], list[list[object]]]]:
    """Each kind of ``document`` as ``(headers, rows)``: Chinese (or English) headers in a shuffled order
    and office-style values (``3,000,000.00``, ``30%``, 是/否, the Chinese labels, full-width digits);
    ``numbers``: amounts, ratios (as :class:`Percent`), years and times partly as ``.xlsx`` numbers."""
    from poverty_procurement.reporting.columns import ValueForm, sheet_for_kind

    tables: dict[str, tuple[list[str], list[list[object]]]] = {}
    for kind in KINDS:
        rows = [dict(row) for row in document.get(kind, [])]
        if not rows:
            continue
        sheet = sheet_for_kind(kind)
        if kind == "filings":
            for row in rows:
                row["has_canteen"] = row["arrangement"] in {"own", "outsourced", "shared-representative"}
        present = [column for column in sheet.columns if any(column.field in row for row in rows)]
        rnd.shuffle(present)
        headers = [column.field if english else column.zh for column in present]
        body: list[list[object]] = []
        for row in rows:
            cells: list[object] = []
            for column in present:
                value = row.get(column.field)
                if value is None:
                    cells.append("")
                elif column.form is ValueForm.CHOICE:
                    cells.append(dict(column.choices)[value])
                else:
                    cells.append(_office_cell(column.form.value, value, rnd, numbers))
            body.append(cells)
        tables[kind] = (headers, body)
    return tables


def write_office_csv(tables: dict[str, tuple[list[str], list[list[object]]]], folder: Any, *,
                     encoding: str, zh_names: bool = True) -> list[Any]:
    """The tables as one CSV file per kind in ``folder`` (named 单位.csv… or units.csv…), in ``encoding``."""
    from poverty_procurement.reporting.columns import sheet_for_kind

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind, (headers, rows) in tables.items():
        sheet = sheet_for_kind(kind)
        path = folder / f"{sheet.zh if zh_names else sheet.en}.csv"
        out = io.StringIO(newline="")
        writer = csv.writer(out)
        writer.writerow(headers)
        writer.writerows([[cell.value if isinstance(cell, Percent) else cell for cell in row] for row in rows])
        path.write_bytes(out.getvalue().encode(encoding))
        paths.append(path)
    return paths


def write_office_xlsx(tables: dict[str, tuple[list[str], list[list[object]]]], path: Any) -> Any:
    """The tables as an ``.xlsx`` workbook with one sheet per kind (单位, 填报, 订单, 转账) and a 说明 sheet."""
    import openpyxl  # type: ignore[import-untyped,unused-ignore]

    from poverty_procurement.reporting.columns import sheet_for_kind

    book = openpyxl.Workbook()
    book.active.title = "说明"
    for kind, (headers, rows) in tables.items():
        sheet = book.create_sheet(sheet_for_kind(kind).zh)
        sheet.append(headers)
        for row in rows:
            sheet.append([cell.value if isinstance(cell, Percent) else cell for cell in row])
            for index, cell in enumerate(row, start=1):
                if isinstance(cell, Percent):
                    sheet.cell(sheet.max_row, index).number_format = "0.00%"
    book.save(path)
    return path
