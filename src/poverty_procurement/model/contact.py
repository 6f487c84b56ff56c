"""预留份额联系人 — the filing's contact person: name, mobile (required), landline (optional).

粤财采购〔2023〕2号 附件2 一、第五步 "核对完善预算单位联系人信息": "填写预留份额联系人姓名";
"输入手机号码（必填）"; "输入固定电话 … 填写固定电话（区号-号码）". The mobile matters: a
returned filing is notified "以短信方式" (附件2 三、第二步).

Accepted (validated with phonenumbers, region CN, imported on first use):

* **mobile**: a valid mainland mobile number (phonenumbers type MOBILE or
  FIXED_LINE_OR_MOBILE), written with or without ``+86``/``86``, spaces or hyphens, full-width
  digits allowed (NFKC). Stored as its 11 digits: ``13800138000``.
* **landline**: ``区号-号码`` — a trunk ``0``, a 2–3 digit area code, a hyphen and a 7–8 digit
  number (``020-83188589``, the notice's own contact number), valid for phonenumbers as a fixed
  line. Stored in that form.

The usual mobile (eleven plain digits, no carrier-selection prefix that phonenumbers could strip)
is checked against the same phonenumbers metadata (region CN) directly, without parsing: the
verdict is the one ``phonenumbers.parse`` + ``is_valid_number`` + ``number_type`` give (a
property test compares them on generated numbers), at a fraction of the cost (issue 18). Other
forms take the full phonenumbers path, whose verdicts are remembered per compact text.

Text is bounded: at most :data:`MAX_PHONE_LENGTH` characters per number and
:data:`MAX_CONTACT_NAME_LENGTH` for the name; longer input is rejected before parsing.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any, cast

import attrs

from ..errors import InvalidContact, UnsupportedType, shown

__all__ = [
    "MAX_CONTACT_NAME_LENGTH",
    "MAX_PHONE_LENGTH",
    "Contact",
    "normalise_contact_name",
    "normalise_landline",
    "normalise_mobile",
]

#: Longest phone text looked at.
MAX_PHONE_LENGTH = 32
#: Longest contact name accepted.
MAX_CONTACT_NAME_LENGTH = 50

_MOBILE_TEXT = re.compile(r"(?:\+?86)?1[0-9]{10}")
_LANDLINE_TEXT = re.compile(r"(0[0-9]{2,3})-([0-9]{7,8})")


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise UnsupportedType(field, f"电话号码须为文本，收到 {type(value).__name__}",
                              f"a phone number is a str, got {type(value).__name__}")
    if len(value) > MAX_PHONE_LENGTH:
        raise InvalidContact(field, f"电话号码过长（最多 {MAX_PHONE_LENGTH} 个字符）",
                             f"the phone number is too long (at most {MAX_PHONE_LENGTH} characters)")
    return unicodedata.normalize("NFKC", value).strip()


_MOBILE_SEPARATORS = re.compile(r"[ \-()]")


def normalise_mobile(value: object, field: str = "mobile") -> str:
    """手机号码 — a mainland mobile number as its 11 digits, or ``InvalidContact`` saying why.

    >>> normalise_mobile("+86 138 0013 8000")
    '13800138000'
    >>> try:
    ...     normalise_mobile("020-83188589")
    ... except InvalidContact as error:
    ...     print(error.zh)
    手机号码须为有效的大陆手机号（11位，以1开头），收到 '020-83188589'
    """
    text = _text(value, field)
    compact = _MOBILE_SEPARATORS.sub("", text)
    if not compact:
        raise InvalidContact(field, "手机号码为必填项", "the mobile number is required")
    digits = _plain_mobile(compact) if _MOBILE_TEXT.fullmatch(compact) else ""
    if digits is None:
        digits = _parsed_mobile(compact)
    if not digits:  # the error is made only now, not on every call
        raise InvalidContact(
            field,
            f"手机号码须为有效的大陆手机号（11位，以1开头），收到 {shown(value)}",
            f"the mobile must be a valid mainland mobile number (11 digits starting with 1), got {shown(value)}",
        )
    return digits


@functools.cache
def _cn_metadata() -> tuple[re.Pattern[str], list[tuple[Any, Any] | None], Any, Any, Any, bool]:
    """phonenumbers' CN metadata, compiled once: the carrier-prefix pattern of parsing, the general
    description, the special number types, fixed line, mobile, and whether those two are the same."""
    import phonenumbers

    data = cast("phonenumbers.PhoneMetadata", phonenumbers.PhoneMetadata.metadata_for_region("CN"))
    special = [data.premium_rate, data.toll_free, data.shared_cost, data.voip, data.personal_number, data.pager,
               data.uan, data.voicemail]
    return (re.compile(data.national_prefix_for_parsing or "(?!)"), [_desc(d) for d in special],
            _desc(data.general_desc), _desc(data.fixed_line), _desc(data.mobile),
            bool(data.same_mobile_and_fixed_line_pattern))


def _desc(description: Any) -> tuple[Any, Any] | None:
    if description is None:
        return None
    pattern = description.national_number_pattern
    return (frozenset(description.possible_length), None if pattern is None else re.compile(pattern))


def _matches(national: str, description: tuple[Any, Any] | None) -> bool:
    """phonenumbers' ``_is_number_matching_desc`` (possible lengths, then the whole pattern)."""
    if description is None:
        return False
    lengths, pattern = description
    if lengths and len(national) not in lengths:
        return False
    return pattern is not None and pattern.fullmatch(national) is not None


def _plain_mobile(compact: str) -> str | None:
    """The verdict for eleven plain digits no carrier prefix starts (``""`` refused), by phonenumbers'
    number-type rules on its CN metadata; ``None`` when the text needs ``phonenumbers.parse``."""
    if len(compact) != 11 or compact[0] != "1":
        return None
    prefix, special, general, fixed, mobile, same = _cn_metadata()
    if prefix.match(compact):
        return None  # parse may strip a carrier-selection code: let it decide
    if not _matches(compact, general) or any(_matches(compact, description) for description in special):
        return ""
    if _matches(compact, fixed):
        return compact if same or _matches(compact, mobile) else ""
    return compact if not same and _matches(compact, mobile) else ""


@functools.lru_cache(maxsize=4096)
def _parsed_mobile(compact: str) -> str:
    """The full phonenumbers check: the national number, or ``""`` when refused (remembered per text)."""
    import phonenumbers

    try:
        number = phonenumbers.parse(compact, "CN")
    except phonenumbers.NumberParseException:  # e.g. 11003002474: 110… is no subscriber number
        return ""
    kind = phonenumbers.number_type(number)
    if (number.country_code != 86 or not phonenumbers.is_valid_number(number)
            or kind not in (phonenumbers.PhoneNumberType.MOBILE,
                            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)):
        return ""
    return str(number.national_number)


def normalise_landline(value: object, field: str = "landline") -> str:
    """固定电话（区号-号码） — a mainland landline as ``区号-号码``, or ``InvalidContact``.

    >>> normalise_landline("020-83188589")
    '020-83188589'
    >>> try:
    ...     normalise_landline("02083188589")
    ... except InvalidContact as error:
    ...     print(error.zh)
    固定电话请按“区号-号码”填写，如 020-83188589，收到 '02083188589'
    """
    text = _text(value, field)
    match = _LANDLINE_TEXT.fullmatch(text)
    if match is None:
        raise InvalidContact(
            field,
            f"固定电话请按“区号-号码”填写，如 020-83188589，收到 {shown(value)}",
            f"write the landline as area code, hyphen, number, e.g. 020-83188589; got {shown(value)}",
        )
    import phonenumbers

    try:  # "00…" is the international prefix: 004-2221738 does not parse as a Chinese number
        number: phonenumbers.PhoneNumber | None = phonenumbers.parse(match[1] + match[2], "CN")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number) or phonenumbers.number_type(number) not in (
        phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise InvalidContact(
            field,
            f"{shown(value)} 不是有效的固定电话号码（区号或号码位数不对），请核对",
            f"{shown(value)} is not a valid landline number (area code or length wrong); check it",
        )
    return f"{match[1]}-{match[2]}"


def normalise_contact_name(value: object) -> str:
    """预留份额联系人姓名 — the name trimmed, or ``InvalidContact`` (empty, too long, control characters).

    >>> normalise_contact_name(" 张三 ")
    '张三'
    """
    if not isinstance(value, str):
        raise UnsupportedType("name", f"联系人姓名须为文本，收到 {type(value).__name__}",
                              f"the contact name is a str, got {type(value).__name__}")
    if len(value) > MAX_CONTACT_NAME_LENGTH * 2:
        raise InvalidContact("name", f"联系人姓名过长（最多 {MAX_CONTACT_NAME_LENGTH} 字）",
                             f"the contact name is too long (at most {MAX_CONTACT_NAME_LENGTH} characters)")
    name = value.strip()
    if not name or len(name) > MAX_CONTACT_NAME_LENGTH or any(not ch.isprintable() for ch in name):
        raise InvalidContact(
            "name",
            f"请填写预留份额联系人姓名（非空、无控制字符，最多 {MAX_CONTACT_NAME_LENGTH} 字）",
            f"fill in the contact's name (non-empty, no control characters, "
            f"at most {MAX_CONTACT_NAME_LENGTH} characters)",
        )
    return name


def _landline(value: str | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return normalise_landline(value)


@attrs.frozen(slots=True)
class Contact:
    """预留份额联系人 — name, mobile (必填, stored as 11 digits) and optional landline (区号-号码).

    Cites 粤财采购〔2023〕2号 附件2 一、第五步. Inputs are normalised on construction; an invalid
    one raises :class:`~poverty_procurement.errors.InvalidContact` naming the field. An empty
    landline means none.

    >>> Contact(" 张三 ", "138 0013 8000", "020-83188589")
    Contact(name='张三', mobile='13800138000', landline='020-83188589')
    >>> Contact("张三", "13800138000", "").landline is None
    True
    """

    name: str = attrs.field(converter=normalise_contact_name)
    mobile: str = attrs.field(converter=normalise_mobile)
    landline: str | None = attrs.field(default=None, converter=_landline)
