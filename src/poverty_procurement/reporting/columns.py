"""列名对照 — the column vocabulary of office files: per record kind, the English field names, the
Chinese headers, the sheet names and an example row.

One table serves the readers of CSV and xlsx files, the templates
(``poverty-procurement template``) and the documentation page of accepted columns. For filings the
Chinese headers are the platform form's own labels (粤财采购〔2023〕2号 附件2 一、第四步 预留份额
填报, 第五步 联系人信息): 单位代码, 单位名称, 是否有食堂, 食堂情形, 年度食堂食材采购总额, 预留比例,
是否有工会采购需求, 工会采购总额, 工会采购预留比例, 备注, 联系人, 手机号码, 固定电话. The headers
of units, orders and transfers are this library's own names, chosen from the words of 附件2 七
(订单号, 收款账号, 开户银行, 联行号, 附言…).

A header matches a column when, after :func:`header_key` (spaces, ``*``, a leading year such as
``2023年度`` and a unit such as ``(元)`` or ``（%）`` removed; full-width letters and digits made
half-width; English case ignored), it equals the column's English field name, its Chinese header or
one of its aliases — so the form's own ``* 2023年度食堂食材采购总额 (元)`` is read as
``canteen_total``.

>>> sheet = sheet_named("填报")
>>> sheet.kind, sheet.column("* 2023年度预留比例 (%)").field
('filings', 'ratio')
>>> sheet.column("Contact_Mobile").zh
'手机号码'
>>> [s.zh for s in SHEETS]
['单位', '填报', '订单', '转账']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

import attrs

from ..conventions import LabelledEnum

__all__ = [
    "FORM_HINTS",
    "INSTRUCTIONS_SHEET",
    "SHEETS",
    "Column",
    "SheetKind",
    "ValueForm",
    "header_key",
    "sheet_for_kind",
    "sheet_named",
]

#: The name of the instructions sheet of a template workbook (read as nothing).
INSTRUCTIONS_SHEET = "说明"


class ValueForm(LabelledEnum):
    """取值形式 — what a column holds, and so how an office's cell text is read.

    ``TEXT`` any text; ``CODE`` a code (unit code, order number, account: digits kept as text);
    ``AMOUNT`` 元 (``3000000``, ``3,000,000.00``, ``３０００``); ``RATIO`` percent (``30``, ``30%``,
    ``30.00%``); ``YES_NO`` 是/否; ``CHOICE`` one of the column's Chinese labels (or its English value);
    ``YEAR`` a year such as 2023; ``TIME`` a date and time (``2023-03-13 10:00:00``, Beijing time).

    >>> ValueForm.RATIO.zh
    '百分比'
    """

    TEXT = ("text", "文字")
    CODE = ("code", "代码")
    AMOUNT = ("amount", "金额（元）")
    RATIO = ("ratio", "百分比")
    YES_NO = ("yes-no", "是/否")
    CHOICE = ("choice", "选项")
    YEAR = ("year", "年度")
    TIME = ("time", "日期时间")


#: The expected form of each kind of value, as an error message or the 说明 sheet words it: (zh, en).
FORM_HINTS: Mapping[ValueForm, tuple[str, str]] = {
    ValueForm.TEXT: ("文字", "text"),
    ValueForm.CODE: ("代码（按文本填写，如 44010000）", "a code, as text (e.g. 44010000)"),
    ValueForm.AMOUNT: ("金额，单位元，如 3000000 或 3,000,000.00（最多两位小数）",
                       "an amount in yuan, e.g. 3000000 or 3,000,000.00 (at most two decimals)"),
    ValueForm.RATIO: ("百分比，如 30 或 30%（30 即 30%）", "a percentage, e.g. 30 or 30% (30 means 30%)"),
    ValueForm.YES_NO: ("是 或 否", "是 or 否 (yes or no)"),
    ValueForm.CHOICE: ("下列之一", "one of"),
    ValueForm.YEAR: ("年度，如 2023", "a year, e.g. 2023"),
    ValueForm.TIME: ("日期时间（北京时间），如 2023-03-13 10:00:00",
                     "a date and time (Beijing time), e.g. 2023-03-13 10:00:00"),
}


@attrs.frozen
class Column:
    """列 — one column of an office file: its English ``field``, Chinese header ``zh``, value ``form``,
    whether it is ``required``, an ``example`` cell as an office writes it, the accepted ``choices``
    (for ``CHOICE`` columns: English value → Chinese label) and extra header spellings ``aliases``.
    """

    field: str
    zh: str
    form: ValueForm
    required: bool = False
    example: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    aliases: tuple[str, ...] = ()
    en: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """Every header spelling this column answers to: Chinese header, English field, aliases."""
        return (self.zh, self.field, *self.aliases)

    @property
    def expected(self) -> tuple[str, str]:
        """The expected form of a cell, in Chinese and English (the choices listed for a ``CHOICE`` column)."""
        zh, en = FORM_HINTS[self.form]
        if self.form is ValueForm.CHOICE:
            return f"{zh}：{'、'.join(label for _, label in self.choices)}", \
                f"{en}: {', '.join(value for value, _ in self.choices)}"
        return zh, en


@attrs.frozen
class SheetKind:
    """一类记录的表 — a record kind (``kind``, one of ``units``, ``filings``, ``orders``, ``transfers``),
    its sheet names ``zh`` and ``en`` and its ``columns`` in template order.
    """

    kind: str
    zh: str
    en: str
    columns: tuple[Column, ...]

    def column(self, header: str) -> Column | None:
        """The column a header (as the user wrote it) names, or ``None`` for an unknown header."""
        return _LOOKUP[self.kind].get(header_key(header))

    @property
    def fields(self) -> tuple[str, ...]:
        """The English field names, in template order."""
        return tuple(column.field for column in self.columns)

    @property
    def headers(self) -> tuple[str, ...]:
        """The Chinese headers, in template order (the template's header row)."""
        return tuple(column.zh for column in self.columns)

    @property
    def example(self) -> dict[str, str]:
        """The example row: Chinese header → cell text, as an office writes it (empty cells left out)."""
        return {column.zh: column.example for column in self.columns if column.example}

    def accepted(self) -> str:
        """The accepted headers, for an unknown-column message: ``单位代码 (unit)、…``."""
        return "、".join(f"{column.zh} ({column.field})" for column in self.columns)


_HEADER_NOISE = re.compile(r"[\s*＊:：]+")
_LEADING_YEAR = re.compile(r"^(?:\d{4})?年度(?=.)")
_TRAILING_UNIT = re.compile(r"[(（](?:元|%|％|百分比)[)）]$")


def header_key(header: str) -> str:
    """表头规范化 — the key a header is matched by: NFKC (full-width to half-width), spaces, ``*`` and
    colons removed, a leading ``2023年度``/``年度`` and a trailing ``(元)``/``(%)`` removed, lower case.

    >>> header_key(" * 2023年度食堂食材采购总额 (元)"), header_key("Contact_Name"), header_key("\\ufeff单位代码")
    ('食堂食材采购总额', 'contact_name', '单位代码')
    """
    text = unicodedata.normalize("NFKC", header).replace("\ufeff", "")
    text = _HEADER_NOISE.sub("", text)
    text = _TRAILING_UNIT.sub("", text)
    text = _LEADING_YEAR.sub("", text)
    return text.lower()


def _choices(enum: type[LabelledEnum]) -> tuple[tuple[str, str], ...]:
    return tuple((member.value, member.zh) for member in enum)


def _make_sheets() -> tuple[SheetKind, ...]:
    from ..model.filing import CanteenArrangement
    from ..model.order import Channel, OrderStatus, Placer, ProductCategory, UnionDelivery, UnionScheme

    c, f = Column, ValueForm
    units = SheetKind("units", "单位", "units", (
        c("code", "单位代码", f.CODE, True, "44010000", aliases=("预算单位代码",), en="unit code"),
        c("name", "单位名称", f.TEXT, True, "广东省某厅", aliases=("预算单位名称",), en="unit name"),
        c("province", "省份", f.TEXT, False, "广东", aliases=("省", "所属省份"), en="province (default 广东)"),
        c("superior", "上级单位代码", f.CODE, False, "", aliases=("主管预算单位代码", "上级单位"),
          en="code of the superior unit (empty for the 主管预算单位)"),
    ))
    filings = SheetKind("filings", "填报", "filings", (
        c("unit", "单位代码", f.CODE, True, "44010000", aliases=("预算单位代码",), en="unit code"),
        c("unit_name", "单位名称", f.TEXT, False, "广东省某厅", aliases=("预算单位名称",),
          en="unit name (a filings-only file: names the unit)"),
        c("province", "省份", f.TEXT, False, "", aliases=("省", "所属省份"),
          en="province (a filings-only file; default 广东)"),
        c("year", "年度", f.YEAR, False, "2023", aliases=("填报年度",), en="year (default: --year)"),
        c("has_canteen", "是否有食堂", f.YES_NO, False, "是", en="has a canteen"),
        c("arrangement", "食堂情形", f.CHOICE, False, "自有食堂", _choices(CanteenArrangement),
          aliases=("食堂情况", "外包或共用食堂情形"), en="canteen arrangement (default: 自有食堂 if 是否有食堂 is 是, "
                                                 "无食堂 if 否)"),
        c("canteen_total", "年度食堂食材采购总额", f.AMOUNT, False, "3,000,000.00",
          en="annual canteen food purchase total"),
        c("ratio", "预留比例", f.RATIO, False, "30%", en="reserved ratio"),
        c("reserved_share", "预留份额", f.AMOUNT, False, "", en="reserved share (optional, checked)"),
        c("has_union_need", "是否有工会采购需求", f.YES_NO, False, "否", en="has a union purchase need"),
        c("union_total", "工会采购总额", f.AMOUNT, False, "", aliases=("工会采购金额",), en="union purchase total"),
        c("union_ratio", "工会采购预留比例", f.RATIO, False, "", en="union reserved ratio"),
        c("union_remark", "工会备注", f.TEXT, False, "", aliases=("工会采购备注",), en="union remark"),
        c("remark", "备注", f.TEXT, False, "", en="remark (无食堂 / 共用XX单位食堂)"),
        c("contact_name", "联系人", f.TEXT, False, "张三", aliases=("预留份额联系人", "填写预留份额联系人"),
          en="contact name"),
        c("contact_mobile", "手机号码", f.CODE, False, "13800138000", aliases=("手机", "联系方式"), en="mobile"),
        c("contact_landline", "固定电话", f.CODE, False, "020-83188589", aliases=("座机",), en="landline"),
        c("executing_entity", "执行主体", f.TEXT, False, "", en="executing entity (outsourced canteen)"),
    ))
    orders = SheetKind("orders", "订单", "orders", (
        c("number", "订单号", f.CODE, True, "XD2023031300000001", aliases=("订单编号",), en="order number"),
        c("buyer_unit", "采购单位代码", f.CODE, True, "44010000", aliases=("单位代码", "采购单位"),
          en="buyer unit code"),
        c("placed_by", "下单主体", f.CHOICE, True, "本单位", _choices(Placer), en="placed by"),
        c("channel", "下单渠道", f.CHOICE, True, "832平台交易系统", _choices(Channel), en="channel"),
        c("supplier", "供应商", f.TEXT, True, "贵州某生态农业有限公司", aliases=("供应商名称",), en="supplier"),
        c("account_holder", "收款户名", f.TEXT, False, "", aliases=("户名",), en="account holder (default: supplier)"),
        c("account_number", "收款账号", f.CODE, True, "6222021001122334455", aliases=("账号",), en="account number"),
        c("bank", "开户银行", f.TEXT, True, "中国工商银行股份有限公司三都支行", aliases=("开户行",), en="bank"),
        c("bank_code", "联行号", f.CODE, True, "102100099996", aliases=("开户行联行号",), en="bank code"),
        c("amount", "订单金额", f.AMOUNT, True, "300,000.00", aliases=("金额",), en="amount"),
        c("payment_code", "付款码", f.CODE, False, "k3m8pq", aliases=("支付码",), en="payment code"),
        c("origin_county", "产地县", f.TEXT, True, "三都县", aliases=("产地",), en="county of origin"),
        c("category", "品类", f.CHOICE, False, "米面粮油", _choices(ProductCategory), en="category"),
        c("status", "订单状态", f.CHOICE, False, "待支付货款", _choices(OrderStatus), en="status (default 待支付货款)"),
        c("paid_at", "支付时间", f.TIME, False, "", aliases=("付款时间",), en="paid at"),
        c("refunded", "退款金额", f.AMOUNT, False, "", en="refunded"),
        c("union_scheme", "工会采购方案", f.CHOICE, False, "", _choices(UnionScheme), en="union scheme"),
        c("union_delivery", "工会配送方式", f.CHOICE, False, "", _choices(UnionDelivery), en="union delivery"),
        c("voucher_redemption", "是否提货券兑换", f.YES_NO, False, "", en="voucher redemption"),
    ))
    transfers = SheetKind("transfers", "转账", "transfers", (
        c("transaction_id", "交易流水号", f.CODE, True, "CEB20230313000101", aliases=("流水号",), en="transaction id"),
        c("payer_name", "付款户名", f.TEXT, True, "广东省某厅", aliases=("付款人",), en="payer name"),
        c("payer_account", "付款账号", f.CODE, True, "44001000000000000001", en="payer account"),
        c("payee_account", "收款账号", f.CODE, True, "6222021001122334455", en="payee account"),
        c("amount", "转账金额", f.AMOUNT, True, "300,000.00", aliases=("金额",), en="amount"),
        c("memo", "附言", f.TEXT, True, "货款 k3m8pq", aliases=("用途", "摘要"), en="memo"),
        c("time", "转账时间", f.TIME, True, "2023-03-13 10:00:00", aliases=("交易时间",), en="time"),
    ))
    return units, filings, orders, transfers


#: The four record kinds, in the order they are read (units before the filings naming them).
SHEETS: tuple[SheetKind, ...] = _make_sheets()
_LOOKUP: dict[str, dict[str, Column]] = {
    sheet.kind: {header_key(name): column for column in sheet.columns for name in column.names} for sheet in SHEETS}
_SHEET_NAMES: dict[str, SheetKind] = {
    header_key(name): sheet for sheet in SHEETS
    for name in (sheet.zh, sheet.en, sheet.kind, sheet.kind.removesuffix("s"), f"{sheet.zh}表", f"{sheet.zh}信息")}


def sheet_for_kind(kind: str) -> SheetKind:
    """The :class:`SheetKind` of a record kind (``units``, ``filings``, ``orders`` or ``transfers``)."""
    return next(sheet for sheet in SHEETS if sheet.kind == kind)


def sheet_named(name: str) -> SheetKind | None:
    """The record kind a sheet or file name (without ``.csv``) stands for — ``单位``/``units``/``unit``,
    ``填报``/``filings``… (also ``单位表``, ``填报信息``) — or ``None``.

    >>> sheet_named("Orders").kind, sheet_named("转账").kind, sheet_named("说明")
    ('orders', 'transfers', None)
    """
    return _SHEET_NAMES.get(header_key(name))
