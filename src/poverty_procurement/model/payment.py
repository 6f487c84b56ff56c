"""转账与货款确认 — bank transfers, payment vouchers and payment confirmations (货款确认).

Sources (粤财采购〔2023〕2号 附件2 七):

* （一） the buyer's finance staff transfer to the supplier's 收款账户 and write the 6-character
  付款识别码 in the memo (备注栏：用途/摘要/附言) — a :class:`BankTransfer` is what the bank reports.
* （二） no or a wrong code, paid to the settlement account: 货款确认, branch 一致, filling in
  "付款账户名称、付款账号、付款金额" from the bank slip.
* （三） paid to a non-settlement account (e.g. ``050830002000029520019``, 江苏银行): branch 不一致,
  upload "与订单有关的所有支付凭证" ("支持JPG、BMP、PNG格式；文件大小不能超过5M") and a remark
  ("备注：(限制300个字)"; "如遇减免等情况，请在备注中声明"); "平台处理时效为3个工作日".
* （三）第四步 the 货款确认查询 table: numbers ``RL202211231634`` …, states 审核中 / 货款确认成功 /
  货款确认失败, and 修改 on a failed one.

**5M.** The platform says "文件大小不能超过5M" without saying whether M is 10⁶ or 2²⁰ bytes. The
library enforces the smaller reading, :data:`MAX_VOUCHER_BYTES` = 5,000,000 bytes: a voucher the
library accepts is then accepted by the platform under either reading, while 5 × 1024 × 1024 =
5,242,880 could let through a file of 5.1 MB that the platform refuses. The filer loses at most
242,880 bytes of headroom — a re-scan at a lower resolution — and never a rejected upload.

**Formats** are recognised by their content signature in the leading bytes, not by the name:
JPEG ``FF D8 FF``; PNG ``89 50 4E 47 0D 0A 1A 0A``; BMP ``BM`` followed by a known DIB header
size (12, 40, 52, 56, 64, 108 or 124 at offset 14). The name's extension must also be one of
``.jpg``/``.jpeg``/``.png``/``.bmp`` and agree with the content, so neither a renamed PDF nor a
PNG named ``.jpg`` passes. No file is read: the caller passes name, size and leading bytes.

**Remark.** "限制300个字" is read as 300 characters (Unicode code points after NFC): a Chinese
character, a digit and a letter each count one.
"""

from __future__ import annotations

import datetime
import unicodedata
from typing import Any

import attrs

from ..conventions import LabelledEnum
from ..errors import InvalidOrder, InvalidRemark, InvalidVoucher, UnsupportedType, shown
from ..identifiers import account_number, confirmation_number, order_number
from ..money import Yuan
from ._checks import as_yuan, check_enum, normal_text, positive, text_field, timestamp

__all__ = [
    "HEAD_BYTES",
    "MAX_CONFIRMATION_REMARK_LENGTH",
    "MAX_MEMO_LENGTH",
    "MAX_VOUCHERS",
    "MAX_VOUCHER_BYTES",
    "BankTransfer",
    "ConfirmationBranch",
    "ConfirmationStatus",
    "PaymentConfirmation",
    "Voucher",
    "VoucherFormat",
]

#: Longest memo (用途/备注/摘要/附言) accepted, in characters. Banks' memo fields hold far less
#: (typically 30–140 characters); longer text is not a bank memo and is rejected, not truncated
#: (truncating could cut a longer letter/digit run into a false 6-character code).
MAX_MEMO_LENGTH = 512
#: "备注：(限制300个字)" — 附件2 七（三）.
MAX_CONFIRMATION_REMARK_LENGTH = 300
#: "文件大小不能超过5M" read as 5,000,000 bytes (the smaller reading; see the module docstring).
MAX_VOUCHER_BYTES = 5_000_000
#: Library bound on vouchers per confirmation (the guide asks for "所有支付凭证" without a number).
MAX_VOUCHERS = 20
#: How many leading bytes of a voucher are needed (and kept) to recognise its format.
HEAD_BYTES = 18
_MAX_HEAD_KEPT = 64
_MAX_NAME = 255


class VoucherFormat(LabelledEnum):
    """支付凭证格式 — "支持JPG、BMP、PNG格式" (附件2 七（三）)."""

    JPG = ("jpg", "JPG")
    BMP = ("bmp", "BMP")
    PNG = ("png", "PNG")


_EXTENSIONS = {".jpg": VoucherFormat.JPG, ".jpeg": VoucherFormat.JPG, ".png": VoucherFormat.PNG,
               ".bmp": VoucherFormat.BMP}
_BMP_HEADER_SIZES = frozenset({12, 40, 52, 56, 64, 108, 124})


def sniff(head: bytes) -> VoucherFormat | None:
    """图片格式识别 — the format the leading bytes show, or ``None`` if none of JPG/BMP/PNG.

    >>> sniff(bytes.fromhex("89504e470d0a1a0a") + bytes(10))
    <VoucherFormat.PNG: 'png'>
    >>> sniff(b"%PDF-1.7" + bytes(10)) is None
    True
    """
    if head.startswith(b"\xff\xd8\xff"):
        return VoucherFormat.JPG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return VoucherFormat.PNG
    if head.startswith(b"BM") and int.from_bytes(head[14:18], "little") in _BMP_HEADER_SIZES:
        return VoucherFormat.BMP
    return None


def _check_name(instance: Voucher, attribute: Any, value: Any) -> None:
    if not isinstance(value, str):
        raise UnsupportedType("name", f"文件名须为文本，收到 {type(value).__name__}",
                              f"the file name must be str, got {type(value).__name__}")
    if not value.strip() or len(value) > _MAX_NAME or any(ch in value for ch in "/\\\0"):
        raise InvalidVoucher("name", f"文件名须为 1–{_MAX_NAME} 个字符且不含路径（收到 {shown(value)}）",
                             f"the file name must be 1-{_MAX_NAME} characters without a path (got {shown(value)})")


def _check_size(instance: Voucher, attribute: Any, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise UnsupportedType("size", f"文件大小须为整数字节数，收到 {type(value).__name__}",
                              f"the size must be an int number of bytes, got {type(value).__name__}")
    if value <= 0:
        raise InvalidVoucher("size", "文件为空，请重新选择支付凭证", "the file is empty; choose the voucher again")
    if value > MAX_VOUCHER_BYTES:
        size = f"{value:,}" if value.bit_length() < 1000 else shown(value)  # no int-to-text limit
        raise InvalidVoucher(
            "size", f"文件大小 {size} 字节超过 5M（按 {MAX_VOUCHER_BYTES:,} 字节计），请压缩或降低分辨率后再上传",
            f"the file has {size} bytes, above 5M (read as {MAX_VOUCHER_BYTES:,} bytes); "
            "compress it or scan at a lower resolution")


def _keep_head(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value[:_MAX_HEAD_KEPT])
    return value


@attrs.frozen
class Voucher:
    """支付凭证 — one uploaded payment voucher, checked from its name, size and leading bytes.

    ``head`` is the file's first bytes (at least :data:`HEAD_BYTES`, or the whole file if it is
    shorter; only the first 64 are kept). ``format`` is derived from the content.

    >>> png = bytes.fromhex("89504e470d0a1a0a0000000d49484452")
    >>> Voucher("回单.PNG", 120_000, png + bytes(8)).format
    <VoucherFormat.PNG: 'png'>
    >>> try:
    ...     Voucher("回单.png", 5_000_001, png + bytes(8))
    ... except InvalidVoucher as error:
    ...     print(error.zh)
    文件大小 5,000,001 字节超过 5M（按 5,000,000 字节计），请压缩或降低分辨率后再上传
    """

    name: str = attrs.field(validator=_check_name)
    size: int = attrs.field(validator=_check_size)
    head: bytes = attrs.field(converter=_keep_head, repr=False)
    format: VoucherFormat = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        head = self.head
        if not isinstance(head, bytes):
            raise UnsupportedType("head", f"文件开头须为 bytes，收到 {type(head).__name__}",
                                  f"head must be bytes, got {type(head).__name__}")
        if len(head) < min(HEAD_BYTES, self.size) or len(head) > self.size:
            raise InvalidVoucher("head", f"请传入文件开头至少 {HEAD_BYTES} 个字节（且不超过文件大小）",
                                 f"pass at least the first {HEAD_BYTES} bytes of the file (and no more than its size)")
        found = sniff(head)
        if found is None:
            raise InvalidVoucher("head", f"文件 {shown(self.name)} 不是 JPG、BMP 或 PNG 图片，请上传这三种格式",
                                 f"{shown(self.name)} is not a JPG, BMP or PNG image; upload one of those formats")
        dot = self.name.rfind(".")
        claimed = _EXTENSIONS.get(self.name[dot:].lower()) if dot >= 0 else None
        if claimed is None:
            raise InvalidVoucher("name", f"文件扩展名须为 .jpg/.jpeg/.bmp/.png（收到 {shown(self.name)}）",
                                 f"the extension must be .jpg/.jpeg/.bmp/.png (got {shown(self.name)})")
        if claimed is not found:
            raise InvalidVoucher("name", f"文件内容是 {found.zh}，扩展名却是 {claimed.zh}，请改正扩展名后再上传",
                                 f"the content is {found.zh} but the extension says {claimed.zh}; fix the extension")
        object.__setattr__(self, "format", found)


def _account(value: str) -> str:
    return account_number.validate(value)


def _memo(instance: BankTransfer, attribute: Any, value: Any) -> None:
    if not isinstance(value, str):
        raise UnsupportedType("memo", f"附言须为文本，收到 {type(value).__name__}",
                              f"the memo must be str, got {type(value).__name__}")
    if len(value) > MAX_MEMO_LENGTH:
        raise InvalidOrder("memo", f"附言过长（{len(value)} 个字符，最多 {MAX_MEMO_LENGTH}）",
                           f"the memo is too long ({len(value)} characters, at most {MAX_MEMO_LENGTH})")


@attrs.frozen
class BankTransfer:
    """银行转账 — one incoming transfer as the bank reports it (附件2 七（一）).

    ``transaction_id`` is the bank's unique id of the transfer; ``payer_name``/``payer_account``
    the 付款账户; ``payee_account`` the account credited; ``memo`` the free text of
    用途/备注/摘要/附言 (at most :data:`MAX_MEMO_LENGTH` characters, kept verbatim); ``time`` when
    the bank booked it (naive = Beijing time).

    >>> t = BankTransfer("B0001", "某某局", "1234567890123", "35000188110503337", "0.01",
    ...                  "货款 F54YXN", datetime.datetime(2022, 11, 23, 10, 0))
    >>> str(t.amount), t.payee_account
    ('0.01元', '35000188110503337')
    """

    transaction_id: str = attrs.field(converter=normal_text, validator=text_field(64))
    payer_name: str = attrs.field(converter=normal_text, validator=text_field(100))
    payer_account: str = attrs.field(converter=_account)
    payee_account: str = attrs.field(converter=_account)
    amount: Yuan = attrs.field(converter=as_yuan, validator=positive)
    memo: str = attrs.field(validator=_memo)
    time: datetime.datetime = attrs.field(validator=timestamp)


class ConfirmationBranch(LabelledEnum):
    """收款方信息是否一致 — the two branches of 货款确认 (附件2 七（二）、（三）)."""

    CONSISTENT = ("consistent", "一致")
    INCONSISTENT = ("inconsistent", "不一致")


class ConfirmationStatus(LabelledEnum):
    """申请状态 — states in the 货款确认查询 table (附件2 七（三）第四步)."""

    UNDER_REVIEW = ("under-review", "审核中")
    CONFIRMED = ("confirmed", "货款确认成功")
    REJECTED = ("rejected", "货款确认失败")


def _remark(value: Any) -> Any:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _check_remark(instance: PaymentConfirmation, attribute: Any, value: Any) -> None:
    if not isinstance(value, str):
        raise UnsupportedType("remark", f"备注须为文本，收到 {type(value).__name__}",
                              f"the remark must be str, got {type(value).__name__}")
    if len(value) > MAX_CONFIRMATION_REMARK_LENGTH:
        raise InvalidRemark("remark", f"备注限制 {MAX_CONFIRMATION_REMARK_LENGTH} 个字，现有 {len(value)} 个字，请删减",
                            f"the remark is limited to {MAX_CONFIRMATION_REMARK_LENGTH} characters, "
                            f"it has {len(value)}; shorten it")


def _optional_account(value: str | None) -> str | None:
    return None if value is None else account_number.validate(value)


def _optional_amount(value: object) -> Yuan | None:
    return None if value is None else as_yuan(value)


def _confirmation_number(value: str) -> str:
    return confirmation_number.validate(value)


def _order_number(value: str) -> str:
    return order_number.validate(value)


def _vouchers(value: Any) -> Any:
    return tuple(value) if isinstance(value, (list, tuple)) else value


@attrs.frozen
class PaymentConfirmation:
    """货款确认 — a buyer's application to have a payment credited by hand (附件2 七（二）（三）).

    * Branch 一致 (:attr:`ConfirmationBranch.CONSISTENT`): ``payer_name``, ``payer_account`` and
      ``payer_amount`` from the bank slip are required; no vouchers or remark (the guide asks for
      none on that page).
    * Branch 不一致 (:attr:`ConfirmationBranch.INCONSISTENT`): at least one :class:`Voucher` (at
      most :data:`MAX_VOUCHERS`) and an optional remark of at most 300 characters; payer fields
      may be given.

    Create and change confirmations with :mod:`poverty_procurement.rules.payments.confirmation`.
    """

    number: str = attrs.field(converter=_confirmation_number)
    order_number: str = attrs.field(converter=_order_number)
    branch: ConfirmationBranch = attrs.field(validator=check_enum(ConfirmationBranch))
    submitted_at: datetime.datetime = attrs.field(validator=timestamp)
    status: ConfirmationStatus = attrs.field(default=ConfirmationStatus.UNDER_REVIEW,
                                             validator=check_enum(ConfirmationStatus))
    payer_name: str | None = attrs.field(
        default=None, converter=normal_text, validator=attrs.validators.optional(text_field(100)))
    payer_account: str | None = attrs.field(default=None, converter=_optional_account)
    payer_amount: Yuan | None = attrs.field(default=None, converter=_optional_amount)
    vouchers: tuple[Voucher, ...] = attrs.field(default=(), converter=_vouchers)
    remark: str = attrs.field(default="", converter=_remark, validator=_check_remark)

    def __attrs_post_init__(self) -> None:
        vouchers = self.vouchers
        if not isinstance(vouchers, tuple) or not all(isinstance(v, Voucher) for v in vouchers):
            raise UnsupportedType("vouchers", "支付凭证须为 Voucher 的元组", "vouchers must be a tuple of Voucher")
        if len(vouchers) > MAX_VOUCHERS:
            raise InvalidVoucher("vouchers", f"支付凭证最多 {MAX_VOUCHERS} 张", f"at most {MAX_VOUCHERS} vouchers")
        if self.payer_amount is not None and self.payer_amount.fen <= 0:
            raise InvalidOrder("payer_amount", "付款金额必须大于 0 元", "the payer amount must be above zero")
        if self.branch is ConfirmationBranch.CONSISTENT:
            missing = [name for name in ("payer_name", "payer_account", "payer_amount") if getattr(self, name) is None]
            if missing:
                raise InvalidOrder(missing[0], "选择“一致”时须按银行回单填写付款账户名称、付款账号、付款金额",
                                   "the consistent branch needs payer name, account and amount from the bank slip")
            if vouchers or self.remark:
                raise InvalidOrder("vouchers" if vouchers else "remark",
                                   "选择“一致”时不上传支付凭证、不填备注；付款到非结算账户请选择“不一致”",
                                   "the consistent branch takes no vouchers or remark; "
                                   "for a payment to another account choose the inconsistent branch")
        elif not vouchers:
            raise InvalidVoucher("vouchers", "选择“不一致”时须上传与订单有关的所有支付凭证",
                                 "the inconsistent branch needs every payment voucher of the order")
